/**
 * Max-pooling ('valid' windows over [batch, height, width, channels]) with a gradient the engine computes
 * itself, the same on every backend.
 *
 * Why not TF.js's own: the WASM backend's MaxPoolGrad (4.22) sends part of the gradient to the wrong
 * positions — on a [64, 26, 26, 8] input (the bench's cnn-digits) 4.6 % of the input gradient's entries
 * differed from the CPU backend's, and on a 6 × 6 image worked by hand (engine/max-pool.test.ts) it lost four
 * of nine windows' dy and moved three others one place. WASM is the engine's pick for these networks on a
 * machine without a GPU, so a CNN trained there learned from a wrong gradient.
 *
 * The meaning is PyTorch's and TF.js CPU's: each window's dy goes to the FIRST position (row by row) that
 * holds the window's maximum, so ties (common after a ReLU, all zeros) resolve as they do in the PyTorch code a
 * student reads. Positions equal to their window's maximum are found as 1 − sign(max − x) (exactly 1 where
 * equal, 0 below; no `Equal`, which WASM broadcasts slowly).
 */
import { tf, type Tensor } from './tf.ts';

type Pair = readonly [number, number];

/** dy spread back to the input positions x[:, a + sh·i, b + sw·j, :] (zeros elsewhere), shaped like x. */
function spread(g: Tensor, input: readonly number[], offset: Pair, stride: Pair): Tensor {
  const [n, outH, outW, c] = g.shape as [number, number, number, number];
  const [height, width] = [input[1]!, input[2]!];
  const [a, b] = offset;
  const [sh, sw] = stride;
  // Zeros between the samples: [n, outH, 1, outW, 1, c] padded to [n, outH, sh, outW, sw, c].
  let dense = sh === 1 && sw === 1 ? g : tf.reshape(tf.pad(tf.reshape(g, [n, outH, 1, outW, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]), [n, outH * sh, outW * sw, c]);
  // The trailing zeros of the last sample may reach past the input's edge: cut them before moving to (a, b).
  const keepH = Math.min(outH * sh, height - a);
  const keepW = Math.min(outW * sw, width - b);
  if (keepH < outH * sh || keepW < outW * sw) dense = tf.slice(dense, [0, 0, 0, 0], [n, keepH, keepW, c]);
  return tf.pad(dense, [[0, 0], [a, height - a - keepH], [b, width - b - keepW], [0, 0]]);
}

/**
 * The input gradient when the windows tile the input (stride = size, the usual pool): the input is viewed as
 * [n, outH, kh, outW, kw, c], so every step is one elementwise operation over all windows at once. Among the
 * positions equal to their window's maximum, the first is the one with the highest priority kh·kw − (p·kw + q):
 * a max-pool of (equal × priority) finds it. Rows and columns past the last whole window get no gradient.
 */
function tiledGradient(x: Tensor, pooled: Tensor, dy: Tensor, size: Pair): Tensor {
  const [n, height, width, c] = x.shape as [number, number, number, number];
  const [, outH, outW] = pooled.shape as [number, number, number, number];
  const [kh, kw] = size;
  const whole = outH * kh === height && outW * kw === width;
  const used = whole ? x : tf.slice(x, [0, 0, 0, 0], [n, outH * kh, outW * kw, c]);
  const grid = tf.reshape(used, [n, outH, kh, outW, kw, c]);
  const isMax = tf.sub(1, tf.sign(tf.sub(tf.reshape(pooled, [n, outH, 1, outW, 1, c]), grid)));
  const priority = tf.tensor(Float32Array.from({ length: kh * kw }, (_, i) => kh * kw - i), [1, 1, kh, 1, kw, 1]);
  const key = tf.mul(isMax, priority);
  const best = tf.reshape(tf.maxPool(tf.reshape(key, [n, outH * kh, outW * kw, c]) as tf.Tensor4D, [kh, kw], [kh, kw], 'valid'), [n, outH, 1, outW, 1, c]);
  // key = best only at the first maximum: elsewhere key is 0 or a lower priority (best ≥ 1: the maximum equals itself).
  const first = tf.sub(1, tf.sign(tf.sub(best, key)));
  const grad = tf.reshape(tf.mul(first, tf.reshape(dy, [n, outH, 1, outW, 1, c])), [n, outH * kh, outW * kw, c]);
  return whole ? grad : tf.pad(grad, [[0, 0], [0, height - outH * kh], [0, width - outW * kw], [0, 0]]);
}

/** The input gradient of a 'valid' max-pool: dy to the first maximum of each window. */
export function maxPoolGradient(x: Tensor, pooled: Tensor, dy: Tensor, size: Pair, stride: Pair): Tensor {
  if (size[0] === stride[0] && size[1] === stride[1]) return tiledGradient(x, pooled, dy, size);
  // Overlapping or spaced windows: one strided slice per offset in the window (slower on WASM, rarely used).
  const [n, , , c] = x.shape as [number, number, number, number];
  const [, outH, outW] = pooled.shape as [number, number, number, number];
  const [sh, sw] = stride;
  const parts: Tensor[] = [];
  let open: Tensor | undefined; // 1 where the window's maximum has not been met yet
  for (let a = 0; a < size[0]; a += 1) {
    for (let b = 0; b < size[1]; b += 1) {
      const at = tf.stridedSlice(x, [0, a, b, 0], [n, a + sh * (outH - 1) + 1, b + sw * (outW - 1) + 1, c], [1, sh, sw, 1]);
      const isMax = tf.sub(1, tf.sign(tf.sub(pooled, at)));
      const first = open ? tf.mul(isMax, open) : isMax;
      const last = a === size[0] - 1 && b === size[1] - 1;
      if (!last) open = open ? tf.sub(open, first) : tf.sub(1, first);
      parts.push(spread(tf.mul(first, dy), x.shape, [a, b], stride));
    }
  }
  return parts.length === 1 ? parts[0]! : tf.addN(parts);
}

/** Max-pooling of [batch, height, width, channels] over `size` windows moved by `stride`, no padding. */
export function maxPool2d(x: Tensor, size: Pair, stride: Pair): Tensor {
  const pool = tf.customGrad(((input: tf.Tensor, save: tf.GradSaveFunc) => {
    const pooled = tf.maxPool(input as tf.Tensor4D, [size[0], size[1]], [stride[0], stride[1]], 'valid');
    save([input, pooled]);
    return {
      value: pooled,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => maxPoolGradient(saved[0]!, saved[1]!, dy, size, stride),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (input: Tensor) => Tensor;
  return pool(x);
}
