/**
 * The standard workloads of `npm run bench`: the networks the lectures train, with their data. Pure (no
 * TF.js, no DOM), so the bench page, the plain-JS peer, the PyTorch script's launcher and the unit test
 * all build exactly the same problem from the same seed.
 */
import { circle, cubic, curve1d } from '../engine/data/index.ts';
import type { TrainerSpec, TrainingData } from '../engine/trainer.ts';
import { WIDGET_WORKLOADS } from './widget-workloads.ts';

export interface Workload {
  /** Row name, e.g. `relu-1-1024-1-cubic`. */
  name: string;
  /** One line for the table's legend. */
  description: string;
  /** The network, loss and optimizer (full-batch SGD everywhere). */
  spec: TrainerSpec;
  /** The training data (seeded: the same rows on every run and every implementation). */
  data: () => TrainingData;
}

const SEED = 42;

function sigmoidCurve(hidden: number): Workload {
  return {
    name: `sigmoid-1-${hidden}-1`,
    description: `1→${hidden}→1 sigmoid, 30 points of sin(x) on [−π, π], MSE, full-batch SGD lr 0.05`,
    spec: {
      network: { layers: [1, hidden, 1], hidden: 'sigmoid', output: 'linear' },
      loss: 'mse',
      optimizer: { kind: 'sgd', learningRate: 0.05 },
      batching: { mode: 'full' },
      seed: SEED,
      name: `bench sigmoid-1-${hidden}-1`,
    },
    data: () => curve1d({ target: 'sin', samples: 30, noise: 0.05, random: SEED }),
  };
}

export const WORKLOADS: readonly Workload[] = [
  sigmoidCurve(3),
  sigmoidCurve(10),
  sigmoidCurve(50),
  {
    name: 'tanh-2-4-2-1-circle',
    description: '2→4→2→1 tanh, 500 circle points, sigmoid + binary cross-entropy, full-batch SGD lr 0.03',
    spec: {
      network: { layers: [2, 4, 2, 1], hidden: 'tanh', output: 'sigmoid' },
      loss: 'bce',
      optimizer: { kind: 'sgd', learningRate: 0.03 },
      batching: { mode: 'full' },
      seed: SEED,
      name: 'bench tanh-2-4-2-1-circle',
    },
    data: () => circle({ samples: 500, noise: 0, random: SEED }),
  },
  {
    name: 'relu-1-1024-1-cubic',
    description: '1→1024→1 ReLU, 1000 cubic points (x ~ N(0,1), y = x³ + noise), MSE, full-batch SGD lr 0.001',
    spec: {
      network: { layers: [1, 1024, 1], hidden: 'relu', output: 'linear' },
      loss: 'mse',
      optimizer: { kind: 'sgd', learningRate: 0.001 },
      batching: { mode: 'full' },
      seed: SEED,
      name: 'bench relu-1-1024-1-cubic',
    },
    data: () => cubic({ samples: 1000, noise: 0.3, random: SEED }),
  },
];

/** The workload the PyTorch peer times (the lecture notebook's MLP). */
export const MLP_WORKLOAD = 'relu-1-1024-1-cubic';

export { WIDGET_WORKLOADS };

/** Every workload the bench times: the standard ones, then each widget's default. */
export const ALL_WORKLOADS: readonly Workload[] = [...WORKLOADS, ...WIDGET_WORKLOADS];

export function workloadByName(name: string): Workload {
  const found = ALL_WORKLOADS.find((w) => w.name === name);
  if (!found) throw new Error(`unknown workload "${name}"; known: ${ALL_WORKLOADS.map((w) => w.name).join(', ')}`);
  return found;
}
