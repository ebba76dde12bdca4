/**
 * Starts the page's training worker. Written as `new Worker(new URL('./entry.ts', import.meta.url), …)` on
 * purpose: Vite recognises exactly this form and bundles entry.ts and what it imports (TF.js, its
 * backends) into a worker chunk of its own, in `axon dev` and in `axon build` alike.
 */
import type { Endpoint } from './protocol.ts';

/** A module worker running entry.ts, with its errors given to `onError` (a script that failed to load included). */
export function spawnTrainingWorker(onError: (error: Error) => void): Endpoint & { terminate(): void } {
  const worker = new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'axon-training' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onError(new Error(event.message || 'the worker script failed to load'));
  });
  worker.addEventListener('messageerror', () => onError(new Error('a message from the worker could not be read')));
  return worker as unknown as Endpoint & { terminate(): void };
}
