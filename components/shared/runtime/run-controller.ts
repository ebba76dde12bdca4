/**
 * The run controller: the one clock for anything in a widget that advances in time — an engine trainer, a
 * lockstep group of surface descents, regression runs on an example clock, the perceptron rule, a replay
 * cursor. A widget hands it a `Stepper` (what one step is, whether another can follow, how to read results
 * back) and gets, in one shape:
 *
 * - Play / Pause / Step / Reset, at a pace (the stepper's steps per second, or as many as the frame budget
 *   allows);
 * - `runToEnd()` and `settle()`: the run taken to its handout state at once, in chunks, each read back and
 *   drawn, giving the page a task between them; with a `HandoutLatch` (components/shared/runtime/handout-latch.ts)
 *   the latch is renewed per run and resolved once the end is read back and drawn;
 * - the deck's visibility (`axon-slide-visibility`, components/shared/visibility.ts): idle until the slide is
 *   shown, no steps while hidden (the stepper may give its tensors back: `suspend`), going on when shown again
 *   (`resume`); outside a deck nobody says anything and the widget counts as visible;
 * - the clock stopped and the run freed (`dispose`) when the widget leaves the page (a widget put back on the
 *   page starts a new run; with a latch whose `settle()` was asked, that run goes to its end at once);
 * - a step or readback that throws on the clock: the run paused, the error logged by the clock and told to the
 *   widget (`onFailure`), which shows it.
 *
 * Epochs become steps in one place, `stepsPerEpoch` below: a budget of E epochs is E × stepsPerEpoch(samples, batch) steps.
 *
 * The clock is one frame-budget `Scheduler` (engine/scheduler.ts): the engine's for a run that trains on it, so
 * every trainer on the page shares one budget per frame; the page's run clock (`pageRunClock`) for a pure
 * run, which must not load TF.js to move a cursor.
 *
 * ```ts
 * private readonly run = new RunController(this, { handout: this.handout });
 * this.run.start({ name: 'perceptron', stepsPerSecond: 5, advance: (n) => …, get canContinue() { … } });
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Scheduler, type SchedulableTrainer, type ScheduledTrainer } from '../../../engine/scheduler.ts';
import { nextTask } from '../handout.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../visibility.ts';
import type { HandoutLatch } from './handout-latch.ts';

/** One kind of run, as the run controller drives it. Only `name`, `advance` and `canContinue` are required. */
export interface Stepper {
  /** Shown in the scheduler's error reports. */
  readonly name: string;
  /** Takes `count` steps now (an engine run may only queue GPU work; `readBack` waits for it). */
  advance(count: number): void;
  /** True while another step can be taken (not at its budget, converged or diverged): Play and Step need it. */
  readonly canContinue: boolean;
  /** The handout state is reached and read back, ready to draw (default: `!canContinue`). */
  readonly finished?: boolean;
  /** The pace while playing, in steps per second, read every frame (default: as many as the frame budget allows). */
  readonly stepsPerSecond?: number;
  /** Steps per chunk of `runToEnd` (default 1), read before each chunk. */
  readonly chunk?: number;
  /** What one press of Step does (default: one step). */
  press?(): void;
  /** Brings the latest results to the widget (an engine run reads its tensors); resolves when they are there. */
  readBack?(): Promise<unknown>;
  /** Goes back to the start of the run. */
  reset?(): void;
  /** The slide was hidden: give tensors back (the next step or read rebuilds them). */
  suspend?(): unknown;
  /** The slide is shown again. */
  resume?(): void;
  /** Frees the run for good (replaced, or the widget left the page). */
  dispose?(): void;
}

/** How a widget uses its run controller; every option has a default. */
export interface RunControllerOptions {
  /** The clock the runs take steps from (default: the page's run clock; an engine run passes the engine's scheduler). */
  clock?(): Scheduler;
  /** The widget's handout latch: renewed for each run, resolved once the run's end is drawn, `settle()` through it. */
  handout?: HandoutLatch;
  /**
   * Play once, when the slide is first shown with a run ready (the widget's `autoplay` attribute); under
   * `prefers-reduced-motion` the run goes to its handout state at once instead of animating.
   */
  autoplay?(): boolean;
  /** Told each time the slide is shown, after the run resumed (a widget with its own autoplay rule). */
  onShown?(): void;
  /** Told when a step or readback throws on the clock; the run is paused and the clock logs the error. */
  onFailure?(error: unknown): void;
}

