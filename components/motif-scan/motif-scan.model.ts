/**
 * The maths of `<motif-scan>`: a one-hot DNA sequence scanned by a k × 4 filter, as a CNN's conv1d scans it
 * and as a position weight matrix (PWM) scores binding sites. Pure: no DOM, no TF.js.
 *
 * - A filter is k columns (positions) of 4 weights, rows in the lecture's order A, T, G, C, plus a bias.
 * - Its score of the window starting at position i is bias + Σⱼ w[j][base at i + j]: the dot product of the
 *   filter with the k × 4 one-hot slice (a letter that is not A/C/G/T is an all-zero row and adds nothing).
 * - ReLU keeps max(0, score) at every position; global max-pooling keeps the largest: the sequence's score,
 *   and the best window's 1-based start.
 * - The PWM of a consensus: the consensus read as one observed site with a pseudo-count of 0.1 per base, so
 *   the position-probability matrix has p = 1.1 / 1.4 = 11/14 for the consensus base and 0.1 / 1.4 = 1/14 for
 *   each other base; the weight is the log-odds against a uniform background, log₂(p / 0.25) bits
 *   (+1.652 and −1.807). A filter wider than the consensus gets zero columns on both sides (the consensus
 *   centred); a narrower one keeps the consensus' middle k letters.
 * - The logo reads a filter's weights back as log₂-odds against the uniform background: pᵦ = 2^wᵦ / Σ 2^w
 *   (exactly the PPM above for a PWM; a trained filter's weights are first scaled to bits, see `logoOf`), a column's information content IC = 2 − H(p) bits, and each letter
 *   drawn p × IC high.
 */
import { LECTURE_ORDER, baseOf, dnaMotifs, type Base } from '../../engine/data/dna.ts';
import { defineSettings, seed, wholeNumber, type NumberRange, type Parser } from '../shared/runtime/settings.ts';
import { formatNumber } from '../shared/views/format-number.ts';

export { LECTURE_ORDER, type Base } from '../../engine/data/dna.ts';

/** GATA factors' consensus: the lecture's example motif. */
export const DEFAULT_CONSENSUS = 'GATAAG';
/** Pseudo-count added to each base's count when a consensus becomes a PWM (see the header). */
export const PSEUDO_COUNT = 0.1;
/** The background probability of each base: uniform DNA. */
export const BACKGROUND = 0.25;
/** An edited weight stays within ±this (bits). */
export const WEIGHT_LIMIT = 4;
/** Share of the generated sequences that carry the motif (the positives). */
export const POSITIVE_RATE = 0.5;
/** Share of the generated set held out for validation (the last fifth: dnaMotifs places the positives at random). */
export const VALIDATION_FRACTION = 0.2;

/** Ranges of the numeric attributes (ends included). */
export const LIMITS = {
  motif: { min: 3, max: 20 },
  width: { min: 3, max: 20 },
  count: { min: 100, max: 5000 },
  length: { min: 20, max: 200 },
  epochs: { min: 1, max: 500 },
  sequence: { min: 3, max: 200 },
} as const satisfies Record<string, NumberRange>;

/** Letters A, C, G, T only (any case, spaces ignored), `length` of them: read upper case. */
export function dnaLetters(length: NumberRange): Parser<string> {
  return {
    range: undefined,
    read(text) {
      const clean = text.replace(/\s+/g, '').toUpperCase();
      if (clean === '') return null;
      const wrong = Array.from(clean).findIndex((letter) => !baseOf(letter));
      if (wrong >= 0) return { refusal: `has "${clean[wrong]}" at position ${wrong + 1}, which is not A, C, G or T` };
      if (clean.length < length.min || clean.length > length.max) return { refusal: `has ${clean.length} letters, not ${length.min}…${length.max}` };
      return { value: clean };
    },
    write: String,
  };
}

/** The sequence on the slide when none is written: one generated sequence of `length` with the motif planted. */
export function generatedSequence(motif: string, length: number, seedValue: number): string {
  return dnaMotifs({ count: 1, length, motif, rate: 1, seed: seedValue }).sequences[0]!;
}

