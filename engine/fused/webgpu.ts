/// <reference types="@webgpu/types" />
/**
 * The fused training step on WebGPU, on the device TF.js's WebGPU backend already holds: two compute
 * dispatches per step (webgpu.wgsl.ts), and every step a trainer is asked for at once encoded into one
 * command buffer and one submission (in chunks of `STEPS_PER_SUBMISSION`). Nothing waits: the loss and
 * the weights come back through one asynchronous read when the trainer reads back (at most once a frame).
 *
 * The live weights stay in a GPU buffer. When something reads the trainer's TF.js variables, `copyInto`
 * copies them GPU to GPU into fresh TF.js tensors (`tf.tensor({ buffer })`), so predictions, gradients
 * and every other op-by-op use of the network see the same numbers without a trip through JavaScript.
 */
import type { LayerWeights, Mlp } from '../mlp.ts';
import type { OptimizerState } from '../optimizers.ts';
import { tf } from '../tf.ts';
import type { FusedKernel, FusedShape, FusedStepper } from './kernel.ts';
import type { FusedNetwork } from './network.ts';
import { fusedShader, gpuLayout, WORKGROUP, type GpuLayout } from './webgpu.wgsl.ts';

/** Steps encoded per submission at most (a bigger request is split): bounds the per-step buffers. */
export const STEPS_PER_SUBMISSION = 64;
/** Compute dispatches per step: `samples`, then `update`. */
const DISPATCHES_PER_STEP = 2;
/** Bytes between two steps' uniforms (WebGPU's minimum dynamic-offset alignment). */
const STEP_STRIDE = 256;

/** Two dispatches a step on TF.js's own device: worth their launches once a step is enough work (choose.ts). */
export const webGpuKernel: FusedKernel<'fused-webgpu'> = {
  path: 'fused-webgpu',
  runsOn: 'gpu',
  name: 'the fused step on WebGPU',
  label: 'WebGPU, two dispatches a step',
  refusal(shape, backend) {
    const device = tfWebGpuDevice();
    return device ? webGpuRefusal(shape, device) : `TF.js runs on ${backend}, not WebGPU`;
  },
  create({ network, inputs, targets, samples, maxBatch }, initial) {
    const device = tfWebGpuDevice();
    if (!device) throw new Error('the fused WebGPU step needs TF.js on WebGPU');
    return new FusedWebGpuStep(device, network, inputs, targets, samples, maxBatch, initial);
  },
};

/** The WebGPU device of TF.js's current backend, when that backend is WebGPU. */
function tfWebGpuDevice(): GPUDevice | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  return (tf.backend() as unknown as { device?: GPUDevice }).device;
}

/** Why a network cannot run on the fused WebGPU step of `device`, or undefined when it can. */
function webGpuRefusal({ network, maxBatch }: FusedShape, device: GPUDevice): string | undefined {
  const layout = gpuLayout(network);
  const workBytes = (2 * maxBatch * layout.stride + maxBatch + 1) * 4;
  if (workBytes > device.limits.maxStorageBufferBindingSize) return `its ${(workBytes / 2 ** 20).toFixed(0)} MB of per-sample values exceed this GPU's storage buffer limit`;
  if (Math.ceil(layout.parameters / WORKGROUP) > device.limits.maxComputeWorkgroupsPerDimension) return `${layout.parameters} parameters are more than one dispatch covers here`;
  if (Math.ceil(maxBatch / WORKGROUP) > device.limits.maxComputeWorkgroupsPerDimension) return `batches of ${maxBatch} are more than one dispatch covers here`;
  return undefined;
}

export class FusedWebGpuStep implements FusedStepper {
  readonly dispatchesPerStep = DISPATCHES_PER_STEP;
  /** Optimizer updates applied (Adam's t). */
  updates = 0;
  private readonly layout: GpuLayout;
  private readonly params: GPUBuffer;
  private readonly slots: GPUBuffer;
  private readonly data: GPUBuffer;
  private readonly work: GPUBuffer;
  private readonly rows: GPUBuffer;
  private readonly losses: GPUBuffer;
  private readonly steps: GPUBuffer;
  private readonly samplesPipeline: GPUComputePipeline;
  private readonly updatePipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  /** Where the row indices of the full data set (0 … n − 1) sit in `rows`. */
  private readonly everyRow: number;
  private readonly slotCount: number;
  private lastLossIndex = -1;
  private disposed = false;
  /** Resolves to what the device said was wrong with the shader or pipelines, or undefined when all is well. */
  readonly problem: Promise<string | undefined>;

