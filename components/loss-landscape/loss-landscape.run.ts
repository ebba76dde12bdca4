/**
 * The runs of one `<loss-landscape>`, as the run controller (components/shared/runtime/run-controller.ts)
 * drives them: one surface descent per optimizer shown, stepped in lockstep (engine/surface-descent.ts's
 * `LockstepDescent`), so runs compared side by side are always at the same step. It keeps what the widget
 * draws of each run (its thinned path, latest point and divergence) and knows the handout state: 100 steps,
 * or the step where a run diverged.
 *
 * No DOM: the element makes one when the engine is ready and hands it to its `RunController`.
 */
import type { OptimizerKind } from '../../engine/optimizers.ts';
import { LockstepDescent, SurfaceDescent, type PathPoint, type Point, type Surface, type SurfaceDivergence, type SurfaceReadout } from '../../engine/surface-descent.ts';
import type { Stepper } from '../shared/runtime/run-controller.ts';
import type { ThinnedSeries } from '../shared/thinned-series.ts';
import { HANDOUT_STEPS, landscapePath, optimizerSpec } from './loss-landscape.model.ts';

/** One run as drawn: its path so far (thinned past 4,000 points: `landscapePath`), latest point and divergence. */
export interface RunView {
  /** The run's optimizer (its colour, dash and marker). */
  kind: OptimizerKind;
  /** Every point read back so far, thinned. */
  path: ThinnedSeries<PathPoint>;
  /** The points of `path`, as drawn. */
  points: readonly PathPoint[];
  /** The latest point read back (undefined before the first readback). */
  latest: PathPoint | undefined;
  /** Where the run diverged, once it has. */
  divergence: SurfaceDivergence | undefined;
}

/** A run of `kind` with nothing read back yet (how a run shows while the engine loads, or just reset). */
export function emptyRunView(kind: OptimizerKind): RunView {
  return { kind, path: landscapePath(), points: [], latest: undefined, divergence: undefined };
}

/** What a set of runs needs. */
export interface LandscapeRunSpec {
  /** The surface every run descends. */
  surface: Surface;
  /** One run per optimizer, in legend order. */
  kinds: readonly OptimizerKind[];
  /** η of every run. */
  learningRate: number;
  /** β of the momentum run. */
  momentum: number;
  /** Where every run starts. */
  start: Point;
  /** The pace of Play, in steps per second. */
  stepsPerSecond: number;
  /** After each run's readback (`index` in legend order), its view already updated. */
  onReadout?(index: number): void;
  /** A run diverged (its view already updated); the others may go on. */
  onDiverged?(index: number): void;
}

/** The optimizers' descents from one start, stepped together: a `Stepper` for the run controller. */
export class LandscapeRun implements Stepper {
  /** Shown in the scheduler's error reports. */
  readonly name = 'loss-landscape';
  /** The descents, stepped together. */
  readonly group: LockstepDescent;
  /** The pace of Play, in steps per second. */
  readonly stepsPerSecond: number;
  /** What is drawn of each run, in legend order (a new array after each change). */
  views: RunView[];
  /** Where the runs start, and start again on `reset`. */
  start: Point;
  private disposed = false;

  constructor(spec: LandscapeRunSpec) {
    this.start = spec.start;
    this.stepsPerSecond = spec.stepsPerSecond;
    this.views = spec.kinds.map(emptyRunView);
    const runs = spec.kinds.map(
      (kind) =>
        new SurfaceDescent({
          surface: spec.surface,
          optimizer: optimizerSpec(kind, spec.learningRate, spec.momentum),
          start: spec.start,
          name: `loss-landscape ${kind}`,
        }),
    );
    runs.forEach((run, index) => {
      run.events.on('readout', (readout) => {
        this.showReadout(index, readout);
        spec.onReadout?.(index);
      });
      run.events.on('diverged', (divergence) => {
        this.views = this.views.map((view, i) => (i === index ? { ...view, divergence } : view));
        spec.onDiverged?.(index);
      });
    });
    this.group = new LockstepDescent(runs, this.name, spec.stepsPerSecond);
  }

  /** True while at least one run can still take steps (a diverged run stops; the others go on). */
  get canContinue(): boolean {
    return this.group.canContinue;
  }

  /**
   * The handout state: every run at step 100 or past it, or diverged. Counted on the steps taken, so a second
   * `settle()` asked while the first one's readback is on its way takes no step more; `readBack` reads every
   * step taken before it resolves, so by then these are the steps drawn.
   */
  get finished(): boolean {
    return this.group.runs.every((run) => run.divergence || run.steps >= HANDOUT_STEPS);
  }

  /** `settle()` takes the steps left to the handout state in one go. */
  get chunk(): number {
    return Math.max(1, HANDOUT_STEPS - this.group.steps);
  }

  /** Queues `count` steps of every run still going. */
  advance(count: number): void {
    this.group.runSteps(count);
  }

  /** Reads every run's new points back (one transfer each); their views follow. Resolves once every step taken is read. */
  async readBack(): Promise<void> {
    await this.group.readBack();
    // NOTE - while playing, the clock may take steps during a readback: read those too, so `finished` is what is drawn.
    while (!this.disposed && this.group.runs.some((run) => !run.divergence && (run.latest?.step ?? -1) < run.steps)) await this.group.readBack();
  }

  /** Every run starts again from `start`, with fresh optimizer state, and nothing drawn yet. */
  reset(): void {
    this.group.reset(this.start);
    this.views = this.views.map((view) => emptyRunView(view.kind));
  }

  /** Gives every run's tensors back while the slide is hidden; the next step or readback rebuilds them. */
  suspend(): Promise<void> {
    return this.group.suspend();
  }

  /** Frees every tensor of every run. */
  dispose(): void {
    this.disposed = true;
    this.group.dispose();
  }

  private showReadout(index: number, readout: SurfaceReadout): void {
    const view = this.views[index];
    if (!view) return;
    const { path, ...latest } = readout;
    for (const point of path) view.path.push(point);
    this.views = this.views.map((v, i) => (i === index ? { ...v, points: v.path.points(), latest } : v));
  }
}
