import Token from 'markdown-it/lib/token.mjs';
import { addClasses, hasClass, removeAttribute } from './attributes.ts';
import { DIV_OPEN, closingIndexes } from './divs.ts';

/*
 * Quarto's slide layout, as markup that assets/theme/quarto-layout.css completes: `layout-ncol` /
 * `layout-nrow` / `layout="[…]"` grids, and the `::: aside` and `::: footer` divs that Quarto pins to the foot
 * of their slide. (`.absolute` is absolute.ts: images need it too.)
 */

/** The rows of a layout: each row the relative widths of its cells; a negative width is empty space. */
export type LayoutRows = number[][];

/**
 * Reads a div's layout attributes, or undefined if it has none (or only unreadable ones).
 * `layout-ncol=3` → one row of three equal cells; `layout="[1,20]"` → one row 1:20;
 * `layout="[[1,1],[1]]"` → two cells, then one. `layout-nrow` needs the cell count, so it is read later.
 */
export function readLayout(token: Token, cellCount: number): LayoutRows | undefined {
  const layout = token.attrGet('layout');
  if (layout !== null) {
    const rows = parseLayout(layout);
    if (rows) return rows;
  }
  const ncol = positiveInteger(token.attrGet('layout-ncol'));
  if (ncol) return [Array<number>(ncol).fill(1)];
  const nrow = positiveInteger(token.attrGet('layout-nrow'));
  if (nrow) return [Array<number>(Math.max(1, Math.ceil(cellCount / nrow))).fill(1)];
  return undefined;
}

export function parseLayout(text: string): LayoutRows | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const rows = value.every((item) => typeof item === 'number') ? [value as number[]] : (value as unknown[]);
  const valid = rows.every((row) => Array.isArray(row) && row.length > 0 && row.every((cell) => typeof cell === 'number' && cell !== 0 && Number.isFinite(cell)));
  return valid ? (rows as LayoutRows) : undefined;
}

