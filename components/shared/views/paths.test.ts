/** The shared line path: breaks at values that are not numbers, clamps far-off ones. */
import { describe, expect, it } from 'vitest';
import { linePath } from './paths.ts';

const identity = (v: number) => v;

describe('linePath', () => {
  it('joins the points to 0.1 unit', () => {
    expect(linePath([0, 1, 2], [5, 6.04, 7], identity, identity)).toBe('M0.0,5.0L1.0,6.0L2.0,7.0');
  });

  it('lifts the pen at a value that is not a number and starts again after it', () => {
    expect(linePath([0, 1, 2, 3], [1, Number.NaN, 2, 3], identity, identity)).toBe('M0.0,1.0M2.0,2.0L3.0,3.0');
    expect(linePath([0, 1], [Number.POSITIVE_INFINITY, 1], identity, identity)).toBe('M1.0,1.0');
  });

  it('holds a far-off value at the clamp, so the line leaves in the right direction', () => {
    expect(linePath([0, 1], [50, 1e9], identity, identity, { clampY: [-40, 400] })).toBe('M0.0,50.0L1.0,400.0');
  });
});
