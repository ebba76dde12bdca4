/**
 * How a layer's parameters start, for the MLP (mlp.ts) and the layered networks (layered.ts) alike. Pure
 * numbers from the engine's seeded generator, so a seed gives the same network on every backend.
 */
import type { Random } from './random.ts';

/**
 * The half-width of the uniform range a layer's weights are drawn from: Glorot/Xavier, √(6 / (fanIn + fanOut)),
 * as Keras's dense layers start, which keeps the activations' variance roughly constant through the layers;
 * He's wider √(6 / fanIn) for a layer followed by a ReLU, which zeroes half of its inputs' variance.
 */
export function weightLimit(fanIn: number, fanOut: number, relu: boolean): number {
  return relu ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
}

/**
 * A layer's starting biases: U(−1/√fanIn, 1/√fanIn), as PyTorch's `nn.Linear` and `nn.Conv*d` start (zeros
 * for a layer without biases). Not zero: with zero biases every ReLU unit of a one-input network bends at
 * x = 0, the units start as copies of one hinge, symmetric data gives their corners no push apart, and a
 * 1→2 ReLU network fits the cubic with one bend where the lecture promises two (components/nn-playground/demos.test.ts).
 */
export function initialBiases(fanIn: number, units: number, hasBias: boolean, random: Random): Float32Array {
  const limit = 1 / Math.sqrt(fanIn);
  return Float32Array.from({ length: units }, () => (hasBias ? random.between(-limit, limit) : 0));
}
