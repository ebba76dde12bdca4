/**
 * A trainer for a layered model (layers.ts, layered.ts): the sibling of `Trainer`, with the same API where
 * it fits — `step(n)` queued without waiting, `readBack()` once a frame with the divergence check, the
 * same events (`readout`, `diverged`, `failed`, `disposed`), suspend/resume, dispose, and the move off a
 * lost GPU (runtime.ts calls `moveToCurrentBackend`). It shares Trainer's parts (losses, optimizers,
 * regularisation, seeded generator, error-path helpers) rather than its body: Trainer is built around the
 * fused kernels, which take dense stacks only, so a layered model always steps op by op (fused/layered.ts
 * says why).
 *
 * What it adds: a validation set held out by the seed, its loss after every epoch (dropout off), early
 * stopping with restored best weights (early-stopping.ts), and dropout on in training steps only.
 * Samples and weights are in PyTorch's layouts at this API (layered.ts).
 */
import { EarlyStopping, type ValidationRecord } from './early-stopping.ts';
import { flattenSample, type LayeredData, type LayeredReadout, type LayeredTrainerEvents, type LayeredTrainerSpec, type Sample } from './layered-spec.ts';
import { Emitter } from './events.ts';
import { chooseLayeredPath } from './fused/layered.ts';
import { LayeredModel, type FeatureMap, type LayerParameters, type Mode } from './layered.ts';
import { outputUnits, sizeOf, type LayeredSpec } from './layers.ts';
import { lossOf, outputForLoss, type Loss } from './losses.ts';
import { Optimizer, type OptimizerSpec, type OptimizerState } from './optimizers.ts';
import { createRandom, type Random } from './random.ts';
import { NO_REGULARIZATION, penalty, type Regularization } from './regularization.ts';
import { disposeQuietly, readThenDispose, tf, tidyRecording, type Scalar, type Tensor, type Tensor2D } from './tf.ts';
import type { Batching, Divergence, Readout, TrainerEvents } from './trainer.ts';
import type { PathRequest } from './fused/choose.ts';

export type { LayeredData, LayeredReadout, LayeredTrainerEvents, LayeredTrainerSpec, Sample } from './layered-spec.ts';

/** Weights beyond this size mean the run has blown up, even if the loss is still finite (as Trainer). */
const EXPLODED_WEIGHT = 1e6;

/** The tensors of one trainer on one backend. */
interface Built {
  inputs: Tensor;
  targets: Tensor2D;
  validationInputs: Tensor | undefined;
  validationTargets: Tensor2D | undefined;
  model: LayeredModel;
  stopping: EarlyStopping | undefined;
}

export class LayeredTrainer {
  readonly optimizer: Optimizer;
  readonly events = new Emitter<LayeredTrainerEvents>();
  /** Optimizer steps taken. */
  steps = 0;
  /** Passes over the training samples completed. */
  epochs = 0;
  /** Set when the run diverged; no more steps run. */
  divergence: Divergence | undefined;
  /** Always op by op (fused/layered.ts), and why. */
  readonly path = 'op-by-op' as const;
  readonly pathReason: string;

  private built: Built;
  /** What it was made from. */
  readonly spec: LayeredTrainerSpec;
  private readonly modelSpec: LayeredSpec;
  private readonly random: Random;
  private readonly dropoutRandom: Random;
  private readonly regularization: Regularization;
  private readonly batching: Batching;
  /** The training and validation samples as float32 in PyTorch's layout, and their targets: what tensors are rebuilt from. */
  private readonly train: { inputs: Float32Array; targets: number[][] };
  private readonly validation: { inputs: Float32Array; targets: number[][] } | undefined;
  private snapshot: LayerParameters[] | undefined;
  /** The best epoch's weights (TF.js layout, flat) as of the latest readback: what a rebuilt early stopping starts from. */
  private bestValues: Float32Array[] | undefined;
  private order: number[] = [];
  private cursor = 0;
  private lastLoss: Scalar | undefined;
  private lastLossStep = 0;
  private lastLossEpoch = 0;
  private disposed = false;
  private suspendedState: OptimizerState | undefined;
  private revision = 0;

