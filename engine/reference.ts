/**
 * The same network and losses written as plain float64 JavaScript loops, independent of TF.js. Tests use it
 * as the second opinion (finite differences of this loss check TF.js's gradients); the benchmark uses it
 * as the "plain JavaScript" peer.
 */
import type { HiddenActivation, OutputActivation } from './activations.ts';
import type { Loss } from './losses.ts';
import type { LayerWeights } from './mlp.ts';
import type { Regularization } from './regularization.ts';

export function hiddenActivation(activation: HiddenActivation, z: number): number {
  switch (activation) {
    case 'relu':
      return Math.max(0, z);
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'linear':
      return z;
    case 'threshold':
      return z >= 0 ? 1 : 0;
  }
}

/** The last layer's pre-activations for one input. */
export function referenceLogits(layers: readonly LayerWeights[], hidden: HiddenActivation, input: readonly number[]): number[] {
  let x = [...input];
  layers.forEach((layer, index) => {
    const z = layer.biases.map((b, j) => x.reduce((sum, xi, i) => sum + xi * layer.weights[i]![j]!, b));
    x = index === layers.length - 1 ? z : z.map((v) => hiddenActivation(hidden, v));
  });
  return x;
}

function outputOf(activation: OutputActivation, logits: number[]): number[] {
  if (activation === 'linear') return logits;
  if (activation === 'sigmoid') return logits.map((z) => 1 / (1 + Math.exp(-z)));
  const top = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The mean loss over the data plus the regularisation penalty, in float64. */
export function referenceLoss(options: {
  layers: readonly LayerWeights[];
  hidden: HiddenActivation;
  output: OutputActivation;
  loss: Loss;
  regularization?: Regularization;
  inputs: readonly (readonly number[])[];
  targets: readonly (readonly number[])[];
}): number {
  const { layers, hidden, output, loss, inputs, targets } = options;
  let total = 0;
  inputs.forEach((input, n) => {
    const logits = referenceLogits(layers, hidden, input);
    const target = targets[n]!;
    if (loss === 'mse') {
      const predicted = outputOf(output, logits);
      total += predicted.reduce((sum, p, k) => sum + (p - target[k]!) ** 2, 0) / predicted.length;
    } else if (loss === 'bce') {
      total += logits.reduce((sum, z, k) => sum + (Math.max(z, 0) - z * target[k]! + Math.log1p(Math.exp(-Math.abs(z)))), 0) / logits.length;
    } else {
      const probabilities = outputOf('softmax', logits);
      total -= probabilities.reduce((sum, p, k) => sum + target[k]! * Math.log(p), 0);
    }
  });
  let penalty = 0;
  const regularization = options.regularization;
  if (regularization && regularization.kind !== 'none') {
    for (const layer of layers) {
      for (const row of layer.weights) for (const w of row) penalty += regularization.kind === 'l1' ? Math.abs(w) : w * w;
    }
    penalty *= regularization.rate;
  }
  return total / inputs.length + penalty;
}
