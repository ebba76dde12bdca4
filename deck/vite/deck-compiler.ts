/**
 * Compiles decks for the dev server in a worker thread, so that a save never stops the server from answering
 * (a 1 MB deck took about 4 s on the event loop, and every request, the HMR socket included, waited), and so
 * that a compile that runs away is stopped instead of taking the server with it: past a time limit or a memory
 * limit the worker is ended and the deck shows an error naming the file; the next save starts a new worker.
 *
 * `axon build` keeps compiling on its own thread (DeckSite.load): it has nothing else to do meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { DeckError } from '../compile/types.ts';
import { AxonError, type DeckEntry, type LoadedDeck } from './deck-files.ts';

/** What the main thread asks the worker for. */
export interface CompileRequest {
  id: number;
  entry: DeckEntry;
  widgets: readonly string[];
}

/** Why a compile failed, as data (DeckError and AxonError are rebuilt on this side). */
export type CompileFailure =
  | { kind: 'deck'; file: string; line: number; reason: string; hint: string }
  | { kind: 'axon'; message: string }
  | { kind: 'other'; name: string; message: string; stack: string };

/** The worker's answer to one request. */
export type CompileReply = { id: number; loaded: LoadedDeck } | { id: number; failure: CompileFailure };

/** The worker could not be started at all (the caller then compiles on its own thread). */
export class CompilerUnavailable extends Error {
  override name = 'CompilerUnavailable';
}

export interface CompilerLimits {
  /** How long one deck may take to compile, in ms, once the worker is up (read at each compile). */
  timeoutMs: number;
  /** The worker's heap limit, in MB: a compile that needs more ends the worker, not the server. */
  memoryMb: number;
}

/** Generous: a linear-time compiler does 1 MB in about a second; anything near this is a runaway. */
const DEFAULT_LIMITS: CompilerLimits = { timeoutMs: 30_000, memoryMb: 1024 };

const WORKER_ENTRY = new URL('./compile-worker.js', import.meta.url);

export class DeckCompiler {
  private worker: Worker | undefined;
  /** Resolves once the worker has loaded its modules; rejects with CompilerUnavailable if it never does. */
  private ready: Promise<Worker> | undefined;
  private lastId = 0;
  /** One compile at a time, in the order asked: each one's time limit then counts its own work only. */
  private queue: Promise<unknown> = Promise.resolve();
  private unavailable = false;

  constructor(
    private readonly widgets: readonly string[],
    private readonly limits: CompilerLimits = DEFAULT_LIMITS,
  ) {}

  /** Reads and compiles one deck; rejects with what loadDeck would throw (DeckError, AxonError, another Error). */
  compile(entry: DeckEntry): Promise<LoadedDeck> {
    const run = this.queue.then(() => this.run(entry));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the worker (the server is closing). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  private async run(entry: DeckEntry): Promise<LoadedDeck> {
    if (this.unavailable) throw new CompilerUnavailable('the compile worker could not start');
    const worker = await this.start();
    const id = ++this.lastId;
    const { timeoutMs, memoryMb } = this.limits;
    return new Promise<LoadedDeck>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const stop = (error: Error) => {
        done();
        this.discard(worker);
        reject(error);
      };
      const timer = setTimeout(() => {
        stop(new DeckError(entry.displayFile, 1, `compiling took longer than ${timeoutMs / 1000} s and was stopped`, RUNAWAY_HINT));
      }, timeoutMs);
      const onMessage = (reply: CompileReply | 'ready') => {
        if (reply === 'ready' || reply.id !== id) return;
        done();
        if ('loaded' in reply) resolve(reply.loaded);
        else reject(revive(reply.failure));
      };
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          stop(new DeckError(entry.displayFile, 1, `compiling needed more than ${memoryMb} MB of memory and was stopped`, RUNAWAY_HINT));
        } else stop(error);
      };
      const onExit = (code: number) => stop(new Error(`the compile worker ended (exit code ${code})`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const request: CompileRequest = { id, entry, widgets: [...this.widgets] };
      worker.postMessage(request);
    });
  }

  /** The running worker, started (and waited for) if there is none. */
  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } });
    // NOTE - the worker must not keep `axon dev` alive after its server closed.
    worker.unref();
    // An 'error' event with no listener would be thrown on this thread and end the server; between compiles
    // (none listening then) a failed worker is simply replaced on the next compile.
    worker.on('error', () => this.discard(worker));
    worker.on('exit', () => this.discard(worker));
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      const failed = (error: unknown) => {
        this.unavailable = true;
        this.discard(worker);
        reject(new CompilerUnavailable(`the compile worker could not start: ${error instanceof Error ? error.message : String(error)}`));
      };
      worker.once('message', (message: unknown) => {
        if (message !== 'ready') return failed(new Error(`unexpected first message ${String(message)}`));
        worker.off('error', failed);
        worker.off('exit', failed);
        resolve(worker);
      });
      worker.once('error', failed);
      worker.once('exit', failed);
    });
    return this.ready;
  }

  /** Forgets a worker that failed or ran away and ends it; the next compile starts a new one. */
  private discard(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.ready = undefined;
    }
    void worker.terminate();
  }
}

const RUNAWAY_HINT = 'undo the last change or cut the deck down to find what triggers it, and report it';

function revive(failure: CompileFailure): Error {
  if (failure.kind === 'deck') return new DeckError(failure.file, failure.line, failure.reason, failure.hint);
  if (failure.kind === 'axon') return new AxonError(failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  error.stack = failure.stack;
  return error;
}
