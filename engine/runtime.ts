/**
 * The engine: one TF.js runtime for the page. It picks the backend once (backends.ts decides, this file
 * probes the browser), hands out trainers, shares one frame-budget scheduler among them, and when the GPU
 * is lost mid-lecture (a WebGPU device destroyed, a WebGL context lost) moves every trainer to the next
 * backend, restoring the weights it last read back, and says so. What fails for one trainer (its move, a
 * scheduled step) is reported on that trainer (`failed`, which its widget shows); the others carry on.
 */
import {
  BACKEND_LABELS,
  adapterName,
  candidates,
  describeChoice,
  webGlVerdict,
  webGpuVerdict,
  type AdapterDescription,
  type BackendName,
  type BackendRequest,
  type EngineInfo,
} from './backends.ts';
import { Emitter } from './events.ts';
import { Scheduler, browserFrameSource, type AddOptions, type SchedulableTrainer, type ScheduledTrainer, type SchedulerOptions } from './scheduler.ts';
import { prepareFusedKernels } from './fused/registry.ts';
import { tf } from './tf.ts';
import { Trainer, type TrainerSpec, type TrainingData } from './trainer.ts';
import { LayeredTrainer, type LayeredData, type LayeredTrainerSpec } from './layered-trainer.ts';
import { wantsWorker } from './worker/heavy.ts';
import type { Endpoint } from './worker/protocol.ts';
import { WorkerConnection, WorkerLayeredTrainer } from './worker/proxy.ts';
import { spawnTrainingWorker } from './worker/spawn.ts';

/** Either kind of trainer: an MLP's (`Trainer`) or a layered model's (`LayeredTrainer`); the engine drives both alike. */
export type AnyTrainer = Trainer | LayeredTrainer;

/** A layered trainer on either thread: `createLayeredTrainer` with a `worker` option gives one (see worker/proxy.ts for what is async). */
export type AnyLayeredTrainer = LayeredTrainer | WorkerLayeredTrainer;

/** Where a layered trainer trains. */
export interface LayeredTrainerOptions {
  /**
   * `never`: on the main thread, stepped by the frame scheduler. `always`: in the page's training worker.
   * `auto`: in the worker where Workers exist and a step is heavy (more than ~4 M multiply-adds, a few ms:
   * worker/heavy.ts says why it is judged from the spec, not timed).
   */
  worker: 'auto' | 'always' | 'never';
}

export interface EngineOptions {
  /** The backend asked for by the deck (`backend:`) or the URL (`?backend=`); default `auto`. */
  request?: BackendRequest;
  /**
   * Where the WASM backend's .wasm files are served, by file name (the app bundles them; never a CDN).
   * Without it the WASM backend is skipped.
   */
  wasmPaths?: Record<string, string>;
  /** Scheduler settings (budget per frame …). */
  scheduler?: Omit<SchedulerOptions, 'frames'> & { frames?: SchedulerOptions['frames'] };
  /** Starts the training worker (default: a module Worker running worker/entry.ts; tests give a MessageChannel port). */
  spawnWorker?: (onError: (error: Error) => void) => Endpoint;
}

export interface EngineEvents extends Record<string, unknown> {
  /** The backend changed (after a failure); `info.recoveredFrom` says from what and why. */
  backend: EngineInfo;
  /** The training worker's engine changed backend after losing its GPU; its trainers carried on. */
  workerBackend: EngineInfo;
}

/** The little of WebGPU the engine touches (no DOM typings needed in engine/). */
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: AdapterDescription; isFallbackAdapter?: boolean } | null>;
}
interface LosableDevice {
  lost: Promise<{ reason?: string; message?: string }>;
}
interface WebGlLike {
  getExtension(name: string): unknown;
  getParameter(name: number): unknown;
}
interface LosableCanvas {
  addEventListener(type: 'webglcontextlost', listener: () => void): void;
}

