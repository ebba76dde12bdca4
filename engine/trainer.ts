/**
 * A trainer: one network, its data, a loss, an optimizer and a batching mode. `step(n)` queues n
 * optimizer steps on the engine's backend without waiting for them; `readBack()` fetches the latest loss
 * asynchronously (never `dataSync`), checks for divergence and reports it. Every step runs inside
 * `tf.tidy`, so the tensor count stays flat however long a lecture trains.
 *
 * Steps take the path fused/choose.ts picks (`path`): TF.js op by op, or a fused kernel (fused/registry.ts)
 * that keeps the live weights itself, driven through fused/run.ts without this file knowing which. A fused
 * path copies its weights into the TF.js variables only when something reads those (`model`, predictions,
 * gradients). Every path computes the same numbers; everything outside this file sees one trainer.
 */
import { Emitter } from './events.ts';
import type { PathRequest, TrainingPath } from './fused/choose.ts';
import { fusedNetwork } from './fused/network.ts';
import { choosePathHere, startFusedRun, type FusedRun } from './fused/run.ts';
import { lossOf, outputForLoss, type Loss } from './losses.ts';
import { Mlp, validateMlpSpec, type LayerWeights, type MlpSpec } from './mlp.ts';
import { Optimizer, type OptimizerSpec, type OptimizerState } from './optimizers.ts';
import { createRandom, type Random } from './random.ts';
import { NO_REGULARIZATION, penalty, type Regularization } from './regularization.ts';
import { disposeQuietly, readThenDispose, tf, tidyRecording, type Scalar, type Tensor, type Tensor2D } from './tf.ts';

/** How many samples one step sees: all of them, one at a time, or minibatches; reshuffled every epoch. */
export type Batching = { mode: 'full' } | { mode: 'sgd' } | { mode: 'minibatch'; size: number };

export interface TrainerSpec {
  network: MlpSpec;
  loss: Loss;
  optimizer: OptimizerSpec;
  regularization?: Regularization;
  batching?: Batching;
  /** Seeds the initial weights and the shuffling. */
  seed: number | string;
  /** Names the trainer in error reports and scheduler stats (e.g. the widget's tag). */
  name?: string;
  /** Which path steps take (default `auto`: the engine decides, see fused/choose.ts). */
  path?: PathRequest;
}

/** Rows of inputs and targets (targets: values, 0/1 labels or one-hot rows, as the loss wants). */
export interface TrainingData {
  inputs: readonly (readonly number[])[];
  targets: readonly (readonly number[])[];
}

/** What a readback tells: the step the loss belongs to, the loss, and the epoch. */
export interface Readout {
  step: number;
  epoch: number;
  loss: number;
}

/** Why training stopped on its own. */
export interface Divergence {
  step: number;
  reason: string;
}

/** Something failed for this trainer outside the widget's own calls (the move off a lost GPU, a scheduled step). */
export interface TrainerFailure {
  /** What to show on the widget: what failed and why. */
  message: string;
  error: unknown;
}

export interface TrainerEvents extends Record<string, unknown> {
  /** A loss was read back. */
  readout: Readout;
  /** The loss became NaN/Infinity or the weights exploded: training has stopped. */
  diverged: Divergence;
  /** The trainer was disposed. */
  disposed: undefined;
  /** Training failed and stopped (see `TrainerFailure`); the widget shows the message. */
  failed: TrainerFailure;
}

/** Weights beyond this size mean the run has blown up, even if the loss is still finite. */
const EXPLODED_WEIGHT = 1e6;

export class Trainer {
  readonly optimizer: Optimizer;
  readonly events = new Emitter<TrainerEvents>();
  /** Optimizer steps taken. */
  steps = 0;
  /** Passes over the data completed. */
  epochs = 0;
  /** Set when the run diverged; no more steps run until `reset()`. */
  divergence: Divergence | undefined;

  private net: Mlp;
  /** The run on a fused path (the live weights and optimizer state); undefined op by op. */
  private readonly fused: FusedRun | undefined;
  /** Why the steps go op by op, when they do. */
  private readonly opByOpReason: string;
  private readonly random: Random;
  private readonly regularization: Regularization;
  private readonly batching: Batching;
  private inputs: Tensor2D;
  private targets: Tensor2D;
  private readonly samples: number;
  private readonly data: TrainingData;
  /** The weights as last read back: what a move to another backend restores. */
  private snapshot: LayerWeights[] | undefined;

