/**
 * Feature standardisation: z = (x − mean) / deviation per input feature, with the statistics fitted
 * on the training split only, so nothing about the test set leaks into training.
 */
import type { Dataset } from './dataset.ts';

/** Per-feature statistics of a training set and the maps they define. */
export interface Standardizer {
  /** Mean of each input feature over the training samples. */
  mean: number[];
  /** Population standard deviation of each input feature (1 for a constant feature). */
  deviation: number[];
  /** The dataset with inputs standardised with the training statistics; targets are left alone. */
  transform<D extends Dataset>(dataset: D): D;
  /** Standardises rows of inputs: (x − mean) / deviation per feature. */
  transformInputs(inputs: number[][]): number[][];
  /** Undoes `transformInputs`: z · deviation + mean per feature (e.g. to label a plot's axes). */
  inverse(inputs: number[][]): number[][];
}

/**
 * Fits mean and population standard deviation (divide by n) of each input feature on `train`.
 * A constant feature (all values equal) gets its value as mean and deviation 1, so it becomes 0
 * rather than NaN from a division by zero.
 */
export function fitStandardizer(train: Dataset): Standardizer {
  const samples = train.inputs.length;
  if (samples === 0) throw new RangeError('cannot fit a standardizer on an empty training set');
  const features = train.inputs[0]!.length;
  const column = (j: number) => train.inputs.map((row) => row[j]!);
  const mean: number[] = [];
  const deviation: number[] = [];
  for (let j = 0; j < features; j += 1) {
    const values = column(j);
    const first = values[0]!;
    if (values.every((v) => v === first)) {
      // Testing equality rather than deviation === 0: summing n copies of 0.1 does not give n·0.1 exactly.
      mean.push(first);
      deviation.push(1);
      continue;
    }
    const m = values.reduce((sum, v) => sum + v, 0) / samples;
    // Two passes (mean, then squared deviations) keep the variance accurate for large offsets.
    const variance = values.reduce((sum, v) => sum + (v - m) ** 2, 0) / samples;
    mean.push(m);
    deviation.push(Math.sqrt(variance));
  }
  const checkWidth = (inputs: number[][]) => {
    for (const row of inputs) {
      if (row.length !== features) {
        throw new RangeError(`expected ${features} input features per sample, got ${row.length}`);
      }
    }
  };
  const transformInputs = (inputs: number[][]) => {
    checkWidth(inputs);
    return inputs.map((row) => row.map((v, j) => (v - mean[j]!) / deviation[j]!));
  };
  return {
    mean,
    deviation,
    transformInputs,
    transform: (dataset) => ({ ...dataset, inputs: transformInputs(dataset.inputs), targets: dataset.targets.map((row) => [...row]) }),
    inverse(inputs) {
      checkWidth(inputs);
      return inputs.map((row) => row.map((z, j) => z * deviation[j]! + mean[j]!));
    },
  };
}
