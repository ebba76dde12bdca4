/**
 * Test support: the two paths a layered trainer trains on — in place on this thread, and behind the worker
 * proxy — so the same test bodies run against both. The worker path joins a `WorkerConnection` to a
 * `WorkerHost` through a `MessageChannel` in this process: every request, reply and notice is structured-
 * cloned exactly as it is between a page and its Worker, while the tensors stay countable by `tf.memory()`.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { LayeredTrainer, type LayeredData, type LayeredTrainerSpec } from '../layered-trainer.ts';
import { startEngine } from '../runtime.ts';
import { WorkerHost } from './host.ts';
import type { Endpoint } from './protocol.ts';
import { WorkerConnection, type WorkerLayeredTrainer } from './proxy.ts';

/** Either path's trainer. */
export type AnyRun = LayeredTrainer | WorkerLayeredTrainer;

export interface TrainingPath {
  name: string;
  /** Builds a trainer; rejects where the constructor throws. */
  create(spec: LayeredTrainerSpec, data: LayeredData): Promise<AnyRun>;
  /** The real trainer behind a run (the run itself on this thread; the hosted one behind a proxy). */
  hosted(run: AnyRun): LayeredTrainer;
  /** Resolves once the other side has done everything asked of it so far (a disposal's freeing included). */
  settled(): Promise<void>;
}

/** A Node MessagePort as the DOM-style endpoint both sides expect (Node's ports speak EventTarget too). */
function endpoint(port: MessagePort): Endpoint {
  port.unref();
  return port as unknown as Endpoint;
}

export const MAIN_THREAD: TrainingPath = {
  name: 'main thread',
  create: async (spec, data) => new LayeredTrainer(spec, data),
  hosted: (run) => run as LayeredTrainer,
  settled: async () => {},
};

/** The worker path over an in-process channel; its host's engine runs on the CPU backend, as the tests do. */
export function workerPath(): TrainingPath {
  const { port1, port2 } = new MessageChannel();
  const host = new WorkerHost(endpoint(port2), () => startEngine({ request: 'cpu' }));
  const connection = new WorkerConnection(endpoint(port1), { request: 'cpu' });
  return {
    name: 'worker proxy',
    create: (spec, data) => connection.createTrainer(spec, data),
    hosted: (run) => ('inWorker' in run ? host.trainer(run.id)! : run),
    settled: () => connection.settled(),
  };
}
