/**
 * `<gd-trajectory>`'s numbers against independent float64 computations written out here: the normal
 * equation solved by hand, the loss as a sum over samples, the Hessian's eigenvalues from its
 * characteristic polynomial, and gradient descent β ← β − η·(2/n)Xᵀ(Xβ − y) as explicit loops — compared
 * with the engine's training (TF.js, CPU backend) of a [2, 1] linear network without bias.
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../../engine/tf.ts';
import { Trainer } from '../../engine/trainer.ts';
import { bowlLevels, clipSegment, clippedPath, contourBands, inside, logTicks, lossScale, mapScales, squareDomain } from '../shared/contour-map.ts';
import { COMPARE_RATES, TRAJECTORY_DEFAULTS, parseTrajectoryAttributes, pytorchScript } from './gd-trajectory.model.ts';
import { describeRegime, gradientAt, learningRateAt, lossAt, regimeOf, regressionProblem, stabilityLimit, type Beta, type RegressionProblem } from '../shared/regression/regression-problem.ts';
import { ExampleClock, RegressionRun, type PathPoint } from '../shared/regression/regression-run.ts';
import { examplesAfterUpdate, updatesPerEpoch } from '../shared/regression/regression-schedule.ts';
import { expectLines, useCpuBackend } from '../shared/test-support.ts';

useCpuBackend();

/** The engine, as far as the runs need it. */
const engine = { createTrainer: (spec: ConstructorParameters<typeof Trainer>[0], data: ConstructorParameters<typeof Trainer>[1]) => new Trainer(spec, data) };

const defaults = () => regressionProblem({ samples: TRAJECTORY_DEFAULTS.samples, noise: TRAJECTORY_DEFAULTS.noise, seed: TRAJECTORY_DEFAULTS.seed, coefficients: undefined });

/** The MSE as a sum over samples, in float64. */
function sampleLoss(problem: RegressionProblem, [b1, b2]: Beta): number {
  let total = 0;
  problem.inputs.forEach(([x1, x2], i) => (total += (x1! * b1 + x2! * b2 - problem.targets[i]![0]!) ** 2));
  return total / problem.samples;
}

/** Full-batch gradient descent in float64, one sample at a time: β ← β − η (2/n) Σ xᵢ (xᵢᵀβ − yᵢ). */
function descend(problem: RegressionProblem, learningRate: number, steps: number): Beta[] {
  let beta: Beta = [0, 0];
  const path: Beta[] = [beta];
  for (let t = 0; t < steps; t += 1) {
    let g1 = 0;
    let g2 = 0;
    problem.inputs.forEach(([x1, x2], i) => {
      const residual = x1! * beta[0] + x2! * beta[1] - problem.targets[i]![0]!;
      g1 += (2 / problem.samples) * x1! * residual;
      g2 += (2 / problem.samples) * x2! * residual;
    });
    beta = [beta[0] - learningRate * g1, beta[1] - learningRate * g2];
    path.push(beta);
  }
  return path;
}

/** Trains with the engine (full batch) for `steps` steps and reads back every point. */
async function engineDescent(problem: RegressionProblem, learningRate: number, steps: number): Promise<{ points: PathPoint[]; run: RegressionRun }> {
  const run = new RegressionRun(engine, problem, { name: 'test', learningRate, batching: { mode: 'full' }, seed: 1 });
  const clock = new ExampleClock([run], 'test', problem.samples, steps * problem.samples);
  const points: PathPoint[] = [run.latest];
  while (clock.canContinue) {
    clock.runSteps(10);
    const [fresh] = await clock.readBack();
    points.push(...fresh!);
  }
  return { points, run };
}

