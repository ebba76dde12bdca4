/**
 * A layered model (layers.ts's spec) in TF.js: the `Mlp` of convolutional networks. Every shape the rest
 * of the engine sees is PyTorch's, so what a student reads matches the PyTorch code beside the widget:
 * samples [C, L] or [C, H, W], weights Linear [out, in], Conv1d [out, in, k], Conv2d [out, in, kh, kw].
 * Inside, TF.js wants channels last (conv1d [N, L, C], conv2d [N, H, W, C], kernels [k, in, out]): the
 * data is turned once when it is uploaded, weights when they are read or written, and `flatten`
 * reorders to channels first so a dense layer's weights after it line up with PyTorch's.
 *
 * Initial weights are drawn in JavaScript from the seeded generator, as the MLP's are, so the same seed
 * gives the same network on every backend. Dropout masks too: training is repeatable for a seed.
 */
import { activate, activateOutput } from './activations.ts';
import { pair, sizeOf, validateLayeredSpec, type LayerPlan, type LayerSpec, type LayerType, type LayeredSpec } from './layers.ts';
import { initialBiases, weightLimit } from './initialisation.ts';
import { maxPool2d } from './max-pool.ts';
import type { Random } from './random.ts';
import { disposeQuietly, tf, type Tensor, type Variable } from './tf.ts';

/** A parameter as plain numbers in PyTorch's layout: `values` row-major over `shape`. */
export interface ParameterValues {
  shape: number[];
  values: number[];
}

/** One layer's parameters (none for pooling, flatten, dropout and reshape). */
export interface LayerParameters {
  type: LayerType;
  weight?: ParameterValues;
  bias?: ParameterValues;
}

/** One layer's output for one sample, in PyTorch's layout: a feature map [C, L] or [C, H, W], or a vector [units]. */
export interface FeatureMap {
  shape: number[];
  values: number[];
}

/** Whether dropout is on (training) or off (evaluation, predictions, activations), and the masks' generator. */
export type Mode = { training: false } | { training: true; random: Random };

export const EVALUATION: Mode = { training: false };

/** TF.js's channels-last layout from PyTorch's channels-first, for a batch: [N, C, L] → [N, L, C], [N, C, H, W] → [N, H, W, C]. */
export function toChannelsLast(x: Tensor): Tensor {
  if (x.rank === 3) return tf.transpose(x, [0, 2, 1]);
  if (x.rank === 4) return tf.transpose(x, [0, 2, 3, 1]);
  return x;
}

/** PyTorch's channels-first layout from TF.js's. */
export function toChannelsFirst(x: Tensor): Tensor {
  if (x.rank === 3) return tf.transpose(x, [0, 2, 1]);
  if (x.rank === 4) return tf.transpose(x, [0, 3, 1, 2]);
  return x;
}

/** How a kernel's axes go from TF.js's order to PyTorch's (dense [in, out] → [out, in], …); the inverse for writing. */
const TO_PYTORCH: Record<number, number[]> = { 2: [1, 0], 3: [2, 1, 0], 4: [3, 2, 0, 1] };
const FROM_PYTORCH: Record<number, number[]> = { 2: [1, 0], 3: [2, 1, 0], 4: [2, 3, 1, 0] };

export class LayeredModel {
  /** Each layer's shapes and parameters, in spec order. */
  readonly plans: LayerPlan[];
  /** Each layer's kernel in TF.js's layout (undefined for layers without weights). */
  readonly weights: (Variable | undefined)[] = [];
  /** Each layer's bias (undefined without one). */
  readonly biases: (Variable | undefined)[] = [];
  /** The starting parameters as plain numbers (what a lost GPU is recovered from before any readback). */
  readonly initial: LayerParameters[] = [];

