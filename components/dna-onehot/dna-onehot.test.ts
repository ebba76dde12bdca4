import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  baseOf,
  describeEncoding,
  describeFlagged,
  encodeSequence,
  parseDnaAttributes,
  parseOrder,
  type Base,
  type DnaOnehotAttributes,
} from './dna-onehot.model.ts';

const ATGC: Base[] = ['A', 'T', 'G', 'C'];
const attributes = (given: Partial<DnaOnehotAttributes>): DnaOnehotAttributes => ({ sequence: null, order: null, maxLength: null, uniformN: null, ...given });

describe('one-hot encoding', () => {
  it('encodes ACGT in the lecture’s column order A, T, G, C (rows written out by hand)', () => {
    const { rows, length, flagged } = encodeSequence('ACGT', ATGC);
    expect(length).toBe(4);
    expect(flagged).toEqual([]);
    expect(rows.map((r) => r.vector)).toEqual([
      [1, 0, 0, 0], // A
      [0, 0, 0, 1], // C is the last column
      [0, 0, 1, 0], // G
      [0, 1, 0, 0], // T is the second column
    ]);
  });

  it('follows another column order: the same sequence in A, C, G, T is the identity matrix', () => {
    const { rows } = encodeSequence('ACGT', ['A', 'C', 'G', 'T']);
    expect(rows.map((r) => r.vector)).toEqual([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
  });

  it('gives every valid row exactly one 1, in the column of its letter, for all 24 orders', () => {
    const orders: Base[][] = [];
    const permute = (rest: Base[], prefix: Base[]) => {
      if (rest.length === 0) orders.push(prefix);
      rest.forEach((b, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, b]));
    };
    permute(['A', 'C', 'G', 'T'], []);
    expect(orders).toHaveLength(24);
    const sequence = 'GATTACACCGT';
    for (const order of orders) {
      const { rows } = encodeSequence(sequence, order);
      rows.forEach((row, i) => {
        expect(row.vector.reduce((a, b) => a + b, 0)).toBe(1);
        expect(order[row.vector.indexOf(1)]).toBe(sequence[i]);
      });
    }
  });

  it('reads lower case as upper case', () => {
    const lower = encodeSequence('acgt', ATGC);
    expect(lower.rows.map((r) => r.vector)).toEqual(encodeSequence('ACGT', ATGC).rows.map((r) => r.vector));
    expect(lower.rows.map((r) => r.letter).join('')).toBe('acgt'); // shown as typed
    expect(lower.flagged).toEqual([]);
    expect(baseOf('g')).toBe('G');
  });

  it('keeps invalid letters in place as flagged rows of zeros, never dropping them', () => {
    const { rows, length, flagged } = encodeSequence('ACGTN X7', ATGC);
    expect(length).toBe(8);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.kind)).toEqual(['base', 'base', 'base', 'base', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(rows[4]!.vector).toEqual([0, 0, 0, 0]);
    expect(flagged).toEqual([
      { position: 5, letter: 'N' },
      { position: 6, letter: ' ' },
      { position: 7, letter: 'X' },
      { position: 8, letter: '7' },
    ]);
    expect(describeFlagged(flagged[0]!)).toBe("position 5: 'N' is not A, C, G or T");
    expect(describeFlagged(flagged[1]!)).toBe('position 6: a space is not A, C, G or T');
  });

  it('can read N as any base, 0.25 in every column, still naming it', () => {
    const { rows, flagged } = encodeSequence('AnX', ATGC, { uniformN: true });
    expect(rows[1]!.vector).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(rows[1]!.kind).toBe('ambiguous');
    expect(rows[2]!.vector).toEqual([0, 0, 0, 0]); // X is not IUPAC's "any"
    expect(flagged.map((f) => f.position)).toEqual([2, 3]);
    expect(describeEncoding(encodeSequence('AN', ATGC, { uniformN: true }), true)).toContain('0.25 each');
  });

  it('encodes at most max-length rows but still finds every flagged letter', () => {
    const sequence = `${'ACGT'.repeat(5)}N`;
    const encoding = encodeSequence(sequence, ATGC, { maxLength: 8 });
    expect(encoding.rows).toHaveLength(8);
    expect(encoding.length).toBe(21);
    expect(encoding.flagged).toEqual([{ position: 21, letter: 'N' }]);
    expect(describeEncoding(encoding)).toBe("L = 21, so the matrix is 21 × 4 (rows 1–8 shown) — position 21: 'N' is not A, C, G or T; its row is all zeros.");
  });

  it('describes the shape and the flagged positions in the status', () => {
    expect(describeEncoding(encodeSequence('ACGTTGCA', ATGC))).toBe('L = 8, so the matrix is 8 × 4 — every row has exactly one 1.');
    expect(describeEncoding(encodeSequence('', ATGC))).toMatch(/empty/);
    const many = describeEncoding(encodeSequence('NNNNN', ATGC));
    expect(many).toContain("position 1: 'N'");
    expect(many).toContain("position 3: 'N'");
    expect(many).not.toContain('position 4');
    expect(many).toContain('; and 2 more; their rows are all zeros.');
  });
});

describe('column order and attributes', () => {
  it('reads a permutation of the four letters, in any case, with commas or spaces', () => {
    expect(parseOrder('ATGC')).toEqual(ATGC);
    expect(parseOrder('a, t, g, c')).toEqual(ATGC);
    expect(parseOrder('TTGC')).toBeNull();
    expect(parseOrder('ATG')).toBeNull();
    expect(parseOrder('ATGCN')).toBeNull();
    expect(parseOrder('ATGN')).toBeNull();
  });

  it('uses the defaults when nothing is given', () => {
    expect(parseDnaAttributes(attributes({}))).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
    expect(DEFAULT_CONFIG.order).toEqual(ATGC);
  });

  it('falls back with a warning naming the attribute and the value used', () => {
    expect(parseDnaAttributes(attributes({ order: 'AAGC', maxLength: '0', uniformN: 'maybe' }))).toEqual({
      config: DEFAULT_CONFIG,
      warnings: [
        'order="AAGC" is not an order of the four letters A, C, G, T — using ATGC',
        'max-length="0" is outside 1…500 — using 60',
        'uniform-n="maybe" is not true or false — using false',
      ],
    });
    expect(parseDnaAttributes(attributes({ maxLength: '2.5' })).warnings).toEqual(['max-length="2.5" is not a whole number — using 60']);
  });

  it('takes the sequence as written and the URL over the attributes', () => {
    const fromAttributes = parseDnaAttributes(attributes({ sequence: 'ggnn', order: 'ACGT', uniformN: '' })).config;
    expect(fromAttributes).toMatchObject({ sequence: 'ggnn', order: ['A', 'C', 'G', 'T'], uniformN: true });
    const url = new Map([['sequence', 'TT'], ['order', 'bad'], ['uniformN', 'false']]);
    const fromUrl = parseDnaAttributes(attributes({ sequence: 'ggnn', order: 'ACGT', uniformN: '' }), url);
    expect(fromUrl.config).toMatchObject({ sequence: 'TT', order: ['A', 'C', 'G', 'T'], uniformN: false });
    expect(fromUrl.warnings).toEqual(['order="bad" (from the URL) is not an order of the four letters A, C, G, T — using ACGT']);
  });
});
