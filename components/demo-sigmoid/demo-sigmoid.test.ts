import { describe, expect, it } from 'vitest';
import { sigmoid, sigmoidCurve, sigmoidDerivative } from './demo-sigmoid.model.ts';

describe('sigmoid', () => {
  it('is one half at zero and symmetric: σ(x) + σ(−x) = 1', () => {
    expect(sigmoid(0)).toBe(0.5);
    for (const x of [0.1, 1, 2.5, 7, 30]) expect(sigmoid(x) + sigmoid(-x)).toBeCloseTo(1, 12);
  });

  it('matches the closed form at known points', () => {
    // σ(ln 3) = 3/4 exactly.
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 12);
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 12);
  });

  it('saturates without overflow at extreme inputs', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(Number.isNaN(sigmoid(-800))).toBe(false);
  });

  it('has the derivative σ(1 − σ), checked against a central finite difference', () => {
    const h = 1e-5;
    for (const x of [-4, -1, 0, 0.5, 3]) {
      const numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h);
      expect(sigmoidDerivative(x)).toBeCloseTo(numeric, 8);
    }
    expect(sigmoidDerivative(0)).toBe(0.25);
  });

  it('samples the curve across the range, ends included and increasing', () => {
    const curve = sigmoidCurve({ min: -6, max: 6 }, 13);
    expect(curve).toHaveLength(13);
    expect(curve[0]?.[0]).toBe(-6);
    expect(curve[12]?.[0]).toBe(6);
    for (let i = 1; i < curve.length; i += 1) expect(curve[i]![1]).toBeGreaterThan(curve[i - 1]![1]);
  });
});
