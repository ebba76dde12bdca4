/**
 * Which path a trainer's steps take: TF.js op by op, or the fused CPU step. Pure, so the rule is tested
 * and printed (the trainer's `path` and `pathReason`) rather than buried.
 *
 * The rule follows what `npm run bench` measures. On TF.js's CPU and WASM backends the fused step wins
 * every workload, by 10× and more for a lecture's small networks, where TF.js spends its time on some
 * forty operations' bookkeeping rather than on the arithmetic. On a GPU backend each of those operations
 * is a kernel launch of tens of microseconds, so a step costs about a millisecond however small the
 * network; the fused CPU step does about a million floating-point operations in that time, so networks
 * below that stay on the CPU and bigger ones go to the GPU.
 */
import { fusedRefusal, stepFlops, type FusedNetwork } from './network.ts';

export type TrainingPath = 'op-by-op' | 'fused-cpu';
/** What a trainer asks for: the engine's choice (`auto`), or one path (tests and the bench compare them). */
export type PathRequest = 'auto' | TrainingPath;

export interface PathChoice {
  path: TrainingPath;
  reason: string;
}

/** Below this many floating-point operations per step, the fused CPU step beats a GPU backend's launches. */
export const GPU_CROSSOVER_FLOPS = 1e6;

export function choosePath(request: PathRequest, backend: string, network: FusedNetwork, samples: number, batch: number): PathChoice {
  if (request === 'op-by-op') return { path: 'op-by-op', reason: 'asked for op-by-op steps' };
  const refusal = fusedRefusal(network, samples);
  if (refusal) return { path: 'op-by-op', reason: `too big for the fused step: ${refusal}` };
  if (request === 'fused-cpu') return { path: 'fused-cpu', reason: 'asked for the fused CPU step' };
  if (backend === 'cpu' || backend === 'wasm') return { path: 'fused-cpu', reason: `the fused CPU step outruns TF.js ${backend} op by op` };
  const flops = stepFlops(network, batch);
  if (flops <= GPU_CROSSOVER_FLOPS) {
    return { path: 'fused-cpu', reason: `${formatFlops(flops)} per step: less than ${backend}'s kernel launches cost` };
  }
  return { path: 'op-by-op', reason: `${formatFlops(flops)} per step: enough work for ${backend}` };
}

function formatFlops(flops: number): string {
  return flops >= 1e6 ? `${(flops / 1e6).toFixed(1)} MFLOP` : `${Math.round(flops / 1e3)} kFLOP`;
}
