/**
 * The frame-budget scheduler: every widget that trains registers its trainer here, and once per
 * animation frame the scheduler shares a fixed time budget (8 ms by default) among the trainers that
 * are active, so the slides stay smooth however many networks train at once.
 *
 * - Steps per frame adapt to the measured cost: a moving average of milliseconds per step, per trainer.
 * - Results come back asynchronously, at most one readback in flight per trainer; a trainer whose
 *   readback lags more than `maxFramesAhead` frames gets no new steps, so a GPU queue cannot run away.
 * - Hidden slides, paused widgets and a hidden tab cost nothing: with nothing active, no frame is requested.
 *
 * Pure: the frame source and clock are injected, so this runs under Vitest with a fake clock,
 * in the page, or in a Worker.
 */

/** Where frames and time come from: `requestAnimationFrame` and `performance.now` in the page, a fake in tests. */
export interface FrameSource {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls `callback` once at the next frame with that frame's time; returns a handle for `cancelFrame`. */
  requestFrame(callback: (time: number) => void): unknown;
  /** Cancels a frame requested earlier. */
  cancelFrame(handle: unknown): void;
}

/** The little of the browser's (or a Worker's) global scope that `browserFrameSource` needs. */
interface AnimationFrameScope {
  requestAnimationFrame?: (callback: (time: number) => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
  performance?: { now(): number };
}

/** The page's (or Worker's) animation frames and clock, or undefined where there are none (Node). */
export function browserFrameSource(): FrameSource | undefined {
  const scope = globalThis as AnimationFrameScope;
  const { requestAnimationFrame: request, cancelAnimationFrame: cancel, performance: clock } = scope;
  if (!request || !cancel || !clock) return undefined;
  return {
    now: () => clock.now(),
    // NOTE - called through the scope: browsers throw "Illegal invocation" when these lose their `this`.
    requestFrame: (callback) => request.call(scope, callback),
    cancelFrame: (handle) => cancel.call(scope, handle as number),
  };
}

/** What the scheduler drives: anything that can take training steps and read its results back. */
export interface SchedulableTrainer {
  /** Shown in error reports and stats. */
  readonly name: string;
  /** Runs `count` steps now (GPU work may only be queued; the readback waits for it). */
  runSteps(count: number): void;
  /** Reads the latest loss etc. back; resolves when done (its value is the trainer's own business). */
  readBack(): Promise<unknown>;
  /** A fixed pace in steps per second (e.g. an optimiser animation); read every frame, so it may change. */
  readonly stepsPerSecond?: number;
}

/** Scheduler settings; every one has a default. */
export interface SchedulerOptions {
  /** Milliseconds of training per frame, shared by all active trainers (default 8: half a 60 Hz frame). */
  budgetMs?: number;
  /** The most steps one trainer takes in one frame, however cheap its steps (default 1000). */
  maxStepsPerFrame?: number;
  /** Frames a readback may lag before its trainer gets no new steps (default 2). */
  maxFramesAhead?: number;
  /** Frames and clock (default: `browserFrameSource()`; required where there is none, e.g. Node). */
  frames?: FrameSource;
  /** Told when a trainer throws; the trainer is paused first (default: `console.error`). */
  onError?: (trainer: SchedulableTrainer, error: unknown) => void;
}

/** How a trainer is registered. */
export interface AddOptions {
  /** Whether it starts playing (default true). */
  playing?: boolean;
  /** Whether its slide starts visible (default true). */
  visible?: boolean;
  /** Its part of the budget relative to the others' (default 1; 2 means twice the time of a weight-1 trainer). */
  weight?: number;
}

/** Numbers about one trainer, for the badge, the benchmark and tests. */
export interface TrainerStats {
  /** The trainer's name. */
  readonly name: string;
  /** Steps it took in the last frame it ran. */
  readonly stepsPerFrame: number;
  /** Moving average of milliseconds per step (NaN until measured). */
  readonly msPerStep: number;
  /** Steps taken in all. */
  readonly steps: number;
  /** Frames in which it took steps. */
  readonly frames: number;
  /** Readbacks started in all. */
  readonly readBacks: number;
}

/** A widget's hold on its registered trainer. */
export interface ScheduledTrainer {
  /** Lets it take steps (when its slide and the page are visible too); also resumes it after an error. */
  play(): void;
  /** Stops giving it steps. */
  pause(): void;
  /** Tells it whether its slide is shown. */
  setVisible(visible: boolean): void;
  /** True while it gets steps: playing, its slide visible and the page visible. */
  readonly running: boolean;
  /** Its numbers so far. */
  readonly stats: TrainerStats;
  /** Unregisters it for good; a readback in flight is left to finish, its errors are ignored. */
  remove(): void;
}

// A new measurement moves the average a quarter of the way: steady against one slow frame (a GC pause),
// yet it follows a step that really got slower within a few frames.
const COST_SMOOTHING = 0.25;
// The first measured step pays one-time costs (shader compilation, buffer allocation), so the first two
// measurements replace the estimate instead of being averaged into it.
const MEASUREMENTS_BEFORE_AVERAGING = 2;
// Clock arithmetic in floating point makes 4 ms / 1 ms come out as 3.9999999; this keeps it at 4.
const ROUNDING_SLACK = 1e-6;

/** The scheduler's bookkeeping for one trainer; state lives with the trainer it describes. */
class TrainerSlot {
  playing: boolean;
  visible: boolean;
  removed = false;
  readonly weight: number;
  /** Moving average of ms per step; undefined until the first frame measured it. */
  msPerStep: number | undefined;
  measurements = 0;
  /** Paced trainers only: steps owed by elapsed time, fractions kept; one is owed on (re)activation. */
  stepsOwed = 1;
  lastPacedTime: number | undefined;
  /** Frame number at which the readback in flight started; undefined when none is in flight. */
  readBackStartFrame: number | undefined;
  /** Settles when the readback in flight has finished (either way). */
  readBackDone: Promise<void> | undefined;
  hasUnreadSteps = false;
  steps = 0;
  frames = 0;
  stepsPerFrame = 0;
  readBacks = 0;

