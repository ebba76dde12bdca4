/**
 * The 2-D view of `<activation-explorer>` (activation-explorer.plane.ts): the grid, the seeded layer and what
 * each activation does to the plane, counted by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  IDENTITY_LAYER,
  activate2d,
  applyLayer,
  gridLines,
  gridPoints,
  planePicture,
  randomLayer,
  signPattern,
  summarizePlane,
  viewExtent,
} from './activation-explorer.plane.ts';

describe('the 2-D view', () => {
  it('the grid is 9 × 9 points on [−2, 2]² and 18 lines', () => {
    const points = gridPoints();
    expect(points).toHaveLength(81);
    expect(points[0]).toEqual([-2, 2]);
    expect(points.at(-1)).toEqual([2, -2]);
    expect(gridLines()).toHaveLength(18);
  });

  it('ReLU on the identity grid folds three quadrants onto the axes: 65 of 81 points, 25 at the origin', () => {
    // Counted by hand: coordinates −2…0 (5 values) clip to 0; 4 × 4 points have both coordinates positive.
    const after = gridPoints().map((x) => activate2d('relu', applyLayer(IDENTITY_LAYER, x), 0.01));
    const summary = summarizePlane(after);
    expect(summary).toMatchObject({ count: 81, onAxis: 81 - 16, atOrigin: 25, xRange: [0, 2], yRange: [0, 2] });
  });

  it('tanh squashes any grid into the box (−1, 1)², sigmoid into (0, 1)²', () => {
    const layer = randomLayer(3);
    for (const [name, low, high] of [['tanh', -1, 1], ['sigmoid', 0, 1]] as const) {
      const summary = summarizePlane(gridPoints().map((x) => activate2d(name, applyLayer(layer, x), 0.01)));
      expect(summary.xRange[0]).toBeGreaterThan(low);
      expect(summary.xRange[1]).toBeLessThan(high);
      expect(summary.yRange[0]).toBeGreaterThan(low);
      expect(summary.yRange[1]).toBeLessThan(high);
    }
  });

  it('the random layer is fixed by its seed, printed exactly (2 decimals) and never nearly singular', () => {
    expect(randomLayer(7)).toEqual(randomLayer(7));
    expect(randomLayer(7)).not.toEqual(randomLayer(8));
    for (let seed = 1; seed <= 50; seed += 1) {
      const { weights, bias } = randomLayer(seed);
      for (const v of [...weights.flat(), ...bias]) expect(Math.round(v * 100) / 100).toBe(v);
      expect(Math.abs(weights[0][0] * weights[1][1] - weights[0][1] * weights[1][0])).toBeGreaterThanOrEqual(0.5);
      // Every fold shows: each sign pattern of h holds at least 12 grid points.
      const counts = new Map<string, number>();
      for (const x of gridPoints()) {
        const h = applyLayer({ weights, bias }, x);
        expect(Math.max(Math.abs(h[0]), Math.abs(h[1]))).toBeLessThanOrEqual(5);
        const sign = signPattern(h);
        counts.set(sign, (counts.get(sign) ?? 0) + 1);
      }
      expect(counts.size).toBe(4);
      for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(12);
    }
    // h = W x + b by hand for one layer.
    const layer = { weights: [[1, 2], [3, 4]] as [[number, number], [number, number]], bias: [0.5, -1] as [number, number] };
    expect(applyLayer(layer, [1, -1])).toEqual([-0.5, -2]);
  });

  it('the view extent holds every point', () => {
    expect(viewExtent([[0.3, -0.9]])).toBe(1);
    expect(viewExtent([[4.9, 1]])).toBe(6);
  });

  it('the picture keeps the scale of h for ReLU and zooms in on the box of a bounded activation', () => {
    const layer = randomLayer(1);
    const relu = planePicture('relu', 0.01, layer);
    expect(relu.before).toHaveLength(81);
    expect(relu.after).toEqual(relu.before.map((h) => [Math.max(0, h[0]), Math.max(0, h[1])]));
    expect(relu.signs).toEqual(relu.before.map(signPattern));
    expect(relu.linesAfter).toHaveLength(18);
    expect(relu.extentAfter).toBe(relu.extentBefore);
    // The sigmoid's images lie in (0, 1)²; its panel shows the box [0, 1]² with a margin, whatever the scale of h.
    const sigmoid = planePicture('sigmoid', 0.01, layer);
    expect(sigmoid.extentAfter).toBe(1.2);
    expect(sigmoid.summary.xRange[0]).toBeGreaterThan(0);
    expect(sigmoid.summary.yRange[1]).toBeLessThan(1);
  });
});
