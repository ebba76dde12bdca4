/**
 * A multilayer perceptron: layer sizes [inputs, hidden…, outputs], one hidden activation, one output
 * activation. Weights live in TF.js variables on the engine's backend; initial values are drawn from the
 * engine's seeded generator in JavaScript, so the same seed gives the same network on every backend.
 */
import { activate, activateOutput, type HiddenActivation, type OutputActivation } from './activations.ts';
import { initialBiases, weightLimit } from './initialisation.ts';
import type { Random } from './random.ts';
import { disposeQuietly, tf, type Tensor2D, type Variable } from './tf.ts';

/** The shape of a network. */
export interface MlpSpec {
  /** Units per layer, inputs first and outputs last, e.g. [1, 10, 1]. */
  layers: readonly number[];
  /** Activation of every hidden unit. */
  hidden: HiddenActivation;
  /** Activation of the output units. */
  output: OutputActivation;
  /**
   * Whether every layer adds a trainable bias (default true). Without one a linear model is ŷ = Xβ, as in
   * the lecture's regression through the origin: its loss is a function of the weights alone.
   */
  bias?: boolean;
}

/** One layer's parameters as plain numbers: `weights[i][j]` connects input i to unit j. */
export interface LayerWeights {
  weights: number[][];
  biases: number[];
}

/** Checks a spec and says what is wrong in the widget author's terms. */
export function validateMlpSpec(spec: MlpSpec): void {
  if (spec.layers.length < 2) throw new Error(`an MLP needs at least an input and an output layer, got [${spec.layers.join(', ')}]`);
  for (const size of spec.layers) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`layer sizes must be whole numbers ≥ 1, got [${spec.layers.join(', ')}]`);
  }
}

export class Mlp {
  /** Weight matrices, one per layer, shaped [fan-in, fan-out]. */
  readonly weights: Variable[] = [];
  /** Bias vectors, one per layer. */
  readonly biases: Variable[] = [];
  /** The starting weights as plain numbers (kept so a lost GPU can be recovered before any readback). */
  readonly initial: LayerWeights[] = [];

  constructor(
    readonly spec: MlpSpec,
    random: Random,
  ) {
    validateMlpSpec(spec);
    try {
      this.build(random);
    } catch (error) {
      // A half-built network (a backend failing part way) must not keep the variables it did make.
      disposeQuietly([...this.weights, ...this.biases]);
      throw error;
    }
  }

  private build(random: Random): void {
    const { spec } = this;
    for (let layer = 1; layer < spec.layers.length; layer += 1) {
      const fanIn = spec.layers[layer - 1]!;
      const fanOut = spec.layers[layer]!;
      const limit = weightLimit(fanIn, fanOut, spec.hidden === 'relu' && layer < spec.layers.length - 1);
      const values = Float32Array.from({ length: fanIn * fanOut }, () => random.between(-limit, limit));
      const biasValues = initialBiases(fanIn, fanOut, spec.bias !== false, random);
      this.initial.push({
        weights: Array.from({ length: fanIn }, (_, i) => Array.from(values.subarray(i * fanOut, (i + 1) * fanOut))),
        biases: Array.from(biasValues),
      });
      // tidy: a variable keeps its own copy; the initial-value tensors would otherwise stay registered forever.
      this.weights.push(tf.tidy(() => tf.variable(tf.tensor2d(values, [fanIn, fanOut]), true, undefined, 'float32')));
      this.biases.push(tf.tidy(() => tf.variable(tf.tensor1d(biasValues, 'float32'), spec.bias !== false, undefined, 'float32')));
    }
  }

  /** Every trainable variable: weights then biases (when the network has them), layer by layer. */
  get parameters(): Variable[] {
    return this.hasBias ? this.weights.flatMap((w, i) => [w, this.biases[i]!]) : [...this.weights];
  }

  /** False when the spec asked for no biases: they stay zero and are not trained. */
  get hasBias(): boolean {
    return this.spec.bias !== false;
  }

  /** Number of layers with parameters. */
  get depth(): number {
    return this.weights.length;
  }

