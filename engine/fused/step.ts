/**
 * What the fused CPU kernels share (js.ts, wasm.ts): the parameters, gradients and optimizer slots as
 * float32 arrays, laid out as TF.js lays them out (`w[i * fanOut + j]`: input i → unit j), the conversions
 * to and from the trainer's formats, and the run's side of `FusedStepper`, so a CPU kernel writes only its
 * step. The JavaScript kernel owns ordinary arrays; the WebAssembly kernel hands out views into its
 * module's memory, so neither copies anything per step.
 */
import type { LayerWeights, Mlp } from '../mlp.ts';
import type { OptimizerState } from '../optimizers.ts';
import type { FusedStepper } from './kernel.ts';
import type { FusedNetwork } from './network.ts';

/** Gives out `floats` zeroed float32s that stay put for the step's lifetime. */
export type Allocate = (floats: number) => Float32Array;

/** How many float32s a network's parameters, gradients and optimizer slots take (what `FusedStep` allocates). */
export function parameterFloats(network: FusedNetwork): number {
  let parameters = 0;
  for (let l = 1; l < network.sizes.length; l += 1) parameters += network.sizes[l - 1]! * network.sizes[l]! + network.sizes[l]!;
  return parameters * (2 + slotsPerParameter(network));
}

function slotsPerParameter(network: FusedNetwork): number {
  return { sgd: 0, momentum: 1, adam: 2 }[network.optimizer.kind];
}

export abstract class FusedStep implements FusedStepper {
  /** Weights per layer. The live values: the trainer copies them into TF.js when something reads those. */
  readonly weights: Float32Array[] = [];
  readonly biases: Float32Array[] = [];
  /** Optimizer updates applied (Adam's t). */
  updates = 0;

  protected readonly sizes: number[];
  protected readonly depth: number;
  protected readonly gradWeights: Float32Array[] = [];
  protected readonly gradBiases: Float32Array[] = [];
  /** Optimizer slots, per trainable parameter in the trainer's order (w₀, b₀, w₁, b₁ …; without biases w₀, w₁ …). */
  protected readonly slots: Float32Array[][];
  /** The objective of the latest step. */
  private lastLoss: number | undefined;

  constructor(
    readonly network: FusedNetwork,
    allocate: Allocate,
    initial: readonly LayerWeights[],
  ) {
    this.sizes = [...network.sizes];
    this.depth = this.sizes.length - 1;
    for (let l = 0; l < this.depth; l += 1) {
      const fanIn = this.sizes[l]!;
      const fanOut = this.sizes[l + 1]!;
      this.weights.push(allocate(fanIn * fanOut));
      this.biases.push(allocate(fanOut));
      this.gradWeights.push(allocate(fanIn * fanOut));
      this.gradBiases.push(allocate(fanOut));
    }
    const perParameter = slotsPerParameter(network);
    this.slots = this.trainable().map(([values]) => Array.from({ length: perParameter }, () => allocate(values.length)));
    this.writeWeights(initial);
  }

  /**
   * One optimizer step on the samples at `batch` (row indices), or on every sample when it is undefined.
   * Returns the objective before the update: the data loss plus the regularisation penalty.
   */
  protected abstract stepOnce(batch?: ArrayLike<number>): number;

  step(batches: readonly (readonly number[] | undefined)[]): void {
    for (const batch of batches) this.lastLoss = this.stepOnce(batch);
  }

  async readBack(): Promise<Float32Array | undefined> {
    if (this.lastLoss === undefined) return undefined;
    const parameters = this.trainable();
    const values = new Float32Array(1 + parameters.reduce((sum, [w]) => sum + w.length, 0));
    values[0] = this.lastLoss;
    let offset = 1;
    for (const [w] of parameters) {
      values.set(w, offset);
      offset += w.length;
    }
    return values;
  }

  /** The parameters as the trainer's `LayerWeights` (absent biases read as 0). */
  weightsNow(): LayerWeights[] {
    return this.weights.map((w, l) => {
      const fanOut = this.sizes[l + 1]!;
      return {
        weights: Array.from({ length: this.sizes[l]! }, (_, i) => Array.from(w.subarray(i * fanOut, (i + 1) * fanOut))),
        biases: Array.from(this.biases[l]!),
      };
    });
  }

  async readWeights(): Promise<LayerWeights[]> {
    return this.weightsNow();
  }

  writeWeights(layers: readonly LayerWeights[]): void {
    if (layers.length !== this.depth) throw new Error(`expected weights for ${this.depth} layers, got ${layers.length}`);
    layers.forEach((layer, l) => {
      const fanOut = this.sizes[l + 1]!;
      const w = this.weights[l]!;
      layer.weights.forEach((row, i) => w.set(row, i * fanOut));
      this.biases[l]!.set(layer.biases);
    });
  }

  async exportState(): Promise<OptimizerState> {
    return { updates: this.updates, slots: this.slots.map((slots) => slots.map((slot) => slot.slice())) };
  }

  copyInto(model: Mlp): void {
    model.writeFlat(this.weights, this.biases);
  }

  dispose(): void {
    // Ordinary arrays, or a module instance of its own: the garbage collector takes either.
  }

  /** [values, gradients] of every trainable parameter, in the trainer's order. */
  protected trainable(): [Float32Array, Float32Array][] {
    const list: [Float32Array, Float32Array][] = [];
    for (let l = 0; l < this.depth; l += 1) {
      list.push([this.weights[l]!, this.gradWeights[l]!]);
      if (this.network.bias) list.push([this.biases[l]!, this.gradBiases[l]!]);
    }
    return list;
  }
}
