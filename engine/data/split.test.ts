import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import type { Dataset } from './dataset.ts';
import { makeRegression } from './regression.ts';
import { trainTestSplit } from './split.ts';

/** Samples whose single feature is their index, so every row can be traced back. */
function numbered(samples: number): Dataset {
  return {
    inputs: Array.from({ length: samples }, (_, i) => [i]),
    targets: Array.from({ length: samples }, (_, i) => [i % 2]),
    inputNames: ['id'],
    targetNames: ['label'],
    kind: 'classification',
  };
}
const ids = (data: Dataset) => data.inputs.map(([id]) => id!);

describe('trainTestSplit', () => {
  it.each([
    [10, 0.7, 7],
    [10, 0.75, 7],
    [101, 0.8, 80],
    [100, 0.29, 29],
    [5, 0, 0],
    [5, 1, 5],
    [0, 0.5, 0],
  ])('%i samples at %f → floor gives %i to train, the rest to test', (samples, trainFraction, trainSize) => {
    const { train, test } = trainTestSplit(numbered(samples), { trainFraction, random: 1 });
    expect(train.inputs).toHaveLength(trainSize);
    expect(train.targets).toHaveLength(trainSize);
    expect(test.inputs).toHaveLength(samples - trainSize);
    expect(test.targets).toHaveLength(samples - trainSize);
  });

  it('loses and duplicates no sample, and keeps each target with its inputs', () => {
    const { train, test } = trainTestSplit(numbered(500), { trainFraction: 0.6, random: 2 });
    const all = [...ids(train), ...ids(test)];
    expect(new Set(ids(train)).size).toBe(300);
    expect(ids(train).some((id) => ids(test).includes(id))).toBe(false);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    for (const part of [train, test]) {
      for (const [i, [id]] of part.inputs.entries()) expect(part.targets[i]![0]).toBe(id! % 2);
    }
  });

  it('shuffles with the given random: deterministic per seed, not just the first rows', () => {
    const a = trainTestSplit(numbered(200), { trainFraction: 0.5, random: 3 });
    expect(trainTestSplit(numbered(200), { trainFraction: 0.5, random: createRandom(3) })).toEqual(a);
    expect(ids(trainTestSplit(numbered(200), { trainFraction: 0.5, random: 4 }).train)).not.toEqual(ids(a.train));
    expect(ids(a.train)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Both halves draw from the whole range.
    expect(Math.max(...ids(a.train))).toBeGreaterThan(150);
    expect(Math.min(...ids(a.test))).toBeLessThan(50);
  });

  it('keeps names, kind and extra fields, and copies rows instead of sharing them', () => {
    const data = makeRegression({ samples: 20, features: 2, noise: 0, random: 5 });
    const { train, test } = trainTestSplit(data, { trainFraction: 0.5, random: 6 });
    expect(train.coefficients).toEqual(data.coefficients);
    expect(test.inputNames).toEqual(['x1', 'x2']);
    expect(test.kind).toBe('regression');
    const before = structuredClone(data.inputs);
    train.inputs[0]![0] = 1e6;
    expect(data.inputs).toEqual(before);
  });

  it('rejects a fraction outside [0, 1]', () => {
    expect(() => trainTestSplit(numbered(4), { trainFraction: 1.5, random: 1 })).toThrow(/trainFraction/);
    expect(() => trainTestSplit(numbered(4), { trainFraction: Number.NaN, random: 1 })).toThrow(/trainFraction/);
  });
});