export class Engine {
  readonly events = new Emitter<EngineEvents>();
  /** The TF.js runtime itself, for the console and for tests (e.g. `engine.tf.memory()`). */
  readonly tf = tf;
  private frameScheduler: Scheduler | undefined;
  private readonly trainers = new Set<AnyTrainer>();
  /** The trainer behind each of `schedule`'s entries, so a step that throws is reported on it. */
  private readonly scheduled = new WeakMap<SchedulableTrainer, AnyTrainer>();
  private recovering: Promise<void> | undefined;
  private worker: WorkerConnection | undefined;

  constructor(
    /** Which backend runs and why. */
    public info: EngineInfo,
    private readonly options: EngineOptions,
  ) {
    this.watchForLoss();
  }

  /** A trainer on this engine's backend; the engine keeps it through backend changes until disposed. */
  createTrainer(spec: TrainerSpec, data: TrainingData): Trainer {
    return this.keep(new Trainer(spec, data));
  }

  /**
   * A layered model's trainer (conv, pooling, dropout, early stopping) on this engine's backend, kept like
   * `createTrainer`'s. With `{ worker: 'auto' | 'always' }` it resolves to a `WorkerLayeredTrainer` where it
   * trains in the page's training worker (same API, a few calls async: worker/proxy.ts), or to a
   * main-thread one (`auto` on a light spec, or where there are no Workers).
   */
  createLayeredTrainer(spec: LayeredTrainerSpec, data: LayeredData): LayeredTrainer;
  createLayeredTrainer(spec: LayeredTrainerSpec, data: LayeredData, options: { worker: 'never' }): LayeredTrainer;
  createLayeredTrainer(spec: LayeredTrainerSpec, data: LayeredData, options: LayeredTrainerOptions): Promise<AnyLayeredTrainer>;
  createLayeredTrainer(spec: LayeredTrainerSpec, data: LayeredData, options?: LayeredTrainerOptions): LayeredTrainer | Promise<AnyLayeredTrainer> {
    const where = options?.worker ?? 'never';
    if (where === 'never') return this.keep(new LayeredTrainer(spec, data));
    if (where === 'auto' && !wantsWorker(spec, data, Boolean(this.options.spawnWorker) || typeof Worker !== 'undefined')) return Promise.resolve().then(() => this.keep(new LayeredTrainer(spec, data)));
    const connection = this.trainingWorker();
    const inWorker = connection.createTrainer(spec, data);
    if (where === 'always') return inWorker;
    // 'auto' on a page where the worker cannot run (its script refused, Workers blocked): train here instead.
    return inWorker.catch((error: unknown) => {
      if (!connection.broken) throw error;
      console.warn(`the training worker is not available (${messageOf(error)}): "${spec.name ?? 'trainer'}" trains on the main thread`);
      return this.keep(new LayeredTrainer(spec, data));
    });
  }

  /** The page's training worker, started on first use with this engine's backend request and WASM files. */
  trainingWorker(): WorkerConnection {
    if (this.worker) return this.worker;
    const fail = (error: Error) => connection.fail(error);
    const port = (this.options.spawnWorker ?? spawnTrainingWorker)((error) => fail(error));
    const connection = new WorkerConnection(port, { request: this.info.requested, wasmPaths: absolutePaths(this.options.wasmPaths) });
    connection.events.on('backend', (info) => this.events.emit('workerBackend', info));
    this.worker = connection;
    return connection;
  }

  private keep<T extends AnyTrainer>(trainer: T): T {
    this.trainers.add(trainer);
    trainer.events.on('disposed', () => this.trainers.delete(trainer));
    return trainer;
  }

  /** The page's one frame-budget scheduler (made on first use: Node has no frames unless given some). */
  get scheduler(): Scheduler {
    this.frameScheduler ??= new Scheduler({
      ...this.options.scheduler,
      frames: this.options.scheduler?.frames ?? browserFrameSource(),
      onError: this.options.scheduler?.onError ?? ((entry, error) => this.reportStepFailure(entry, error)),
    });
    return this.frameScheduler;
  }

