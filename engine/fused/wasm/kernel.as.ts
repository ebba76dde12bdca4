// The fused training step in WebAssembly with 128-bit SIMD: AssemblyScript, compiled by
// `npm run build:kernel` into kernel.wasm.ts (checked in; a unit test recompiles and compares).
//
// It runs what ../js.ts runs, sample by sample so that every buffer a sample touches stays in the
// processor's first-level cache: forward through the layers, the loss and its gradient at the output,
// backward accumulating every layer's gradients. The optimizer's update is a second call. All memory is
// laid out by ../wasm.ts; this file only follows pointers.
//
// Layer table, one 32-byte entry per layer: fanIn, fanOut, then byte addresses of its weights
// (w[i * fanOut + j]), biases, weight gradients, bias gradients, its output for one sample (hidden
// activations, or the logits of the last layer), and dL/dz of that output.

const FAN_IN: usize = 0;
const FAN_OUT: usize = 4;
const WEIGHTS: usize = 8;
const BIASES: usize = 12;
const GRAD_WEIGHTS: usize = 16;
const GRAD_BIASES: usize = 20;
const OUTPUT: usize = 24;
const DELTA: usize = 28;
const ENTRY: usize = 32;

// Hidden activations, output activations and losses, numbered as ../wasm.ts numbers them.
const RELU = 0;
const TANH = 1;
const SIGMOID = 2;
const LINEAR = 3;
const OUT_SIGMOID = 1;
const OUT_SOFTMAX = 2;
const BCE = 1;
const SOFTMAX_CE = 2;

/** Where the memory that ../wasm.ts lays out may begin. */
export function heapBase(): usize {
  return __heap_base;
}

/** Zeroes `bytes` bytes (the gradients before a step). */
export function clear(at: usize, bytes: usize): void {
  memory.fill(at, 0, bytes);
}

/**
 * Forward and backward passes of `count` samples (rows `batch[s]`, or 0 … count − 1 when batch is 0),
 * adding each sample's gradients, scaled by `scale`, into the layers' gradient buffers. Returns the sum
 * of the samples' losses (the caller scales it into the mean).
 */
export function accumulate(
  table: usize,
  depth: i32,
  hidden: i32,
  output: i32,
  loss: i32,
  inputs: usize,
  targets: usize,
  batch: usize,
  count: i32,
  scale: f32,
  probabilities: usize,
): f64 {
  const inUnits = load<i32>(table + FAN_IN);
  const last = table + <usize>(depth - 1) * ENTRY;
  const outUnits = load<i32>(last + FAN_OUT);
  let total: f64 = 0;
  for (let s = 0; s < count; s++) {
    const row = batch ? load<i32>(batch + (<usize>s << 2)) : s;
    const x = inputs + ((<usize>row * <usize>inUnits) << 2);
    const t = targets + ((<usize>row * <usize>outUnits) << 2);
    let previous = x;
    for (let l = 0; l < depth; l++) {
      const e = table + <usize>l * ENTRY;
      const out = load<usize>(e + OUTPUT);
      const fanOut = load<i32>(e + FAN_OUT);
      forward(previous, load<usize>(e + WEIGHTS), load<usize>(e + BIASES), out, load<i32>(e + FAN_IN), fanOut);
      if (l < depth - 1) activate(out, fanOut, hidden);
      previous = out;
    }
    total += outputDelta(load<usize>(last + OUTPUT), t, load<usize>(last + DELTA), outUnits, output, loss, scale, probabilities);
    for (let l = depth - 1; l >= 0; l--) {
      const e = table + <usize>l * ENTRY;
      const input = l == 0 ? x : load<usize>(e - ENTRY + OUTPUT);
      const below: usize = l == 0 ? 0 : load<usize>(e - ENTRY + DELTA);
      backward(input, load<usize>(e + DELTA), load<usize>(e + WEIGHTS), load<usize>(e + GRAD_WEIGHTS), load<usize>(e + GRAD_BIASES), below, load<i32>(e + FAN_IN), load<i32>(e + FAN_OUT), hidden);
    }
  }
  return total;
}

