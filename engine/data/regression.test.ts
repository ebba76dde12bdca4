import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { BUMP_WIDTH, cubic, curve1d, curveTargets, defaultInterval, makeRegression, regressionPlane, targetFunction } from './regression.ts';

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const deviation = (values: number[]) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
};
const column = (rows: number[][], j = 0) => rows.map((row) => row[j]!);

describe('regressionPlane', () => {
  it('draws x1, x2 in [−6, 6) and, at noise 0, y = (x1 + x2) / 10 exactly', () => {
    const data = regressionPlane({ samples: 500, noise: 0, random: 1 });
    expect(data.inputs).toHaveLength(500);
    expect(data.targets).toHaveLength(500);
    expect(data.kind).toBe('regression');
    expect(data.inputNames).toEqual(['x1', 'x2']);
    for (const [i, [x1, x2]] of data.inputs.entries()) {
      expect(x1).toBeGreaterThanOrEqual(-6);
      expect(x1).toBeLessThan(6);
      expect(x2).toBeGreaterThanOrEqual(-6);
      expect(x2).toBeLessThan(6);
      expect(data.targets[i]![0]).toBe((x1! + x2!) / 10);
    }
    // The inputs really fill the square, not a corner of it.
    expect(Math.min(...column(data.inputs))).toBeLessThan(-5.5);
    expect(Math.max(...column(data.inputs, 1))).toBeGreaterThan(5.5);
  });

  it('scatters targets around the plane in proportion to noise (playground input jitter)', () => {
    const residualSpread = (noise: number) => {
      const data = regressionPlane({ samples: 4000, noise, random: 2 });
      return deviation(data.targets.map(([y], i) => y! - (data.inputs[i]![0]! + data.inputs[i]![1]!) / 10));
    };
    // (ε1 + ε2) / 10 with ε ~ U(−6, 6)·noise has deviation noise·√(2·12)/10 ≈ 0.49·noise.
    expect(residualSpread(0.5)).toBeCloseTo((0.5 * Math.sqrt(24)) / 10, 1);
    expect(residualSpread(0.1)).toBeCloseTo((0.1 * Math.sqrt(24)) / 10, 2);
  });
});

describe('cubic', () => {
  it('gives y = x³ exactly at noise 0, with x ~ N(0, 1)', () => {
    const data = cubic({ samples: 2000, noise: 0, random: 'cubic' });
    expect(data.inputs).toHaveLength(2000);
    for (const [i, [x]] of data.inputs.entries()) expect(data.targets[i]![0]).toBe(x! ** 3);
    const xs = column(data.inputs);
    expect(mean(xs)).toBeCloseTo(0, 1);
    expect(deviation(xs)).toBeCloseTo(1, 1);
  });

  it('adds Gaussian noise with the requested standard deviation', () => {
    const data = cubic({ samples: 20000, noise: 0.5, random: 3 });
    const residuals = data.targets.map(([y], i) => y! - data.inputs[i]![0]! ** 3);
    expect(mean(residuals)).toBeCloseTo(0, 1);
    expect(Math.abs(deviation(residuals) - 0.5)).toBeLessThan(0.02);
  });
});

describe('makeRegression', () => {
  it('gives y = X·coefficients + bias exactly at noise 0', () => {
    const data = makeRegression({ samples: 200, features: 4, bias: 3, noise: 0, random: 5 });
    expect(data.inputs).toHaveLength(200);
    expect(data.inputs.every((row) => row.length === 4)).toBe(true);
    expect(data.inputNames).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(data.bias).toBe(3);
    for (const [i, row] of data.inputs.entries()) {
      const expected = row.reduce((sum, x, j) => sum + x * data.coefficients[j]!, 3);
      expect(data.targets[i]![0]).toBeCloseTo(expected, 10);
    }
  });

  it('draws informative coefficients in [0, 100) and zeroes the rest, like scikit-learn', () => {
    const data = makeRegression({ samples: 10, features: 6, informative: 2, noise: 0, random: 6 });
    expect(data.coefficients).toHaveLength(6);
    expect(data.coefficients.slice(2)).toEqual([0, 0, 0, 0]);
    for (const c of data.coefficients.slice(0, 2)) {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(100);
    }
    // Non-informative features do not move y at all.
    for (const [i, row] of data.inputs.entries()) {
      expect(data.targets[i]![0]).toBeCloseTo(row[0]! * data.coefficients[0]! + row[1]! * data.coefficients[1]!, 10);
    }
  });

  it('uses given coefficients and rejects the wrong number of them', () => {
    const data = makeRegression({ samples: 50, features: 2, coefficients: [2, -1], noise: 0, random: 7 });
    expect(data.coefficients).toEqual([2, -1]);
    for (const [i, [a, b]] of data.inputs.entries()) expect(data.targets[i]![0]).toBeCloseTo(2 * a! - b!, 12);
    expect(() => makeRegression({ samples: 5, features: 3, coefficients: [1], noise: 0, random: 1 })).toThrow(/one entry per feature/);
  });

  it('adds noise whose standard deviation is close to the requested one, and X ~ N(0, 1)', () => {
    const data = makeRegression({ samples: 20000, features: 3, noise: 10, bias: -4, random: 8 });
    const residuals = data.inputs.map((row, i) => data.targets[i]![0]! - row.reduce((s, x, j) => s + x * data.coefficients[j]!, -4));
    expect(Math.abs(deviation(residuals) - 10) / 10).toBeLessThan(0.03);
    expect(Math.abs(mean(residuals))).toBeLessThan(0.3);
    const x2 = column(data.inputs, 1);
    expect(mean(x2)).toBeCloseTo(0, 1);
    expect(deviation(x2)).toBeCloseTo(1, 1);
  });
});