  constructor(
    readonly spec: LayeredSpec,
    random: Random,
  ) {
    this.plans = validateLayeredSpec(spec);
    try {
      for (const plan of this.plans) this.build(plan, random);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  private build(plan: LayerPlan, random: Random): void {
    const shapes = plan.parameters;
    if (!shapes) {
      this.weights.push(undefined);
      this.biases.push(undefined);
      this.initial.push({ type: plan.layer.type });
      return;
    }
    // PyTorch's shape is [out, in, …kernel]: fan-in is in·kernel, fan-out out·kernel (initialisation.ts).
    const [units, inputs, ...kernel] = shapes.weight as [number, number, ...number[]];
    const fanIn = inputs * sizeOf(kernel);
    const fanOut = units * sizeOf(kernel);
    const relu = 'activation' in plan.layer && plan.layer.activation === 'relu';
    const limit = weightLimit(fanIn, fanOut, relu);
    // Drawn in PyTorch's order, so the numbers do not depend on TF.js's layout.
    const values = Array.from({ length: sizeOf(shapes.weight) }, () => Math.fround(random.between(-limit, limit)));
    const weight = { shape: shapes.weight, values };
    const bias = shapes.bias ? { shape: shapes.bias, values: Array.from(initialBiases(fanIn, units, true, random)) } : undefined;
    this.initial.push({ type: plan.layer.type, weight, ...(bias ? { bias } : {}) });
    // tidy: a variable keeps its own copy; the initial-value tensors would otherwise stay registered forever.
    this.weights.push(tf.tidy(() => tf.variable(fromPytorch(weight), true, undefined, 'float32')));
    this.biases.push(bias ? tf.tidy(() => tf.variable(tf.tensor1d(bias.values, 'float32'), true, undefined, 'float32')) : undefined);
  }

  /** Every trainable variable: each layer's weight, then its bias, layer by layer. */
  get parameters(): Variable[] {
    return this.weights.flatMap((w, i) => [w, this.biases[i]]).filter((v): v is Variable => v !== undefined);
  }

  /** The kernels alone (what L1/L2 penalise: not the biases). */
  get kernels(): Variable[] {
    return this.weights.filter((v): v is Variable => v !== undefined);
  }

  /** The logits for a batch in TF.js's layout (see `upload`). */
  logits(inputs: Tensor, mode: Mode = EVALUATION): Tensor {
    return this.layerOutputs(inputs, mode, false).at(-1)!;
  }

  /** The outputs (output activation applied), in evaluation mode: dropout off. */
  predict(inputs: Tensor): Tensor {
    return activateOutput(this.logits(inputs), this.spec.output);
  }

  /** Every layer's output for a batch, in PyTorch's layout, the last after the output activation; dropout off. */
  activations(inputs: Tensor): Tensor[] {
    return this.layerOutputs(inputs, EVALUATION, true).map(toChannelsFirst);
  }

  /**
   * Layers `from` … `to` − 1 alone on a batch in TF.js's layout, dropout off; the output activation only when
   * `to` is past the last layer. An autoencoder's encoder is (0, k), its decoder (k, layers).
   */
  runLayers(inputs: Tensor, from: number, to: number): Tensor {
    let x = inputs;
    for (let index = from; index < to; index += 1) x = this.layer(index, this.plans[index]!.layer, x, EVALUATION);
    return toChannelsFirst(to === this.plans.length ? activateOutput(x, this.spec.output) : x);
  }

  /** Samples in PyTorch's layout ([N, …shape], float32 back to back; `shape` the model's input unless given) as a tensor in TF.js's layout. */
  upload(values: Float32Array, count: number, shape: readonly number[] = this.spec.input): Tensor {
    return tf.tidy(() => toChannelsLast(tf.tensor(values, [count, ...shape], 'float32')));
  }

  private layerOutputs(inputs: Tensor, mode: Mode, activateLast: boolean): Tensor[] {
    const outputs: Tensor[] = [];
    let x = inputs;
    this.plans.forEach((plan, index) => {
      const last = index === this.plans.length - 1;
      x = this.layer(index, plan.layer, x, mode);
      if (last && activateLast) x = activateOutput(x, this.spec.output);
      outputs.push(x);
    });
    return outputs;
  }

  /** One layer's forward pass on a batch in TF.js's layout. */
  private layer(index: number, layer: LayerSpec, x: Tensor, mode: Mode): Tensor {
    const weight = this.weights[index]!;
    const bias = this.biases[index];
    const withBias = (z: Tensor) => (bias ? tf.add(z, bias) : z);
    switch (layer.type) {
      case 'dense':
        return activate(withBias(tf.matMul(x as tf.Tensor2D, weight as tf.Tensor as tf.Tensor2D)), layer.activation ?? 'linear');
      case 'conv1d': {
        // TF.js runs conv1d as a 1-high conv2d: a number would pad that height too, so the zeros go along the positions only.
        const padding = layer.padding ?? 'valid';
        const pad: 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]] =
          typeof padding === 'number' ? [[0, 0], [0, 0], [padding, padding], [0, 0]] : padding;
        return activate(withBias(tf.conv1d(x as tf.Tensor3D, weight as tf.Tensor as tf.Tensor3D, layer.stride ?? 1, pad)), layer.activation ?? 'linear');
      }
      case 'conv2d': {
        // NOTE - explicit zeros, not a number: given a number, TF.js (4.22) sizes the output's width from the
        // kernel's height and the stride's height, wrong for a non-square kernel or unequal strides (PyTorch
        // fixture (d) in engine/layered-pytorch.test.ts).
        const padding = layer.padding ?? 'valid';
        const pad: 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]] =
          typeof padding === 'number' ? [[0, 0], [padding, padding], [padding, padding], [0, 0]] : padding;
        return activate(withBias(tf.conv2d(x as tf.Tensor4D, weight as tf.Tensor as tf.Tensor4D, pair(layer.stride ?? 1), pad)), layer.activation ?? 'linear');
      }
      case 'max-pool1d': {
        // TF.js pools in 2-D only: positions become a 1-wide image and back.
        const [batch, length, channels] = x.shape as [number, number, number];
        const pooled = maxPool2d(tf.reshape(x, [batch, 1, length, channels]), [1, layer.size], [1, layer.stride ?? layer.size]);
        return tf.reshape(pooled, [batch, pooled.shape[2]!, channels]);
      }
      case 'max-pool2d':
        // The engine's own gradient: TF.js's WASM MaxPoolGrad misroutes part of it (max-pool.ts).
        return maxPool2d(x, pair(layer.size), pair(layer.stride ?? layer.size));
      case 'global-max-pool1d':
        return globalMaxOverPositions(x as tf.Tensor3D);
      case 'flatten':
        // Channel by channel, as PyTorch flattens [C, L]: the next dense layer's weights then match nn.Linear's.
        return tf.reshape(toChannelsFirst(x), [x.shape[0]!, -1]);
      case 'dropout':
        return mode.training && layer.rate > 0 ? tf.mul(x, dropoutMask(x.shape, layer.rate, mode.random)) : x;
      case 'reshape':
        return toChannelsLast(tf.reshape(toChannelsFirst(x), [x.shape[0]!, ...layer.shape]));
    }
  }

  /** Splits a flat array of every parameter (in `parameters` order, PyTorch's layouts) into layers. */
  unpack(values: ArrayLike<number>): LayerParameters[] {
    let offset = 0;
    const take = (shape: number[]): ParameterValues => ({ shape, values: Array.from({ length: sizeOf(shape) }, () => values[offset++]!) });
    return this.plans.map(({ layer, parameters }) => {
      if (!parameters) return { type: layer.type };
      const weight = take(parameters.weight);
      return parameters.bias ? { type: layer.type, weight, bias: take(parameters.bias) } : { type: layer.type, weight };
    });
  }

  /**
   * Every parameter in PyTorch's layouts, flattened in `parameters` order: one tensor to read back at once.
   * Given tensors shaped like the parameters (their gradients), packs those instead.
   */
  packed(tensors: readonly Tensor[] = this.parameters): Tensor {
    return tf.concat(tensors.map((p) => tf.reshape(p.rank > 1 ? tf.transpose(p, TO_PYTORCH[p.rank]) : p, [-1])));
  }

  /** Reads every layer's parameters in PyTorch's layouts (one asynchronous transfer). */
  async readWeights(): Promise<LayerParameters[]> {
    if (this.parameters.length === 0) return this.unpack([]);
    const packed = tf.tidy(() => this.packed());
    try {
      return this.unpack(await packed.data());
    } finally {
      disposeQuietly([packed]);
    }
  }

  /** Overwrites every parameter from PyTorch-layout values (a widget's hand-set weights, a snapshot restored). */
  writeWeights(layers: readonly LayerParameters[]): void {
    if (layers.length !== this.plans.length) throw new Error(`expected parameters for ${this.plans.length} layers, got ${layers.length}`);
    this.plans.forEach(({ parameters }, i) => {
      const given = layers[i]!;
      const same = (a: readonly number[] | undefined, b: readonly number[] | undefined) => a?.join() === b?.join();
      const fits = (p: ParameterValues | undefined, shape: number[] | undefined) => same(p?.shape, shape) && (!p || p.values.length === sizeOf(p.shape));
      if (!fits(given.weight, parameters?.weight) || !fits(given.bias, parameters?.bias)) {
        const wanted = parameters ? `a weight [${parameters.weight.join(', ')}]${parameters.bias ? ` and a bias [${parameters.bias.join(', ')}]` : ''}` : 'no parameters';
        throw new Error(`layer ${i + 1} (${this.plans[i]!.layer.type}) takes ${wanted}`);
      }
    });
    tf.tidy(() => {
      layers.forEach((layer, i) => {
        if (layer.weight) this.weights[i]!.assign(fromPytorch(layer.weight));
        if (layer.bias) this.biases[i]!.assign(tf.tensor1d(layer.bias.values, 'float32'));
      });
    });
  }

  /** Frees the model's tensors (all of them, even if a lost backend refuses one). */
  dispose(): void {
    disposeQuietly([...this.weights, ...this.biases]);
  }
}

