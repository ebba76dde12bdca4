/**
 * Surface descent against independent computations: optimizer updates written out by hand in float64,
 * gradients derived by hand (and checked by central differences), the divergence step worked out in
 * closed form, and a flat tensor count over 1000 steps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Scheduler, type FrameSource } from './scheduler.ts';
import {
  EXPLODED_PARAMETER,
  LockstepDescent,
  SURFACES,
  SurfaceDescent,
  createSurface,
  regressionData,
  surfaceGradient,
  type PathPoint,
  type Point,
  type SurfaceName,
} from './surface-descent.ts';
import { tf } from './tf.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Runs `steps` updates, reading back after each, and returns every point from step 0 on. */
async function path(run: SurfaceDescent, steps: number): Promise<PathPoint[]> {
  const points: PathPoint[] = [];
  run.events.on('readout', (readout) => points.push(...readout.path));
  await run.readBack();
  for (let i = 0; i < steps; i += 1) {
    run.runSteps(1);
    await run.readBack();
  }
  return points;
}

// ---- hand-derived gradients, independent of the engine's formulas --------------------------------

const KAPPA = 10;
const { x: DATA_X, y: DATA_Y } = regressionData(1);

const ANALYTIC: Record<SurfaceName, { value(w1: number, w2: number): number; gradient(w1: number, w2: number): [number, number] }> = {
  quadratic: {
    value: (a, b) => 0.5 * (a ** 2 + KAPPA * b ** 2),
    gradient: (a, b) => [a, KAPPA * b],
  },
  rosenbrock: {
    value: (a, b) => (1 - a) ** 2 + 100 * (b - a ** 2) ** 2,
    gradient: (a, b) => [-2 * (1 - a) - 400 * a * (b - a ** 2), 200 * (b - a ** 2)],
  },
  himmelblau: {
    value: (a, b) => (a ** 2 + b - 11) ** 2 + (a + b ** 2 - 7) ** 2,
    gradient: (a, b) => [4 * a * (a ** 2 + b - 11) + 2 * (a + b ** 2 - 7), 2 * (a ** 2 + b - 11) + 4 * b * (a + b ** 2 - 7)],
  },
  saddle: {
    value: (a, b) => a ** 2 - b ** 2,
    gradient: (a, b) => [2 * a, -2 * b],
  },
  'six-hump-camel': {
    value: (a, b) => (4 - 2.1 * a ** 2 + a ** 4 / 3) * a ** 2 + a * b + (-4 + 4 * b ** 2) * b ** 2,
    gradient: (a, b) => [8 * a - 8.4 * a ** 3 + 2 * a ** 5 + b, a - 8 * b + 16 * b ** 3],
  },
  regression: {
    value: (a, b) => DATA_X.reduce((sum, x, i) => sum + (a * x + b - DATA_Y[i]!) ** 2, 0) / DATA_X.length,
    gradient: (a, b) => {
      let g1 = 0;
      let g2 = 0;
      DATA_X.forEach((x, i) => {
        const residual = a * x + b - DATA_Y[i]!;
        g1 += (2 * residual * x) / DATA_X.length;
        g2 += (2 * residual) / DATA_X.length;
      });
      return [g1, g2];
    },
  },
};

const POINTS: Point[] = [
  [0.3, -0.7],
  [-1.2, 1],
  [1.5, 0.4],
  [-0.8, -1.1],
  [2, 1.7],
];

