/**
 * The compile worker's body: reads and compiles decks on request, off the dev server's event loop
 * (deck-compiler.ts drives it). Errors travel as plain data: class instances do not survive postMessage.
 */
import { parentPort } from 'node:worker_threads';
import { DeckError } from '../compile/types.ts';
import { AxonError, loadDeck } from './deck-files.ts';
import type { CompileFailure, CompileReply, CompileRequest } from './deck-compiler.ts';

function describe(error: unknown): CompileFailure {
  if (error instanceof DeckError) return { kind: 'deck', file: error.file, line: error.line, reason: error.reason, hint: error.hint };
  if (error instanceof AxonError) return { kind: 'axon', message: error.message };
  const cause = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', name: cause.name, message: cause.message, stack: cause.stack ?? '' };
}

parentPort?.on('message', ({ id, entry, widgets }: CompileRequest) => {
  let reply: CompileReply;
  try {
    reply = { id, loaded: loadDeck(entry, widgets) };
  } catch (error) {
    reply = { id, failure: describe(error) };
  }
  parentPort?.postMessage(reply);
});
// Modules are loaded: from here on, a compile's time is the compile's own.
parentPort?.postMessage('ready');
