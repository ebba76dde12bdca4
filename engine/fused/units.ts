/**
 * The hidden units' functions on plain numbers, as TF.js's kernels and gradients compute them: for the
 * fused JavaScript step, and for the bench's plain-JavaScript peer, which trains the same units.
 */
import type { HiddenActivation } from '../activations.ts';

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** A hidden unit's output for pre-activation z. */
export function activation(kind: HiddenActivation, z: number): number {
  switch (kind) {
    case 'relu':
      return z < 0 ? 0 : z;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return sigmoid(z);
    case 'linear':
      return z;
    case 'threshold':
      return z >= 0 ? 1 : 0;
  }
}

/** The activation's derivative from its output a (ReLU′(0) = 0; the threshold unit's is 0, as TF.js's step). */
export function derivative(kind: HiddenActivation, a: number): number {
  switch (kind) {
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'tanh':
      return 1 - a * a;
    case 'sigmoid':
      return a * (1 - a);
    case 'linear':
      return 1;
    case 'threshold':
      return 0;
  }
}