  /** The weights as of the latest readback (or the start): free to read every frame, no GPU transfer. */
  get latestWeights(): readonly LayerWeights[] {
    return this.snapshot ?? this.net.initial;
  }
  private order: number[] = [];
  private cursor = 0;
  private lastLoss: Scalar | undefined;
  private lastLossStep = 0;
  private lastLossEpoch = 0;
  private disposed = false;
  /** The optimizer's state while suspended (the weights are in `snapshot`); undefined while live. */
  private suspendedState: OptimizerState | undefined;
  /** Counts changes to the tensors, so a suspend that raced with a step can tell and back off. */
  private revision = 0;

  constructor(
    readonly spec: TrainerSpec,
    data: TrainingData,
  ) {
    if (data.inputs.length === 0 || data.inputs.length !== data.targets.length) {
      throw new Error(`training data needs as many target rows as input rows (got ${data.inputs.length} and ${data.targets.length})`);
    }
    const [inputUnits] = spec.network.layers;
    const outputUnits = spec.network.layers.at(-1);
    if (data.inputs[0]!.length !== inputUnits) throw new Error(`the network takes ${inputUnits} inputs but the data has ${data.inputs[0]!.length}`);
    if (data.targets[0]!.length !== outputUnits) throw new Error(`the network has ${outputUnits} outputs but the targets have ${data.targets[0]!.length}`);
    // Everything that can refuse the spec runs before any tensor exists, so a refusal leaves nothing behind.
    this.random = createRandom(spec.seed);
    this.optimizer = new Optimizer(spec.optimizer);
    this.regularization = spec.regularization ?? NO_REGULARIZATION;
    this.batching = spec.batching ?? { mode: 'full' };
    if (this.batching.mode === 'minibatch' && !(Number.isInteger(this.batching.size) && this.batching.size >= 1)) {
      throw new Error(`minibatch size must be a whole number ≥ 1, got ${this.batching.size}`);
    }
    this.samples = data.inputs.length;
    this.data = data;
    const networkSpec: MlpSpec = { ...spec.network, output: outputForLoss(spec.loss, spec.network.output) };
    validateMlpSpec(networkSpec);
    const shape = { network: fusedNetwork(networkSpec, spec.loss, spec.optimizer, this.regularization), samples: this.samples, maxBatch: this.batchSize };
    const choice = choosePathHere(spec.path ?? 'auto', shape);
    this.opByOpReason = choice.reason;
    const built = this.buildTensors(networkSpec, this.random.fork());
    this.inputs = built.inputs;
    this.targets = built.targets;
    this.net = built.net;
    this.snapshot = this.net.initial;
    try {
      this.shuffle();
      if (choice.path !== 'op-by-op') {
        const problem = { ...shape, inputs: Float32Array.from(data.inputs.flat()), targets: Float32Array.from(data.targets.flat()) };
        this.fused = startFusedRun(choice.path, choice.reason, problem, this.net.initial);
      }
    } catch (error) {
      // e.g. a fused step that cannot start: the caller never gets this trainer, so nobody else could free these.
      disposeQuietly([this.inputs, this.targets, ...this.net.weights, ...this.net.biases]);
      throw error;
    }
  }

  /** How this trainer's steps run (fused/choose.ts). */
  get path(): TrainingPath {
    return this.fused?.path ?? 'op-by-op';
  }

  /** Why they run that way. */
  get pathReason(): string {
    return this.fused?.reason ?? this.opByOpReason;
  }

  /** GPU dispatches one step takes, where the fused kernel has a fixed number (on WebGPU: 2). */
  get dispatchesPerStep(): number | undefined {
    return this.fused?.dispatchesPerStep;
  }

  /** The network's TF.js variables, up to date with every step taken. */
  get model(): Mlp {
    this.syncTensors();
    return this.net;
  }

