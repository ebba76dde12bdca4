/**
 * The filter gradient of a 2-D convolution where the backend has no kernel for it. TF.js's WebAssembly backend
 * (4.22) registers Conv2D and Conv2DBackpropInput but not Conv2DBackpropFilter, so a CNN — conv1d runs as a
 * 1-high conv2d — could not train on WASM, the backend this engine picks on a machine without a GPU. Here the
 * gradient is computed with a forward convolution, which every backend has: with the batch and channel axes
 * of x swapped, and dy (strides as dilations) as the filter,
 *
 *   dW[a, b, c, o] = Σₙ Σᵢ Σⱼ x_pad[n, i·sₕ + a, j·s_w + b, c] · dy[n, i, j, o]
 *
 * is exactly conv2d(xᵀ, dyᵀ, stride 1, dilations = strides)[c, a, b, o]. Registered over TF.js's Conv2D
 * gradient on import (engine/tf.ts): where the backend has the kernel, TF.js's own gradient runs unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, Tensor, Tensor4D } from '@tensorflow/tfjs-core';
// NOTE - with its .js: Node's ESM loader needs the full file name.
import { conv2DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Conv2D_grad.js';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** ∂L/∂filter of conv2d(x, filter, strides, pad) in NHWC, from the upstream gradient dy, by forward convolution. */
export function conv2dFilterGradient(
  x: Tensor4D,
  dy: Tensor4D,
  filterShape: readonly [number, number, number, number],
  strides: number | readonly [number, number],
  pad: Pad,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): Tensor4D {
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape as [number, number, number, number], strides as [number, number], 1, pad, dimRoundingMode, false, 'channelsLast');
  const { top, bottom, left, right } = info.padInfo;
  const [height, width] = filterShape;
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
    // The batch becomes the channels being summed over; the input channels become the batch.
    const swapped = tf.transpose(padded, [3, 1, 2, 0]);
    const asFilter = tf.transpose(dy, [1, 2, 0, 3]);
    const full = tf.conv2d(swapped as Tensor4D, asFilter as Tensor4D, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    // A padded edge the strided windows never reached leaves extra rows and columns past the filter: drop them.
    const filter = tf.slice(full, [0, 0, 0, 0], [-1, height, width, -1]);
    return tf.transpose(filter, [1, 2, 0, 3]) as Tensor4D;
  });
}

/** True when the current backend has TF.js's own kernel for the filter gradient. */
function backendHasFilterKernel(): boolean {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined;
}

tf.registerGradient({
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const own = conv2DGradConfig.gradFunc(dy, saved, attrs);
    if (backendHasFilterKernel()) return own;
    const [x, filter] = saved as [Tensor4D, Tensor4D];
    const { strides, pad, dimRoundingMode } = attrs as unknown as { strides: [number, number]; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
    return { ...own, filter: () => conv2dFilterGradient(x, dy as Tensor4D, filter.shape, strides, pad, dimRoundingMode) };
  },
});
