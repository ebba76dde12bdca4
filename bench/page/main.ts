/**
 * The bench page: times one (workload, backend, implementation) at a time for `bench/run.ts`, which drives
 * it through `window.axonBench`. Every timed stretch ends with an awaited readback, so work a GPU backend
 * merely queued is counted.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tfl from '@tensorflow/tfjs-layers';
import { isSoftwareAdapter, type AdapterDescription } from '../../engine/backends.ts';
import { startEngine } from '../../engine/runtime.ts';
import { tf } from '../../engine/tf.ts';
import type { TrainingPath } from '../../engine/fused/choose.ts';
import type { TrainerSpec, TrainingData } from '../../engine/trainer.ts';
import { PlainTrainer } from '../plain-trainer.ts';
import type { AxonBench, Probe, RunOptions, RunOutcome, RunResult } from '../protocol.ts';
import { layeredStepsPerEpoch, layeredWorkloadByName, type LayeredWorkload } from '../layered-workloads.ts';
import { workloadByName } from '../workloads.ts';
import { engineLayered, layersLayered, type LayeredContender } from './layered.ts';
import { trainOnScreen } from './on-screen.ts';

const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

/** Runs `count` optimizer steps and resolves, after an awaited readback, to the latest loss. */
type Chunk = (count: number) => Promise<number>;

interface Contender {
  chunk: Chunk;
  dispatchesPerStep?: number;
  dispose(): void;
  diverged?: () => string | undefined;
}

/** Puts TF.js on `backend` through the engine's own start-up; the reason when it cannot. */
async function useBackend(backend: RunOptions['backend']): Promise<string | undefined> {
  if (backend === 'js') return undefined;
  const engine = await startEngine({ request: backend, wasmPaths: WASM_PATHS });
  if (engine.info.backend !== backend) return `${backend} unavailable: ${engine.info.reason}`;
  return undefined;
}

/** The path each engine implementation pins its trainer to. */
const ENGINE_PATHS = { engine: 'op-by-op', 'engine-fused': 'fused-wasm', 'engine-fused-js': 'fused-js', 'engine-fused-webgpu': 'fused-webgpu' } as const;

async function engineContender(spec: TrainerSpec, data: TrainingData, backend: RunOptions['backend'], path: TrainingPath): Promise<Contender> {
  const engine = await startEngine({ request: backend as Exclude<typeof backend, 'js'>, wasmPaths: WASM_PATHS });
  const trainer = engine.createTrainer({ ...spec, path }, data);
  if (trainer.path !== path) throw new Error(`the engine will not take the ${path} path here: ${trainer.pathReason}`);
  return {
    dispatchesPerStep: trainer.dispatchesPerStep,
    async chunk(count) {
      trainer.step(count);
      return (await trainer.readBack())!.loss;
    },
    dispose: () => trainer.dispose(),
    diverged: () => trainer.divergence?.reason,
  };
}

/** What the engine picks for a workload on the current backend when left to itself. */
async function autoPath(spec: TrainerSpec, data: TrainingData, backend: RunOptions['backend']): Promise<{ path: string; reason: string }> {
  const engine = await startEngine({ request: backend as Exclude<typeof backend, 'js'>, wasmPaths: WASM_PATHS });
  const trainer = engine.createTrainer(spec, data);
  const choice = { path: trainer.path, reason: trainer.pathReason };
  trainer.dispose();
  return choice;
}

function layersContender(spec: TrainerSpec, data: TrainingData): Contender {
  const { layers, hidden } = spec.network;
  if (hidden === 'threshold') throw new Error('TF.js Layers has no threshold activation');
  if (spec.optimizer.kind !== 'sgd') throw new Error('the bench compares plain SGD');
  const output = spec.loss === 'bce' ? 'sigmoid' : spec.network.output;
  const model = tfl.sequential();
  const seed = 42;
  for (let l = 1; l < layers.length; l += 1) {
    const last = l === layers.length - 1;
    model.add(
      tfl.layers.dense({
        units: layers[l]!,
        inputShape: l === 1 ? [layers[0]!] : undefined,
        activation: last ? output : hidden,
        // The engine's scheme (engine/initialisation.ts): He uniform for ReLU hidden layers, Glorot uniform
        // otherwise, biases U(±1/√fan-in).
        kernelInitializer: hidden === 'relu' && !last ? tfl.initializers.heUniform({ seed: seed + l }) : tfl.initializers.glorotUniform({ seed: seed + l }),
        biasInitializer: tfl.initializers.randomUniform({ minval: -1 / Math.sqrt(layers[l - 1]!), maxval: 1 / Math.sqrt(layers[l - 1]!), seed: seed + 100 + l }),
      }),
    );
  }
  const optimizer = tf.train.sgd(spec.optimizer.learningRate);
  model.compile({ optimizer, loss: spec.loss === 'bce' ? 'binaryCrossentropy' : 'meanSquaredError' });
  const x = tf.tensor2d(data.inputs as number[][], undefined, 'float32');
  const y = tf.tensor2d(data.targets as number[][], undefined, 'float32');
  const samples = data.inputs.length;
  return {
    async chunk(count) {
      // One fit call: `count` epochs of one full batch each = `count` optimizer steps; fit resolves after
      // reading the losses back. yieldEvery 'never': no waiting for animation frames between epochs.
      const history = await model.fit(x, y, { epochs: count, batchSize: samples, shuffle: false, verbose: 0, yieldEvery: 'never' });
      return Number(history.history.loss!.at(-1));
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
      x.dispose();
      y.dispose();
    },
  };
}