/** λ Σ|w| (kind 1) or λ Σ w² (kind 2) over `n` weights, adding its gradient to theirs; returns the penalty. */
export function regularize(w: usize, g: usize, n: i32, kind: i32, rate: f32): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    const v = load<f32>(w + at);
    if (kind == 1) {
      sum += Mathf.abs(v);
      store<f32>(g + at, load<f32>(g + at) + rate * Mathf.sign(v));
    } else {
      sum += <f64>v * <f64>v;
      store<f32>(g + at, load<f32>(g + at) + 2 * rate * v);
    }
  }
  return sum * <f64>rate;
}

/** w ← w − η (g + λ w). */
export function sgd(w: usize, g: usize, n: i32, rate: f32, decay: f32): void {
  const vRate = f32x4.splat(rate);
  const vDecay = f32x4.splat(decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const wv = v128.load(w + at);
    const gv = f32x4.add(v128.load(g + at), f32x4.mul(wv, vDecay));
    v128.store(w + at, f32x4.sub(wv, f32x4.mul(vRate, gv)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const wi = load<f32>(w + at);
    store<f32>(w + at, wi - rate * (load<f32>(g + at) + wi * decay));
  }
}

/** v ← μ v + (g + λ w); w ← w − η v. */
export function momentum(w: usize, g: usize, v: usize, n: i32, rate: f32, mu: f32, decay: f32): void {
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    const wi = load<f32>(w + at);
    const vi = mu * load<f32>(v + at) + (load<f32>(g + at) + wi * decay);
    store<f32>(v + at, vi);
    store<f32>(w + at, wi - rate * vi);
  }
}

/** Adam with bias correction: m, s the moments; firstScale = 1 / (1 − β₁ᵗ), secondScale = 1 / (1 − β₂ᵗ). */
export function adam(w: usize, g: usize, m: usize, s: usize, n: i32, rate: f32, beta1: f32, beta2: f32, epsilon: f32, firstScale: f32, secondScale: f32, decay: f32): void {
  const vb1 = f32x4.splat(beta1);
  const vb1c = f32x4.splat(1 - beta1);
  const vb2 = f32x4.splat(beta2);
  const vb2c = f32x4.splat(1 - beta2);
  const vRate = f32x4.splat(rate);
  const vFirst = f32x4.splat(firstScale);
  const vSecond = f32x4.splat(secondScale);
  const vEps = f32x4.splat(epsilon);
  const vDecay = f32x4.splat(decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const wv = v128.load(w + at);
    const gv = f32x4.add(v128.load(g + at), f32x4.mul(wv, vDecay));
    const mv = f32x4.add(f32x4.mul(vb1, v128.load(m + at)), f32x4.mul(vb1c, gv));
    const sv = f32x4.add(f32x4.mul(vb2, v128.load(s + at)), f32x4.mul(vb2c, f32x4.mul(gv, gv)));
    v128.store(m + at, mv);
    v128.store(s + at, sv);
    const step = f32x4.div(f32x4.mul(vRate, f32x4.mul(mv, vFirst)), f32x4.add(f32x4.sqrt(f32x4.mul(sv, vSecond)), vEps));
    v128.store(w + at, f32x4.sub(wv, step));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const wi = load<f32>(w + at);
    const gi = load<f32>(g + at) + wi * decay;
    const mi = beta1 * load<f32>(m + at) + (1 - beta1) * gi;
    const si = beta2 * load<f32>(s + at) + (1 - beta2) * gi * gi;
    store<f32>(m + at, mi);
    store<f32>(s + at, si);
    store<f32>(w + at, wi - (rate * (mi * firstScale)) / (Mathf.sqrt(si * secondScale) + epsilon));
  }
}

/** z = b + x·W for one sample. */
function forward(x: usize, w: usize, b: usize, z: usize, fanIn: i32, fanOut: i32): void {
  if (fanOut == 1) {
    store<f32>(z, load<f32>(b) + dot(x, w, fanIn));
  } else if (fanOut >= 4) {
    memory.copy(z, b, <usize>fanOut << 2);
    for (let i = 0; i < fanIn; i++) {
      const xi = load<f32>(x + (<usize>i << 2));
      if (xi == 0) continue; // an inactive ReLU unit adds nothing
      axpy(z, w + ((<usize>i * <usize>fanOut) << 2), xi, fanOut);
    }
  } else {
    for (let j = 0; j < fanOut; j++) {
      let sum = load<f32>(b + (<usize>j << 2));
      for (let i = 0; i < fanIn; i++) sum += load<f32>(x + (<usize>i << 2)) * load<f32>(w + ((<usize>i * <usize>fanOut + <usize>j) << 2));
      store<f32>(z + (<usize>j << 2), sum);
    }
  }
}

/** Accumulates one layer's gradients for one sample from dL/dz (`d`), and dL/dz of the layer below into `below` (0: none). */
function backward(x: usize, d: usize, w: usize, gw: usize, gb: usize, below: usize, fanIn: i32, fanOut: i32, hidden: i32): void {
  axpy(gb, d, 1, fanOut);
  if (fanOut == 1) {
    const d0 = load<f32>(d);
    if (!below) {
      axpy(gw, x, d0, fanIn);
      return;
    }
    const vd = f32x4.splat(d0);
    let i = 0;
    for (; i + 4 <= fanIn; i += 4) {
      const at = <usize>i << 2;
      const xv = v128.load(x + at);
      v128.store(gw + at, f32x4.add(v128.load(gw + at), f32x4.mul(xv, vd)));
      v128.store(below + at, f32x4.mul(f32x4.mul(v128.load(w + at), vd), slope4(xv, hidden)));
    }
    for (; i < fanIn; i++) {
      const at = <usize>i << 2;
      const xi = load<f32>(x + at);
      store<f32>(gw + at, load<f32>(gw + at) + xi * d0);
      store<f32>(below + at, load<f32>(w + at) * d0 * slope(xi, hidden));
    }
    return;
  }
  for (let i = 0; i < fanIn; i++) {
    const xi = load<f32>(x + (<usize>i << 2));
    const sl: f32 = below ? slope(xi, hidden) : 0;
    const row = w + ((<usize>i * <usize>fanOut) << 2);
    const gradRow = gw + ((<usize>i * <usize>fanOut) << 2);
    if (sl == 0) {
      if (below) store<f32>(below + (<usize>i << 2), 0);
      if (xi != 0) axpy(gradRow, d, xi, fanOut);
      continue;
    }
    // In one sweep along the row: the weights' gradients, and W[i, :]·d for the layer below.
    const vx = f32x4.splat(xi);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= fanOut; j += 4) {
      const at = <usize>j << 2;
      const dv = v128.load(d + at);
      v128.store(gradRow + at, f32x4.add(v128.load(gradRow + at), f32x4.mul(vx, dv)));
      acc = f32x4.add(acc, f32x4.mul(v128.load(row + at), dv));
    }
    let back = sum4(acc);
    for (; j < fanOut; j++) {
      const at = <usize>j << 2;
      const dj = load<f32>(d + at);
      store<f32>(gradRow + at, load<f32>(gradRow + at) + xi * dj);
      back += load<f32>(row + at) * dj;
    }
    store<f32>(below + (<usize>i << 2), back * sl);
  }
}