  /**
   * Recreates every tensor on the engine's current backend after the previous backend was lost (a WebGPU
   * device destroyed, a WebGL context lost): the data from its JavaScript copy, the weights from the last
   * snapshot read back. The optimizer starts afresh (its moments lived on the lost device).
   */
  moveToCurrentBackend(): void {
    if (this.disposed || this.suspendedState) return; // a suspended trainer holds no tensors: resume() builds them where it is
    // A fused GPU kernel lived on the lost device: the run goes on with a CPU kernel from the last readback.
    this.fused?.leaveGpu('the GPU was lost: the fused step goes on on the CPU', this.snapshot ?? this.net.initial);
    const weights = this.fused?.weightsNow() ?? this.snapshot ?? this.net.initial;
    // Built before the old ones are let go, and freed again if building fails: the engine reports the failure.
    const rebuilt = this.buildTensors(this.net.spec, createRandom(this.spec.seed), (net) => net.writeWeights(weights));
    // The old backend is gone; its memory went with it.
    disposeQuietly([this.lastLoss, this.inputs, this.targets, ...this.net.weights, ...this.net.biases]);
    this.optimizer.forget();
    this.lastLoss = undefined;
    ({ inputs: this.inputs, targets: this.targets, net: this.net } = rebuilt);
    if (this.fused) this.fused.stale = false;
  }

  /**
   * Says that training failed for a reason outside the widget's own calls (the engine calls it when the move
   * off a lost GPU fails, or a scheduled step throws). The widget shows `message`; it never throws.
   */
  reportFailure(message: string, error: unknown): void {
    try {
      this.events.emit('failed', { message, error });
    } catch (listenerError) {
      console.error(`trainer "${this.spec.name ?? 'trainer'}": a listener of "failed" threw`, listenerError);
    }
  }

  /** True while the trainer's tensors are freed (see `suspend`). */
  get isSuspended(): boolean {
    return this.suspendedState !== undefined;
  }

  /**
   * Frees every tensor while keeping the run: the weights and the optimizer's state are copied out to plain
   * numbers first. A widget calls it when its slide is hidden, so a deck of many widgets holds only the
   * visible ones' tensors. Any later use (a step, a prediction, `resume()`) rebuilds them and the run goes
   * on exactly as if nothing happened. Resolves false when a step ran meanwhile (nothing was freed).
   */
  async suspend(): Promise<boolean> {
    if (this.disposed || this.suspendedState) return !this.disposed;
    const revision = this.revision;
    // A fused run keeps its weights and optimizer state itself (they stay with it): read as a copy.
    const [weights, optimizer] = this.fused
      ? await Promise.all([this.fused.readWeights(), this.fused.exportState()])
      : await Promise.all([this.net.readWeights(), this.optimizer.exportState(this.net.parameters)]);
    if (this.disposed || this.suspendedState || revision !== this.revision) return false;
    this.snapshot = weights;
    this.suspendedState = optimizer;
    this.optimizer.forget();
    disposeQuietly([this.lastLoss, this.inputs, this.targets, ...this.net.weights, ...this.net.biases]);
    this.lastLoss = undefined;
    return true;
  }

  /**
   * Rebuilds the tensors of a suspended trainer on the engine's current backend (no-op when live). If that
   * fails, it stays suspended with its state intact, so the next use tries again and loses nothing.
   */
  resume(): void {
    if (this.disposed) throw new Error('this trainer was disposed');
    const state = this.suspendedState;
    if (!state) return;
    let rebuilt;
    try {
      rebuilt = this.buildTensors(this.net.spec, createRandom(this.spec.seed), (net) => {
        // A fused run kept its weights and optimizer state all along.
        if (this.fused) return this.fused.copyInto(net);
        net.writeWeights(this.snapshot ?? net.initial);
        this.optimizer.importState(net.parameters, state);
      });
    } catch (error) {
      this.optimizer.forget(); // whatever slots it made belong to the network just freed; `state` still has them
      throw error;
    }
    ({ inputs: this.inputs, targets: this.targets, net: this.net } = rebuilt);
    this.suspendedState = undefined;
  }

  /** Samples per step. */
  get batchSize(): number {
    if (this.batching.mode === 'full') return this.samples;
    if (this.batching.mode === 'sgd') return 1;
    return Math.min(this.batching.size, this.samples);
  }

