/**
 * What a layered trainer takes and gives (layered-trainer.ts): its spec, its data, its readouts and events, in
 * PyTorch's layouts. Apart so that the worker's protocol and proxy, and widgets, can name them without the trainer.
 */
import type { ValidationRecord, ValidationSpec } from './early-stopping.ts';
import type { PathRequest } from './fused/choose.ts';
import type { LayeredSpec } from './layers.ts';
import type { Loss } from './losses.ts';
import type { OptimizerSpec } from './optimizers.ts';
import type { Regularization } from './regularization.ts';
import type { Batching, Readout, TrainerEvents } from './trainer.ts';

/** One sample in PyTorch's layout: nested ([C][L], [C][H][W]) or flat in that order. */
export type Sample = number | readonly Sample[];

export interface LayeredTrainerSpec {
  model: LayeredSpec;
  loss: Loss;
  optimizer: OptimizerSpec;
  regularization?: Regularization;
  batching?: Batching;
  /** Hold out part of the data to validate on after every epoch, and stop early (see early-stopping.ts). */
  validation?: ValidationSpec;
  /** Seeds the initial weights, the validation split, the shuffling and the dropout masks. */
  seed: number | string;
  /** Names the trainer in error reports and scheduler stats. */
  name?: string;
  /** `auto` or `op-by-op`; a fused kernel asked for by name is refused with the reason. */
  path?: PathRequest;
}

/** Samples (PyTorch's layout) and their target rows (values, 0/1 labels or one-hot rows, as the loss wants). */
export interface LayeredData {
  inputs: readonly Sample[];
  targets: readonly (readonly number[])[];
}

/** A readout, with the validation set's numbers when there is one. */
export interface LayeredReadout extends Readout {
  /** The latest epoch's validation loss. */
  validationLoss?: number;
  /** The epoch with the lowest validation loss so far (1-based), and that loss. */
  bestEpoch?: number;
  bestValidationLoss?: number;
  /** Set once early stopping ended the run: the epoch patience ran out. */
  stoppedAt?: number;
}

export interface LayeredTrainerEvents extends TrainerEvents {
  readout: LayeredReadout;
  /** Patience ran out: training stopped and the best epoch's weights were restored. */
  stopped: ValidationRecord;
}

/** A sample's values in PyTorch's order (channel by channel), however deeply it is nested. */
export function flattenSample(sample: Sample): number[] {
  return typeof sample === 'number' ? [sample] : sample.flatMap(flattenSample);
}
