/**
 * Losses, computed from the network's logits so that the cross-entropies are numerically stable
 * (no log of a sigmoid that rounded to 0). All are means over the batch, as PyTorch's defaults are.
 */
import type { OutputActivation } from './activations.ts';
import { activateOutput } from './activations.ts';
import { tf, type Scalar, type Tensor2D } from './tf.ts';

export const LOSSES = ['mse', 'bce', 'softmax-ce'] as const;
/** `mse`: mean squared error; `bce`: binary cross-entropy; `softmax-ce`: softmax cross-entropy. */
export type Loss = (typeof LOSSES)[number];

/**
 * The loss of a batch. `targets` are values (mse), 0/1 labels (bce) or one-hot rows (softmax-ce).
 * - mse = mean over all outputs of (ŷ − y)², with ŷ the output after its activation (PyTorch's MSELoss).
 * - bce = mean of −[y log σ(z) + (1 − y) log(1 − σ(z))], from the logits z (BCEWithLogitsLoss).
 * - softmax-ce = mean over samples of −Σ y log softmax(z) (CrossEntropyLoss with probabilities).
 */
export function lossOf(loss: Loss, logits: Tensor2D, targets: Tensor2D, output: OutputActivation): Scalar {
  switch (loss) {
    case 'mse':
      return tf.mean(tf.squaredDifference(activateOutput(logits, output), targets));
    case 'bce':
      // max(z, 0) − z·y + log(1 + e^(−|z|)): the same value, with no overflow for large |z|.
      return tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(logits))))));
    case 'softmax-ce':
      return tf.mean(tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
  }
}

/** The output activation a loss is defined against (bce needs sigmoid outputs, softmax-ce softmax). */
export function outputForLoss(loss: Loss, requested: OutputActivation): OutputActivation {
  if (loss === 'bce') return 'sigmoid';
  if (loss === 'softmax-ce') return 'softmax';
  return requested;
}
