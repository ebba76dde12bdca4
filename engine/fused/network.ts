/**
 * What a fused training step needs to know about a trainer, and whether a trainer fits the fused paths.
 * A fused step runs forward, loss, backward and the optimizer update as one piece of code over flat
 * float32 arrays, instead of TF.js's dozens of separate operations; it computes exactly what the
 * op-by-op path computes (the same formulas, in the same float32 storage).
 */
import type { HiddenActivation, OutputActivation } from '../activations.ts';
import type { Loss } from '../losses.ts';
import type { MlpSpec } from '../mlp.ts';
import type { OptimizerSpec } from '../optimizers.ts';
import type { Regularization } from '../regularization.ts';

/** The network and training rule of one trainer, as a fused step runs it. */
export interface FusedNetwork {
  /** Units per layer, inputs first. */
  sizes: readonly number[];
  hidden: HiddenActivation;
  /** The output activation actually used (the loss may have imposed it: bce → sigmoid, softmax-ce → softmax). */
  output: OutputActivation;
  /** False: no biases (they stay 0 and are not trained). */
  bias: boolean;
  loss: Loss;
  optimizer: OptimizerSpec;
  regularization: Regularization;
}

/** A trainer's network (its output activation as the loss imposes it) and training rule, as a fused step runs them. */
export function fusedNetwork(network: MlpSpec, loss: Loss, optimizer: OptimizerSpec, regularization: Regularization): FusedNetwork {
  return { sizes: network.layers, hidden: network.hidden, output: network.output, bias: network.bias !== false, loss, optimizer, regularization };
}

/**
 * The size class of the fused paths: small networks as the lectures train them. Bigger ones stay on
 * the op-by-op path, where TF.js's own kernels amortise their launch cost.
 */
export const FUSED_LIMITS = { layers: 5, units: 1024, samples: 4096 } as const;

/** Why a network cannot take a fused path, or undefined when it can. */
export function fusedRefusal(network: FusedNetwork, samples: number): string | undefined {
  if (network.sizes.length > FUSED_LIMITS.layers) return `more than ${FUSED_LIMITS.layers - 1} weight layers`;
  const widest = Math.max(...network.sizes);
  if (widest > FUSED_LIMITS.units) return `a layer of ${widest} units (the fused step takes up to ${FUSED_LIMITS.units})`;
  if (samples > FUSED_LIMITS.samples) return `${samples} samples (the fused step takes up to ${FUSED_LIMITS.samples})`;
  return undefined;
}

/** Floating-point operations of one step on `batch` samples: forward, backward and update (for choosing a path). */
export function stepFlops(network: FusedNetwork, batch: number): number {
  let parameters = 0;
  for (let l = 1; l < network.sizes.length; l += 1) parameters += network.sizes[l - 1]! * network.sizes[l]! + network.sizes[l]!;
  return 6 * parameters * batch;
}