  constructor(spec: LayeredTrainerSpec, data: LayeredData) {
    // Everything that can refuse the spec runs before any tensor exists, so a refusal leaves nothing behind.
    this.spec = spec;
    this.modelSpec = { ...spec.model, output: outputForLoss(spec.loss, spec.model.output) };
    const outputs = outputUnits(this.modelSpec);
    const sampleSize = sizeOf(spec.model.input);
    if (data.inputs.length === 0 || data.inputs.length !== data.targets.length) {
      throw new Error(`training data needs as many target rows as samples (got ${data.inputs.length} and ${data.targets.length})`);
    }
    const flat = data.inputs.map((sample, i) => {
      const values = flattenSample(sample);
      if (values.length !== sampleSize) throw new Error(`sample ${i + 1} has ${values.length} values, but the model takes [${spec.model.input.join(', ')}] = ${sampleSize}`);
      return values;
    });
    if (data.targets.some((row) => row.length !== outputs)) throw new Error(`the model has ${outputs} outputs but a target row has ${data.targets.find((r) => r.length !== outputs)!.length}`);
    this.pathReason = chooseLayeredPath(spec.path ?? 'auto', spec.model).reason;
    this.optimizer = new Optimizer(spec.optimizer);
    this.regularization = spec.regularization ?? NO_REGULARIZATION;
    this.batching = spec.batching ?? { mode: 'full' };
    if (this.batching.mode === 'minibatch' && !(Number.isInteger(this.batching.size) && this.batching.size >= 1)) {
      throw new Error(`minibatch size must be a whole number ≥ 1, got ${this.batching.size}`);
    }
    const random = createRandom(spec.seed);
    const modelRandom = random.fork();
    const splitRandom = random.fork();
    this.dropoutRandom = random.fork();
    this.random = random;
    const order = Array.from({ length: flat.length }, (_, i) => i);
    let trainRows = order;
    let validationRows: number[] = [];
    if (spec.validation) {
      const { fraction, patience } = spec.validation;
      if (!(fraction > 0 && fraction < 1)) throw new Error(`the validation fraction must be in (0, 1), got ${fraction}`);
      if (patience !== undefined && !(Number.isInteger(patience) && patience >= 1)) throw new Error(`patience must be a whole number of epochs ≥ 1, got ${patience}`);
      const held = Math.min(flat.length - 1, Math.max(1, Math.round(flat.length * fraction)));
      if (flat.length < 2) throw new Error('a validation split needs at least 2 samples');
      splitRandom.shuffle(order);
      validationRows = order.slice(0, held).sort((a, b) => a - b);
      trainRows = order.slice(held).sort((a, b) => a - b);
    }
    const pick = (rows: number[]) => ({ inputs: Float32Array.from(rows.flatMap((i) => flat[i]!)), targets: rows.map((i) => [...data.targets[i]!]) });
    this.train = pick(trainRows);
    this.validation = spec.validation ? pick(validationRows) : undefined;
    this.built = this.build(modelRandom);
    this.shuffle();
  }

  /** Samples in the training set (the rest were held out for validation). */
  get samples(): number {
    return this.train.targets.length;
  }

  /** Samples per step. */
  get batchSize(): number {
    if (this.batching.mode === 'full') return this.samples;
    if (this.batching.mode === 'sgd') return 1;
    return Math.min(this.batching.size, this.samples);
  }

  /** The model's TF.js variables, up to date with every step. */
  get model(): LayeredModel {
    return this.built.model;
  }

  /** The validation record (losses per epoch, best epoch, where it stopped); undefined without a validation set. */
  get validationRecord(): ValidationRecord | undefined {
    return this.built.stopping?.record;
  }

  /** True once early stopping ended the run (the best weights are back). */
  get stoppedEarly(): boolean {
    return this.built.stopping?.stopped ?? false;
  }

  /** The parameters as of the latest readback (or the start), PyTorch's layouts: free to read every frame. */
  get latestWeights(): readonly LayerParameters[] {
    return this.snapshot ?? this.built.model.initial;
  }

