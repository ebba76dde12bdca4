/**
 * The fused training step in plain JavaScript: one call runs forward, loss, backward and the optimizer update of
 * an MLP over flat float32 arrays, with every buffer allocated once. TF.js's CPU and WASM backends run
 * the same step as some forty separate operations, each allocating its result; for the small networks
 * of a lecture that bookkeeping, not the arithmetic, is what costs (npm run bench has the figures).
 *
 * It computes what the op-by-op path computes (losses.ts, activations.ts, optimizers.ts,
 * regularization.ts): the same formulas, the same means over the batch, float32 weights, gradients and
 * optimizer slots; fused.test.ts checks the two step by step.
 *
 * Layouts, as TF.js's: a layer's weights are `w[i * fanOut + j]` (input i → unit j); a batch of a layer's
 * values is `a[n * units + j]`.
 */
import type { HiddenActivation } from '../activations.ts';
import type { LayerWeights } from '../mlp.ts';
import type { FusedKernel } from './kernel.ts';
import type { FusedNetwork } from './network.ts';
import { FusedStep } from './step.ts';
import { activation, derivative, sigmoid } from './units.ts';

/** The fallback that runs everywhere: it never refuses a network the fused paths take. */
export const jsKernel: FusedKernel<'fused-js'> = {
  path: 'fused-js',
  runsOn: 'cpu',
  name: 'the fused step in JavaScript',
  label: 'JavaScript',
  refusal: () => undefined,
  create: ({ network, inputs, targets, samples, maxBatch }, initial) => new FusedJsStep(network, inputs, targets, samples, maxBatch, initial),
};

/** A layer whose fan-out is at least this runs its inner loops along the fan-out (contiguous rows of w). */
const ROW_FORM = 4;

export class FusedJsStep extends FusedStep {
  /** Per layer, a batch of values: inputs, then hidden activations, then the output logits. */
  private readonly acts: Float32Array[];
  /** Per layer after the input, dL/dz for the batch. */
  private readonly deltas: Float32Array[];
  /** A gathered batch's inputs and targets (minibatches and single samples). */
  private readonly gatheredInputs: Float32Array;
  private readonly gatheredTargets: Float32Array;
  /** The targets of the step under way: gathered, or the whole set. */
  private batchTargets: Float32Array;
  /** The output activation of one sample (softmax and sigmoid outputs). */
  private readonly outputRow: Float32Array;

  constructor(
    network: FusedNetwork,
    private readonly inputs: Float32Array,
    private readonly targets: Float32Array,
    private readonly samples: number,
    /** The largest batch a step will be asked for. */
    maxBatch: number,
    initial: readonly LayerWeights[],
  ) {
    super(network, (floats) => new Float32Array(floats), initial);
    const rows = Math.max(maxBatch, samples);
    this.gatheredInputs = new Float32Array(maxBatch * this.sizes[0]!);
    this.gatheredTargets = new Float32Array(maxBatch * this.sizes[this.depth]!);
    this.acts = this.sizes.map((units, l) => (l === 0 ? inputs : new Float32Array(rows * units)));
    this.deltas = this.sizes.map((units, l) => (l === 0 ? new Float32Array(0) : new Float32Array(rows * units)));
    this.batchTargets = targets;
    this.outputRow = new Float32Array(this.sizes[this.depth]!);
  }

  protected override stepOnce(batch?: ArrayLike<number>): number {
    const count = batch ? batch.length : this.samples;
    if (batch) {
      if (batch.length * this.sizes[0]! > this.gatheredInputs.length) throw new Error(`a batch of ${batch.length} is more than this step was sized for`);
      this.gather(batch);
      this.acts[0] = this.gatheredInputs;
      this.batchTargets = this.gatheredTargets;
    } else {
      this.acts[0] = this.inputs;
      this.batchTargets = this.targets;
    }
    for (let l = 0; l < this.depth; l += 1) this.forward(l, count);
    let loss = this.outputDelta(count);
    for (let l = 0; l < this.depth; l += 1) {
      this.gradWeights[l]!.fill(0);
      this.gradBiases[l]!.fill(0);
    }
    for (let l = this.depth - 1; l >= 0; l -= 1) this.backward(l, count);
    loss += this.regularize();
    this.update();
    return loss;
  }

  private gather(batch: ArrayLike<number>): void {
    const inUnits = this.sizes[0]!;
    const outUnits = this.sizes[this.depth]!;
    const x = this.gatheredInputs;
    const t = this.gatheredTargets;
    for (let n = 0; n < batch.length; n += 1) {
      const row = batch[n]!;
      x.set(this.inputs.subarray(row * inUnits, (row + 1) * inUnits), n * inUnits);
      t.set(this.targets.subarray(row * outUnits, (row + 1) * outUnits), n * outUnits);
    }
  }