  constructor(
    readonly trainer: SchedulableTrainer,
    options: AddOptions,
  ) {
    this.playing = options.playing ?? true;
    this.visible = options.visible ?? true;
    this.weight = options.weight ?? 1;
  }

  /** A snapshot of the numbers, so callers cannot change the bookkeeping. */
  stats(): TrainerStats {
    const { steps, frames, stepsPerFrame, readBacks } = this;
    return { name: this.trainer.name, stepsPerFrame, msPerStep: this.msPerStep ?? Number.NaN, steps, frames, readBacks };
  }
}

/** Shares each animation frame's time budget among the registered trainers that are active. */
export class Scheduler {
  private readonly budgetMs: number;
  private readonly maxStepsPerFrame: number;
  private readonly maxFramesAhead: number;
  private readonly frames: FrameSource;
  private readonly onError: (trainer: SchedulableTrainer, error: unknown) => void;
  private readonly slots: TrainerSlot[] = [];
  private pageVisible = true;
  private frameNumber = 0;
  private frameRequested = false;
  private frameHandle: unknown;
  private fastForwarding = false;
  private disposed = false;

  /** A scheduler; throws if an option is out of range or there is no frame source. */
  constructor(options: SchedulerOptions = {}) {
    this.budgetMs = checkPositive('budgetMs', options.budgetMs ?? 8);
    this.maxStepsPerFrame = checkWholeNumber('maxStepsPerFrame', options.maxStepsPerFrame ?? 1000, 1);
    this.maxFramesAhead = checkWholeNumber('maxFramesAhead', options.maxFramesAhead ?? 2, 0);
    const frames = options.frames ?? browserFrameSource();
    if (!frames) {
      throw new Error('Scheduler: no requestAnimationFrame here (Node?); pass options.frames, a FrameSource');
    }
    this.frames = frames;
    this.onError = options.onError ?? reportToConsole;
  }

