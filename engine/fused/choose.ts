/**
 * Which path a trainer's steps take: TF.js op by op, or one of the fused kernels of registry.ts. The rule
 * loops over the kernels it is given, asks each whether it refuses this trainer, and knows them only by
 * the side they run on (`runsOn`), so a new kernel needs no change here. Pure: the kernels' answers are
 * the only thing it learns about the runtime, so the rule is tested, and printed (the trainer's `path`
 * and `pathReason`) rather than buried.
 *
 * The rule follows what `npm run bench` measures. On TF.js's CPU and WASM backends the fused step wins
 * every workload, by 10× and more for a lecture's small networks, where TF.js spends its time on some
 * forty operations' bookkeeping rather than on the arithmetic. On a GPU backend each of those operations
 * is a kernel launch of tens of microseconds, so a step costs about a millisecond however small the
 * network; the fused CPU step does about a million floating-point operations in that time, so networks
 * below that stay on the CPU and bigger ones go to the GPU: to a fused GPU kernel where one runs (WebGPU),
 * else op by op (WebGL). Among kernels on the same side the registry's order decides: the first that does
 * not refuse (WebAssembly SIMD, faster than JavaScript). (The crossover is an estimate: no hardware GPU
 * was at hand to measure it.)
 */
import type { FusedKernel, FusedShape } from './kernel.ts';
import { fusedRefusal, stepFlops, type FusedNetwork } from './network.ts';
import type { FusedPath } from './registry.ts';

export type TrainingPath = 'op-by-op' | FusedPath;
/**
 * What a trainer asks for: the engine's choice (`auto`), the best fused kernel on the CPU (`fused`), or
 * one path (tests and the bench compare them).
 */
export type PathRequest = 'auto' | 'fused' | TrainingPath;

export interface PathChoice<P extends string = FusedPath> {
  path: P | 'op-by-op';
  reason: string;
}

/** Below this many floating-point operations per step, the fused CPU step beats a GPU backend's launches. */
export const GPU_CROSSOVER_FLOPS = 1e6;

/** What one kernel said about a trainer: no refusal when it can run it. */
export interface KernelVerdict<P extends string = string> {
  kernel: FusedKernel<P>;
  refusal: string | undefined;
}

/** Every kernel's answer for `shape` with TF.js on `backend`, in the registry's order. */
export function askKernels<P extends string>(kernels: readonly FusedKernel<P>[], shape: FusedShape, backend: string): KernelVerdict<P>[] {
  return kernels.map((kernel) => ({ kernel, refusal: kernel.refusal(shape, backend) }));
}

/**
 * The path for a trainer of `network` on `samples` rows in batches of up to `batch`, with TF.js on
 * `backend`, among `kernels` (registry.ts's, or a test's). Throws for an unknown request, and for a kernel
 * asked for by name that refuses (saying why); falls back to op by op, saying why, for the rest.
 */
export function choosePath<P extends string>(
  request: 'auto' | 'fused' | 'op-by-op' | NoInfer<P>,
  backend: string,
  network: FusedNetwork,
  samples: number,
  batch: number,
  kernels: readonly FusedKernel<P>[],
): PathChoice<P> {
  const requests: string[] = ['auto', 'fused', ...kernels.map((kernel) => kernel.path), 'op-by-op'];
  if (!requests.includes(request)) throw new Error(`unknown training path "${String(request)}": use one of ${requests.join(', ')}`);
  if (request === 'op-by-op') return { path: 'op-by-op', reason: 'asked for op-by-op steps' };
  const tooBig = fusedRefusal(network, samples);
  if (tooBig) return { path: 'op-by-op', reason: `too big for the fused step: ${tooBig}` };
  const shape: FusedShape = { network, samples, maxBatch: batch };
  const asked = kernels.find((kernel) => kernel.path === request);
  if (asked) {
    const refusal = asked.refusal(shape, backend);
    if (refusal !== undefined) throw new Error(`${asked.name} cannot run here: ${refusal}`);
    return { path: asked.path, reason: `asked for ${asked.name}` };
  }
  const verdicts = askKernels(kernels, shape, backend);
  const cpu = firstUsable(verdicts, 'cpu');
  const gpu = firstUsable(verdicts, 'gpu');
  const none = (): PathChoice<P> => ({ path: 'op-by-op', reason: `no fused kernel runs here: ${refusals(verdicts)}` });
  if (request === 'fused') {
    const pick = cpu ?? gpu;
    return pick ? { path: pick.kernel.path, reason: `asked for ${named(pick)}` } : none();
  }
  if (backend === 'cpu' || backend === 'wasm') return cpu ? { path: cpu.kernel.path, reason: `${named(cpu)} outruns TF.js ${backend} op by op` } : none();
  const flops = stepFlops(network, batch);
  if (flops <= GPU_CROSSOVER_FLOPS && cpu) {
    return { path: cpu.kernel.path, reason: `${formatFlops(flops)} per step: ${named(cpu)} beats ${backend}'s kernel launches` };
  }
  if (gpu) return { path: gpu.kernel.path, reason: `${formatFlops(flops)} per step: ${named(gpu)}` };
  return flops > GPU_CROSSOVER_FLOPS ? { path: 'op-by-op', reason: `${formatFlops(flops)} per step: enough work for ${backend}` } : none();
}

/** Where a run on a GPU kernel goes when the device is lost: the first CPU kernel that takes it. */
export function cpuFallback<P extends string>(kernels: readonly FusedKernel<P>[], shape: FusedShape, backend: string): FusedKernel<P> {
  const verdicts = askKernels(kernels, shape, backend);
  const pick = firstUsable(verdicts, 'cpu');
  if (!pick) throw new Error(`no fused CPU kernel can take over: ${refusals(verdicts)}`);
  return pick.kernel;
}

/** A kernel that can run, and why the kernels ahead of it on its side could not. */
interface Usable<P extends string> {
  kernel: FusedKernel<P>;
  passedOver: string[];
}

function firstUsable<P extends string>(verdicts: readonly KernelVerdict<P>[], side: FusedKernel['runsOn']): Usable<P> | undefined {
  const passedOver: string[] = [];
  for (const { kernel, refusal } of verdicts) {
    if (kernel.runsOn !== side) continue;
    if (refusal === undefined) return { kernel, passedOver };
    passedOver.push(refusal);
  }
  return undefined;
}

/** How a reason names the kernel it picked: "the fused step (JavaScript: no SIMD)", "the fused step on WebGPU, …". */
function named({ kernel, passedOver }: Usable<string>): string {
  const why = passedOver.join('; ');
  if (kernel.runsOn === 'gpu') return `the fused step on ${kernel.label}${why ? ` (${why})` : ''}`;
  return `the fused step (${kernel.label}${why ? `: ${why}` : ''})`;
}

/** Every refusal, named by its kernel's path. */
function refusals(verdicts: readonly KernelVerdict[]): string {
  const refused = verdicts.filter(({ refusal }) => refusal !== undefined);
  return refused.length ? refused.map(({ kernel, refusal }) => `${kernel.path}: ${refusal}`).join('; ') : 'none of those registered runs on this side';
}

function formatFlops(flops: number): string {
  return flops >= 1e6 ? `${(flops / 1e6).toFixed(1)} MFLOP` : `${Math.round(flops / 1e3)} kFLOP`;
}
