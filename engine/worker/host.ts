/**
 * The worker's side: hosts the page's heavy `LayeredTrainer`s on an engine of its own and trains them in a
 * loop there, so a 35 ms step costs the slide no frame. It answers the proxies' requests (protocol.ts) by
 * calling the real trainer, and posts each trainer's events with its state as they happen.
 *
 * The loop is `Engine.schedule` without frames: with no frame to fit, it takes as many steps as fit in a
 * tick of about `TICK_MS` (or as many as `stepsPerSecond` owes), reads back once per tick (the divergence
 * and early-stopping checks, the readout the widget draws), and yields between ticks so the page's requests
 * (predict, pause, …) are answered within a tick.
 *
 * The host is transport-agnostic: entry.ts gives it the worker scope; the unit tests give it one end of a
 * `MessageChannel` in the same process, so the same trainer tests run against both paths.
 */
import type { Engine } from '../runtime.ts';
import type { LayeredTrainer } from '../layered-trainer.ts';
import type { LayerParameters } from '../layered.ts';
import {
  toWireError,
  type Endpoint,
  type LoopSettings,
  type LoopStats,
  type Notice,
  type PackedLayer,
  type Reply,
  type Request,
  type RequestMessage,
  type TrainerId,
  type TrainerState,
} from './protocol.ts';

/** Milliseconds of stepping per tick: long enough that the readback's cost is small beside it, short enough that a request waits little. */
export const TICK_MS = 50;
/** How long a failed tick waits for the engine to notice a lost GPU before it counts as the trainer's failure. */
const LOSS_GRACE_MS = 250;
/** The most steps one tick takes, however cheap they are. */
const MAX_STEPS_PER_TICK = 1000;

/** One hosted trainer and its loop. */
interface Hosted {
  trainer: LayeredTrainer;
  settings: LoopSettings;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A tick is stepping or reading back. */
  busy: boolean;
  /** Bumped when the engine moves backend: a tick begun before (its readback may never settle on the lost GPU) is abandoned. */
  generation: number;
  msPerStep: number | undefined;
  owed: number;
  lastPaced: number | undefined;
  stats: LoopStats;
}

const now = (): number => (globalThis.performance ?? Date).now();

/** A trainer's state for the proxy's mirror. */
export function stateOf(trainer: LayeredTrainer): TrainerState {
  return {
    steps: trainer.steps,
    epochs: trainer.epochs,
    divergence: trainer.divergence,
    stoppedEarly: trainer.stoppedEarly,
    isSuspended: trainer.isSuspended,
    validationRecord: trainer.validationRecord ? structuredClone(trainer.validationRecord) : undefined,
  };
}

/** Weights as float32 buffers that can be transferred rather than copied. */
export function packWeights(layers: readonly LayerParameters[]): PackedLayer[] {
  const pack = (p: { shape: number[]; values: number[] } | undefined) => (p ? { shape: [...p.shape], values: Float32Array.from(p.values) } : undefined);
  return layers.map((layer) => {
    const packed: PackedLayer = { type: layer.type };
    const weight = pack(layer.weight);
    const bias = pack(layer.bias);
    if (weight) packed.weight = weight;
    if (bias) packed.bias = bias;
    return packed;
  });
}

function transfers(weights: PackedLayer[] | undefined): ArrayBuffer[] {
  return (weights ?? []).flatMap((layer) => [layer.weight, layer.bias].filter((p) => p !== undefined).map((p) => p.values.buffer as ArrayBuffer));
}

export class WorkerHost {
  private engine: Promise<Engine> | undefined;
  private readonly hosted = new Map<TrainerId, Hosted>();

  constructor(
    private readonly port: Endpoint,
    /** Starts the engine the `init` request asks for (entry.ts: `startEngine`; tests: one on the CPU). */
    private readonly start: (request: Extract<Request, { op: 'init' }>) => Promise<Engine>,
  ) {
    port.addEventListener('message', (event) => void this.receive(event.data as RequestMessage));
  }

  /** The hosted trainer itself (tests reach in to inject failures, as they do on the main-thread path). */
  trainer(id: TrainerId): LayeredTrainer | undefined {
    return this.hosted.get(id)?.trainer;
  }

