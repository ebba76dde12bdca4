/**
 * LossCurves, the loss plot of nn-playground and ua-fitter: 100,000 epochs of pictures keep each curve and
 * its drawn path to at most LOSS_CURVE_POINTS, and the log axis is the one all the losses call for.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/random.ts';
import { LOSS_CURVE_POINTS, LossCurves } from './loss-curves.ts';

/** Drawing commands in an SVG path: one per point drawn. */
function drawnPoints(d: string): number {
  return (d.match(/[ML]/g) ?? []).length;
}

/** The axis's decades from every loss, by brute force: what the widgets computed before (by spreading). */
function bruteForceDecades(losses: readonly number[], fallback: [number, number]): [number, number] {
  const logs = losses.filter((l) => l > 0 && Number.isFinite(l)).map(Math.log10);
  if (logs.length === 0) return fallback;
  const low = Math.floor(logs.reduce((a, b) => Math.min(a, b)));
  return [low, Math.max(Math.ceil(logs.reduce((a, b) => Math.max(a, b))), low + 1)];
}

describe('LossCurves', () => {
  it('100,000 epochs of train and test loss: bounded curves and paths, the right decades, the first and latest epoch', () => {
    const random = createRandom(2);
    const curves = new LossCurves(['train', 'test']);
    const all: number[] = [];
    for (let epoch = 1; epoch <= 100_000; epoch += 1) {
      const train = 0.3 * Math.exp(-epoch / 5000) + 0.004 + 0.001 * random.uniform();
      const test = epoch === 77_777 ? 25 : train * 1.5 + 0.002 * random.uniform(); // one wild test loss late on
      curves.record(epoch, { train, test });
      all.push(train, test);
    }
    for (const name of ['train', 'test'] as const) {
      const points = curves.points(name);
      expect(points.length).toBeLessThanOrEqual(LOSS_CURVE_POINTS);
      expect(points[0]!.epoch).toBe(1);
      expect(points.at(-1)!.epoch).toBe(100_000);
      expect(drawnPoints(curves.path(name, (e) => e / 100, (l) => -l * 100))).toBe(points.length);
    }
    expect(curves.points('test').some((p) => p.loss === 25)).toBe(true);
    expect(curves.decades([-2, 0])).toEqual(bruteForceDecades(all, [-2, 0]));
  });

  it('records a picture once per epoch, leaves out what a log axis cannot show, and falls back before any loss', () => {
    const curves = new LossCurves(['mse']);
    expect(curves.decades([-3, 0])).toEqual([-3, 0]);
    curves.record(1, { mse: 0.5 });
    curves.record(1, { mse: 0.4 }); // a second picture of the same epoch
    curves.record(2, { mse: Number.NaN }); // diverged
    curves.record(3, { mse: 0 }); // a perfect fit
    curves.record(4, { mse: 0.05 });
    expect(curves.points('mse')).toEqual([
      { epoch: 1, loss: 0.5 },
      { epoch: 4, loss: 0.05 },
    ]);
    expect(curves.decades([-3, 0])).toEqual([-2, 0]);
    expect(curves.latest('mse')).toEqual({ epoch: 4, loss: 0.05 });
  });
});
