/**
 * The training side of `<gd-trajectory>` and `<gd-modes>`: a few regression runs stepped together by an
 * example clock, driven by the run controller (components/shared/runtime/run-controller.ts) on the engine's
 * scheduler. Idle until the widget's slide is shown, paused when it is hidden,
 * stopped at the examples budget; Play / Pause / Step / Reset; `settled` at the handout state (the budget
 * used up or every run diverged, drawn), reached at once by `settle()` (components/shared/handout.ts); every
 * tensor freed when the widget leaves the page. The widget renders from `views`. A path is thinned past
 * `PATH_POINTS` (components/shared/thinned-series.ts), so hours of Play — or SGD's 100,000 updates at 500
 * examples × 200 epochs — keep the widget's memory and drawing time bounded.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Engine } from '../../../engine/runtime.ts';
import { HandoutLatch } from '../runtime/handout-latch.ts';
import { RunController, type Stepper } from '../runtime/run-controller.ts';
import { ThinnedSeries } from '../thinned-series.ts';
import type { Beta } from './regression-problem.ts';
import type { ExampleClock, PathPoint, RunDivergence } from './regression-run.ts';
import type { RunSpec } from './regression-spec.ts';

/** What one start trains. */
export interface RunsConfig {
  data: { inputs: number[][]; targets: number[][] };
  runs: RunSpec[];
  /** Examples per scheduler step (n: one full-batch update; 1: example by example). */
  examplesPerStep: number;
  /** Examples per Step press. */
  examplesPerPress: number;
  /** The handout state, in examples seen. */
  budget: number;
  /** Scheduler steps per second while playing. */
  stepsPerSecond: number;
  /** The full-data loss at β: of each stretch a long path thins, the points of least and greatest loss stay. */
  lossAt: (beta: Beta) => number;
}

/** Points a path keeps: every one up to about this many, then the start, the latest 500 and each stretch's extremes. */
export const PATH_POINTS = 2000;

/** A run's path as the widget keeps it, from β = (0, 0): thinned past `PATH_POINTS`, keeping the lowest loss. */
export function runPath(lossAt: (beta: Beta) => number): ThinnedSeries<PathPoint> {
  const path = new ThinnedSeries<PathPoint>({ value: (p) => lossAt(p.beta), capacity: PATH_POINTS, recent: 500 });
  path.push({ update: 0, examples: 0, beta: [0, 0] });
  return path;
}

/** One run as drawn: the points read back so far (thinned past `PATH_POINTS`), and its divergence. */
export interface RunView {
  spec: RunSpec;
  points: readonly PathPoint[];
  divergence: RunDivergence | undefined;
}

export interface RunsControllerOptions {
  /** The widget's `autoplay`. */
  autoplay(): boolean;
  /** The widget's handout latch (components/shared/runtime/axon-element.ts gives every widget one); else the controller owns one. */
  handout?: HandoutLatch;
}

export class RegressionRunsController implements ReactiveController {
  /** The runs as drawn, in legend order. */
  views: RunView[] = [];
  /** Why the engine could not start or go on, if it could not. */
  error: string | undefined;