  private async receive({ id, request }: RequestMessage): Promise<void> {
    const trainerId = 'trainer' in request ? request.trainer : undefined;
    try {
      const value = await this.handle(request);
      const hosted = trainerId === undefined ? undefined : this.hosted.get(trainerId);
      // A readback, readWeights or writeWeights changes what `latestWeights` is on the page: send it along.
      const sendsWeights = request.op === 'create' || (request.op === 'call' && ['readBack', 'readWeights', 'writeWeights', 'suspend'].includes(request.method));
      const weights = sendsWeights && hosted ? packWeights(hosted.trainer.latestWeights) : undefined;
      const reply: Reply = { id, ok: true, value, state: hosted ? stateOf(hosted.trainer) : undefined, weights };
      this.port.postMessage(reply, transfers(weights));
    } catch (error) {
      const hosted = trainerId === undefined ? undefined : this.hosted.get(trainerId);
      const reply: Reply = { id, ok: false, error: toWireError(error), state: hosted && !hosted.trainer.isDisposed ? stateOf(hosted.trainer) : undefined };
      this.port.postMessage(reply);
    }
  }

  private async handle(request: Request): Promise<unknown> {
    if (request.op === 'init') {
      this.engine ??= this.start(request);
      const engine = await this.engine;
      engine.events.on('backend', (info) => {
        this.post({ notice: 'backend', info });
        // The trainers were rebuilt from their last readback (runtime.ts): a tick caught on the lost GPU is
        // dropped and the loops go on on the new backend.
        for (const [id, hosted] of this.hosted) {
          hosted.generation += 1;
          hosted.busy = false;
          hosted.msPerStep = undefined;
          this.kick(id, hosted);
        }
      });
      return engine.info;
    }
    if (!this.engine) throw new Error('the training worker was not started');
    const engine = await this.engine;
    if (request.op === 'ping') return undefined;
    if (request.op === 'lose-gpu') return loseGpu(engine);
    if (request.op === 'create') {
      const trainer = engine.createLayeredTrainer(request.spec, request.data);
      const hosted: Hosted = {
        trainer,
        settings: { playing: false, visible: true },
        timer: undefined,
        busy: false,
        generation: 0,
        msPerStep: undefined,
        owed: 1,
        lastPaced: undefined,
        stats: { stepsPerTick: 0, msPerStep: Number.NaN, ticks: 0, readBacks: 0, running: false },
      };
      this.hosted.set(request.trainer, hosted);
      for (const event of ['readout', 'diverged', 'stopped', 'failed'] as const) {
        trainer.events.on(event, (payload) => {
          const wire = event === 'failed' ? { message: (payload as { message: string }).message, error: toWireError((payload as { error: unknown }).error) } : payload;
          const weights = event === 'readout' ? packWeights(trainer.latestWeights) : undefined;
          this.post({ notice: 'event', trainer: request.trainer, event, payload: wire, state: stateOf(trainer), weights, loop: hosted.stats }, transfers(weights));
        });
      }
      return { samples: trainer.samples, batchSize: trainer.batchSize, pathReason: trainer.pathReason, engine: engine.info };
    }
    const hosted = this.hosted.get(request.trainer);
    if (!hosted) throw new Error('this trainer was disposed');
    if (request.op === 'dispose') {
      this.stopLoop(hosted);
      this.hosted.delete(request.trainer);
      hosted.trainer.dispose();
      return undefined;
    }
    if (request.op === 'loop') {
      const wasRunning = running(hosted);
      hosted.settings = request.settings;
      if (running(hosted) && !wasRunning) {
        hosted.owed = 1; // as the scheduler: one step on (re)activation
        hosted.lastPaced = undefined;
      }
      this.kick(request.trainer, hosted);
      return undefined;
    }
    const method = hosted.trainer[request.method] as (...args: unknown[]) => unknown;
    return await method.apply(hosted.trainer, request.args);
  }

  private post(notice: Notice, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(notice, transfer);
  }

  /** Starts a tick soon if the trainer should run and none is pending. */
  private kick(id: TrainerId, hosted: Hosted): void {
    hosted.stats.running = running(hosted);
    if (!running(hosted) || hosted.busy || hosted.timer !== undefined) return;
    const pace = hosted.settings.stepsPerSecond;
    // Paced: wait until a step is owed. Unpaced: go on at once (a zero timeout still lets messages in).
    const wait = pace && hosted.owed < 1 ? Math.max(0, Math.ceil(((1 - hosted.owed) * 1000) / pace)) : 0;
    hosted.timer = setTimeout(() => {
      hosted.timer = undefined;
      void this.tick(id, hosted);
    }, wait);
  }

