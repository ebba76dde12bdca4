import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { parseAttributes, type AttributeList } from './attributes.ts';
import type { CompileEnv } from './env.ts';
import { rawTexFormula } from './math.ts';
import { escapeHtml } from './text.ts';

/** What a fence's info string asks for, read before markdown-it-attrs could misread `{mermaid}`. */
export interface FenceInfo {
  language: string;
  /** Classes after the language one (```` ```{.python .small} ````). */
  classes: string[];
  /** reveal's `data-line-numbers` value, undefined when line numbers are off. */
  lineNumbers: string | undefined;
  /** Other `data-*` attributes, passed to `<code>` for reveal's highlight plugin (`data-trim`, …). */
  dataAttributes: Array<[string, string]>;
  /** Pandoc's raw block format, lower case: `tex` for ```` ```{=tex} ````; undefined for code. */
  raw?: string;
  /** Quarto's executable cell engine: `python` for ```` ```{python} ```` (not for ```` ```python ```` or `{.python}`). */
  cell?: string;
}

/**
 * Accepts ```` ```python ````, ```` ```{.python code-line-numbers="|2"} ````, ```` ```python {code-line-numbers="1,3"} ````,
 * Quarto's cell form ```` ```{mermaid} ```` and reveal's ```` ```js [1|2-3] ````.
 */
export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const raw = /^\{\s*=([A-Za-z][\w+-]*)\s*\}$/.exec(trimmed)?.[1];
  if (raw) return { language: '', classes: [], lineNumbers: undefined, dataAttributes: [], raw: raw.toLowerCase() };
  let language = '';
  let cell: string | undefined;
  let attributes: AttributeList;
  let revealSteps: string | undefined;
  if (trimmed.startsWith('{')) {
    attributes = parseAttributes(trimmed);
    cell = attributes.words[0]?.toLowerCase();
    language = attributes.words.shift() ?? attributes.classes.shift() ?? '';
  } else {
    const [, word = '', rest = ''] = /^(\S*)\s*(.*)$/s.exec(trimmed) ?? [];
    language = word;
    revealSteps = between(rest, '[', ']');
    attributes = parseAttributes(between(rest, '{', '}') ?? '');
  }

  let lineNumbers = revealSteps?.trim();
  const dataAttributes: Array<[string, string]> = [];
  for (const [key, value] of attributes.pairs) {
    if (key === 'code-line-numbers' || key === 'data-line-numbers') {
      lineNumbers = value === 'true' ? '' : value === 'false' ? undefined : value;
    } else if (key.startsWith('data-')) {
      dataAttributes.push([key, value]);
    }
  }
  for (const word of attributes.words) {
    if (word === 'code-line-numbers' || word === 'data-line-numbers') lineNumbers = '';
    else if (word.startsWith('data-')) dataAttributes.push([word, '']);
  }
  const result: FenceInfo = { language: language.toLowerCase(), classes: attributes.classes, lineNumbers, dataAttributes };
  if (cell) result.cell = cell;
  return result;
}

/**
 * The text between the first `open` that is ever closed and the `close` after it. Two `indexOf`s: the regular
 * expression this replaces (`/\[([^\]]*)\]/`) retried from every `[` of an unclosed run, which is quadratic.
 */
function between(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = start === -1 ? -1 : text.indexOf(close, start + 1);
  return end === -1 ? undefined : text.slice(start + 1, end);
}

export function fenceInfoOf(token: Token): FenceInfo {
  const info: unknown = token.meta?.axonFence;
  return (info as FenceInfo | undefined) ?? parseFenceInfo(token.info);
}

export function isMermaid(token: Token): boolean {
  return token.type === 'fence' && fenceInfoOf(token).language === 'mermaid';
}

/** reveal's highlight plugin turns `|2|4-5` into one fragment per step after the first. */
export function codeStepCount(token: Token): number {
  const lineNumbers = fenceInfoOf(token).lineNumbers;
  return lineNumbers === undefined ? 0 : lineNumbers.split('|').length - 1;
}