  /** Registers a trainer; it takes steps from the next frame on while it is active. */
  add(trainer: SchedulableTrainer, options: AddOptions = {}): ScheduledTrainer {
    if (this.disposed) throw new Error(`Scheduler.add("${trainer.name}"): the scheduler was disposed`);
    if (options.weight !== undefined) checkPositive(`weight of "${trainer.name}"`, options.weight);
    const slot = new TrainerSlot(trainer, options);
    this.slots.push(slot);
    this.updateFrameRequest();
    return this.handleFor(slot);
  }

  /** Tells the scheduler whether the page (tab) is visible; while it is not, nothing trains. */
  setPageVisible(visible: boolean): void {
    const wasActive = this.slots.map((slot) => this.isActive(slot));
    this.pageVisible = visible;
    this.slots.forEach((slot, index) => this.handleActivityChange(slot, wasActive[index] ?? false));
    this.updateFrameRequest();
  }

  /**
   * Trains the active trainers frame after frame without waiting for the display (print, benchmarks,
   * tests): no stepsPerSecond pacing, but still the per-frame budget. Awaits readbacks only when every
   * trainer is held back by them. Resolves true once `isDone()` holds, false after `maxFrames` frames
   * or when nothing is active.
   */
  async runUntil(isDone: () => boolean, maxFrames = 100_000): Promise<boolean> {
    if (this.fastForwarding) throw new Error('Scheduler.runUntil: already running; await the first call');
    this.fastForwarding = true;
    this.updateFrameRequest();
    try {
      for (let frame = 0; frame < maxFrames && !isDone(); frame += 1) {
        if (!this.slots.some((slot) => this.isActive(slot))) break;
        this.runFrame(this.frames.now(), false);
        await this.waitForReadBacksIfAllHeldBack();
      }
      return isDone();
    } finally {
      // Pacing resumes from the next frame: the fast-forwarded time is not owed as steps.
      for (const slot of this.slots) slot.lastPacedTime = undefined;
      this.fastForwarding = false;
      this.updateFrameRequest();
    }
  }

  /** Numbers about every registered trainer, in registration order. */
  get stats(): TrainerStats[] {
    return this.slots.map((slot) => slot.stats());
  }

