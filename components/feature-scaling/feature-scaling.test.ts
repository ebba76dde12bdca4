/**
 * `<feature-scaling>`'s model against independent computations: the split and the training-only
 * standardizer, the Hessian's eigenvalues (closed form vs the characteristic polynomial and power
 * iteration), κ of standardised data vs (1 + r)/(1 − r), the stability limit 2/λmax (GD just below it
 * converges, just above it diverges), and the engine's run (TF.js CPU) against the float64 GD recursion.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../../engine/trainer.ts';
import { contourBands } from '../shared/contour-map.ts';
import {
  SCALING_DEFAULTS,
  SCALING_LIMITS,
  curvature,
  descentHistory,
  descentPath,
  eigenvalues2,
  formatNumber,
  gradient,
  hessian,
  makeHouses,
  meanSquaredError,
  optimum,
  parseScalingAttributes,
  pytorchCode,
  trainerSpec,
  verdict,
  type ScaledData,
} from './feature-scaling.model.ts';
import { expectLines, useCpuBackend } from '../shared/test-support.ts';

useCpuBackend();

const houses = makeHouses(SCALING_DEFAULTS.points, SCALING_DEFAULTS.seed);
const column = (rows: number[][], j: number) => rows.map((row) => row[j]!);
const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('the houses', () => {
  it('are plausible: area 500–3500 ft², rooms 1–6 rising with area, a 60/20 split of 80', () => {
    expect(houses.train.inputs).toHaveLength(60);
    expect(houses.test.inputs).toHaveLength(20);
    for (const [area, rooms] of houses.all.inputs) {
      expect(area).toBeGreaterThanOrEqual(500);
      expect(area).toBeLessThanOrEqual(3500);
      expect(Number.isInteger(rooms)).toBe(true);
      expect(rooms).toBeGreaterThanOrEqual(1);
      expect(rooms).toBeLessThanOrEqual(6);
    }
    const z = houses.standardised.train;
    const r = average(z.map(([a, b]) => a! * b!));
    expect(r).toBeGreaterThan(0.4);
    expect(r).toBeLessThan(0.85);
  });

  it('are standardised with the training split statistics only: train mean 0 and s.d. 1, test not exactly', () => {
    const areas = column(houses.train.inputs, 0);
    const mean = average(areas);
    const sd = Math.sqrt(average(areas.map((a) => (a - mean) ** 2)));
    expect(houses.featureMean[0]).toBeCloseTo(mean, 9);
    expect(houses.featureDeviation[0]).toBeCloseTo(sd, 9);
    for (const j of [0, 1]) {
      const train = column(houses.standardised.train, j);
      expect(average(train)).toBeCloseTo(0, 12);
      expect(average(train.map((v) => v * v))).toBeCloseTo(1, 12);
      // The test split was not used to fit: its mean is near 0 but not 0.
      expect(Math.abs(average(column(houses.standardised.test, j)))).toBeGreaterThan(1e-3);
    }
    expect(average(houses.standardised.trainTargets)).toBeCloseTo(0, 9);
    expect(Math.abs(average(houses.standardised.testTargets))).toBeGreaterThan(1e-3);
    // Fitting the standardizer on all the houses would give other numbers: the widget's are the train split's.
    expect(Math.abs(average(column(houses.all.inputs, 0)) - mean)).toBeGreaterThan(1);
  });

  it('depend on the seed alone', () => {
    expect(makeHouses(80, 1).all).toEqual(houses.all);
    expect(makeHouses(80, 2).all.inputs).not.toEqual(houses.all.inputs);
  });
});

describe('curvature', () => {
  it('eigenvalues solve the characteristic polynomial λ² − Tλ + D = 0, largest first', () => {
    for (const m of [{ a: 2, b: 0, c: 3 }, { a: 4, b: 1, c: 4 }, { a: 1e6, b: 300, c: 0.5 }, { a: 1, b: -0.9, c: 1 }]) {
      const [large, small] = eigenvalues2(m);
      expect(large).toBeGreaterThanOrEqual(small);
      for (const l of [large, small]) expect(Math.abs(l * l - (m.a + m.c) * l + (m.a * m.c - m.b * m.b)) / Math.max(1, large * large)).toBeLessThan(1e-12);
    }
    expect(eigenvalues2({ a: 4, b: 1, c: 4 })).toEqual([5, 3]);
  });

  it('matches power iteration on the raw Hessian, where κ ≈ 10⁶ makes T² − 4D cancel', () => {
    const h = hessian(houses.raw.train);
    let v = [1, 1];
    for (let i = 0; i < 200; i += 1) {
      const next = [h.a * v[0]! + h.b * v[1]!, h.b * v[0]! + h.c * v[1]!];
      const norm = Math.hypot(next[0]!, next[1]!);
      v = next.map((x) => x / norm);
    }
    const rayleigh = v[0]! * (h.a * v[0]! + h.b * v[1]!) + v[1]! * (h.b * v[0]! + h.c * v[1]!);
    const c = curvature(houses.raw.train);
    expect(c.lambdaMax).toBeCloseTo(rayleigh, 3);
    // λmin from the inverse's largest eigenvalue: H⁻¹ = [[c, −b], [−b, a]] / D.
    const det = h.a * h.c - h.b * h.b;
    const inverse = eigenvalues2({ a: h.c / det, b: -h.b / det, c: h.a / det });
    expect(c.lambdaMin).toBeCloseTo(1 / inverse[0], 8);
    expect(c.condition).toBeGreaterThan(1e5);
    expect(c.stableRate).toBeLessThan(1e-5);
  });

  it('standardised: H = 2·[[1, r], [r, 1]], so κ = (1 + r)/(1 − r) and 2/λmax = 1/(1 + r)', () => {
    const z = houses.standardised.train;
    const r = average(z.map(([a, b]) => a! * b!));
    const c = curvature(z);
    expect(c.lambdaMax).toBeCloseTo(2 * (1 + r), 12);
    expect(c.lambdaMin).toBeCloseTo(2 * (1 - r), 12);
    expect(c.condition).toBeCloseTo((1 + r) / (1 - r), 10);
    expect(c.stableRate).toBeCloseTo(1 / (1 + r), 12);
    expect(c.condition).toBeLessThan(10);
  });

  it('the gradient matches central finite differences of the loss', () => {
    for (const data of [houses.raw, houses.standardised]) {
      const w = data === houses.raw ? [0.05, 7] : [40, -12];
      const g = gradient(w, data.train, data.trainTargets);
      for (const j of [0, 1]) {
        const h = Math.abs(w[j]!) * 1e-5;
        const plus = [...w];
        const minus = [...w];
        plus[j]! += h;
        minus[j]! -= h;
        const numeric = (meanSquaredError(plus, data.train, data.trainTargets) - meanSquaredError(minus, data.train, data.trainTargets)) / (2 * h);
        expect(g[j]).toBeCloseTo(numeric, data === houses.raw && j === 0 ? -1 : 4);
        expect(Math.abs(g[j]! - numeric) / Math.abs(numeric)).toBeLessThan(1e-6);
      }
    }
  });

  it('both panels are the same model: w_std = s.d.·w_raw at the optimum, the same minimum and test loss', () => {
    const raw = optimum(houses.raw.train, houses.raw.trainTargets);
    const std = optimum(houses.standardised.train, houses.standardised.trainTargets);
    expect(std[0]).toBeCloseTo(raw[0] * houses.featureDeviation[0], 8);
    expect(std[1]).toBeCloseTo(raw[1] * houses.featureDeviation[1], 8);
    expect(meanSquaredError(raw, houses.raw.train, houses.raw.trainTargets)).toBeCloseTo(meanSquaredError(std, houses.standardised.train, houses.standardised.trainTargets), 8);
    expect(meanSquaredError(raw, houses.raw.test, houses.raw.testTargets)).toBeCloseTo(meanSquaredError(std, houses.standardised.test, houses.standardised.testTargets), 8);
    // Near the generating rule's 0.12 k$/ft² (rooms soak up some of it: they correlate with area).
    expect(raw[0]).toBeGreaterThan(0.08);
    expect(raw[0]).toBeLessThan(0.16);
    // The gradient vanishes there.
    for (const g of gradient(raw, houses.raw.train, houses.raw.trainTargets)) expect(Math.abs(g)).toBeLessThan(1e-6);
  });
});

describe('the stability limit 2/λmax (float64 gradient descent)', () => {
  const finalGap = (data: ScaledData, rate: number, steps: number) => {
    const best = meanSquaredError(optimum(data.train, data.trainTargets), data.train, data.trainTargets);
    const path = descentPath(data, rate, steps);
    return meanSquaredError(path.at(-1)!, data.train, data.trainTargets) - best;
  };

  it('standardised: 0.98·2/λmax converges, 1.02·2/λmax diverges', () => {
    const data = houses.standardised;
    const { stableRate } = curvature(data.train);
    const start = meanSquaredError([0, 0], data.train, data.trainTargets);
    expect(finalGap(data, 0.98 * stableRate, 2000)).toBeLessThan(1e-6 * start);
    expect(finalGap(data, 1.02 * stableRate, 2000)).toBeGreaterThan(1e6 * start);
  });

  it('raw: 0.98·2/λmax does not blow up (but crawls), 1.02·2/λmax diverges', () => {
    const data = houses.raw;
    const { stableRate } = curvature(data.train);
    const start = meanSquaredError([0, 0], data.train, data.trainTargets);
    const below = finalGap(data, 0.98 * stableRate, 2000);
    expect(below).toBeLessThan(start);
    // Crawling: after 2000 steps at its largest stable rate, the raw run is still far from the minimum…
    expect(below).toBeGreaterThan(0.01 * start);
    expect(finalGap(data, 1.02 * stableRate, 2000)).toBeGreaterThan(1e6 * start);
    // …while the standardised run at the default rate is there within the default 40 steps.
    expect(finalGap(houses.standardised, SCALING_DEFAULTS.learningRate, SCALING_DEFAULTS.steps)).toBeLessThan(0.01 * start);
  });

  it('the verdicts the widget prints', () => {
    const std = curvature(houses.standardised.train);
    const raw = curvature(houses.raw.train);
    expect(verdict(std, 0.25, 40)).toBe('converges');
    expect(verdict(std, 0.9 * std.stableRate, 40)).toBe('oscillates');
    expect(verdict(std, 1.1 * std.stableRate, 40)).toBe('diverges');
    expect(verdict(std, 0.001, 40)).toBe('crawls');
    expect(verdict(raw, 0.25, 40)).toBe('diverges');
    expect(verdict(raw, 0.9 * raw.stableRate, 40)).toBe('crawls');
  });
});

describe('the engine', () => {
  /** Runs the engine's trainer from w = 0, returning (w1, w2) after every step. */
  async function enginePath(data: ScaledData, rate: number, steps: number): Promise<number[][]> {
    const trainer = new Trainer(trainerSpec(rate, 1, data.scaling), { inputs: data.train, targets: data.trainTargets.map((y) => [y]) });
    trainer.writeWeights([{ weights: [[0], [0]], biases: [0] }]);
    const path: number[][] = [[0, 0]];
    for (let t = 0; t < steps; t += 1) {
      trainer.step(1);
      await trainer.readBack();
      const [layer] = trainer.latestWeights;
      path.push([layer!.weights[0]![0]!, layer!.weights[1]![0]!]);
    }
    const divergence = trainer.divergence;
    trainer.dispose();
    return divergence ? [...path, [Number.NaN, divergence.step]] : path;
  }

  it('follows the float64 GD recursion step by step (standardised at the default rate, raw at 0.9·2/λmax)', async () => {
    for (const [data, rate] of [
      [houses.standardised, SCALING_DEFAULTS.learningRate],
      [houses.raw, 0.9 * curvature(houses.raw.train).stableRate],
    ] as const) {
      const engine = await enginePath(data, rate, 40);
      const reference = descentPath(data, rate, 40);
      const scale = reference.map((w) => Math.hypot(w[0], w[1])).reduce((a, b) => Math.max(a, b));
      engine.forEach((w, t) => {
        expect(Math.abs(w[0]! - reference[t]![0]) / scale).toBeLessThan(1e-4);
        expect(Math.abs(w[1]! - reference[t]![1]) / scale).toBeLessThan(1e-4);
      });
    }
  });

  it('stops a raw run at the standardised rate: diverged within a few steps', async () => {
    const path = await enginePath(houses.raw, SCALING_DEFAULTS.learningRate, 40);
    const last = path.at(-1)!;
    expect(last[0]).toBeNaN();
    expect(last[1]).toBeLessThanOrEqual(3);
  });
});

