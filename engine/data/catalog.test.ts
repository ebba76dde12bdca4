import { describe, expect, it } from 'vitest';
import { datasetByName, datasetNames, isDatasetName } from './catalog.ts';
import { defaultInterval, targetFunction } from './regression.ts';

describe('datasetByName', () => {
  it.each(datasetNames)('%s: right size and kind, same seed → identical, different seed → different', (name) => {
    const options = { samples: 60, noise: 0.2 };
    const a = datasetByName(name, { ...options, random: 7 });
    expect(a.inputs).toHaveLength(60);
    expect(a.targets).toHaveLength(60);
    expect(a.kind).toBe(['circle', 'xor', 'gauss', 'spiral'].includes(name) ? 'classification' : 'regression');
    expect(datasetByName(name, { ...options, random: 7 })).toEqual(a);
    const b = datasetByName(name, { ...options, random: 8 });
    expect(b.inputs.concat(b.targets)).not.toEqual(a.inputs.concat(a.targets));
  });

  it('passes curve and regression options through', () => {
    const step = datasetByName('step', { samples: 3, noise: 0, random: 1, spacing: 'uniform', interval: [-2, 2] });
    expect(step.inputs).toEqual([[-2], [0], [2]]);
    expect(step.targets).toEqual([[0], [1], [1]]);
    const sin = datasetByName('sin', { samples: 50, noise: 0, random: 1 });
    for (const [i, [x]] of sin.inputs.entries()) {
      expect(Math.abs(x!)).toBeLessThanOrEqual(defaultInterval('sin')[1]);
      expect(sin.targets[i]![0]).toBe(targetFunction('sin')(x!));
    }
    expect(datasetByName('regression', { samples: 5, noise: 0, random: 1 }).inputNames).toEqual(['x1']);
    const line = datasetByName('regression', { samples: 5, noise: 0, random: 1, features: 2, coefficients: [1, 2], bias: 3 });
    for (const [i, [a, b]] of line.inputs.entries()) expect(line.targets[i]![0]).toBeCloseTo(3 + a! + 2 * b!, 12);
  });

  it('names the valid datasets when given an unknown one', () => {
    expect(isDatasetName('spiral')).toBe(true);
    expect(isDatasetName('moons')).toBe(false);
    expect(() => datasetByName('moons', { samples: 10, noise: 0, random: 1 })).toThrow(
      'Unknown dataset "moons". Valid names: plane, cubic, regression, sin, abs, step, bump, circle, xor, gauss, spiral',
    );
  });
});
