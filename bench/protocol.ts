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

/** A layered workload trained on screen (issue 18): frames while it trains, on the main thread or in the worker. */
export interface OnScreenOptions {
  workload: string;
  backend: Exclude<BenchBackend, 'js'>;
  /** Train in the engine's training worker (`worker: 'always'`) or on the main thread (`'never'`). */
  worker: boolean;
  /** How long frames are watched once training runs. */
  seconds: number;
}

export interface OnScreenResult {
  workload: string;
  backend: Exclude<BenchBackend, 'js'>;
  worker: boolean;
  frames: number;
  p95Ms: number;
  /** The longest main-thread task the Long Tasks API saw (0: none ≥ 50 ms). */
  longestTaskMs: number;
  /** Optimizer steps taken while the frames were watched, and the readouts drawn. */
  steps: number;
  readouts: number;
}

export interface AxonBench {
  probe(): Promise<Probe>;
  /** Trains a layered workload on screen and watches the frames. */
  trainOnScreen(options: OnScreenOptions): Promise<OnScreenResult | { skipped: string }>;
  run(options: RunOptions): Promise<RunOutcome>;
  /** Times an extra workload (plain JS): ms per run. */
  runExtra(name: string, budgetMs: number): Promise<RunOutcome>;
}

declare global {
  interface Window {
    axonBench?: AxonBench;
  }
}