/** The loss of one sample, and dL/dz of the output layer (already scaled to the batch mean). */
function outputDelta(z: usize, t: usize, d: usize, units: i32, output: i32, loss: i32, scale: f32, p: usize): f64 {
  let total: f64 = 0;
  if (loss == BCE) {
    for (let k = 0; k < units; k++) {
      const at = <usize>k << 2;
      const zk = <f64>load<f32>(z + at);
      const y = <f64>load<f32>(t + at);
      total += Math.max(zk, 0) - zk * y + Math.log1p(Math.exp(-Math.abs(zk)));
      store<f32>(d + at, <f32>((sigmoid(zk) - y) * <f64>scale));
    }
    return total;
  }
  let logSum: f64 = 0;
  if (loss == SOFTMAX_CE || output == OUT_SOFTMAX) {
    let largest = -Infinity;
    for (let k = 0; k < units; k++) largest = Math.max(largest, <f64>load<f32>(z + (<usize>k << 2)));
    let sum: f64 = 0;
    for (let k = 0; k < units; k++) sum += Math.exp(<f64>load<f32>(z + (<usize>k << 2)) - largest);
    logSum = largest + Math.log(sum);
  }
  if (loss == SOFTMAX_CE) {
    let mass: f64 = 0;
    for (let k = 0; k < units; k++) mass += <f64>load<f32>(t + (<usize>k << 2));
    for (let k = 0; k < units; k++) {
      const at = <usize>k << 2;
      const y = <f64>load<f32>(t + at);
      const logP = <f64>load<f32>(z + at) - logSum;
      total -= y * logP;
      store<f32>(d + at, <f32>((Math.exp(logP) * mass - y) * <f64>scale));
    }
    return total;
  }
  // Mean squared error of the outputs after their activation.
  let dotGP: f64 = 0;
  for (let k = 0; k < units; k++) {
    const at = <usize>k << 2;
    const zk = <f64>load<f32>(z + at);
    const pk = output == OUT_SOFTMAX ? Math.exp(zk - logSum) : output == OUT_SIGMOID ? sigmoid(zk) : zk;
    store<f32>(p + at, <f32>pk);
    const difference = pk - <f64>load<f32>(t + at);
    total += difference * difference;
    const g = 2 * difference * <f64>scale;
    store<f32>(d + at, <f32>(output == OUT_SIGMOID ? g * pk * (1 - pk) : g));
    dotGP += g * pk;
  }
  // Through the softmax's Jacobian: dz_k = p_k (g_k − Σ_j g_j p_j).
  if (output == OUT_SOFTMAX) {
    for (let k = 0; k < units; k++) {
      const at = <usize>k << 2;
      store<f32>(d + at, <f32>(<f64>load<f32>(p + at) * (<f64>load<f32>(d + at) - dotGP)));
    }
  }
  return total;
}

