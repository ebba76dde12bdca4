/**
 * The "plain JavaScript" peer of the benchmark: the classic TensorFlow Playground's way of training
 * (src/nn.ts there: forward and backprop one sample at a time, accumulate the gradients, update once per
 * batch), without its Node/Link objects: flat Float64Array weights and preallocated buffers. Full-batch
 * SGD only — what the bench workloads use. It starts from exactly the weights the engine's Mlp draws for
 * the same seed (same generator, same order, rounded to float32), so its loss curve can be set beside
 * the engine's.
 */
import type { HiddenActivation, OutputActivation } from '../engine/activations.ts';
import type { LayerWeights } from '../engine/mlp.ts';
import { activation, derivative, sigmoid } from '../engine/fused/units.ts';
import { initialBiases, weightLimit } from '../engine/initialisation.ts';
import { createRandom } from '../engine/random.ts';
import type { TrainerSpec, TrainingData } from '../engine/trainer.ts';

export class PlainTrainer {
  /** Optimizer steps taken. */
  steps = 0;
  /** Loss of the latest step, computed in its forward pass (before its update), like the engine's. */
  lastLoss = Number.NaN;

  private readonly sizes: number[];
  private readonly hidden: HiddenActivation;
  private readonly output: OutputActivation;
  private readonly loss: 'mse' | 'bce';
  private readonly learningRate: number;
  /** weights[l][i * fanOut + j] connects unit i of layer l to unit j of layer l + 1. */
  private readonly weights: Float64Array[] = [];
  private readonly biases: Float64Array[] = [];
  private readonly weightGrads: Float64Array[] = [];
  private readonly biasGrads: Float64Array[] = [];
  /** Per-sample buffers: activations of every layer (inputs first) and errors (dL/dz) of every layer after the input. */
  private readonly acts: Float64Array[];
  private readonly deltas: Float64Array[];
  private readonly inputs: Float64Array;
  private readonly targets: Float64Array;
  private readonly samples: number;

  constructor(spec: TrainerSpec, data: TrainingData, initial?: readonly LayerWeights[]) {
    const { layers, hidden, output } = spec.network;
    if (spec.optimizer.kind !== 'sgd') throw new Error(`the plain trainer does plain SGD only, not ${spec.optimizer.kind}`);
    if ((spec.batching ?? { mode: 'full' }).mode !== 'full') throw new Error('the plain trainer does full-batch steps only');
    if (spec.regularization && spec.regularization.kind !== 'none') throw new Error('the plain trainer has no regularisation');
    if (spec.loss === 'softmax-ce' || output === 'softmax') throw new Error('the plain trainer has no softmax');
    if (spec.optimizer.weightDecay) throw new Error('the plain trainer has no weight decay');
    this.sizes = [...layers];
    this.hidden = hidden;
    this.loss = spec.loss;
    // As the engine does: binary cross-entropy is defined against a sigmoid output.
    this.output = spec.loss === 'bce' ? 'sigmoid' : output;
    this.learningRate = spec.optimizer.learningRate;
    this.samples = data.inputs.length;
    this.inputs = Float64Array.from(data.inputs.flat());
    this.targets = Float64Array.from(data.targets.flat());
    if (this.inputs.length !== this.samples * this.sizes[0]! || this.targets.length !== this.samples * this.sizes.at(-1)!) {
      throw new Error('the data does not fit the network');
    }

    // The engine's Mlp: a generator forked once from the trainer's, the same draws in the same order
    // (engine/initialisation.ts: Glorot uniform, He for ReLU hidden layers; biases U(±1/√fan-in)).
    const random = createRandom(spec.seed).fork();
    for (let l = 1; l < this.sizes.length; l += 1) {
      const fanIn = this.sizes[l - 1]!;
      const fanOut = this.sizes[l]!;
      const limit = weightLimit(fanIn, fanOut, hidden === 'relu' && l < this.sizes.length - 1);
      const w = new Float64Array(fanIn * fanOut);
      for (let k = 0; k < w.length; k += 1) w[k] = Math.fround(random.between(-limit, limit));
      this.weights.push(w);
      this.biases.push(Float64Array.from(initialBiases(fanIn, fanOut, spec.network.bias !== false, random)));
      this.weightGrads.push(new Float64Array(fanIn * fanOut));
      this.biasGrads.push(new Float64Array(fanOut));
    }
    if (initial) this.writeWeights(initial);
    this.acts = this.sizes.map((n) => new Float64Array(n));
    this.deltas = this.sizes.map((n) => new Float64Array(n));
  }

  /** Runs `count` full-batch SGD steps; returns the loss of the last one (before its update). */
  step(count = 1): number {
    for (let s = 0; s < count; s += 1) this.lastLoss = this.oneStep();
    return this.lastLoss;
  }

