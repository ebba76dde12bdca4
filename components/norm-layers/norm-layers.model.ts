/**
 * Normalisation layers on one batch of activations, an N × D matrix x (N samples in rows, D features in
 * columns), written as the lecture writes them. Pure: no DOM, no Lit; plain float64 loops (the unit tests hold
 * them against TF.js's own `tf.moments` / `tf.batchNorm` and against hand derivations).
 *
 * - Batch norm normalises each feature (column j) over the batch:
 *   μⱼ = (1/N) Σᵢ xᵢⱼ, σⱼ² = (1/N) Σᵢ (xᵢⱼ − μⱼ)², x̂ᵢⱼ = (xᵢⱼ − μⱼ) / √(σⱼ² + ε), yᵢⱼ = γ x̂ᵢⱼ + β.
 * - Layer norm normalises each sample (row i) over its D features, with the same formulas along the row.
 * - ℓ² norm divides each row by its Euclidean length: yᵢ = xᵢ / max(‖xᵢ‖₂, ε), as PyTorch's
 *   `F.normalize(x, p=2, dim=1, eps)` does. It has no γ or β.
 *
 * The variance is the biased one (divided by N, not N − 1), both for normalising and for the "std" the widget
 * shows: that is what `nn.BatchNorm1d` uses in training mode (its running_var is updated with the unbiased
 * one, which only eval mode reads) and what `nn.LayerNorm` uses. PyTorch learns one γ and one β per feature;
 * here one γ and one β are shared by every feature, set by the sliders.
 */
import { createRandom } from '../../engine/random.ts';
import { choice, defineSettings, number, seed, wholeNumber, type NumberRange } from '../shared/runtime/settings.ts';

/** The three layers. */
export type NormKind = 'batch' | 'layer' | 'l2';
export const NORM_KINDS: readonly NormKind[] = ['batch', 'layer', 'l2'];

/** N, the batch size (rows). */
export const BATCH_RANGE: NumberRange = { min: 2, max: 16 };
/** D, the features (columns). */
export const FEATURES_RANGE: NumberRange = { min: 2, max: 12 };
/** γ, the scale after normalising. */
export const GAMMA_RANGE: NumberRange = { min: 0, max: 3 };
/** β, the shift after normalising. */
export const BETA_RANGE: NumberRange = { min: -2, max: 2 };
/** ε, added to the variance (batch, layer) or the floor of the length (ℓ²). */
export const EPSILON_RANGE: NumberRange = { min: 1e-12, max: 1 };

export const normLayersSettings = defineSettings({
  norm: { attribute: 'norm', parse: choice(NORM_KINDS), default: 'batch' as NormKind },
  batch: { attribute: 'batch', parse: wholeNumber(BATCH_RANGE), default: 6 },
  features: { attribute: 'features', parse: wholeNumber(FEATURES_RANGE), default: 5 },
  gamma: { attribute: 'gamma', parse: number(GAMMA_RANGE), default: 1 },
  beta: { attribute: 'beta', parse: number(BETA_RANGE), default: 0 },
  epsilon: { attribute: 'epsilon', parse: number(EPSILON_RANGE), default: 1e-5 },
  seed: { attribute: 'seed', parse: seed(), default: 1 },
});

/** The widget's settings, as the table reads them. */
export interface NormLayersConfig {
  norm: NormKind;
  batch: number;
  features: number;
  gamma: number;
  beta: number;
  epsilon: number;
  seed: number;
}

/** The lecture's name of each layer. */
export const NORM_NAMES: Record<NormKind, string> = { batch: 'Batch norm', layer: 'Layer norm', l2: 'ℓ² norm' };

/** What a layer averages over: each column (a feature, over the batch) or each row (a sample, over its features). */
export type Axis = 'column' | 'row';
export const axisOf = (kind: NormKind): Axis => (kind === 'batch' ? 'column' : 'row');

/** A matrix as rows of numbers. */
export type Matrix = number[][];

/**
 * A seeded batch of activations: feature j is drawn as offsetⱼ + scaleⱼ · z with z ~ N(0, 1), offsets in −3…3
 * and scales from 0.2 to 3 (log-uniform), so the columns differ in level and spread and batch norm visibly
 * matters. The numbers are drawn for the largest batch (16 × 12) and cut to N × D, so a larger N or D adds rows
 * or columns and keeps the ones shown.
 */