  /** z = x·W + b for the batch, then the hidden activation (the output layer keeps its logits). */
  private forward(l: number, count: number): void {
    const fanIn = this.sizes[l]!;
    const fanOut = this.sizes[l + 1]!;
    const x = this.acts[l]!;
    const z = this.acts[l + 1]!;
    const w = this.weights[l]!;
    const b = this.biases[l]!;
    if (fanOut >= ROW_FORM) {
      for (let n = 0; n < count; n += 1) {
        const zRow = n * fanOut;
        const xRow = n * fanIn;
        for (let j = 0; j < fanOut; j += 1) z[zRow + j] = b[j]!;
        for (let i = 0; i < fanIn; i += 1) {
          const xi = x[xRow + i]!;
          if (xi === 0) continue; // an inactive ReLU unit adds nothing
          const wRow = i * fanOut;
          for (let j = 0; j < fanOut; j += 1) z[zRow + j] = z[zRow + j]! + xi * w[wRow + j]!;
        }
      }
    } else {
      for (let n = 0; n < count; n += 1) {
        const xRow = n * fanIn;
        for (let j = 0; j < fanOut; j += 1) {
          let sum = b[j]!;
          for (let i = 0; i < fanIn; i += 1) sum += x[xRow + i]! * w[i * fanOut + j]!;
          z[n * fanOut + j] = sum;
        }
      }
    }
    if (l < this.depth - 1) activateInPlace(this.network.hidden, z, count * fanOut);
  }

  /** The data loss of the batch, and dL/dz of the output layer in `deltas` (means over the batch, as losses.ts). */
  private outputDelta(count: number): number {
    const units = this.sizes[this.depth]!;
    const logits = this.acts[this.depth]!;
    const delta = this.deltas[this.depth]!;
    const targets = this.batchTargets;
    const { loss, output } = this.network;
    const p = this.outputRow;
    let total = 0;
    if (loss === 'bce') {
      const scale = 1 / (count * units);
      for (let k = 0; k < count * units; k += 1) {
        const z = logits[k]!;
        const y = targets[k]!;
        total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        delta[k] = (sigmoid(z) - y) * scale;
      }
      return total * scale;
    }
    if (loss === 'softmax-ce') {
      const scale = 1 / count;
      for (let n = 0; n < count; n += 1) {
        const row = n * units;
        const logSum = logSumExp(logits, row, units);
        let mass = 0;
        for (let k = 0; k < units; k += 1) mass += targets[row + k]!;
        for (let k = 0; k < units; k += 1) {
          const logP = logits[row + k]! - logSum;
          total -= targets[row + k]! * logP;
          delta[row + k] = (Math.exp(logP) * mass - targets[row + k]!) * scale;
        }
      }
      return total * scale;
    }
    // Mean squared error of the outputs after their activation.
    const scale = 1 / (count * units);
    for (let n = 0; n < count; n += 1) {
      const row = n * units;
      if (output === 'softmax') {
        const logSum = logSumExp(logits, row, units);
        for (let k = 0; k < units; k += 1) p[k] = Math.exp(logits[row + k]! - logSum);
      } else {
        for (let k = 0; k < units; k += 1) p[k] = output === 'sigmoid' ? sigmoid(logits[row + k]!) : logits[row + k]!;
      }
      let dot = 0;
      for (let k = 0; k < units; k += 1) {
        const difference = p[k]! - targets[row + k]!;
        total += difference * difference;
        const g = 2 * difference * scale; // dL/dp
        if (output === 'sigmoid') delta[row + k] = g * p[k]! * (1 - p[k]!);
        else delta[row + k] = g;
        dot += g * p[k]!;
      }
      // Through the softmax's Jacobian: dz_k = p_k (g_k − Σ_j g_j p_j).
      if (output === 'softmax') for (let k = 0; k < units; k += 1) delta[row + k] = p[k]! * (delta[row + k]! - dot);
    }
    return total * scale;
  }

