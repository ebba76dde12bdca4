/**
 * The WASM-safe filter gradient of conv2d (conv-gradient.ts) against TF.js's own Conv2DBackpropFilter kernel on
 * the CPU backend, for the shapes the engine's layers use: valid, same and explicit padding, strides 1 and 2,
 * a 1-high convolution (conv1d), several channels, and against a finite difference of the loss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conv2DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Conv2D_grad.js';
import { conv2dFilterGradient } from './conv-gradient.ts';
import { createRandom } from './random.ts';
import { tf, type Tensor } from './tf.ts';

const random = createRandom(7);
const values = (count: number) => Float32Array.from({ length: count }, () => random.between(-1, 1));

type Case = { name: string; x: [number, number, number, number]; filter: [number, number, number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number };
const CASES: Case[] = [
  { name: '3×3, valid, stride 1', x: [2, 6, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { name: '3×3, same, stride 1', x: [2, 6, 7, 2], filter: [3, 3, 2, 5], strides: 1, pad: 'same' },
  { name: '3×3, same, stride 2 (odd input)', x: [3, 7, 9, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'same' },
  { name: '2×2, valid, stride 2', x: [2, 8, 8, 1], filter: [2, 2, 1, 6], strides: [2, 2], pad: 'valid' },
  { name: 'explicit padding 1', x: [1, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1 },
  { name: 'conv1d as a 1-high conv2d: width 12 over 4 channels', x: [4, 1, 30, 4], filter: [1, 12, 4, 8], strides: 1, pad: 'valid' },
];

let backend: string | undefined;
beforeAll(async () => {
  backend = tf.getBackend();
  await tf.setBackend('cpu');
});
afterAll(async () => {
  if (backend) await tf.setBackend(backend);
});

describe('conv2dFilterGradient', () => {
  for (const c of CASES) {
    it(`equals TF.js's Conv2DBackpropFilter: ${c.name}`, () => {
      const before = tf.memory().numTensors;
      const x = tf.tensor4d(values(c.x.reduce((a, b) => a * b)), c.x);
      const filter = tf.tensor4d(values(c.filter.reduce((a, b) => a * b)), c.filter);
      const y = tf.conv2d(x, filter, c.strides, c.pad);
      const dy = tf.tensor4d(values(y.size), y.shape);
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: 1 };
      const own = (conv2DGradConfig.gradFunc(dy, [x, filter], attrs as never) as Record<string, () => Tensor>).filter!();
      const ours = conv2dFilterGradient(x, dy, c.filter, c.strides, c.pad);
      expect(ours.shape).toEqual(c.filter);
      const [a, b] = [own.dataSync(), ours.dataSync()];
      for (let i = 0; i < a.length; i += 1) expect(Math.abs(a[i]! - b[i]!), `element ${i}`).toBeLessThan(1e-4 * (1 + Math.abs(a[i]!)));
      tf.dispose([x, filter, y, dy, own, ours]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('matches a central finite difference of Σ conv2d(x, W)² in one weight', () => {
    const c = CASES[2]!;
    const x = tf.tensor4d(values(c.x.reduce((p, q) => p * q)), c.x);
    const w = values(c.filter.reduce((p, q) => p * q));
    const loss = (weights: Float32Array) => tf.tidy(() => tf.sum(tf.square(tf.conv2d(x, tf.tensor4d(weights, c.filter), c.strides, c.pad))).dataSync()[0]!);
    const y = tf.conv2d(x, tf.tensor4d(w, c.filter), c.strides, c.pad);
    const gradient = conv2dFilterGradient(x, tf.mul(2, y) as never, c.filter, c.strides, c.pad).dataSync();
    for (const index of [0, 7, w.length - 1]) {
      const h = 1e-2;
      const up = Float32Array.from(w);
      const down = Float32Array.from(w);
      up[index]! += h;
      down[index]! -= h;
      const numeric = (loss(up) - loss(down)) / (2 * h);
      expect(Math.abs(gradient[index]! - numeric)).toBeLessThan(2e-2 * (1 + Math.abs(numeric)));
    }
    tf.dispose([x, y]);
  });
});
