/** Activation functions of hidden and output units, as the lectures name them. */
import { tf, type Tensor } from './tf.ts';

import type { HiddenActivation, OutputActivation } from './activation-names.ts';

export { HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS, type HiddenActivation, type OutputActivation } from './activation-names.ts';

/** Applies a hidden activation elementwise. */
export function activate(z: Tensor, activation: HiddenActivation): Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
    case 'threshold':
      // y = 1 if z ≥ 0 else 0. TF's step(z) is 0 at z = 0, so use 1 − step(−z); its gradient is 0, as it is.
      return tf.sub(1, tf.step(tf.neg(z)));
  }
}

/** Applies the output activation to the logits of the last layer. */
export function activateOutput(logits: Tensor, activation: OutputActivation): Tensor {
  switch (activation) {
    case 'linear':
      return logits;
    case 'sigmoid':
      return tf.sigmoid(logits);
    case 'softmax':
      return tf.softmax(logits);
  }
}