function plainContender(spec: TrainerSpec, data: TrainingData): Contender {
  const trainer = new PlainTrainer(spec, data);
  return { chunk: async (count) => trainer.step(count), dispose() {} };
}

/**
 * Times a contender: one first step (compilation), warm-up, then chunks sized to about an eighth of the
 * budget each, until the budget and the minimum step count are both reached.
 */
async function measure(chunk: Chunk, options: RunOptions) {
  const { budgetMs, minSteps = 3 } = options;
  const warmupMs = options.warmupMs ?? budgetMs / 5;
  let start = performance.now();
  let loss = await chunk(1);
  const firstStepMs = performance.now() - start;
  let estimate = firstStepMs;
  let warmupSteps = 1;
  // Warm-up: at least one more step (the first one paid for compilation), then until warmupMs has passed.
  start = performance.now();
  do {
    const count = clamp(Math.round(warmupMs / 4 / estimate), 1, 2000);
    const t = performance.now();
    loss = await chunk(count);
    estimate = (performance.now() - t) / count;
    warmupSteps += count;
  } while (performance.now() - start < warmupMs);

  let steps = 0;
  start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || steps < minSteps) {
    const left = Math.max(budgetMs - elapsed, 0);
    let count = clamp(Math.round(Math.min(budgetMs / 8, left) / estimate), 1, 5000);
    count = Math.max(count, minSteps - steps);
    const t = performance.now();
    loss = await chunk(count);
    estimate = (performance.now() - t) / count;
    steps += count;
    elapsed = performance.now() - start;
  }
  return { msPerStep: elapsed / steps, steps, firstStepMs, warmupSteps, loss };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number.isFinite(value) ? value : low));
}

/** Times a contender, then disposes of it; a run that diverged has no timing (its trainer stopped stepping). */
async function timeContender(contender: Pick<Contender, 'chunk' | 'dispose' | 'diverged'>, options: RunOptions): Promise<Awaited<ReturnType<typeof measure>> | { skipped: string }> {
  let measured: Awaited<ReturnType<typeof measure>>;
  let diverged: string | undefined;
  try {
    measured = await measure(contender.chunk, options);
    diverged = contender.diverged?.();
  } finally {
    contender.dispose();
  }
  return diverged ? { skipped: `diverged (${diverged}); the trainer stopped stepping, so its timing is void` } : measured;
}