  private stopLoop(hosted: Hosted): void {
    if (hosted.timer !== undefined) clearTimeout(hosted.timer);
    hosted.timer = undefined;
    hosted.stats.running = false;
  }

  private async tick(id: TrainerId, hosted: Hosted): Promise<void> {
    if (!running(hosted) || this.hosted.get(id) !== hosted) return;
    const { trainer, settings } = hosted;
    const generation = hosted.generation;
    const current = () => hosted.generation === generation && this.hosted.get(id) === hosted;
    hosted.busy = true;
    const engine = await this.engine!;
    const backend = engine.info.backend;
    try {
      const started = now();
      let count: number;
      if (settings.stepsPerSecond) {
        if (hosted.lastPaced !== undefined) hosted.owed += ((started - hosted.lastPaced) * settings.stepsPerSecond) / 1000;
        hosted.lastPaced = started;
        count = Math.min(Math.floor(hosted.owed), MAX_STEPS_PER_TICK);
        hosted.owed -= count;
      } else {
        count = hosted.msPerStep === undefined ? 1 : Math.max(1, Math.min(MAX_STEPS_PER_TICK, Math.floor(TICK_MS / hosted.msPerStep)));
      }
      if (settings.stepLimit !== undefined) count = Math.min(count, settings.stepLimit - trainer.steps);
      if (count > 0) {
        trainer.step(count);
        await trainer.readBack();
        if (!current()) return;
        const ms = (now() - started) / count;
        hosted.msPerStep = hosted.msPerStep === undefined ? ms : 0.75 * hosted.msPerStep + 0.25 * ms;
        Object.assign(hosted.stats, { stepsPerTick: count, msPerStep: hosted.msPerStep, ticks: hosted.stats.ticks + 1, readBacks: hosted.stats.readBacks + 1 });
      }
      if (trainer.divergence || trainer.stoppedEarly || (settings.stepLimit !== undefined && trainer.steps >= settings.stepLimit)) this.pause(id, hosted);
    } catch (error) {
      // A step or readback that failed because the GPU was just lost is not the trainer's failure: the
      // engine's recovery (runtime.ts) rebuilds it on the next backend and the loop goes on there.
      await new Promise((resolve) => setTimeout(resolve, LOSS_GRACE_MS));
      await engine.settled();
      if (!current() || engine.info.backend !== backend) return;
      // As the frame scheduler does: a trainer that throws is paused and its widget told; play() retries.
      this.pause(id, hosted);
      if (!trainer.isDisposed) trainer.reportFailure(`training stopped: ${error instanceof Error ? error.message : String(error)}`, error);
    } finally {
      if (hosted.generation === generation) hosted.busy = false;
    }
    if (current()) this.kick(id, hosted);
  }

  /** Pauses the loop and tells the proxy (its handle's `running` goes false, as the scheduler's does). */
  private pause(id: TrainerId, hosted: Hosted): void {
    hosted.settings = { ...hosted.settings, playing: false };
    this.stopLoop(hosted);
    if (!hosted.trainer.isDisposed) this.post({ notice: 'event', trainer: id, event: 'loop', payload: undefined, state: stateOf(hosted.trainer), loop: hosted.stats });
  }
}

function running(hosted: Hosted): boolean {
  return hosted.settings.playing && hosted.settings.visible && !hosted.trainer.isDisposed;
}

/** Loses the engine's GPU as a driver reset would; the engine's own watch then recovers (runtime.ts). */
function loseGpu(engine: Engine): string {
  const backend = engine.tf.backend() as unknown as { device?: { destroy(): void }; gpgpu?: { gl?: { getExtension(name: string): { loseContext(): void } | null } } };
  if (engine.info.backend === 'webgpu' && backend.device) backend.device.destroy();
  else if (engine.info.backend === 'webgl') backend.gpgpu?.gl?.getExtension('WEBGL_lose_context')?.loseContext();
  else throw new Error(`${engine.info.backend} has no GPU to lose`);
  return engine.info.backend;
}