  private config: RunsConfig | undefined;
  /** Every run's path, in legend order (`views` show their kept points). */
  private paths: ThinnedSeries<PathPoint>[] = [];
  private clock: ExampleClock | undefined;
  private engine: Engine | undefined;
  private generation = 0;
  /** True from `start()` until its runs are on the clock (or could not be made). */
  private building = false;
  private started: Promise<void> = Promise.resolve();
  /** Keeps the handout contract: `settled` per set of runs, and whether `settle()` was asked (runs rebuilt later go there too). */
  private readonly handout: HandoutLatch;
  /** The clock, Play / Pause / Step, settle and the slide's visibility. */
  private readonly run: RunController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RunsControllerOptions,
  ) {
    host.addController(this);
    this.handout = options.handout ?? new HandoutLatch(host);
    this.run = new RunController(host, {
      clock: () => this.engine!.scheduler,
      handout: this.handout,
      autoplay: () => this.options.autoplay(),
      onFailure: (error) => this.fail(`training stopped: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** Resolves once the current runs reached the handout state and are drawn; a new start renews it. */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  /** True while Play is on. */
  get playing(): boolean {
    return this.run.playing;
  }

  /**
   * True while the runs can take more steps — and while fresh runs are being built (the learning rate just
   * moved): Play and Step stay enabled, and a press then acts on the runs once they exist.
   */
  get canContinue(): boolean {
    return this.building || this.run.canContinue;
  }

  /** True while the scheduler gives the runs steps. */
  get running(): boolean {
    return this.run.running;
  }

  /** Examples the runs have been given so far. */
  get examples(): number {
    return this.clock?.examples ?? 0;
  }

  /** The first divergence among the runs, by update. */
  get firstDivergence(): RunDivergence | undefined {
    return this.views
      .map((v) => v.divergence)
      .filter((d): d is RunDivergence => d !== undefined)
      .sort((a, b) => a.update - b.update)[0];
  }

  hostConnected(): void {
    // Back on the page after being removed: train afresh (to the handout state, if it was asked for: the
    // run controller remembers that).
    if (this.config && !this.clock) this.start(this.config);
  }

  hostDisconnected(): void {
    this.generation += 1;
    this.building = false;
    this.teardown();
  }

  /** Replaces the runs with fresh ones from β = (0, 0) (settings changed, or Reset). */
  start(config: RunsConfig): void {
    this.config = config;
    this.building = true;
    const started = this.build(config).finally(() => {
      if (this.started === started) this.building = false;
    });
    this.started = started;
  }

  /** Starts the same runs again. */
  reset(): void {
    this.pause();
    if (this.config) this.start(this.config);
  }

  play(): void {
    if (this.canContinue) this.run.play();
  }

  pause(): void {
    this.run.pause();
  }

  /**
   * One press of Step: `examplesPerPress` more examples for every run, then a readback. A press that comes
   * while fresh runs are being built (the learning rate just moved) steps them once they exist, not nothing.
   */
  async step(): Promise<void> {
    await this.started;
    await this.run.step();
  }

  /** Takes the runs to the handout state at once (no animation); resolves with `settled`. */
  settle(): Promise<void> {
    return this.run.settle();
  }

  private async build(config: RunsConfig): Promise<void> {
    const generation = ++this.generation;
    this.teardown();
    this.handout.renew();
    this.paths = config.runs.map(() => runPath(config.lossAt));
    this.views = config.runs.map((spec, i) => ({ spec, points: this.paths[i]!.points(), divergence: undefined }));
    this.host.requestUpdate();
    let modules;
    try {
      const [{ getEngine }, run] = await Promise.all([import('../../../engine/runtime.ts'), import('./regression-run.ts')]);
      modules = { engine: await getEngine(), run };
    } catch (error) {
      if (generation === this.generation) {
        this.error = error instanceof Error ? error.message : String(error);
        this.handout.resolve();
        this.host.requestUpdate();
      }
      return;
    }
    if (generation !== this.generation || !this.host.isConnected) return;
    this.error = undefined;
    const { engine, run } = modules;
    this.engine = engine;
    const runs = config.runs.map((spec) => new run.RegressionRun(engine, config.data, spec));
    // The engine could not go on with a run (moving it off a lost GPU failed, or a step threw): say so, stop.
    for (const r of runs) r.trainer.events.on('failed', ({ message }) => generation === this.generation && this.fail(message));
    const clock = new run.ExampleClock(runs, runs[0]?.spec.name ?? 'regression', config.examplesPerStep, config.budget, config.stepsPerSecond);
    this.clock = clock;
    // Plays if Play is on, goes to the handout state if `settle()` waits for it, else autoplays once shown.
    this.run.start(this.stepperFor(clock, config, generation));
  }

  /**
   * The runs as the run controller steps them: a step is `examplesPerStep` examples, a press
   * `examplesPerPress`, a chunk of `settle()` ten presses (few transfers, and no GPU queue runs away); the
   * handout state is the budget used up (or every run diverged) with every update read back and drawn.
   */
  private stepperFor(clock: ExampleClock, config: RunsConfig, generation: number): Stepper {
    const views = () => this.views;
    return {
      name: clock.name,
      advance: (count) => clock.runSteps(count),
      press: () => clock.advanceTo(clock.examples + config.examplesPerPress),
      get canContinue() {
        return clock.canContinue;
      },
      get finished() {
        return !clock.canContinue && views().every((view, i) => view.divergence || view.points.at(-1)!.update >= clock.runs[i]!.updates);
      },
      get stepsPerSecond() {
        return clock.stepsPerSecond;
      },
      chunk: Math.max(1, Math.ceil((config.examplesPerPress * 10) / config.examplesPerStep)),
      readBack: () => this.readBack(clock, generation),
      suspend: () => {
        for (const run of clock.runs) void run.suspend();
      },
      dispose: () => clock.dispose(),
    };
  }

  /** Reads back every run's new points and adds them to the paths drawn; divergence comes with them. */
  private async readBack(clock: ExampleClock, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    let fresh: PathPoint[][];
    try {
      fresh = await clock.readBack();
    } catch (error) {
      if (clock.runs.some((r) => r.isDisposed)) return; // replaced while reading
      throw error;
    }
    if (generation !== this.generation) return;
    this.views = this.views.map((view, i) => {
      const run = clock.runs[i]!;
      const added = fresh[i] ?? [];
      const path = this.paths[i]!;
      for (const point of added) path.push(point);
      return added.length || run.divergence !== view.divergence ? { ...view, points: path.points(), divergence: run.divergence } : view;
    });
  }

  /** Shows why the runs cannot go on, stops them, and lets a handout print what they reached. */
  private fail(message: string): void {
    this.error = message;
    this.pause();
    this.handout.resolve();
  }

  /** Leaves the clock and frees every run's tensors. */
  private teardown(): void {
    this.run.stop();
    this.clock = undefined;
  }
}