/** The attributes (README: Widgets). Order matters: a default or range may follow the rows above it. */
export const motifScanSettings = defineSettings({
  motif: { attribute: 'motif', parse: dnaLetters(LIMITS.motif), default: DEFAULT_CONSENSUS },
  width: {
    attribute: 'width',
    parse: wholeNumber(LIMITS.width),
    default: (above: Record<string, unknown>) => Math.min(LIMITS.width.max, (above.motif as string).length),
  },
  count: { attribute: 'count', parse: wholeNumber(LIMITS.count), default: 1000 },
  length: { attribute: 'length', parse: wholeNumber(LIMITS.length), default: 60 },
  seed: { attribute: 'seed', parse: seed(), default: 1 },
  epochs: { attribute: 'epochs', parse: wholeNumber(LIMITS.epochs), default: 20 },
  sequence: {
    attribute: 'sequence',
    parse: (above: Record<string, unknown>) => dnaLetters({ min: Math.max(LIMITS.sequence.min, above.width as number), max: LIMITS.sequence.max }),
    default: (above: Record<string, unknown>) => generatedSequence(above.motif as string, above.length as number, above.seed as number),
  },
});

/** Everything the widget's settings hold. */
export type MotifScanSettings = {
  motif: string;
  width: number;
  count: number;
  length: number;
  seed: number;
  epochs: number;
  sequence: string;
};

/** A k × 4 filter: `weights[position][column]`, columns in the lecture's order A, T, G, C; and its bias. */
export interface Filter {
  weights: number[][];
  bias: number;
}

/** The column of a base in the lecture's order, or −1 for a letter that is not one. */
export function columnOf(letter: string): number {
  const base = baseOf(letter);
  return base ? LECTURE_ORDER.indexOf(base) : -1;
}

/** The log₂-odds weight of a consensus base and of any other base (see the header). */
export function pwmWeights(pseudo = PSEUDO_COUNT): { match: number; other: number } {
  const total = 1 + 4 * pseudo;
  return { match: Math.log2((1 + pseudo) / total / BACKGROUND), other: Math.log2(pseudo / total / BACKGROUND) };
}

/** The PWM of a consensus as a filter of width `width` (centred; zero columns pad, a narrower filter keeps the middle). */
export function pwmFromConsensus(consensus: string, width: number): Filter {
  const { match, other } = pwmWeights();
  const letters = Array.from(consensus.toUpperCase());
  const offset = Math.floor((width - letters.length) / 2);
  const weights = Array.from({ length: width }, (_, position) => {
    const letter = letters[position - offset];
    const column = letter === undefined ? -1 : columnOf(letter);
    return LECTURE_ORDER.map((_, c) => (column < 0 ? 0 : c === column ? match : other));
  });
  return { weights, bias: 0 };
}

/** The scan of a sequence by a filter: every window's score, its ReLU, and the max-pooled best window. */
export interface Scan {
  /** score[i] = bias + Σⱼ w[j][base at i + j], for each window start i (0-based); L − k + 1 of them. */
  scores: number[];
  /** max(0, score[i]). */
  relu: number[];
  /** The sequence's score: the largest ReLU (0 when no window scores above 0). */
  maxScore: number;
  /** 1-based start of the best window (the highest raw score; the first of ties); 0 when there is no window. */
  bestPosition: number;
}

/** Slides `filter` along `sequence` (see Scan). */
export function scanSequence(sequence: string, filter: Filter): Scan {
  const letters = Array.from(sequence);
  const columns = letters.map(columnOf);
  const k = filter.weights.length;
  const windows = Math.max(0, letters.length - k + 1);
  const scores = Array.from({ length: windows }, (_, i) => {
    let score = filter.bias;
    for (let j = 0; j < k; j += 1) {
      const column = columns[i + j]!;
      if (column >= 0) score += filter.weights[j]![column]!;
    }
    return score;
  });
  let best = -1;
  scores.forEach((score, i) => {
    if (best < 0 || score > scores[best]!) best = i;
  });
  const relu = scores.map((score) => Math.max(0, score));
  return { scores, relu, maxScore: best < 0 ? 0 : relu[best]!, bestPosition: best + 1 };
}