describe('surfaces', () => {
  it.each(SURFACES)('%s: the float64 value is the hand-written formula, whose gradient matches central differences', (name) => {
    const surface = createSurface(name, { condition: KAPPA, seed: 1 });
    const analytic = ANALYTIC[name];
    for (const [a, b] of POINTS) {
      expect(surface.value(a, b)).toBeCloseTo(analytic.value(a, b), 10);
      const h = 1e-6;
      const [g1, g2] = analytic.gradient(a, b);
      expect(g1).toBeCloseTo((analytic.value(a + h, b) - analytic.value(a - h, b)) / (2 * h), 4);
      expect(g2).toBeCloseTo((analytic.value(a, b + h) - analytic.value(a, b - h)) / (2 * h), 4);
    }
  });

  it.each(SURFACES)('%s: TF autodiff gives the analytic gradient and the TF loss the float64 value', async (name) => {
    const surface = createSurface(name, { condition: KAPPA, seed: 1 });
    const analytic = ANALYTIC[name];
    for (const point of POINTS) {
      const { loss, gradient } = await surfaceGradient(surface, point);
      const [g1, g2] = analytic.gradient(...point);
      const value = analytic.value(...point);
      // float32: relative agreement, with a floor for values near zero.
      expect(Math.abs(loss - value)).toBeLessThan(1e-5 * Math.max(1, Math.abs(value)));
      expect(Math.abs(gradient[0] - g1)).toBeLessThan(1e-4 * Math.max(1, Math.abs(g1)));
      expect(Math.abs(gradient[1] - g2)).toBeLessThan(1e-4 * Math.max(1, Math.abs(g2)));
    }
  });

  it('the minima are minima: zero gradient there, and the loss the known value', async () => {
    const known: Partial<Record<SurfaceName, number>> = { quadratic: 0, rosenbrock: 0, himmelblau: 0, 'six-hump-camel': -1.0316 };
    for (const name of SURFACES) {
      const surface = createSurface(name);
      for (const minimum of surface.minima) {
        const [g1, g2] = ANALYTIC[name].gradient(minimum[0], minimum[1]);
        expect(Math.hypot(g1, g2), `${name} at ${minimum}`).toBeLessThan(2e-3);
        if (known[name] !== undefined) expect(surface.value(...minimum)).toBeCloseTo(known[name]!, 3);
      }
    }
    expect(createSurface('saddle').minima).toEqual([]);
  });

  it('the quadratic takes its condition number; the regression data follow their seed', () => {
    const steep = createSurface('quadratic', { condition: 100 });
    expect(steep.value(0, 1) / steep.value(1, 0)).toBeCloseTo(100, 10);
    expect(steep.learningRate).toBeLessThan(2 / 100);
    expect(() => createSurface('quadratic', { condition: 0.5 })).toThrow(/condition/);
    expect(regressionData(1)).toEqual(regressionData(1));
    expect(regressionData(2)).not.toEqual(regressionData(1));
    // The least-squares line is near the one the data came from (y = 1.5 x − 0.5).
    const [slope, intercept] = createSurface('regression').minima[0]!;
    expect(slope).toBeCloseTo(1.5, 0);
    expect(intercept).toBeCloseTo(-0.5, 0);
  });

  it('every default start lies in the surface’s drawn domain and SGD at the default rate does not diverge', async () => {
    for (const name of SURFACES.filter((s) => s !== 'saddle')) {
      const surface = createSurface(name);
      const [a, b] = surface.start;
      expect(a).toBeGreaterThanOrEqual(surface.domain.w1[0]);
      expect(a).toBeLessThanOrEqual(surface.domain.w1[1]);
      expect(b).toBeGreaterThanOrEqual(surface.domain.w2[0]);
      expect(b).toBeLessThanOrEqual(surface.domain.w2[1]);
      const run = new SurfaceDescent({ surface, optimizer: { kind: 'sgd', learningRate: surface.learningRate } });
      run.runSteps(100);
      const readout = await run.readBack();
      expect(run.divergence, name).toBeUndefined();
      expect(readout!.loss, name).toBeLessThan(surface.value(a, b));
      run.dispose();
    }
  });
});

// ---- optimizer updates written out by hand ---------------------------------------------------------

