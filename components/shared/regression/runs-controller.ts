/**
 * The training side of `<gd-trajectory>` and `<gd-modes>`: a few regression runs stepped together by an
 * example clock on the page's scheduler. Idle until the widget's slide is shown, paused when it is hidden,
 * stopped at the examples budget; Play / Pause / Step / Reset; `settled` at the handout state (the budget
 * used up or every run diverged, drawn), reached at once by `settle()` (components/shared/handout.ts); every
 * tensor freed when the widget leaves the page. The widget renders from `views`. A path is thinned past
 * `PATH_POINTS` (components/shared/thinned-series.ts), so hours of Play — or SGD's 100,000 updates at 500
 * examples × 200 epochs — keep the widget's memory and drawing time bounded.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ScheduledTrainer } from '../../../engine/scheduler.ts';
import { nextTask } from '../handout.ts';
import { HandoutLatch } from '../runtime/handout-latch.ts';
import { ThinnedSeries } from '../thinned-series.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../visibility.ts';
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
}

export class RegressionRunsController implements ReactiveController {
  /** The runs as drawn, in legend order. */
  views: RunView[] = [];
  /** Why the engine could not start or go on, if it could not. */
  error: string | undefined;
  /** True while Play is on. */
  playing = false;

  private config: RunsConfig | undefined;
  /** Every run's path, in legend order (`views` show their kept points). */
  private paths: ThinnedSeries<PathPoint>[] = [];
  private clock: ExampleClock | undefined;
  private handle: ScheduledTrainer | undefined;
  private generation = 0;
  private visible = true;
  private autoplayed = false;
  /** The next runs built go straight to the handout state (`settle()` came before they were ready). */
  private handoutPending = false;
  private started: Promise<void> = Promise.resolve();
  /** Keeps the handout contract: `settled` per set of runs, and whether `settle()` was asked (runs rebuilt later go there too). */
  private readonly handout: HandoutLatch;
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RunsControllerOptions,
  ) {
    host.addController(this);
    this.handout = new HandoutLatch(host);
  }

  /** Resolves once the current runs reached the handout state and are drawn; a new start renews it. */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  /** True while the runs can take more steps. */
  get canContinue(): boolean {
    return Boolean(this.clock?.canContinue);
  }

  /** True while the scheduler gives the runs steps. */
  get running(): boolean {
    return this.playing && Boolean(this.handle?.running) && this.canContinue;
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
    // NOTE - in a deck the runtime says when the slide is shown; anywhere else the widget counts as visible.
    this.visible = !this.host.closest('.reveal .slides');
    this.host.addEventListener(SLIDE_VISIBILITY_EVENT, this.handleVisibility as EventListener);
    // Back on the page after being removed: train afresh (to the handout state, if it was asked for).
    if (this.config && !this.clock) {
      if (this.handout.asked) this.handoutPending = true;
      this.start(this.config);
    }
  }

  hostDisconnected(): void {
    this.host.removeEventListener(SLIDE_VISIBILITY_EVENT, this.handleVisibility as EventListener);
    this.generation += 1;
    this.teardown();
  }

  /** Replaces the runs with fresh ones from β = (0, 0) (settings changed, or Reset). */
  start(config: RunsConfig): void {
    this.config = config;
    this.started = this.build(config);
  }

  /** Starts the same runs again. */
  reset(): void {
    this.pause();
    if (this.config) this.start(this.config);
  }

  play(): void {
    if (!this.canContinue) return;
    this.playing = true;
    this.handle?.play();
    this.host.requestUpdate();
  }

  pause(): void {
    this.playing = false;
    this.handle?.pause();
    this.host.requestUpdate();
  }

  /** One press of Step: `examplesPerPress` more examples for every run, then a readback. */
  async step(): Promise<void> {
    this.pause();
    const clock = this.clock;
    if (!clock?.canContinue || !this.config) return;
    clock.advanceTo(clock.examples + this.config.examplesPerPress);
    await this.readBack(this.generation);
  }

  /** Takes the runs to the handout state at once (no animation); resolves with `settled`. */
  settle(): Promise<void> {
    return this.handout.settle(async () => {
      this.handoutPending = true;
      await this.started;
      await this.fastForward();
    });
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
    const runs = config.runs.map((spec) => new run.RegressionRun(engine, config.data, spec));
    // The engine could not go on with a run (moving it off a lost GPU failed, or a step threw): say so, stop.
    for (const r of runs) r.trainer.events.on('failed', ({ message }) => generation === this.generation && this.fail(message));
    const clock = new run.ExampleClock(runs, runs[0]?.spec.name ?? 'regression', config.examplesPerStep, config.budget, config.stepsPerSecond);
    this.clock = clock;
    this.handle = engine.scheduler.add(
      {
        name: clock.name,
        runSteps: (count) => {
          clock.runSteps(count);
          if (!clock.canContinue) {
            this.handle?.pause();
            void this.readBack(generation);
          }
        },
        readBack: () => this.readBack(generation),
        get stepsPerSecond() {
          return clock.stepsPerSecond;
        },
      },
      { playing: false, visible: this.visible },
    );
    this.host.requestUpdate();
    if (this.handoutPending) await this.fastForward();
    else if (this.playing) this.handle.play();
    else this.maybeAutoplay();
  }

  /** Reads back every run's new points and draws them; checks divergence and the budget. */
  private async readBack(generation: number): Promise<void> {
    const clock = this.clock;
    if (!clock || generation !== this.generation) return;
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
    if (!clock.canContinue && this.playing) this.pause();
    this.checkSettled();
    this.host.requestUpdate();
  }

  private async fastForward(): Promise<void> {
    this.handoutPending = false;
    const clock = this.clock;
    if (!clock || !this.config) return;
    const generation = this.generation;
    this.pause();
    // Ten presses' worth per readback: few transfers, and no GPU queue runs away.
    const chunk = Math.max(1, this.config.examplesPerPress * 10);
    while (clock.canContinue && generation === this.generation) {
      clock.advanceTo(clock.examples + chunk);
      await this.readBack(generation);
      await nextTask();
    }
    await this.readBack(generation);
  }

  /** Shows why the runs cannot go on, stops them, and lets a handout print what they reached. */
  private fail(message: string): void {
    this.error = message;
    this.pause();
    this.handout.resolve();
  }

  private maybeAutoplay(): void {
    if (!this.options.autoplay() || this.autoplayed || !this.visible || !this.clock) return;
    this.autoplayed = true;
    if (this.reducedMotion?.matches) void this.settle();
    else this.play();
  }

  private teardown(): void {
    this.handle?.remove();
    this.handle = undefined;
    this.clock?.dispose();
    this.clock = undefined;
  }

  /** Resolves `settled` (once drawn) when the budget is used up, or no run can go on, and all is read back. */
  private checkSettled(): void {
    const clock = this.clock;
    if (this.handout.isSettled || !clock || clock.canContinue) return;
    const drawnAll = this.views.every((view, i) => view.divergence || view.points.at(-1)!.update >= clock.runs[i]!.updates);
    if (drawnAll) this.handout.resolveWhenDrawn();
  }

  private readonly handleVisibility = (event: CustomEvent<SlideVisibilityDetail>): void => {
    this.visible = event.detail.visible;
    this.handle?.setVisible(this.visible);
    this.maybeAutoplay();
    if (!this.visible) this.suspendWhileHidden();
  };

  /** A hidden slide's runs give their tensors back; a second try catches a readback that landed late. */
  private suspendWhileHidden(): void {
    const attempt = () => {
      if (this.visible || !this.clock) return;
      for (const run of this.clock.runs) void run.suspend();
    };
    attempt();
    setTimeout(attempt, 600);
  }
}
