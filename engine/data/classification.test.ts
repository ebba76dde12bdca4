import { describe, expect, it } from 'vitest';
import { CIRCLE_RADIUS, circle, gaussianVariance, spiral, twoGaussians, xor, XOR_PADDING } from './classification.ts';
import type { Dataset, GeneratorOptions } from './dataset.ts';

const labels = (data: Dataset) => data.targets.map(([label]) => label!);
const share = (data: Dataset) => labels(data).filter((l) => l === 1).length / data.targets.length;
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const variance = (values: number[]) => mean(values.map((v) => (v - mean(values)) ** 2));

const generators: [string, (options: GeneratorOptions) => Dataset][] = [
  ['circle', circle],
  ['xor', xor],
  ['twoGaussians', twoGaussians],
  ['spiral', spiral],
];

describe.each(generators)('%s', (_, generate) => {
  it('gives the requested number of 2-D samples with 0/1 labels, even for odd counts', () => {
    for (const samples of [0, 1, 7, 400]) {
      const data = generate({ samples, noise: 0.2, random: samples });
      expect(data.inputs).toHaveLength(samples);
      expect(data.targets).toHaveLength(samples);
      expect(data.inputs.every((row) => row.length === 2 && row.every(Number.isFinite))).toBe(true);
      expect(labels(data).every((l) => l === 0 || l === 1)).toBe(true);
    }
    const data = generate({ samples: 4, noise: 0, random: 1 });
    expect(data.kind).toBe('classification');
    expect(data.inputNames).toEqual(['x1', 'x2']);
    expect(data.targetNames).toEqual(['label']);
  });

  it('has about half of each class at noise 0', () => {
    expect(Math.abs(share(generate({ samples: 2000, noise: 0, random: 3 })) - 0.5)).toBeLessThan(0.04);
  });

  it('mixes the classes along the rows (any prefix holds both)', () => {
    const first = labels(generate({ samples: 1000, noise: 0, random: 5 })).slice(0, 50);
    expect(first).toContain(0);
    expect(first).toContain(1);
  });

  it('is deterministic: same seed → identical, different seed → different', () => {
    const a = generate({ samples: 100, noise: 0.3, random: 'seed' });
    expect(generate({ samples: 100, noise: 0.3, random: 'seed' })).toEqual(a);
    expect(generate({ samples: 100, noise: 0.3, random: 'other' }).inputs).not.toEqual(a.inputs);
  });

  it('accepts noise only in the playground range [0, 0.5]', () => {
    expect(() => generate({ samples: 10, noise: 0.6, random: 1 })).toThrow(/noise must be in \[0, 0.5\]/);
    expect(() => generate({ samples: 10, noise: -0.1, random: 1 })).toThrow(/noise/);
  });
});

describe.each(generators.filter(([name]) => name !== 'circle'))('%s at the maximum noise', (_, generate) => {
  it('still has about half of each class', () => {
    expect(Math.abs(share(generate({ samples: 2000, noise: 0.5, random: 4 })) - 0.5)).toBeLessThan(0.04);
  });
});

describe('circle', () => {
  it('labels the inner disc (radius < 2.5) 1 and the outer ring (3.5 to 5) 0 at noise 0', () => {
    const data = circle({ samples: 1001, noise: 0, random: 11 });
    expect(share(data)).toBeCloseTo(501 / 1001, 12);
    for (const [i, [x, y]] of data.inputs.entries()) {
      const r = Math.hypot(x!, y!);
      expect(r).toBeLessThanOrEqual(CIRCLE_RADIUS);
      expect(r < 2.5 || r >= 3.5 - 1e-12).toBe(true);
      expect(data.targets[i]![0]).toBe(r < 2.5 ? 1 : 0);
    }
  });

  it('noise flips some labels against the radius, more at higher noise', () => {
    const wrong = (noise: number) => {
      const data = circle({ samples: 2000, noise, random: 12 });
      return data.inputs.filter(([x, y], i) => (Math.hypot(x!, y!) < 2.5 ? 1 : 0) !== data.targets[i]![0]).length;
    };
    expect(wrong(0.1)).toBeGreaterThan(0);
    expect(wrong(0.5)).toBeGreaterThan(wrong(0.1));
  });

  it('labels fewer points 1 as noise grows (jitter pushes inner points out more often than in), as in the playground', () => {
    const inner = (noise: number) => share(circle({ samples: 4000, noise, random: 18 }));
    expect(inner(0)).toBe(0.5);
    expect(inner(0.5)).toBeGreaterThan(0.3);
    expect(inner(0.5)).toBeLessThan(0.4);
    expect(inner(0.2)).toBeGreaterThan(inner(0.5));
  });
});

