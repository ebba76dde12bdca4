/**
 * Early stopping on a validation set: after every epoch the validation loss is measured (dropout off);
 * the weights of the best epoch so far are kept; once `patience` epochs in a row bring no improvement,
 * training stops and the best weights come back.
 *
 * Steps are queued without waiting (the trainer never reads synchronously), so the decision is made on
 * the device, epoch by epoch: a copy of the parameters is overwritten (`tf.where`) only when the epoch
 * improved on the best loss and patience had not already run out, so no epoch after the stopping point can
 * count. The readback replays the same rule on the losses it reads, in JavaScript, to know the best epoch
 * and when to stop; steps queued between the stopping point and that readback are undone by restoring the
 * best weights. The best weights also come back with every readback, so a suspended trainer, or one moved
 * off a lost GPU, keeps them.
 */
import { disposeQuietly, tf, type Scalar, type Tensor, type Variable } from './tf.ts';

/** How a layered trainer validates and stops. */
export interface ValidationSpec {
  /** Fraction of the samples held out for validation, in (0, 1): chosen by the trainer's seed, never trained on. */
  fraction: number;
  /** Stop after this many epochs without a lower validation loss (default: never stop, only measure). */
  patience?: number;
}

/** Where the validation loss stands: read with every readout. */
export interface ValidationRecord {
  /** Validation loss of every epoch measured, first epoch first. */
  losses: number[];
  /** The epoch (1-based) with the lowest validation loss so far, and that loss. */
  bestEpoch: number;
  bestLoss: number;
  /** Epochs since the best one. */
  sinceBest: number;
  /** The epoch at which patience ran out (training stopped, best weights restored); undefined while training. */
  stoppedAt: number | undefined;
}

export class EarlyStopping {
  readonly record: ValidationRecord = { losses: [], bestEpoch: 0, bestLoss: Number.POSITIVE_INFINITY, sinceBest: 0, stoppedAt: undefined };
  /** The parameters of the best epoch, on the device. */
  private best: Variable[];
  /** The best loss and the epochs since, as the device tracks them (so later epochs cannot overwrite a stopped run's best). */
  private bestLoss: Variable;
  private sinceBest: Variable;
  /** Validation losses measured since the last readback, with their epochs. */
  private pending: Array<{ epoch: number; loss: Scalar }> = [];

  constructor(
    /** Epochs without improvement before stopping (Infinity: never). */
    readonly patience: number,
    parameters: readonly Variable[],
    /** The best weights so far as plain numbers (from a suspend or a lost backend's last readback); default: the parameters now. */
    bestValues?: readonly Float32Array[],
  ) {
    const made: Tensor[] = [];
    try {
      this.best = parameters.map((p, i) => {
        const copy = tf.tidy(() => tf.variable(bestValues ? tf.tensor(bestValues[i]!, p.shape, 'float32') : p.clone(), false));
        made.push(copy);
        return copy;
      });
      this.bestLoss = tf.tidy(() => tf.variable(tf.scalar(Number.POSITIVE_INFINITY), false));
      made.push(this.bestLoss);
      this.sinceBest = tf.tidy(() => tf.variable(tf.scalar(0), false));
      made.push(this.sinceBest);
    } catch (error) {
      disposeQuietly(made);
      throw error;
    }
  }

  /** Carries a record over (after a suspend or a backend move): the device state follows it. */
  adopt(record: ValidationRecord): void {
    Object.assign(this.record, structuredClone(record));
    tf.tidy(() => {
      this.bestLoss.assign(tf.scalar(record.bestLoss));
      this.sinceBest.assign(tf.scalar(record.stoppedAt !== undefined ? this.patience : record.sinceBest));
    });
  }

  /** True once patience ran out (as far as readbacks have shown). */
  get stopped(): boolean {
    return this.record.stoppedAt !== undefined;
  }

  /** After epoch `epoch`: keeps its validation loss for the readback and, on the device, its weights if they are the best. Call inside a tidy. */
  afterEpoch(epoch: number, loss: Scalar, parameters: readonly Variable[]): void {
    const improved = tf.logicalAnd(tf.less(loss, this.bestLoss), tf.less(this.sinceBest, this.patience));
    parameters.forEach((p, i) => this.best[i]!.assign(tf.where(improved, p, this.best[i]!)));
    this.bestLoss.assign(tf.where(improved, loss, this.bestLoss as Tensor as Scalar));
    this.sinceBest.assign(tf.where(improved, tf.scalar(0), tf.add(this.sinceBest, 1)));
    this.pending.push({ epoch, loss: tf.keep(loss) });
  }

  /** The tensors a readback reads along with the loss and weights: the pending losses, then the best weights. */
  toRead(): Tensor[] {
    return [...this.pending.map(({ loss }) => tf.reshape(loss, [1])), ...this.best.map((b) => tf.reshape(b, [-1]))];
  }

  /** How many numbers `toRead` gives. */
  get readLength(): number {
    return this.pending.length + this.best.reduce((sum, b) => sum + b.size, 0);
  }

  /**
   * Takes what a readback read (`toRead`'s numbers) and replays the device's rule on the losses. Returns the
   * best weights as flat arrays, and whether this readback is the one that saw patience run out.
   */
  take(values: Float32Array): { bestValues: Float32Array[]; stoppedNow: boolean } {
    const wasStopped = this.stopped;
    this.pending.forEach(({ epoch }, i) => this.observe(epoch, values[i]!));
    disposeQuietly(this.pending.map(({ loss }) => loss));
    let offset = this.pending.length;
    this.pending = [];
    const bestValues = this.best.map((b) => values.slice(offset, (offset += b.size)));
    return { bestValues, stoppedNow: this.stopped && !wasStopped };
  }

  /** Puts the best weights back into the model's parameters. */
  restore(parameters: readonly Variable[]): void {
    tf.tidy(() => parameters.forEach((p, i) => p.assign(this.best[i]!)));
  }

  /** Frees the device copies and any losses not read yet. */
  dispose(): void {
    disposeQuietly([...this.best, this.bestLoss, this.sinceBest, ...this.pending.map(({ loss }) => loss)]);
    this.pending = [];
  }

  /** The rule, as the device applies it: a strictly lower loss is an improvement while patience lasts. */
  private observe(epoch: number, loss: number): void {
    const record = this.record;
    record.losses.push(loss);
    if (record.stoppedAt !== undefined) return;
    if (loss < record.bestLoss) {
      record.bestLoss = loss;
      record.bestEpoch = epoch;
      record.sinceBest = 0;
    } else {
      record.sinceBest += 1;
      if (record.sinceBest >= this.patience) record.stoppedAt = epoch;
    }
  }
}
