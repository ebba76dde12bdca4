/**
 * Wires a widget to the shared engine: one trainer at a time, trained by the page's scheduler, idle until
 * its slide is shown, paused when hidden, stopped at its epoch budget or on divergence, and every tensor
 * released when the widget leaves the page. Widgets that train an MLP add one of these and render from it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EngineInfo } from '../../engine/backends.ts';
import type { Engine } from '../../engine/runtime.ts';
import type { ScheduledTrainer } from '../../engine/scheduler.ts';
import type { Divergence, Readout, Trainer, TrainerSpec, TrainingData } from '../../engine/trainer.ts';
import { nextTask } from './handout.ts';
import { SLIDE_VISIBILITY_EVENT } from './visibility.ts';

export interface TrainingControllerOptions {
  /** Start training as soon as the slide is shown (the widget's `autoplay` attribute). */
  autoplay(): boolean;
  /** Called after each readback (at most once per frame), e.g. to fetch a fresh prediction curve. */
  onReadout?(readout: Readout, trainer: Trainer): void | Promise<void>;
  /**
   * A pace, so that a run can be watched: its whole schedule spread over at least `seconds`, and never
   * slower than `minStepsPerSecond` (default: as fast as the frame budget allows). Follows each start's
   * schedule, so a longer run goes faster.
   */
  pace?: { seconds: number; minStepsPerSecond: number };
}

export class TrainingController implements ReactiveController {
  /** The current trainer (replaced by `start`). */
  trainer: Trainer | undefined;
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
  /** Optimizer steps in one epoch of the current run (its batching decides): where epochs become steps. */
  stepsPerEpoch = 1;

  private handle: ScheduledTrainer | undefined;
  private visible = true;
  private wantsToRun = false;
  private generation = 0;
  private readonly onVisibility = (event: CustomEvent<{ visible: boolean }>) => {
    this.visible = event.detail.visible;
    this.handle?.setVisible(this.visible);
    if (this.visible && this.options.autoplay() && !this.done && !this.divergence) this.play();
    if (!this.visible) this.suspendWhileHidden();
  };

  /**
   * A hidden slide's trainer gives its tensors back (weights and optimizer state wait as plain numbers), so
   * a deck full of widgets holds GPU memory for the visible ones only; the first step or prediction after
   * the slide returns rebuilds them. A readback landing just after the slide left may bring them back, so
   * a second try follows once things have settled.
   */
  private suspendWhileHidden(): void {
    const attempt = () => {
      if (!this.visible && this.trainer && !this.trainer.isDisposed) void this.trainer.suspend();
    };
    attempt();
    setTimeout(attempt, 600);
  }

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: TrainingControllerOptions,
  ) {
    host.addController(this);
  }

  /** True while the scheduler is giving the trainer steps. */
  get running(): boolean {
    return Boolean(this.handle?.running);
  }

  /** True once the epoch budget is used up. */
  get done(): boolean {
    return Boolean(this.trainer && this.epochs > 0 && this.trainer.epochs >= this.epochs && this.readout?.epoch === this.trainer.epochs);
  }

  hostConnected(): void {
    // On a deck the widget is idle until its slide is shown (the deck only tells the widgets whose slide
    // changes); outside a deck nobody tells it anything, so it behaves as visible.
    this.visible = !this.host.closest('.reveal .slides');
    this.host.addEventListener(SLIDE_VISIBILITY_EVENT, this.onVisibility as EventListener);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(SLIDE_VISIBILITY_EVENT, this.onVisibility as EventListener);
    this.stop();
  }

  /**
   * Replaces the current run with a new one (settings or data changed). Steps per epoch follow from the
   * batching, so the budget is given in epochs.
   */
  async start(spec: TrainerSpec, data: TrainingData, epochs: number): Promise<void> {
    const generation = ++this.generation;
    this.stop();
    this.error = undefined;
    this.divergence = undefined;
    this.readout = undefined;
    this.epochs = epochs;
    let engine: Engine;
    try {
      const { getEngine } = await import('../../engine/runtime.ts');
      engine = await getEngine();
      if (generation !== this.generation) return;
      this.engineInfo = engine.info;
      this.trainer = engine.createTrainer(spec, data);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.host.requestUpdate();
      return;
    }
    const trainer = this.trainer;
    const stepsPerEpoch = Math.ceil(data.inputs.length / trainer.batchSize);
    this.stepsPerEpoch = stepsPerEpoch;
    trainer.events.on('readout', async (readout) => {
      this.readout = readout;
      await this.options.onReadout?.(readout, trainer);
      this.host.requestUpdate();
    });
    trainer.events.on('diverged', (divergence) => {
      this.divergence = divergence;
      this.host.requestUpdate();
    });
    // The engine could not go on with this run (moving it off a lost GPU failed, or a step threw): say so.
    trainer.events.on('failed', ({ message }) => {
      this.error = message;
      this.pause();
    });
    const stepLimit = epochs * stepsPerEpoch;
    const pace = this.options.pace;
    const stepsPerSecond = pace ? Math.max(pace.minStepsPerSecond, stepLimit / pace.seconds) : undefined;
    this.handle = engine.schedule(trainer, { playing: false, visible: this.visible, stepLimit, stepsPerSecond });
    // The starting picture (untrained network) before any step.
    await this.options.onReadout?.({ step: 0, epoch: 0, loss: Number.NaN }, trainer);
    if (this.wantsToRun || (this.options.autoplay() && this.visible)) this.play();
    this.host.requestUpdate();
  }

  /** Trains (the scheduler decides how many steps per frame). */
  play(): void {
    this.wantsToRun = true;
    this.handle?.play();
    this.host.requestUpdate();
  }

  /** Stops giving steps. */
  pause(): void {
    this.wantsToRun = false;
    this.handle?.pause();
    this.host.requestUpdate();
  }

  /** One optimizer step, then a readback (paused). */
  async step(): Promise<void> {
    this.pause();
    if (!this.trainer || this.divergence || this.done) return;
    this.trainer.step(1);
    await this.trainer.readBack();
  }

  /**
   * Trains the current run to its epoch budget at once (a widget's `settle()`): paused, in chunks of whole
   * epochs — so the same settings always give the same readouts, hence the same curves — each read back
   * (the widget draws it through `onReadout`), then `afterChunk`, then a new task so the page can paint.
   * A chunk is at most `maxEpochs` epochs and, where `maxSteps` is given, about that many steps (one epoch
   * at least). Stops early on divergence, or when a new run replaces this one.
   */
  async trainToBudget(chunk: { maxEpochs: number; maxSteps?: number }, afterChunk?: () => unknown): Promise<void> {
    this.pause();
    const trainer = this.trainer;
    if (!trainer) return;
    const perEpoch = this.stepsPerEpoch;
    const budget = this.epochs * perEpoch;
    const epochsPerChunk = Math.min(chunk.maxEpochs, Math.max(1, Math.floor((chunk.maxSteps ?? Infinity) / perEpoch)));
    while (trainer === this.trainer && !trainer.isDisposed && !trainer.divergence && trainer.steps < budget) {
      trainer.step(Math.min(epochsPerChunk * perEpoch, budget - trainer.steps));
      await trainer.readBack();
      await afterChunk?.();
      // NOTE - on the CPU backend a readback resolves as a microtask: without a new task the page never paints.
      await nextTask();
    }
  }

  /** Frees the trainer and leaves the scheduler. */
  stop(): void {
    this.handle?.remove();
    this.handle = undefined;
    this.trainer?.dispose();
    this.trainer = undefined;
  }
}