describe('curve1d and targetFunction', () => {
  it('implements the documented formulas', () => {
    expect(targetFunction('sin')(Math.PI / 2)).toBe(1);
    expect(targetFunction('abs')(-0.25)).toBe(0.25);
    expect(targetFunction('step')(-1e-9)).toBe(0);
    expect(targetFunction('step')(0)).toBe(1);
    expect(targetFunction('bump')(0)).toBe(1);
    expect(targetFunction('bump')(BUMP_WIDTH)).toBeCloseTo(Math.exp(-0.5), 15);
    expect(targetFunction('bump')(1)).toBeLessThan(0.005);
    expect(defaultInterval('sin')).toEqual([-Math.PI, Math.PI]);
    expect(defaultInterval('step')).toEqual([-1, 1]);
  });

  it.each(curveTargets)('%s: samples lie on the curve at noise 0 and inside the interval', (target) => {
    const [low, high] = defaultInterval(target);
    const data = curve1d({ target, samples: 300, noise: 0, random: 9 });
    const xs = column(data.inputs);
    expect(xs).toHaveLength(300);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(low);
    expect(Math.max(...xs)).toBeLessThanOrEqual(high);
    // Random spacing still spans the interval, not a sliver of it.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.95 * (high - low));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const f = targetFunction(target);
    for (const [i, x] of xs.entries()) expect(data.targets[i]![0]).toBe(f(x));
  });

  it('places a uniform grid exactly on both ends of a custom interval', () => {
    const data = curve1d({ target: 'abs', samples: 5, interval: [-2, 2], spacing: 'uniform', noise: 0, random: 1 });
    expect(column(data.inputs)).toEqual([-2, -1, 0, 1, 2]);
    expect(column(data.targets)).toEqual([2, 1, 0, 1, 2]);
    const random = curve1d({ target: 'sin', samples: 1000, interval: [0.5, 0.75], noise: 0, random: 2 });
    for (const x of column(random.inputs)) {
      expect(x).toBeGreaterThanOrEqual(0.5);
      expect(x).toBeLessThan(0.75);
    }
  });

  it('adds N(0, noise²) to the curve', () => {
    const data = curve1d({ target: 'bump', samples: 20000, noise: 0.2, random: 10 });
    const f = targetFunction('bump');
    const residuals = data.inputs.map(([x], i) => data.targets[i]![0]! - f(x!));
    expect(Math.abs(deviation(residuals) - 0.2)).toBeLessThan(0.01);
  });

  it('rejects bad intervals, spacing, noise and sample counts', () => {
    expect(() => curve1d({ target: 'sin', samples: 5, interval: [1, 1], noise: 0, random: 1 })).toThrow(/interval/);
    expect(() => curve1d({ target: 'sin', samples: 5, spacing: 'grid' as never, noise: 0, random: 1 })).toThrow(/spacing/);
    expect(() => cubic({ samples: 5, noise: -1, random: 1 })).toThrow(/noise/);
    expect(() => cubic({ samples: 2.5, noise: 0, random: 1 })).toThrow(/samples/);
  });
});

describe('determinism', () => {
  it('same seed → identical samples; different seed → different samples; a Random works like a seed', () => {
    const a = makeRegression({ samples: 20, features: 2, noise: 1, random: 42 });
    const b = makeRegression({ samples: 20, features: 2, noise: 1, random: 42 });
    const c = makeRegression({ samples: 20, features: 2, noise: 1, random: 43 });
    expect(b).toEqual(a);
    expect(c.inputs).not.toEqual(a.inputs);
    expect(c.coefficients).not.toEqual(a.coefficients);
    expect(cubic({ samples: 20, noise: 0.1, random: createRandom(42) })).toEqual(cubic({ samples: 20, noise: 0.1, random: 42 }));
  });
});
