import { DeckError } from './types.ts';

/*
 * A deck file's bytes become text here, so that an encoding problem is one clear error instead of garbled
 * slides: read as UTF-8, a Latin-1 file shows `�` for every accented letter and a UTF-16 file is mostly NULs,
 * with its front matter silently ignored.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];
const UTF32LE_BOM = [0xff, 0xfe, 0x00, 0x00];
const UTF32BE_BOM = [0x00, 0x00, 0xfe, 0xff];

const SAVE_AS_UTF8 = 'save it as UTF-8 (in most editors: "Save with Encoding" or "Encoding → UTF-8")';

/**
 * The text of a deck file. UTF-8 (with or without a byte-order mark) is read as is; UTF-16 with a byte-order
 * mark, which Windows tools write ("Unicode" in Notepad, PowerShell's `>`), is decoded too, since the mark
 * makes it certain. Anything else is a `DeckError` naming the line of the first byte that is not UTF-8.
 * Line endings are left alone: `compileDeck` normalises them for every caller.
 */
export function decodeDeck(bytes: Uint8Array, file: string): string {
  if (startsWith(bytes, UTF32LE_BOM) || startsWith(bytes, UTF32BE_BOM)) {
    throw new DeckError(file, 1, 'not UTF-8 (UTF-32, which Axon does not read)', SAVE_AS_UTF8);
  }
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) return decodeUtf16(bytes, file);
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  if (looksLikeUtf16(body)) {
    // Valid UTF-8 as far as the bytes go (NUL is a character), but every other byte is NUL: UTF-16 without a mark.
    throw new DeckError(file, 1, 'not UTF-8 (looks like UTF-16 without a byte-order mark, or not text at all)', SAVE_AS_UTF8);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const offset = firstInvalidUtf8(body);
    const byte = body[offset] ?? 0;
    // Latin-1 as browsers read it (windows-1252), to show the author which character it is.
    const character = new TextDecoder('windows-1252').decode(body.subarray(offset, offset + 1));
    throw new DeckError(
      file,
      lineAt(body, offset),
      'not UTF-8 (looks like Latin-1)',
      `${SAVE_AS_UTF8}; the first byte that is not UTF-8 is 0x${byte.toString(16).toUpperCase().padStart(2, '0')} ("${character}" in Latin-1)`,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, file: string): string {
  const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  try {
    // The decoder drops the byte-order mark itself.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DeckError(file, 1, `not UTF-8, and not valid ${encoding.toUpperCase()} either (its byte-order mark says it is)`, SAVE_AS_UTF8);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** A third or more of the first bytes are NUL: no Markdown file has that many unless it is UTF-16. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls++;
  return sample.length >= 2 && nuls * 3 >= sample.length;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode's table 3-7, the
 * rules `TextDecoder` applies), or -1. `TextDecoder` says only that there is one, not where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range is narrower after these leads (no overlong forms, no surrogates, nothing past U+10FFFF).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/** 1-based line of a byte offset, counting LF, CRLF and a lone CR each as one line end. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}
