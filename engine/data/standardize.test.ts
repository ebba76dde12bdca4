import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.ts';
import { makeRegression } from './regression.ts';
import { trainTestSplit } from './split.ts';
import { fitStandardizer } from './standardize.ts';

const column = (rows: number[][], j: number) => rows.map((row) => row[j]!);
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const deviation = (values: number[]) => Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));

/** Features on very different scales and offsets, as raw lecture data often is. */
function skewed(): Dataset {
  const base = makeRegression({ samples: 400, features: 3, noise: 1, random: 21 });
  return { ...base, inputs: base.inputs.map(([a, b, c]) => [1000 + 50 * a!, 0.001 * b!, -7 + c! ** 2]) };
}

describe('fitStandardizer', () => {
  it('fits the mean and population deviation of each feature', () => {
    const data: Dataset = { inputs: [[1, 10], [2, 20], [3, 30], [6, 60]], targets: [[0], [0], [0], [0]], inputNames: ['a', 'b'], targetNames: ['y'], kind: 'regression' };
    const s = fitStandardizer(data);
    expect(s.mean).toEqual([3, 30]);
    // Population (÷n): ((−2)² + (−1)² + 0² + 3²) / 4 = 3.5, not the sample variance 14/3.
    expect(s.deviation[0]).toBeCloseTo(Math.sqrt(3.5), 15);
    expect(s.deviation[1]).toBeCloseTo(10 * Math.sqrt(3.5), 13);
  });

  it('gives the training features mean 0 and deviation 1 after transform', () => {
    const { train } = trainTestSplit(skewed(), { trainFraction: 0.75, random: 22 });
    const z = fitStandardizer(train).transform(train);
    for (let j = 0; j < 3; j += 1) {
      expect(Math.abs(mean(column(z.inputs, j)))).toBeLessThan(1e-12);
      expect(Math.abs(deviation(column(z.inputs, j)) - 1)).toBeLessThan(1e-12);
    }
  });

  it('transforms the test split with the training statistics, not its own', () => {
    const { train, test } = trainTestSplit(skewed(), { trainFraction: 0.75, random: 23 });
    const s = fitStandardizer(train);
    const z = s.transform(test);
    for (const [i, row] of test.inputs.entries()) {
      for (const [j, x] of row.entries()) expect(z.inputs[i]![j]).toBe((x - s.mean[j]!) / s.deviation[j]!);
    }
    // So the test features are near, but not exactly at, mean 0 and deviation 1.
    const testMean = mean(column(z.inputs, 0));
    expect(Math.abs(testMean)).toBeGreaterThan(1e-6);
    expect(Math.abs(testMean)).toBeLessThan(0.5);
    expect(s.mean).not.toEqual(fitStandardizer(test).mean);
  });

  it('leaves targets, names and kind alone and does not modify its argument', () => {
    const data = skewed();
    const before = structuredClone(data.inputs);
    const z = fitStandardizer(data).transform(data);
    expect(z.targets).toEqual(data.targets);
    expect(z.inputNames).toEqual(data.inputNames);
    expect(z.kind).toBe('regression');
    expect(data.inputs).toEqual(before);
  });

  it('gives a constant feature deviation 1, mapping it to 0 instead of NaN', () => {
    const data: Dataset = { inputs: [[0.1, 1], [0.1, 2], [0.1, 4]], targets: [[0], [1], [0]], inputNames: ['c', 'x'], targetNames: ['label'], kind: 'classification' };
    const s = fitStandardizer(data);
    expect(s.deviation[0]).toBe(1);
    expect(s.mean[0]).toBe(0.1);
    expect(column(s.transform(data).inputs, 0)).toEqual([0, 0, 0]);
    expect(s.transformInputs([[1.1, 7]])[0]![0]).toBeCloseTo(1, 15);
  });

  it('inverse undoes transform', () => {
    const data = skewed();
    const s = fitStandardizer(data);
    const back = s.inverse(s.transformInputs(data.inputs));
    for (const [i, row] of data.inputs.entries()) {
      for (const [j, x] of row.entries()) expect(back[i]![j]).toBeCloseTo(x, 9);
    }
  });

  it('rejects an empty training set and rows of the wrong width', () => {
    const empty: Dataset = { inputs: [], targets: [], inputNames: ['x'], targetNames: ['y'], kind: 'regression' };
    expect(() => fitStandardizer(empty)).toThrow(/empty/);
    expect(() => fitStandardizer(skewed()).transformInputs([[1, 2]])).toThrow(/3 input features/);
  });
});