describe('steps follow the optimizer rules, written out by hand (quadratic, κ = 10, from (−2.5, 1.5))', () => {
  const start: Point = [-2.5, 1.5];
  const gradient = (w: number[]) => [w[0]!, KAPPA * w[1]!];
  const loss = (w: number[]) => 0.5 * (w[0]! ** 2 + KAPPA * w[1]! ** 2);

  function expectPath(points: PathPoint[], expected: number[][]): void {
    expect(points.map((p) => p.step)).toEqual(expected.map((_, i) => i));
    points.forEach((point, i) => {
      const w = expected[i]!;
      expect(point.w1, `w1 at step ${i}`).toBeCloseTo(w[0]!, 5);
      expect(point.w2, `w2 at step ${i}`).toBeCloseTo(w[1]!, 5);
      expect(point.loss, `loss at step ${i}`).toBeCloseTo(loss(w), 4);
    });
  }

  it('SGD: w ← w − η ∇L', async () => {
    const eta = 0.18;
    const expected = [[...start]];
    for (let t = 1; t <= 8; t += 1) {
      const w = expected[t - 1]!;
      const g = gradient(w);
      expected.push([w[0]! - eta * g[0]!, w[1]! - eta * g[1]!]);
    }
    // Worked by hand for the first step: (−2.5 + 0.18·2.5, 1.5 − 0.18·15) = (−2.05, −1.2).
    expect(expected[1]![0]).toBeCloseTo(-2.05, 12);
    expect(expected[1]![1]).toBeCloseTo(-1.2, 12);
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'sgd', learningRate: eta }, start });
    expectPath(await path(run, 8), expected);
    run.dispose();
  });

  it('momentum: v ← μ v + ∇L; w ← w − η v', async () => {
    const eta = 0.05;
    const mu = 0.8;
    const expected = [[...start]];
    let v = [0, 0];
    for (let t = 1; t <= 8; t += 1) {
      const w = expected[t - 1]!;
      const g = gradient(w);
      v = [mu * v[0]! + g[0]!, mu * v[1]! + g[1]!];
      expected.push([w[0]! - eta * v[0]!, w[1]! - eta * v[1]!]);
    }
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'momentum', learningRate: eta, momentum: mu }, start });
    expectPath(await path(run, 8), expected);
    run.dispose();
  });

  it('Adam: bias-corrected moments, w ← w − η m̂ / (√ŝ + ε)', async () => {
    const eta = 0.1;
    const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
    const expected = [[...start]];
    let m = [0, 0];
    let s = [0, 0];
    for (let t = 1; t <= 8; t += 1) {
      const w = expected[t - 1]!;
      const g = gradient(w);
      m = m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]!);
      s = s.map((si, i) => beta2 * si + (1 - beta2) * g[i]! ** 2);
      const next = w.map((wi, i) => {
        const mHat = m[i]! / (1 - beta1 ** t);
        const sHat = s[i]! / (1 - beta2 ** t);
        return wi - (eta * mHat) / (Math.sqrt(sHat) + epsilon);
      });
      expected.push(next);
    }
    // Adam's first step is η·sign(g) per coordinate: (−2.4, 1.4).
    expect(expected[1]![0]).toBeCloseTo(-2.4, 6);
    expect(expected[1]![1]).toBeCloseTo(1.4, 6);
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'adam', learningRate: eta }, start });
    expectPath(await path(run, 8), expected);
    run.dispose();
  });

  it('SGD on Rosenbrock follows the hand-derived gradient too', async () => {
    const eta = 0.001;
    const [a0, b0] = [-1.2, 1];
    const expected = [[a0, b0]];
    for (let t = 1; t <= 5; t += 1) {
      const [a, b] = expected[t - 1] as [number, number];
      const [g1, g2] = ANALYTIC.rosenbrock.gradient(a, b);
      expected.push([a - eta * g1, b - eta * g2]);
    }
    const run = new SurfaceDescent({ surface: 'rosenbrock', optimizer: { kind: 'sgd', learningRate: eta }, start: [a0, b0] });
    const points = await path(run, 5);
    points.forEach((p, i) => {
      expect(p.w1).toBeCloseTo(expected[i]![0]!, 4);
      expect(p.w2).toBeCloseTo(expected[i]![1]!, 4);
    });
    run.dispose();
  });

  it('steps queued between readbacks all come back, in order, in one readback', async () => {
    const eta = 0.18;
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'sgd', learningRate: eta }, start });
    run.runSteps(5);
    const readout = await run.readBack();
    expect(readout!.path.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(readout!.step).toBe(5);
    expect(readout!.w2).toBeCloseTo(1.5 * (1 - eta * KAPPA) ** 5, 5);
    run.dispose();
  });
});

