/**
 * `<conv-explorer>`'s maths against independent numbers: a 3 × 3 kernel on a 4 × 4 image and max-pools worked
 * by hand, PyTorch's own conv2d → ReLU → max-pool2d outputs (engine/fixtures/layered-pytorch.json, computed by
 * torch), parameter counts by formula, output sizes by PyTorch's size rule, and the trained mode's feature maps
 * (read from the engine) against the plain convolution of the kernels the engine reports.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayeredTrainer } from '../../engine/layered-trainer.ts';
import { tf } from '../../engine/tf.ts';
import {
  KERNEL_NAMES,
  accuracy,
  convSettings,
  convolve,
  describeExplore,
  dot,
  explorePytorch,
  formatCell,
  kernelOf,
  mapSide,
  maxPool,
  moveWindow,
  paint,
  parameterCounts,
  pipeline,
  pooledSide,
  presetKernel,
  relu,
  splitRows,
  trainedSpec,
  windowAt,
} from './conv-explorer.model.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// A 4 × 4 image and the vertical-edge kernel, worked by hand:
// out(0,0) = (1+0+3) − (3+2+1) = −2; out(0,1) = (2+1+0) − (0+3+2) = −2;
// out(1,0) = (0+3+2) − (2+1+0) = 2;  out(1,1) = (1+0+3) − (3+2+1) = −2.
const IMAGE = [1, 2, 3, 0, 0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1];
const EDGE = [1, 0, -1, 1, 0, -1, 1, 0, -1];

describe('convolution, ReLU and max-pool by hand', () => {
  it('slides a 3 × 3 kernel over a 4 × 4 image', () => {
    const map = convolve(IMAGE, 4, EDGE, 3);
    expect(map.side).toBe(2);
    expect(Array.from(map.values)).toEqual([-2, -2, 2, -2]);
    expect(Array.from(relu(map).values)).toEqual([0, 0, 2, 0]);
    expect(Array.from(convolve(IMAGE, 4, EDGE, 3, 0.5).values)).toEqual([-1.5, -1.5, 2.5, -1.5]);
  });

  it('one window’s nine numbers and their dot product', () => {
    expect(windowAt(IMAGE, 4, 3, 1, 0)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0]);
    expect(dot(windowAt(IMAGE, 4, 3, 1, 0), EDGE)).toBe(2);
  });

  it('max-pools 2 × 2 with stride 2 and stride 1', () => {
    const map = { values: Float64Array.from([1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 7, 6, 9, 1, 3, 4]), side: 4 };
    expect(Array.from(maxPool(map, 2).values)).toEqual([5, 8, 9, 7]);
    expect(Array.from(maxPool(map, 1).values)).toEqual([5, 8, 8, 4, 8, 8, 9, 7, 7]);
  });

  it('sizes follow PyTorch’s rule ⌊(n + 2p − k)/s⌋ + 1', () => {
    expect(mapSide(28, 3)).toBe(26);
    expect(mapSide(28, 5)).toBe(24);
    expect(pooledSide(26, 2)).toBe(13); // "2×2 max-pool halves width and height"
    expect(pooledSide(24, 2)).toBe(12);
    expect(pooledSide(26, 1)).toBe(25);
    expect(pooledSide(5, 2)).toBe(2);
  });
});

describe('against PyTorch (engine/fixtures/layered-pytorch.json, digit CNN)', () => {
  type Fixture = { name: string; inputs: number[][]; weights: Array<{ weight?: { values: number[] }; bias?: { values: number[] } }>; pytorch: { activations: Array<{ shape: number[]; values: number[] }> } };
  const fixtures = JSON.parse(readFileSync(new URL('../../engine/fixtures/layered-pytorch.json', import.meta.url), 'utf8')) as { models: Fixture[] };
  const model = fixtures.models.find((m) => m.name.startsWith('digit CNN'))!;

  it('conv2d 2@3×3 + ReLU, then max-pool2d 2, for both filters of sample 0', () => {
    const image = model.inputs[0]!;
    const [conv] = model.weights;
    const [convOut, poolOut] = model.pytorch.activations;
    expect(convOut!.shape).toEqual([2, 6, 6]);
    for (let filter = 0; filter < 2; filter += 1) {
      const kernel = conv!.weight!.values.slice(filter * 9, filter * 9 + 9);
      const rectified = relu(convolve(image, 8, kernel, 3, conv!.bias!.values[filter]));
      const torch = convOut!.values.slice(filter * 36, filter * 36 + 36);
      rectified.values.forEach((v, i) => expect(v).toBeCloseTo(torch[i]!, 5));
      const pooled = maxPool(rectified, 2);
      poolOut!.values.slice(filter * 9, filter * 9 + 9).forEach((v, i) => expect(pooled.values[i]).toBeCloseTo(v, 5));
    }
  });
});

describe('presets', () => {
  it('blur and sharpen keep a flat image flat (their weights sum to 1); edges give 0 on it', () => {
    for (const size of [3, 5] as const) {
      const sum = (name: (typeof KERNEL_NAMES)[number]) => presetKernel(name, size).reduce((a, b) => a + b, 0);
      expect(sum('identity')).toBe(1);
      expect(sum('box-blur')).toBeCloseTo(1, 12);
      expect(sum('sharpen')).toBe(1);
      for (const edge of ['vertical-edge', 'horizontal-edge', 'sobel'] as const) expect(sum(edge)).toBe(0);
      expect(presetKernel('identity', size)).toHaveLength(size * size);
    }
  });

  it('the lecture’s 3 × 3 kernels, written out', () => {
    expect(presetKernel('vertical-edge', 3)).toEqual(EDGE);
    expect(presetKernel('horizontal-edge', 3)).toEqual([1, 1, 1, 0, 0, 0, -1, -1, -1]);
    expect(presetKernel('sobel', 3)).toEqual([1, 0, -1, 2, 0, -2, 1, 0, -1]);
    expect(presetKernel('sharpen', 3)).toEqual([0, -1, 0, -1, 5, -1, 0, -1, 0]);
  });

  it('the identity kernel gives the image back, cropped by one pixel each side', () => {
    const image = Array.from({ length: 28 * 28 }, (_, i) => (i * 37) % 11);
    const { featureMap } = pipeline(image, presetKernel('identity', 3), 3, 2);
    for (let r = 0; r < 26; r += 1) for (let c = 0; c < 26; c += 1) expect(featureMap.values[r * 26 + c]).toBe(image[(r + 1) * 28 + c + 1]);
  });

  it('a vertical stroke lights the vertical-edge map and not the horizontal one', () => {
    const image = new Float32Array(28 * 28);
    for (let r = 4; r < 24; r += 1) image[r * 28 + 14] = 1;
    const vertical = pipeline(image, presetKernel('vertical-edge', 3), 3, 2);
    const horizontal = pipeline(image, presetKernel('horizontal-edge', 3), 3, 2);
    // Map column c sees input columns c…c+2: at c = 14 the stroke is under the left column (weight 1, three
    // rows): 3; at c = 12 under the right one (weight −1): −3; at c = 13 under the middle (0).
    expect(vertical.featureMap.values[10 * 26 + 14]).toBe(3);
    expect(vertical.featureMap.values[10 * 26 + 12]).toBe(-3);
    expect(vertical.featureMap.values[10 * 26 + 13]).toBe(0);
    expect(Math.max(...horizontal.featureMap.values.slice(8 * 26, 20 * 26).map(Math.abs))).toBe(0);
    expect(vertical.pooled.side).toBe(13);
  });
});

describe('parameter counts', () => {
  it('a 5 × 5 kernel has 25 weights (+1 bias); a dense layer 784 × hidden (+hidden biases)', () => {
    expect(parameterCounts(5, 100)).toEqual({ conv: 26, dense: 78_500 });
    expect(parameterCounts(3, 26 * 26)).toEqual({ conv: 10, dense: 784 * 676 + 676 });
    expect(describeExplore({ row: 0, col: 2, sum: 1.5, k: 3, stride: 2, mapSide: 26, pooledSide: 13 })).toBe(
      'window at row 1, column 3: Σ pixel × weight = 1.5 · 28×28 → 26×26 → pool (stride 2) 13×13 · 10 parameters vs 530,660 dense',
    );
  });
});

describe('the PyTorch code', () => {
  it('sets the kernel and names the shapes PyTorch would print', () => {
    const code = explorePytorch(presetKernel('vertical-edge', 3), 3, 2);
    expect(code).toContain('nn.Conv2d(1, 1, kernel_size=3)');
    expect(code).toContain('torch.tensor([[[1, 0, -1],');
    expect(code).toContain('nn.MaxPool2d(2, stride=2)');
    expect(code).toContain('# [1, 1, 26, 26]');
    expect(code).toContain('# [1, 1, 13, 13]');
    // nn.Linear(784, 676): 784·676 weights + 676 biases.
    expect(code).toContain(`# ${784 * 676 + 676}`);
    expect(explorePytorch(presetKernel('box-blur', 5), 5, 1)).toContain('[0.04, 0.04, 0.04, 0.04, 0.04]');
  });
});

describe('settings', () => {
  it('defaults, and a warning naming each bad attribute', () => {
    const { values, warnings } = convSettings.read({ attribute: () => null });
    expect(values).toMatchObject({ digit: 0, kernel: 'vertical-edge', size: 3, stride: 2, mode: 'explore', count: 2000, epochs: 3, seed: 1, weights: [] });
    expect(warnings).toEqual([]);
    const bad = convSettings.read({ attribute: (name) => ({ kernel: 'blur', size: '4', stride: '3', digit: '100', mode: 'train' })[name] ?? null });
    expect(bad.warnings).toEqual([
      'digit="100" is outside 0…99 — using 0',
      'kernel="blur" is not one of identity, box-blur, sharpen, vertical-edge, horizontal-edge, sobel — using vertical-edge',
      'size="4" is not one of 3, 5 — using 3',
      'stride="3" is outside 1…2 — using 2',
      'mode="train" is not one of explore, trained — using explore',
    ]);
  });

  it('weights: k² numbers replace the preset; the wrong count is refused', () => {
    const own = convSettings.read({ attribute: (name) => ({ size: '3', weights: '0,1,0,1,-4,1,0,1,0' })[name] ?? null });
    expect(kernelOf(own.values)).toEqual([0, 1, 0, 1, -4, 1, 0, 1, 0]);
    const wrong = convSettings.read({ attribute: (name) => ({ size: '5', weights: '1,2,3' })[name] ?? null });
    expect(wrong.warnings).toEqual(['weights="1,2,3" needs 25 numbers — using ']);
    expect(kernelOf(wrong.values)).toEqual(presetKernel('vertical-edge', 5));
    // The URL keeps a student's kernel and preset.
    expect(convSettings.urlState({ ...own.values, kernel: 'sobel' }, {})).toMatchObject({ kernel: 'sobel', weights: '0,1,0,1,-4,1,0,1,0' });
  });
});

describe('the window, the pen and the cells', () => {
  it('arrow keys move the window one pixel and stop at the edges', () => {
    expect(moveWindow('ArrowRight', { row: 0, col: 0 }, 25)).toEqual({ row: 0, col: 1 });
    expect(moveWindow('ArrowUp', { row: 0, col: 0 }, 25)).toEqual({ row: 0, col: 0 });
    expect(moveWindow('End', { row: 3, col: 0 }, 25)).toEqual({ row: 3, col: 25 });
    expect(moveWindow('PageDown', { row: 3, col: 4 }, 23)).toEqual({ row: 23, col: 4 });
    expect(moveWindow('a', { row: 3, col: 4 }, 23)).toBeNull();
  });

  it('the pen inks a pixel fully and its four neighbours half; erasing clears them', () => {
    const image = new Float32Array(28 * 28);
    paint(image, 0, 5, true);
    expect([image[5], image[4], image[6], image[28 + 5], image[28 + 6]]).toEqual([1, 0.5, 0.5, 0.5, 0]);
    paint(image, 0, 5, false);
    expect(Math.max(...image)).toBe(0);
  });

  it('cells read with at most two decimals and a true minus', () => {
    expect([formatCell(1 / 9), formatCell(-1), formatCell(0.999), formatCell(-0.001), formatCell(25)]).toEqual(['0.11', '−1', '1', '0', '25']);
  });
});

describe('the trained mode', () => {
  it('is the bench’s cnn-digits; test digits come before training digits', () => {
    const spec = trainedSpec(7);
    expect(spec.model.layers.map((l) => l.type)).toEqual(['conv2d', 'max-pool2d', 'conv2d', 'max-pool2d', 'flatten', 'dense']);
    expect(spec.seed).toBe(7);
    expect(splitRows(2000)).toEqual({ test: [0, 500], train: [500, 2500] });
    expect(accuracy([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]], [1, 1, 1])).toBeCloseTo(2 / 3, 12);
  });

  it('the engine’s first feature maps are ReLU(the kernels it reports ⋆ the digit + bias)', async () => {
    const image = Array.from({ length: 784 }, (_, i) => ((i * 7919) % 101) / 100);
    const trainer = new LayeredTrainer(trainedSpec(3), { inputs: [image, image.map((v) => 1 - v)], targets: [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0]] });
    try {
      trainer.step(2);
      const [layers, maps] = await Promise.all([trainer.readWeights(), trainer.activations(image)]);
      const conv = layers[0]!;
      expect(conv.weight!.shape).toEqual([8, 1, 3, 3]);
      expect(maps[0]!.shape).toEqual([8, 26, 26]);
      for (let filter = 0; filter < 8; filter += 1) {
        const ours = relu(convolve(image, 28, conv.weight!.values.slice(filter * 9, filter * 9 + 9), 3, conv.bias!.values[filter]));
        const engine = maps[0]!.values.slice(filter * 676, (filter + 1) * 676);
        ours.values.forEach((v, i) => expect(engine[i]).toBeCloseTo(v, 4));
      }
    } finally {
      trainer.dispose();
    }
  });
});
