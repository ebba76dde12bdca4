/**
 * The engine's one door to TF.js. Every engine module imports `tf` from here, so there is exactly one
 * TF.js runtime per page (one backend, one tensor registry), whichever widget asked first. The CPU backend
 * is always registered: it is the last fallback and the one Node tests run on. The GPU and WASM backends
 * are registered on demand by runtime.ts, in the browser only.
 */
import * as tf from '@tensorflow/tfjs-core';
// Autodiff needs every op's gradient registered; tfjs-core alone registers none (the tfjs bundle does).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Variable, Scalar } from '@tensorflow/tfjs-core';