  /**
   * Lets the scheduler train `trainer` in each frame's time slice. The handle plays, pauses, shows and
   * hides it (a widget pauses on a hidden slide); `stepsPerSecond` paces an animation; `stepLimit` stops
   * it after that many steps in all (a widget's epoch budget). A diverged trainer, or one early stopping ended, is paused.
   */
  schedule(trainer: AnyTrainer | WorkerLayeredTrainer, options: AddOptions & { stepsPerSecond?: number; stepLimit?: number } = {}): ScheduledTrainer {
    // A worker's trainer trains in the worker's own loop, not in this page's frames.
    if (trainer instanceof WorkerLayeredTrainer) return trainer.schedule(options);
    const { stepLimit, stepsPerSecond, ...addOptions } = options;
    const entry: SchedulableTrainer = {
      name: trainer.spec.name ?? 'trainer',
      runSteps: (count) => {
        const allowed = stepLimit === undefined ? count : Math.min(count, stepLimit - trainer.steps);
        if (allowed > 0) trainer.step(allowed);
        const stoppedEarly = trainer instanceof LayeredTrainer && trainer.stoppedEarly;
        if (trainer.divergence || stoppedEarly || (stepLimit !== undefined && trainer.steps >= stepLimit)) handle.pause();
      },
      readBack: () => trainer.readBack(),
      stepsPerSecond,
    };
    this.scheduled.set(entry, trainer);
    const handle: ScheduledTrainer = this.scheduler.add(entry, addOptions);
    return handle;
  }

  /** Tensors alive on the backend (for leak checks and the console). */
  get tensorCount(): number {
    return tf.memory().numTensors;
  }

