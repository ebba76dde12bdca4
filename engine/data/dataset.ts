/**
 * The shape every engine dataset shares, and the small checks the generators share. Rows are samples;
 * the trainer turns these plain arrays into tensors elsewhere, so nothing here imports TF.js.
 */
import { createRandom, type Random } from '../random.ts';

/** Whether the targets are real numbers to fit or 0/1 class labels. */
export type DatasetKind = 'regression' | 'classification';

/** A table of samples: one row of features (inputs) and one row of targets per sample. */
export interface Dataset {
  /** One row per sample, one column per input feature. */
  inputs: number[][];
  /** One row per sample; classification problems hold a single 0/1 label column. */
  targets: number[][];
  /** The input features' names, e.g. `['x1', 'x2']` (axis labels in widgets). */
  inputNames: string[];
  /** The targets' names, e.g. `['y']` or `['label']`. */
  targetNames: string[];
  /** Regression (real targets) or classification (0/1 labels). */
  kind: DatasetKind;
}

/** A generator's randomness: a `Random` (advanced in place) or a seed that makes a fresh one. */
export type RandomSource = Random | number | string;

/** The options every generator takes: how many samples, how much noise, and where randomness comes from. */
export interface GeneratorOptions {
  /** Number of samples (rows); a non-negative integer. */
  samples: number;
  /** Noise level; its meaning (a standard deviation or the playground's 0–0.5 fraction) is per dataset. */
  noise: number;
  /** The seeded generator or a seed; never Math.random, so a deck replays the same data. */
  random: RandomSource;
}

/** The `Random` behind a source: the given generator itself, or a fresh one seeded with the given seed. */
export function toRandom(source: RandomSource): Random {
  return typeof source === 'object' ? source : createRandom(source);
}

/** Throws a RangeError unless `samples` is a non-negative integer. */
export function checkSamples(samples: number, what = 'samples'): void {
  if (!Number.isInteger(samples) || samples < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${samples}`);
  }
}

/** Throws a RangeError unless `noise` is finite and within [0, max]. */
export function checkNoise(noise: number, max = Number.POSITIVE_INFINITY): void {
  if (!Number.isFinite(noise) || noise < 0 || noise > max) {
    const range = Number.isFinite(max) ? `in [0, ${max}]` : 'a finite number ≥ 0';
    throw new RangeError(`noise must be ${range}, got ${noise}`);
  }
}
