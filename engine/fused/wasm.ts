/**
 * The fused training step in WebAssembly with 128-bit SIMD (wasm/kernel.as.ts). The module is compiled
 * once per page, asynchronously (`loadWasmKernel`, the kernel's `prepare`, which the engine awaits as it starts: browsers refuse
 * to compile a module this size synchronously on the main thread); each trainer then gets its own
 * instance and memory, sized once, so the float32 views handed to the trainer never move.
 *
 * Memory, from the module's heap base, each block 16-byte aligned: per layer its weights, biases and
 * their gradients; the optimizer slots; the inputs and targets; one sample's outputs and dL/dz per layer;
 * the output probabilities; the batch's row indices; the layer table (see kernel.as.ts).
 */
import type { LayerWeights } from '../mlp.ts';
import type { FusedKernel } from './kernel.ts';
import type { FusedNetwork } from './network.ts';
import { FusedStep, parameterFloats, type Allocate } from './step.ts';
import { KERNEL_WASM } from './wasm/kernel.wasm.ts';

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  clear(at: number, bytes: number): void;
  accumulate(table: number, depth: number, hidden: number, output: number, loss: number, inputs: number, targets: number, batch: number, count: number, scale: number, probabilities: number): number;
  regularize(w: number, g: number, n: number, kind: number, rate: number): number;
  sgd(w: number, g: number, n: number, rate: number, decay: number): void;
  momentum(w: number, g: number, v: number, n: number, rate: number, mu: number, decay: number): void;
  adam(w: number, g: number, m: number, s: number, n: number, rate: number, beta1: number, beta2: number, epsilon: number, firstScale: number, secondScale: number, decay: number): void;
}

/** The codes kernel.as.ts uses. */
const HIDDEN_CODES = { relu: 0, tanh: 1, sigmoid: 2, linear: 3, threshold: 4 } as const;
const OUTPUT_CODES = { linear: 0, sigmoid: 1, softmax: 2 } as const;
const LOSS_CODES = { mse: 0, bce: 1, 'softmax-ce': 2 } as const;
const TABLE_ENTRY_BYTES = 32;
const PAGE_BYTES = 65_536;

let compiling: Promise<WebAssembly.Module | undefined> | undefined;
let compiled: WebAssembly.Module | undefined;
let problem: string | undefined;

/**
 * Compiles the kernel (once; later calls share the first). Resolves true when it is ready, false when
 * this runtime cannot run it (no WebAssembly, or no SIMD): the kernel's refusal then says which.
 */
