/**
 * The cases the fused steps are checked on against the op-by-op path, shared by the Node tests
 * (fused.test.ts) and the browser tests (e2e/fused.spec.ts): every activation, loss, optimizer,
 * regularisation and batching the engine offers, on small seeded data sets. Pure data, no TF.js.
 */
import { circle, curve1d, spiral } from '../data/index.ts';
import type { TrainerSpec, TrainingData } from '../trainer.ts';

export const curve = curve1d({ target: 'sin', samples: 24, noise: 0.05, random: 3 });
const rings = circle({ samples: 60, noise: 0.1, random: 4 });
const arms = spiral({ samples: 45, noise: 0.1, random: 5 });
/** Spiral classes as one-hot rows for softmax cross-entropy (three classes: the label, and two built from x). */
const threeClasses: TrainingData = {
  inputs: arms.inputs,
  targets: arms.inputs.map((row, n) => {
    const label = arms.targets[n]![0]! > 0.5 ? 0 : row[0]! > 0 ? 1 : 2;
    return [0, 1, 2].map((k) => (k === label ? 1 : 0));
  }),
};
/** Two outputs for the MSE-through-softmax case (probabilities as targets). */
const twoOutputs: TrainingData = { inputs: rings.inputs, targets: rings.targets.map(([y]) => [y!, 1 - y!]) };

export interface Case {
  name: string;
  spec: Omit<TrainerSpec, 'seed' | 'path'>;
  data: TrainingData;
  steps: number;
}

export const CASES: Case[] = [
  { name: 'ReLU 1→16→1, MSE, full-batch SGD', spec: { network: { layers: [1, 16, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.05 } }, data: curve, steps: 40 },
  { name: 'tanh 2→4→2→1, BCE, full-batch SGD', spec: { network: { layers: [2, 4, 2, 1], hidden: 'tanh', output: 'sigmoid' }, loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.3 } }, data: rings, steps: 40 },
  {
    name: 'sigmoid 1→3→1, MSE, momentum, minibatches of 8',
    spec: { network: { layers: [1, 3, 1], hidden: 'sigmoid', output: 'linear' }, loss: 'mse', optimizer: { kind: 'momentum', learningRate: 0.1, momentum: 0.8 }, batching: { mode: 'minibatch', size: 8 } },
    data: curve,
    steps: 40,
  },
  {
    name: 'ReLU 2→8→8→3, softmax cross-entropy, Adam + weight decay, L2, minibatches of 16',
    spec: {
      network: { layers: [2, 8, 8, 3], hidden: 'relu', output: 'softmax' },
      loss: 'softmax-ce',
      optimizer: { kind: 'adam', learningRate: 0.01, weightDecay: 0.001 },
      regularization: { kind: 'l2', rate: 0.003 },
      batching: { mode: 'minibatch', size: 16 },
    },
    data: threeClasses,
    steps: 40,
  },
  {
    name: 'linear 1→1 without bias, MSE, one sample per step',
    spec: { network: { layers: [1, 1], hidden: 'linear', output: 'linear', bias: false }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.05 }, batching: { mode: 'sgd' } },
    data: curve,
    steps: 50,
  },
  {
    name: 'sigmoid output with MSE, L1, momentum',
    spec: { network: { layers: [2, 5, 1], hidden: 'tanh', output: 'sigmoid' }, loss: 'mse', optimizer: { kind: 'momentum', learningRate: 0.5 }, regularization: { kind: 'l1', rate: 0.001 } },
    data: rings,
    steps: 30,
  },
  { name: 'softmax output with MSE, Adam', spec: { network: { layers: [2, 6, 2], hidden: 'sigmoid', output: 'softmax' }, loss: 'mse', optimizer: { kind: 'adam', learningRate: 0.02 } }, data: twoOutputs, steps: 30 },
  {
    name: 'threshold units (gradient 0) under a linear layer',
    spec: { network: { layers: [2, 4, 1], hidden: 'threshold', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 } },
    data: rings,
    steps: 10,
  },
  {
    name: 'minibatches as big as the data set (every step gathers all rows, shuffled)',
    spec: { network: { layers: [2, 3, 1], hidden: 'tanh', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.1 }, batching: { mode: 'minibatch', size: 60 } },
    data: rings,
    steps: 20,
  },
  { name: 'linear hidden layer, four weight layers', spec: { network: { layers: [1, 6, 5, 4, 1], hidden: 'linear', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.01 } }, data: curve, steps: 30 },
];
