/**
 * One-hot encoding of a DNA sequence: a sequence of L letters becomes an L × 4 matrix with one row per
 * position and one column per nucleotide, a 1 in the column of the position's letter and 0 elsewhere. The
 * column order is a convention (the lecture writes A, T, G, C); any fixed order works if it is kept.
 *
 * A letter that is not A, C, G or T (N, X, a space, a digit) is never dropped: it keeps its position and
 * its row is all zeros and flagged. IUPAC's N ("any base") may instead be read as ¼ in every column.
 * Lower case is read as upper case. No DOM: this runs under Vitest in Node.
 */
import { baseOf, encodeLetter, LECTURE_ORDER, type Base, type LetterKind } from '../../engine/data/dna.ts';
import { boolean, defineSettings, wholeNumber, type NumberRange, type Parser } from '../shared/runtime/settings.ts';
import { formatNumber } from '../shared/views/format-number.ts';

// The encoding itself lives in the engine, so a network trained on DNA sees the very matrix this widget shows.
export { BASES, baseOf, encodeLetter, type Base, type LetterKind } from '../../engine/data/dna.ts';

/** A short sequence with every base twice, so the default matrix shows each column's 1s. */
export const DEFAULT_SEQUENCE = 'ACGTTGCA';
/** The lecture's column order. */
export const DEFAULT_ORDER: readonly Base[] = LECTURE_ORDER;
/** How many positions are encoded (and drawn) at most; the rest of a longer sequence gets a note. */
export const DEFAULT_MAX_LENGTH = 60;
/** Range of `max-length`. */
export const MAX_LENGTH_RANGE: NumberRange = { min: 1, max: 500 };

/** Column orders offered by the widget's select; another order from the attribute is added to it. */
export const ORDER_CHOICES: ReadonlyArray<{ order: string; label: string }> = [
  { order: 'ATGC', label: 'A T G C (lecture)' },
  { order: 'ACGT', label: 'A C G T (alphabetical)' },
];

/** One row of the matrix. */
export interface EncodedRow {
  /** 1-based position in the sequence. */
  position: number;
  /** The character as typed (lower case, spaces and all). */
  letter: string;
  /** The nucleotide it stands for, or null (N, X, a digit, …). */
  base: Base | null;
  kind: LetterKind;
  /** One entry per column, in the column order. */
  vector: number[];
}

/** A position whose character is not A, C, G or T. */
export interface FlaggedLetter {
  position: number;
  letter: string;
}

/** The encoded sequence. */
export interface Encoding {
  /** The rows shown: the first `min(L, maxLength)` positions. */
  rows: EncodedRow[];
  /** L, the whole sequence's length in characters. */
  length: number;
  /** Every position (in the whole sequence) that is not A, C, G or T, N included. */
  flagged: FlaggedLetter[];
}

/** Options of `encodeSequence`. */
export interface EncodeOptions {
  /** Read N as ¼ in every column instead of flagging its row as zeros. */
  uniformN?: boolean;
  /** Encode at most this many positions (default: all). */
  maxLength?: number;
}

/** Characters of the sequence, one per position (code points, so an emoji is one position, not two). */
export function positionsOf(sequence: string): string[] {
  return Array.from(sequence);
}

/** The L × 4 matrix of a sequence (its first `maxLength` rows) and every position that is not a base. */
export function encodeSequence(sequence: string, order: readonly Base[], options: EncodeOptions = {}): Encoding {
  const letters = positionsOf(sequence);
  const shown = Math.min(letters.length, options.maxLength ?? letters.length);
  const rows = letters.slice(0, shown).map((letter, i) => ({ position: i + 1, letter, ...encodeLetter(letter, order, options.uniformN) }));
  const flagged: FlaggedLetter[] = [];
  letters.forEach((letter, i) => {
    if (!baseOf(letter)) flagged.push({ position: i + 1, letter });
  });
  return { rows, length: letters.length, flagged };
}

/** A character as a sentence can name it: `'N'`, or words for the invisible ones. */
export function nameOfLetter(letter: string): string {
  if (letter === ' ') return 'a space';
  if (letter === '\t') return 'a tab';
  if (/\s/.test(letter)) return 'a line break';
  return `'${letter}'`;
}

/** "position 5: 'N' is not A, C, G or T" — the status line for one flagged position. */
export function describeFlagged({ position, letter }: FlaggedLetter, uniformN = false): string {
  const text = `position ${position}: ${nameOfLetter(letter)} is not A, C, G or T`;
  if (uniformN && letter.toUpperCase() === 'N') return `${text} (N = any base: 0.25 each)`;
  return text;
}