  /** Unregisters every trainer and stops requesting frames; the scheduler cannot be used again. */
  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots) slot.removed = true;
    this.slots.length = 0;
    this.updateFrameRequest();
  }

  private handleFor(slot: TrainerSlot): ScheduledTrainer {
    const isRunning = () => this.isActive(slot);
    return {
      play: () => this.changeSlot(slot, () => (slot.playing = true)),
      pause: () => this.changeSlot(slot, () => (slot.playing = false)),
      setVisible: (visible) => this.changeSlot(slot, () => (slot.visible = visible)),
      get running() {
        return isRunning();
      },
      get stats() {
        return slot.stats();
      },
      remove: () => this.removeSlot(slot),
    };
  }

  /** Applies a change to one trainer's state, then reacts if it started or stopped being active. */
  private changeSlot(slot: TrainerSlot, change: () => void): void {
    if (slot.removed) return;
    const wasActive = this.isActive(slot);
    change();
    this.handleActivityChange(slot, wasActive);
    this.updateFrameRequest();
  }

  private removeSlot(slot: TrainerSlot): void {
    if (slot.removed) return;
    slot.removed = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    this.updateFrameRequest();
  }

  private isActive(slot: TrainerSlot): boolean {
    return !slot.removed && slot.playing && slot.visible && this.pageVisible;
  }

  private handleActivityChange(slot: TrainerSlot, wasActive: boolean): void {
    const isActive = this.isActive(slot);
    if (isActive && !wasActive) {
      // Pacing restarts from now: time spent paused or hidden is not owed as a burst of steps.
      slot.stepsOwed = 1;
      slot.lastPacedTime = undefined;
    } else if (wasActive && !isActive) {
      // No frame may come for a while, so read the last steps back now: the widget shows its final loss.
      this.readBackIfDue(slot);
    }
  }

  /** Requests a frame while something is active, and cancels the request once nothing is. */
  private updateFrameRequest(): void {
    const wanted = !this.disposed && !this.fastForwarding && this.slots.some((slot) => this.isActive(slot));
    if (wanted && !this.frameRequested) {
      this.frameRequested = true;
      this.frameHandle = this.frames.requestFrame((time) => this.handleFrame(time));
    } else if (!wanted && this.frameRequested) {
      this.frameRequested = false;
      this.frames.cancelFrame(this.frameHandle);
    }
  }

  private handleFrame(time: number): void {
    this.frameRequested = false;
    try {
      this.runFrame(time, true);
    } finally {
      // Even if something unforeseen threw, the other trainers keep their next frame.
      this.updateFrameRequest();
    }
  }

  /** One frame: steps for every active trainer within the budget, then readbacks for those with new steps. */
  private runFrame(time: number, paced: boolean): void {
    this.frameNumber += 1;
    const frameStart = this.frames.now();
    const active = this.slots.filter((slot) => this.isActive(slot));
    if (paced) for (const slot of active) this.accruePacedSteps(slot, time);
    const runnable = rotate(
      active.filter((slot) => this.canStep(slot, paced)),
      this.frameNumber,
    );
    let weightLeft = runnable.reduce((total, slot) => total + slot.weight, 0);
    for (const slot of runnable) {
      const weight = slot.weight;
      weightLeft -= weight;
      // An earlier trainer's steps may have paused or removed this one (widgets react to their own results).
      if (!this.isActive(slot)) continue;
      const msLeft = frameStart + this.budgetMs - this.frames.now();
      // Once the budget is spent the rest wait; the rotation above lets a different trainer wait next time.
      if (msLeft <= 0) break;
      // Each takes its weighted part of what is left, so time a cheap or paced trainer leaves unused goes to the next.
      const share = (msLeft * weight) / (weightLeft + weight);
      this.runSteps(slot, this.plannedSteps(slot, share, paced), paced);
    }
    for (const slot of active) this.readBackIfDue(slot);
  }

  /** Paced trainers owe steps by elapsed time; fractions carry over to the next frame. */
  private accruePacedSteps(slot: TrainerSlot, time: number): void {
    const stepsPerSecond = slot.trainer.stepsPerSecond;
    if (stepsPerSecond === undefined) return;
    if (slot.lastPacedTime !== undefined) {
      slot.stepsOwed += (Math.max(0, time - slot.lastPacedTime) * Math.max(0, stepsPerSecond)) / 1000;
    }
    slot.lastPacedTime = time;
  }

  /** False while a lagging readback holds it back, or while a paced trainer owes no whole step. */
  private canStep(slot: TrainerSlot, paced: boolean): boolean {
    if (this.isHeldBackByReadBack(slot)) return false;
    return !paced || slot.trainer.stepsPerSecond === undefined || slot.stepsOwed >= 1;
  }

  private isHeldBackByReadBack(slot: TrainerSlot): boolean {
    return slot.readBackStartFrame !== undefined && this.frameNumber - slot.readBackStartFrame > this.maxFramesAhead;
  }

  /** As many steps as fit in `share` at the measured cost: at least 1, at most the cap and what pacing owes. */
  private plannedSteps(slot: TrainerSlot, share: number, paced: boolean): number {
    let steps = 1; // an unmeasured trainer takes one step to measure its cost
    if (slot.msPerStep !== undefined) {
      const affordable = slot.msPerStep > 0 ? Math.floor(share / slot.msPerStep + ROUNDING_SLACK) : Infinity;
      steps = Math.max(1, Math.min(this.maxStepsPerFrame, affordable));
    }
    if (paced && slot.trainer.stepsPerSecond !== undefined) steps = Math.min(steps, Math.floor(slot.stepsOwed));
    return steps;
  }

  private runSteps(slot: TrainerSlot, count: number, paced: boolean): void {
    const started = this.frames.now();
    try {
      slot.trainer.runSteps(count);
    } catch (error) {
      this.fail(slot, error);
      return;
    }
    this.recordCost(slot, (this.frames.now() - started) / count);
    slot.steps += count;
    slot.frames += 1;
    slot.stepsPerFrame = count;
    slot.hasUnreadSteps = true;
    // A trainer that cannot keep its pace carries at most one step of debt, so it never bursts to catch up.
    if (paced) slot.stepsOwed = Math.min(slot.stepsOwed - count, 1);
  }

  private recordCost(slot: TrainerSlot, msPerStep: number): void {
    slot.measurements += 1;
    if (slot.msPerStep === undefined || slot.measurements <= MEASUREMENTS_BEFORE_AVERAGING) {
      slot.msPerStep = msPerStep;
    } else {
      slot.msPerStep += COST_SMOOTHING * (msPerStep - slot.msPerStep);
    }
  }

  /** Starts a readback if the trainer has unread steps and none is in flight. */
  private readBackIfDue(slot: TrainerSlot): void {
    if (slot.removed || !slot.hasUnreadSteps || slot.readBackStartFrame !== undefined) return;
    slot.hasUnreadSteps = false;
    slot.readBacks += 1;
    let reading: Promise<unknown>;
    try {
      reading = Promise.resolve(slot.trainer.readBack());
    } catch (error) {
      this.fail(slot, error);
      return;
    }
    slot.readBackStartFrame = this.frameNumber;
    slot.readBackDone = reading.then(
      () => this.finishReadBack(slot),
      (error: unknown) => {
        this.fail(slot, error);
        this.finishReadBack(slot);
      },
    );
  }

  private finishReadBack(slot: TrainerSlot): void {
    slot.readBackStartFrame = undefined;
    slot.readBackDone = undefined;
    // An active trainer reads back in its next frame; an inactive one gets no frames, so it reads back now.
    if (!this.isActive(slot)) this.readBackIfDue(slot);
  }

  /** Pauses a trainer that threw and reports it; the others keep training. */
  private fail(slot: TrainerSlot, error: unknown): void {
    if (slot.removed) return; // a removed widget may well have released its tensors already
    slot.playing = false;
    // Its state is suspect, so no final readback (which would likely throw and be reported twice).
    slot.hasUnreadSteps = false;
    this.updateFrameRequest();
    try {
      this.onError(slot.trainer, error);
    } catch (reportingError) {
      // A faulty error handler must not stop the frame loop; surface its error outside the loop.
      queueMicrotask(() => {
        throw reportingError;
      });
    }
  }

  /** In runUntil, waits for a readback when every active trainer is held back by one; otherwise yields once. */
  private async waitForReadBacksIfAllHeldBack(): Promise<void> {
    const active = this.slots.filter((slot) => this.isActive(slot));
    if (active.length > 0 && active.every((slot) => this.isHeldBackByReadBack(slot))) {
      await Promise.race(active.map((slot) => slot.readBackDone));
    } else {
      await Promise.resolve();
    }
  }
}

/** The items starting at `offset` (modulo their count), so no item is always last. */
function rotate<Item>(items: Item[], offset: number): Item[] {
  if (items.length === 0) return items;
  const start = offset % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

function checkPositive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`Scheduler: ${name} must be a positive number, got ${value}`);
  }
  return value;
}

function checkWholeNumber(name: string, value: number, least: number): number {
  if (!(Number.isInteger(value) && value >= least)) {
    throw new RangeError(`Scheduler: ${name} must be a whole number of at least ${least}, got ${value}`);
  }
  return value;
}

function reportToConsole(trainer: SchedulableTrainer, error: unknown): void {
  console.error(`Scheduler: trainer "${trainer.name}" threw and was paused; call play() to retry`, error);
}