export function activationBatch(batch: number, features: number, seedValue: number): Matrix {
  const random = createRandom(seedValue);
  const levels = random.fork();
  const offsets: number[] = [];
  const scales: number[] = [];
  for (let j = 0; j < FEATURES_RANGE.max; j += 1) {
    offsets.push(levels.between(-3, 3));
    scales.push(Math.exp(levels.between(Math.log(0.2), Math.log(3))));
  }
  const full: Matrix = [];
  for (let i = 0; i < BATCH_RANGE.max; i += 1) full.push(offsets.map((offset, j) => offset + scales[j]! * random.normal()));
  return full.slice(0, batch).map((row) => row.slice(0, features));
}

/** One group's statistics (a column for batch norm, a row otherwise). */
export interface GroupStats {
  /** μ, the mean. */
  mean: number;
  /** σ², the biased variance (divided by the group's size). */
  variance: number;
  /** σ = √σ², without ε. */
  std: number;
  /** ‖·‖₂, the Euclidean length. */
  length: number;
}

/** The values of group g along `axis`. */
export function groupValues(x: Matrix, axis: Axis, group: number): number[] {
  return axis === 'column' ? x.map((row) => row[group]!) : [...x[group]!];
}

/** How many groups a matrix has along `axis`. */
export const groupCount = (x: Matrix, axis: Axis) => (axis === 'column' ? (x[0]?.length ?? 0) : x.length);

/** μ, σ² (biased), σ and ‖·‖₂ of some numbers. */
export function statsOf(values: readonly number[]): GroupStats {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / n;
  const length = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  return { mean, variance, std: Math.sqrt(variance), length };
}

/** The statistics of every group of a matrix along `axis`. */
export function groupStats(x: Matrix, axis: Axis): GroupStats[] {
  return Array.from({ length: groupCount(x, axis) }, (_, g) => statsOf(groupValues(x, axis, g)));
}

/** The parameters of a layer. */
export interface NormParameters {
  gamma: number;
  beta: number;
  epsilon: number;
}

/** A layer applied to a batch: its input, x̂, its output y and the statistics it used. */
export interface NormResult {
  kind: NormKind;
  axis: Axis;
  input: Matrix;
  /** x̂: (x − μ)/√(σ² + ε) for batch and layer norm, x / max(‖x‖, ε) for ℓ². */
  normalised: Matrix;
  /** y = γ x̂ + β (batch, layer); y = x̂ (ℓ²). */
  output: Matrix;
  /** The statistics of each group of the input, the ones the layer normalised with. */
  stats: GroupStats[];
}

/** Applies a layer to x. */
export function normalise(kind: NormKind, x: Matrix, { gamma, beta, epsilon }: NormParameters): NormResult {
  const axis = axisOf(kind);
  const stats = groupStats(x, axis);
  const groupOf = (i: number, j: number) => stats[axis === 'column' ? j : i]!;
  const normalised = x.map((row, i) =>
    row.map((v, j) => {
      const s = groupOf(i, j);
      return kind === 'l2' ? v / Math.max(s.length, epsilon) : (v - s.mean) / Math.sqrt(s.variance + epsilon);
    }),
  );
  const output = kind === 'l2' ? normalised.map((row) => [...row]) : normalised.map((row) => row.map((v) => gamma * v + beta));
  return { kind, axis, input: x, normalised, output, stats };
}

/** The standard deviation batch or layer norm gives each group: γ · σ / √(σ² + ε) (just under γ for σ² ≫ ε). */
export function expectedStd(stats: GroupStats, { gamma, epsilon }: NormParameters): number {
  return (gamma * stats.std) / Math.sqrt(stats.variance + epsilon);
}

/** Everything one cell's computation reads: x, the group's μ, σ (and ‖·‖), x̂ and y. */
export interface CellComputation {
  row: number;
  column: number;
  /** The group it is normalised in (its column for batch norm, its row otherwise). */
  group: number;
  x: number;
  stats: GroupStats;
  xHat: number;
  y: number;
}

/** The computation of cell (row, column) of a layer's result. */
export function cellComputation(result: NormResult, row: number, column: number): CellComputation {
  const group = result.axis === 'column' ? column : row;
  return {
    row,
    column,
    group,
    x: result.input[row]![column]!,
    stats: result.stats[group]!,
    xHat: result.normalised[row]![column]!,
    y: result.output[row]![column]!,
  };
}

/** The smallest and largest of some numbers. */
export function extent(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** The largest |value| of a matrix, for a symmetric colour scale (1 when every value is 0). */
export function largestMagnitude(x: Matrix): number {
  const largest = Math.max(0, ...x.flat().map(Math.abs));
  return largest > 0 ? largest : 1;
}
