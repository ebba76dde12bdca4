/**
 * `<conv-explorer mode="trained">`'s run: the bench's `cnn-digits` (conv-explorer.model.ts, `trainedSpec`)
 * trained live on `count` MNIST digits by the page's engine — in its training worker where the step is heavy
 * (`worker: 'auto'`; cnn-digits is, so the slide keeps its frames), else on the main thread — and read back
 * for the picture: the first layer's learned 3 × 3 kernels (`latestWeights`, PyTorch's [8, 1, 3, 3]), the
 * feature maps of the chosen digit (`activations()`: conv 1 after its ReLU, [8, 26, 26]), the network's
 * probabilities for it, and the accuracy on held-out test digits (`predict`, once per epoch).
 *
 * It trains in the worker's loop (`engine.schedule`), paused until Play; hidden, it pauses and gives its
 * tensors back; `toBudget()` trains to the epoch budget at once, an epoch a chunk (the handout).
 */
import type { LayeredReadout } from '../../engine/layered-trainer.ts';
import type { AnyLayeredTrainer } from '../../engine/runtime.ts';
import type { ScheduledTrainer } from '../../engine/scheduler.ts';
import type { Divergence } from '../../engine/trainer.ts';
import { nextTask } from '../shared/handout.ts';
import { stepsPerEpoch } from '../shared/runtime/run-controller.ts';
import { SIDE, accuracy, splitRows, trainedSpec } from './conv-explorer.model.ts';

/** The shipped digits in the widget's fixed order. */
export interface DigitSet {
  images: Float32Array;
  labels: Uint8Array;
}

/** What the trained mode draws. */
export interface TrainedPicture {
  /** Epochs completed when it was read. */
  epoch: number;
  /** The latest minibatch loss (NaN before the first step). */
  loss: number;
  /** The first conv layer's kernels, 8 × 9, row-major. */
  kernels: number[][];
  /** Their feature maps for the chosen image after ReLU, 8 × (side²). */
  maps: number[][];
  mapSide: number;
  /** The network's probabilities for the chosen image, 10. */
  probabilities: number[];
  /** Test accuracy and the epoch it was measured at. */
  accuracy: number;
  accuracyEpoch: number;
}

export interface TrainedRunOptions {
  count: number;
  epochs: number;
  seed: number;
  /** Something new to draw (a picture, an error, the run's state). */
  changed(): void;
  /** The picture at the epoch budget is in (the handout state). */
  finished(): void;
}

const FIRST_CONV = 0;

export class TrainedRun {
  picture: TrainedPicture | undefined;
  /** Why the run could not start or go on. */
  error: string | undefined;
  divergence: Divergence | undefined;
  /** Steps in one epoch and in the budget. */
  stepsPerEpoch = 1;
  stepLimit = 1;
  /** Where it trains ("worker" or "page"), once built. */
  where: 'worker' | 'page' | undefined;
  /** Settled once the trainer is built and its first picture read (or it failed). */
  readonly started: Promise<void>;

  private trainer: AnyLayeredTrainer | undefined;
  private handle: ScheduledTrainer | undefined;
  private image: number[];
  private readonly testInputs: number[][];
  private readonly testLabels: Uint8Array;
  private loss = Number.NaN;
  private drawing: Promise<void> | undefined;
  private dirty = false;
  private disposed = false;
  private announced = false;

  constructor(
    private readonly options: TrainedRunOptions,
    private readonly digits: DigitSet,
    image: ArrayLike<number>,
    private visible: boolean,
  ) {
    this.image = Array.from(image);
    const { test } = splitRows(options.count);
    this.testInputs = rows(digits.images, test[0], test[1]);
    this.testLabels = digits.labels.slice(test[0], test[1]);
    this.started = this.begin();
  }

  get running(): boolean {
    return Boolean(this.handle?.running);
  }

  /** Epochs completed. */
  get epochs(): number {
    return this.trainer?.epochs ?? 0;
  }

  get canContinue(): boolean {
    return Boolean(this.trainer) && !this.disposed && !this.divergence && !this.error && (this.trainer?.steps ?? 0) < this.stepLimit;
  }

  /** The budget's picture is drawn. */
  get done(): boolean {
    return Boolean(this.trainer) && (this.trainer?.steps ?? 0) >= this.stepLimit && this.picture !== undefined && this.picture.accuracyEpoch >= this.options.epochs;
  }

  play(): void {
    if (this.canContinue) this.handle?.play();
    this.options.changed();
  }

  pause(): void {
    this.handle?.pause();
    this.options.changed();
  }

