/**
 * Where TF.js's WebAssembly backend finds its three .wasm files: bundled by Vite beside the code that imports
 * this module (a deck's page or `widgets/axon-widgets.js`), so they load from the site itself, never a CDN.
 * `axon build --single-file` swaps the threaded file for a stub by its import id (deck/vite/single-file.ts).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';

/** The `wasmPaths` option of `getEngine`: TF.js's file names → their bundled URLs. */
export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
} as const;
