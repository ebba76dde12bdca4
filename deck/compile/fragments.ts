import Token from 'markdown-it/lib/token.mjs';
import { addClasses, classList, hasClass } from './attributes.ts';
import { codeStepCount } from './code.ts';
import { DIV_CLOSE, DIV_OPEN, closingIndexes } from './divs.ts';
import { attributeOf, scanHtml, visibleText, type HtmlItem } from './html-scan.ts';
import { plainText } from './text.ts';
import type { Fragment, FragmentSource } from './types.ts';

const PAUSE = '. . .';

/**
 * Marks list items as fragments where lists are incremental: inside `::: {.incremental}`, or everywhere
 * when the deck sets `incremental: true`, except inside `::: {.nonincremental}`.
 */
export function markIncrementalLists(tokens: readonly Token[], deckIncremental: boolean): void {
  const stack: Array<boolean | undefined> = [];
  for (const token of tokens) {
    if (token.type === DIV_OPEN) {
      stack.push(hasClass(token, 'nonincremental') ? false : hasClass(token, 'incremental') ? true : undefined);
    } else if (token.type === DIV_CLOSE) {
      stack.pop();
    } else if (token.type === 'list_item_open') {
      const innermost = stack.findLast((setting) => setting !== undefined);
      if (innermost ?? deckIncremental) {
        addClasses(token, ['fragment']);
        token.meta = { ...token.meta, axonFragmentSource: 'incremental' };
      }
    }
  }
}

/**
 * `. . .` (a paragraph of its own) wraps what follows it, up to the next pause or the end of the enclosing
 * block, in `<div class="fragment">`. Works at any depth, so a pause inside a column steps that column.
 * It stops at the slide's foot (`::: footer`, `::: aside`): those show from the first step, as in Quarto.
 */
export function wrapPauses(tokens: readonly Token[]): Token[] {
  const result: Token[] = [];
  const openLevels: number[] = [];
  const close = (): void => {
    openLevels.pop();
    result.push(pauseToken(-1));
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    while (openLevels.length > 0 && token.level < openLevels.at(-1)!) close();
    // The slide's own footer and asides (moved to its end by quarto-layout.ts) are never part of a step.
    if (token.meta?.axonSlideFoot) while (openLevels.length > 0) close();
    if (isPause(tokens, i)) {
      if (openLevels.at(-1) === token.level) close();
      result.push(pauseToken(1));
      openLevels.push(token.level);
      i += 2;
      continue;
    }
    result.push(token);
  }
  while (openLevels.length > 0) close();
  return result;
}

function isPause(tokens: readonly Token[], index: number): boolean {
  return (
    tokens[index]?.type === 'paragraph_open' &&
    tokens[index + 1]?.content.trim() === PAUSE &&
    tokens[index + 2]?.type === 'paragraph_close'
  );
}

function pauseToken(nesting: 1 | -1): Token {
  const token = new Token(nesting === 1 ? 'axon_pause_open' : 'axon_pause_close', 'div', nesting);
  token.block = true;
  if (nesting === 1) {
    token.attrSet('class', 'fragment');
    token.meta = { axonFragmentSource: 'pause' };
  }
  return token;
}

/** Attributes Pandoc/Quarto write bare that reveal.js reads as `data-*`. */
const REVEAL_DATA_ATTRIBUTES = new Set(['fragment-index', 'preview-link']);

/**
 * Pandoc-style `fragment-index=2` means reveal's `data-fragment-index="2"`; Quarto's `[text](url){preview-link="true"}`
 * means `data-preview-link`.
 */
export function renameFragmentIndex(token: Token): void {
  for (const attribute of token.attrs ?? []) {
    if (REVEAL_DATA_ATTRIBUTES.has(attribute[0])) attribute[0] = `data-${attribute[0]}`;
  }
}

/** A fragment's label is for reading (tests, the exporter's log), not the whole slide again: it is cut here. */
export const FRAGMENT_TEXT_MAX = 500;
/** How many tokens a label is read from at most, so nested fragments do not each read the rest of the slide. */
const FRAGMENT_TOKENS_MAX = 2000;

/** Every fragment reveal will step through on this slide, in document order. */
export function collectFragments(tokens: readonly Token[]): Fragment[] {
  const fragments: Fragment[] = [];
  collectInto(tokens, fragments);
  return fragments;
}