/** A layered workload (bench/layered-workloads.ts): the engine's layered trainer and TF.js Layers, ms per step and per epoch. */
async function runLayered(workload: LayeredWorkload, options: RunOptions): Promise<RunOutcome> {
  const { backend, implementation } = options;
  if (implementation !== 'engine' && implementation !== 'tfjs-layers') return { skipped: `${implementation} takes dense MLP specs only; a layered model steps op by op` };
  if (backend === 'js') return { skipped: `${implementation} needs a TF.js backend` };
  const unavailable = await useBackend(backend);
  if (unavailable) return { skipped: unavailable };
  const data = await workload.data();
  const tensorsBefore = tf.memory().numTensors;
  let contender: LayeredContender;
  try {
    contender = implementation === 'engine' ? engineLayered(await startEngine({ request: backend, wasmPaths: WASM_PATHS }), workload, data) : layersLayered(workload, data);
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const timed = await timeContender(contender, options);
  if ('skipped' in timed) return timed;
  const measured = timed;
  const perEpoch = layeredStepsPerEpoch(workload);
  return {
    workload: workload.name,
    backend,
    implementation,
    msPerStep: measured.msPerStep,
    msPerEpoch: measured.msPerStep * perEpoch,
    stepsPerSecond: 1000 / measured.msPerStep,
    steps: measured.steps,
    firstStepMs: measured.firstStepMs,
    warmupSteps: measured.warmupSteps,
    loss: measured.loss,
    leakedTensors: tf.memory().numTensors - tensorsBefore,
    ...(contender.path ? { autoPath: contender.path } : {}),
    note: `${Math.round(measured.msPerStep * perEpoch)} ms per epoch (${perEpoch} steps)`,
  };
}

async function run(options: RunOptions): Promise<RunOutcome> {
  const { workload: name, backend, implementation } = options;
  const layered = layeredWorkloadByName(name);
  if (layered) return runLayered(layered, options);
  const workload = workloadByName(name);
  const data = workload.data();
  if (implementation === 'plain-js' && backend !== 'js') return { skipped: 'plain-js runs on no TF.js backend (backend "js")' };
  if (implementation !== 'plain-js' && backend === 'js') return { skipped: `${implementation} needs a TF.js backend` };
  const unavailable = await useBackend(backend);
  if (unavailable) return { skipped: unavailable };
  const tensorsBefore = backend === 'js' ? 0 : tf.memory().numTensors;
  const isEngine = implementation in ENGINE_PATHS;
  let contender: Contender;
  try {
    contender = isEngine
      ? await engineContender(workload.spec, data, backend, ENGINE_PATHS[implementation as keyof typeof ENGINE_PATHS])
      : implementation === 'tfjs-layers'
        ? layersContender(workload.spec, data)
        : plainContender(workload.spec, data);
  } catch (error) {
    // A peer that cannot train this workload (Layers has no threshold unit, the plain trainer no Adam …).
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const timed = await timeContender(contender, options);
  if ('skipped' in timed) return timed;
  const measured = timed;
  const result: RunResult = {
    workload: name,
    backend,
    implementation,
    msPerStep: measured.msPerStep,
    stepsPerSecond: 1000 / measured.msPerStep,
    steps: measured.steps,
    firstStepMs: measured.firstStepMs,
    warmupSteps: measured.warmupSteps,
    loss: measured.loss,
    leakedTensors: backend === 'js' ? 0 : tf.memory().numTensors - tensorsBefore,
    ...(isEngine ? { autoPath: await autoPath(workload.spec, data, backend) } : {}),
    ...(contender.dispatchesPerStep ? { dispatchesPerStep: contender.dispatchesPerStep } : {}),
  };
  if (!Number.isFinite(measured.loss)) result.note = `loss is ${measured.loss}`;
  return result;
}

/** The Hodgkin–Huxley simulator's model, if this checkout has it (another widget's pure model). */
const hhModules = import.meta.glob('../../components/hh-simulator/hh-simulator.model.ts');
type Simulate = (options: { duration?: number; dt?: number; method?: 'rk4' | 'euler' }) => { V: ArrayLike<number> };

async function hhSimulate(): Promise<Simulate | undefined> {
  const load = Object.values(hhModules)[0];
  if (!load) return undefined;
  const module = (await load()) as { simulate?: unknown };
  return typeof module.simulate === 'function' ? (module.simulate as Simulate) : undefined;
}

async function runExtra(name: string, budgetMs: number): Promise<RunOutcome> {
  if (name !== 'hh-rk4-100ms') return { skipped: `unknown extra workload ${name}` };
  const simulate = await hhSimulate();
  if (!simulate) return { skipped: 'components/hh-simulator/hh-simulator.model.ts has no simulate()' };
  let last = 0;
  // One "step" is one whole simulation: 100 ms of membrane at dt = 0.01 ms with RK4 (10,000 steps).
  const chunk: Chunk = async (count) => {
    for (let i = 0; i < count; i += 1) {
      const trace = simulate({ duration: 100, dt: 0.01, method: 'rk4' });
      last = trace.V[trace.V.length - 1]!;
    }
    return last;
  };
  const measured = await measure(chunk, { workload: name, backend: 'js', implementation: 'plain-js', budgetMs });
  return {
    workload: name,
    backend: 'js',
    implementation: 'plain-js',
    msPerStep: measured.msPerStep,
    stepsPerSecond: 1000 / measured.msPerStep,
    steps: measured.steps,
    firstStepMs: measured.firstStepMs,
    warmupSteps: measured.warmupSteps,
    loss: measured.loss,
    leakedTensors: 0,
    note: 'ms per simulation run (V at 100 ms in the loss column)',
  };
}

async function probe(): Promise<Probe> {
  let webgl: Probe['webgl'] = null;
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (gl) {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    webgl = {
      vendor: String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
      renderer: String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
    };
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
  let webgpu: Probe['webgpu'] = null;
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(o?: object): Promise<{ info?: AdapterDescription; isFallbackAdapter?: boolean } | null> } }).gpu;
  try {
    const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter) {
      const info: AdapterDescription = {
        vendor: adapter.info?.vendor,
        architecture: adapter.info?.architecture,
        device: adapter.info?.device,
        description: adapter.info?.description,
        isFallbackAdapter: adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter,
      };
      webgpu = { ...info, software: isSoftwareAdapter(info) };
    }
  } catch {
    webgpu = null;
  }
  const extras = (await hhSimulate()) ? ['hh-rk4-100ms'] : [];
  return { userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, webgl, webgpu, extras };
}

const bench: AxonBench = { probe, run, runExtra, trainOnScreen: (options) => trainOnScreen(options, WASM_PATHS) };
window.axonBench = bench;
document.getElementById('status')!.textContent = 'ready';
