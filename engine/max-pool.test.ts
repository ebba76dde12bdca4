/**
 * The engine's max-pool gradient (max-pool.ts) against a float64 loop written here — each window's dy to the
 * first position holding its maximum, as PyTorch and TF.js's CPU backend do — on the CPU and WASM backends,
 * for square and rectangular windows, strides equal to or smaller than the window (overlapping), inputs whose
 * size the stride does not divide, and ties.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { maxPool2d } from './max-pool.ts';
import { createRandom } from './random.ts';
import { tf } from './tf.ts';

type Shape = [number, number, number, number];
type Case = { name: string; x: Shape; size: [number, number]; stride: [number, number]; ties?: boolean };
const CASES: Case[] = [
  { name: '2×2 stride 2 on 6×6 (TF.js WASM misroutes this one)', x: [1, 6, 6, 1], size: [2, 2], stride: [2, 2] },
  { name: '2×2 stride 2, the bench CNN’s second pool (11×11: the last row and column are dropped)', x: [3, 11, 11, 4], size: [2, 2], stride: [2, 2] },
  { name: '3×3 stride 2 (overlapping windows)', x: [2, 7, 8, 2], size: [3, 3], stride: [2, 2] },
  { name: '2×3 stride (1, 2)', x: [1, 5, 9, 3], size: [2, 3], stride: [1, 2] },
  { name: '1×3 stride 3 (max-pool1d as a 1-high image)', x: [2, 1, 31, 4], size: [1, 3], stride: [1, 3] },
  { name: 'ties: ReLU outputs, many windows all zero', x: [2, 8, 8, 3], size: [2, 2], stride: [2, 2], ties: true },
];

/** The gradient by hand, in float64: every window's dy added at its first maximum, row by row. */
function reference(x: Float32Array, shape: Shape, dy: Float32Array, size: [number, number], stride: [number, number]): Float64Array {
  const [n, h, w, c] = shape;
  const outH = Math.floor((h - size[0]) / stride[0]) + 1;
  const outW = Math.floor((w - size[1]) / stride[1]) + 1;
  const at = (b: number, i: number, j: number, k: number) => ((b * h + i) * w + j) * c + k;
  const grad = new Float64Array(x.length);
  for (let b = 0; b < n; b += 1)
    for (let i = 0; i < outH; i += 1)
      for (let j = 0; j < outW; j += 1)
        for (let k = 0; k < c; k += 1) {
          let best = -Infinity;
          let where = -1;
          for (let p = 0; p < size[0]; p += 1)
            for (let q = 0; q < size[1]; q += 1) {
              const index = at(b, i * stride[0] + p, j * stride[1] + q, k);
              if (x[index]! > best) [best, where] = [x[index]!, index];
            }
          grad[where]! += dy[((b * outH + i) * outW + j) * c + k]!;
        }
  return grad;
}

let backend: string | undefined;
beforeAll(() => {
  backend = tf.getBackend();
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
});
afterAll(async () => {
  if (backend) await tf.setBackend(backend);
});

for (const name of ['cpu', 'wasm']) {
  describe(`maxPool2d on the ${name} backend`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(name)).toBe(true);
    });

    for (const c of CASES) {
      it(`pools as tf.maxPool and sends dy to each window's first maximum: ${c.name}`, () => {
        const random = createRandom(11);
        const count = c.x.reduce((a, b) => a * b);
        // Ties: rounded and clipped at 0, as a ReLU's output on a coarse input.
        const x = Float32Array.from({ length: count }, () => (c.ties ? Math.max(0, Math.round(random.between(-3, 2))) : random.between(-1, 1)));
        const input = tf.tensor4d(x, c.x);
        const before = tf.memory().numTensors;
        const pooled = maxPool2d(input, c.size, c.stride);
        const expectedPooled = tf.maxPool(input, c.size, c.stride, 'valid');
        expect(pooled.shape).toEqual(expectedPooled.shape);
        expect(Array.from(pooled.dataSync())).toEqual(Array.from(expectedPooled.dataSync()));
        const dy = Float32Array.from({ length: pooled.size }, (_, i) => 1 + (i % 7));
        const grad = tf.grad((t: tf.Tensor) => maxPool2d(t, c.size, c.stride))(input, tf.tensor(dy, pooled.shape));
        expect(Array.from(grad.dataSync())).toEqual(Array.from(reference(x, c.x, dy, c.size, c.stride)));
        tf.dispose([pooled, expectedPooled, grad]);
        expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1); // dy's tensor, kept by tf.grad's caller
        input.dispose();
      });
    }

    it('routes a 6×6 window grid as a hand computation says', () => {
      // Window (0, 2) covers x[0][4], x[0][5], x[1][4], x[1][5] = −0.9, −0.8, −0.7, −0.95: dy goes to x[1][4].
      const x = [
        [0, 1, 0, 0, -0.9, -0.8],
        [0, 0, 2, 0, -0.7, -0.95],
        [5, 4, 3, 3, 1, 1],
        [4, 5, 3, 3, 1, 1],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
      ];
      const input = tf.tensor4d(x.flat(), [1, 6, 6, 1]);
      const dy = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      const byHand = [
        [0, 1, 0, 0, 0, 0],
        [0, 0, 2, 0, 3, 0],
        [4, 0, 5, 0, 6, 0], // 5 and 4 tie with 5 below/beside: the first, row by row, takes dy; 3, 3 / 3, 3 and 1, 1 / 1, 1 too
        [0, 0, 0, 0, 0, 0],
        [7, 0, 8, 0, 9, 0], // all-zero windows: the first position
        [0, 0, 0, 0, 0, 0],
      ];
      const picture = (t: tf.Tensor) => (t.arraySync() as number[][][][])[0]!.map((row) => row.map((v) => v[0]));
      const grad = tf.grad((t: tf.Tensor) => maxPool2d(t, [2, 2], [2, 2]))(input, dy);
      expect(picture(grad)).toEqual(byHand);
      // Why the engine has its own gradient. If this fails on WASM, TF.js has fixed its MaxPoolGrad there (it
      // returned [[0,1,0,0,0,0],[0,0,2,0,0,0],[0,0,0,0,0,0],[0,4,0,5,0,6],[0,0,0,0,0,0],[0,0,0,0,0,0]] in 4.22:
      // 3, 7, 8 and 9 lost, 4, 5 and 6 one place off): max-pool.ts may go back to tf.maxPool's own gradient.
      const theirs = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, [2, 2], [2, 2], 'valid'))(input, dy);
      if (name === 'wasm') expect(picture(theirs)).not.toEqual(byHand);
      else expect(picture(theirs)).toEqual(byHand);
      tf.dispose([input, dy, grad, theirs]);
    });
  });
}
