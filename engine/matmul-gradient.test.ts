/**
 * The WASM matrix-product gradient (matmul-gradient.ts) against TF.js's own on the CPU backend, for the four
 * transpose combinations, and against a central finite difference of the loss.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRandom } from './random.ts';
import { tf } from './tf.ts';

const random = createRandom(3);
const values = (count: number) => Array.from({ length: count }, () => random.between(-1, 1));
const A = values(5 * 7);
const B = values(7 * 4);
const W = values(5 * 4);

/** sum(w ⊙ (a·b)) with the operands stored transposed where asked: its gradients with respect to a and b. */
function gradients(transposeA: boolean, transposeB: boolean): number[][] {
  return tf.tidy(() => {
    const a = transposeA ? tf.transpose(tf.tensor2d(A, [5, 7])) : tf.tensor2d(A, [5, 7]);
    const b = transposeB ? tf.transpose(tf.tensor2d(B, [7, 4])) : tf.tensor2d(B, [7, 4]);
    const w = tf.tensor2d(W, [5, 4]);
    const loss = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(w, tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D, transposeA, transposeB)));
    return tf.grads(loss)([a, b]).map((g) => Array.from(g.dataSync()));
  });
}

const COMBINATIONS = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

let backend: string | undefined;
const onCpu = new Map<string, number[][]>();
beforeAll(async () => {
  backend = tf.getBackend();
  await tf.setBackend('cpu');
  for (const [ta, tb] of COMBINATIONS) onCpu.set(`${ta},${tb}`, gradients(ta, tb));
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  if (backend) await tf.setBackend(backend);
});

describe('the matrix product’s gradient on WASM', () => {
  for (const [ta, tb] of COMBINATIONS) {
    it(`equals TF.js's on the CPU backend: transposeA ${ta}, transposeB ${tb}`, () => {
      const wasm = gradients(ta, tb);
      const cpu = onCpu.get(`${ta},${tb}`)!;
      wasm.forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(cpu[k]![i]!, 5)));
    });
  }

  it('matches a central finite difference of the loss (float64, by hand)', () => {
    // d/dA[i][k] of Σ W ⊙ (A·B) is Σⱼ W[i][j] B[k][j]: checked numerically in float64 here.
    const loss = (a: number[]) => {
      let total = 0;
      for (let i = 0; i < 5; i += 1) for (let j = 0; j < 4; j += 1) for (let k = 0; k < 7; k += 1) total += W[i * 4 + j]! * a[i * 7 + k]! * B[k * 4 + j]!;
      return total;
    };
    const [dA] = gradients(false, false);
    for (const index of [0, 9, 34]) {
      const up = [...A];
      const down = [...A];
      up[index]! += 1e-6;
      down[index]! -= 1e-6;
      expect(dA![index]!).toBeCloseTo((loss(up) - loss(down)) / 2e-6, 4);
    }
  });
});