function activate(z: usize, n: i32, kind: i32): void {
  if (kind == LINEAR) return;
  if (kind == RELU) {
    const zero = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const at = z + (<usize>i << 2);
      v128.store(at, f32x4.max(v128.load(at), zero));
    }
    for (; i < n; i++) {
      const at = z + (<usize>i << 2);
      if (load<f32>(at) < 0) store<f32>(at, 0);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const at = z + (<usize>i << 2);
    const v = <f64>load<f32>(at);
    store<f32>(at, <f32>(kind == TANH ? Math.tanh(v) : kind == SIGMOID ? sigmoid(v) : v >= 0 ? 1 : 0));
  }
}

/** The activation's derivative from its output a (ReLU′(0) = 0; the threshold unit's is 0). */
function slope(a: f32, kind: i32): f32 {
  if (kind == RELU) return a > 0 ? 1 : 0;
  if (kind == TANH) return 1 - a * a;
  if (kind == SIGMOID) return a * (1 - a);
  if (kind == LINEAR) return 1;
  return 0;
}

function slope4(a: v128, kind: i32): v128 {
  const one = f32x4.splat(1);
  if (kind == RELU) return v128.and(f32x4.gt(a, f32x4.splat(0)), one);
  if (kind == TANH) return f32x4.sub(one, f32x4.mul(a, a));
  if (kind == SIGMOID) return f32x4.mul(a, f32x4.sub(one, a));
  if (kind == LINEAR) return one;
  return f32x4.splat(0);
}

function sigmoid(z: f64): f64 {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: usize, b: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(a + (<usize>i << 2)), v128.load(b + (<usize>i << 2))));
  let sum = sum4(acc);
  for (; i < n; i++) sum += load<f32>(a + (<usize>i << 2)) * load<f32>(b + (<usize>i << 2));
  return sum;
}

/** y += a x over n floats. */
function axpy(y: usize, x: usize, a: f32, n: i32): void {
  const va = f32x4.splat(a);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = y + (<usize>i << 2);
    v128.store(at, f32x4.add(v128.load(at), f32x4.mul(va, v128.load(x + (<usize>i << 2)))));
  }
  for (; i < n; i++) {
    const at = y + (<usize>i << 2);
    store<f32>(at, load<f32>(at) + a * load<f32>(x + (<usize>i << 2)));
  }
}

function sum4(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}
