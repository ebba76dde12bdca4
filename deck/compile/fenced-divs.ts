import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type { CompileEnv } from './env.ts';

/**
 * Pandoc's fenced divs (the `fenced_divs` extension), as Quarto decks write them:
 *
 * - an opener is three or more colons followed by attributes: `::: {.x #y k="v"}`, `:::{.x}`, a word
 *   `::: notes` (several words are several classes), optionally followed by more colons `::: Warning :::::`;
 * - a line of three or more colons and nothing else *always* closes the innermost open div, whatever the
 *   counts, so `:::: {.columns}` / `::: {.column}` / `::: {.callout-note}` / `:::` / `:::` / `::::` and the
 *   same written with three colons everywhere both nest as Pandoc nests them;
 * - a `:::` inside a fenced code block (```` ``` ```` or `~~~`) is code, and a div inside a list item or a block
 *   quote ends with it, as markdown-it contains every other block.
 *
 * markdown-it-container, which this replaces, closes a div at the first fence at least as long as its
 * opener, so the outer `:::` of a nest closed at the inner one's closer and the rest leaked onto the slide.
 *
 * The tokens keep markdown-it-container's names (`container_div_open/close`, exported by divs.ts as
 * DIV_OPEN/DIV_CLOSE); the opener's `info` holds its attribute text (divs.ts reads it) and its
 * `meta.fencedDivClosed` says whether a closer was found. A closer with no div open is dropped with a warning.
 */
export function fencedDivs(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'container_div', fencedDiv, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

const COLON = 0x3a;

/** What one line is, as far as fenced divs care. */
type Fence = { kind: 'open'; colons: string; info: string } | { kind: 'close'; colons: string } | undefined;

/** Reads a line's text (already past any quote marker and indentation) as a div fence, or not. */
export function readFence(text: string): Fence {
  const match = /^(:{3,})(.*)$/.exec(text);
  if (!match) return undefined;
  const colons = match[1]!;
  // Trailing colons after the attributes are decoration (`::: Warning ::::::`); `{k="a:"}` keeps its colon.
  const info = match[2]!.replace(/(^|[\s}]):+\s*$/, '$1').trim();
  return info === '' ? { kind: 'close', colons } : { kind: 'open', colons, info };
}

function fencedDiv(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (state.src.charCodeAt(start) !== COLON || state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const fence = readFence(state.src.slice(start, state.eMarks[startLine]));
  if (!fence) return false;
  // Both openers and closers end a paragraph or a lazy quote line, as the other block fences do.
  if (silent) return true;

  if (fence.kind === 'close') {
    dropStrayCloser(state, startLine);
    return true;
  }

  const closeLine = findCloser(state, startLine, endLine);
  const closed = closeLine < endLine;
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  // Keeps a paragraph's lazy continuation from running past the closer.
  state.parentType = 'container' as typeof state.parentType;
  state.lineMax = closeLine;

  const open = state.push('container_div_open', 'div', 1);
  open.markup = fence.colons;
  open.block = true;
  open.info = fence.info;
  open.map = [startLine, closeLine];
  open.meta = { ...open.meta, fencedDivClosed: closed };

  state.md.block.tokenize(state, startLine + 1, closeLine);

  const close = state.push('container_div_close', 'div', -1);
  close.block = true;
  close.markup = closed ? readFence(lineText(state, closeLine))?.colons ?? '' : '';

  state.parentType = oldParent;
  state.lineMax = oldLineMax;
  state.line = closed ? closeLine + 1 : closeLine;
  return true;
}

/**
 * The line of the fence that closes the div opened at `openLine`, or `endLine` when none does: openers and
 * closers are counted, skipping fenced code and anything indented as code. Openers written after a list
 * marker count too (`- ::: {.x}`), so that the list item's own closer is not taken for ours.
 */
function findCloser(state: StateBlock, openLine: number, endLine: number): number {
  let depth = 1;
  let code: { marker: string; length: number } | undefined;
  for (let line = openLine + 1; line < endLine; line++) {
    const start = state.bMarks[line]! + state.tShift[line]!;
    const end = state.eMarks[line]!;
    // A non-empty line indented less than the block ends it (the end of a list item holding the div).
    if (start < end && state.sCount[line]! < state.blkIndent) return line;
    if (state.sCount[line]! - state.blkIndent >= 4) continue;
    const text = state.src.slice(start, end).replace(/^(?:[-*+]|\d{1,9}[.)])[ \t]+/, '');

    const codeFence = /^(`{3,}|~{3,})(.*)$/.exec(text);
    if (code) {
      if (codeFence && codeFence[1]![0] === code.marker && codeFence[1]!.length >= code.length && codeFence[2]!.trim() === '') {
        code = undefined;
      }
      continue;
    }
    if (codeFence && !(codeFence[1]![0] === '`' && codeFence[2]!.includes('`'))) {
      code = { marker: codeFence[1]![0]!, length: codeFence[1]!.length };
      continue;
    }

    const fence = readFence(text);
    if (fence?.kind === 'open') depth++;
    else if (fence?.kind === 'close' && --depth === 0) return line;
  }
  return endLine;
}

/** A closer with nothing open: Pandoc would print it as text; on a slide it is always a slip, so say so. */
function dropStrayCloser(state: StateBlock, line: number): void {
  const env = state.env as Partial<CompileEnv>;
  env.diagnostics?.push({
    file: env.file ?? '',
    line: line + 1,
    severity: 'warning',
    kind: 'markdown',
    message: `this \`${lineText(state, line).trim()}\` closes no div (none is open here), so it is left out`,
    hint: 'remove the line, or add the `::: {.class}` opener it was meant to close',
  });
  state.line = line + 1;
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}