describe('the regression problem in closed form', () => {
  it('solves the normal equation (XᵀX)β̂ = Xᵀy: the hand-inverted 2×2 gives the same β̂, and ∇L(β̂) = 0', () => {
    const problem = defaults();
    let [a, b, c, u, v] = [0, 0, 0, 0, 0];
    problem.inputs.forEach(([x1, x2], i) => {
      const y = problem.targets[i]![0]!;
      a += x1! * x1!;
      b += x1! * x2!;
      c += x2! * x2!;
      u += x1! * y;
      v += x2! * y;
    });
    // (XᵀX)⁻¹ = 1/(ac − b²) [[c, −b], [−b, a]]
    const det = a * c - b * b;
    const byHand = [(c * u - b * v) / det, (-b * u + a * v) / det];
    expect(problem.estimate[0]).toBeCloseTo(byHand[0]!, 10);
    expect(problem.estimate[1]).toBeCloseTo(byHand[1]!, 10);
    // Central differences of the sample loss vanish at β̂ (and not 1 away from it).
    const h = 1e-4;
    const slope = (beta: Beta, k: 0 | 1) => {
      const plus: [number, number] = [beta[0], beta[1]];
      const minus: [number, number] = [beta[0], beta[1]];
      plus[k] += h;
      minus[k] -= h;
      return (sampleLoss(problem, plus) - sampleLoss(problem, minus)) / (2 * h);
    };
    expect(Math.abs(slope(problem.estimate, 0))).toBeLessThan(1e-6);
    expect(Math.abs(slope(problem.estimate, 1))).toBeLessThan(1e-6);
    expect(Math.abs(slope([problem.estimate[0] + 1, problem.estimate[1]], 0))).toBeGreaterThan(1);
    // The closed-form gradient agrees with the differences anywhere.
    const anywhere: Beta = [3, -7];
    expect(gradientAt(problem, anywhere)[0]).toBeCloseTo(slope(anywhere, 0), 5);
    expect(gradientAt(problem, anywhere)[1]).toBeCloseTo(slope(anywhere, 1), 5);
  });

  it('without noise, β̂ is the true β; the default data draw β as make_regression does (100·U(0, 1))', () => {
    const exact = regressionProblem({ samples: 20, noise: 0, seed: 3, coefficients: [3, -2] });
    expect(exact.estimate[0]).toBeCloseTo(3, 10);
    expect(exact.estimate[1]).toBeCloseTo(-2, 10);
    expect(exact.minimumLoss).toBeCloseTo(0, 10);
    const problem = defaults();
    for (const b of problem.trueBeta) expect(b > 0 && b < 100).toBe(true);
    // With noise σ = 10, L(β̂) is near σ² (a bit less: β̂ also fits some noise).
    expect(problem.minimumLoss).toBeGreaterThan(50);
    expect(problem.minimumLoss).toBeLessThan(150);
  });

  it('L(β) in closed form equals the mean over samples', () => {
    const problem = defaults();
    for (const beta of [[0, 0], [52, 10], [-30, 80], [1e3, -1e3]] as Beta[]) {
      expect(lossAt(problem, beta)).toBeCloseTo(sampleLoss(problem, beta), 6);
    }
  });

  it('λmax and λmin of H = (2/n)XᵀX solve the characteristic polynomial λ² − tr(H)λ + det(H) = 0', () => {
    const problem = defaults();
    const [a, b, c] = problem.gram.map((g) => 2 * g) as [number, number, number];
    for (const lambda of [problem.curvature.max, problem.curvature.min]) {
      expect(lambda * lambda - (a + c) * lambda + (a * c - b * b)).toBeCloseTo(0, 9);
    }
    // Measured on the default data (seed 1, n = 50, noise 10): the numbers the widget and the report state.
    expect(problem.curvature.max).toBeCloseTo(2.428, 3);
    expect(problem.curvature.min).toBeCloseTo(1.496, 3);
    expect(stabilityLimit(problem)).toBeCloseTo(0.824, 3);
  });
});

