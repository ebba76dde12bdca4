/**
 * The engine's one door to TF.js. Every engine module imports `tf` from here, so there is exactly one
 * TF.js runtime per page (one backend, one tensor registry), whichever widget asked first. The CPU backend
 * is always registered: it is the last fallback and the one Node tests run on. The GPU and WASM backends
 * are registered on demand by runtime.ts, in the browser only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, TensorContainer } from '@tensorflow/tfjs-core';
// Autodiff needs every op's gradient registered; tfjs-core alone registers none (the tfjs bundle does).
// NOTE - with its .js: Node's ESM loader (Playwright's test files load engine code) needs the full file name.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
// Then the Conv2D gradient for backends without a filter-gradient kernel (WASM): see conv-gradient.ts.
import './conv-gradient.ts';
// And the matrix product's gradient without WASM's slow transposed products: see matmul-gradient.ts.
import './matmul-gradient.ts';
import '@tensorflow/tfjs-backend-cpu';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Variable, Scalar } from '@tensorflow/tfjs-core';

/**
 * `tf.tidy` for work that records gradients (`tf.variableGrads`). When `work` throws, tidy frees the
 * intermediate tensors but not the copies TF.js's gradient tape saved for the backward pass: those are kept
 * (`keep`) until a backward pass that will now never run, and the next recording drops the tape without
 * freeing them. So a failed step would leak about ten tensors each time; this frees them too.
 */
export function tidyRecording<T extends TensorContainer>(work: () => T): T {
  try {
    return tf.tidy(work);
  } catch (error) {
    dropAbandonedTape();
    throw error;
  }
}

function dropAbandonedTape(): void {
  const state = tf.engine().state;
  // Outside any recording a tape is left only by one that failed (a finished one sets it to null).
  if (state.gradientDepth !== 0 || !state.activeTape) return;
  const tape = state.activeTape;
  state.activeTape = null as unknown as typeof state.activeTape;
  for (const node of tape) disposeQuietly(node.saved ?? []);
}

/**
 * Disposes every tensor given, going on past any that throws: a backend that was lost may refuse, and
 * freeing must never stop half way (what it refused went with its device).
 */
export function disposeQuietly(tensors: Iterable<Tensor | undefined>): void {
  for (const tensor of tensors) {
    try {
      tensor?.dispose();
    } catch {
      // gone with its backend
    }
  }
}

/** Reads tensors made for one read (`read`), then frees them whether or not the read succeeded. */
export async function readThenDispose<T>(tensors: readonly Tensor[], read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } finally {
    disposeQuietly(tensors);
  }
}
