/**
 * The page's side of a layered trainer that trains in a Worker (host.ts): `WorkerLayeredTrainer` has
 * `LayeredTrainer`'s public API, and its fields (`steps`, `epochs`, `divergence`, `stoppedEarly`,
 * `validationRecord`, `latestWeights` …) are kept current by every reply and notice, so a widget reads them
 * every frame for free, as it does on the main-thread path.
 *
 * What becomes async (the rest is as on LayeredTrainer):
 * - `step(count)` returns a promise, settled once the worker took the steps (a throw there rejects it);
 * - `writeWeights(layers)` and `resume()` return promises;
 * - `dispose()` stays synchronous: the proxy is unusable at once and the worker frees the tensors soon after;
 * - the TF.js objects (`model`, `optimizer`) stay in the worker and are not on the proxy.
 * `readBack`, `validationLoss`, `gradients`, `predict`, `runLayers`, `activations`, `readWeights` and `suspend` were async already.
 *
 * Training itself goes on in the worker: `schedule()` (or `Engine.schedule`) starts its loop there, which
 * steps continuously within the pace asked (`stepsPerSecond`, `stepLimit`), and posts readouts here.
 */
import type { EngineInfo } from '../backends.ts';
import type { ValidationRecord } from '../early-stopping.ts';
import { Emitter } from '../events.ts';
import type { FeatureMap, LayerParameters } from '../layered.ts';
import type { LayeredData, LayeredReadout, LayeredTrainerEvents, LayeredTrainerSpec, Sample } from '../layered-trainer.ts';
import type { AddOptions, ScheduledTrainer, TrainerStats } from '../scheduler.ts';
import type { Divergence } from '../trainer.ts';
import {
  fromWireError,
  type Endpoint,
  type Facts,
  type ForwardedMethod,
  type LoopSettings,
  type LoopStats,
  type Message,
  type PackedLayer,
  type Reply,
  type Request,
  type TrainerId,
  type TrainerState,
  type WireError,
} from './protocol.ts';

type Settled = Extract<Reply, { ok: true }>;

/** Events of a connection (the worker as a whole). */
export interface ConnectionEvents extends Record<string, unknown> {
  /** The worker's engine moved backend after losing its GPU (its trainers carry on). */
  backend: EngineInfo;
}

/**
 * One page's link to its training worker: requests and their replies, notices routed to their proxies.
 * Made by the engine (runtime.ts) around a real Worker, or by tests around a MessageChannel port.
 */
export class WorkerConnection {
  readonly events = new Emitter<ConnectionEvents>();
  /** The worker engine's backend, once it started. */
  readonly ready: Promise<EngineInfo>;
  private nextId = 1;
  private nextTrainer = 1;
  private readonly pending = new Map<number, { resolve: (reply: Settled) => void; reject: (error: Error) => void; trainer: WorkerLayeredTrainer | undefined }>();
  private readonly proxies = new Map<TrainerId, WorkerLayeredTrainer>();
  private failure: Error | undefined;

  constructor(
    private readonly port: Endpoint,
    init: Omit<Extract<Request, { op: 'init' }>, 'op'>,
  ) {
    port.addEventListener('message', (event) => this.receive(event.data as Message));
    this.ready = this.send({ op: 'init', ...init }).then((reply) => reply.value as EngineInfo);
  }

  /** A trainer built in the worker; rejects as the constructor would throw there (bad spec or data). */
  async createTrainer(spec: LayeredTrainerSpec, data: LayeredData): Promise<WorkerLayeredTrainer> {
    await this.ready;
    const id = this.nextTrainer++;
    const proxy = new WorkerLayeredTrainer(this, id, spec);
    this.proxies.set(id, proxy);
    try {
      const reply = await this.send({ op: 'create', trainer: id, spec, data }, proxy);
      proxy.adopt(reply.value as Facts);
      return proxy;
    } catch (error) {
      this.proxies.delete(id);
      throw error;
    }
  }

  /** Why the worker stopped, once it has (then every request is refused with it). */
  get broken(): Error | undefined {
    return this.failure;
  }

  /** Resolves once the worker handled every earlier request (a disposal's freeing included). */
  async settled(): Promise<void> {
    await this.send({ op: 'ping' });
  }

  /** Loses the worker engine's GPU (tests of the recovery). */
  async loseGpu(): Promise<void> {
    await this.send({ op: 'lose-gpu' });
  }

