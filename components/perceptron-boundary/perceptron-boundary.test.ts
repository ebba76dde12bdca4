/**
 * `<perceptron-boundary>`'s model: the lecture's exercises by hand, the boundary ⟂ w, the perceptron rule's
 * updates and convergence within Novikoff's bound, and logistic regression's gradient against finite
 * differences and against the engine's autodiff (TF.js CPU).
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../../engine/trainer.ts';
import {
  BOUNDARY_DEFAULTS,
  SEPARATOR,
  boundarySegment,
  codeFor,
  evaluate,
  isMisclassified,
  logisticGradient,
  logisticLoss,
  logisticSpec,
  makePoints,
  novikoffBound,
  parseBoundaryAttributes,
  perceptronUpdate,
  positiveRegion,
  predict,
  runPerceptron,
  startPerceptron,
  type LabelledPoint,
  type Vector,
} from './perceptron-boundary.model.ts';
import { expectLines, useCpuBackend } from '../shared/test-support.ts';

useCpuBackend();

describe('the lecture’s exercises', () => {
  it('w = [1, 1], b = −1: the line x1 + x2 = 1, (1, 1) on the + side, the origin on the − side', () => {
    expect(predict([1, 1], -1, [1, 1])).toBe(1);
    expect(predict([1, 1], -1, [0, 0])).toBe(-1);
    const [p, q] = boundarySegment([1, 1], -1)!;
    for (const end of [p, q]) expect(end[0] + end[1]).toBeCloseTo(1, 12);
    // Clipped to the plot [−4, 4]²: from (−3, 4) to (4, −3) in some order.
    expect([p, q].map((e) => e.map((v) => Math.round(v))).sort()).toEqual([[-3, 4], [4, -3]]);
  });

  it('w = [−1, 1], b = 0: the diagonal x2 = x1 through the origin, (0, 1) on the + side', () => {
    const [p, q] = boundarySegment([-1, 1], 0)!;
    expect(p[0]).toBeCloseTo(p[1], 12);
    expect(q[0]).toBeCloseTo(q[1], 12);
    expect(predict([-1, 1], 0, [0, 1])).toBe(1);
    expect(predict([-1, 1], 0, [1, 0])).toBe(-1);
  });

  it('the boundary is perpendicular to w, and b/‖w‖ is its distance from the origin', () => {
    for (const [w, b] of [[[1, 1], -1], [[-1, 1], 0], [[2, -0.5], 1.5], [[0, 3], -2]] as Array<[Vector, number]>) {
      const [p, q] = boundarySegment(w, b)!;
      const along: Vector = [q[0] - p[0], q[1] - p[1]];
      expect(along[0] * w[0] + along[1] * w[1]).toBeCloseTo(0, 10);
      const norm = Math.hypot(...w);
      // Distance from the origin to the line through p along `along`.
      const distance = Math.abs(p[0] * along[1] - p[1] * along[0]) / Math.hypot(along[0], along[1]);
      expect(distance).toBeCloseTo(Math.abs(b) / norm, 10);
    }
    expect(boundarySegment([0, 0], 1)).toBeUndefined();
    expect(boundarySegment([1, 0], -9)).toBeUndefined();
  });

  it('the shaded + region is the half-plane wᵀx + b ≥ 0 of the square', () => {
    const region = positiveRegion([1, 1], -1);
    // Triangle-free pentagon: corners (4, −4)?  Only corners with x1 + x2 ≥ 1: (4, −3)… Its area is by hand 24.5.
    let area = 0;
    region.forEach((p, i) => {
      const q = region[(i + 1) % region.length]!;
      area += p[0] * q[1] - q[0] * p[1];
    });
    // Square 64, the line x1 + x2 = 1 cuts a right triangle with legs 7 (from (−3, 4) to (4, −3)) off the + side's complement:
    // the + side is the triangle (−3, 4), (4, 4), (4, −3) = 24.5.
    expect(Math.abs(area) / 2).toBeCloseTo(24.5, 10);
  });
});

describe('the data', () => {
  it('separable: every point right under the generating line, with margin ≥ 0.35; seeded', () => {
    const points = makePoints('separable', 40, 1);
    expect(points).toHaveLength(40);
    expect(evaluate(SEPARATOR.w, SEPARATOR.b, points).misclassified).toBe(0);
    expect(points.some((p) => p.y === 1) && points.some((p) => p.y === -1)).toBe(true);
    expect(makePoints('separable', 40, 1)).toEqual(points);
    expect(makePoints('separable', 40, 2)).not.toEqual(points);
  });

  it('xor: no line gets more than 80 % right (a coarse search over lines)', () => {
    const points = makePoints('xor', 60, 1);
    let best = 0;
    for (let angle = 0; angle < Math.PI * 2; angle += Math.PI / 36) {
      for (let b = -3; b <= 3; b += 0.25) best = Math.max(best, evaluate([Math.cos(angle), Math.sin(angle)], b, points).accuracy);
    }
    expect(best).toBeLessThan(0.8);
  });
});

describe('the perceptron rule', () => {
  it('one update: the first misclassified point (x, y) moves w by η·y·x and b by η·y, by hand', () => {
    const points: LabelledPoint[] = [
      { x: [2, 0], y: 1 },
      { x: [0, 1], y: -1 },
      { x: [1, 1], y: 1 },
    ];
    // w = (1, 1), b = −1: (2, 0) scores 1 (right), (0, 1) scores 0 (on the line: a mistake).
    const first = perceptronUpdate(startPerceptron([1, 1], -1), points, 0.5);
    expect(first).toMatchObject({ w: [1, 0.5], b: -1.5, updates: 1, lastUpdated: 1, cursor: 2 });
    // Now (1, 1) scores 1 + 0.5 − 1.5 = 0: a mistake, so w ← (1.5, 1), b ← −1.
    const second = perceptronUpdate(first, points, 0.5);
    expect(second).toMatchObject({ w: [1.5, 1], b: -1, updates: 2, epochs: 1, lastUpdated: 2 });
    expect(isMisclassified(second.w, second.b, points[1]!)).toBe(true);
  });

  it('converges on separable data in finitely many updates, within Novikoff’s bound (R/γ)², for several seeds and rates', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const points = makePoints('separable', 40, seed);
      const { bound, margin } = novikoffBound(points, SEPARATOR);
      expect(margin).toBeGreaterThan(0);
      for (const rate of [0.1, 1]) {
        const final = runPerceptron(startPerceptron([0, 0], 0), points, rate, 100_000);
        expect(evaluate(final.w, final.b, points).misclassified).toBe(0);
        expect(final.correctStreak).toBe(points.length);
        expect(final.updates).toBeGreaterThan(0);
        expect(final.updates).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('from the lecture’s start w = [1, 1], b = −1 it also converges on the default set', () => {
    const points = makePoints('separable', 40, 1);
    expect(evaluate([1, 1], -1, points).misclassified).toBeGreaterThan(0);
    const final = runPerceptron(startPerceptron([1, 1], -1), points, 0.1, 50);
    expect(evaluate(final.w, final.b, points).misclassified).toBe(0);
  });

  it('on xor it never converges and stops at the epoch limit', () => {
    const points = makePoints('xor', 40, 1);
    const final = runPerceptron(startPerceptron([1, 1], -1), points, 0.1, 20);
    expect(final.epochs).toBe(20);
    expect(evaluate(final.w, final.b, points).misclassified).toBeGreaterThan(0);
  });
});

describe('logistic regression', () => {
  const points = makePoints('overlap', 40, 1);

  it('its gradient matches central finite differences of its loss', () => {
    const w: Vector = [0.7, -0.3];
    const b = 0.2;
    const g = logisticGradient(w, b, points);
    const h = 1e-6;
    const numeric = (dw: Vector, db: number) => (logisticLoss([w[0] + dw[0], w[1] + dw[1]], b + db, points) - logisticLoss([w[0] - dw[0], w[1] - dw[1]], b - db, points)) / (2 * h);
    expect(g.w[0]).toBeCloseTo(numeric([h, 0], 0), 8);
    expect(g.w[1]).toBeCloseTo(numeric([0, h], 0), 8);
    expect(g.b).toBeCloseTo(numeric([0, 0], h), 8);
  });

  it('the engine’s loss and gradient (TF.js autodiff) match the float64 reference', async () => {
    const w: Vector = [0.7, -0.3];
    const b = 0.2;
    const trainer = new Trainer(logisticSpec({ learningRate: 0.5, seed: 1 }), { inputs: points.map((p) => p.x), targets: points.map((p) => [p.y === 1 ? 1 : 0]) });
    trainer.writeWeights([{ weights: [[w[0]], [w[1]]], biases: [b] }]);
    const { loss, layers } = await trainer.gradients();
    const reference = logisticGradient(w, b, points);
    expect(loss).toBeCloseTo(logisticLoss(w, b, points), 5);
    expect(layers[0]!.weights[0]![0]).toBeCloseTo(reference.w[0], 5);
    expect(layers[0]!.weights[1]![0]).toBeCloseTo(reference.w[1], 5);
    expect(layers[0]!.biases[0]).toBeCloseTo(reference.b, 5);
    // And 200 full-batch SGD steps follow the float64 recursion and separate most of the overlap set.
    let rw: Vector = [...w];
    let rb = b;
    for (let t = 0; t < 200; t += 1) {
      const g = logisticGradient(rw, rb, points);
      rw = [rw[0] - 0.5 * g.w[0], rw[1] - 0.5 * g.w[1]];
      rb -= 0.5 * g.b;
    }
    trainer.step(200);
    await trainer.readBack();
    const [layer] = trainer.latestWeights;
    expect(layer!.weights[0]![0]).toBeCloseTo(rw[0], 3);
    expect(layer!.weights[1]![0]).toBeCloseTo(rw[1], 3);
    expect(layer!.biases[0]).toBeCloseTo(rb, 3);
    expect(evaluate(rw, rb, points).accuracy).toBeGreaterThan(0.8);
    trainer.dispose();
  });
});

describe('attributes and code', () => {
  it('reads the lecture’s exercises, and falls back with a warning naming the attribute', () => {
    expect(parseBoundaryAttributes({}).settings).toEqual(BOUNDARY_DEFAULTS);
    expect(parseBoundaryAttributes({ w: '-1,1', b: '0' }).settings).toMatchObject({ w: [-1, 1], b: 0 });
    expect(parseBoundaryAttributes({ rule: 'logistic' }).settings).toMatchObject({ learningRate: 0.5, epochs: 200 });
    const bad = parseBoundaryAttributes({ w: '1;1', dataset: 'moons', b: '9' });
    expect(bad.settings).toEqual(BOUNDARY_DEFAULTS);
    expect(bad.warnings).toEqual([
      'dataset="moons" is not one of separable, overlap, xor — using separable',
      'w="1;1" is not "w1,w2", two numbers in -4…4 (not both 0) — using 1,1',
      'b="9" is outside -6…6 — using -1',
    ]);
  });

  it('Show code: a NumPy loop for the perceptron rule, PyTorch for logistic regression from the widget’s w and b', () => {
    const perceptron = codeFor(BOUNDARY_DEFAULTS, { w: [1, 1], b: -1 });
    expect(perceptron).toContain('w, b = np.array([1, 1]), -1');
    expect(perceptron).toContain('if y_i * (w @ x_i + b) <= 0:');
    const logistic = codeFor({ ...BOUNDARY_DEFAULTS, rule: 'logistic', learningRate: 0.5, epochs: 200 }, { w: [1.5, -0.25], b: 0.5 });
    expectLines(logistic, [
      'nn.Linear(2, 1)',
      'nn.BCEWithLogitsLoss()',
      'torch.optim.SGD(model.parameters(), lr=0.5)',
      'model[0].weight.copy_(torch.tensor([[1.5, -0.25]]))',
      'for epoch in range(200):',
    ]);
  });
});