/** A trainer that hides its slide gets its tensors back after this long too: a readback may land just after. */
const SECOND_SUSPEND_MS = 600;

let pageClock: Scheduler | undefined;

/**
 * The page's run clock: one frame-budget scheduler for the runs that do not train on the engine (its own
 * scheduler needs TF.js loaded). Made on first use; throws where there are no animation frames (Node), so a
 * test passes its own clock.
 */
export function pageRunClock(): Scheduler {
  pageClock ??= new Scheduler();
  return pageClock;
}

/**
 * Optimizer steps in one epoch: one pass over `samples` in batches of `batchSize` (the last batch may be
 * short). The one place where a budget in epochs becomes steps.
 */
export function stepsPerEpoch(samples: number, batchSize: number): number {
  return Math.max(1, Math.ceil(samples / Math.max(1, batchSize)));
}

/** Advances one run at a time on a frame clock, with Play / Pause / Step / Reset, settle and slide visibility. */
export class RunController<S extends Stepper = Stepper> implements ReactiveController {
  /** The current run, if any (replaced by `start`, dropped by `stop`). */
  stepper: S | undefined;
  /** True while Play is on (a run started while it is on plays too); off at the run's end. */
  playing = false;
  /** Whether the widget's slide is shown (always, outside a deck). */
  visible = true;

