import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  activate,
  activationCurves,
  derivative,
  derivativeNote,
  erf,
  erfc,
  formatNumber,
  normalCdf,
  parseExplorerAttributes,
  sampleCurve,
  type ActivationName,
} from './activation-explorer.model.ts';

const attributes = (overrides: Partial<Record<string, string>> = {}) => ({
  activation: null,
  input: null,
  mode: null,
  showDerivative: null,
  compare: null,
  leakySlope: null,
  layer: null,
  seed: null,
  ...overrides,
});

describe('erf, erfc and Φ', () => {
  // Published values (Abramowitz & Stegun table 7.1, to full double precision as CPython's math.erf/erfc give them).
  const erfTable: Array<[number, number]> = [
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
  ];
  it.each(erfTable)('erf(%s) matches the table to 1e-15', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThan(1e-15);
    expect(Math.abs(erf(-x) + expected)).toBeLessThan(1e-15);
  });

  it('erfc keeps its relative accuracy in the far tail, where 1 − erf(x) would be 0', () => {
    expect(Math.abs(erfc(3) / 2.2090496998585438e-5 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(erfc(5) / 1.5374597944280351e-12 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(erfc(10) / 2.088487583762545e-45 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(erfc(-1) - 1.842700792949715)).toBeLessThan(1e-15);
  });

  it('erf is continuous where it switches from the series to the continued fraction', () => {
    // A central difference across the switch gives erf′(2) = 2/√π·e⁻⁴ (error O(δ²)): no step at 2.
    const delta = 1e-5;
    const slope = (2 / Math.sqrt(Math.PI)) * Math.exp(-4);
    expect(Math.abs((erf(2 + delta) - erf(2 - delta)) / (2 * delta) - slope)).toBeLessThan(1e-9);
    expect(Math.abs((erfc(2 - delta) - erfc(2 + delta)) / (2 * delta) - slope)).toBeLessThan(1e-9);
  });

  it('Φ(1) = 0.8413447460685429, Φ(0) = ½, Φ(−z) = 1 − Φ(z)', () => {
    expect(Math.abs(normalCdf(1) - 0.8413447460685429)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
    for (const z of [0.3, 1.7, 2.5, 4]) expect(Math.abs(normalCdf(-z) - (1 - normalCdf(z)))).toBeLessThan(1e-15);
  });
});

describe('activations', () => {
  it('GELU is the exact x·Φ(x) (PyTorch’s default), not the tanh approximation', () => {
    expect(Math.abs(activate('gelu', 1) - 0.8413447460685429)).toBeLessThan(1e-15);
    expect(Math.abs(activate('gelu', -1) - -0.15865525393145707)).toBeLessThan(1e-15);
    expect(Math.abs(activate('gelu', 2) - 1.9544997361036416)).toBeLessThan(1e-15);
    expect(Math.abs(activate('gelu', -3) / -0.004049694094890287 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(activate('gelu', -6) / -5.919525870226207e-9 - 1)).toBeLessThan(1e-12);
    // The tanh approximation differs in the 4th decimal at z = 1: this test would catch it.
    const tanhApprox = (z: number) => 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)));
    expect(Math.abs(tanhApprox(1) - activate('gelu', 1))).toBeGreaterThan(1e-5);
  });

  it('hand-computed values of each function', () => {
    expect(activate('sigmoid', 0)).toBe(0.5);
    expect(activate('sigmoid', Math.log(3))).toBeCloseTo(0.75, 15);
    expect(activate('sigmoid', -800)).toBe(0); // no overflow: e^800 is never computed
    expect(activate('sigmoid', 800)).toBe(1);
    expect(activate('tanh', Math.log(2))).toBeCloseTo(0.6, 15); // (2 − ½)/(2 + ½)
    expect(activate('relu', -2)).toBe(0);
    expect(activate('relu', 1.5)).toBe(1.5);
    expect(activate('leaky-relu', -2)).toBeCloseTo(-0.02, 15);
    expect(activate('leaky-relu', -2, 0.2)).toBeCloseTo(-0.4, 15);
    expect(activate('threshold', 0)).toBe(1);
    expect(activate('threshold', -1e-9)).toBe(0);
  });

  const smooth: ActivationName[] = ['sigmoid', 'tanh', 'gelu'];
  it.each(smooth)('%s′ matches central finite differences everywhere on the plot', (name) => {
    const h = 1e-5;
    for (let z = -5; z <= 5; z += 0.37) {
      const numeric = (activate(name, z + h) - activate(name, z - h)) / (2 * h);
      expect(Math.abs(derivative(name, z) - numeric)).toBeLessThan(1e-8);
    }
  });

  it.each(['relu', 'leaky-relu', 'threshold'] as ActivationName[])('%s′ matches finite differences away from the kink at 0', (name) => {
    const h = 1e-6;
    for (const z of [-4.2, -1, -0.01, 0.01, 0.5, 3.3]) {
      const numeric = (activate(name, z + h, 0.07) - activate(name, z - h, 0.07)) / (2 * h);
      expect(Math.abs(derivative(name, z, 0.07) - numeric)).toBeLessThan(1e-8);
    }
  });

  it('at z = 0: ReLU′ = 0 and leaky ReLU′ = slope (PyTorch), the threshold’s is undefined', () => {
    expect(derivative('relu', 0)).toBe(0);
    expect(derivative('leaky-relu', 0, 0.2)).toBe(0.2);
    expect(derivative('threshold', 0)).toBeNaN();
    expect(formatNumber(derivative('threshold', 0))).toBe('undefined');
    expect(derivativeNote('threshold', 0, 0.01)).toMatch(/undefined/);
    expect(derivativeNote('relu', 0, 0.01)).toMatch(/PyTorch uses ReLU′\(0\) = 0/);
    expect(derivativeNote('relu', 0.05, 0.01)).toBeNull();
    expect(derivativeNote('sigmoid', 0, 0.01)).toBeNull();
  });

  it('σ′ peaks at ¼ and tanh′ at 1, both at 0', () => {
    expect(derivative('sigmoid', 0)).toBe(0.25);
    expect(derivative('tanh', 0)).toBe(1);
    expect(derivative('sigmoid', 3)).toBeLessThan(0.25);
  });
});

describe('curves', () => {
  it('the threshold curve is drawn in two pieces, with the value at 0 filled (1) and the other limit open (0)', () => {
    const { value, slope } = activationCurves('threshold', 0.01);
    expect(value.pieces).toHaveLength(2);
    expect(value.pieces[0]!.every(([, y]) => y === 0)).toBe(true);
    expect(value.pieces[1]!.every(([, y]) => y === 1)).toBe(true);
    expect(value.markers).toEqual([
      { z: 0, y: 1, filled: true },
      { z: 0, y: 0, filled: false },
    ]);
    // f′ is 0 on both sides, undefined at 0: one open dot, no filled one.
    expect(slope.markers).toEqual([{ z: 0, y: 0, filled: false }]);
  });

  it('ReLU′ jumps from 0 to 1: filled at (0, 0), open at (0, 1)', () => {
    const { value, slope } = activationCurves('relu', 0.01);
    expect(value.pieces).toHaveLength(1);
    expect(slope.pieces).toHaveLength(2);
    expect(slope.markers).toEqual([
      { z: 0, y: 0, filled: true },
      { z: 0, y: 1, filled: false },
    ]);
  });

  it('a smooth curve spans the whole z axis in one piece', () => {
    const curve = sampleCurve(Math.sin, -5, 5, 100, []);
    expect(curve.pieces).toHaveLength(1);
    expect(curve.pieces[0]![0]![0]).toBe(-5);
    expect(curve.pieces[0]!.at(-1)![0]).toBe(5);
    expect(curve.markers).toEqual([]);
  });
});

describe('attributes', () => {
  it('defaults: sigmoid at z = 0, 1-D, derivative shown', () => {
    const { config, warnings } = parseExplorerAttributes(attributes());
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ activation: 'sigmoid', input: 0, mode: '1-d', showDerivative: true, compare: null, leakySlope: 0.01, seed: 1 });
  });

  it('reads every attribute, aliases and the compare list', () => {
    const { config, warnings } = parseExplorerAttributes(
      attributes({ activation: 'Leaky_ReLU', input: '1.23', mode: '2-D', showDerivative: 'false', compare: 'gelu, relu', leakySlope: '0.2', layer: 'identity', seed: '4' }),
    );
    expect(warnings).toEqual([]);
    expect(config).toEqual({ activation: 'leaky-relu', input: 1.25, mode: '2-d', showDerivative: false, compare: ['relu', 'gelu'], leakySlope: 0.2, layer: 'identity', seed: 4 });
    expect(parseExplorerAttributes(attributes({ compare: 'all' })).config.compare).toEqual([...ACTIVATIONS]);
  });

  it('each bad value is named in a warning and falls back to its default', () => {
    const { config, warnings } = parseExplorerAttributes(
      attributes({ activation: 'swish', input: '9', mode: '3-d', showDerivative: 'maybe', compare: 'relu,softplus', leakySlope: '-1', seed: '1.5' }),
    );
    expect(config).toMatchObject(parseExplorerAttributes(attributes()).config);
    expect(warnings).toHaveLength(7);
    for (const name of ['activation="swish"', 'input="9"', 'mode="3-d"', 'show-derivative="maybe"', 'compare="relu,softplus"', 'leaky-slope="-1"', 'seed="1.5"']) {
      expect(warnings.some((w) => w.startsWith(name))).toBe(true);
    }
  });
});
