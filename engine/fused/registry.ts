/**
 * Every fused kernel the engine has. choose.ts picks among them, run.ts starts the one picked, and the
 * engine prepares them as it starts; nothing else names a kernel. Adding one is writing its file (a
 * `FusedKernel`, kernel.ts) and listing it here: its path name becomes a `TrainingPath` by itself.
 *
 * The order is the preference among kernels that run on the same side: a `cpu` kernel listed earlier
 * is taken whenever it does not refuse (WebAssembly SIMD before JavaScript, as `npm run bench` measures).
 */
import { jsKernel } from './js.ts';
import { wasmKernel } from './wasm.ts';
import { webGpuKernel } from './webgpu.ts';

export const FUSED_KERNELS = [wasmKernel, jsKernel, webGpuKernel] as const;

/** The path names of the fused kernels: `fused-wasm`, `fused-js`, `fused-webgpu`. */
export type FusedPath = (typeof FUSED_KERNELS)[number]['path'];

/** Does every kernel's once-per-page work (compiling the WebAssembly module); a kernel that fails it refuses later, saying why. */
export async function prepareFusedKernels(): Promise<void> {
  await Promise.all(FUSED_KERNELS.map((kernel) => kernel.prepare?.()));
}