/** A PyTorch-layout parameter as a tensor in TF.js's layout. */
function fromPytorch({ shape, values }: ParameterValues): Tensor {
  return tf.tidy(() => tf.transpose(tf.tensor(values, shape, 'float32'), FROM_PYTORCH[shape.length]));
}

/** Inverted dropout's mask: 0 with probability `rate`, else 1/(1 − rate), drawn from the seeded generator. */
function dropoutMask(shape: number[], rate: number, random: Random): Tensor {
  const keep = 1 / (1 - rate);
  return tf.tensor(Float32Array.from({ length: sizeOf(shape) }, () => (random.uniform() < rate ? 0 : keep)), shape, 'float32');
}

/**
 * The largest value over the positions of [batch, positions, channels], kept as [batch, 1, channels], with
 * TF.js's gradient — dy to every position that holds the maximum, ties included (one-hot DNA makes exact ties
 * common, and every backend must agree on them) — computed without `Equal`: TF.js's own gradient of `max`
 * compares x with the broadcast maximum, and on the WASM backend that `Equal` took 10 of a motif CNN step's
 * 16 ms (the bench's cnn-motif, tf.profile). Here the positions at the maximum are 1 − sign(max − x), which is
 * exactly 1 there and 0 elsewhere (max − x ≥ 0), from a subtraction and a sign, which WASM does quickly.
 */
const globalMaxOverPositions = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const maximum = tf.max(x, 1, true);
  save([x, maximum]);
  return {
    value: maximum,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [input, top] = saved as [tf.Tensor, tf.Tensor];
      const atMaximum = tf.sub(1, tf.sign(tf.sub(top, input)));
      return tf.mul(atMaximum, dy);
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor3D) => tf.Tensor;
