import type Token from 'markdown-it/lib/token.mjs';
import { parseAttributes, type AttributeList } from './attributes.ts';
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
}

/**
 * Accepts ```` ```python ````, ```` ```{.python code-line-numbers="|2"} ````, ```` ```python {code-line-numbers="1,3"} ````,
 * Quarto's cell form ```` ```{mermaid} ```` and reveal's ```` ```js [1|2-3] ````.
 */
export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  let language = '';
  let attributes: AttributeList;
  let revealSteps: string | undefined;
  if (trimmed.startsWith('{')) {
    attributes = parseAttributes(trimmed);
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
  return { language: language.toLowerCase(), classes: attributes.classes, lineNumbers, dataAttributes };
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
  const source = escapeHtml(token.content.replace(/\n$/, ''));
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
