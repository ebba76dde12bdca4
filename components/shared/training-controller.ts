/**
 * Wires a widget to the shared engine: one trainer at a time, trained by the page's scheduler, idle until
 * its slide is shown, paused when hidden, stopped at its epoch budget or on divergence, and every tensor
 * released when the widget leaves the page. Widgets that train an MLP add one of these and render from it.
 *
 * The clock, visibility, Play / Pause / Step and the run to the budget are the run controller's
 * (components/shared/runtime/run-controller.ts): this is an engine trainer as its `Stepper`, with the trainer's
 * readouts, divergence and failures kept for the widget to show.
 *
 * A widget whose handout state is its run at the epoch budget passes its handout latch and gets the rest of
 * that contract too: the latch renewed by each `start`, resolved once a failure to start is drawn, `settle()`
 * taking the run to its budget, and `pictured()` resolving it once the budget's (or a divergence's) picture
 * is drawn.
 *
 * ```ts
 * private readonly training = new TrainingController(this, { autoplay: () => …, onReadout: (r, t) => this.draw(t), handout: this.handout });
 * override settle() { return this.training.settle({ maxEpochs: 10 }); }
 * // in draw(trainer): const read = await this.training.read(trainer, (t) => t.readWeights()); … this.training.pictured(epoch);
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EngineInfo } from '../../engine/backends.ts';
import type { Emitter } from '../../engine/events.ts';
import type { LayeredTrainer } from '../../engine/layered-trainer.ts';
import type { Engine } from '../../engine/runtime.ts';
import type { Scheduler } from '../../engine/scheduler.ts';
import type { Divergence, Readout, Trainer, TrainerEvents, TrainerSpec, TrainingData } from '../../engine/trainer.ts';
import type { HandoutLatch } from './runtime/handout-latch.ts';
import { RunController, stepsPerEpoch, type Stepper } from './runtime/run-controller.ts';

/**
 * What a controller trains: the engine's `Trainer` (an MLP), or a `LayeredTrainer` on the main thread (a layered
 * model: dropout, a validation split and early stopping; a run it stops early ends there, its best weights back).
 */
export type ControlledTrainer = Trainer | LayeredTrainer;

/** How `start` gets its trainer: an MLP spec (`engine.createTrainer`), or a function that makes one on the engine. */
export type TrainerSource<T extends ControlledTrainer> = TrainerSpec | ((engine: Engine) => T);

export interface TrainingControllerOptions<T extends ControlledTrainer = Trainer> {
  /** Start training as soon as the slide is shown (the widget's `autoplay` attribute). */
  autoplay(): boolean;
  /** Called after each readback (at most once per frame), e.g. to fetch a fresh prediction curve. */
  onReadout?(readout: Readout, trainer: T): void | Promise<void>;
  /**
   * A pace, so that a run can be watched: its whole schedule spread over at least `seconds`, and never
   * slower than `minStepsPerSecond` (default: as fast as the frame budget allows). Follows each start's
   * schedule, so a longer run goes faster.
   */
  pace?: { seconds: number; minStepsPerSecond: number };
  /**
   * The widget's handout latch, where its handout state is this run at its epoch budget: renewed by each
   * `start`, resolved once a failure to start is drawn, by `pictured()` at the budget or on divergence, and
   * asked through `settle()`. Several controllers may share one (a widget that trains runs side by side and
   * says itself when all of them are done).
   */
  handout?: HandoutLatch;
}

export class TrainingController<T extends ControlledTrainer = Trainer> implements ReactiveController {
  /** The current trainer (replaced by `start`). */
  trainer: T | undefined;
  /** The latest loss read back. */
  readout: Readout | undefined;
  /** Set when the run diverged (training has stopped). */
  divergence: Divergence | undefined;
  /** Which backend trains, for the widget's own status if it wants one. */
  engineInfo: EngineInfo | undefined;
  /** A failure to start (no backend, bad settings) or to go on (the engine's `failed`): shown on the widget. */
  error: string | undefined;
  /** The epoch budget of the current run. */
  epochs = 0;
  /** Optimizer steps in one epoch of the current run (its batching decides: `stepsPerEpoch`). */
  stepsPerEpoch = 1;
  /** The current run's start: settled once its trainer is made and its starting picture read (or it failed). */
  started: Promise<void> = Promise.resolve();

