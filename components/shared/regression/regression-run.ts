/**
 * Training ŷ = β₁x₁ + β₂x₂ on the shared engine and recording β after every update, for `<gd-trajectory>`
 * and `<gd-modes>`. Each run is an engine `Trainer` (a [2, 1] linear network without bias, MSE, plain
 * SGD, full / one-example / minibatch batching reshuffled every epoch by the trainer) started at β = (0, 0).
 * A copy of β is kept after each update and all copies since the last readback come back in one transfer,
 * so a path has every update even when the scheduler runs many per frame.
 *
 * Runs are stepped together by an example clock: the group advances in examples seen, and each run takes
 * its next update once the clock has reached the examples that update will have seen in all. Batch GD then
 * updates once per n examples, minibatch once per B and SGD once per example: compared per epoch, every
 * run has seen the same data. Loaded on demand with the engine (it imports TF.js).
 */
import type { Engine } from '../../../engine/runtime.ts';
import type { SchedulableTrainer } from '../../../engine/scheduler.ts';
import { readThenDispose, tf, type Tensor } from '../../../engine/tf.ts';
import type { Trainer } from '../../../engine/trainer.ts';
import type { Beta } from './regression-problem.ts';
import { examplesAfterUpdate } from './regression-schedule.ts';
import { trainerSpecOf, type RunSpec } from './regression-spec.ts';

/** |β| beyond this means the run has blown up (the engine's trainer uses the same bound for weights). */
export const EXPLODED_BETA = 1e6;

/** β after an update, with how many updates and examples it took to get there. */
export interface PathPoint {
  update: number;
  /** Examples seen in all (update 0: none). */
  examples: number;
  beta: Beta;
}

/** Why a run stopped. */
export interface RunDivergence {
  update: number;
  reason: string;
}

export class RegressionRun {
  readonly trainer: Trainer;
  readonly samples: number;
  /** Updates taken. */
  updates = 0;
  /** Set once a read-back β is non-finite or exploded; no more updates run. */
  divergence: RunDivergence | undefined;
  /** The latest point read back. */
  latest: PathPoint;

  private pending: Array<{ update: number; beta: Tensor }> = [];
  /** Readbacks run one after another, so points arrive in order. */
  private reading: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    engine: Pick<Engine, 'createTrainer'>,
    data: { inputs: number[][]; targets: number[][] },
    readonly spec: RunSpec,
  ) {
    this.trainer = engine.createTrainer(trainerSpecOf(spec), data);
    // Every run starts at β = (0, 0), whatever the seed would have drawn.
    this.trainer.writeWeights([{ weights: [[0], [0]], biases: [0] }]);
    this.samples = data.inputs.length;
    this.latest = { update: 0, examples: 0, beta: [0, 0] };
  }

  /** Samples per update. */
  get batchSize(): number {
    return this.trainer.batchSize;
  }

  /** Examples seen in all once `update` updates are done. */
  examplesAfter(update: number): number {
    return examplesAfterUpdate(update, this.samples, this.batchSize);
  }

  /** Takes one update (queued on the backend) and keeps a copy of β after it. */
  update(): void {
    if (this.disposed || this.divergence) return;
    this.trainer.step(1);
    this.updates += 1;
    const weights = this.trainer.model.weights[0]!;
    this.pending.push({ update: this.updates, beta: tf.tidy(() => tf.reshape(weights, [2])) });
  }

  /** Reads back β of every update since the last readback (one transfer); flags divergence. */
  readBack(): Promise<PathPoint[]> {
    const reading = this.reading.then(() => this.readPending());
    this.reading = reading.catch(() => undefined);
    return reading;
  }

  /**
   * Gives the trainer's tensors back while the slide is hidden (once the copies of β waiting for a readback
   * are read); the next update rebuilds them where the run stopped.
   */
  async suspend(): Promise<void> {
    await this.reading;
    if (this.disposed || this.pending.length > 0) return;
    await this.trainer.suspend();
  }

  /** Frees every tensor (the trainer's and the kept copies). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropPending();
    this.trainer.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private async readPending(): Promise<PathPoint[]> {
    const taken = this.pending;
    this.pending = [];
    if (this.disposed || taken.length === 0) return [];
    const packed = tf.tidy(() => tf.stack(taken.map((p) => p.beta)));
    for (const p of taken) p.beta.dispose();
    // The trainer's own readback too: it keeps the snapshot a lost GPU is recovered from.
    const [values] = await readThenDispose([packed], () => Promise.all([packed.data() as Promise<Float32Array>, this.trainer.readBack()]));
    if (this.disposed) return [];
    const points: PathPoint[] = [];
    for (let i = 0; i < taken.length && !this.divergence; i += 1) {
      const update = taken[i]!.update;
      const beta: Beta = [values[2 * i]!, values[2 * i + 1]!];
      const point: PathPoint = { update, examples: this.examplesAfter(update), beta };
      points.push(point);
      this.latest = point;
      const largest = Math.max(Math.abs(beta[0]), Math.abs(beta[1]));
      if (!(largest < EXPLODED_BETA)) {
        const size = Number.isFinite(largest) ? largest.toExponential(1) : String(largest);
        this.divergence = { update, reason: `β exploded (|β| = ${size}) at update ${update}` };
        this.dropPending();
      }
    }
    return points;
  }

  private dropPending(): void {
    for (const p of this.pending) p.beta.dispose();
    this.pending = [];
  }
}

/**
 * Runs stepped together by examples seen, as one scheduled trainer. One scheduler step advances the clock
 * by `examplesPerStep` (n for full-batch runs side by side: one update each; 1 to watch SGD move example
 * by example). The clock stops at `budget` examples.
 */
export class ExampleClock implements SchedulableTrainer {
  /** Examples the clock has reached. */
  examples = 0;

  constructor(
    /** The runs, in legend order. */
    readonly runs: readonly RegressionRun[],
    readonly name: string,
    /** Examples per scheduler step. */
    readonly examplesPerStep: number,
    /** The examples budget (the handout state). */
    readonly budget: number,
    /** Scheduler steps per second when paced; undefined: as fast as the frame budget allows. */
    public stepsPerSecond?: number,
  ) {}

  /** True while the budget is not used up and some run can still take updates. */
  get canContinue(): boolean {
    return this.examples < this.budget && this.runs.some((run) => !run.divergence);
  }

  /** Advances the clock by `count` scheduler steps, updating every run whose next update is due. */
  runSteps(count: number): void {
    this.advanceTo(Math.min(this.budget, this.examples + count * this.examplesPerStep));
  }

  /** Advances the clock to `examples` (at most the budget). */
  advanceTo(examples: number): void {
    const target = Math.min(this.budget, examples);
    for (const run of this.runs) {
      while (!run.divergence && !run.isDisposed && run.examplesAfter(run.updates + 1) <= target) run.update();
    }
    this.examples = Math.max(this.examples, target);
  }

  readBack(): Promise<PathPoint[][]> {
    return Promise.all(this.runs.map((run) => run.readBack()));
  }

  dispose(): void {
    for (const run of this.runs) run.dispose();
  }
}