describe('attributes, numbers, code, contours', () => {
  it('reads attributes, falling back with a warning that names the attribute', () => {
    expect(parseScalingAttributes({}).settings).toEqual(SCALING_DEFAULTS);
    expect(parseScalingAttributes({ lr: '0.1', rawLr: '1e-6', steps: '100' }).settings).toMatchObject({ learningRate: 0.1, rawLearningRate: 1e-6, steps: 100 });
    const bad = parseScalingAttributes({ lr: 'fast', steps: '0', points: '12.5' });
    expect(bad.settings).toEqual(SCALING_DEFAULTS);
    expect(bad.warnings).toEqual(['points="12.5" is not a whole number — using 80', 'steps="0" is outside 1…1000 — using 40', 'lr="fast" is not a number — using 0.25']);
  });

  it('formats numbers for the panels', () => {
    expect(formatNumber(1.4613e6)).toBe('1.46\u00a0×\u00a010⁶');
    expect(formatNumber(1.369e-6)).toBe('1.37\u00a0×\u00a010⁻⁶');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(-12.345)).toBe('−12.3');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('the PyTorch code standardises with training statistics and uses each panel’s rate', () => {
    const code = pytorchCode({ ...SCALING_DEFAULTS, rawLearningRate: 1e-6 });
    expectLines(code, [
      'X_train.mean(0)',
      '"raw": ((X_train - mu), 1e-06)',
      '"standardised": ((X_train - mu) / sd, 0.25)',
      'nn.Linear(2, 1, bias=False)',
      'for step in range(40):',
    ]);
  });

  it('contour lines lie on their level: x² + y² = 1 is the unit circle', () => {
    const box = { left: 0, top: 0, width: 200, height: 200 };
    const [band] = contourBands(([x, y]) => x * x + y * y, { x: [-2, 2], y: [-2, 2] }, box, [1], 81);
    const points = [...band!.d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [(Number(m[1]) / 200) * 4 - 2, 2 - (Number(m[2]) / 200) * 4]);
    const inside = points.filter(([x, y]) => Math.abs(x!) < 1.9 && Math.abs(y!) < 1.9);
    expect(inside.length).toBeGreaterThan(20);
    for (const [x, y] of inside) expect(Math.abs(Math.hypot(x!, y!) - 1)).toBeLessThan(0.02);
  });
});

describe('the drawn path', () => {
  it('keeps every step of the longest run (1,000 steps, exact), and stays bounded however many it is given', () => {
    const houses = makeHouses(80, 1);
    const steps = descentPath(houses.standardised, 0.25, SCALING_LIMITS.steps.max);
    const history = descentHistory();
    const drawn = steps.map((w, step) => ({ step, w, loss: meanSquaredError(w, houses.standardised.train, houses.standardised.trainTargets) }));
    for (const point of drawn) history.push(point);
    expect(history.points()).toEqual(drawn);
    for (let step = drawn.length; step < 100_000; step += 1) history.push({ step, w: [0, 0], loss: 1 + (step % 10) });
    expect(history.length).toBeLessThanOrEqual(history.capacity);
    expect(history.points().at(-1)!.step).toBe(99_999);
  });
});
