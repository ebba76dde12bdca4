/**
 * The fused training step as one WGSL module with two entry points, written out for one network (its
 * sizes, activations, loss, regularisation and optimizer become constants, so the shader has no branches
 * the network does not need):
 *
 *   `samples` — one thread per sample of the batch: forward through every layer, the loss and dL/dz at the
 *               output, then dL/dz back down to the first hidden layer; all kept in `work`.
 *   `update`  — one thread per parameter: its gradient summed over the batch's samples (plus the
 *               penalty's), then the optimizer's rule. Thread 0 also adds up the step's loss.
 *
 * So a step is two dispatches, with no atomics and the same summation order on every run. The formulas
 * are those of losses.ts, activations.ts, regularization.ts and optimizers.ts, as in the CPU kernels.
 *
 * Buffers: `params` holds every layer's weights (w[i * fanOut + j]) then its biases, layer after layer;
 * `slots` the optimizer's (momentum's velocity, or Adam's first moments then second moments); `data` the
 * inputs then the targets; `rows` the batches' row indices; `losses` one loss per step of a submission;
 * `step` (a uniform read at a dynamic offset) which batch, how many samples, Adam's t, where the loss goes.
 */
import type { FusedNetwork } from './network.ts';

/** Where things are, for one network: the TypeScript side lays buffers out by the same numbers. */
export interface GpuLayout {
  depth: number;
  /** Start of each layer's weights and of its biases in `params`. */
  weightOffsets: number[];
  biasOffsets: number[];
  /** Every parameter, biases included even when the network has none (they stay 0). */
  parameters: number;
  /** Floats per sample in `work`: every layer's outputs after the input. */
  stride: number;
  /** Start of each layer's outputs within a sample's stride. */
  outputOffsets: number[];
}

export function gpuLayout(network: FusedNetwork): GpuLayout {
  const { sizes } = network;
  const depth = sizes.length - 1;
  const weightOffsets: number[] = [];
  const biasOffsets: number[] = [];
  const outputOffsets: number[] = [];
  let parameters = 0;
  let stride = 0;
  for (let l = 0; l < depth; l += 1) {
    weightOffsets.push(parameters);
    parameters += sizes[l]! * sizes[l + 1]!;
    biasOffsets.push(parameters);
    parameters += sizes[l + 1]!;
    outputOffsets.push(stride);
    stride += sizes[l + 1]!;
  }
  return { depth, weightOffsets, biasOffsets, parameters, stride, outputOffsets };
}

/** Threads per workgroup, for both entry points. */
export const WORKGROUP = 64;

const HIDDEN = { relu: 0, tanh: 1, sigmoid: 2, linear: 3, threshold: 4 } as const;
const OUTPUT = { linear: 0, sigmoid: 1, softmax: 2 } as const;
const LOSS = { mse: 0, bce: 1, 'softmax-ce': 2 } as const;
const REGULARIZATION = { none: 0, l1: 1, l2: 2 } as const;
const OPTIMIZER = { sgd: 0, momentum: 1, adam: 2 } as const;

function f32(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`a WGSL constant must be finite, got ${value}`);
  const text = value.toPrecision(9);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function u32s(values: readonly number[]): string {
  return `array<u32, ${values.length}>(${values.map((v) => `${v}u`).join(', ')})`;
}

