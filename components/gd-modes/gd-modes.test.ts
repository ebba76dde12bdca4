/**
 * `<gd-modes>`: the engine's batch GD, SGD and minibatch runs against float64 computations written out
 * here — which example each SGD update used (recovered from the update itself: shuffling means each one
 * exactly once per epoch), minibatch with B = n being batch GD, the lockstep in examples seen, and the
 * story the defaults tell (measured).
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/random.ts';
import { Trainer } from '../../engine/trainer.ts';
import { clippedPath, lossCurve, lossScale, mapScales, squareDomain } from '../shared/contour-map.ts';
import { lossAt, regressionProblem, type Beta, type RegressionProblem } from '../shared/regression/regression-problem.ts';
import { ExampleClock, RegressionRun, type PathPoint } from '../shared/regression/regression-run.ts';
import { PATH_POINTS, runPath } from '../shared/regression/runs-controller.ts';
import { MODES, MODES_DEFAULTS, MODES_LIMITS, batchingOf, formatEpoch, parseModesAttributes, pytorchScript } from './gd-modes.model.ts';
import { expectLines, useCpuBackend } from '../shared/test-support.ts';

useCpuBackend();

const engine = { createTrainer: (spec: ConstructorParameters<typeof Trainer>[0], data: ConstructorParameters<typeof Trainer>[1]) => new Trainer(spec, data) };
const defaults = () => regressionProblem({ samples: MODES_DEFAULTS.samples, noise: MODES_DEFAULTS.noise, seed: MODES_DEFAULTS.seed, coefficients: undefined });

/** The three runs, stepped together for `epochs` epochs; every point read back. */
async function train(problem: RegressionProblem, options: { learningRate: number; batchSize: number; epochs: number; seed?: number }) {
  const runs = MODES.map(
    (mode) => new RegressionRun(engine, problem, { name: mode, learningRate: options.learningRate, batching: batchingOf(mode, options.batchSize), seed: options.seed ?? 1 }),
  );
  const clock = new ExampleClock(runs, 'test', 1, options.epochs * problem.samples);
  const paths: PathPoint[][] = runs.map((run) => [run.latest]);
  while (clock.canContinue) {
    clock.advanceTo(clock.examples + problem.samples);
    const fresh = await clock.readBack();
    fresh.forEach((points, i) => paths[i]!.push(...points));
  }
  return { runs, clock, paths, dispose: () => clock.dispose() };
}

/** The one example i for which β − η·2xᵢ(xᵢᵀβ − yᵢ) gives `after` (float64), or −1 when none or several fit. */
function exampleUsed(problem: RegressionProblem, learningRate: number, before: Beta, after: Beta): number {
  const fits = problem.inputs
    .map(([x1, x2], i) => {
      const residual = x1! * before[0] + x2! * before[1] - problem.targets[i]![0]!;
      const next = [before[0] - learningRate * 2 * x1! * residual, before[1] - learningRate * 2 * x2! * residual];
      return { i, miss: Math.hypot(next[0]! - after[0], next[1]! - after[1]) };
    })
    .sort((a, b) => a.miss - b.miss);
  // float32 weights: the right example misses by ~10⁻⁶, the next best by 100 times that or more.
  return fits[0]!.miss < 1e-4 && fits[1]!.miss > 100 * fits[0]!.miss ? fits[0]!.i : -1;
}