  /**
   * The worker itself failed (an uncaught error, a script that never loaded): every request waiting is
   * rejected and every trainer told, as a failed step is on the main-thread path.
   */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const proxy of this.proxies.values()) proxy.reportFailure(`the training worker stopped: ${error.message}`, error);
  }

  /** @internal Sends a request; the reply's state and weights reach `trainer` before the promise settles. */
  send(request: Request, trainer?: WorkerLayeredTrainer): Promise<Settled> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Settled>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, trainer });
      this.port.postMessage({ id, request });
    });
  }

  /** @internal A disposed proxy's notices are dropped. */
  forget(id: TrainerId): void {
    this.proxies.delete(id);
  }

  private receive(message: Message): void {
    if ('notice' in message) {
      if (message.notice === 'backend') {
        this.events.emit('backend', message.info);
        return;
      }
      this.proxies.get(message.trainer)?.notice(message.event, message.payload, message.state, message.weights, message.loop);
      return;
    }
    if (!('ok' in message)) return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.state) waiting.trainer?.update(message.state, message.ok ? message.weights : undefined);
    if (message.ok) waiting.resolve(message);
    else waiting.reject(fromWireError(message.error));
  }
}

const EMPTY_STATS: LoopStats = { stepsPerTick: 0, msPerStep: Number.NaN, ticks: 0, readBacks: 0, running: false };

/** A layered trainer whose tensors and training loop live in the worker; see the file's comment for what is async. */
export class WorkerLayeredTrainer {
  readonly events = new Emitter<LayeredTrainerEvents>();
  /** Says where it trains (the main-thread trainer has no such field). */
  readonly inWorker = true;
  steps = 0;
  epochs = 0;
  divergence: Divergence | undefined;
  readonly path = 'op-by-op' as const;
  pathReason = '';
  /** The worker engine's backend. */
  engineInfo: EngineInfo | undefined;
  private facts: Facts | undefined;
  private state: TrainerState | undefined;
  private packed: PackedLayer[] | undefined;
  private unpacked: LayerParameters[] | undefined;
  private disposed = false;
  private loopStats: LoopStats = EMPTY_STATS;
  private settings: LoopSettings = { playing: false, visible: true };
  private scheduled = false;

  constructor(
    private readonly connection: WorkerConnection,
    /** Its number on the connection. */
    readonly id: TrainerId,
    /** What it was made from. */
    readonly spec: LayeredTrainerSpec,
  ) {}

  get samples(): number {
    return this.facts?.samples ?? 0;
  }

  get batchSize(): number {
    return this.facts?.batchSize ?? 0;
  }

  get validationRecord(): ValidationRecord | undefined {
    return this.state?.validationRecord;
  }

  get stoppedEarly(): boolean {
    return this.state?.stoppedEarly ?? false;
  }

  get isSuspended(): boolean {
    return this.state?.isSuspended ?? false;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The parameters as of the latest readback (or the start), PyTorch's layouts: free to read every frame. */
  get latestWeights(): readonly LayerParameters[] {
    this.unpacked ??= (this.packed ?? []).map(unpackLayer);
    return this.unpacked;
  }

  /** Runs `count` steps in the worker; settles once they ran (async here, unlike LayeredTrainer's). */
  async step(count = 1): Promise<void> {
    await this.call('step', count);
  }

  readBack(): Promise<LayeredReadout | undefined> {
    return this.call('readBack') as Promise<LayeredReadout | undefined>;
  }

  validationLoss(): Promise<number | undefined> {
    return this.call('validationLoss') as Promise<number | undefined>;
  }

  gradients(): Promise<{ loss: number; layers: LayerParameters[] }> {
    return this.call('gradients') as Promise<{ loss: number; layers: LayerParameters[] }>;
  }

  predict(samples: readonly Sample[]): Promise<number[][]> {
    return this.call('predict', samples) as Promise<number[][]>;
  }

  runLayers(from: number, to: number, samples: readonly Sample[] | Float32Array): Promise<number[][]> {
    return this.call('runLayers', from, to, samples) as Promise<number[][]>;
  }

  activations(sample: Sample): Promise<FeatureMap[]> {
    return this.call('activations', sample) as Promise<FeatureMap[]>;
  }

  readWeights(): Promise<LayerParameters[]> {
    return this.call('readWeights') as Promise<LayerParameters[]>;
  }

  /** Sets every parameter (async here). */
  async writeWeights(layers: readonly LayerParameters[]): Promise<void> {
    await this.call('writeWeights', layers);
  }

  suspend(): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    return this.call('suspend') as Promise<boolean>;
  }

  /** Rebuilds a suspended trainer's tensors in the worker (async here). */
  async resume(): Promise<void> {
    await this.call('resume');
  }