/** The shader for `network` with batches of up to `maxBatch` samples of `inputs` × `samples` data. */
export function fusedShader(network: FusedNetwork, layout: GpuLayout, samples: number, maxBatch: number): string {
  const { sizes } = network;
  const { depth, stride } = layout;
  const o = network.optimizer;
  const regularization = network.regularization.rate === 0 ? 'none' : network.regularization.kind;
  return /* wgsl */ `
struct Step {
  batchOffset: u32,
  count: u32,
  t: f32,
  lossIndex: u32,
  scale: f32,
}

@group(0) @binding(0) var<storage, read_write> params: array<f32>;
@group(0) @binding(1) var<storage, read_write> slots: array<f32>;
@group(0) @binding(2) var<storage, read> data: array<f32>;
@group(0) @binding(3) var<storage, read_write> work: array<f32>;
@group(0) @binding(4) var<storage, read> rows: array<u32>;
@group(0) @binding(5) var<storage, read_write> losses: array<f32>;
@group(0) @binding(6) var<uniform> step: Step;

const DEPTH = ${depth}u;
const INPUTS = ${sizes[0]}u;
const OUTPUTS = ${sizes[depth]}u;
const TARGETS_AT = ${samples * sizes[0]!}u;
const MAX_BATCH = ${maxBatch}u;
const STRIDE = ${stride}u;
const DELTAS_AT = ${maxBatch * stride}u;
const SAMPLE_LOSS_AT = ${2 * maxBatch * stride}u;
const PENALTY_AT = ${2 * maxBatch * stride + maxBatch}u;
const PARAMETERS = ${layout.parameters}u;
const HIDDEN = ${HIDDEN[network.hidden]}u;
const OUTPUT = ${OUTPUT[network.output]}u;
const LOSS = ${LOSS[network.loss]}u;
const REGULARIZATION = ${REGULARIZATION[regularization]}u;
const RATE = ${f32(network.regularization.rate)};
const HAS_BIAS = ${network.bias};
const OPTIMIZER = ${OPTIMIZER[o.kind]}u;
const LEARNING_RATE = ${f32(o.learningRate)};
const MOMENTUM = ${f32(o.momentum ?? 0.9)};
const BETA1 = ${f32(o.beta1 ?? 0.9)};
const BETA2 = ${f32(o.beta2 ?? 0.999)};
const EPSILON = ${f32(o.epsilon ?? 1e-8)};
const DECAY = ${f32(o.weightDecay ?? 0)};

var<private> SIZES: array<u32, ${depth + 1}> = ${u32s(sizes)};
var<private> WEIGHTS_AT: array<u32, ${depth}> = ${u32s(layout.weightOffsets)};
var<private> BIASES_AT: array<u32, ${depth}> = ${u32s(layout.biasOffsets)};
var<private> OUTPUTS_AT: array<u32, ${depth}> = ${u32s(layout.outputOffsets)};

fn sigmoid(z: f32) -> f32 {
  return 1.0 / (1.0 + exp(-z));
}

fn activate(z: f32) -> f32 {
  switch HIDDEN {
    case 0u: { return max(z, 0.0); }
    case 1u: { return tanh(z); }
    case 2u: { return sigmoid(z); }
    case 3u: { return z; }
    default: { return select(0.0, 1.0, z >= 0.0); }
  }
}

/** The activation's derivative from its output a (ReLU'(0) = 0, the threshold unit's is 0). */
fn slope(a: f32) -> f32 {
  switch HIDDEN {
    case 0u: { return select(0.0, 1.0, a > 0.0); }
    case 1u: { return 1.0 - a * a; }
    case 2u: { return a * (1.0 - a); }
    case 3u: { return 1.0; }
    default: { return 0.0; }
  }
}

/** Unit i of layer l's input for sample s (layer 0: the data row itself). */
fn input_of(s: u32, row: u32, l: u32, i: u32) -> f32 {
  if (l == 0u) {
    return data[row * INPUTS + i];
  }
  return work[s * STRIDE + OUTPUTS_AT[l - 1u] + i];
}

fn delta_at(s: u32, l: u32, j: u32) -> u32 {
  return DELTAS_AT + s * STRIDE + OUTPUTS_AT[l] + j;
}

@compute @workgroup_size(${WORKGROUP})
fn samples(@builtin(global_invocation_id) id: vec3<u32>) {
  let s = id.x;
  if (s == 0u) {
    // The penalty, from the weights before this step's update (the update runs in the next dispatch).
    var penalty = 0.0;
    if (REGULARIZATION != 0u) {
      for (var l = 0u; l < DEPTH; l++) {
        for (var k = WEIGHTS_AT[l]; k < BIASES_AT[l]; k++) {
          let w = params[k];
          penalty += select(w * w, abs(w), REGULARIZATION == 1u);
        }
      }
    }
    work[PENALTY_AT] = RATE * penalty;
  }
  if (s >= step.count) {
    return;
  }
  let row = rows[step.batchOffset + s];

  // Forward: z = b + x·W, the hidden activation, the logits kept as they are.
  for (var l = 0u; l < DEPTH; l++) {
    let fanIn = SIZES[l];
    let fanOut = SIZES[l + 1u];
    for (var j = 0u; j < fanOut; j++) {
      var z = params[BIASES_AT[l] + j];
      for (var i = 0u; i < fanIn; i++) {
        z += input_of(s, row, l, i) * params[WEIGHTS_AT[l] + i * fanOut + j];
      }
      if (l + 1u < DEPTH) {
        z = activate(z);
      }
      work[s * STRIDE + OUTPUTS_AT[l] + j] = z;
    }
  }

  // The sample's loss and dL/dz of the logits, scaled to the batch mean.
  let last = DEPTH - 1u;
  let logits = s * STRIDE + OUTPUTS_AT[last];
  let targets = TARGETS_AT + row * OUTPUTS;
  var loss = 0.0;
  var logSum = 0.0;
  if (LOSS == 2u || OUTPUT == 2u) {
    var largest = work[logits];
    for (var k = 1u; k < OUTPUTS; k++) {
      largest = max(largest, work[logits + k]);
    }
    var sum = 0.0;
    for (var k = 0u; k < OUTPUTS; k++) {
      sum += exp(work[logits + k] - largest);
    }
    logSum = largest + log(sum);
  }
  if (LOSS == 1u) {
    for (var k = 0u; k < OUTPUTS; k++) {
      let z = work[logits + k];
      let y = data[targets + k];
      loss += max(z, 0.0) - z * y + log(1.0 + exp(-abs(z)));
      work[delta_at(s, last, k)] = (sigmoid(z) - y) * step.scale;
    }
  } else if (LOSS == 2u) {
    var mass = 0.0;
    for (var k = 0u; k < OUTPUTS; k++) {
      mass += data[targets + k];
    }
    for (var k = 0u; k < OUTPUTS; k++) {
      let y = data[targets + k];
      let logP = work[logits + k] - logSum;
      loss -= y * logP;
      work[delta_at(s, last, k)] = (exp(logP) * mass - y) * step.scale;
    }
  } else {
    var gp = 0.0;
    for (var k = 0u; k < OUTPUTS; k++) {
      let z = work[logits + k];
      var p = z;
      if (OUTPUT == 1u) {
        p = sigmoid(z);
      } else if (OUTPUT == 2u) {
        p = exp(z - logSum);
      }
      let difference = p - data[targets + k];
      loss += difference * difference;
      let g = 2.0 * difference * step.scale;
      work[delta_at(s, last, k)] = select(g, g * p * (1.0 - p), OUTPUT == 1u);
      gp += g * p;
    }
    if (OUTPUT == 2u) {
      // Through the softmax's Jacobian: dz_k = p_k (g_k - sum_j g_j p_j).
      for (var k = 0u; k < OUTPUTS; k++) {
        let p = exp(work[logits + k] - logSum);
        work[delta_at(s, last, k)] = p * (work[delta_at(s, last, k)] - gp);
      }
    }
  }
  work[SAMPLE_LOSS_AT + s] = loss;

  // Backward: dL/dz of layer l - 1 from layer l's, through the weights and the activation.
  for (var l = last; l >= 1u; l--) {
    let fanIn = SIZES[l];
    let fanOut = SIZES[l + 1u];
    for (var i = 0u; i < fanIn; i++) {
      var back = 0.0;
      for (var j = 0u; j < fanOut; j++) {
        back += params[WEIGHTS_AT[l] + i * fanOut + j] * work[delta_at(s, l, j)];
      }
      work[delta_at(s, l - 1u, i)] = back * slope(work[s * STRIDE + OUTPUTS_AT[l - 1u] + i]);
    }
  }
}

@compute @workgroup_size(${WORKGROUP})
fn update(@builtin(global_invocation_id) id: vec3<u32>) {
  let p = id.x;
  if (p == 0u) {
    var total = 0.0;
    for (var s = 0u; s < step.count; s++) {
      total += work[SAMPLE_LOSS_AT + s];
    }
    losses[step.lossIndex] = total * step.scale + work[PENALTY_AT];
  }
  if (p >= PARAMETERS) {
    return;
  }
  var l = 0u;
  while (l + 1u < DEPTH && p >= WEIGHTS_AT[l + 1u]) {
    l++;
  }
  let fanOut = SIZES[l + 1u];
  let w = params[p];
  var g = 0.0;
  if (p < BIASES_AT[l]) {
    let k = p - WEIGHTS_AT[l];
    let i = k / fanOut;
    let j = k % fanOut;
    for (var s = 0u; s < step.count; s++) {
      g += input_of(s, rows[step.batchOffset + s], l, i) * work[delta_at(s, l, j)];
    }
    if (REGULARIZATION == 1u) {
      g += RATE * sign(w);
    } else if (REGULARIZATION == 2u) {
      g += 2.0 * RATE * w;
    }
  } else {
    if (!HAS_BIAS) {
      return;
    }
    let j = p - BIASES_AT[l];
    for (var s = 0u; s < step.count; s++) {
      g += work[delta_at(s, l, j)];
    }
  }
  g += DECAY * w;
  if (OPTIMIZER == 0u) {
    params[p] = w - LEARNING_RATE * g;
  } else if (OPTIMIZER == 1u) {
    let v = MOMENTUM * slots[p] + g;
    slots[p] = v;
    params[p] = w - LEARNING_RATE * v;
  } else {
    let m = BETA1 * slots[p] + (1.0 - BETA1) * g;
    let v = BETA2 * slots[PARAMETERS + p] + (1.0 - BETA2) * g * g;
    slots[p] = m;
    slots[PARAMETERS + p] = v;
    let mHat = m / (1.0 - pow(BETA1, step.t));
    let vHat = v / (1.0 - pow(BETA2, step.t));
    params[p] = w - LEARNING_RATE * mHat / (sqrt(vHat) + EPSILON);
  }
}
`;
}