  get isSuspended(): boolean {
    return this.suspendedState !== undefined;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Queues `count` optimizer steps (dropout on); stops at divergence or once early stopping has ended the run. */
  step(count = 1): void {
    this.assertUsable();
    const { model, stopping } = this.built;
    for (let i = 0; i < count && !this.divergence && !this.stoppedEarly; i += 1) {
      const epochsBefore = this.epochs;
      const rows = this.nextBatch();
      const epochEnded = this.epochs > epochsBefore;
      const training: Mode = { training: true, random: this.dropoutRandom };
      // Everything the step makes is inside the tidy: a throw anywhere frees it all.
      const loss = tidyRecording(() => {
        const batch = rows ? tf.tensor1d(rows, 'int32') : undefined;
        const inputs = batch ? tf.gather(this.built.inputs, batch) : this.built.inputs;
        const targets = batch ? (tf.gather(this.built.targets, batch) as Tensor2D) : this.built.targets;
        const { value, grads } = tf.variableGrads(() => this.objective(inputs, targets, training), model.parameters);
        this.optimizer.apply(
          model.parameters,
          model.parameters.map((p) => grads[p.name]!),
        );
        // The epoch's validation loss is measured on the weights it ended with, dropout off.
        if (epochEnded && stopping) stopping.afterEpoch(this.epochs, this.validationObjective(), model.parameters);
        return value;
      });
      this.lastLoss?.dispose();
      this.lastLoss = loss;
      this.steps += 1;
      this.lastLossStep = this.steps;
      this.lastLossEpoch = this.epochs;
    }
  }

  /**
   * Reads the latest step's loss, the weights, and the validation losses since the last readback (one
   * transfer); checks for divergence, and for patience running out (then restores the best weights).
   */
  async readBack(): Promise<LayeredReadout | undefined> {
    this.assertUsable();
    if (!this.lastLoss) return undefined;
    const step = this.lastLossStep;
    const epoch = this.lastLossEpoch;
    const { model, stopping } = this.built;
    const packed = tf.tidy(() => tf.concat([tf.reshape(this.lastLoss!, [1]), model.packed(), ...(stopping?.toRead() ?? [])]));
    const values = await readThenDispose([packed], async () => (await packed.data()) as Float32Array);
    if (this.built.model !== model) return undefined; // moved to another backend meanwhile: the next readback tells
    const loss = values[0]!;
    const parameterCount = model.parameters.reduce((sum, p) => sum + p.size, 0);
    let largest = 0;
    for (let i = 1; i <= parameterCount; i += 1) largest = Math.max(largest, Math.abs(values[i]!));
    this.snapshot = model.unpack(values.subarray(1, 1 + parameterCount));
    const readout: LayeredReadout = { step, epoch, loss };
    if (stopping) {
      const { bestValues, stoppedNow } = stopping.take(values.subarray(1 + parameterCount));
      this.bestValues = bestValues;
      if (stoppedNow) {
        stopping.restore(model.parameters);
        // The weights just read were the latest; the restored best ones are what a widget draws from now on.
        this.snapshot = await model.readWeights();
      }
      const record = stopping.record;
      Object.assign(readout, { validationLoss: record.losses.at(-1), bestEpoch: record.bestEpoch, bestValidationLoss: record.bestLoss });
      if (record.stoppedAt !== undefined) readout.stoppedAt = record.stoppedAt;
      if (stoppedNow) this.events.emit('stopped', structuredClone(record));
    }
    if (!this.divergence) {
      if (!Number.isFinite(loss)) this.stop({ step, reason: `the loss became ${loss} at step ${step}` });
      else if (!(largest < EXPLODED_WEIGHT)) this.stop({ step, reason: `the weights exploded (|w| = ${largest.toExponential(1)}) at step ${step}` });
    }
    this.events.emit('readout', readout);
    return readout;
  }

  /** The validation loss of the weights as they are now (dropout off); undefined without a validation set. */
  async validationLoss(): Promise<number | undefined> {
    this.assertUsable();
    if (!this.built.validationInputs) return undefined;
    const loss = tf.tidy(() => this.validationObjective());
    return readThenDispose([loss], async () => (await loss.data())[0]!);
  }

  /**
   * Puts the best epoch's weights back where a run ends at its epoch budget before patience ran out (PyTorch's
   * loop ends with `model.load_state_dict(best_state)`); the epochs not read yet are read first. False without
   * a validation set.
   */
  async restoreBest(): Promise<boolean> {
    this.assertUsable();
    if (!this.built.stopping) return false;
    if (this.lastLoss) await this.readBack();
    const { model, stopping } = this.built;
    if (this.disposed || !stopping) return false;
    stopping.restore(model.parameters);
    this.snapshot = await model.readWeights();
    return true;
  }

  /** The loss (with regularisation, dropout off) over the training set, and its gradient for every parameter, PyTorch's layouts. */
  async gradients(): Promise<{ loss: number; layers: LayerParameters[] }> {
    this.assertUsable();
    const { model, inputs, targets } = this.built;
    const { value, grads } = tidyRecording(() => tf.variableGrads(() => this.objective(inputs, targets, { training: false }), model.parameters));
    // Gradients come in TF.js's layouts: packed as the parameters themselves are, into PyTorch's.
    const packed = tf.tidy(() => tf.concat([tf.reshape(value, [1]), model.packed(model.parameters.map((p) => grads[p.name]!))]));
    return readThenDispose([value, packed, ...Object.values(grads)], async () => {
      const values = (await packed.data()) as Float32Array;
      return { loss: values[0]!, layers: model.unpack(values.subarray(1)) };
    });
  }

  /** The outputs for samples (PyTorch's layout), dropout off. */
  async predict(samples: readonly Sample[]): Promise<number[][]> {
    this.assertUsable();
    const outputs = tf.tidy(() => this.built.model.predict(this.upload(samples)));
    return readThenDispose([outputs], async () => (await outputs.array()) as number[][]);
  }

  /** Every layer's output for one sample, feature maps included, in PyTorch's layout (the last after the output activation); dropout off. */
  async activations(sample: Sample): Promise<FeatureMap[]> {
    this.assertUsable();
    const layers = tf.tidy(() => this.built.model.activations(this.upload([sample])));
    return readThenDispose(layers, () => Promise.all(layers.map(async (layer) => ({ shape: layer.shape.slice(1), values: Array.from(await layer.data()) }))));
  }

  /**
   * Layers `from` … `to` − 1 (0-based) alone on samples shaped as layer `from` takes them (PyTorch's layout,
   * or back to back in one Float32Array), dropout off; the output activation only when `to` is the layer
   * count. An autoencoder's codes are `runLayers(0, k, images)`, a code decoded `runLayers(k, layers, [code])`.
   */
  async runLayers(from: number, to: number, samples: readonly Sample[] | Float32Array): Promise<number[][]> {
    this.assertUsable();
    const { plans } = this.built.model;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from || to > plans.length) {
      throw new RangeError(`runLayers: layers ${from} … ${to - 1} are not a run of this model's ${plans.length} layers`);
    }
    const shape = plans[from]!.inputShape;
    const size = sizeOf(shape);
    const values = samples instanceof Float32Array ? samples : Float32Array.from(samples.flatMap(flattenSample));
    if (values.length % size !== 0) throw new Error(`runLayers: each sample of layer ${from} must have [${shape.join(', ')}] = ${size} values`);
    const outputs = tf.tidy(() => this.built.model.runLayers(this.built.model.upload(values, values.length / size, shape), from, to));
    return readThenDispose([outputs], async () => {
      const flat = (await outputs.data()) as Float32Array;
      const width = flat.length / Math.max(1, outputs.shape[0]!);
      return Array.from({ length: outputs.shape[0]! }, (_, i) => Array.from(flat.subarray(i * width, (i + 1) * width)));
    });
  }

