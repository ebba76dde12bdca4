/**
 * What every fused kernel is to the rest of the engine: a registry entry (`FusedKernel`: its path name,
 * when it refuses, how it starts) and, once started, a `FusedStepper`, the one interface a trainer's run
 * drives whether the steps run in WebAssembly, in JavaScript or on the GPU. choose.ts decides among the
 * entries of registry.ts; run.ts drives the stepper; nothing else knows which kernel it has.
 */
import type { LayerWeights, Mlp } from '../mlp.ts';
import type { OptimizerState } from '../optimizers.ts';
import type { FusedNetwork } from './network.ts';

/** What a kernel is asked to train, as far as deciding needs: the network, the data's rows, the largest batch. */
export interface FusedShape {
  network: FusedNetwork;
  samples: number;
  maxBatch: number;
}

/** What a kernel starts from: the shape, and the data as float32 rows back to back. */
export interface FusedProblem extends FusedShape {
  inputs: Float32Array;
  targets: Float32Array;
}

/**
 * One fused kernel. `path` is its one name: what a trainer asks for (`spec.path`) and reports
 * (`trainer.path`), `fused-` and what runs the step (which need not be TF.js's backend: `fused-wasm`
 * runs under every backend).
 */
export interface FusedKernel<P extends string = string> {
  readonly path: P;
  /**
   * Where the steps run. A `cpu` kernel runs whatever TF.js's backend is and survives a lost GPU; a
   * `gpu` kernel runs on TF.js's device, pays launches a step (choose.ts weighs them) and goes with it.
   */
  readonly runsOn: 'cpu' | 'gpu';
  /** How a sentence names it: "asked for the fused step in JavaScript". */
  readonly name: string;
  /**
   * What runs it, as the reason for picking it says: a CPU kernel's "WebAssembly SIMD" reads "the fused
   * step (WebAssembly SIMD)", a GPU kernel's "WebGPU, two dispatches a step" reads "the fused step on …".
   */
  readonly label: string;
  /** Why it cannot train `shape` here (TF.js on `backend`), or undefined when it can. */
  refusal(shape: FusedShape, backend: string): string | undefined;
  /** Starts it with `initial` weights; called only after `refusal` said yes. */
  create(problem: FusedProblem, initial: readonly LayerWeights[]): FusedStepper;
  /** Work to do once per page before it can run (compiling a module): the engine awaits it as it starts. */
  prepare?(): Promise<unknown>;
}

/** A running fused kernel: it holds the live weights and optimizer state of one trainer. */
export interface FusedStepper {
  /** GPU dispatches one step takes, where that is a fixed number. */
  readonly dispatchesPerStep?: number;
  /** Resolves to what went wrong after the start (a shader the device refused), or undefined when all is well. */
  readonly problem?: Promise<string | undefined>;
  /** Takes one optimizer step per entry: the rows of its batch, or undefined for every row. */
  step(batches: readonly (readonly number[] | undefined)[]): void;
  /** The latest step's loss (before its update), then every trainable parameter in the trainer's order; undefined before a step. */
  readBack(): Promise<Float32Array | undefined>;
  /** The weights at once, where they live in JavaScript's memory; undefined where reading them takes a transfer. */
  weightsNow(): LayerWeights[] | undefined;
  readWeights(): Promise<LayerWeights[]>;
  writeWeights(layers: readonly LayerWeights[]): void;
  /** The optimizer's state in `Optimizer.exportState`'s format, so the op-by-op path could carry on from it. */
  exportState(): Promise<OptimizerState>;
  /** Sets the network's TF.js variables to the live weights. */
  copyInto(model: Mlp): void;
  /** Frees what it holds (a lost device may have taken it already: the caller catches). */
  dispose(): void;
}