export function loadWasmKernel(): Promise<boolean> {
  compiling ??= (async () => {
    try {
      if (typeof WebAssembly === 'undefined') throw new Error('this runtime has no WebAssembly');
      const bytes = Uint8Array.from(atob(KERNEL_WASM), (c) => c.charCodeAt(0));
      if (!WebAssembly.validate(bytes)) throw new Error('this runtime has no WebAssembly SIMD');
      compiled = await WebAssembly.compile(bytes);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    return compiled;
  })();
  return compiling.then((module) => module !== undefined);
}

/** Faster than JavaScript wherever the runtime has WebAssembly SIMD (npm run bench), so preferred to it. */
export const wasmKernel: FusedKernel<'fused-wasm'> = {
  path: 'fused-wasm',
  runsOn: 'cpu',
  name: 'the fused step in WebAssembly',
  label: 'WebAssembly SIMD',
  refusal: () => (compiled ? undefined : (problem ?? 'the WebAssembly kernel is not loaded yet')),
  create: ({ network, inputs, targets, samples, maxBatch }, initial) => FusedWasmStep.create(network, inputs, targets, samples, maxBatch, initial),
  prepare: loadWasmKernel,
};

/** A fresh instance with memory for one trainer, and a bump allocator over it. */
class Arena {
  readonly exports: KernelExports;
  private cursor: number;

  constructor(floats: number, blocks: number) {
    if (!compiled) throw new Error('the WebAssembly kernel is not loaded (await loadWasmKernel() first)');
    this.exports = new WebAssembly.Instance(compiled, {}).exports as unknown as KernelExports;
    this.cursor = align(this.exports.heapBase());
    const bytes = this.cursor + floats * 4 + blocks * 16;
    const memory = this.exports.memory;
    // Sized once: growing the memory later would detach every view already handed out.
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  }

  readonly floats: Allocate = (count) => {
    const view = new Float32Array(this.exports.memory.buffer, this.cursor, count);
    this.cursor = align(this.cursor + count * 4);
    return view;
  };

  ints(count: number): Int32Array {
    const view = new Int32Array(this.exports.memory.buffer, this.cursor, count);
    this.cursor = align(this.cursor + count * 4);
    return view;
  }
}

function align(address: number): number {
  return Math.ceil(address / 16) * 16;
}

export class FusedWasmStep extends FusedStep {
  private readonly exports: KernelExports;
  private readonly inputs: Float32Array;
  private readonly targets: Float32Array;
  private readonly rows: Int32Array;
  private readonly probabilities: Float32Array;
  private readonly table: Int32Array;

  /** Needs `loadWasmKernel()` to have resolved true. */
  static create(network: FusedNetwork, inputs: Float32Array, targets: Float32Array, samples: number, maxBatch: number, initial: readonly LayerWeights[]): FusedWasmStep {
    const depth = network.sizes.length - 1;
    const perSample = network.sizes.slice(1).reduce((sum, units) => sum + 2 * units, 0);
    const floats = parameterFloats(network) + inputs.length + targets.length + perSample + network.sizes[depth]! + maxBatch + depth * (TABLE_ENTRY_BYTES / 4);
    const arena = new Arena(floats, 8 * depth + 16);
    return new FusedWasmStep(network, arena, inputs, targets, samples, maxBatch, initial);
  }

  private constructor(
    network: FusedNetwork,
    arena: Arena,
    inputs: Float32Array,
    targets: Float32Array,
    private readonly samples: number,
    maxBatch: number,
    initial: readonly LayerWeights[],
  ) {
    super(network, arena.floats, initial);
    this.exports = arena.exports;
    this.inputs = arena.floats(inputs.length);
    this.inputs.set(inputs);
    this.targets = arena.floats(targets.length);
    this.targets.set(targets);
    const outputs = this.sizes.slice(1).map((units) => arena.floats(units));
    const deltas = this.sizes.slice(1).map((units) => arena.floats(units));
    this.probabilities = arena.floats(this.sizes[this.depth]!);
    this.rows = arena.ints(maxBatch);
    this.table = arena.ints(this.depth * (TABLE_ENTRY_BYTES / 4));
    for (let l = 0; l < this.depth; l += 1) {
      this.table.set(
        [this.sizes[l]!, this.sizes[l + 1]!, ...[this.weights[l]!, this.biases[l]!, this.gradWeights[l]!, this.gradBiases[l]!, outputs[l]!, deltas[l]!].map((view) => view.byteOffset)],
        l * (TABLE_ENTRY_BYTES / 4),
      );
    }
  }

  protected override stepOnce(batch?: ArrayLike<number>): number {
    const k = this.exports;
    const count = batch ? batch.length : this.samples;
    if (batch) {
      if (batch.length > this.rows.length) throw new Error(`a batch of ${batch.length} is more than this step was sized for`);
      this.rows.set(batch);
    }
    for (let l = 0; l < this.depth; l += 1) {
      k.clear(this.gradWeights[l]!.byteOffset, this.gradWeights[l]!.byteLength);
      k.clear(this.gradBiases[l]!.byteOffset, this.gradBiases[l]!.byteLength);
    }
    const { loss, hidden, output, regularization, optimizer } = this.network;
    const outUnits = this.sizes[this.depth]!;
    const scale = loss === 'softmax-ce' ? 1 / count : 1 / (count * outUnits);
    const sum = k.accumulate(
      this.table.byteOffset,
      this.depth,
      HIDDEN_CODES[hidden],
      OUTPUT_CODES[output],
      LOSS_CODES[loss],
      this.inputs.byteOffset,
      this.targets.byteOffset,
      batch ? this.rows.byteOffset : 0,
      count,
      scale,
      this.probabilities.byteOffset,
    );
    let objective = sum * scale;
    if (regularization.kind !== 'none' && regularization.rate !== 0) {
      for (let l = 0; l < this.depth; l += 1) {
        const w = this.weights[l]!;
        objective += k.regularize(w.byteOffset, this.gradWeights[l]!.byteOffset, w.length, regularization.kind === 'l1' ? 1 : 2, regularization.rate);
      }
    }
    this.updates += 1;
    const rate = optimizer.learningRate;
    const decay = optimizer.weightDecay ?? 0;
    const beta1 = optimizer.beta1 ?? 0.9;
    const beta2 = optimizer.beta2 ?? 0.999;
    const firstScale = 1 / (1 - beta1 ** this.updates);
    const secondScale = 1 / (1 - beta2 ** this.updates);
    this.trainable().forEach(([w, g], p) => {
      const [first, second] = this.slots[p]!;
      if (optimizer.kind === 'sgd') k.sgd(w.byteOffset, g.byteOffset, w.length, rate, decay);
      else if (optimizer.kind === 'momentum') k.momentum(w.byteOffset, g.byteOffset, first!.byteOffset, w.length, rate, optimizer.momentum ?? 0.9, decay);
      else k.adam(w.byteOffset, g.byteOffset, first!.byteOffset, second!.byteOffset, w.length, rate, beta1, beta2, optimizer.epsilon ?? 1e-8, firstScale, secondScale, decay);
    });
    return objective;
  }
}