function positiveInteger(value: string | null): number | undefined {
  const number = value === null ? NaN : Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

const LAYOUT_KEYS = ['layout', 'layout-ncol', 'layout-nrow'];

function isLayoutDiv(token: Token): boolean {
  return token.type === DIV_OPEN && LAYOUT_KEYS.some((key) => token.attrGet(key) !== null);
}

/**
 * Lays out every div with layout attributes. Its cells are its direct children, except that a paragraph of
 * images alone (`![A](a.png)` `![B](b.png)`) gives one cell per image, each then a figure with its caption
 * (makeFigures runs after this) as in Quarto.
 * One row of positive widths repeated is a CSS grid of those fractions; differing rows or gaps (negative
 * widths) place each cell by its percentage of its row.
 */
export function layoutGrids(tokens: readonly Token[]): Token[] {
  if (!tokens.some(isLayoutDiv)) return [...tokens];
  const closes = closingIndexes(tokens);
  const result: Token[] = [];
  const open: Array<{ token: Token; cells: Token[]; close: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const frame = open.at(-1);
    if (frame && i === frame.close) {
      open.pop();
      applyLayout(frame.token, frame.cells);
    } else if (frame && token.level === frame.token.level + 1 && token.nesting >= 0) {
      const images = imageParagraph(tokens, i);
      if (images) {
        for (const image of images) {
          const cell = splitParagraph(tokens, i, image);
          frame.cells.push(cell[0]!);
          result.push(...cell);
        }
        i += 2;
        continue;
      }
      frame.cells.push(token);
    }
    result.push(token);
    if (isLayoutDiv(token) && closes[i]! !== -1) {
      open.push({ token, cells: [], close: closes[i]! });
    }
  }
  return result;
}

/** The images of a paragraph that holds two or more images and nothing else but spaces and line breaks. */
function imageParagraph(tokens: readonly Token[], index: number): Token[] | undefined {
  if (tokens[index]?.type !== 'paragraph_open' || tokens[index + 2]?.type !== 'paragraph_close') return undefined;
  const children = tokens[index + 1]?.children ?? [];
  const images = children.filter((child) => child.type === 'image');
  const onlyImages = children.every((child) => child.type === 'image' || child.type === 'softbreak' || (child.type === 'text' && child.content.trim() === ''));
  return onlyImages && images.length >= 2 ? images : undefined;
}

function splitParagraph(tokens: readonly Token[], index: number, image: Token): Token[] {
  const [open, inline, close] = [tokens[index]!, tokens[index + 1]!, tokens[index + 2]!];
  const cellOpen = Object.assign(new Token('paragraph_open', 'p', 1), { map: open.map, level: open.level, block: true });
  const cellInline = Object.assign(new Token('inline', '', 0), { map: inline.map, level: inline.level, children: [image], content: '' });
  const cellClose = Object.assign(new Token('paragraph_close', 'p', -1), { level: close.level, block: true });
  return [cellOpen, cellInline, cellClose];
}

function applyLayout(div: Token, cells: readonly Token[]): void {
  const rows = readLayout(div, cells.length);
  for (const key of LAYOUT_KEYS) removeAttribute(div, key);
  if (!rows) return;
  const style = div.attrGet('style') ?? '';
  const uniform = rows.every((row) => row.every((width) => width > 0) && row.join() === rows[0]!.join());
  if (uniform) {
    addClasses(div, ['quarto-layout', 'quarto-layout-grid']);
    div.attrSet('style', `grid-template-columns:${rows[0]!.map((width) => `minmax(0,${width}fr)`).join(' ')};${style}`);
    return;
  }
  addClasses(div, ['quarto-layout', 'quarto-layout-rows']);
  // Each cell takes its share of its row; the spaces (negative widths) before it become its left margin.
  let cell = 0;
  for (let r = 0; cell < cells.length; r = (r + 1) % rows.length) {
    const row = rows[r]!;
    const total = row.reduce((sum, width) => sum + Math.abs(width), 0);
    let gap = 0;
    for (const width of row) {
      const share = (Math.abs(width) / total) * 100;
      if (width < 0) {
        gap += share;
        continue;
      }
      const target = cells[cell++];
      if (!target) break;
      const margin = gap > 0 ? `margin-left:${round(gap)}%;` : '';
      target.attrSet('style', `flex:0 0 ${round(share)}%;${margin}${target.attrGet('style') ?? ''}`);
      gap = 0;
    }
    if (row.every((width) => width < 0)) break;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * `::: aside` becomes `<aside class="aside">` and `::: footer` this slide's own footer
 * (`<div class="axon-slide-footer">`, which hides the deck's footer: the slide gets class `has-footer`);
 * both move to the end of the slide, where the theme pins them to its foot, as Quarto does.
 * Only top-level ones move: an aside inside a column stays in the column.
 */
export function placeSlideFoot(tokens: readonly Token[]): { tokens: Token[]; sectionClasses: string[] } {
  const closes = closingIndexes(tokens);
  const body: Token[] = [];
  const foot: Token[] = [];
  let hasFooter = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const kind = token.type === DIV_OPEN && token.level === 0 ? footKind(token) : undefined;
    if (!kind || closes[i] === -1) {
      body.push(token);
      continue;
    }
    const close = tokens[closes[i]!]!;
    // Marked so that a `. . .` pause before it does not wrap it (fragments.ts wrapPauses): the foot is pinned
    // to the slide's foot from the first step, as in Quarto.
    token.meta = { ...token.meta, axonSlideFoot: true };
    if (kind === 'aside') {
      token.tag = 'aside';
      close.tag = 'aside';
    } else {
      hasFooter = true;
      const classes = (token.attrGet('class') ?? '').split(/\s+/).filter((name) => name && name !== 'footer');
      token.attrSet('class', ['axon-slide-footer', ...classes].join(' '));
    }
    for (let k = i; k <= closes[i]!; k++) foot.push(tokens[k]!);
    i = closes[i]!;
  }
  return { tokens: [...body, ...foot], sectionClasses: hasFooter ? ['has-footer'] : [] };
}

function footKind(token: Token): 'aside' | 'footer' | undefined {
  if (hasClass(token, 'aside')) return 'aside';
  if (hasClass(token, 'footer')) return 'footer';
  return undefined;
}

/**
 * build-slide's hook: lays out grids and moves asides and footers to the slide's foot, in place (after the
 * speaker notes are taken, so that a reveal-style `Note:` never swallows a moved aside). Returns the classes
 * the slide's `<section>` needs.
 */
export function arrangeQuartoBlocks(tokens: Token[]): string[] {
  const arranged = placeSlideFoot(layoutGrids(tokens));
  tokens.length = 0;
  for (const token of arranged.tokens) tokens.push(token);
  return arranged.sectionClasses;
}