describe('gradient descent on the engine', () => {
  it('follows the float64 recursion β ← β − η(2/n)Xᵀ(Xβ − y) step by step (η = 0.1, 50 steps) and reaches β̂', async () => {
    const problem = defaults();
    const expected = descend(problem, 0.1, 50);
    const { points, run } = await engineDescent(problem, 0.1, 50);
    expect(points.map((p) => p.update)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    points.forEach((point, t) => {
      for (const k of [0, 1] as const) expect(Math.abs(point.beta[k] - expected[t]![k]), `β${k + 1} at step ${t}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[t]![k])));
    });
    const last = points.at(-1)!.beta;
    expect(Math.hypot(last[0] - problem.estimate[0], last[1] - problem.estimate[1])).toBeLessThan(1e-2);
    run.dispose();
  });

  it('the three compared rates show three regimes on the default data in 100 steps: crawls, converges, diverges', async () => {
    const problem = defaults();
    const steps = TRAJECTORY_DEFAULTS.steps;
    expect(steps).toBe(100);
    const [small, right, large] = TRAJECTORY_DEFAULTS.compareRates;
    const distance = (beta: Beta) => Math.hypot(beta[0] - problem.estimate[0], beta[1] - problem.estimate[1]);
    const start = distance([0, 0]);
    // Too small: after 100 steps it has covered about a fifth of the way (21 %; 14 % along the flattest axis).
    const crawl = descend(problem, small, steps).at(-1)!;
    expect(1 - distance(crawl) / start).toBeLessThan(0.25);
    expect(regimeOf(problem, small, steps).regime).toBe('crawls');
    expect(describeRegime(problem, small, steps)).toBe('η = 0.001: crawls, 14 % of the way in 100 steps');
    // Just right: within 10⁻⁶ of the start's distance.
    expect(distance(descend(problem, right, steps).at(-1)!) / start).toBeLessThan(1e-6);
    expect(regimeOf(problem, right, steps).regime).toBe('converges');
    // Too large: η > 2/λmax; the engine's run blows past |β| = 10⁶ within the budget and stops there.
    expect(large).toBeGreaterThan(stabilityLimit(problem));
    expect(describeRegime(problem, large, steps)).toBe('η = 0.9 > 2/λmax = 0.82: diverges');
    const { points, run } = await engineDescent(problem, large, steps);
    expect(run.divergence).toBeDefined();
    // The same step as the float64 recursion's first |β| ≥ 10⁶: step 59.
    const blowUp = descend(problem, large, steps).findIndex((b) => Math.max(Math.abs(b[0]), Math.abs(b[1])) >= 1e6);
    expect(blowUp).toBe(59);
    expect(run.divergence!.update).toBe(blowUp);
    expect(points.at(-1)!.update).toBe(blowUp);
    // It zigzags: the first steps land on alternate sides of β̂ along β₁ (the steep axis here), ever farther.
    const sides = points.slice(1, 7).map((p) => Math.sign(p.beta[0] - problem.estimate[0]));
    expect(sides).toEqual([1, -1, 1, -1, 1, -1]);
    const errors = points.slice(1, 7).map((p) => distance(p.beta));
    for (let i = 2; i < errors.length; i += 1) expect(errors[i]!).toBeGreaterThan(errors[i - 2]!);
    run.dispose();
  });

  it('diverges iff η > 2/λmax: 2 % below the limit the float64 descent settles, 2 % above it blows up', () => {
    const problem = defaults();
    const limit = stabilityLimit(problem);
    const distance = (beta: Beta) => Math.hypot(beta[0] - problem.estimate[0], beta[1] - problem.estimate[1]);
    expect(distance(descend(problem, 0.98 * limit, 1500).at(-1)!)).toBeLessThan(1e-3);
    expect(distance(descend(problem, 1.02 * limit, 1500).at(-1)!)).toBeGreaterThan(1e6);
  });

  it('frees every tensor when a run is disposed', async () => {
    const before = tf.memory().numTensors;
    const { run } = await engineDescent(defaults(), 0.1, 5);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('counting updates and examples', () => {
  it('an epoch of n = 10 in batches of 3 is 4 updates of 3, 3, 3 and 1 examples', () => {
    expect(updatesPerEpoch(10, 3)).toBe(4);
    expect([1, 2, 3, 4, 5, 8].map((u) => examplesAfterUpdate(u, 10, 3))).toEqual([3, 6, 9, 10, 13, 20]);
    expect(examplesAfterUpdate(7, 10, 10)).toBe(70);
    expect(examplesAfterUpdate(7, 10, 1)).toBe(7);
    expect(examplesAfterUpdate(0, 10, 4)).toBe(0);
  });
});

describe('the map', () => {
  it('is square, holds the start, β and β̂ with room to spare, and its bands are the loss levels', () => {
    const problem = defaults();
    const domain = squareDomain([[0, 0], problem.trueBeta, problem.estimate]);
    expect(domain.x[1] - domain.x[0]).toBeCloseTo(domain.y[1] - domain.y[0], 9);
    for (const p of [[0, 0], problem.trueBeta, problem.estimate] as Beta[]) expect(inside(p, domain)).toBe(true);
    const levels = bowlLevels(problem.minimumLoss, 1000, 5);
    expect(levels[0]).toBeCloseTo(problem.minimumLoss + 40, 9);
    expect(levels.at(-1)).toBeCloseTo(problem.minimumLoss + 1000, 9);
    const bands = contourBands((p) => lossAt(problem, p), domain, { left: 0, top: 0, width: 100, height: 100 }, levels, 40);
    expect(bands.map((b) => b.level)).toEqual(levels);
    expect(bands.every((b) => b.d.startsWith('M'))).toBe(true);
  });

  it('clips a path that leaves the map at the edge, in the right direction, and marks the exit', () => {
    const domain = { x: [0, 10], y: [0, 10] } as const;
    expect(clipSegment([5, 5], [15, 5], domain)).toEqual([[5, 5], [10, 5]]);
    expect(clipSegment([5, 5], [1e12, 1e12], domain)![1].map((v) => Number(v.toFixed(6)))).toEqual([10, 10]);
    expect(clipSegment([20, 20], [30, 30], domain)).toBeUndefined();
    const scales = mapScales(domain, { left: 0, top: 0, width: 100, height: 100 });
    const { d, exits } = clippedPath(
      [
        [5, 5],
        [8, 5],
        [-50, 5],
        [400, 5],
      ],
      domain,
      scales,
    );
    expect(d).toBe('M50.0,50.0L80.0,50.0L0.0,50.0');
    expect(exits).toEqual([{ x: 0, y: 50, angle: 180, index: 2 }]);
  });

  it('puts round ticks on the log loss axis', () => {
    const scale = lossScale(85, 4000, [200, 0]);
    expect(scale.domain()).toEqual([50, 5000]);
    expect(logTicks(scale)).toEqual([100, 300, 1000, 3000]);
  });
});

describe('attributes', () => {
  it('fall back to the defaults with a warning naming the attribute', () => {
    const { settings, warnings } = parseTrajectoryAttributes({
      samples: '1',
      noise: 'lots',
      coefficients: '3',
      seed: '1.5',
      lr: '5',
      steps: '0',
      stepsPerSecond: null,
      compareLr: '0.1,1',
    });
    expect(settings.problem).toEqual({ samples: 50, noise: 10, seed: 1, coefficients: undefined });
    expect(settings.learningRate).toBe(0.1);
    expect(settings.steps).toBe(100);
    expect(settings.compareRates).toEqual([0.001, 0.1, 0.9]);
    expect(warnings.map((w) => w.split('=')[0])).toEqual(['samples', 'noise', 'coefficients', 'seed', 'lr', 'steps', 'compare-lr']);
    expect(COMPARE_RATES.read('0.0001, 0.3, 2')).toEqual({ value: [0.0001, 0.3, 2] });
  });

  it('the slider shows the rate it uses (two significant digits on a log scale)', () => {
    expect(learningRateAt(-1)).toBe(0.1);
    expect(learningRateAt(-0.05)).toBe(0.89);
    expect(learningRateAt(-3)).toBe(0.001);
  });

  it('writes the PyTorch script for the same model: Linear(2, 1, bias=False) from zeros, MSE, SGD at η', () => {
    const problem = { samples: 50, noise: 10, seed: 1, coefficients: undefined };
    const single = pytorchScript(problem, [0.1], 50);
    expectLines(single, [
      'nn.Linear(2, 1, bias=False)',
      'nn.init.zeros_(model[0].weight)',
      'torch.optim.SGD(model.parameters(), lr=0.1)',
      'make_regression(n_samples=50, n_features=2, noise=10, coef=True, random_state=1)',
      'for step in range(50):',
    ]);
    const compared = pytorchScript(problem, [0.001, 0.1, 1], 50);
    expect(compared).toContain('for lr in (0.001, 0.1, 1)');
    expect(compared).toContain('lr=lr');
  });
});