  /** Accumulates layer l's gradients from its dL/dz and passes dL/dz down to layer l − 1. */
  private backward(l: number, count: number): void {
    const fanIn = this.sizes[l]!;
    const fanOut = this.sizes[l + 1]!;
    const x = this.acts[l]!;
    const d = this.deltas[l + 1]!;
    const w = this.weights[l]!;
    const gw = this.gradWeights[l]!;
    const gb = this.gradBiases[l]!;
    const below = l > 0 ? this.deltas[l]! : undefined;
    const hidden = this.network.hidden;
    for (let n = 0; n < count; n += 1) {
      const dRow = n * fanOut;
      for (let j = 0; j < fanOut; j += 1) gb[j] = gb[j]! + d[dRow + j]!;
    }
    if (fanOut === 1) {
      for (let n = 0; n < count; n += 1) {
        const dn = d[n]!;
        const xRow = n * fanIn;
        for (let i = 0; i < fanIn; i += 1) {
          const xi = x[xRow + i]!;
          gw[i] = gw[i]! + xi * dn;
          if (below) below[xRow + i] = w[i]! * dn * derivative(hidden, xi);
        }
      }
      return;
    }
    for (let n = 0; n < count; n += 1) {
      const dRow = n * fanOut;
      const xRow = n * fanIn;
      for (let i = 0; i < fanIn; i += 1) {
        const xi = x[xRow + i]!;
        const slope = below ? derivative(hidden, xi) : 0;
        const wRow = i * fanOut;
        if (slope === 0) {
          if (below) below[xRow + i] = 0;
          if (xi === 0) continue;
          for (let j = 0; j < fanOut; j += 1) gw[wRow + j] = gw[wRow + j]! + xi * d[dRow + j]!;
        } else {
          let back = 0;
          for (let j = 0; j < fanOut; j += 1) {
            const dj = d[dRow + j]!;
            gw[wRow + j] = gw[wRow + j]! + xi * dj;
            back += w[wRow + j]! * dj;
          }
          below![xRow + i] = back * slope;
        }
      }
    }
  }

  /** Adds the penalty's gradient to the weights' gradients (not the biases'); returns the penalty. */
  private regularize(): number {
    const { kind, rate } = this.network.regularization;
    if (kind === 'none' || rate === 0) return 0;
    let sum = 0;
    for (let l = 0; l < this.depth; l += 1) {
      const w = this.weights[l]!;
      const g = this.gradWeights[l]!;
      for (let k = 0; k < w.length; k += 1) {
        const v = w[k]!;
        if (kind === 'l1') {
          sum += Math.abs(v);
          g[k] = g[k]! + rate * Math.sign(v);
        } else {
          sum += v * v;
          g[k] = g[k]! + 2 * rate * v;
        }
      }
    }
    return rate * sum;
  }

  /** The optimizer's rule (optimizers.ts), applied to every parameter. */
  private update(): void {
    this.updates += 1;
    const spec = this.network.optimizer;
    const lr = spec.learningRate;
    const decay = spec.weightDecay ?? 0;
    const beta1 = spec.beta1 ?? 0.9;
    const beta2 = spec.beta2 ?? 0.999;
    const epsilon = spec.epsilon ?? 1e-8;
    const mu = spec.momentum ?? 0.9;
    const firstScale = 1 / (1 - beta1 ** this.updates);
    const secondScale = 1 / (1 - beta2 ** this.updates);
    this.trainable().forEach(([w, g], p) => {
      const [first, second] = this.slots[p]!;
      for (let k = 0; k < w.length; k += 1) {
        const grad = decay ? g[k]! + w[k]! * decay : g[k]!;
        if (spec.kind === 'sgd') {
          w[k] = w[k]! - lr * grad;
        } else if (spec.kind === 'momentum') {
          first![k] = mu * first![k]! + grad;
          w[k] = w[k]! - lr * first![k]!;
        } else {
          first![k] = beta1 * first![k]! + (1 - beta1) * grad;
          second![k] = beta2 * second![k]! + (1 - beta2) * grad * grad;
          w[k] = w[k]! - ((lr * (first![k]! * firstScale)) / (Math.sqrt(second![k]! * secondScale) + epsilon));
        }
      }
    });
  }
}

function logSumExp(values: Float32Array, start: number, count: number): number {
  let largest = -Infinity;
  for (let k = 0; k < count; k += 1) largest = Math.max(largest, values[start + k]!);
  let sum = 0;
  for (let k = 0; k < count; k += 1) sum += Math.exp(values[start + k]! - largest);
  return largest + Math.log(sum);
}

function activateInPlace(kind: HiddenActivation, z: Float32Array, count: number): void {
  if (kind === 'linear') return;
  // ReLU, the common case, without a call per unit.
  if (kind === 'relu') {
    for (let k = 0; k < count; k += 1) if (z[k]! < 0) z[k] = 0;
    return;
  }
  for (let k = 0; k < count; k += 1) z[k] = activation(kind, z[k]!);
}