  /** Every layer's parameters with their shapes, in PyTorch's layouts (async: safe every frame). */
  async readWeights(): Promise<LayerParameters[]> {
    this.assertUsable();
    this.snapshot = await this.built.model.readWeights();
    return structuredClone(this.snapshot);
  }

  /** Sets every parameter (PyTorch's layouts; `readWeights()`'s format). */
  writeWeights(layers: readonly LayerParameters[]): void {
    this.assertUsable();
    this.built.model.writeWeights(layers);
    this.snapshot = structuredClone(layers as LayerParameters[]);
  }

  /** Rebuilds every tensor on the engine's current backend after a lost GPU, from the last readback; validation losses not yet read are lost with it. */
  moveToCurrentBackend(): void {
    if (this.disposed || this.suspendedState) return;
    const weights = this.snapshot ?? this.built.model.initial;
    const rebuilt = this.build(createRandom(this.spec.seed), weights);
    this.release();
    this.optimizer.forget();
    this.built = rebuilt;
  }

  /** Says that training failed outside the widget's own calls (runtime.ts); never throws. */
  reportFailure(message: string, error: unknown): void {
    try {
      this.events.emit('failed', { message, error });
    } catch (listenerError) {
      console.error(`trainer "${this.spec.name ?? 'trainer'}": a listener of "failed" threw`, listenerError);
    }
  }

  /** Frees every tensor while keeping the run (see `Trainer.suspend`); resolves false when a step ran meanwhile. */
  async suspend(): Promise<boolean> {
    if (this.disposed || this.suspendedState) return !this.disposed;
    // A readback first: it brings the validation losses and best weights home (and may end the run).
    if (this.lastLoss) await this.readBack();
    if (this.disposed || this.suspendedState) return !this.disposed;
    const revision = this.revision;
    const { model } = this.built;
    const [weights, optimizer] = await Promise.all([model.readWeights(), this.optimizer.exportState(model.parameters)]);
    if (this.disposed || this.suspendedState || revision !== this.revision) return false;
    this.snapshot = weights;
    this.suspendedState = optimizer;
    this.optimizer.forget();
    this.release();
    return true;
  }

