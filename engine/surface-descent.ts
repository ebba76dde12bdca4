/**
 * Gradient descent on a loss surface of two parameters (engine/surfaces.ts): w = (w1, w2) rolls downhill
 * on L(w1, w2), one optimizer update per step. The gradient is TF.js autodiff of the surface written in TF
 * ops (exact, no finite differences) and the update is the engine's own `Optimizer` (SGD, momentum, Adam —
 * the lecture's and PyTorch's rules), so the numbers a widget shows are the numbers the engine trains MLPs
 * with.
 *
 * Pure: no DOM. `SurfaceDescent` has the scheduler's `SchedulableTrainer` shape, so `engine.scheduler.add`
 * paces it (`stepsPerSecond`). The surfaces are re-exported here, so a widget imports one module.
 */
import { Emitter } from './events.ts';
import { Optimizer, type OptimizerSpec, type OptimizerState } from './optimizers.ts';
import type { SchedulableTrainer } from './scheduler.ts';
import { createSurface, surfaceLoss, type Point, type Surface, type SurfaceName, type SurfaceOptions } from './surfaces.ts';
import { readThenDispose, tf, tidyRecording, type Tensor, type Variable } from './tf.ts';

export {
  DEFAULT_CONDITION,
  SURFACES,
  createSurface,
  regressionData,
  surfaceGradient,
  surfaceLoss,
  type Domain,
  type Point,
  type Surface,
  type SurfaceName,
  type SurfaceOptions,
} from './surfaces.ts';

/** Beyond this |w| a run counts as diverged (as the MLP trainer's exploded weights). */
export const EXPLODED_PARAMETER = 1e6;

/** What a surface run needs. */
export interface SurfaceDescentSpec {
  /** The surface, or its name (then shaped by `surfaceOptions`). */
  surface: Surface | SurfaceName;
  surfaceOptions?: SurfaceOptions;
  /** The optimizer and its learning rate (engine/optimizers.ts). */
  optimizer: OptimizerSpec;
  /** Where w starts (default: the surface's own start). */
  start?: Point;
  /** Steps per second when the scheduler paces it (default: as fast as the frame budget allows). */
  stepsPerSecond?: number;
  /** Shown in scheduler reports (default `surface-descent`). */
  name?: string;
}

/** One point of the path: w after `step` updates and the loss there. */
export interface PathPoint {
  step: number;
  w1: number;
  w2: number;
  loss: number;
}

/** What a readback reports: the latest point, and every point since the last readback (in order). */
export interface SurfaceReadout extends PathPoint {
  /** The points new since the previous readback, the latest last; step 0 (the start) comes first after a reset. */
  path: PathPoint[];
}

/** Why and where a run stopped. */
export interface SurfaceDivergence {
  /** The first step whose loss was not finite or whose |w| exceeded `EXPLODED_PARAMETER`. */
  step: number;
  reason: string;
}

export interface SurfaceDescentEvents extends Record<string, unknown> {
  /** After every readback. */
  readout: SurfaceReadout;
  /** The run diverged and has stopped (once per run). */
  diverged: SurfaceDivergence;
}

/**
 * Optimises w = (w1, w2) on one surface. `runSteps(n)` queues n updates without waiting for the backend;
 * `readBack()` fetches every point reached since the last readback in one transfer, checks them for
 * divergence (in step order) and emits `readout` (and `diverged`).
 */
export class SurfaceDescent implements SchedulableTrainer {
  readonly name: string;
  readonly surface: Surface;
  readonly optimizerSpec: OptimizerSpec;
  readonly events = new Emitter<SurfaceDescentEvents>();
  /** Steps per second when paced by the scheduler (undefined: as fast as the budget allows); may change. */
  stepsPerSecond: number | undefined;
  /** Updates taken since the start (or the last reset). */
  steps = 0;
  /** Set when the run diverged; no more steps run until `reset`. */
  divergence: SurfaceDivergence | undefined;
  /** The latest point read back. */
  latest: PathPoint | undefined;

