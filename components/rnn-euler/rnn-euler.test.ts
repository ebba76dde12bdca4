/**
 * `<rnn-euler>`'s model against independent numbers: Euler's first steps worked by hand, the damped
 * oscillator's closed form against a fine RK4 (two unrelated methods agreeing), Euler's matrix and the growth
 * its eigenvalues predict (|1 + hλ| > 1: the undamped oscillator's energy grows by 1 + h² a step, by hand),
 * and the learned step map trained for real on the engine (TF.js CPU backend), whose one-step error against
 * the closed form ends well below Euler's.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../../engine/trainer.ts';
import { useCpuBackend } from '../shared/test-support.ts';
import {
  TRAINING_START,
  distanceAt,
  eigenvalues,
  eulerGrowth,
  eulerMatrix,
  eulerRollout,
  formatError,
  learnedRollout,
  learnedStep,
  networkOutput,
  oscillatorExact,
  rk4Reference,
  rnnEulerSettings,
  trainerSpec,
  trainingLoss,
  trainingPairs,
  trueTrajectory,
  type EulerSettings,
} from './rnn-euler.model.ts';

useCpuBackend();

const DEFAULTS: EulerSettings = { system: 'oscillator', h: 0.1, damping: 0.1, hidden: 16, steps: 100, epochs: 1500, start: [-1.4, 1.4], seed: 1 };

describe("Euler's method", () => {
  it('takes the first steps worked by hand (x″ = −x − 0.2x′, h = 0.1, from (1, 0))', () => {
    const run = eulerRollout('oscillator', 0.1, [1, 0], 0.1, 3);
    // s1 = (1 + 0.1·0, 0 + 0.1·(−1 − 0)) = (1, −0.1)
    // s2 = (1 + 0.1·(−0.1), −0.1 + 0.1·(−1 + 0.02)) = (0.99, −0.198)
    // s3 = (0.99 − 0.0198, −0.198 + 0.1·(−0.99 + 0.0396)) = (0.9702, −0.29304)
    expect([...run.x]).toEqual([1, 1, 0.99, expect.closeTo(0.9702, 12)]);
    expect(run.v[1]).toBeCloseTo(-0.1, 12);
    expect(run.v[2]).toBeCloseTo(-0.198, 12);
    expect(run.v[3]).toBeCloseTo(-0.29304, 12);
  });

  it('is multiplication by the matrix I + hA for the oscillator', () => {
    expect(eulerMatrix('oscillator', 0.1, 0.1)).toEqual([
      [1, 0.1],
      [-0.1, expect.closeTo(0.98, 12)],
    ]);
    const [[a, b], [c, d]] = eulerMatrix('oscillator', 0.3, 0.25);
    const run = eulerRollout('oscillator', 0.3, [0.7, -0.4], 0.25, 5);
    let s = [0.7, -0.4];
    for (let n = 1; n <= 5; n += 1) {
      s = [a * s[0]! + b * s[1]!, c * s[0]! + d * s[1]!];
      expect(run.x[n]).toBeCloseTo(s[0]!, 12);
      expect(run.v[n]).toBeCloseTo(s[1]!, 12);
    }
  });

  it('grows the undamped oscillator’s energy by 1 + h² a step, as |1 ± ih| = √(1 + h²) > 1 says', () => {
    const h = 0.1;
    // A = [[0, 1], [−1, 0]] has λ = ±i; I + hA has μ = 1 ± ih, |μ| = √1.01.
    const [mu1, mu2] = eigenvalues(eulerMatrix('oscillator', 0, h));
    expect([mu1.re, Math.abs(mu1.im), mu2.re, Math.abs(mu2.im)]).toEqual([1, expect.closeTo(h, 12), 1, expect.closeTo(h, 12)]);
    expect(eulerGrowth('oscillator', 0, h)).toBeCloseTo(Math.sqrt(1.01), 12);
    const run = eulerRollout('oscillator', 0, [1, 0], h, 50);
    const energy = (n: number) => run.x[n]! ** 2 + run.v[n]! ** 2;
    for (const n of [1, 10, 50]) expect(energy(n)).toBeCloseTo(1.01 ** n, 10);
    // The true undamped solution keeps x² + v² = 1.
    const truth = trueTrajectory('oscillator', 0, [1, 0], h, 50);
    expect(truth.x[50]! ** 2 + truth.v[50]! ** 2).toBeCloseTo(1, 12);
  });

  it('decays slower than the truth with light damping, and blows up for a large h without it', () => {
    // ζ = 0.1, h = 0.1: μ = 0.99 ± 0.0995i, |μ|² = 0.9801 + 0.0099 = 0.99 → |μ| ≈ 0.99499 > e^{−0.01}.
    expect(eulerGrowth('oscillator', 0.1, 0.1)).toBeCloseTo(Math.sqrt(0.99), 12);
    expect(eulerGrowth('oscillator', 0.1, 0.1)).toBeGreaterThan(Math.exp(-0.01));
    const run = eulerRollout('oscillator', 0, [1, 0], 0.5, 100);
    expect(Math.hypot(run.x[100]!, run.v[100]!)).toBeCloseTo(1.25 ** 50, 3);
  });
});

describe('the true solution', () => {
  it('the closed form agrees with a fine RK4 for under-, critically and lightly damped oscillators', () => {
    for (const damping of [0, 0.1, 0.5, 1]) {
      const rk4 = rk4Reference('oscillator', damping, [1.5, -0.5], 0.1, 100);
      for (const n of [1, 37, 100]) {
        const exact = oscillatorExact(damping, [1.5, -0.5], n * 0.1);
        expect(Math.abs(rk4.x[n]! - exact[0])).toBeLessThan(1e-10);
        expect(Math.abs(rk4.v[n]! - exact[1])).toBeLessThan(1e-10);
      }
    }
  });

  it('the closed form satisfies the ODE (central differences) and starts where asked', () => {
    const t = 2.3;
    const d = 1e-4;
    const [x, v] = oscillatorExact(0.3, [1, 0.5], t);
    const [xp, vp] = oscillatorExact(0.3, [1, 0.5], t + d);
    const [xm, vm] = oscillatorExact(0.3, [1, 0.5], t - d);
    expect((xp - xm) / (2 * d)).toBeCloseTo(v, 7);
    expect((vp - vm) / (2 * d)).toBeCloseTo(-x - 2 * 0.3 * v, 7);
    expect(oscillatorExact(0.3, [1, 0.5], 0)).toEqual([1, 0.5]);
  });

  it('the pendulum’s RK4 conserves energy without damping and agrees with a finer RK4', () => {
    const run = rk4Reference('pendulum', 0, [2.5, 0], 0.1, 200);
    const energy = (n: number) => 0.5 * run.v[n]! ** 2 - Math.cos(run.x[n]!);
    expect(Math.abs(energy(200) - energy(0))).toBeLessThan(1e-10);
    const finer = rk4Reference('pendulum', 0.2, [2.5, 0], 0.1, 100, 1e-4);
    const fine = rk4Reference('pendulum', 0.2, [2.5, 0], 0.1, 100);
    expect(distanceAt(fine, finer, 100)).toBeLessThan(1e-10);
    // Small swings: the pendulum is the oscillator with 2ζ = c.
    // (sin θ − θ ≈ −θ³/6 shifts the phase a little: under 2 × 10⁻⁴ of the amplitude after 50 steps.)
    const small = rk4Reference('pendulum', 0.2, [0.01, 0], 0.1, 50);
    const linear = oscillatorExact(0.1, [0.01, 0], 5)[0];
    expect(Math.abs(small.x[50]! - linear)).toBeLessThan(2e-4 * Math.abs(linear));
  });
});

describe('the learned recurrence', () => {
  it('trains on one true trajectory: pairs (sₜ, (sₜ₊₁ − sₜ)/h) from the training start', () => {
    const data = trainingPairs(DEFAULTS);
    expect(data.inputs).toHaveLength(100);
    expect(data.inputs[0]).toEqual([...TRAINING_START.oscillator]);
    const next = oscillatorExact(0.1, TRAINING_START.oscillator, 0.1);
    expect(data.targets[0]![0]).toBeCloseTo((next[0] - 2) / 0.1, 12);
    expect(data.targets[0]![1]).toBeCloseTo((next[1] - 0) / 0.1, 12);
  });

  it('steps as s + h·g(s) with g the tanh network, by hand for one unit', () => {
    const layers = [
      { weights: [[0.5], [-1]], biases: [0.2] },
      { weights: [[2, -3]], biases: [0.1, 0.4] },
    ];
    const a = Math.tanh(0.5 * 1 - 1 * 2 + 0.2);
    expect(networkOutput(layers, [1, 2])).toEqual([0.1 + 2 * a, 0.4 - 3 * a]);
    expect(learnedStep(layers, [1, 2], 0.5)).toEqual([1 + 0.5 * (0.1 + 2 * a), 2 + 0.5 * (0.4 - 3 * a)]);
  });

  it('after training, its one-step error is small — well below Euler’s — and its rollout beats Euler’s', async () => {
    const data = trainingPairs(DEFAULTS);
    const trainer = new Trainer(trainerSpec(DEFAULTS), data);
    trainer.step(DEFAULTS.epochs);
    const readout = await trainer.readBack();
    const layers = await trainer.readWeights();
    trainer.dispose();
    expect(readout!.epoch).toBe(DEFAULTS.epochs);
    // The float64 loss of the read weights is the engine's float32 loss.
    expect(trainingLoss(layers, data)).toBeCloseTo(readout!.loss, 4);
    // One-step error on points of the training orbit, against the closed form.
    let learnedWorst = 0;
    let eulerWorst = 0;
    for (const n of [5, 30, 60, 90]) {
      const s = [data.inputs[n]![0]!, data.inputs[n]![1]!] as const;
      const truth = oscillatorExact(0.1, s, 0.1);
      const learned = learnedStep(layers, s, 0.1);
      const euler = eulerRollout('oscillator', 0.1, s, 0.1, 1);
      learnedWorst = Math.max(learnedWorst, Math.hypot(learned[0] - truth[0], learned[1] - truth[1]));
      eulerWorst = Math.max(eulerWorst, Math.hypot(euler.x[1]! - truth[0], euler.v[1]! - truth[1]));
    }
    expect(learnedWorst).toBeLessThan(eulerWorst / 3);
    expect(learnedWorst).toBeLessThan(2e-3);
    // From the default new start, at the end of the rollout.
    const truth = trueTrajectory('oscillator', 0.1, [-1.4, 1.4], 0.1, 100);
    const learned = learnedRollout(layers, [-1.4, 1.4], 0.1, 100);
    const euler = eulerRollout('oscillator', 0.1, [-1.4, 1.4], 0.1, 100);
    expect(distanceAt(learned, truth, 100)).toBeLessThan(distanceAt(euler, truth, 100) / 2);
  });

  it('without damping (the lecture’s slide) it follows the truth near its one orbit and drifts far from it', async () => {
    const settings = { ...DEFAULTS, damping: 0 };
    const trainer = new Trainer(trainerSpec(settings), trainingPairs(settings));
    trainer.step(settings.epochs);
    const layers = await trainer.readWeights();
    trainer.dispose();
    const errors = (start: readonly [number, number]) => {
      const truth = trueTrajectory('oscillator', 0, start, 0.1, 100);
      return { euler: distanceAt(eulerRollout('oscillator', 0, start, 0.1, 100), truth, 100), learned: distanceAt(learnedRollout(layers, start, 0.1, 100), truth, 100) };
    };
    // Euler's radius grows by √1.01 a step: ×1.01⁵⁰ ≈ 1.64 after 100, so from radius ≈ 1.98 it ends ≥ 1 off.
    const near = errors([-1.4, 1.4]);
    expect(near.euler).toBeGreaterThan(1);
    expect(near.learned).toBeLessThan(near.euler / 5);
    // Half-way to the centre, where no training point lies, the learned map is no better than Euler.
    const far = errors([0.5, 0.5]);
    expect(far.learned).toBeGreaterThan(far.euler);
  });
});

describe('the settings', () => {
  it('reads the attributes with their ranges, and the start follows the system', () => {
    const read = (attributes: Record<string, string>) => rnnEulerSettings.read({ attribute: (name) => attributes[name] ?? null });
    const { values, warnings } = read({});
    expect(values).toEqual({ ...DEFAULTS });
    expect(warnings).toEqual([]);
    expect(read({ system: 'pendulum', start: '0.5,-1' }).values.start).toEqual([0.5, -1]);
    const bad = read({ h: '0.9', units: '3', damping: 'much', start: '1' });
    expect(bad.values.h).toBe(0.1);
    expect(bad.values.hidden).toBe(16);
    expect(bad.warnings.join('; ')).toContain('h="0.9" is outside 0.01…0.5');
    expect(bad.warnings.join('; ')).toContain('units="3" is outside 4…64');
    expect(bad.warnings.join('; ')).toContain('damping="much" is not a number');
    expect(bad.warnings.join('; ')).toContain('start="1" needs 2 numbers');
  });

  it('writes errors people can read', () => {
    expect(formatError(0.012345)).toBe('0.0123');
    expect(formatError(1e9)).toBe('blew up');
    expect(formatError(Number.NaN)).toBe('blew up');
  });
});
