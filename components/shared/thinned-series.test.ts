/**
 * ThinnedSeries: a history fed 100,000 points (100,000 epochs of a loss curve) keeps at most its capacity,
 * knows its extremes exactly, keeps the first and the latest point, and keeps only real points — so a line
 * through them still is the curve.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/random.ts';
import { ThinnedSeries } from './thinned-series.ts';

interface Sample {
  epoch: number;
  loss: number;
}

/** A noisy loss curve with spikes, its global minimum planted mid-run, and a few non-finite values. */
function lossCurve(count: number, seed = 5): Sample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, epoch) => {
    let loss = 0.05 + 2 * Math.exp(-epoch / 3000) + 0.02 * random.uniform();
    if (epoch % 7919 === 0) loss *= 5; // a spike now and then
    if (epoch === 61_237) loss = 0.001; // the global minimum, nowhere near a power of two
    if (epoch === 40_000 || epoch === 40_001) loss = Number.NaN;
    return { epoch, loss };
  });
}

/** The brute-force answers over every point fed. */
function bruteForce(samples: readonly Sample[]) {
  let min = samples[0]!;
  let max = samples[0]!;
  for (const s of samples) {
    if (!Number.isFinite(s.loss)) continue;
    if (!Number.isFinite(min.loss) || s.loss < min.loss) min = s;
    if (!Number.isFinite(max.loss) || s.loss > max.loss) max = s;
  }
  return { min, max };
}

describe('ThinnedSeries', () => {
  it('fed 100,000 epochs keeps at most its capacity all along, with exact extremes and the first and latest point', () => {
    const samples = lossCurve(100_000);
    const series = new ThinnedSeries<Sample>({ value: (s) => s.loss, capacity: 500 });
    let longest = 0;
    samples.forEach((sample, i) => {
      series.push(sample);
      if (i % 97 === 0 || i > 99_900) longest = Math.max(longest, series.length);
    });
    expect(longest).toBeLessThanOrEqual(500);
    // It uses its room: not thinned to a handful.
    expect(series.length).toBeGreaterThan(250);
    expect(series.count).toBe(100_000);
    const { min, max } = bruteForce(samples);
    expect(series.min).toBe(min);
    expect(series.max).toBe(max);
    expect(series.extent).toEqual([min.loss, max.loss]);
    const kept = series.points();
    expect(kept[0]).toBe(samples[0]);
    expect(kept.at(-1)).toBe(samples.at(-1));
    expect(series.first).toBe(samples[0]);
    expect(series.latest).toBe(samples.at(-1));
    expect(kept).toContain(min);
    expect(kept).toContain(max);
  });

  it('keeps real points in order, so its line deviates from the full curve by nothing at every kept x', () => {
    const samples = lossCurve(100_000, 8);
    const series = new ThinnedSeries<Sample>({ value: (s) => s.loss, capacity: 300 });
    for (const s of samples) series.push({ ...s }); // copies: what is kept must equal the original by value
    const kept = series.points();
    let deviation = 0;
    for (let i = 0; i < kept.length; i += 1) {
      const p = kept[i]!;
      if (i > 0) expect(p.epoch).toBeGreaterThan(kept[i - 1]!.epoch);
      const original = samples[p.epoch]!.loss;
      deviation = Math.max(deviation, Number.isNaN(original) && Number.isNaN(p.loss) ? 0 : Math.abs(p.loss - original));
    }
    expect(deviation).toBe(0);
    // The global minimum, planted away from any stretch boundary, is kept.
    expect(kept.some((p) => p.epoch === 61_237)).toBe(true);
  });

  it('keeps every stretch’s envelope: each thinned stretch of the full curve has its low and high among the kept points', () => {
    const samples = lossCurve(20_000, 3);
    const series = new ThinnedSeries<Sample>({ value: (s) => s.loss, capacity: 202 });
    for (const s of samples) series.push(s);
    const kept = new Set(series.points());
    // 100 stretches of 256 points cover 20,000 points after the first: each one's lowest point is kept.
    const width = 256;
    for (let start = 1; start < samples.length; start += width) {
      const stretch = samples.slice(start, start + width).filter((s) => Number.isFinite(s.loss));
      const lowest = stretch.reduce((a, b) => (b.loss < a.loss ? b : a));
      const highest = stretch.reduce((a, b) => (b.loss > a.loss ? b : a));
      expect(kept.has(lowest)).toBe(true);
      expect(kept.has(highest)).toBe(true);
    }
  });

  it('keeps the `recent` latest points exactly, and every point while they fit', () => {
    const samples = lossCurve(10_000);
    const series = new ThinnedSeries<Sample>({ value: (s) => s.loss, capacity: 1000, recent: 400 });
    for (const s of samples.slice(0, 999)) series.push(s);
    expect(series.points()).toEqual(samples.slice(0, 999));
    for (const s of samples.slice(999)) series.push(s);
    expect(series.length).toBeLessThanOrEqual(1000);
    expect(series.points().slice(-400)).toEqual(samples.slice(-400));
    expect(series.points()[0]).toBe(samples[0]);
  });

  it('copes with no point, one point, and values that are never finite', () => {
    const series = new ThinnedSeries<number>({ value: (v) => v, capacity: 8 });
    expect(series.points()).toEqual([]);
    expect(series.extent).toBeUndefined();
    series.push(Number.NaN);
    expect(series.points()).toEqual([Number.NaN]);
    expect(series.min).toBeUndefined();
    for (let i = 0; i < 100; i += 1) series.push(Number.POSITIVE_INFINITY);
    expect(series.length).toBeLessThanOrEqual(8);
    expect(series.extent).toBeUndefined();
    expect(() => new ThinnedSeries<number>({ value: (v) => v, capacity: 5 })).toThrow(/capacity must be a whole number ≥ recent \+ 6/);
  });
});