  /** Frees everything (in the worker, soon after); using it afterwards throws (rejects). Never throws itself. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.connection.forget(this.id);
    this.connection.send({ op: 'dispose', trainer: this.id }).catch(() => {});
    try {
      this.events.emit('disposed', undefined);
    } catch (error) {
      console.error(`trainer "${this.spec.name ?? 'trainer'}": a listener of "disposed" threw`, error);
    }
    this.events.clear();
  }

  /** Says that training failed outside the widget's own calls; never throws. */
  reportFailure(message: string, error: unknown): void {
    try {
      this.events.emit('failed', { message, error });
    } catch (listenerError) {
      console.error(`trainer "${this.spec.name ?? 'trainer'}": a listener of "failed" threw`, listenerError);
    }
  }

  /**
   * Trains continuously in the worker, as `Engine.schedule` does on the main thread (which hands a worker
   * trainer here): the handle plays, pauses, shows and hides it; `stepsPerSecond` paces it; `stepLimit`
   * stops it after that many steps in all. A diverged trainer, or one early stopping ended, is paused.
   * One schedule per trainer, as with the frame scheduler.
   */
  schedule(options: AddOptions & { stepsPerSecond?: number; stepLimit?: number } = {}): ScheduledTrainer {
    if (this.scheduled) throw new Error('this trainer is scheduled already');
    this.scheduled = true;
    const self = this;
    const set = (changes: Partial<LoopSettings>) => {
      if (this.disposed || !this.scheduled) return;
      this.settings = { ...this.settings, ...changes };
      this.loopStats = { ...this.loopStats, running: this.settings.playing && this.settings.visible };
      this.connection.send({ op: 'loop', trainer: this.id, settings: this.settings }).catch(() => {});
    };
    const { playing = true, visible = true, stepsPerSecond, stepLimit } = options;
    set({ playing, visible, stepsPerSecond, stepLimit });
    return {
      play: () => set({ playing: true }),
      pause: () => set({ playing: false }),
      setVisible: (shown: boolean) => set({ visible: shown }),
      get running() {
        return !self.disposed && self.scheduled && self.loopStats.running;
      },
      get stats(): TrainerStats {
        const s = self.loopStats;
        return { name: self.spec.name ?? 'trainer', stepsPerFrame: s.stepsPerTick, msPerStep: s.msPerStep, steps: self.steps, frames: s.ticks, readBacks: s.readBacks };
      },
      remove: () => {
        set({ playing: false });
        this.scheduled = false;
      },
    };
  }

  /** The pace of a scheduled trainer (a widget's speed slider). */
  setStepsPerSecond(stepsPerSecond: number | undefined): void {
    if (!this.scheduled || this.disposed) return;
    this.settings = { ...this.settings, stepsPerSecond };
    this.connection.send({ op: 'loop', trainer: this.id, settings: this.settings }).catch(() => {});
  }

  /** @internal The facts the worker sent once the trainer was built. */
  adopt(facts: Facts): void {
    this.facts = facts;
    this.pathReason = facts.pathReason;
    this.engineInfo = facts.engine;
  }

  /** @internal A reply's or notice's state (and weights, when they changed). */
  update(state: TrainerState, weights: PackedLayer[] | undefined): void {
    this.state = state;
    this.steps = state.steps;
    this.epochs = state.epochs;
    this.divergence = state.divergence;
    if (weights) {
      this.packed = weights;
      this.unpacked = undefined;
    }
  }

  /** @internal An event from the worker, re-emitted here after the state it came with is in place. */
  notice(event: 'readout' | 'diverged' | 'stopped' | 'failed' | 'loop', payload: unknown, state: TrainerState, weights: PackedLayer[] | undefined, loop: LoopStats | undefined): void {
    if (this.disposed) return;
    this.update(state, weights);
    if (loop) this.loopStats = { ...loop };
    if (event === 'loop') return;
    if (event === 'failed') {
      const { message, error } = payload as { message: string; error: WireError };
      this.reportFailure(message, fromWireError(error));
      return;
    }
    this.events.emit(event, payload as never);
  }

  private async call(method: ForwardedMethod, ...args: unknown[]): Promise<unknown> {
    if (this.disposed) throw new Error('this trainer was disposed');
    return (await this.connection.send({ op: 'call', trainer: this.id, method, args }, this)).value;
  }
}

function unpackLayer(layer: PackedLayer): LayerParameters {
  const unpack = (p: PackedLayer['weight']) => (p ? { shape: [...p.shape], values: Array.from(p.values) } : undefined);
  const result: LayerParameters = { type: layer.type };
  const weight = unpack(layer.weight);
  const bias = unpack(layer.bias);
  if (weight) result.weight = weight;
  if (bias) result.bias = bias;
  return result;
}
