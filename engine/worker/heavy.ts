/**
 * Which layered trainers `createLayeredTrainer(…, { worker: 'auto' })` sends to a Worker: those whose step
 * costs more than a few milliseconds, judged from the spec before anything is built. The measure is the
 * multiply-adds of one training step (forward, and twice that backward, over one batch). It is decided from
 * the spec rather than by timing a first step because timing it would mean building the trainer on the
 * main thread and running the very step (35 ms for the autoencoder) that must not cost a frame.
 */
import { planLayers, sizeOf } from '../layers.ts';
import type { LayeredData, LayeredTrainerSpec } from '../layered-trainer.ts';

/**
 * Multiply-adds per step above which a step takes more than a few ms. On this 2-core machine's WASM backend
 * op-by-op steps ran at about 1 multiply-add per ns (autoencoder-mnist: 39 M a step, 35 ms), and the
 * fixed cost of a step's ~40 ops is 1–2 ms more; 4 M multiply-adds is about 4–6 ms a step.
 */
export const HEAVY_MULTIPLY_ADDS = 4_000_000;

/** Multiply-adds of one sample's forward pass: each weighted layer's weight size times its output positions. */
export function forwardMultiplyAdds(spec: LayeredTrainerSpec): number {
  return planLayers(spec.model).reduce((sum, plan) => {
    if (!plan.parameters) return sum;
    const positions = sizeOf(plan.outputShape) / plan.outputShape[0]!;
    return sum + sizeOf(plan.parameters.weight) * positions;
  }, 0);
}

/** Multiply-adds of one training step (forward + backward ≈ 3 × forward) over one batch. */
export function stepMultiplyAdds(spec: LayeredTrainerSpec, samples: number): number {
  const batching = spec.batching ?? { mode: 'full' };
  const batch = batching.mode === 'full' ? samples : batching.mode === 'sgd' ? 1 : Math.min(batching.size, samples);
  return 3 * forwardMultiplyAdds(spec) * batch;
}

/** Whether 'auto' puts this trainer in a worker: workers exist here and a step is heavy. */
export function wantsWorker(spec: LayeredTrainerSpec, data: LayeredData, workersExist = typeof Worker !== 'undefined'): boolean {
  if (!workersExist) return false;
  try {
    return stepMultiplyAdds(spec, data.inputs.length) > HEAVY_MULTIPLY_ADDS;
  } catch {
    // A spec the planner refuses: let the main-thread constructor say why, synchronously and in full.
    return false;
  }
}