// Pushes one at a time: `push(...list)` overflows the call stack once a slide has ~100,000 fragments.
function collectInto(tokens: readonly Token[], fragments: Fragment[]): void {
  let closes: Int32Array | undefined;
  let inlineCloses: InlineCloses | undefined;
  tokens.forEach((token, index) => {
    if (token.type === 'inline') {
      collectInto(token.children ?? [], fragments);
    } else if (token.type === 'html_block' || token.type === 'html_inline') {
      if (token.content.includes('fragment')) {
        inlineCloses ??= new InlineCloses(tokens);
        for (const fragment of htmlFragments(tokens, index, inlineCloses)) fragments.push(fragment);
      }
    } else if (token.type === 'fence') {
      for (let step = 0; step < codeStepCount(token); step++) fragments.push({ source: 'code-step', effects: [], text: '' });
    }
    if (token.nesting === -1 || !hasClass(token, 'fragment')) return;
    const source: FragmentSource = (token.meta?.axonFragmentSource as FragmentSource | undefined) ?? 'class';
    const effects = classList(token.attrGet('class')).filter((name) => name !== 'fragment');
    closes ??= closingIndexes(tokens);
    const close = closes[index]!;
    const text = token.nesting === 0 ? label([token], 0, 1) : label(tokens, index + 1, close === -1 ? tokens.length : close);
    fragments.push({ source, effects, text });
  });
}

/** The plain text of `tokens[from..to)`, read from a bounded window and cut to `FRAGMENT_TEXT_MAX`. */
function label(tokens: readonly Token[], from: number, to: number): string {
  let end = from;
  let length = 0;
  while (end < to && end - from < FRAGMENT_TOKENS_MAX && length <= FRAGMENT_TEXT_MAX * 4) length += tokens[end++]!.content.length;
  return cut(plainText(tokens.slice(from, end)), end < to);
}

function cut(text: string, more: boolean): string {
  if (text.length > FRAGMENT_TEXT_MAX) return `${text.slice(0, FRAGMENT_TEXT_MAX).trimEnd()}…`;
  return more && text ? `${text}…` : text;
}

/** Where each inline `</tag>` is, so that a label can find the end of its `<span class="fragment">` at once. */
class InlineCloses {
  private readonly byTag = new Map<string, number[]>();

  constructor(tokens: readonly Token[]) {
    tokens.forEach((token, index) => {
      const name = token.type === 'html_inline' ? CLOSE_TAG.exec(token.content)?.[1]?.toLowerCase() : undefined;
      if (!name) return;
      const list = this.byTag.get(name) ?? [];
      list.push(index);
      this.byTag.set(name, list);
    });
  }

  /** Index of the first `</tag>` after `index`, or -1. */
  after(tag: string, index: number): number {
    const list = this.byTag.get(tag) ?? [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle]! <= index) low = middle + 1;
      else high = middle;
    }
    return list[low] ?? -1;
  }
}

const CLOSE_TAG = /^<\/([^\s>/]+)\s*>$/;

/**
 * Raw HTML such as `<div class="fragment fade-up">` is a fragment too (source `class`). Its text runs to the
 * first closing tag of the same name: in the same HTML block, or for inline HTML among the paragraph's tokens.
 */
function htmlFragments(tokens: readonly Token[], index: number, inlineCloses: InlineCloses): Fragment[] {
  const token = tokens[index]!;
  const items = scanHtml(token.content);
  const fragments: Fragment[] = [];
  let text: ReturnType<typeof visibleText> | undefined;
  let nextClose: Int32Array | undefined;
  items.forEach((item, i) => {
    if (item.kind !== 'open') return;
    const classes = classList(attributeOf(item, 'class'));
    if (!classes.includes('fragment')) return;
    nextClose ??= nextClosingTags(items);
    const close = nextClose[i]!;
    let fragmentText: string;
    if (token.type === 'html_inline' && close === -1) {
      const end = inlineCloses.after(item.name, index);
      fragmentText = label(tokens, index + 1, end === -1 ? tokens.length : end);
    } else {
      text ??= visibleText(token.content, items);
      const from = text.textStart[i + 1]!;
      const to = text.textStart[close === -1 ? items.length : close]!;
      fragmentText = cut(text.text.slice(from, Math.min(to, from + FRAGMENT_TEXT_MAX + 1)).trim(), false);
    }
    fragments.push({ source: 'class', effects: classes.filter((name) => name !== 'fragment'), text: fragmentText });
  });
  return fragments;
}

/** For each opening tag, the index of the first later closing tag of the same name (-1 if none). */
function nextClosingTags(items: readonly HtmlItem[]): Int32Array {
  const next = new Int32Array(items.length).fill(-1);
  const seen = new Map<string, number>();
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'close') seen.set(item.name, i);
    else if (item.kind === 'open') next[i] = seen.get(item.name) ?? -1;
  }
  return next;
}