  /**
   * Moves to the next backend after a failure: every trainer is rebuilt there from its last snapshot.
   * Concurrent calls share one recovery.
   */
  recover(reason: string): Promise<void> {
    this.recovering ??= this.moveOn(reason).finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  /** Resolves when no recovery is under way. */
  async settled(): Promise<void> {
    await this.recovering;
  }

  private async moveOn(reason: string): Promise<void> {
    const failed = this.info.backend;
    const order = candidates(this.info.requested);
    const next = order.slice(order.indexOf(failed) + 1);
    for (const backend of next) {
      const started = await activate(backend, this.info.requested, this.options, true);
      if (!started.ok) continue;
      this.info = {
        ...describeChoice({ backend, requested: this.info.requested, adapter: started.adapter, passedOver: [] }),
        reason: `${BACKEND_LABELS[failed]} failed during training (${reason}); continued on ${BACKEND_LABELS[backend]}`,
        label: `${BACKEND_LABELS[backend]} — ${BACKEND_LABELS[failed]} was lost, training continued`,
        recoveredFrom: { backend: failed, reason },
      };
      for (const trainer of this.trainers) {
        try {
          trainer.moveToCurrentBackend();
        } catch (error) {
          // One trainer that cannot be rebuilt (its widget says why) must not leave the others on the lost device.
          trainer.reportFailure(`could not move to ${BACKEND_LABELS[backend]} after ${BACKEND_LABELS[failed]} was lost: ${messageOf(error)}`, error);
        }
      }
      this.watchForLoss();
      this.events.emit('backend', this.info);
      return;
    }
    throw new Error(`${BACKEND_LABELS[failed]} failed (${reason}) and no other backend could start`);
  }

  /** The scheduler paused a trainer that threw: logged as before, and shown on its widget. */
  private reportStepFailure(entry: SchedulableTrainer, error: unknown): void {
    console.error(`Scheduler: trainer "${entry.name}" threw and was paused; call play() to retry`, error);
    this.scheduled.get(entry)?.reportFailure(`training stopped: ${messageOf(error)}`, error);
  }

  private watchForLoss(): void {
    const backend = tf.backend() as unknown as { device?: LosableDevice; gpgpu?: { gl?: { canvas?: LosableCanvas } } };
    const current = this.info.backend;
    if (current === 'webgpu' && backend.device?.lost) {
      void backend.device.lost.then((lost) => {
        if (this.info.backend === 'webgpu') void this.recover(`device lost: ${lost.message || lost.reason || 'unknown reason'}`).catch(() => {});
      });
    }
    if (current === 'webgl') {
      backend.gpgpu?.gl?.canvas?.addEventListener('webglcontextlost', () => {
        if (this.info.backend === 'webgl') void this.recover('WebGL context lost').catch(() => {});
      });
    }
  }
}

/** Starts a backend; `ok` false with the reason when it cannot run here. */
async function activate(
  backend: BackendName,
  request: BackendRequest,
  options: EngineOptions,
  afterFailure = false,
): Promise<{ ok: true; adapter: string } | { ok: false; why: string }> {
  try {
    if (backend === 'webgpu') {
      const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
      const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }) : 'no-api';
      const description: AdapterDescription | null | 'no-api' =
        adapter === 'no-api' ? 'no-api' : adapter ? { ...adapter.info, isFallbackAdapter: adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter } : null;
      const verdict = webGpuVerdict(afterFailure ? 'auto' : request, description);
      if (!verdict.usable) return { ok: false, why: verdict.why };
      await import('@tensorflow/tfjs-backend-webgpu');
      if (!(await tf.setBackend('webgpu'))) return { ok: false, why: 'the WebGPU backend failed to start' };
      return { ok: true, adapter: adapterName(description as AdapterDescription) };
    }
    if (backend === 'webgl') {
      await import('@tensorflow/tfjs-backend-webgl');
      if (!(await tf.setBackend('webgl'))) return { ok: false, why: 'no WebGL on this browser' };
      const verdict = webGlVerdict(afterFailure ? 'auto' : request, webGlRenderer());
      return verdict.usable ? { ok: true, adapter: '' } : { ok: false, why: verdict.why };
    }
    if (backend === 'wasm') {
      if (!options.wasmPaths) return { ok: false, why: 'the WASM files are not served here' };
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(options.wasmPaths);
      const ok = await tf.setBackend('wasm');
      return ok ? { ok: true, adapter: '' } : { ok: false, why: 'WebAssembly failed to start' };
    }
    const ok = await tf.setBackend('cpu');
    return ok ? { ok: true, adapter: '' } : { ok: false, why: 'the CPU backend failed to start' };
  } catch (error) {
    return { ok: false, why: `${BACKEND_LABELS[backend]} failed to start (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The WASM files' addresses made absolute: the worker resolves relative ones against its own script, not the page. */
function absolutePaths(paths: Record<string, string> | undefined): Record<string, string> | undefined {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  if (!paths || !base) return paths;
  return Object.fromEntries(Object.entries(paths).map(([name, path]) => [name, new URL(path, base).href]));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The WebGL renderer's name as the driver reports it ('' when the browser hides it). */
function webGlRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGlLike } }).gpgpu?.gl;
  const info = gl?.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null | undefined;
  const renderer = gl?.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : 0x1f01 /* RENDERER */);
  return typeof renderer === 'string' ? renderer : '';
}

let theEngine: Promise<Engine> | undefined;

/**
 * The page's engine, started on first use: every widget that calls this gets the same one (one TF.js
 * runtime, one backend, one scheduler). Options count only on the first call.
 */
export function getEngine(options: EngineOptions = {}): Promise<Engine> {
  theEngine ??= startEngine(options);
  return theEngine;
}

/** Starts an engine: tries the backends in order and keeps the first that runs. */
export async function startEngine(options: EngineOptions = {}): Promise<Engine> {
  const requested = options.request ?? 'auto';
  const passedOver: Array<{ backend: BackendName; why: string }> = [];
  for (const backend of candidates(requested)) {
    const started = await activate(backend, requested, options);
    if (started.ok) {
      // The fused kernels get ready alongside (the WebAssembly one compiles); one that cannot refuses, and trainers take the next.
      await Promise.all([tf.ready(), prepareFusedKernels()]);
      return new Engine(describeChoice({ backend, requested, adapter: started.adapter, passedOver }), options);
    }
    passedOver.push({ backend, why: started.why });
  }
  throw new Error(`no TF.js backend could start: ${passedOver.map((p) => `${p.backend}: ${p.why}`).join('; ')}`);
}
