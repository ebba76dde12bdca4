import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number.ts';

const NBSP = '\u00a0';

describe('formatNumber', () => {
  it('writes everyday numbers with 4 significant figures and a true minus sign', () => {
    expect(formatNumber(0.0144)).toBe('0.0144');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(-0.53841)).toBe('−0.5384');
    expect(formatNumber(4.849123)).toBe('4.849');
    expect(formatNumber(4.849123, { digits: 3 })).toBe('4.85');
    expect(formatNumber(9999.4)).toBe('9999');
    expect(formatNumber(99999.4)).toBe('10⁵');
  });

  it('writes large and small values with a power of ten, never "e+12"', () => {
    expect(formatNumber(1.6301e12)).toBe(`1.63${NBSP}×${NBSP}10¹²`);
    expect(formatNumber(-1.839e-6)).toBe(`−1.84${NBSP}×${NBSP}10⁻⁶`);
    expect(formatNumber(1e-7)).toBe('10⁻⁷');
    expect(formatNumber(2.5e5, { digits: 2 })).toBe(`2.5${NBSP}×${NBSP}10⁵`);
  });

  it('shows a never-negative quantity below its floor as "< floor"', () => {
    expect(formatNumber(2.2737e-13, { floor: 1e-6 })).toBe(`<${NBSP}10⁻⁶`);
    expect(formatNumber(0, { floor: 1e-6 })).toBe(`<${NBSP}10⁻⁶`);
    expect(formatNumber(3e-6, { floor: 1e-6 })).toBe(`3${NBSP}×${NBSP}10⁻⁶`);
    expect(formatNumber(0.002, { floor: 0.005 })).toBe(`<${NBSP}0.005`);
  });

  it('writes zero, infinities and NaN plainly, and never a "−0"', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1e-20, { digits: 4 })).toBe(`−10⁻²⁰`);
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it('has no breaking space inside a number', () => {
    for (const value of [1.6e12, -3.2e-9, 0.5, 123456789]) expect(formatNumber(value)).not.toMatch(/ /);
  });
});