  /** The last layer's pre-activations (logits) for a batch of inputs [samples, features]. */
  logits(inputs: Tensor2D): Tensor2D {
    return this.layerOutputs(inputs, false).at(-1)!;
  }

  /** The network's outputs (output activation applied). */
  predict(inputs: Tensor2D): Tensor2D {
    return activateOutput(this.logits(inputs), this.spec.output) as Tensor2D;
  }

  /**
   * The activations of every layer for a batch: element 0 is the first hidden layer, the last element is
   * the output (after its activation). Used for hidden-unit views.
   */
  activations(inputs: Tensor2D): Tensor2D[] {
    return this.layerOutputs(inputs, true);
  }

  private layerOutputs(inputs: Tensor2D, activateLast: boolean): Tensor2D[] {
    const outputs: Tensor2D[] = [];
    let x = inputs;
    for (let layer = 0; layer < this.depth; layer += 1) {
      const z = tf.add(tf.matMul(x, this.weights[layer]!), this.biases[layer]!) as Tensor2D;
      const last = layer === this.depth - 1;
      x = last ? (activateLast ? (activateOutput(z, this.spec.output) as Tensor2D) : z) : (activate(z, this.spec.hidden) as Tensor2D);
      outputs.push(x);
    }
    return outputs;
  }

  /** Splits a flat array holding every parameter (in `parameters` order) into layers; absent biases read as 0. */
  unpack(values: ArrayLike<number>): LayerWeights[] {
    let offset = 0;
    const take = (count: number) => Array.from({ length: count }, () => values[offset++]!);
    return this.weights.map((w) => {
      const [fanIn, fanOut] = w.shape as [number, number];
      const weights = Array.from({ length: fanIn }, () => take(fanOut));
      return { weights, biases: this.hasBias ? take(fanOut) : new Array<number>(fanOut).fill(0) };
    });
  }

  /** Reads every layer's parameters back (asynchronously: never stalls the GPU pipeline). */
  async readWeights(): Promise<LayerWeights[]> {
    return Promise.all(
      this.weights.map(async (w, i) => ({
        weights: (await w.array()) as number[][],
        biases: (await this.biases[i]!.array()) as number[],
      })),
    );
  }

  /** Overwrites every parameter (e.g. a widget's hand-set weights, or a snapshot restored). */
  writeWeights(layers: readonly LayerWeights[]): void {
    if (layers.length !== this.depth) throw new Error(`expected weights for ${this.depth} layers, got ${layers.length}`);
    layers.forEach((layer, i) => {
      const [fanIn, fanOut] = this.weights[i]!.shape as [number, number];
      if (layer.weights.length !== fanIn || layer.weights.some((row) => row.length !== fanOut) || layer.biases.length !== fanOut) {
        throw new Error(`layer ${i + 1} weights must be ${fanIn}×${fanOut} with ${fanOut} biases`);
      }
      if (!this.hasBias && layer.biases.some((b) => b !== 0)) throw new Error(`layer ${i + 1} has no bias in this network (bias: false), so its biases must be 0`);
      tf.tidy(() => {
        this.weights[i]!.assign(tf.tensor2d(layer.weights, [fanIn, fanOut], 'float32'));
        this.biases[i]!.assign(tf.tensor1d(layer.biases, 'float32'));
      });
    });
  }

  /** Overwrites every parameter from flat float32 arrays (`weights[l][i * fanOut + j]`), as the fused step keeps them. */
  writeFlat(weights: readonly Float32Array[], biases: readonly Float32Array[]): void {
    tf.tidy(() => {
      this.weights.forEach((w, l) => {
        // Copies: TF.js's CPU backend keeps the very array it is given, and the caller goes on changing its own.
        w.assign(tf.tensor2d(weights[l]!.slice(), w.shape as [number, number], 'float32'));
        this.biases[l]!.assign(tf.tensor1d(biases[l]!.slice(), 'float32'));
      });
    });
  }

  /** Frees the network's tensors (all of them, even if a lost backend refuses one). */
  dispose(): void {
    disposeQuietly([...this.weights, ...this.biases]);
  }
}
