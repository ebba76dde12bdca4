/**
 * The gradient of a matrix product on the WASM backend, with its transposes made explicit. TF.js 4.22's WASM
 * BatchMatMul runs XNNPACK's fast kernel only when neither operand is transposed; `transposeA` or `transposeB`
 * falls to a plain loop. Its own gradient asks for exactly those (dA = dy·Bᵀ, dB = Aᵀ·dy), so the backward pass
 * of a dense layer ran 6–16× slower than the forward one (64 × 784 by 784 × 128, the autoencoder's first layer:
 * dy·Bᵀ 39 ms against 6 ms with Bᵀ made first, Aᵀ·dy 60 against 13, under load). Here, on WASM and for
 * 2-D products, the transposes are done by `tf.transpose` and the products untransposed; everywhere else TF.js's
 * own gradient runs unchanged. Registered on import (engine/tf.ts), as conv-gradient.ts is.
 */
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
// NOTE - with its .js: Node's ESM loader needs the full file name.
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad.js';

/** x·y with the transposes asked for, computed without the WASM kernel's slow transposed path. */
export function untransposedProduct(x: Tensor, y: Tensor, transposeX: boolean, transposeY: boolean): Tensor {
  return tf.matMul(transposeX ? tf.transpose(x) : x, transposeY ? tf.transpose(y) : y);
}

tf.registerGradient({
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [a, b] = saved as [Tensor, Tensor];
    const gradient = dy as Tensor;
    if (tf.getBackend() !== 'wasm' || a.rank !== 2 || b.rank !== 2) return batchMatMulGradConfig.gradFunc(dy, saved, attrs);
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const mm = untransposedProduct;
    // The same four cases as TF.js's gradient (tfjs-core gradients/BatchMatMul_grad).
    if (!transposeA && !transposeB) return { a: () => mm(gradient, b, false, true), b: () => mm(a, gradient, true, false) };
    if (!transposeA && transposeB) return { a: () => mm(gradient, b, false, false), b: () => mm(gradient, a, true, false) };
    if (transposeA && !transposeB) return { a: () => mm(b, gradient, false, true), b: () => mm(a, gradient, false, false) };
    return { a: () => mm(b, gradient, true, true), b: () => mm(gradient, a, true, true) };
  },
});
