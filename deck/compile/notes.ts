import type Token from 'markdown-it/lib/token.mjs';
import { hasClass } from './attributes.ts';
import { DIV_OPEN, matchingClose } from './divs.ts';

const NOTE_PREFIX = /^notes?:[ \t]*/i;

/**
 * Takes the speaker notes out of a slide's tokens, in document order: the inside of every `::: notes` div,
 * and (reveal.js Markdown) a top-level paragraph starting `Note:` with everything after it.
 */
export function takeNotes(tokens: Token[]): Token[] {
  const notes: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === DIV_OPEN && hasClass(token, 'notes')) {
      const close = matchingClose(tokens, i);
      notes.push(...tokens.slice(i + 1, close));
      tokens.splice(i, close - i + 1);
      i--;
    } else if (token.level === 0 && token.type === 'paragraph_open' && NOTE_PREFIX.test(tokens[i + 1]?.content ?? '')) {
      const rest = tokens.splice(i);
      stripNotePrefix(rest[1]!);
      const paragraphIsEmpty = rest[1]!.content.trim() === '';
      notes.push(...(paragraphIsEmpty ? rest.slice(3) : rest));
      break;
    }
  }
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