  /** One epoch (to the end of the current one), then the picture. */
  async stepEpoch(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || !this.canContinue) return;
    this.pause();
    const count = Math.min(this.stepLimit - trainer.steps, this.stepsPerEpoch - (trainer.steps % this.stepsPerEpoch));
    await this.guard(async () => {
      await trainer.step(count);
      await trainer.readBack();
    });
    await this.redraw();
  }

  /**
   * Trains to the epoch budget at once, an epoch a chunk, each drawn (the handout state). Asked again while it
   * runs (a deck and an exporter both settle; the print view moves the widget), it is the same run: two loops
   * would both step before the worker's step count came back, past the budget.
   */
  toBudget(): Promise<void> {
    this.budgetRun ??= this.trainToBudget().finally(() => (this.budgetRun = undefined));
    return this.budgetRun;
  }

  private budgetRun: Promise<void> | undefined;

  private async trainToBudget(): Promise<void> {
    await this.started;
    this.handle?.pause();
    const trainer = this.trainer;
    while (trainer && trainer === this.trainer && this.canContinue) {
      const ok = await this.guard(async () => {
        await trainer.step(Math.min(this.stepsPerEpoch, this.stepLimit - trainer.steps));
        await trainer.readBack();
      });
      if (!ok) break;
      await this.redraw();
      await nextTask();
    }
    await this.redraw();
  }

  /** The slide was shown or hidden: the loop follows, and a hidden run gives its tensors back. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.handle?.setVisible(visible);
    if (!visible && this.trainer && !this.trainer.isDisposed) void this.trainer.suspend().catch(() => {});
  }

  /** Another digit (picked or drawn): its feature maps and probabilities. */
  setImage(image: ArrayLike<number>): void {
    this.image = Array.from(image);
    void this.redraw();
  }

  dispose(): void {
    this.disposed = true;
    this.handle?.remove();
    this.handle = undefined;
    this.trainer?.dispose();
    this.trainer = undefined;
  }

  private async begin(): Promise<void> {
    const { count, epochs, seed } = this.options;
    try {
      const { getEngine } = await import('../../engine/runtime.ts');
      const engine = await getEngine();
      if (this.disposed) return;
      const { train } = splitRows(count);
      const inputs = rows(this.digits.images, train[0], train[1]);
      const targets = Array.from(this.digits.labels.slice(train[0], train[1]), (label) => Array.from({ length: 10 }, (_, k) => (k === label ? 1 : 0)));
      const trainer = await engine.createLayeredTrainer(trainedSpec(seed), { inputs, targets }, { worker: 'auto' });
      if (this.disposed) {
        trainer.dispose();
        return;
      }
      this.trainer = trainer;
      this.where = 'inWorker' in trainer ? 'worker' : 'page';
      this.stepsPerEpoch = stepsPerEpoch(trainer.samples, trainer.batchSize);
      this.stepLimit = epochs * this.stepsPerEpoch;
      trainer.events.on('readout', (readout: LayeredReadout) => {
        this.loss = readout.loss;
        void this.redraw();
      });
      trainer.events.on('diverged', (divergence) => {
        this.divergence = divergence;
        this.options.changed();
      });
      trainer.events.on('failed', ({ message }) => {
        this.error = message;
        this.pause();
      });
      this.handle = engine.schedule(trainer, { playing: false, visible: this.visible, stepLimit: this.stepLimit });
      await this.redraw();
      if (!this.visible) this.setVisible(false);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.options.changed();
  }

  /** Runs `work`; a failure (not a replaced or disposed run) is shown. */
  private async guard(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      if (!this.disposed) this.error = error instanceof Error ? error.message : String(error);
      this.options.changed();
      return false;
    }
  }

  /** Reads a fresh picture; one read at a time, and one more if something changed meanwhile. */
  private redraw(): Promise<void> {
    if (this.drawing) {
      this.dirty = true;
      return this.drawing;
    }
    this.drawing = (async () => {
      do {
        this.dirty = false;
        await this.guard(() => this.read());
      } while (this.dirty && !this.disposed);
      this.drawing = undefined;
    })();
    return this.drawing;
  }

  private async read(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || trainer.isDisposed) return;
    const epoch = trainer.epochs;
    const measure = !this.picture || this.picture.accuracyEpoch !== epoch;
    const [layers, outputs] = await Promise.all([trainer.activations(this.image), measure ? trainer.predict(this.testInputs) : Promise.resolve(undefined)]);
    if (trainer !== this.trainer || this.disposed) return;
    const conv = trainer.latestWeights[FIRST_CONV]!.weight!;
    const filters = conv.shape[0]!;
    const size = conv.values.length / filters;
    const maps = layers[FIRST_CONV]!;
    const mapSide = maps.shape[1]!;
    const area = mapSide * mapSide;
    this.picture = {
      epoch,
      loss: this.loss,
      kernels: Array.from({ length: filters }, (_, f) => conv.values.slice(f * size, (f + 1) * size)),
      maps: Array.from({ length: filters }, (_, f) => maps.values.slice(f * area, (f + 1) * area)),
      mapSide,
      probabilities: layers.at(-1)!.values,
      accuracy: outputs ? accuracy(outputs, this.testLabels) : this.picture!.accuracy,
      accuracyEpoch: outputs ? epoch : this.picture!.accuracyEpoch,
    };
    this.options.changed();
    if (this.done && !this.announced) {
      this.announced = true;
      this.options.finished();
    }
  }
}

/** Rows [from, to) of the digits, each 784 pixels. */
function rows(images: Float32Array, from: number, to: number): number[][] {
  const size = SIDE * SIDE;
  return Array.from({ length: to - from }, (_, i) => Array.from(images.subarray((from + i) * size, (from + i + 1) * size)));
}
