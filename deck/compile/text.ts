import type Token from 'markdown-it/lib/token.mjs';
import { scanHtml, visibleText } from './html-scan.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text a reader sees in raw HTML, whitespace collapsed; good enough for titles and fragment labels, not a sanitizer. */
export function stripTags(html: string): string {
  return visibleText(html, scanHtml(html)).text;
}

/**
 * Readable text of a token run. Math keeps its TeX source: stripping KaTeX's markup would print every
 * symbol twice (once from the HTML rendering, once from the MathML copy).
 */
export function plainText(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
      case 'math_inline':
      case 'math_block':
      case 'code_block':
      case 'fence':
        parts.push(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        parts.push(' ');
        break;
      case 'image':
        parts.push(plainText(token.children ?? []));
        break;
      case 'inline':
        parts.push(plainText(token.children ?? []));
        break;
      case 'html_block':
        // A block of HTML is set apart from what surrounds it.
        parts.push(' ', stripTags(token.content), ' ');
        break;
      default:
        // Block boundaries separate words ("item one" / "item two" must not glue together).
        if (token.block && token.nesting !== 0) parts.push(' ');
    }
  }
  return collapseWhitespace(parts.join(''));
}

/** Slide ids as reveal's hash navigation shows them: lowercase words joined by dashes. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * How many newlines come before each offset of one text: the newlines are found once and each question is a
 * binary search, so asking for every tag of a long HTML block, or every formula of a long paragraph, stays linear.
 */
export function newlineCounter(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (newlines[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}
