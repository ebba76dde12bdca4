/** What the bench runner (Node) and the bench page (browser) say to each other through `window.axonBench`. */
import type { AdapterDescription } from '../engine/backends.ts';

/** Backends a row can run on: TF.js's, or `js` for code that runs no TF.js at all. */
export type BenchBackend = 'cpu' | 'wasm' | 'webgl' | 'webgpu' | 'js';
/**
 * `engine`: the engine's Trainer stepping op by op through TF.js (what TF.js alone does);
 * `engine-fused`: the same Trainer on its fused step in WebAssembly SIMD; `engine-fused-js`: the fused
 * step in plain JavaScript (the fallback where WebAssembly SIMD is missing); `engine-fused-webgpu`: the
 * fused step as two WebGPU dispatches (on the WebGPU backend only).
 */
export type Implementation = 'engine' | 'engine-fused' | 'engine-fused-js' | 'engine-fused-webgpu' | 'tfjs-layers' | 'plain-js';

export interface RunOptions {
  workload: string;
  backend: BenchBackend;
  implementation: Implementation;
  /** Measure for at least this long (after warm-up) … */
  budgetMs: number;
  /** … and at least this many steps, however long they take. Default 3. */
  minSteps?: number;
  /** Warm-up time after the first step (shader compilation, JIT); at least one more step runs. Default budget / 5. */
  warmupMs?: number;
}

export interface RunResult {
  workload: string;
  backend: BenchBackend;
  implementation: Implementation;
  msPerStep: number;
  /** Layered workloads: ms per epoch (msPerStep × the epoch's minibatch updates). */
  msPerEpoch?: number;
  stepsPerSecond: number;
  /** Steps timed (after warm-up). */
  steps: number;
  /** The very first step with its readback (includes shader compilation / JIT). */
  firstStepMs: number;
  warmupSteps: number;
  /** Loss after the timed steps: a sanity check that every peer trains the same problem. */
  loss: number;
  /** Tensors left behind on the backend after the run was disposed (0 expected). */
  leakedTensors: number;
  /** Engine rows: the path the engine itself picks for this workload on this backend (`auto`), and why. */
  autoPath?: { path: string; reason: string };
  /** GPU dispatches per step, where the path has a fixed number (the fused WebGPU step). */
  dispatchesPerStep?: number;
  note?: string;
}

export type RunOutcome = RunResult | { skipped: string };

export interface Probe {
  userAgent: string;
  hardwareConcurrency: number;
  /** WebGL's unmasked renderer and vendor, or null without WebGL. */
  webgl: { vendor: string; renderer: string } | null;
  /** The WebGPU adapter this browser offers, or null (no API / no adapter). */
  webgpu: (AdapterDescription & { software: boolean }) | null;
  /** Names of the extra (non-training) workloads the page found, e.g. the HH simulator. */
  extras: string[];
}

export interface AxonBench {
  probe(): Promise<Probe>;
  run(options: RunOptions): Promise<RunOutcome>;
  /** Times an extra workload (plain JS): ms per run. */
  runExtra(name: string, budgetMs: number): Promise<RunOutcome>;
}

declare global {
  interface Window {
    axonBench?: AxonBench;
  }
}
