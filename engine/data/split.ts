/** Splitting a dataset into a training and a test set, shuffled with an explicit seeded generator. */
import { toRandom, type Dataset, type RandomSource } from './dataset.ts';

/** Options for `trainTestSplit`. */
export interface SplitOptions {
  /** Fraction of the samples that go to training, in [0, 1]. */
  trainFraction: number;
  /** The generator (or seed) that shuffles the samples before the cut. */
  random: RandomSource;
}

/** A dataset cut in two disjoint parts that together hold every sample once. */
export interface Split<D extends Dataset = Dataset> {
  /** The samples the model learns from: floor(samples·trainFraction) of them. */
  train: D;
  /** The held-out samples: the remaining samples − floor(samples·trainFraction). */
  test: D;
}

/**
 * Shuffles the samples with `random`, then gives the first floor(n·trainFraction) to `train` and the
 * rest to `test` (as the playground does), so the test set gets the ceiling when the cut is not whole.
 * Other fields of the dataset (names, kind, e.g. true coefficients) are copied to both parts; rows
 * are copied, so editing one part never changes the other or the original.
 */
export function trainTestSplit<D extends Dataset>(dataset: D, { trainFraction, random }: SplitOptions): Split<D> {
  if (!Number.isFinite(trainFraction) || trainFraction < 0 || trainFraction > 1) {
    throw new RangeError(`trainFraction must be in [0, 1], got ${trainFraction}`);
  }
  const samples = dataset.inputs.length;
  if (dataset.targets.length !== samples) {
    throw new RangeError(`inputs (${samples} rows) and targets (${dataset.targets.length} rows) differ in length`);
  }
  // The small epsilon keeps e.g. 0.29·100 = 28.999999999999996 from losing a training sample.
  const trainSize = Math.min(samples, Math.floor(samples * trainFraction + 1e-9));
  const order = toRandom(random).shuffle(Array.from({ length: samples }, (_, i) => i));
  const part = (indices: number[]): D => ({
    ...dataset,
    inputs: indices.map((i) => [...dataset.inputs[i]!]),
    targets: indices.map((i) => [...dataset.targets[i]!]),
  });
  return { train: part(order.slice(0, trainSize)), test: part(order.slice(trainSize)) };
}