  /** Rebuilds a suspended trainer's tensors (no-op when live); on failure it stays suspended, nothing lost. */
  resume(): void {
    if (this.disposed) throw new Error('this trainer was disposed');
    const state = this.suspendedState;
    if (!state) return;
    try {
      this.built = this.build(createRandom(this.spec.seed), this.snapshot, (model) => this.optimizer.importState(model.parameters, state));
    } catch (error) {
      this.optimizer.forget();
      throw error;
    }
    this.suspendedState = undefined;
  }

  /** Frees every tensor; using it afterwards throws. Never throws itself. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.suspendedState) {
      this.optimizer.forget();
      this.release();
    }
    this.suspendedState = undefined;
    try {
      this.events.emit('disposed', undefined);
    } catch (error) {
      console.error(`trainer "${this.spec.name ?? 'trainer'}": a listener of "disposed" threw`, error);
    }
    this.events.clear();
  }

  /** The data, a model (with `weights`, or its seeded start) and the early stopping on the current backend; all freed if any part fails. */
  private build(random: Random, weights?: readonly LayerParameters[], prepare: (model: LayeredModel) => void = () => {}): Built {
    const made: { dispose(): void }[] = [];
    const keep = <T extends { dispose(): void }>(thing: T): T => (made.push(thing), thing);
    try {
      const model = keep(new LayeredModel(this.modelSpec, random));
      if (weights) model.writeWeights(weights);
      const inputs = keep(model.upload(this.train.inputs, this.samples));
      const targets = keep(tf.tensor2d(this.train.targets, undefined, 'float32'));
      const validation = this.validation;
      const validationInputs = validation ? keep(model.upload(validation.inputs, validation.targets.length)) : undefined;
      const validationTargets = validation ? keep(tf.tensor2d(validation.targets, undefined, 'float32')) : undefined;
      let stopping: EarlyStopping | undefined;
      if (this.spec.validation) {
        const previous = this.built?.stopping?.record;
        stopping = keep(new EarlyStopping(this.spec.validation.patience ?? Number.POSITIVE_INFINITY, model.parameters, this.bestValues));
        if (previous) stopping.adopt(previous);
      }
      prepare(model);
      return { inputs, targets, validationInputs, validationTargets, model, stopping };
    } catch (error) {
      for (const thing of made) {
        try {
          thing.dispose();
        } catch {
          // gone with its backend
        }
      }
      throw error;
    }
  }

  /** Frees the current tensors, going on past any a lost backend refuses. */
  private release(): void {
    const { inputs, targets, validationInputs, validationTargets, model, stopping } = this.built;
    disposeQuietly([this.lastLoss, inputs, targets, validationInputs, validationTargets]);
    this.lastLoss = undefined;
    model.dispose();
    stopping?.dispose();
  }

  private upload(samples: readonly Sample[]): Tensor {
    const size = sizeOf(this.modelSpec.input);
    const values = Float32Array.from(samples.flatMap(flattenSample));
    if (values.length !== samples.length * size) throw new Error(`each sample must have [${this.modelSpec.input.join(', ')}] = ${size} values`);
    return this.built.model.upload(values, samples.length);
  }

  private objective(inputs: Tensor, targets: Tensor2D, mode: Mode): Scalar {
    const { model } = this.built;
    const data = lossOf(this.spec.loss, model.logits(inputs, mode) as Tensor2D, targets, this.modelSpec.output);
    return this.regularization.kind === 'none' ? data : tf.add(data, penalty(this.regularization, model.kernels));
  }

  /** The validation set's data loss (no penalty, dropout off), as PyTorch code would report it. */
  private validationObjective(): Scalar {
    const { model, validationInputs, validationTargets } = this.built;
    return lossOf(this.spec.loss, model.logits(validationInputs!) as Tensor2D, validationTargets!, this.modelSpec.output);
  }

  private nextBatch(): number[] | undefined {
    if (this.batching.mode === 'full') {
      this.epochs += 1;
      return undefined;
    }
    const indices = this.order.slice(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    if (this.cursor >= this.samples) {
      this.epochs += 1;
      this.shuffle();
    }
    return indices;
  }

  private shuffle(): void {
    this.order = this.random.shuffle(Array.from({ length: this.samples }, (_, i) => i));
    this.cursor = 0;
  }

  private stop(divergence: Divergence): void {
    this.divergence = divergence;
    this.events.emit('diverged', divergence);
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('this trainer was disposed');
    if (this.suspendedState) this.resume();
    this.revision += 1;
  }
}
