/**
 * The autoencoder's run as the run controller steps it (components/shared/runtime/run-controller.ts): steps are
 * handed to the engine's layered trainer — in the page's training worker where the engine puts it (`worker:
 * 'auto'`), where a step is a message and the worker takes the steps in order — and counted here, so the epoch
 * budget is kept whichever side trains; each readback brings the trainer's readout to the widget, which redraws
 * the codes from it before the readback counts as done (so the handout latch resolves on a drawn, trained map).
 */
import type { LayeredReadout } from '../../engine/layered-trainer.ts';
import type { AnyLayeredTrainer } from '../../engine/runtime.ts';
import type { Stepper } from '../shared/runtime/run-controller.ts';

export class LatentRun implements Stepper {
  readonly name = 'autoencoder-latent';
  /** Steps handed to the trainer so far (a worker's trainer runs them a little later, in order). */
  queued = 0;
  /** A step that failed in the worker (its promise rejected): the run stops and the widget says why. */
  failure: unknown;

  constructor(
    readonly trainer: AnyLayeredTrainer,
    /** The epoch budget in steps. */
    readonly stepLimit: number,
    /** Steps per chunk of `settle()`: whole epochs, so the same settings always give the same pictures. */
    readonly chunk: number,
    /** The pace while playing: about what a WASM worker sustains, so steps never pile up in its queue. */
    readonly stepsPerSecond: number,
    private readonly onReadBack: (readout: LayeredReadout | undefined) => Promise<void>,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  advance(count: number): void {
    const allowed = Math.min(count, this.stepLimit - this.queued);
    if (allowed <= 0) return;
    this.queued += allowed;
    const done = this.trainer.step(allowed) as void | Promise<void>;
    if (done instanceof Promise) {
      done.catch((error: unknown) => {
        if (this.trainer.isDisposed) return; // replaced meanwhile: nothing to report
        this.failure = error;
        this.onFailure(error);
      });
    }
  }

  get canContinue(): boolean {
    return !this.failure && !this.trainer.isDisposed && !this.trainer.divergence && this.queued < this.stepLimit;
  }

  async readBack(): Promise<void> {
    const readout = await this.trainer.readBack();
    await this.onReadBack(readout);
  }

  suspend(): unknown {
    return this.trainer.isDisposed ? undefined : this.trainer.suspend();
  }

  resume(): void {
    if (this.trainer.isDisposed) return;
    void Promise.resolve(this.trainer.resume()).catch(() => {});
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
