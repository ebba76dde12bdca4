/**
 * `<motif-scan>`'s training run: the engine's layered trainer fitting conv1d(4 → 8 filters, kernel k) → ReLU →
 * global max-pool → dense(1) → sigmoid with binary cross-entropy on sequences from `dnaMotifs` (half of them
 * carrying the motif), one epoch per step of the run controller, and after each epoch the held-out fifth's
 * loss and accuracy (the validation numbers the slide plots). No DOM: it runs under Vitest on the CPU backend.
 */
import { channelsFirst, dnaMotifs } from '../../engine/data/dna.ts';
import type { LayeredTrainer, LayeredTrainerSpec } from '../../engine/layered-trainer.ts';
import type { Stepper } from '../shared/runtime/run-controller.ts';
import { stepsPerEpoch } from '../shared/runtime/run-controller.ts';
import { POSITIVE_RATE, VALIDATION_FRACTION, classificationMetrics, filterFromConv, type Filter, type MotifScanSettings } from './motif-scan.model.ts';

/**
 * Filters in the conv1d. One filter alone rarely finds a 6-mer in 60 bases from a random start (measured: 1 of
 * 4 seeds above chance in 20 epochs); eight find it on most seeds, and the one with the largest weight into
 * the output unit is the one drawn.
 */
export const FILTERS = 8;
/** Minibatch size of a training step. */
export const BATCH_SIZE = 32;
/** Adam's learning rate: a filter forms within the default 20 epochs. */
export const LEARNING_RATE = 0.02;
/** A default run (20 epochs) takes about this long to watch. */
const WATCH_SECONDS = 5;

/** The generated set, split: the first four fifths train, the last fifth validates. */
export interface MotifData {
  train: { inputs: number[][]; targets: number[][] };
  validation: { inputs: number[][]; labels: Uint8Array };
}

/** `count` sequences of `length` with the motif planted (unmutated) in half, from the seed, split. */
export function motifData(settings: Pick<MotifScanSettings, 'motif' | 'count' | 'length' | 'seed'>): MotifData {
  const set = dnaMotifs({ count: settings.count, length: settings.length, motif: settings.motif, rate: POSITIVE_RATE, seed: settings.seed });
  const inputs = channelsFirst(set);
  const held = Math.round(settings.count * VALIDATION_FRACTION);
  const cut = settings.count - held;
  return {
    train: { inputs: inputs.slice(0, cut), targets: Array.from(set.labels.subarray(0, cut), (label) => [label]) },
    validation: { inputs: inputs.slice(cut), labels: set.labels.slice(cut) },
  };
}

/** The model and how it trains: what PyTorch would write as Conv1d(4, 8, k), ReLU, AdaptiveMaxPool1d(1), Flatten, Linear(8, 1). */
export function motifTrainerSpec(settings: Pick<MotifScanSettings, 'width' | 'length' | 'seed'>): LayeredTrainerSpec {
  return {
    model: {
      input: [4, settings.length],
      output: 'sigmoid',
      layers: [{ type: 'conv1d', filters: FILTERS, kernelSize: settings.width, activation: 'relu' }, { type: 'global-max-pool1d' }, { type: 'flatten' }, { type: 'dense', units: 1 }],
    },
    loss: 'bce',
    optimizer: { kind: 'adam', learningRate: LEARNING_RATE },
    batching: { mode: 'minibatch', size: BATCH_SIZE },
    seed: settings.seed,
    name: 'motif-scan',
  };
}

/** One epoch's validation numbers. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
}

/** What the widget draws of the model: the filter, the dense unit, and every epoch's validation numbers. */
export interface TrainedPicture {
  epoch: number;
  /** Every conv1d filter, and which one is drawn (the largest weight into the output unit). */
  filters: Filter[];
  shown: number;
  /** The dense unit after the max-pool: P(motif) = σ(Σ weightᶠ · pooledᶠ + bias). */
  denseWeights: number[];
  denseBias: number;
  history: EpochRecord[];
}

/** A run of the engine's trainer as the run controller steps it: one step = one epoch. */
export class MotifTraining implements Stepper {
  readonly name = 'motif-scan';
  /** Epochs taken. */
  epoch = 0;
  /** The picture as of the latest readback (undefined before the first). */
  picture: TrainedPicture | undefined;
  private readonly history: EpochRecord[] = [];
  private readonly perEpoch: number;
  private readonly pace: number;
  private recorded = -1;

  constructor(
    readonly trainer: LayeredTrainer,
    private readonly data: MotifData,
    readonly epochs: number,
    private readonly onPicture: (picture: TrainedPicture) => void = () => {},
  ) {
    this.perEpoch = stepsPerEpoch(data.train.inputs.length, BATCH_SIZE);
    this.pace = Math.max(2, epochs / WATCH_SECONDS);
  }

  get canContinue(): boolean {
    return !this.trainer.isDisposed && !this.trainer.divergence && this.epoch < this.epochs;
  }

  /** Finished once the last epoch's numbers are read back and recorded. */
  get finished(): boolean {
    return !this.canContinue && this.recorded === this.epoch;
  }

  get stepsPerSecond(): number {
    return this.pace;
  }

  /** Whole epochs, one at a time, so every epoch gets its validation numbers (a frame owing more takes one). */
  advance(): void {
    if (!this.canContinue) return;
    this.trainer.step(this.perEpoch);
    this.epoch += 1;
  }

  /** The loss, the weights and the held-out fifth's predictions of the epoch just taken. */
  async readBack(): Promise<TrainedPicture | undefined> {
    if (this.trainer.isDisposed) return undefined;
    const epoch = this.epoch;
    if (epoch > 0) await this.trainer.readBack();
    if (this.trainer.isDisposed) return undefined;
    const [layers, predictions] = await Promise.all([this.trainer.readWeights(), this.trainer.predict(this.data.validation.inputs)]);
    const [conv, , , dense] = layers;
    if (!conv?.weight || !dense?.weight) throw new Error('motif-scan: the model has no conv1d or dense weights');
    if (epoch > this.recorded) {
      const metrics = classificationMetrics(Float64Array.from(predictions, ([p]) => p!), this.data.validation.labels);
      this.history.push({ epoch, ...metrics });
      this.recorded = epoch;
    }
    const denseWeights = Array.from(dense.weight.values);
    const filters = denseWeights.map((_, f) => filterFromConv(conv.weight!, conv.bias?.values, f));
    // The filter shown is the one that speaks loudest for "motif": the largest weight into the output unit.
    const shown = denseWeights.indexOf(Math.max(...denseWeights));
    this.picture = { epoch, filters, shown, denseWeights, denseBias: dense.bias?.values[0] ?? 0, history: [...this.history] };
    this.onPicture(this.picture);
    return this.picture;
  }

  reset(): void {}

  suspend(): unknown {
    return this.trainer.isDisposed ? undefined : this.trainer.suspend();
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
