import { describe, expect, it } from 'vitest';
import { formatNumber, JS_PLAIN, readNumber } from './format-number.ts';

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

  it('writes fixed decimals for a column on one grid, never a "−0.00"', () => {
    expect(formatNumber(-1.5, { decimals: 3 })).toBe('−1.500');
    expect(formatNumber(-0.0001, { decimals: 3 })).toBe('0.000');
    expect(formatNumber(0.004, { decimals: 2 })).toBe('0.00');
    expect(formatNumber(2, { decimals: 0 })).toBe('2');
    expect(formatNumber(2.5e7, { decimals: 2 })).toBe(`2.5${NBSP}×${NBSP}10⁷`);
  });

  it('keeps trailing zeros when asked, or only where they are significant', () => {
    expect(formatNumber(0.08, { zeros: 'keep' })).toBe('0.08000');
    expect(formatNumber(12345, { zeros: 'keep' })).toBe('12350');
    expect(formatNumber(0, { digits: 3, zeros: 'keep' })).toBe('0.00');
    expect(formatNumber(2.5e-5, { digits: 3, zeros: 'keep' })).toBe(`2.50${NBSP}×${NBSP}10⁻⁵`);
    expect(formatNumber(0.52397, { zeros: 'significant' })).toBe('0.5240');
    expect(formatNumber(0.50000001, { zeros: 'significant' })).toBe('0.5');
  });

  it('moves the plain range and the mantissa\'s figures where a widget asks', () => {
    expect(formatNumber(0.0001, { plain: JS_PLAIN })).toBe('0.0001');
    expect(formatNumber(123456789, { plain: JS_PLAIN })).toBe('123500000');
    expect(formatNumber(1e-7, { plain: JS_PLAIN })).toBe('10⁻⁷');
    expect(formatNumber(1156200, { digits: 5, powerDigits: 4, plain: [1e-4, 1e6] })).toBe(`1.156${NBSP}×${NBSP}10⁶`);
  });

  it('writes a KaTeX formula\'s number with "-" and \\times', () => {
    expect(formatNumber(-0.24, { tex: true })).toBe('-0.24');
    expect(formatNumber(-1.235e-5, { tex: true })).toBe('-1.24 \\times 10^{-5}');
    expect(formatNumber(-Infinity, { tex: true })).toBe('-∞');
  });

  it('reads its own text back', () => {
    for (const value of [0.0144, -0.5384, 1.63e12, -1.84e-6, 1e-7, 12.5]) expect(readNumber(formatNumber(value))).toBeCloseTo(value, 12);
    expect(readNumber(`<${NBSP}10⁻⁶`)).toBe(1e-6);
    expect(readNumber('−∞')).toBe(-Infinity);
    expect(readNumber('1.46e6')).toBe(1.46e6);
    expect(readNumber('two')).toBeNaN();
  });
});
