/**
 * The shared axes: round ticks a plot has room for, labels with a true minus sign, decade labels, log axes.
 */
import { describe, expect, it } from 'vitest';
import { decadeLabel, decadeTicks, linearScale, logTicks, lossScale, roundTicks, shortNumber, superscript, tickLabel } from './axes.ts';

describe('roundTicks', () => {
  it('steps by the smallest of 1, 2, 5 × 10ⁿ that leaves at most `count` intervals', () => {
    expect(roundTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(roundTicks(-1.5, 1.5, 4)).toEqual([-1, 0, 1]);
    // (2.2 − −1.2) / 5 = 0.68: a step of 1, not d3's nearest 0.5 (seven labels on a small plot).
    expect(roundTicks(-1.2, 2.2, 5)).toEqual([-1, 0, 1, 2]);
    expect(roundTicks(-31.4, 28.9, 6)).toEqual([-20, 0, 20]);
    expect(roundTicks(-28, 28, 6)).toEqual([-20, -10, 0, 10, 20]);
  });

  it('gives clean values: no float noise, no negative zero', () => {
    const ticks = roundTicks(-0.3, 0.3, 6);
    expect(ticks).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(Object.is(ticks[3], 0)).toBe(true);
  });

  it('is one tick for an empty interval', () => {
    expect(roundTicks(2, 2)).toEqual([2]);
  });
});

describe('labels', () => {
  it('writes a true minus sign and exponents for very large or small values', () => {
    expect(tickLabel(-2)).toBe('−2');
    expect(tickLabel(0.25)).toBe('0.25');
    expect(tickLabel(1e-5)).toBe('10⁻⁵');
    expect(tickLabel(-2e5)).toBe('−2·10⁵');
    expect(shortNumber(-1.2345)).toBe('−1.2');
  });

  it('labels decades with superscripts, about `labels` of them', () => {
    expect(superscript(-12)).toBe('⁻¹²');
    expect(decadeLabel(-3)).toBe('10⁻³');
    expect(decadeTicks([-4, 0], 4)).toEqual([
      { exponent: -4, labelled: true },
      { exponent: -3, labelled: false },
      { exponent: -2, labelled: true },
      { exponent: -1, labelled: false },
      { exponent: 0, labelled: true },
    ]);
    expect(decadeTicks([-2, 0], 4).every((t) => t.labelled)).toBe(true);
  });
});

describe('scales', () => {
  it('maps a domain onto a range, y upwards', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(2.5)).toBe(150);
  });

  it('rounds a loss axis out to 1, 2 or 5 × 10ⁿ and ticks it by decades', () => {
    const scale = lossScale(0.0031, 0.8, [100, 0]);
    expect(scale.domain()).toEqual([0.002, 1]);
    expect(logTicks(scale)).toEqual([0.01, 0.1, 1]);
  });
});