export function renderFence(tokens: Token[], index: number): string {
  const token = tokens[index]!;
  const info = fenceInfoOf(token);
  // reveal numbers every line, so the newline markdown-it keeps at the end would show as an empty line.
  const code = info.cell ? withoutCellOptions(token.content) : token.content;
  const source = escapeHtml(code.replace(/\n$/, ''));
  if (info.language === 'mermaid') return `<pre class="mermaid">${source}</pre>\n`;

  const classes = [info.language ? `language-${info.language}` : '', ...info.classes].filter(Boolean);
  let attributes = classes.length > 0 ? ` class="${escapeHtml(classes.join(' '))}"` : '';
  if (info.lineNumbers !== undefined) attributes += ` data-line-numbers="${escapeHtml(info.lineNumbers)}"`;
  for (const [key, value] of info.dataAttributes) attributes += ` ${key}="${escapeHtml(value)}"`;
  return `<pre><code${attributes}>${source}</code></pre>\n`;
}

export function renderIndentedCode(tokens: Token[], index: number): string {
  return `<pre><code>${escapeHtml(tokens[index]!.content.replace(/\n$/, ''))}</code></pre>\n`;
}

/** Quarto's cell options (`#| echo: false`, `//| echo: false` in `{ojs}`) head a cell and are never shown. */
function withoutCellOptions(code: string): string {
  return code.replace(/^(?:[ \t]*(?:#|\/\/|--)\|.*\n)+/, '');
}

/** Raw formats that are HTML in a reveal.js deck (Pandoc passes `{=html}` through for `revealjs` output). */
const HTML_FORMATS = new Set(['html', 'html5', 'revealjs']);
const TEX_FORMATS = new Set(['tex', 'latex']);
/** Quarto diagram cells: drawn by Quarto, never executed; `{mermaid}` is drawn by Axon too. */
const DIAGRAM_CELLS = new Set(['dot', 'graphviz']);

/**
 * Core rule, after the fences' info strings are read: Pandoc's raw blocks become what they mean in a revealjs
 * deck — `{=html}` an HTML block (so its widgets and images are seen like any other HTML), `{=tex}` a display
 * formula for KaTeX — and other raw formats and Quarto's executable cells are reported, once per kind at the
 * first one, because Axon cannot do what Quarto would with them.
 */
export function shapeQuartoFences(state: StateCore): void {
  const env = state.env as CompileEnv;
  const reported = new Set<string>();
  const report = (kind: string, token: Token, message: string, hint: string): void => {
    if (reported.has(kind)) return;
    reported.add(kind);
    env.diagnostics.push({ file: env.file, line: env.fixedLine ?? (token.map ? token.map[0] + 1 : 1), severity: 'warning', kind: 'markdown', message, hint });
  };
  const kept: Token[] = [];
  for (const token of state.tokens) {
    const info = token.type === 'fence' ? fenceInfoOf(token) : undefined;
    if (info?.raw && HTML_FORMATS.has(info.raw)) {
      token.type = 'html_block';
      token.tag = '';
    } else if (info?.raw && TEX_FORMATS.has(info.raw)) {
      rawTexBlock(token, info.raw, report);
    } else if (info?.raw) {
      report(`raw ${info.raw}`, token, `\`{=${info.raw}}\` blocks are left out: a reveal.js deck shows only \`{=html}\` and \`{=tex}\` math`, 'remove the block, or give an `{=html}` version of it');
      continue;
    } else if (info?.cell && info.cell !== 'mermaid') {
      const shown = DIAGRAM_CELLS.has(info.cell) ? 'not drawn: Axon draws only `{mermaid}` diagrams' : 'not run: Axon does not execute code';
      report(`cell ${info.cell}`, token, `\`{${info.cell}}\` cells are shown as code, ${shown}`, 'paste the output (an image, a table) into the slide, or write the fence as ```' + `${info.cell} to show code on purpose`);
    }
    kept.push(token);
  }
  if (kept.length !== state.tokens.length) state.tokens = kept;
}

type Report = (kind: string, token: Token, message: string, hint: string) => void;

function rawTexBlock(token: Token, format: string, report: Report): void {
  const formula = rawTexFormula(token.content);
  if (!formula) {
    token.info = 'latex';
    token.meta = { ...token.meta, axonFence: { ...fenceInfoOf(token), language: 'latex', raw: undefined } };
    report(
      `raw ${format} text`,
      token,
      `this \`{=${format}}\` block is not a formula, so it is shown as code: Axon renders raw TeX only as math, with KaTeX`,
      'keep math (`$$…$$`, `\\begin{align}…`) in `{=tex}` blocks; write text as Markdown',
    );
    return;
  }
  token.type = 'math_block';
  token.tag = 'math';
  token.markup = '$$';
  token.content = formula.tex;
  token.meta = { ...token.meta, axonDefinitionsOnly: formula.definitionsOnly };
}