describe('xor', () => {
  it('labels 1 exactly when x1·x2 ≥ 0 at noise 0, and keeps points 0.3 away from the axes', () => {
    const data = xor({ samples: 1000, noise: 0, random: 13 });
    for (const [i, [x, y]] of data.inputs.entries()) {
      expect(data.targets[i]![0]).toBe(x! * y! >= 0 ? 1 : 0);
      expect(Math.abs(x!)).toBeGreaterThanOrEqual(XOR_PADDING);
      expect(Math.abs(y!)).toBeLessThanOrEqual(5 + XOR_PADDING);
    }
  });

  it('noise makes some labels disagree with sign(x1·x2)', () => {
    const data = xor({ samples: 1000, noise: 0.5, random: 14 });
    const disagree = data.inputs.filter(([x, y], i) => (x! * y! >= 0 ? 1 : 0) !== data.targets[i]![0]).length;
    expect(disagree).toBeGreaterThan(20);
  });
});

describe('twoGaussians', () => {
  it('centres label 1 at (2, 2) and label 0 at (−2, −2) with variance rising from 0.5 to 4', () => {
    expect(gaussianVariance(0)).toBe(0.5);
    expect(gaussianVariance(0.5)).toBe(4);
    for (const noise of [0, 0.5]) {
      const data = twoGaussians({ samples: 8000, noise, random: 15 });
      for (const [label, centre] of [[1, 2], [0, -2]] as const) {
        const rows = data.inputs.filter((_, i) => data.targets[i]![0] === label);
        expect(rows).toHaveLength(4000);
        const xs = rows.map(([x]) => x!);
        const ys = rows.map(([, y]) => y!);
        expect(mean(xs)).toBeCloseTo(centre, 1);
        expect(mean(ys)).toBeCloseTo(centre, 1);
        expect(Math.abs(variance(xs) / gaussianVariance(noise) - 1)).toBeLessThan(0.08);
      }
    }
  });
});

describe('spiral', () => {
  it('puts each label on its own arm at noise 0: radius grows to 5, arms half a turn apart', () => {
    const data = spiral({ samples: 400, noise: 0, random: 16 });
    for (const [i, [x, y]] of data.inputs.entries()) {
      const r = Math.hypot(x!, y!);
      expect(r).toBeLessThan(5);
      // Invert r = 5·k/n, then the arm's angle t = 1.75·2π·k/n (+π for label 0) must match the point's.
      const t = (1.75 * 2 * Math.PI * r) / 5 + (data.targets[i]![0] === 1 ? 0 : Math.PI);
      if (r > 1e-9) {
        expect(x!).toBeCloseTo(r * Math.sin(t), 9);
        expect(y!).toBeCloseTo(r * Math.cos(t), 9);
      }
    }
    expect(share(data)).toBe(0.5);
  });

  it('jitters points by at most noise in each coordinate', () => {
    const clean = spiral({ samples: 200, noise: 0, random: 17 });
    const noisy = spiral({ samples: 200, noise: 0.4, random: 17 });
    const key = (row: number[]) => Math.hypot(row[0]!, row[1]!);
    // Same seed, same arms: the noiseless radii bound the noisy ones within √2·0.4.
    const maxClean = Math.max(...clean.inputs.map(key));
    expect(Math.max(...noisy.inputs.map(key))).toBeLessThanOrEqual(maxClean + Math.SQRT2 * 0.4);
    expect(noisy.inputs).not.toEqual(clean.inputs);
  });
});