  constructor(
    private readonly device: GPUDevice,
    readonly network: FusedNetwork,
    inputs: Float32Array,
    targets: Float32Array,
    private readonly samples: number,
    private readonly maxBatch: number,
    initial: readonly LayerWeights[],
  ) {
    const layout = gpuLayout(network);
    this.layout = layout;
    this.slotCount = { sgd: 0, momentum: 1, adam: 2 }[network.optimizer.kind];
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const buffer = (label: string, bytes: number, usage = storage) => device.createBuffer({ label: `axon fused ${label}`, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
    this.params = buffer('parameters', layout.parameters * 4);
    this.slots = buffer('optimizer slots', Math.max(1, this.slotCount) * layout.parameters * 4);
    this.data = buffer('data', (inputs.length + targets.length) * 4);
    this.work = buffer('per-sample values', (2 * maxBatch * layout.stride + maxBatch + 1) * 4);
    this.everyRow = STEPS_PER_SUBMISSION * maxBatch;
    this.rows = buffer('rows', (this.everyRow + samples) * 4);
    this.losses = buffer('losses', STEPS_PER_SUBMISSION * 4);
    this.steps = buffer('steps', STEPS_PER_SUBMISSION * STEP_STRIDE, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(this.data, 0, inputs);
    device.queue.writeBuffer(this.data, inputs.byteLength, targets);
    device.queue.writeBuffer(this.rows, this.everyRow * 4, Uint32Array.from({ length: samples }, (_, i) => i));
    this.writeWeights(initial);

    device.pushErrorScope('validation');
    const module = device.createShaderModule({ label: 'axon fused step', code: fusedShader(network, layout, samples, maxBatch) });
    const bindGroupLayout = device.createBindGroupLayout({
      entries: [
        ...[0, 1, 3, 5].map((binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' as const } })),
        ...[2, 4].map((binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' as const } })),
        { binding: 6, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' as const, hasDynamicOffset: true } },
      ],
    });
    const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
    this.samplesPipeline = device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint: 'samples' } });
    this.updatePipeline = device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint: 'update' } });
    this.bindGroup = device.createBindGroup({
      layout: bindGroupLayout,
      entries: [
        { binding: 0, resource: { buffer: this.params } },
        { binding: 1, resource: { buffer: this.slots } },
        { binding: 2, resource: { buffer: this.data } },
        { binding: 3, resource: { buffer: this.work } },
        { binding: 4, resource: { buffer: this.rows } },
        { binding: 5, resource: { buffer: this.losses } },
        { binding: 6, resource: { buffer: this.steps, size: 32 } },
      ],
    });
    this.problem = device.popErrorScope().then((error) => error?.message);
  }

  /** Queues one step per entry of `batches` (row indices, or undefined for the whole data set). */
  step(batches: readonly (readonly number[] | undefined)[]): void {
    this.assertLive();
    for (let start = 0; start < batches.length; start += STEPS_PER_SUBMISSION) {
      const chunk = batches.slice(start, start + STEPS_PER_SUBMISSION);
      const uniforms = new ArrayBuffer(chunk.length * STEP_STRIDE);
      const rows = new Uint32Array(chunk.length * this.maxBatch);
      chunk.forEach((batch, k) => {
        this.updates += 1;
        const count = batch ? batch.length : this.samples;
        if (batch) {
          if (batch.length > this.maxBatch) throw new Error(`a batch of ${batch.length} is more than this step was sized for`);
          rows.set(batch, k * this.maxBatch);
        }
        const view = new DataView(uniforms, k * STEP_STRIDE, STEP_STRIDE);
        view.setUint32(0, batch ? k * this.maxBatch : this.everyRow, true);
        view.setUint32(4, count, true);
        view.setFloat32(8, this.updates, true);
        view.setUint32(12, k, true);
        view.setFloat32(16, this.network.loss === 'softmax-ce' ? 1 / count : 1 / (count * this.network.sizes.at(-1)!), true);
      });
      // Queue writes land in queue order: after every step submitted before, before the steps below.
      this.device.queue.writeBuffer(this.steps, 0, uniforms);
      if (chunk.some(Boolean)) this.device.queue.writeBuffer(this.rows, 0, rows);
      const encoder = this.device.createCommandEncoder({ label: 'axon fused steps' });
      const pass = encoder.beginComputePass();
      chunk.forEach((batch, k) => {
        const count = batch ? batch.length : this.samples;
        pass.setBindGroup(0, this.bindGroup, [k * STEP_STRIDE]);
        pass.setPipeline(this.samplesPipeline);
        pass.dispatchWorkgroups(Math.ceil(count / WORKGROUP));
        pass.setPipeline(this.updatePipeline);
        pass.dispatchWorkgroups(Math.ceil(this.layout.parameters / WORKGROUP));
      });
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      this.lastLossIndex = chunk.length - 1;
    }
  }

  /** The latest step's loss, then every trainable parameter in the trainer's order: one read, one array. */
  async readBack(): Promise<Float32Array | undefined> {
    this.assertLive();
    if (this.lastLossIndex < 0) return undefined;
    const all = await this.read([
      [this.losses, this.lastLossIndex * 4, 4],
      [this.params, 0, this.layout.parameters * 4],
    ]);
    return this.trainerOrder(all[0]![0]!, all[1]!);
  }

  /** Undefined: the weights live on the GPU (`readWeights` brings them back). */
  weightsNow(): undefined {
    return undefined;
  }

  async readWeights(): Promise<LayerWeights[]> {
    this.assertLive();
    const [values] = await this.read([[this.params, 0, this.layout.parameters * 4]]);
    const { sizes } = this.network;
    return this.layout.weightOffsets.map((at, l) => {
      const fanIn = sizes[l]!;
      const fanOut = sizes[l + 1]!;
      return {
        weights: Array.from({ length: fanIn }, (_, i) => Array.from(values!.subarray(at + i * fanOut, at + (i + 1) * fanOut))),
        biases: Array.from(values!.subarray(this.layout.biasOffsets[l]!, this.layout.biasOffsets[l]! + fanOut)),
      };
    });
  }

  writeWeights(layers: readonly LayerWeights[]): void {
    this.assertLive();
    const values = new Float32Array(this.layout.parameters);
    layers.forEach((layer, l) => {
      const fanOut = this.network.sizes[l + 1]!;
      layer.weights.forEach((row, i) => values.set(row, this.layout.weightOffsets[l]! + i * fanOut));
      values.set(layer.biases, this.layout.biasOffsets[l]!);
    });
    this.device.queue.writeBuffer(this.params, 0, values);
  }

  /** Sets the TF.js variables to the live weights, GPU to GPU. */
  copyInto(model: Mlp): void {
    this.assertLive();
    const { weights, biases } = model;
    const encoder = this.device.createCommandEncoder({ label: 'axon fused weights to TF.js' });
    const copies = weights.flatMap((w, l) => [
      [w, this.layout.weightOffsets[l]!] as const,
      [biases[l]!, this.layout.biasOffsets[l]!] as const,
    ]);
    const staged = copies.map(([variable, at]) => {
      const bytes = variable.size * 4;
      const buffer = this.device.createBuffer({ size: Math.ceil(bytes / 4) * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
      encoder.copyBufferToBuffer(this.params, at * 4, buffer, 0, bytes);
      return { variable, buffer };
    });
    try {
      this.device.queue.submit([encoder.finish()]);
      tf.tidy(() => {
        // Not zero-copy: TF.js copies each buffer into one of its own, so ours can go at once.
        for (const { variable, buffer } of staged) variable.assign(tf.tensor({ buffer }, variable.shape, 'float32'));
      });
    } finally {
      for (const { buffer } of staged) buffer.destroy();
    }
  }

  /** The optimizer's state in `Optimizer.exportState`'s format (one asynchronous read). */
  async exportState(): Promise<OptimizerState> {
    this.assertLive();
    if (this.slotCount === 0) return { updates: this.updates, slots: this.trainableRanges().map(() => []) };
    const [values] = await this.read([[this.slots, 0, this.slotCount * this.layout.parameters * 4]]);
    const slots = this.trainableRanges().map(([at, length]) => Array.from({ length: this.slotCount }, (_, k) => values!.slice(k * this.layout.parameters + at, k * this.layout.parameters + at + length)));
    return { updates: this.updates, slots };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buffer of [this.params, this.slots, this.data, this.work, this.rows, this.losses, this.steps]) buffer.destroy();
  }

  /** [start, length] in `params` of every trainable parameter, in the trainer's order. */
  private trainableRanges(): [number, number][] {
    const { sizes, bias } = this.network;
    return this.layout.weightOffsets.flatMap((at, l) => {
      const weights: [number, number] = [at, sizes[l]! * sizes[l + 1]!];
      return bias ? [weights, [this.layout.biasOffsets[l]!, sizes[l + 1]!] as [number, number]] : [weights];
    });
  }

  /** `loss`, then the trainable parameters of `values` (the `params` buffer) in the trainer's order. */
  private trainerOrder(loss: number, values: Float32Array): Float32Array {
    const ranges = this.trainableRanges();
    const out = new Float32Array(1 + ranges.reduce((sum, [, length]) => sum + length, 0));
    out[0] = loss;
    let offset = 1;
    for (const [at, length] of ranges) {
      out.set(values.subarray(at, at + length), offset);
      offset += length;
    }
    return out;
  }

  /** Copies byte ranges of buffers into one mappable buffer, after all work queued so far, and reads them. */
  private async read(ranges: [GPUBuffer, number, number][]): Promise<Float32Array[]> {
    const total = ranges.reduce((sum, [, , bytes]) => sum + bytes, 0);
    const staging = this.device.createBuffer({ size: Math.ceil(total / 4) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'axon fused readback' });
    let offset = 0;
    for (const [buffer, at, bytes] of ranges) {
      encoder.copyBufferToBuffer(buffer, at, staging, offset, bytes);
      offset += bytes;
    }
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(GPUMapMode.READ);
      const all = new Float32Array(staging.getMappedRange().slice(0));
      offset = 0;
      return ranges.map(([, , bytes]) => {
        const part = all.subarray(offset / 4, (offset + bytes) / 4);
        offset += bytes;
        return part;
      });
    } finally {
      staging.destroy();
    }
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('this fused WebGPU step was disposed');
  }
}