describe('three ways through the data, in lockstep by examples seen', () => {
  it('after an epoch each: batch GD took 1 update, minibatch ⌈n/B⌉, SGD n — and all have seen n examples', async () => {
    const problem = regressionProblem({ samples: 10, noise: 1, seed: 2, coefficients: [3, -2] });
    const { runs, clock, dispose } = await train(problem, { learningRate: 0.05, batchSize: 3, epochs: 2 });
    expect(runs.map((r) => r.updates)).toEqual([2, 20, 8]);
    expect(runs.map((r) => r.latest.examples)).toEqual([20, 20, 20]);
    expect(clock.examples).toBe(20);
    expect(formatEpoch(20, 10)).toBe('2');
    expect(formatEpoch(13, 10)).toBe('1.30');
    dispose();
  });

  it('SGD uses every example exactly once per epoch, in a new order each epoch (shuffling, not sampling with replacement)', async () => {
    const problem = defaults();
    const eta = MODES_DEFAULTS.learningRate;
    const { paths, dispose } = await train(problem, { learningRate: eta, batchSize: 10, epochs: 3 });
    const sgd = paths[1]!;
    expect(sgd).toHaveLength(3 * 50 + 1);
    const used = sgd.slice(1).map((point, k) => exampleUsed(problem, eta, sgd[k]!.beta, point.beta));
    expect(used).not.toContain(-1);
    const epochs = [used.slice(0, 50), used.slice(50, 100), used.slice(100, 150)];
    for (const order of epochs) expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(epochs[1]).not.toEqual(epochs[2]);
    dispose();
  });

  it('minibatch with B = n is batch gradient descent, update for update', async () => {
    const problem = defaults();
    const { paths, dispose } = await train(problem, { learningRate: 0.05, batchSize: 50, epochs: 5 });
    const [batch, , minibatch] = paths;
    // The same updates; only float32 sums in another (shuffled) order differ in the last digits.
    minibatch!.forEach((p, t) => {
      for (const k of [0, 1] as const) expect(Math.abs(p.beta[k] - batch![t]!.beta[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(batch![t]!.beta[k])));
    });
    // …and batch GD is the float64 recursion β ← β − η(2/n)Xᵀ(Xβ − y).
    let beta: Beta = [0, 0];
    for (let t = 1; t <= 5; t += 1) {
      let g: [number, number] = [0, 0];
      problem.inputs.forEach(([x1, x2], i) => {
        const r = x1! * beta[0] + x2! * beta[1] - problem.targets[i]![0]!;
        g = [g[0] + (2 / 50) * x1! * r, g[1] + (2 / 50) * x2! * r];
      });
      beta = [beta[0] - 0.05 * g[0], beta[1] - 0.05 * g[1]];
      for (const k of [0, 1] as const) expect(Math.abs(batch![t]!.beta[k] - beta[k])).toBeLessThan(1e-4 * Math.abs(beta[k]));
    }
    dispose();
  });

  it('the defaults tell the lecture’s story (measured): per epoch SGD gets near first, minibatch settles, batch GD lags', async () => {
    const problem = defaults();
    const { paths, dispose } = await train(problem, { learningRate: MODES_DEFAULTS.learningRate, batchSize: MODES_DEFAULTS.batchSize, epochs: MODES_DEFAULTS.epochs });
    const lossAfter = (path: PathPoint[], epoch: number) => lossAt(problem, path.find((p) => p.examples === epoch * 50)!.beta);
    const [batch, sgd, minibatch] = paths as [PathPoint[], PathPoint[], PathPoint[]];
    expect(lossAt(problem, [0, 0])).toBeCloseTo(3463, 0);
    expect(problem.minimumLoss).toBeCloseTo(101.35, 2);
    // After one epoch.
    expect(lossAfter(batch, 1)).toBeGreaterThan(2500);
    expect(lossAfter(minibatch, 1)).toBeGreaterThan(500);
    expect(lossAfter(sgd, 1)).toBeLessThan(150);
    // After twenty: minibatch at the minimum, batch GD still above it, SGD jumping about it.
    expect(lossAfter(minibatch, 20)).toBeLessThan(problem.minimumLoss + 0.5);
    expect(lossAfter(batch, 20)).toBeGreaterThan(115);
    expect(lossAfter(batch, 20)).toBeLessThan(140);
    const late = sgd.filter((p) => p.examples >= 10 * 50).map((p) => lossAt(problem, p.beta));
    expect(Math.max(...late)).toBeGreaterThan(problem.minimumLoss + 5);
    expect(Math.min(...late)).toBeLessThan(problem.minimumLoss + 1);
    dispose();
  });
});

describe('attributes and code', () => {
  it('fall back to the defaults with a warning naming the attribute', () => {
    const { settings, warnings } = parseModesAttributes({
      samples: null,
      noise: null,
      coefficients: null,
      seed: null,
      lr: '2',
      batchSize: '0',
      epochs: '1000',
      epochsPerSecond: null,
      xAxis: 'time',
    });
    expect(settings.batchSize).toBe(10);
    expect(settings.learningRate).toBe(0.05);
    expect(settings.epochs).toBe(20);
    expect(settings.xAxis).toBe('epochs');
    expect(warnings.map((w) => w.split('=')[0])).toEqual(['lr', 'batch-size', 'epochs', 'x-axis']);
    expect(warnings[1]).toBe('batch-size="0" is outside 1…50 — using 10');
    // B may go up to n.
    expect(parseModesAttributes({ samples: '20', noise: null, coefficients: null, seed: null, lr: null, batchSize: '20', epochs: null, epochsPerSecond: null, xAxis: 'updates' }).settings).toMatchObject({ batchSize: 20, xAxis: 'updates' });
  });

  it('writes one PyTorch training function called with B = n, 1 and the minibatch size, shuffled per epoch', () => {
    const code = pytorchScript({ samples: 50, noise: 10, seed: 1, coefficients: undefined }, { learningRate: 0.05, batchSize: 10, epochs: 20, seed: 1 });
    expectLines(code, [
      'nn.Linear(2, 1, bias=False)',
      'torch.optim.SGD(model.parameters(), lr=0.05)',
      'DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)',
      'for epoch in range(20):',
      'batch_gd = train(len(x))',
      'sgd = train(1)',
      'minibatch = train(10)',
    ]);
  });
});

describe('SGD at the attributes’ limits (500 examples × 200 epochs = 100,000 updates)', () => {
  it('keeps each path, and what the map and the loss plot draw of it, to at most PATH_POINTS, its lowest loss among them', () => {
    const { samples, epochs } = { samples: MODES_LIMITS.samples.max, epochs: MODES_LIMITS.epochs.max };
    const problem = regressionProblem({ samples, noise: MODES_DEFAULTS.noise, seed: 3, coefficients: undefined });
    // SGD written out (float64, a seeded order per epoch), every update fed to the path the runs controller keeps.
    const path = runPath((beta) => lossAt(problem, beta));
    const random = createRandom(4);
    const learningRate = 0.01;
    let beta: Beta = [0, 0];
    let lowest = { loss: lossAt(problem, beta), update: 0 };
    let update = 0;
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      for (const i of random.shuffle(Array.from({ length: samples }, (_, k) => k))) {
        const [x1, x2] = problem.inputs[i]!;
        const error = x1! * beta[0] + x2! * beta[1] - problem.targets[i]![0]!;
        beta = [beta[0] - learningRate * 2 * x1! * error, beta[1] - learningRate * 2 * x2! * error];
        update += 1;
        path.push({ update, examples: update, beta });
        const loss = lossAt(problem, beta);
        if (loss < lowest.loss) lowest = { loss, update };
      }
    }
    expect(path.count).toBe(100_001);
    const kept = path.points();
    expect(kept.length).toBeLessThanOrEqual(PATH_POINTS);
    expect(kept[0]!.update).toBe(0);
    expect(kept.at(-1)!.update).toBe(100_000);
    expect(kept.some((p) => p.update === lowest.update)).toBe(true);
    expect(path.extent![0]).toBe(lowest.loss);
    // What the views draw: the map's path (clippedPath) and the loss curve (lossCurve), one command per kept point at most.
    const domain = squareDomain([[0, 0], problem.trueBeta, problem.estimate]);
    const map = clippedPath(kept.map((p) => p.beta), domain, mapScales(domain, { left: 0, top: 0, width: 400, height: 400 }));
    expect(map.d.match(/[ML]/g)!.length).toBeLessThanOrEqual(PATH_POINTS);
    const curve = lossCurve(kept.map((p) => [p.update, lossAt(problem, p.beta)] as const), (u) => u / 250, lossScale(problem.minimumLoss, 10 * lowest.loss + 100, [300, 0]));
    expect(curve.match(/[ML]/g)!.length).toBe(kept.length);
  });
});
