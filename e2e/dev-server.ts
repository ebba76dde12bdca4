/**
 * An `axon dev` server for a spec, as an instructor starts it: on a folder of decks (or one deck), on its own
 * port, with everything it prints kept (`log`) for the spec to read and to show when a test fails.
 */
import { spawn } from 'node:child_process';

export interface DevServer {
  /** Everything the server printed so far (stdout and stderr). */
  readonly log: string;
  /** Ends the server. */
  stop(): void;
}

/** Starts `axon dev PATH` on `port` and resolves once it answers (or rejects with what it printed, after 60 s). */
export async function startDevServer(path: string, port: number): Promise<DevServer> {
  const child = spawn(process.execPath, ['bin/axon.js', 'dev', path, '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const server: DevServer = {
    get log() {
      return log;
    },
    stop: () => void child.kill(),
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.stop();
  throw new Error(`axon dev did not start:\n${log}`);
}
