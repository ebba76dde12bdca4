/**
 * What one regression run of `<gd-trajectory>` and `<gd-modes>` trains, as the engine's spec: pure (no
 * TF.js), so the bench builds the widgets' default runs from it without loading an engine.
 */
import type { Batching, TrainerSpec } from '../../../engine/trainer.ts';

/** One run's settings. */
export interface RunSpec {
  /** For error reports and the scheduler's stats. */
  name: string;
  learningRate: number;
  batching: Batching;
  /** Seeds the trainer's shuffling (the data are given). */
  seed: number;
}

/** The engine's spec of a run: a linear [2, 1] network without bias, MSE, plain SGD. */
export function trainerSpecOf(spec: RunSpec): TrainerSpec {
  return {
    network: { layers: [2, 1], hidden: 'linear', output: 'linear', bias: false },
    loss: 'mse',
    optimizer: { kind: 'sgd', learningRate: spec.learningRate },
    batching: spec.batching,
    seed: spec.seed,
    name: spec.name,
  };
}