  /** The clock, Play / Pause / Step, the run to the budget and the slide's visibility. */
  private readonly run: RunController;
  /** The engine's scheduler, once the engine is loaded: the run's clock. */
  private engineScheduler: Scheduler | undefined;
  private generation = 0;
  /** True from `start()` until its trainer is on the clock (or could not be made). */
  private starting = false;
  /** Steps per chunk of `trainToBudget` (whole epochs), read by the stepper. */
  private chunkSteps = 1;
  /** The current run's end was announced (`pictured`): once per run. */
  private announced = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: TrainingControllerOptions<T>,
  ) {
    // NOTE - the run's clock is the engine's scheduler, so every trainer on the page shares one frame budget.
    this.run = new RunController(host, {
      clock: () => this.engineScheduler!,
      onShown: () => this.autoplay(),
      onFailure: (error) => this.trainer?.reportFailure(`training stopped: ${messageOf(error)}`, error),
    });
    host.addController(this);
  }

  /** True while the scheduler is giving the trainer steps. */
  get running(): boolean {
    return this.run.running;
  }

  /**
   * True while Play or Step can go on (the transport's `canContinue`): a trainer, not diverged, its budget not
   * used up — or a run being started (settings just changed), which a press then acts on once it exists.
   */
  get canContinue(): boolean {
    if (this.starting) return true;
    return Boolean(this.trainer) && !this.divergence && !this.done;
  }

  /** True once the epoch budget is used up (or early stopping ended the run). */
  get done(): boolean {
    if (this.trainer && stoppedEarly(this.trainer)) return true;
    return Boolean(this.trainer && this.epochs > 0 && this.trainer.epochs >= this.epochs && this.readout?.epoch === this.trainer.epochs);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /**
   * Replaces the current run with a new one (settings or data changed). Steps per epoch follow from the
   * batching, so the budget is given in epochs. With a handout latch, the run gets a new `settled` (a pending
   * one carries over), resolved once a failure to start is drawn. Resolves as `started` does.
   */
  start(spec: TrainerSource<T>, data: TrainingData, epochs: number): Promise<void> {
    const handout = this.options.handout;
    handout?.renew();
    this.announced = false;
    this.starting = true;
    const started: Promise<void> = this.begin(spec, data, epochs)
      .then(() => {
        if (this.error) handout?.resolveWhenDrawn();
      })
      .finally(() => {
        if (this.started === started) this.starting = false;
        this.host.requestUpdate();
      });
    this.started = started;
    return started;
  }

  /** Makes the run's trainer on the page's engine and puts it on the clock; the starting picture is read. */
  private async begin(spec: TrainerSource<T>, data: TrainingData, epochs: number): Promise<void> {
    const generation = ++this.generation;
    this.stop();
    this.error = undefined;
    this.divergence = undefined;
    this.readout = undefined;
    this.epochs = epochs;
    let trainer: T;
    try {
      const { getEngine } = await import('../../engine/runtime.ts');
      const engine = await getEngine();
      if (generation !== this.generation) return;
      this.engineInfo = engine.info;
      this.engineScheduler = engine.scheduler;
      trainer = typeof spec === 'function' ? spec(engine) : (engine.createTrainer(spec, data) as T);
      this.trainer = trainer;
    } catch (error) {
      this.error = messageOf(error);
      this.host.requestUpdate();
      return;
    }
    // A layered trainer with a validation split trains on fewer samples than it was given.
    this.stepsPerEpoch = stepsPerEpoch('stoppedEarly' in trainer ? trainer.samples : data.inputs.length, trainer.batchSize);
    // A layered trainer's events extend the MLP trainer's (LayeredTrainerEvents): these three are both's.
    const events = trainer.events as unknown as Emitter<TrainerEvents>;
    events.on('readout', async (readout) => {
      this.readout = readout;
      await this.options.onReadout?.(readout, trainer);
      this.host.requestUpdate();
    });
    events.on('diverged', (divergence) => {
      this.divergence = divergence;
      this.host.requestUpdate();
    });
    // The engine could not go on with this run (moving it off a lost GPU failed, or a step threw): say so.
    events.on('failed', ({ message }) => {
      this.error = message;
      this.pause();
    });
    // Plays at once if Play was on (a run restarted while playing).
    this.run.start(this.stepperFor(trainer, epochs * this.stepsPerEpoch));
    // The starting picture (untrained network) before any step.
    await this.options.onReadout?.({ step: 0, epoch: 0, loss: Number.NaN }, trainer);
    if (generation === this.generation) this.autoplay();
    this.host.requestUpdate();
  }

  /**
   * The widget's `settle()`: remembered by the handout latch, the current run (once started) trained to its
   * budget at once (`trainToBudget`), then `afterChunk` once more so the last picture is drawn; resolves with
   * `settled` (at once without a latch).
   */
  settle(chunk: { maxEpochs: number; maxSteps?: number }, afterChunk?: () => unknown): Promise<void> {
    const goThere = async () => {
      await this.started;
      await this.trainToBudget(chunk, afterChunk);
      await afterChunk?.();
    };
    return this.options.handout ? this.options.handout.settle(goThere) : goThere();
  }

  /**
   * Reads from `trainer` for a picture (reads queued together, before any await, see the same weights).
   * Undefined when a newer run replaced the trainer meanwhile: its late picture is dropped.
   */
  async read<Value>(trainer: T, read: (trainer: T) => Promise<Value>): Promise<Value | undefined> {
    let value: Value;
    try {
      value = await read(trainer);
    } catch (error) {
      if (trainer.isDisposed) return undefined; // a newer run replaced this one while it was read
      throw error;
    }
    return trainer === this.trainer ? value : undefined;
  }

  /**
   * The widget has the current run's picture at `epoch` (drawn at the next render): at the epoch budget
   * `announce` is called, once per run (the widget's `…-done` event), and the handout latch resolves once the
   * picture is drawn; so it does for a run that diverged.
   */
  pictured(epoch: number, announce?: () => void): void {
    const handout = this.options.handout;
    if ((epoch >= this.epochs || (this.trainer && stoppedEarly(this.trainer))) && !this.announced) {
      this.announced = true;
      announce?.();
      handout?.resolveWhenDrawn();
    }
    if (this.trainer?.divergence) handout?.resolveWhenDrawn();
  }

  /** Trains (the scheduler decides how many steps per frame). */
  play(): void {
    this.run.play();
  }

  /** Stops giving steps. */
  pause(): void {
    this.run.pause();
  }

  /** One optimizer step, then a readback (paused). */
  async step(): Promise<void> {
    // A press while a new run is being started steps that run once it exists, not nothing.
    await this.started.catch(() => undefined);
    await this.run.step();
  }

  /**
   * Trains the current run to its epoch budget at once (a widget's `settle()`): paused, in chunks of whole
   * epochs — so the same settings always give the same readouts, hence the same curves — each read back
   * (the widget draws it through `onReadout`), then `afterChunk`, then a new task so the page can paint.
   * A chunk is at most `maxEpochs` epochs and, where `maxSteps` is given, about that many steps (one epoch
   * at least). Stops early on divergence, or when a new run replaces this one.
   */
  async trainToBudget(chunk: { maxEpochs: number; maxSteps?: number }, afterChunk?: () => unknown): Promise<void> {
    const perEpoch = this.stepsPerEpoch;
    const epochsPerChunk = Math.min(chunk.maxEpochs, Math.max(1, Math.floor((chunk.maxSteps ?? Infinity) / perEpoch)));
    this.chunkSteps = epochsPerChunk * perEpoch;
    await this.run.runToEnd(afterChunk);
  }

  /** Frees the trainer and leaves the scheduler. */
  stop(): void {
    this.run.stop();
    this.trainer?.dispose();
    this.trainer = undefined;
  }

  /** Plays when the widget autoplays, its slide is shown and the run can still go on. */
  private autoplay(): void {
    if (this.run.visible && this.options.autoplay() && !this.done && !this.divergence) this.play();
  }

  /**
   * An engine trainer as the run controller steps it: stopped at `stepLimit` steps (the epoch budget) or on
   * divergence; the chunks of `trainToBudget`; a hidden slide's tensors given back (weights and optimizer
   * state wait as plain numbers until the next step or prediction rebuilds them).
   */
  private stepperFor(trainer: T, stepLimit: number): Stepper {
    const pace = this.options.pace;
    const controller = this;
    return {
      name: trainer.spec.name ?? 'trainer',
      advance: (count) => {
        const allowed = Math.min(count, stepLimit - trainer.steps);
        if (allowed > 0) trainer.step(allowed);
      },
      get canContinue() {
        return !trainer.isDisposed && !trainer.divergence && !stoppedEarly(trainer) && trainer.steps < stepLimit;
      },
      // A pace follows each start's schedule, so a longer run goes faster.
      stepsPerSecond: pace ? Math.max(pace.minStepsPerSecond, stepLimit / pace.seconds) : undefined,
      get chunk() {
        return controller.chunkSteps;
      },
      readBack: () => trainer.readBack(),
      suspend: () => (trainer.isDisposed ? undefined : trainer.suspend()),
      dispose: () => trainer.dispose(),
    };
  }
}

/** True once early stopping ended a layered trainer's run (an MLP trainer has none). */
function stoppedEarly(trainer: ControlledTrainer): boolean {
  return 'stoppedEarly' in trainer && trainer.stoppedEarly;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