  /** The current weights, shaped as the engine's `LayerWeights` (`weights[i][j]`: input i → unit j). */
  readWeights(): LayerWeights[] {
    return this.weights.map((w, l) => {
      const fanIn = this.sizes[l]!;
      const fanOut = this.sizes[l + 1]!;
      return {
        weights: Array.from({ length: fanIn }, (_, i) => Array.from(w.subarray(i * fanOut, (i + 1) * fanOut))),
        biases: Array.from(this.biases[l]!),
      };
    });
  }

  writeWeights(layers: readonly LayerWeights[]): void {
    if (layers.length !== this.weights.length) throw new Error(`expected ${this.weights.length} layers, got ${layers.length}`);
    layers.forEach((layer, l) => {
      const fanOut = this.sizes[l + 1]!;
      layer.weights.forEach((row, i) => row.forEach((v, j) => (this.weights[l]![i * fanOut + j] = v)));
      this.biases[l]!.set(layer.biases);
    });
  }

  private oneStep(): number {
    const depth = this.weights.length;
    const inputUnits = this.sizes[0]!;
    const outputUnits = this.sizes[depth]!;
    const n = this.samples;
    for (let l = 0; l < depth; l += 1) {
      this.weightGrads[l]!.fill(0);
      this.biasGrads[l]!.fill(0);
    }
    let total = 0;
    for (let s = 0; s < n; s += 1) {
      // Forward.
      const a0 = this.acts[0]!;
      for (let i = 0; i < inputUnits; i += 1) a0[i] = this.inputs[s * inputUnits + i]!;
      for (let l = 0; l < depth; l += 1) {
        const fanIn = this.sizes[l]!;
        const fanOut = this.sizes[l + 1]!;
        const x = this.acts[l]!;
        const y = this.acts[l + 1]!;
        const w = this.weights[l]!;
        const b = this.biases[l]!;
        // z = b + x·W, row by row of W (contiguous reads).
        y.set(b);
        for (let i = 0; i < fanIn; i += 1) {
          const xi = x[i]!;
          const row = i * fanOut;
          for (let j = 0; j < fanOut; j += 1) y[j] = y[j]! + xi * w[row + j]!;
        }
        // The output layer keeps its logits in acts (the loss wants them); hidden layers store activations.
        if (l < depth - 1) for (let j = 0; j < fanOut; j += 1) y[j] = activation(this.hidden, y[j]!);
      }
      // Loss and dL/dz of the output layer (both means over samples and outputs, as the engine's).
      const logits = this.acts[depth]!;
      const outDelta = this.deltas[depth]!;
      const scale = 1 / (n * outputUnits);
      for (let k = 0; k < outputUnits; k += 1) {
        const z = logits[k]!;
        const t = this.targets[s * outputUnits + k]!;
        if (this.loss === 'bce') {
          total += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
          outDelta[k] = (sigmoid(z) - t) * scale;
        } else if (this.output === 'sigmoid') {
          const p = sigmoid(z);
          total += (p - t) ** 2;
          outDelta[k] = 2 * (p - t) * p * (1 - p) * scale;
        } else {
          total += (z - t) ** 2;
          outDelta[k] = 2 * (z - t) * scale;
        }
      }
      // Backward: accumulate gradients, pass the error down through each layer's activation.
      for (let l = depth - 1; l >= 0; l -= 1) {
        const fanIn = this.sizes[l]!;
        const fanOut = this.sizes[l + 1]!;
        const x = this.acts[l]!;
        const delta = this.deltas[l + 1]!;
        const w = this.weights[l]!;
        const gw = this.weightGrads[l]!;
        const gb = this.biasGrads[l]!;
        for (let j = 0; j < fanOut; j += 1) gb[j] = gb[j]! + delta[j]!;
        const below = l > 0 ? this.deltas[l]! : undefined;
        for (let i = 0; i < fanIn; i += 1) {
          const xi = x[i]!;
          let back = 0;
          const row = i * fanOut;
          for (let j = 0; j < fanOut; j += 1) {
            gw[row + j] = gw[row + j]! + xi * delta[j]!;
            back += w[row + j]! * delta[j]!;
          }
          if (below) below[i] = back * derivative(this.hidden, xi);
        }
      }
    }
    // One update per batch.
    const lr = this.learningRate;
    for (let l = 0; l < depth; l += 1) {
      const w = this.weights[l]!;
      const gw = this.weightGrads[l]!;
      for (let k = 0; k < w.length; k += 1) w[k] = w[k]! - lr * gw[k]!;
      const b = this.biases[l]!;
      const gb = this.biasGrads[l]!;
      for (let k = 0; k < b.length; k += 1) b[k] = b[k]! - lr * gb[k]!;
    }
    this.steps += 1;
    return total * (1 / (n * outputUnits));
  }
}
