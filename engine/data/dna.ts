/**
 * DNA for the genomics lecture: the one-hot encoding (shared with the `<dna-onehot>` widget, so a network
 * sees the very matrix the slide shows) and `dnaMotifs`, seeded sequences with a planted motif.
 *
 * One-hot: a sequence of L letters is an L × 4 matrix, one row per position, a 1 in the column of its
 * base. The lecture writes the columns A, T, G, C (`LECTURE_ORDER`); any fixed order works if it is kept.
 */
import type { Random } from '../random.ts';
import { toRandom, type RandomSource } from './dataset.ts';

/** The four nucleotides. */
export const BASES = ['A', 'C', 'G', 'T'] as const;
export type Base = (typeof BASES)[number];

/** The lecture's column order: A, T, G, C. */
export const LECTURE_ORDER: readonly Base[] = ['A', 'T', 'G', 'C'];

/** How a position was read: a base, N read as "any base", or anything else. */
export type LetterKind = 'base' | 'ambiguous' | 'invalid';

/** The nucleotide a character stands for (case-insensitive), or null. */
export function baseOf(letter: string): Base | null {
  const upper = letter.toUpperCase();
  return (BASES as readonly string[]).includes(upper) ? (upper as Base) : null;
}

/** One row: a 1 in the letter's column; zeros when it is no base; ¼ each for N when asked. */
export function encodeLetter(letter: string, order: readonly Base[], uniformN = false): { base: Base | null; kind: LetterKind; vector: number[] } {
  const base = baseOf(letter);
  if (base) return { base, kind: 'base', vector: order.map((column) => (column === base ? 1 : 0)) };
  if (uniformN && letter.toUpperCase() === 'N') return { base: null, kind: 'ambiguous', vector: order.map(() => 0.25) };
  return { base: null, kind: 'invalid', vector: order.map(() => 0) };
}

/** The L × 4 matrix of a sequence, row-major, written into `into` from `offset` (a network's input batch). */
export function oneHotInto(sequence: string, order: readonly Base[], into: Float32Array, offset = 0, uniformN = false): void {
  Array.from(sequence).forEach((letter, position) => into.set(encodeLetter(letter, order, uniformN).vector, offset + position * order.length));
}

/** Options of `dnaMotifs`. */
export interface DnaMotifOptions {
  /** Number of sequences. */
  count: number;
  /** Length of every sequence, ≥ the motif's. */
  length: number;
  /** The motif planted, A/C/G/T (default the NF-κB site GGGACTTTCC). */
  motif?: string;
  /** Fraction of sequences that carry the motif, the positives (default ½). */
  rate?: number;
  /** Per-position probability that a planted base is swapped for one of the other three (default 0). */
  mutation?: number;
  /** GC content of the background: P(G) = P(C) = gc/2 (default ½, uniform). */
  gc?: number;
  /** The seeded generator or a seed: the same seed gives the same sequences. */
  seed: RandomSource;
  /** Column order of the one-hot matrices (default the lecture's A, T, G, C). */
  order?: readonly Base[];
}

/** Sequences, labels, where the motif went and the one-hot batch. */
export interface DnaMotifs {
  /** The sequences, upper case. */
  sequences: string[];
  /** 1 where the motif was planted (the background may still hold a chance copy, about L·4^−k per sequence). */
  labels: Uint8Array;
  /** 0-based start of the planted motif, −1 in a negative. */
  positions: Int32Array;
  /** `count × length × 4`, each position a one-hot row in `order`. */
  oneHot: Float32Array;
  /** The one-hot's column order. */
  order: readonly Base[];
  /** The motif as asked (the planted copies may carry mutations). */
  motif: string;
}

/** The default motif: NF-κB's binding site, a 10-mer whose chance copies in random DNA are rare (4^−10). */
export const DEFAULT_MOTIF = 'GGGACTTTCC';

function checkFraction(value: number, name: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
}

/** One background base with the asked GC content. */
function backgroundBase(random: Random, gc: number): Base {
  const u = random.uniform();
  if (u < gc) return u < gc / 2 ? 'G' : 'C';
  return u < gc + (1 - gc) / 2 ? 'A' : 'T';
}

/**
 * `count` random sequences of `length` bases; in a `rate` share of them (exactly round(rate·count), at
 * random) the motif replaces the background at a uniformly random position, each base mutated with
 * probability `mutation`.
 */
export function dnaMotifs(options: DnaMotifOptions): DnaMotifs {
  const { count, length, motif = DEFAULT_MOTIF, rate = 0.5, mutation = 0, gc = 0.5, order = LECTURE_ORDER } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const planted = Array.from(motif.toUpperCase());
  if (planted.length === 0 || !planted.every((letter) => baseOf(letter))) throw new RangeError(`motif must be letters A, C, G, T, got "${motif}"`);
  if (!Number.isInteger(length) || length < planted.length) throw new RangeError(`length must be an integer ≥ the motif's ${planted.length}, got ${length}`);
  checkFraction(rate, 'rate');
  checkFraction(mutation, 'mutation');
  checkFraction(gc, 'gc');
  const random = toRandom(options.seed);

  const labels = new Uint8Array(count);
  for (const i of random.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, Math.round(rate * count))) labels[i] = 1;
  const positions = new Int32Array(count).fill(-1);
  const sequences = Array.from({ length: count }, (_, i) => {
    const bases = Array.from({ length }, () => backgroundBase(random, gc));
    if (labels[i]) {
      const start = random.integer(length - planted.length + 1);
      positions[i] = start;
      planted.forEach((base, k) => {
        const others = BASES.filter((b) => b !== base);
        bases[start + k] = random.uniform() < mutation ? others[random.integer(3)]! : (base as Base);
      });
    }
    return bases.join('');
  });
  const oneHot = new Float32Array(count * length * order.length);
  sequences.forEach((sequence, i) => oneHotInto(sequence, order, oneHot, i * length * order.length));
  return { sequences, labels, positions, oneHot, order, motif: planted.join('') };
}

/**
 * The sequences as a conv1d takes them, channels first (PyTorch's `[N, 4, L]`, as the engine's `conv1d`
 * does): one array per sequence, the 4 channel rows (in the set's column order) one after another.
 */
export function channelsFirst(set: Pick<DnaMotifs, 'oneHot' | 'order' | 'labels'> & { sequences: readonly string[] }): number[][] {
  const channels = set.order.length;
  return set.sequences.map((sequence, i) => {
    const length = sequence.length;
    const offset = i * length * channels;
    const row = new Array<number>(channels * length);
    for (let c = 0; c < channels; c += 1) for (let p = 0; p < length; p += 1) row[c * length + p] = set.oneHot[offset + p * channels + c]!;
    return row;
  });
}