  private start: Point;
  private w: Variable;
  /** w and the optimizer's state while suspended (tensors freed); undefined while live. */
  private suspended: { w: Point; optimizer: OptimizerState } | undefined;
  private readonly optimizer: Optimizer;
  /** w after each step not yet read back, with its step number (step 0 is the start). */
  private pending: Array<{ step: number; w: Tensor }> = [];
  /** Readbacks run one after another, so their points arrive in step order. */
  private reading: Promise<unknown> = Promise.resolve();
  /** Counts resets, so a readback that was in flight during one drops its stale points. */
  private generation = 0;
  private disposed = false;

  constructor(spec: SurfaceDescentSpec) {
    this.surface = typeof spec.surface === 'string' ? createSurface(spec.surface, spec.surfaceOptions) : spec.surface;
    this.optimizerSpec = spec.optimizer;
    this.optimizer = new Optimizer(spec.optimizer);
    this.name = spec.name ?? 'surface-descent';
    this.stepsPerSecond = spec.stepsPerSecond;
    this.start = checkPoint(spec.start ?? this.surface.start);
    // tidy frees the initial value; a variable is never collected by tidy.
    this.w = tf.tidy(() => tf.variable(tf.tensor1d([this.start[0], this.start[1]]), true));
    this.record();
  }

  /** Where this run started. */
  get startPoint(): Point {
    return this.start;
  }

  /** Queues `count` optimizer updates (nothing once diverged). */
  runSteps(count: number): void {
    this.assertUsable();
    for (let i = 0; i < count && !this.divergence; i += 1) {
      tidyRecording(() => {
        const { grads } = tf.variableGrads(() => surfaceLoss(this.surface, this.w) as tf.Scalar, [this.w]);
        this.optimizer.apply([this.w], [grads[this.w.name]!]);
      });
      this.steps += 1;
      this.record();
    }
  }

  /** Same as `runSteps`, for code that reads better with it. */
  step(count = 1): void {
    this.runSteps(count);
  }

  /** Reads back every point since the last readback (one transfer), checks them, emits `readout`. */
  readBack(): Promise<SurfaceReadout | undefined> {
    const reading = this.reading.then(() => this.readPending());
    this.reading = reading.catch(() => undefined);
    return reading;
  }

  /** Starts again from `start` (default: the same start), with fresh optimizer state. */
  reset(start: Point = this.start): void {
    this.assertUsable();
    this.start = checkPoint(start);
    this.optimizer.reset();
    tf.tidy(() => this.w.assign(tf.tensor1d([this.start[0], this.start[1]])));
    this.dropPending();
    this.generation += 1;
    this.steps = 0;
    this.divergence = undefined;
    this.latest = undefined;
    this.record();
  }

  /**
   * Frees the run's tensors while its slide is hidden, keeping w and the optimizer's state as numbers (once
   * every pending point is read back); the next step, reset or readback rebuilds them where the run stopped.
   */
  async suspend(): Promise<void> {
    await this.reading;
    if (this.disposed || this.suspended || this.pending.length > 0) return;
    const [w, optimizer] = await Promise.all([this.w.data(), this.optimizer.exportState([this.w])]);
    if (this.disposed || this.suspended || this.pending.length > 0) return;
    this.suspended = { w: [w[0]!, w[1]!], optimizer };
    this.optimizer.forget();
    this.w.dispose();
  }

  /** True while the run's tensors are freed (see `suspend`). */
  get isSuspended(): boolean {
    return this.suspended !== undefined;
  }