/**
 * A weight column read as letter probabilities: pᵦ = 2^(s·wᵦ) / Σ 2^(s·w), the weights being log₂-odds against a
 * uniform background once multiplied by `bitsPerWeight` s (1 for a PWM, whose weights are bits).
 */
export function columnProbabilities(column: readonly number[], bitsPerWeight = 1): number[] {
  const top = Math.max(...column);
  const powers = column.map((w) => 2 ** (bitsPerWeight * (w - top)));
  const total = powers.reduce((a, b) => a + b, 0);
  return powers.map((p) => p / total);
}

/** Information content of a probability column, 2 − H(p) bits (0 for uniform, 2 for one certain base). */
export function informationContent(probabilities: readonly number[]): number {
  const entropy = probabilities.reduce((sum, p) => (p > 0 ? sum - p * Math.log2(p) : sum), 0);
  return Math.max(0, 2 - entropy);
}

/** One logo column: each base's probability and drawn height p × IC (bits), in the lecture's order. */
export interface LogoColumn {
  probabilities: number[];
  information: number;
  heights: number[];
}

/**
 * The sequence logo of a filter. A trained filter's weights are in no unit of their own: what they mean is their
 * effect on the network's log-odds of "motif", the output unit's weight times the weight (nats), so it is
 * drawn with `bitsPerWeight` = that output weight / ln 2.
 */
export function logoOf(filter: Filter, bitsPerWeight = 1): LogoColumn[] {
  return filter.weights.map((column) => {
    const probabilities = columnProbabilities(column, bitsPerWeight);
    const information = informationContent(probabilities);
    return { probabilities, information, heights: probabilities.map((p) => p * information) };
  });
}

/** The filter's consensus: the base with the largest weight at each position. */
export function consensusOf(filter: Filter): string {
  return filter.weights
    .map((column) => {
      let best = 0;
      column.forEach((w, c) => {
        if (w > column[best]!) best = c;
      });
      return LECTURE_ORDER[best]!;
    })
    .join('');
}

/** A copy of `filter` with one weight set (clamped to ±WEIGHT_LIMIT). */
export function withWeight(filter: Filter, position: number, column: number, value: number): Filter {
  const clamped = Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, Math.round(value * 100) / 100));
  return { bias: filter.bias, weights: filter.weights.map((row, p) => row.map((w, c) => (p === position && c === column ? clamped : w))) };
}

/** The conv1d filter `index` of weights read back from the engine ([out, in, k], PyTorch's layout, in = A, T, G, C). */
export function filterFromConv(weight: { shape: readonly number[]; values: ArrayLike<number> }, bias: ArrayLike<number> | undefined, index = 0): Filter {
  const [, channels, k] = weight.shape as [number, number, number];
  const weights = Array.from({ length: k }, (_, p) => Array.from({ length: channels }, (_, c) => weight.values[(index * channels + c) * k + p]!));
  return { weights, bias: bias ? bias[index]! : 0 };
}

/** Sigmoid, for the dense unit's probability that a sequence carries the motif. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Binary cross-entropy and accuracy (p > 0.5 means "motif") of predictions against 0/1 labels, in float64. */
export function classificationMetrics(predictions: ArrayLike<number>, labels: ArrayLike<number>): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  const eps = 1e-7;
  for (let i = 0; i < labels.length; i += 1) {
    const p = Math.min(1 - eps, Math.max(eps, predictions[i]!));
    const y = labels[i]!;
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    if ((p > 0.5 ? 1 : 0) === y) correct += 1;
  }
  return { loss: loss / labels.length, accuracy: correct / labels.length };
}

/** A weight or score as the room reads it: two decimals, a true minus sign. */
export function formatWeight(value: number): string {
  return formatNumber(value, { decimals: 2 });
}

/** A percentage with one decimal: 0.9712 → "97.1 %". */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}\u00a0%`;
}

/** The status line's scan part: "max score 9.91 at position 23 (GATAAG)". */
export function describeScan(sequence: string, scan: Scan, width: number): string {
  if (scan.bestPosition === 0) return `no window: the sequence is shorter than the filter (k = ${width})`;
  const window = sequence.slice(scan.bestPosition - 1, scan.bestPosition - 1 + width);
  return `max score ${formatWeight(scan.maxScore)} at position ${scan.bestPosition} (${window})`;
}
