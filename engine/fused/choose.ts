/**
 * Which path a trainer's steps take: TF.js op by op; the fused step on the CPU, in WebAssembly SIMD
 * (wasm.ts) where the runtime has it and in plain JavaScript (js.ts) where it does not; or the fused step
 * on WebGPU (webgpu.ts), two dispatches a step on TF.js's own device. Pure, so the rule is tested and
 * printed (the trainer's `path` and `pathReason`) rather than buried.
 *
 * The rule follows what `npm run bench` measures. On TF.js's CPU and WASM backends the fused step wins
 * every workload, by 10× and more for a lecture's small networks, where TF.js spends its time on some
 * forty operations' bookkeeping rather than on the arithmetic. On a GPU backend each of those operations
 * is a kernel launch of tens of microseconds, so a step costs about a millisecond however small the
 * network; the fused CPU step does about a million floating-point operations in that time, so networks
 * below that stay on the CPU and bigger ones go to the GPU: on WebGPU to the fused step, on WebGL op by
 * op. WebAssembly SIMD runs the fused step faster than JavaScript (npm run bench), so it is taken whenever
 * the kernel loaded. (The crossover is an estimate: no hardware GPU was at hand to measure it.)
 */
import { fusedRefusal, stepFlops, type FusedNetwork } from './network.ts';

export type TrainingPath = 'op-by-op' | 'fused-wasm' | 'fused-js' | 'fused-webgpu';
/**
 * What a trainer asks for: the engine's choice (`auto`), the best fused kernel available (`fused`), or
 * one path (tests and the bench compare them).
 */
export type PathRequest = 'auto' | 'fused' | TrainingPath;
export const PATH_REQUESTS: readonly PathRequest[] = ['auto', 'fused', 'fused-wasm', 'fused-js', 'fused-webgpu', 'op-by-op'];

export interface PathChoice {
  path: TrainingPath;
  reason: string;
}

/** Below this many floating-point operations per step, the fused CPU step beats a GPU backend's launches. */
export const GPU_CROSSOVER_FLOPS = 1e6;

/** What the runtime offers the fused paths: true when usable, else why not. */
export interface FusedKernels {
  /** The WebAssembly kernel is loaded (`wasmKernelReady()`). */
  wasm: true | string;
  /** TF.js runs on WebGPU and the network fits its device's limits. */
  webgpu: true | string;
}

export function choosePath(request: PathRequest, backend: string, network: FusedNetwork, samples: number, batch: number, kernels: FusedKernels): PathChoice {
  if (!PATH_REQUESTS.includes(request)) throw new Error(`unknown training path "${String(request)}": use one of ${PATH_REQUESTS.join(', ')}`);
  if (request === 'op-by-op') return { path: 'op-by-op', reason: 'asked for op-by-op steps' };
  const refusal = fusedRefusal(network, samples);
  if (refusal) return { path: 'op-by-op', reason: `too big for the fused step: ${refusal}` };
  const { wasm } = kernels;
  if (request === 'fused-webgpu') {
    if (kernels.webgpu !== true) throw new Error(`the fused WebGPU step cannot run here: ${kernels.webgpu}`);
    return { path: 'fused-webgpu', reason: 'asked for the fused step on WebGPU' };
  }
  const fused: TrainingPath = wasm === true ? 'fused-wasm' : 'fused-js';
  const kernel = wasm === true ? 'the fused step (WebAssembly SIMD)' : `the fused step (JavaScript: ${wasm})`;
  if (request === 'fused-js') return { path: 'fused-js', reason: 'asked for the fused step in JavaScript' };
  if (request === 'fused-wasm') {
    if (wasm !== true) throw new Error(`the fused WebAssembly step cannot run here: ${wasm}`);
    return { path: 'fused-wasm', reason: 'asked for the fused step in WebAssembly' };
  }
  if (request === 'fused') return { path: fused, reason: `asked for ${kernel}` };
  if (backend === 'cpu' || backend === 'wasm') return { path: fused, reason: `${kernel} outruns TF.js ${backend} op by op` };
  const flops = stepFlops(network, batch);
  if (flops <= GPU_CROSSOVER_FLOPS) {
    return { path: fused, reason: `${formatFlops(flops)} per step: ${kernel} beats ${backend}'s kernel launches` };
  }
  if (kernels.webgpu === true) return { path: 'fused-webgpu', reason: `${formatFlops(flops)} per step: the fused step on WebGPU, two dispatches a step` };
  return { path: 'op-by-op', reason: `${formatFlops(flops)} per step: enough work for ${backend}` };
}

function formatFlops(flops: number): string {
  return flops >= 1e6 ? `${(flops / 1e6).toFixed(1)} MFLOP` : `${Math.round(flops / 1e3)} kFLOP`;
}