// ---- divergence, crawling, reset, leaks ----------------------------------------------------------------

describe('running', () => {
  it('too large a learning rate diverges, reported at the first step with |w| > 1e6, and the run stops', async () => {
    // η = 0.5, κ = 10: w2 ← (1 − ηκ) w2 = −4 w2, so |w2| = 1.5·4ᵗ first exceeds 1e6 at t = 10.
    let expectedStep = 0;
    for (let w2 = 1.5; Math.abs(w2) <= EXPLODED_PARAMETER; w2 *= -4) expectedStep += 1;
    expect(expectedStep).toBe(10);
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'sgd', learningRate: 0.5 }, start: [-2.5, 1.5] });
    const reported: number[] = [];
    run.events.on('diverged', ({ step }) => reported.push(step));
    // Queued well past the blow-up before anyone looks: the report still names the first bad step.
    run.runSteps(30);
    const readout = await run.readBack();
    expect(reported).toEqual([expectedStep]);
    expect(run.divergence?.reason).toMatch(/exploded/);
    expect(readout!.step).toBe(expectedStep);
    expect(readout!.path.at(-1)!.step).toBe(expectedStep);
    const steps = run.steps;
    run.runSteps(5);
    expect(run.steps).toBe(steps);
    run.dispose();
  });

  it('an overflowing loss counts as diverged too (Rosenbrock at η = 0.1)', async () => {
    const run = new SurfaceDescent({ surface: 'rosenbrock', optimizer: { kind: 'sgd', learningRate: 0.1 }, start: [-1.5, 1.5] });
    run.runSteps(20);
    await run.readBack();
    expect(run.divergence).toBeDefined();
    expect(run.divergence!.step).toBeLessThanOrEqual(4);
    run.dispose();
  });

  it('a tiny learning rate crawls: 100 steps at η = 1e-4 move w1 by (1 − η)¹⁰⁰ only', async () => {
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'sgd', learningRate: 1e-4 }, start: [-2.5, 1.5] });
    run.runSteps(100);
    const readout = (await run.readBack())!;
    expect(readout.w1).toBeCloseTo(-2.5 * (1 - 1e-4) ** 100, 5);
    expect(Math.hypot(readout.w1 + 2.5, readout.w2 - 1.5)).toBeLessThan(0.2);
    expect(readout.loss).toBeGreaterThan(0.8 * ANALYTIC.quadratic.value(-2.5, 1.5));
    run.dispose();
  });

  it('reset starts again from a new point with fresh optimizer state (Adam’s first step is η·sign g again)', async () => {
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'adam', learningRate: 0.1 }, start: [-2.5, 1.5] });
    run.runSteps(7);
    await run.readBack();
    run.reset([1, -2]);
    expect(run.steps).toBe(0);
    run.runSteps(1);
    const readout = (await run.readBack())!;
    expect(readout.path.map((p) => p.step)).toEqual([0, 1]);
    expect(readout.path[0]).toMatchObject({ w1: 1, w2: -2 });
    expect(readout.w1).toBeCloseTo(0.9, 6);
    expect(readout.w2).toBeCloseTo(-1.9, 6);
    run.dispose();
  });

  it('a readback in flight during a reset does not report the old run’s points', async () => {
    const run = new SurfaceDescent({ surface: 'quadratic', optimizer: { kind: 'sgd', learningRate: 0.1 } });
    const seen: number[] = [];
    run.events.on('readout', (r) => seen.push(...r.path.map((p) => p.w1)));
    run.runSteps(3);
    const inFlight = run.readBack();
    run.reset([2, 0]);
    await inFlight;
    await run.readBack();
    expect(seen).toEqual([2]);
    run.dispose();
  });

  it('holds no tensors beyond its own over 1000 steps, and frees them all on dispose', async () => {
    const before = tf.memory().numTensors;
    const run = new SurfaceDescent({ surface: 'regression', optimizer: { kind: 'adam', learningRate: 0.05 } });
    run.runSteps(1);
    await run.readBack();
    const held = tf.memory().numTensors;
    for (let i = 0; i < 100; i += 1) {
      run.runSteps(10);
      await run.readBack();
      if (i === 49) run.reset([0, 0]);
    }
    expect(run.steps).toBe(500);
    expect(tf.memory().numTensors).toBe(held);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the frame scheduler paces it at stepsPerSecond, and lockstep runs stay at one step', async () => {
    const frames = new ManualFrames();
    const scheduler = new Scheduler({ frames });
    const runs = (['sgd', 'momentum', 'adam'] as const).map(
      (kind) => new SurfaceDescent({ surface: 'rosenbrock', optimizer: { kind, learningRate: 0.001 }, start: [-1.5, 1.5] }),
    );
    const group = new LockstepDescent(runs, 'compare', 10);
    const handle = scheduler.add(group);
    for (let i = 0; i < 60; i += 1) {
      frames.fire();
      await Promise.resolve();
    }
    await group.readBack();
    // One second of frames at 10 steps per second: 10 or 11 steps (one is owed at the start).
    expect(runs[0]!.steps).toBeGreaterThanOrEqual(10);
    expect(runs[0]!.steps).toBeLessThanOrEqual(11);
    expect(new Set(runs.map((r) => r.steps)).size).toBe(1);
    expect(new Set(runs.map((r) => r.latest!.step)).size).toBe(1);
    handle.remove();
    scheduler.dispose();
    for (const run of runs) run.dispose();
  });

  it('a lockstep group counts the steps of its runs still going, resets them all to a new start, and frees them all', async () => {
    const before = tf.memory().numTensors;
    // η = 0.5 on the κ = 10 bowl: SGD diverges at step 10 (|w2| = 1.5·4ᵗ), Adam goes on.
    const runs = (['sgd', 'adam'] as const).map((kind) => new SurfaceDescent({ surface: 'quadratic', optimizer: { kind, learningRate: 0.5 } }));
    const group = new LockstepDescent(runs);
    group.runSteps(20);
    await group.readBack();
    expect(runs[0]!.divergence?.step).toBe(10);
    group.runSteps(5);
    expect(group.steps).toBe(25);
    group.reset([1, -1]);
    expect(group.steps).toBe(0);
    expect(group.canContinue).toBe(true);
    const readouts = await group.readBack();
    expect(readouts.map((r) => [r!.step, r!.w1, r!.w2])).toEqual([
      [0, 1, -1],
      [0, 1, -1],
    ]);
    group.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Frames that fire when the test says, 1/60 s apart. */
class ManualFrames implements FrameSource {
  time = 0;
  private callbacks = new Map<number, (time: number) => void>();
  private next = 1;
  now(): number {
    return this.time;
  }
  requestFrame(callback: (time: number) => void): number {
    this.callbacks.set(this.next, callback);
    return this.next++;
  }
  cancelFrame(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }
  fire(): void {
    this.time += 1000 / 60;
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of due) callback(this.time);
  }
}

describe('suspending a run while its slide is hidden', () => {
  it('frees its tensors and then carries on exactly where it stopped (Adam on Rosenbrock)', async () => {
    const before = tf.memory().numTensors;
    const spec = { surface: 'rosenbrock' as const, optimizer: { kind: 'adam' as const, learningRate: 0.01 } };
    const straight = new SurfaceDescent(spec);
    const paused = new SurfaceDescent(spec);
    straight.runSteps(20);
    paused.runSteps(20);
    await straight.readBack();
    await paused.readBack();
    const alive = tf.memory().numTensors;
    await paused.suspend();
    expect(paused.isSuspended).toBe(true);
    expect(tf.memory().numTensors).toBe(before + (alive - before) / 2);
    straight.runSteps(30);
    paused.runSteps(30);
    const [a, b] = [await straight.readBack(), await paused.readBack()];
    expect(b!.step).toBe(50);
    expect([b!.w1, b!.w2, b!.loss]).toEqual([a!.w1, a!.w2, a!.loss]);
    await paused.suspend();
    paused.dispose();
    straight.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