/** How many flagged positions the status names one by one; the rest are counted. */
export const FLAGGED_LISTED = 3;

/** The status: the matrix's shape, and every position that is not a base (the first few by name). */
export function describeEncoding(encoding: Encoding, uniformN = false): string {
  const { length, rows, flagged } = encoding;
  if (length === 0) return 'The sequence is empty: type A, C, G or T.';
  const shape = `L = ${length}, so the matrix is ${length} × 4${rows.length < length ? ` (rows 1–${rows.length} shown)` : ''}`;
  if (flagged.length === 0) return `${shape} — every row has exactly one 1.`;
  const named = flagged.slice(0, FLAGGED_LISTED).map((f) => describeFlagged(f, uniformN));
  const more = flagged.length - named.length;
  const ns = uniformN ? flagged.filter((f) => f.letter.toUpperCase() === 'N').length : 0;
  const zeros = flagged.length === 1 ? 'its row is all zeros' : 'their rows are all zeros';
  const rowText = ns === 0 ? zeros : ns === flagged.length ? 'N rows are 0.25 each' : 'N rows are 0.25 each, the others all zeros';
  return `${shape} — ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}; ${rowText}.`;
}

/** Reads a column order: a permutation of A, C, G, T, any case, commas or spaces allowed ("A,T,G,C"). */
export function parseOrder(raw: string): Base[] | null {
  const letters = raw.replace(/[\s,]+/g, '').toUpperCase().split('');
  if (letters.length !== 4) return null;
  if (new Set(letters).size !== 4 || !letters.every((letter) => baseOf(letter))) return null;
  return letters as Base[];
}

/** The widget's settings. */
export interface DnaOnehotConfig {
  sequence: string;
  order: Base[];
  maxLength: number;
  uniformN: boolean;
}

/** The raw attribute (or URL) values; null when absent. */
export interface DnaOnehotAttributes {
  sequence: string | null;
  order: string | null;
  maxLength: string | null;
  uniformN: string | null;
}

/** The defaults, before any attribute. */
export const DEFAULT_CONFIG: DnaOnehotConfig = {
  sequence: DEFAULT_SEQUENCE,
  order: [...DEFAULT_ORDER],
  maxLength: DEFAULT_MAX_LENGTH,
  uniformN: false,
};

/** The sequence, taken as written: its odd letters are the point of the widget (flagged in the status), and
 * an empty one is a value too (the status asks for letters). */
function verbatim(): Parser<string> {
  return { read: (text) => ({ value: text }), write: String };
}

/** A column order: a permutation of A, C, G, T (see parseOrder). */
function columnOrder(): Parser<Base[]> {
  return {
    read(text) {
      if (text.trim() === '') return null;
      const order = parseOrder(text);
      return order ? { value: order } : { refusal: 'is not an order of the four letters A, C, G, T' };
    },
    write: (order) => order.join(''),
  };
}

/**
 * The attributes (README: Widgets). The URL keeps the N setting under `uniformN`, the key it has always
 * had, so links shared before still open the same matrix.
 */
export const dnaSettings = defineSettings({
  sequence: { attribute: 'sequence', parse: verbatim(), default: DEFAULT_CONFIG.sequence },
  order: { attribute: 'order', parse: columnOrder(), default: DEFAULT_CONFIG.order },
  maxLength: { attribute: 'max-length', parse: wholeNumber(MAX_LENGTH_RANGE), default: DEFAULT_CONFIG.maxLength },
  uniformN: { attribute: 'uniform-n', parse: boolean(), default: DEFAULT_CONFIG.uniformN, url: 'uniformN' },
});

/** Reads the attributes (and the URL's pairs, when given): a bad value falls back with a warning naming it. */
export function parseDnaAttributes(raw: DnaOnehotAttributes, url?: Map<string, string>): { config: DnaOnehotConfig; warnings: string[] } {
  const fields: Record<string, keyof DnaOnehotAttributes> = { sequence: 'sequence', order: 'order', 'max-length': 'maxLength', 'uniform-n': 'uniformN' };
  const { values, warnings } = dnaSettings.read({ attribute: (name) => raw[fields[name]!], url });
  return { config: { ...values, order: [...values.order] }, warnings };
}

/** A matrix entry as printed: 1, 0, or 0.25. */
export function formatEntry(value: number): string {
  return formatNumber(value);
}
