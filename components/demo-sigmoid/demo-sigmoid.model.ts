/**
 * The logistic sigmoid σ(x) = 1 / (1 + e^(−x)), the squashing function of the classic artificial neuron,
 * and its derivative σ'(x) = σ(x)(1 − σ(x)), the factor backpropagation multiplies by.
 */
import { defineSettings, number } from '../shared/runtime/settings.ts';

/** σ(x), computed without overflow for large |x| (e^(−x) overflows for x < −709). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const ex = Math.exp(x);
  return ex / (1 + ex);
}

/** σ'(x) = σ(x)(1 − σ(x)). */
export function sigmoidDerivative(x: number): number {
  const s = sigmoid(x);
  return s * (1 - s);
}

/** Range of the demo's input slider. */
export interface InputRange {
  min: number;
  max: number;
}

export const DEFAULT_RANGE: InputRange = { min: -6, max: 6 };

/** The attributes (README: Widgets). `value` is checked against `min`…`max` once both are known. */
export const demoSigmoidSettings = defineSettings({
  start: { attribute: 'value', parse: number(), default: 0 },
  min: { attribute: 'min', parse: number(), default: DEFAULT_RANGE.min },
  max: { attribute: 'max', parse: number(), default: DEFAULT_RANGE.max },
});

/** Points of the curve on [min, max], for drawing: `count` samples, ends included. */
export function sigmoidCurve(range: InputRange, count = 121): Array<[number, number]> {
  const step = (range.max - range.min) / (count - 1);
  return Array.from({ length: count }, (_, i) => {
    const x = range.min + i * step;
    return [x, sigmoid(x)];
  });
}