  /** Frees every tensor this run owns. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropPending();
    if (!this.suspended) {
      this.optimizer.dispose();
      this.w.dispose();
    }
    this.suspended = undefined;
    this.events.clear();
  }

  private async readPending(): Promise<SurfaceReadout | undefined> {
    if (this.disposed) return undefined;
    const generation = this.generation;
    const taken = this.pending;
    this.pending = [];
    if (taken.length === 0) return this.latest ? { ...this.latest, path: [] } : undefined;
    // One transfer: every pending w and its loss, as rows (w1, w2, L).
    const packed = tf.tidy(() => {
      const ws = tf.stack(taken.map((p) => p.w));
      const [w1, w2] = tf.unstack(ws, 1);
      return tf.stack([w1!, w2!, this.surface.lossTf(w1!, w2!)], 1);
    });
    for (const p of taken) p.w.dispose();
    const values = await readThenDispose([packed], async () => (await packed.data()) as Float32Array);
    if (this.disposed) return undefined;
    // A reset while this was in flight made these points stale.
    if (generation !== this.generation) return this.latest ? { ...this.latest, path: [] } : undefined;
    const path: PathPoint[] = [];
    for (let i = 0; i < taken.length; i += 1) {
      const point: PathPoint = { step: taken[i]!.step, w1: values[3 * i]!, w2: values[3 * i + 1]!, loss: values[3 * i + 2]! };
      if (this.divergence) break;
      path.push(point);
      this.latest = point;
      const reason = divergenceReason(point);
      if (reason) {
        this.divergence = { step: point.step, reason };
        this.dropPending();
        this.events.emit('diverged', this.divergence);
        break;
      }
    }
    if (!this.latest) return undefined;
    const readout: SurfaceReadout = { ...this.latest, path };
    this.events.emit('readout', readout);
    return readout;
  }

  /** Keeps a copy of w as the point of the current step. */
  private record(): void {
    this.pending.push({ step: this.steps, w: tf.clone(this.w) });
  }

  private dropPending(): void {
    for (const p of this.pending) p.w.dispose();
    this.pending = [];
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('this surface run was disposed');
    const suspended = this.suspended;
    if (!suspended) return;
    this.suspended = undefined;
    this.w = tf.tidy(() => tf.variable(tf.tensor1d([suspended.w[0], suspended.w[1]]), true));
    this.optimizer.importState([this.w], suspended.optimizer);
  }
}

function divergenceReason(point: PathPoint): string | undefined {
  if (!Number.isFinite(point.loss)) return `the loss became ${point.loss} at step ${point.step}`;
  const largest = Math.max(Math.abs(point.w1), Math.abs(point.w2));
  if (!(largest <= EXPLODED_PARAMETER)) return `w exploded (|w| = ${largest.toExponential(1)}) at step ${point.step}`;
  return undefined;
}

function checkPoint(point: Point): Point {
  if (!(Number.isFinite(point[0]) && Number.isFinite(point[1]))) throw new RangeError(`a start point needs two finite numbers, got ${point.join(', ')}`);
  return [point[0], point[1]];
}

/**
 * Several runs stepped together as one scheduled trainer, so runs compared side by side are always at the
 * same step. A diverged run stops; the others go on.
 */
export class LockstepDescent implements SchedulableTrainer {
  constructor(
    /** The runs, in legend order. */
    readonly runs: readonly SurfaceDescent[],
    readonly name = 'surface-descent',
    /** Steps per second when paced (undefined: as fast as the budget allows); may change. */
    public stepsPerSecond?: number,
  ) {}

  /** True while at least one run can still take steps. */
  get canContinue(): boolean {
    return this.runs.some((run) => !run.divergence);
  }

  runSteps(count: number): void {
    for (const run of this.runs) run.runSteps(count);
  }

  readBack(): Promise<Array<SurfaceReadout | undefined>> {
    return Promise.all(this.runs.map((run) => run.readBack()));
  }

  /** Steps the group has taken: those of its runs still going (a diverged run stopped earlier). */
  get steps(): number {
    const going = this.runs.filter((run) => !run.divergence);
    return Math.max(0, ...(going.length ? going : this.runs).map((run) => run.steps));
  }

  /** Starts every run again from `start` (default: each run's own start), with fresh optimizer state. */
  reset(start?: Point): void {
    for (const run of this.runs) run.reset(start);
  }

  /** Frees every run's tensors while hidden (see `SurfaceDescent.suspend`). */
  async suspend(): Promise<void> {
    await Promise.all(this.runs.map((run) => run.suspend()));
  }

  /** Frees every tensor of every run. */
  dispose(): void {
    for (const run of this.runs) run.dispose();
  }
}
