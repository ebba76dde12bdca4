import type Token from 'markdown-it/lib/token.mjs';
import { hasClass } from './attributes.ts';
import { DIV_OPEN, closingIndexes } from './divs.ts';

const NOTE_PREFIX = /^notes?:[ \t]*/i;

/**
 * Takes the speaker notes out of a slide's tokens, in document order: the inside of every `::: notes` div,
 * and (reveal.js Markdown) a top-level paragraph starting `Note:` with everything after it.
 * One pass that keeps the rest (splicing each notes div out made many of them quadratic).
 */
export function takeNotes(tokens: Token[]): Token[] {
  const notes: Token[] = [];
  const kept: Token[] = [];
  const closes = closingIndexes(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === DIV_OPEN && hasClass(token, 'notes')) {
      const close = closes[i] === -1 ? tokens.length - 1 : closes[i]!;
      for (let k = i + 1; k < close; k++) notes.push(tokens[k]!);
      i = close;
    } else if (token.level === 0 && token.type === 'paragraph_open' && NOTE_PREFIX.test(tokens[i + 1]?.content ?? '')) {
      stripNotePrefix(tokens[i + 1]!);
      const paragraphIsEmpty = tokens[i + 1]!.content.trim() === '';
      for (let k = paragraphIsEmpty ? i + 3 : i; k < tokens.length; k++) notes.push(tokens[k]!);
      break;
    } else {
      kept.push(token);
    }
  }
  tokens.length = 0;
  for (const token of kept) tokens.push(token);
  return notes;
}

function stripNotePrefix(inline: Token): void {
  inline.content = inline.content.replace(NOTE_PREFIX, '');
  const children = inline.children ?? [];
  const first = children[0];
  if (first?.type === 'text') {
    first.content = first.content.replace(NOTE_PREFIX, '');
    if (first.content === '' && children[1]?.type === 'softbreak') children.splice(0, 2);
  }
}
