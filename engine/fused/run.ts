/**
 * A trainer's run on a fused path, whatever runs it: the CPU step (WebAssembly SIMD or JavaScript) or the
 * WebGPU step. It holds the live weights and optimizer state, takes a call's steps at once, reads the
 * latest loss and parameters back, and copies the weights into the trainer's TF.js variables when those
 * fall behind. When the WebGPU step cannot go on (the device lost, a shader refused) the run carries on
 * with the CPU step from the weights it is given, and says so in `reason`.
 */
import type { LayerWeights, Mlp } from '../mlp.ts';
import type { OptimizerState } from '../optimizers.ts';
import { tf } from '../tf.ts';
import { choosePath, type PathChoice, type PathRequest, type TrainingPath } from './choose.ts';
import { FusedJsStep } from './js.ts';
import type { FusedNetwork } from './network.ts';
import type { FusedStep } from './step.ts';
import { FusedWasmStep, wasmKernelProblem, wasmKernelReady } from './wasm.ts';
import { DISPATCHES_PER_STEP, FusedWebGpuStep, tfWebGpuDevice, webGpuRefusal } from './webgpu.ts';

export type FusedPath = Exclude<TrainingPath, 'op-by-op'>;

/** What every fused step is built from: the network, the data as float32 rows, the largest batch. */
export interface FusedProblem {
  network: FusedNetwork;
  inputs: Float32Array;
  targets: Float32Array;
  samples: number;
  maxBatch: number;
}

/** The path a trainer takes on this runtime (choose.ts decides from the kernels it has), and TF.js's WebGPU device. */
export function choosePathHere(request: PathRequest, network: FusedNetwork, samples: number, maxBatch: number): { choice: PathChoice; device: GPUDevice | undefined } {
  const device = tfWebGpuDevice();
  const kernels = {
    wasm: wasmKernelReady() || (wasmKernelProblem() ?? 'the WebAssembly kernel is not loaded yet'),
    webgpu: device ? (webGpuRefusal(network, samples, maxBatch, device) ?? true) : `TF.js runs on ${tf.getBackend()}, not WebGPU`,
  } as const;
  return { choice: choosePath(request, tf.getBackend(), network, samples, maxBatch, kernels), device };
}

export class FusedRun {
  /** The TF.js variables lag behind the live weights. */
  stale = false;
  private cpu: FusedStep | undefined;
  private gpu: FusedWebGpuStep | undefined;
  /** The loss of the latest CPU step. */
  private lastLoss: number | undefined;
  private disposed = false;

  constructor(
    public path: FusedPath,
    public reason: string,
    private readonly problem: FusedProblem,
    initial: readonly LayerWeights[],
    device?: GPUDevice,
  ) {
    if (path === 'fused-webgpu') {
      if (!device) throw new Error('the fused WebGPU step needs a device');
      const gpu = new FusedWebGpuStep(device, problem.network, problem.inputs, problem.targets, problem.samples, problem.maxBatch, initial);
      this.gpu = gpu;
      // A GPU that rejects the shader (it should not: WGSL is validated the same everywhere) costs the run nothing.
      void gpu.problem.then((message) => {
        if (message && this.gpu === gpu && !this.disposed) this.leaveGpu(`the fused WebGPU step failed (${message}): it goes on on the CPU`, initial);
      });
    } else {
      this.cpu = this.cpuStep(path, initial);
    }
  }

  /** GPU dispatches per step, on the WebGPU step. */
  get dispatchesPerStep(): number | undefined {
    return this.gpu ? DISPATCHES_PER_STEP : undefined;
  }

  /** Takes one step per entry (row indices, or undefined for every row): on the GPU, all in one submission. */
  step(batches: readonly (readonly number[] | undefined)[]): void {
    if (batches.length === 0) return;
    if (this.gpu) this.gpu.step(batches);
    else for (const batch of batches) this.lastLoss = this.cpu!.step(batch);
    this.stale = true;
  }

  /** The latest step's loss (before its update), then every trainable parameter in the trainer's order. */
  async readBack(): Promise<Float32Array | undefined> {
    if (this.gpu) return this.gpu.readBack();
    if (this.lastLoss === undefined) return undefined;
    const values = new Float32Array(1 + parameterCount(this.problem.network));
    values[0] = this.lastLoss;
    this.cpu!.packParameters(values, 1);
    return values;
  }

  /** The weights at once, when they live on the CPU; undefined on the GPU (use `readWeights`). */
  weightsNow(): LayerWeights[] | undefined {
    return this.cpu?.readWeights();
  }

  async readWeights(): Promise<LayerWeights[]> {
    return this.cpu ? this.cpu.readWeights() : this.gpu!.readWeights();
  }

  writeWeights(layers: readonly LayerWeights[]): void {
    if (this.cpu) this.cpu.writeWeights(layers);
    else this.gpu!.writeWeights(layers);
  }

  async exportState(): Promise<OptimizerState> {
    return this.cpu ? this.cpu.exportState() : this.gpu!.exportState();
  }

  /** Sets the network's TF.js variables to the live weights (GPU to GPU on WebGPU). */
  copyInto(model: Mlp): void {
    if (this.cpu) model.writeFlat(this.cpu.weights, this.cpu.biases);
    else this.gpu!.copyInto(model.weights, model.biases);
    this.stale = false;
  }

  /** Goes on with the CPU step from `weights` when the WebGPU step cannot (no-op on the CPU). */
  leaveGpu(reason: string, weights: readonly LayerWeights[]): void {
    if (!this.gpu) return;
    try {
      this.gpu.dispose();
    } catch {
      // its buffers went with the device
    }
    this.gpu = undefined;
    this.path = wasmKernelReady() ? 'fused-wasm' : 'fused-js';
    this.reason = reason;
    this.cpu = this.cpuStep(this.path, weights);
    this.lastLoss = undefined;
    this.stale = true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.gpu?.dispose();
    } catch {
      // a lost device took the buffers with it
    }
  }

  private cpuStep(path: 'fused-wasm' | 'fused-js', weights: readonly LayerWeights[]): FusedStep {
    const { network, inputs, targets, samples, maxBatch } = this.problem;
    return path === 'fused-wasm' ? FusedWasmStep.create(network, inputs, targets, samples, maxBatch, weights) : new FusedJsStep(network, inputs, targets, samples, maxBatch, weights);
  }
}

/** Trainable parameters of a network: weights, and biases when it has them. */
function parameterCount(network: FusedNetwork): number {
  let count = 0;
  for (let l = 1; l < network.sizes.length; l += 1) count += network.sizes[l - 1]! * network.sizes[l]! + (network.bias ? network.sizes[l]! : 0);
  return count;
}
