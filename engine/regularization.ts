/** L1/L2 penalties on the weights (not the biases), added to the loss, as the playground does. */
import { tf, type Scalar, type Variable } from './tf.ts';

export interface Regularization {
  kind: 'none' | 'l1' | 'l2';
  /** λ, the penalty's weight in the loss. */
  rate: number;
}

export const NO_REGULARIZATION: Regularization = { kind: 'none', rate: 0 };

/** λ Σ|w| (L1) or λ Σ w² (L2) over every weight matrix; 0 for none. */
export function penalty(regularization: Regularization, weights: readonly Variable[]): Scalar {
  if (regularization.kind === 'none' || regularization.rate === 0 || weights.length === 0) return tf.scalar(0);
  const perLayer = weights.map((w) => (regularization.kind === 'l1' ? tf.sum(tf.abs(w)) : tf.sum(tf.square(w))));
  return tf.mul(tf.addN(perLayer), regularization.rate);
}
