// Issue 15, item 9: a deck that is not UTF-8 is a clear error, CR-only and CRLF files compile as LF, and
// nesting beyond the supported depth is a warning naming the line (not content dropped without a word).
import { describe, expect, it } from 'vitest';
import { compileDeck, decodeDeck, DeckError } from './index.ts';
import { readFixture } from './test-support.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Latin-1 bytes, as an editor set to ISO 8859-1 would save the text. */
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (character) => character.charCodeAt(0));
function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const bytes: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes.push(...(endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return Uint8Array.from(bytes);
}

function decodeError(bytes: Uint8Array): DeckError {
  try {
    decodeDeck(bytes, 'slides/old.md');
  } catch (error) {
    if (error instanceof DeckError) return error;
    throw error;
  }
  throw new Error('decodeDeck accepted the bytes');
}

const DECK = '---\ntitle: Café\n---\n\n## Début\n\nÉtape 1\n';

describe('decodeDeck', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeDeck(utf8(DECK), 'a.md')).toBe(DECK);
    expect(decodeDeck(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(DECK)]), 'a.md')).toBe(DECK);
  });

  it('reads UTF-16 with a byte-order mark, little- and big-endian (what Windows "Unicode" saves)', () => {
    expect(decodeDeck(utf16(DECK, 'le'), 'a.md')).toBe(DECK);
    expect(decodeDeck(utf16(DECK, 'be'), 'a.md')).toBe(DECK);
    expect(compileDeck(decodeDeck(utf16(DECK, 'le'), 'a.md'), 'a.md').meta.title).toBe('Café');
  });

  it('a Latin-1 file is an error at the line of its first non-UTF-8 byte, saying what to do', () => {
    const error = decodeError(latin1(DECK));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^slides\/old\.md:2: not UTF-8 \(looks like Latin-1\) — save it as UTF-8/);
    expect(error.message).toContain('0xE9 ("é" in Latin-1)');
  });

  it('counts CR-only and CRLF line ends when it names that line', () => {
    expect(decodeError(latin1('a\r\rb\r\ncafé')).line).toBe(4);
    expect(decodeError(Uint8Array.from([0x61, 0x0a, 0xc3, 0x28])).line).toBe(2); // a broken two-byte sequence
    expect(decodeError(Uint8Array.from([0xed, 0xa0, 0x80])).line).toBe(1); // an encoded surrogate
  });

  it('UTF-16 without a byte-order mark and UTF-32 are errors, not pages of NULs', () => {
    expect(decodeError(utf16(DECK, 'le', false)).message).toContain('not UTF-8 (looks like UTF-16 without a byte-order mark');
    expect(decodeError(Uint8Array.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])).message).toContain('UTF-32');
  });
});

describe('line endings', () => {
  const lf = readFixture('line-endings');

  it.each([
    ['CRLF', '\r\n'],
    ['CR only (old Mac)', '\r'],
  ])('%s compiles exactly as LF: front matter read, no false "never closed" warning', (_name, ending) => {
    const expected = compileDeck(lf, 'deck.md');
    const deck = compileDeck(lf.replace(/\n/g, ending), 'deck.md');
    expect(deck.meta.title).toBe('Line endings');
    expect(deck.diagnostics).toEqual([]);
    expect(deck.slides).toEqual(expected.slides);
    expect(deck.slides.map((slide) => slide.html).join('')).not.toContain('\r');
  });
});

describe('nesting deeper than markdown-it supports', () => {
  it('is a warning at the line where the limit is passed, and the deeper text is still on the slide', () => {
    const deck = compileDeck(readFixture('deep-nesting'), 'deep.md');
    expect(deck.diagnostics).toEqual([
      expect.objectContaining({ line: 104, severity: 'warning', kind: 'markdown', message: expect.stringContaining('nested more than 100 deep') }),
    ]);
    expect(deck.slides[0]!.html).toContain('level 120');
    expect(deck.slides[0]!.html).toContain('After the deep part.');
  });

  it('130 nested divs: the innermost text is kept and no div is reported unclosed', () => {
    const deck = compileDeck(`## Divs\n\n${'::: box\n'.repeat(130)}innermost\n${':::\n'.repeat(130)}`, 'divs.md');
    expect(deck.diagnostics.map((d) => [d.line, d.message.includes('nested more than 100 deep')])).toEqual([[103, true]]);
    expect(deck.slides[0]!.html).toContain('innermost');
  });
});
