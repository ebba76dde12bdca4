/**
 * The messages between a page's `WorkerLayeredTrainer` proxies (proxy.ts) and the worker that hosts their
 * `LayeredTrainer`s (host.ts, entry.ts). One connection carries every trainer of a page: requests name the
 * trainer they are for, each gets exactly one reply with the same id, and the host also posts notices of its
 * own (a trainer's events and state as its training loop goes on, the worker engine's backend changing).
 * Everything here survives structured cloning: no class instances, errors as plain fields.
 */
import type { BackendRequest, EngineInfo } from '../backends.ts';
import type { ValidationRecord } from '../early-stopping.ts';
import type { LayerType } from '../layers.ts';
import type { LayeredData, LayeredTrainerSpec } from '../layered-trainer.ts';
import type { Divergence } from '../trainer.ts';

/** Names one hosted trainer on a connection. */
export type TrainerId = number;

/** A trainer's methods that the proxy forwards as they are (arguments and results cloned). */
export type ForwardedMethod = 'step' | 'readBack' | 'validationLoss' | 'gradients' | 'predict' | 'runLayers' | 'activations' | 'readWeights' | 'writeWeights' | 'suspend' | 'resume';

/** How the worker's training loop should run a trainer (Engine.schedule's options, off the main thread). */
export interface LoopSettings {
  /** Gets steps at all (a widget's Play); default false until the page says. */
  playing: boolean;
  /** Its slide is shown; a hidden slide's trainer gets no steps. */
  visible: boolean;
  /** A fixed pace; without it the loop takes as many steps as it can, reading back about every `tickMs`. */
  stepsPerSecond?: number;
  /** Stops (pauses) once the trainer has taken this many steps in all. */
  stepLimit?: number;
}

export type Request =
  /** Starts the worker's engine: the backend the page asked for, and where the page serves the WASM files (absolute URLs). */
  | { op: 'init'; request: BackendRequest; wasmPaths?: Record<string, string> }
  /** Builds a trainer there; the reply's value is its `Facts`. */
  | { op: 'create'; trainer: TrainerId; spec: LayeredTrainerSpec; data: LayeredData }
  | { op: 'call'; trainer: TrainerId; method: ForwardedMethod; args: unknown[] }
  | { op: 'loop'; trainer: TrainerId; settings: LoopSettings }
  | { op: 'dispose'; trainer: TrainerId }
  /** Answers once every earlier request was handled (a disposal included). */
  | { op: 'ping' }
  /** Tests only: loses the worker engine's GPU the way a driver reset would (WebGL context lost, WebGPU device destroyed). */
  | { op: 'lose-gpu' };

export interface RequestMessage {
  id: number;
  request: Request;
}

/** What a trainer looks like from outside, sent with every reply and notice so the proxy's fields stay current. */
export interface TrainerState {
  steps: number;
  epochs: number;
  divergence: Divergence | undefined;
  stoppedEarly: boolean;
  isSuspended: boolean;
  validationRecord: ValidationRecord | undefined;
}

/** Fixed once a trainer is built. */
export interface Facts {
  samples: number;
  batchSize: number;
  pathReason: string;
  /** The worker engine's backend. */
  engine: EngineInfo;
}

/** A parameter with its values as float32 (transferred, not copied); the proxy makes the plain `number[]`s lazily. */
export interface PackedParameter {
  shape: number[];
  values: Float32Array;
}

/** `LayerParameters` with packed values. */
export interface PackedLayer {
  type: LayerType;
  weight?: PackedParameter;
  bias?: PackedParameter;
}

/** An error as fields (a thrown Error's message is what widgets show). */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

export type Reply =
  | { id: number; ok: true; value: unknown; state?: TrainerState; weights?: PackedLayer[] }
  | { id: number; ok: false; error: WireError; state?: TrainerState };

/** The loop's numbers for `ScheduledTrainer.stats`. */
export interface LoopStats {
  /** Steps in the latest tick. */
  stepsPerTick: number;
  msPerStep: number;
  ticks: number;
  readBacks: number;
  running: boolean;
}

export type Notice =
  | {
      notice: 'event';
      trainer: TrainerId;
      event: 'readout' | 'diverged' | 'stopped' | 'failed' | 'loop';
      payload: unknown;
      state: TrainerState;
      /** With readouts: the weights just read, so `latestWeights` on the page is as fresh as on the main-thread path. */
      weights?: PackedLayer[];
      loop?: LoopStats;
    }
  /** The worker's engine moved backend after losing its GPU; its trainers carry on from their last readback. */
  | { notice: 'backend'; info: EngineInfo };

/** Either direction's message. */
export type Message = RequestMessage | Reply | Notice;

/** The little of a MessagePort / Worker / worker scope both ends need (Node's MessagePort fits too). */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener?(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}