  private handle: ScheduledTrainer | undefined;
  private autoplayed = false;
  /** `settle()` came before a run was ready (or the widget was put back after one): the next run goes to its end. */
  private settlePending = false;
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RunControllerOptions = {},
  ) {
    host.addController(this);
  }

  /** True while the clock gives the run steps: Play on, the slide and page shown, and a step left. */
  get running(): boolean {
    return this.playing && Boolean(this.handle?.running) && this.canContinue;
  }

  /** True while the run can take another step. */
  get canContinue(): boolean {
    return Boolean(this.stepper?.canContinue);
  }

  /** The handout latch's `settled` (resolved at once for a widget without one). */
  get settled(): Promise<void> {
    return this.options.handout?.settled ?? Promise.resolve();
  }

  hostConnected(): void {
    // NOTE - on a deck the widget is idle until its slide is shown (the deck only tells the widgets whose
    // slide changes); outside a deck nobody tells it anything, so it behaves as visible.
    this.visible = !this.host.closest?.('.reveal .slides');
    this.handle?.setVisible(this.visible);
    this.host.addEventListener(SLIDE_VISIBILITY_EVENT, this.handleVisibility as EventListener);
    // Put back on the page after `settle()`: the run rebuilt now goes to the handout state again.
    if (this.options.handout?.asked) this.settlePending = true;
  }

  hostDisconnected(): void {
    this.host.removeEventListener(SLIDE_VISIBILITY_EVENT, this.handleVisibility as EventListener);
    this.stop();
  }

  /**
   * Replaces the run (settings changed, or a fresh start). It plays if Play is on; it goes to its end if
   * `settle()` is waiting for it; else it autoplays if asked and shown.
   */
  start(stepper: S): void {
    this.stop();
    this.stepper = stepper;
    this.options.handout?.renew();
    const entry: SchedulableTrainer = {
      name: stepper.name,
      runSteps: (count) => {
        try {
          this.advance(stepper, count);
        } catch (error) {
          this.fail(stepper, error);
          throw error; // the clock pauses the run and logs it
        }
      },
      readBack: () =>
        this.readBack(stepper).catch((error: unknown) => {
          this.fail(stepper, error);
          throw error;
        }),
      get stepsPerSecond() {
        return stepper.stepsPerSecond;
      },
    };
    const clock = this.options.clock?.() ?? pageRunClock();
    this.handle = clock.add(entry, { playing: false, visible: this.visible });
    this.host.requestUpdate();
    if (this.settlePending) void this.settle();
    else if (this.playing) this.play();
    else this.maybeAutoplay();
    // A run built while its slide is hidden (a widget loaded ahead of its slide, or its engine arriving after
    // the deck said "hidden") gives its tensors back at once, as a run whose slide was just left does.
    if (!this.visible && !this.settlePending) this.suspendWhileHidden();
  }

  /** Leaves the clock and frees the run. */
  stop(): void {
    this.handle?.remove();
    this.handle = undefined;
    const stepper = this.stepper;
    this.stepper = undefined;
    stepper?.dispose?.();
  }

  /** Plays (Play is remembered for a run started later). */
  play(): void {
    this.playing = true;
    if (this.stepper && !this.stepper.canContinue) this.playing = false;
    else this.handle?.play();
    this.host.requestUpdate();
  }

  /** Pauses. */
  pause(): void {
    this.playing = false;
    this.handle?.pause();
    this.host.requestUpdate();
  }

  /** One press of Step (paused first), then a readback. */
  async step(): Promise<void> {
    this.pause();
    const stepper = this.stepper;
    if (!stepper?.canContinue) return;
    if (stepper.press) stepper.press();
    else stepper.advance(1);
    await this.readBack(stepper);
  }

  /** Back to the start of the same run (paused); a new `settled` for it. */
  async reset(): Promise<void> {
    this.pause();
    const stepper = this.stepper;
    if (!stepper) return;
    stepper.reset?.();
    this.options.handout?.renew();
    await this.readBack(stepper);
  }

  /**
   * Takes the run to its handout state at once: paused, in chunks of `chunk` steps (the stepper's, or 1), each
   * read back, then `afterChunk`, then a new task so the page can paint. Stops early when the run cannot go on
   * or a new run replaces it.
   */
  async runToEnd(afterChunk?: () => unknown): Promise<void> {
    this.pause();
    const stepper = this.stepper;
    if (!stepper) return;
    let chunks = 0;
    while (stepper === this.stepper && stepper.canContinue && !this.isFinished(stepper)) {
      stepper.advance(Math.max(1, stepper.chunk ?? 1));
      chunks += 1;
      await this.readBack(stepper);
      await afterChunk?.();
      // NOTE - on the CPU backend a readback resolves as a microtask: without a new task the page never paints.
      await nextTask();
    }
    // Already at its end (the clock got there first): one more readback only if the latch still waits for it.
    const waiting = this.options.handout && !this.options.handout.isSettled;
    if (chunks === 0 && waiting && stepper === this.stepper) await this.readBack(stepper);
  }

  /**
   * The widget's `settle()`: remembered by the handout latch, the run taken to its end at once (or as soon as
   * one is started), resolving with `settled`.
   */
  settle(): Promise<void> {
    const goThere = async () => {
      this.settlePending = !this.stepper;
      if (this.stepper) await this.runToEnd();
    };
    return this.options.handout ? this.options.handout.settle(goThere) : goThere();
  }

  /** The clock's steps: the run stops at its end, read back by the clock. */
  private advance(stepper: S, count: number): void {
    stepper.advance(count);
    if (!stepper.canContinue && stepper === this.stepper) {
      this.playing = false;
      this.handle?.pause();
    }
  }

  /** A step or readback threw on the clock: Play is off, and the widget is told (if the run is still its own). */
  private fail(stepper: S, error: unknown): void {
    if (stepper !== this.stepper) return;
    this.playing = false;
    this.host.requestUpdate();
    this.options.onFailure?.(error);
  }

  /** Reads the run's results back and draws them; resolves the handout latch once its end is in. */
  private async readBack(stepper: S): Promise<void> {
    await stepper.readBack?.();
    if (stepper !== this.stepper) return;
    // A readback may be what ends the run (a divergence is found in the numbers read): Play goes off.
    if (this.playing && !stepper.canContinue) this.pause();
    if (this.isFinished(stepper)) this.options.handout?.resolveWhenDrawn();
    this.host.requestUpdate();
  }

  private isFinished(stepper: S): boolean {
    return stepper.finished ?? !stepper.canContinue;
  }

  private maybeAutoplay(): void {
    if (!this.options.autoplay?.() || this.autoplayed || !this.visible || !this.stepper) return;
    this.autoplayed = true;
    if (this.reducedMotion?.matches) void this.settle();
    else this.play();
  }

  private readonly handleVisibility = (event: CustomEvent<SlideVisibilityDetail>): void => {
    this.visible = event.detail.visible;
    this.handle?.setVisible(this.visible);
    if (this.visible) {
      this.stepper?.resume?.();
      this.maybeAutoplay();
      this.options.onShown?.();
    } else {
      this.suspendWhileHidden();
    }
  };

  /**
   * A hidden slide's run gives its tensors back, so a deck full of widgets holds GPU memory for the visible
   * ones only. A readback landing just after the slide left may bring them back, so a second try follows.
   */
  private suspendWhileHidden(): void {
    // The run at the time of each try: one started in between (its engine arrived late) is suspended too.
    const attempt = () => {
      if (!this.visible) void this.stepper?.suspend?.();
    };
    attempt();
    setTimeout(attempt, SECOND_SUSPEND_MS);
  }
}