  /** Queues `count` optimizer steps. Returns at once on a GPU backend: the work runs asynchronously. */
  step(count = 1): void {
    this.assertUsable();
    if (this.fused) {
      if (this.divergence || count < 1) return;
      // Every step at once (on WebGPU, one submission); divergence shows at the next readback, as on any path.
      this.fused.step(Array.from({ length: count }, () => this.nextBatch()));
      this.steps += count;
      this.lastLossStep = this.steps;
      this.lastLossEpoch = this.epochs;
      return;
    }
    for (let i = 0; i < count && !this.divergence; i += 1) {
      const rows = this.nextBatch();
      // Everything the step makes, the batch's indices included, is inside the tidy: a throw anywhere frees it all.
      const loss = tidyRecording(() => {
        const batch = rows ? tf.tensor1d(rows, 'int32') : undefined;
        const inputs = batch ? tf.gather(this.inputs, batch) : this.inputs;
        const targets = batch ? tf.gather(this.targets, batch) : this.targets;
        const { value, grads } = tf.variableGrads(() => this.objective(inputs as Tensor2D, targets as Tensor2D), this.net.parameters);
        this.optimizer.apply(
          this.net.parameters,
          this.net.parameters.map((p) => grads[p.name]!),
        );
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
   * Reads the loss of the latest step (the loss before that step's update) and checks the run's health.
   * Resolves to undefined before the first step.
   */
  async readBack(): Promise<Readout | undefined> {
    this.assertUsable();
    const step = this.lastLossStep;
    const epoch = this.lastLossEpoch;
    // One transfer per readback: the loss, then every parameter. The weights serve the divergence check,
    // widgets that draw them (`latestWeights`), and recovery if the GPU is lost.
    const values = this.fused ? await this.fused.readBack() : await this.readPacked();
    if (!values) return undefined;
    const loss = values[0]!;
    let largest = 0;
    for (let i = 1; i < values.length; i += 1) largest = Math.max(largest, Math.abs(values[i]!));
    this.snapshot = this.net.unpack(values.subarray(1));
    const readout: Readout = { step, epoch, loss };
    if (!this.divergence) {
      if (!Number.isFinite(loss)) this.stop({ step, reason: `the loss became ${loss} at step ${step}` });
      else if (!(largest < EXPLODED_WEIGHT)) this.stop({ step, reason: `the weights exploded (|w| = ${largest.toExponential(1)}) at step ${step}` });
    }
    this.events.emit('readout', readout);
    return readout;
  }

  /** The loss (with regularisation) and its gradient for every parameter, over the whole data set. */
  async gradients(): Promise<{ loss: number; layers: LayerWeights[] }> {
    this.assertUsable();
    this.syncTensors();
    const net = this.net;
    const { value, grads } = tidyRecording(() => tf.variableGrads(() => this.objective(this.inputs, this.targets), net.parameters));
    return readThenDispose([value, ...Object.values(grads)], async () => {
      const layers = await Promise.all(
        net.weights.map(async (w, i) => ({
          weights: (await grads[w.name]!.array()) as number[][],
          // A network without biases has no gradient for them: they are fixed at 0.
          biases: net.hasBias ? ((await grads[net.biases[i]!.name]!.array()) as number[]) : new Array<number>(w.shape[1]!).fill(0),
        })),
      );
      return { loss: (await value.data())[0]!, layers };
    });
  }

  /** The network's outputs for rows of inputs. */
  async predict(inputs: readonly (readonly number[])[]): Promise<number[][]> {
    this.assertUsable();
    this.syncTensors();
    const outputs = tf.tidy(() => this.net.predict(tf.tensor2d(inputs as number[][], undefined, 'float32')));
    return readThenDispose([outputs], async () => (await outputs.array()) as number[][]);
  }

  /**
   * The outputs for many points at once — a heatmap's whole grid in one call. `points` holds `count` rows
   * of the network's inputs back to back; the result holds `count` rows of outputs back to back.
   */
  async predictMany(points: Float32Array, count: number): Promise<Float32Array> {
    this.assertUsable();
    const inputUnits = this.spec.network.layers[0]!;
    if (points.length !== count * inputUnits) throw new Error(`expected ${count}×${inputUnits} numbers, got ${points.length}`);
    this.syncTensors();
    const outputs = tf.tidy(() => this.net.predict(tf.tensor2d(points, [count, inputUnits], 'float32')));
    return readThenDispose([outputs], async () => (await outputs.data()) as Float32Array);
  }

  /** Every layer's activations for one input (first hidden layer first, the output last). */
  async activations(input: readonly number[]): Promise<number[][]> {
    this.assertUsable();
    this.syncTensors();
    const layers = tf.tidy(() => this.net.activations(tf.tensor2d([input as number[]], undefined, 'float32')));
    return readThenDispose(layers, () => Promise.all(layers.map(async (layer) => ((await layer.array()) as number[][])[0]!)));
  }

  /** The current weights (async: safe to call every frame). */
  async readWeights(): Promise<LayerWeights[]> {
    this.assertUsable();
    this.snapshot = this.fused ? await this.fused.readWeights() : await this.net.readWeights();
    return structuredClone(this.snapshot);
  }

  /** Sets every weight (e.g. a step-by-step view's start, or a snapshot after a backend change). */
  writeWeights(layers: readonly LayerWeights[]): void {
    this.assertUsable();
    this.net.writeWeights(layers);
    if (this.fused) {
      this.fused.writeWeights(layers);
      this.fused.stale = false;
    }
    this.snapshot = structuredClone(layers as LayerWeights[]);
  }

  /** True once disposed. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Frees every tensor this trainer owns. Using it afterwards throws. Never throws itself: a tensor a lost
   * backend refuses, or a listener that throws, does not keep the rest from being freed.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.suspendedState) {
      this.optimizer.forget();
      disposeQuietly([this.lastLoss, this.inputs, this.targets, ...this.net.weights, ...this.net.biases]);
      this.lastLoss = undefined;
    }
    this.fused?.dispose();
    this.suspendedState = undefined;
    // Told once everything is free, so a listener that throws cannot leave anything behind.
    try {
      this.events.emit('disposed', undefined);
    } catch (error) {
      console.error(`trainer "${this.spec.name ?? 'trainer'}": a listener of "disposed" threw`, error);
    }
    this.events.clear();
  }

  /**
   * The data and a network on the engine's current backend, `prepare` run on the network; if anything fails,
   * whatever was made is freed before the error goes on.
   */
  private buildTensors(spec: MlpSpec, random: Random, prepare: (net: Mlp) => void = () => {}): { inputs: Tensor2D; targets: Tensor2D; net: Mlp } {
    const made: Tensor[] = [];
    try {
      const inputs = tf.tensor2d(this.data.inputs as number[][], undefined, 'float32');
      made.push(inputs);
      const targets = tf.tensor2d(this.data.targets as number[][], undefined, 'float32');
      made.push(targets);
      const net = new Mlp(spec, random);
      made.push(...net.weights, ...net.biases);
      prepare(net);
      return { inputs, targets, net };
    } catch (error) {
      disposeQuietly(made);
      throw error;
    }
  }

  private objective(inputs: Tensor2D, targets: Tensor2D): Scalar {
    const data = lossOf(this.spec.loss, this.net.logits(inputs), targets, this.net.spec.output);
    return this.regularization.kind === 'none' ? data : tf.add(data, penalty(this.regularization, this.net.weights));
  }

  /** Indices of the next batch, or undefined for the full batch (no gather needed). */
  private nextBatch(): number[] | undefined {
    if (this.batching.mode === 'full') {
      this.epochs += 1;
      return undefined;
    }
    const size = this.batchSize;
    const indices = this.order.slice(this.cursor, this.cursor + size);
    this.cursor += size;
    if (this.cursor >= this.samples) {
      this.epochs += 1;
      this.shuffle();
    }
    return indices;
  }

  /** The op-by-op path's readback: the latest loss and every parameter, packed into one tensor and read at once. */
  private async readPacked(): Promise<Float32Array | undefined> {
    if (!this.lastLoss) return undefined;
    const packed = tf.tidy(() => tf.concat([tf.reshape(this.lastLoss!, [1]), ...this.net.parameters.map((p) => tf.reshape(p, [-1]))]));
    return readThenDispose([packed], async () => (await packed.data()) as Float32Array);
  }

  /** Copies the fused run's weights into the TF.js variables when they lag behind. */
  private syncTensors(): void {
    if (this.fused?.stale && !this.suspendedState && !this.disposed) this.fused.copyInto(this.net);
  }

  private shuffle(): void {
    this.order = this.random.shuffle(Array.from({ length: this.samples }, (_, i) => i));
    this.cursor = 0;
  }

  private stop(divergence: Divergence): void {
    this.divergence = divergence;
    this.events.emit('diverged', divergence);
  }

  /** Throws once disposed; brings a suspended trainer back, since every caller is about to use its tensors. */
  private assertUsable(): void {
    if (this.disposed) throw new Error('this trainer was disposed');
    if (this.suspendedState) this.resume();
    this.revision += 1;
  }
}
