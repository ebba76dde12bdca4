/**
 * A trainer's run on a fused path, whichever kernel runs it: registry.ts's kernels all step through one
 * interface (`FusedStepper`, kernel.ts). It holds the stepper (the live weights and optimizer state),
 * notes when the trainer's TF.js variables fall behind it, and, when a GPU kernel cannot go on (the device
 * lost, a shader refused), carries on with the best CPU kernel from the weights it is given, saying so in
 * `reason`.
 */
import type { LayerWeights, Mlp } from '../mlp.ts';
import type { OptimizerState } from '../optimizers.ts';
import { tf } from '../tf.ts';
import { choosePath, cpuFallback, type PathChoice, type PathRequest } from './choose.ts';
import type { FusedKernel, FusedProblem, FusedShape, FusedStepper } from './kernel.ts';
import { FUSED_KERNELS, type FusedPath } from './registry.ts';

/** The path a trainer of this shape takes here: choose.ts over the registry's kernels, with TF.js's backend as it is now. */
export function choosePathHere(request: PathRequest, shape: FusedShape): PathChoice {
  return choosePath(request, tf.getBackend(), shape.network, shape.samples, shape.maxBatch, FUSED_KERNELS);
}

/** Starts a trainer's run on the registry's kernel of that `path`, from the `initial` weights. */
export function startFusedRun(path: FusedPath, reason: string, problem: FusedProblem, initial: readonly LayerWeights[]): FusedRun {
  return new FusedRun(path, reason, problem, initial, FUSED_KERNELS);
}

export class FusedRun<P extends string = FusedPath> {
  /** The TF.js variables lag behind the live weights. */
  stale = false;
  private kernel: FusedKernel<P>;
  private stepper: FusedStepper;
  private disposed = false;

  /** Starts the kernel of `kernels` (the registry's, or a test's) called `path`; `reason` says why it was chosen. */
  constructor(
    path: P,
    /** Why the steps run on this kernel. */
    public reason: string,
    private readonly problem: FusedProblem,
    initial: readonly LayerWeights[],
    private readonly kernels: readonly FusedKernel<P>[],
  ) {
    const kernel = kernels.find((k) => k.path === path);
    if (!kernel) throw new Error(`no fused kernel is called "${path}"`);
    this.kernel = kernel;
    this.stepper = this.start(kernel, initial);
  }

  /** The kernel the steps run on now. */
  get path(): P {
    return this.kernel.path;
  }

  /** GPU dispatches per step, where the kernel has a fixed number. */
  get dispatchesPerStep(): number | undefined {
    return this.stepper.dispatchesPerStep;
  }

  /** Takes one step per entry (row indices, or undefined for every row): on the GPU, all in one submission. */
  step(batches: readonly (readonly number[] | undefined)[]): void {
    if (batches.length === 0) return;
    this.stepper.step(batches);
    this.stale = true;
  }

  /** The latest step's loss (before its update), then every trainable parameter in the trainer's order. */
  readBack(): Promise<Float32Array | undefined> {
    return this.stepper.readBack();
  }

  /** The weights at once, where the kernel keeps them in JavaScript's memory; undefined on the GPU (use `readWeights`). */
  weightsNow(): LayerWeights[] | undefined {
    return this.stepper.weightsNow();
  }

  readWeights(): Promise<LayerWeights[]> {
    return this.stepper.readWeights();
  }

  writeWeights(layers: readonly LayerWeights[]): void {
    this.stepper.writeWeights(layers);
  }

  exportState(): Promise<OptimizerState> {
    return this.stepper.exportState();
  }

  /** Sets the network's TF.js variables to the live weights (GPU to GPU on a GPU kernel). */
  copyInto(model: Mlp): void {
    this.stepper.copyInto(model);
    this.stale = false;
  }

  /** Goes on with the best CPU kernel from `weights` when a GPU kernel cannot (no-op on a CPU kernel). */
  leaveGpu(reason: string, weights: readonly LayerWeights[]): void {
    if (this.kernel.runsOn !== 'gpu') return;
    const kernel = cpuFallback(this.kernels, this.problem, tf.getBackend());
    this.disposeStepper();
    const stepper = this.start(kernel, weights);
    this.kernel = kernel;
    this.stepper = stepper;
    this.reason = reason;
    this.stale = true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeStepper();
  }

  private start(kernel: FusedKernel<P>, weights: readonly LayerWeights[]): FusedStepper {
    const stepper = kernel.create(this.problem, weights);
    // A GPU that rejects the shader (it should not: WGSL is validated the same everywhere) costs the run nothing.
    void stepper.problem?.then((message) => {
      if (message && this.stepper === stepper && !this.disposed) this.leaveGpu(`${kernel.name} failed (${message}): it goes on on the CPU`, weights);
    });
    return stepper;
  }

  private disposeStepper(): void {
    try {
      this.stepper.dispose();
    } catch {
      // a lost device took its buffers with it
    }
  }
}
