/**
 * The fused paths against the op-by-op path inside the page, through `window.axon.engine`: the same spec
 * and seed on two paths, step by step. The Node unit tests (engine/fused/fused.test.ts) do this for the CPU
 * kernels under Node; these runs check them in Chromium, and the WebGPU kernel, which only a browser has.
 */
import type { Page } from '@playwright/test';
import type { TrainingPath } from '../engine/fused/choose.ts';
import type { TrainerSpec, TrainingData } from '../engine/trainer.ts';

export interface FusedCase {
  name: string;
  spec: Omit<TrainerSpec, 'seed' | 'path'>;
  data: TrainingData;
  steps: number;
}

/** Points on a curve and a ring, made here (no engine code) so that both paths get the very same rows. */
const curve: TrainingData = {
  inputs: Array.from({ length: 24 }, (_, i) => [-3 + (6 * i) / 23]),
  targets: Array.from({ length: 24 }, (_, i) => [Math.sin(-3 + (6 * i) / 23)]),
};
const ring: TrainingData = {
  inputs: Array.from({ length: 40 }, (_, i) => {
    const r = i % 2 ? 0.5 : 1.5;
    return [r * Math.cos(i * 0.7), r * Math.sin(i * 0.7)];
  }),
  targets: Array.from({ length: 40 }, (_, i) => [i % 2]),
};
const threeWay: TrainingData = { inputs: ring.inputs, targets: ring.inputs.map(([x, y], i) => [0, 1, 2].map((k) => (k === (i % 2 ? 0 : x! > y! ? 1 : 2) ? 1 : 0))) };

export const FUSED_CASES: FusedCase[] = [
  { name: 'ReLU 1→16→1, MSE, full-batch SGD', spec: { network: { layers: [1, 16, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.05 } }, data: curve, steps: 20 },
  {
    name: 'tanh 2→5→1, BCE, Adam, minibatches of 8',
    spec: { network: { layers: [2, 5, 1], hidden: 'tanh', output: 'sigmoid' }, loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.05 }, batching: { mode: 'minibatch', size: 8 } },
    data: ring,
    steps: 20,
  },
  {
    name: 'ReLU 2→8→3, softmax cross-entropy, momentum + weight decay, L2, minibatches of 10',
    spec: {
      network: { layers: [2, 8, 3], hidden: 'relu', output: 'softmax' },
      loss: 'softmax-ce',
      optimizer: { kind: 'momentum', learningRate: 0.05, weightDecay: 0.01 },
      regularization: { kind: 'l2', rate: 0.01 },
      batching: { mode: 'minibatch', size: 10 },
    },
    data: threeWay,
    steps: 20,
  },
  {
    name: 'sigmoid 2→4→4→1, sigmoid output with MSE, L1',
    spec: { network: { layers: [2, 4, 4, 1], hidden: 'sigmoid', output: 'sigmoid' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.5 }, regularization: { kind: 'l1', rate: 0.001 } },
    data: ring,
    steps: 20,
  },
  {
    name: 'linear 2→1 without bias, MSE, one sample per step',
    spec: { network: { layers: [2, 1], hidden: 'linear', output: 'linear', bias: false }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.05 }, batching: { mode: 'sgd' } },
    data: ring,
    steps: 20,
  },
];

export interface PathRun {
  path: string;
  losses: number[];
  weights: number[];
  predictions: number[];
}

/** Runs a case on one path in the page: a readback after every step, then the weights and a few predictions. */
export async function runOnPath(page: Page, c: FusedCase, path: TrainingPath): Promise<PathRun> {
  return page.evaluate(
    async ({ c, path }) => {
      const trainer = window.axon!.engine!.createTrainer({ ...c.spec, seed: 5, path }, c.data);
      const losses: number[] = [];
      for (let s = 0; s < c.steps; s += 1) {
        trainer.step(1);
        losses.push((await trainer.readBack())!.loss);
      }
      const weights = (await trainer.readWeights()).flatMap((layer) => [...layer.weights.flat(), ...layer.biases]);
      const inputs = c.data.inputs.slice(0, 3);
      const predictions = [...(await trainer.predictMany(Float32Array.from(inputs.flat()), inputs.length))];
      const taken = trainer.path;
      trainer.dispose();
      return { path: taken, losses, weights, predictions };
    },
    { c, path },
  );
}

/** Where two runs differ beyond float32 rounding (relative 1e-3, absolute 1e-4), or undefined. */
export function difference(fused: PathRun, reference: PathRun): string | undefined {
  for (const key of ['losses', 'weights', 'predictions'] as const) {
    const a = fused[key];
    const b = reference[key];
    if (a.length !== b.length) return `${key}: ${a.length} values against ${b.length}`;
    for (let i = 0; i < a.length; i += 1) {
      if (!(Math.abs(a[i]! - b[i]!) <= 1e-4 + 1e-3 * Math.abs(b[i]!))) return `${key}[${i}]: ${fused.path} ${a[i]}, ${reference.path} ${b[i]}`;
    }
  }
  return undefined;
}
