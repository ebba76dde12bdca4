/**
 * The maths of `<autoencoder-latent>`: the lecture's 784 → h → 2 → h → 784 autoencoder, x̂ = g(f(x)), on real
 * MNIST digits (the bench's spec, bench/layered-workloads.ts: ReLU, a linear 2-D code, sigmoid outputs, binary
 * cross-entropy on the pixels, Adam 1e-3, minibatches of 64), optionally trained as a denoising autoencoder
 * (noisy input, clean target). Pure: the settings table, the trainer spec, the noise, the digit palette, the
 * latent plane's extent and the pictures' pixels. The PCA beside it is autoencoder-latent.pca.ts.
 */
import type { DigitNoise } from '../../engine/data/mnist/index.ts';
import { REFERENCE_TRAINING, autoencoderSpec as architectureSpec } from '../../engine/architectures.ts';
import type { LayeredTrainerSpec } from '../../engine/layered-trainer.ts';
import { boolean, choice, defineSettings, number, seed, wholeNumber } from '../shared/runtime/settings.ts';

/** How the input is corrupted for a denoising autoencoder. */
export const NOISE_KINDS = ['gaussian', 'mask'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** What the noise slider means for each kind. */
export const NOISE_LABELS: Record<NoiseKind, string> = { gaussian: 'Gaussian σ', mask: 'masked share' };

/** The pixels of one digit: 28 × 28. */
export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** The code: two numbers, so it can be drawn as a plane. */
export const LATENT = 2;
/** The reference network's minibatch (engine/architectures.ts). */
export const BATCH_SIZE = REFERENCE_TRAINING.batching.size;
/** The layer whose output is the code: f = layers 0…1, g = layers 2…3. */
export const CODE_LAYER = 2;
export const LAYERS = 4;

export const autoencoderSettings = defineSettings({
  count: { attribute: 'count', parse: wholeNumber({ min: 200, max: 5000 }), default: 2000 },
  // NOT `hidden`: that is HTML's global attribute (it hides the element) and HTMLElement's own property.
  hiddenUnits: { attribute: 'units', property: 'hiddenUnitsText', parse: wholeNumber({ min: 8, max: 512 }), default: 128 },
  noise: { attribute: 'noise', parse: number({ min: 0, max: 1 }), default: 0 },
  noiseKind: { attribute: 'noise-kind', parse: choice(NOISE_KINDS), default: 'gaussian' as NoiseKind },
  pca: { attribute: 'pca', parse: boolean(), default: false },
  epochs: { attribute: 'epochs', parse: wholeNumber({ min: 1, max: 500 }), default: 20 },
  seed: { attribute: 'seed', parse: seed(), default: 1 },
});

/** Everything a run depends on, in the lecture's words. */
export interface AutoencoderSettings {
  /** Digits trained on (class-balanced, seeded). */
  count: number;
  /** Units of each hidden layer, encoder and decoder. */
  hiddenUnits: number;
  /** σ of the Gaussian noise, or the share of pixels masked; 0 trains a plain autoencoder. */
  noise: number;
  noiseKind: NoiseKind;
  /** Show the linear 2-D projection (PCA) beside the code. */
  pca: boolean;
  /** The epoch budget. */
  epochs: number;
  seed: number;
}

/** The noise `mnistDigits` corrupts the inputs with, or none at 0. */
export function digitNoise({ noise, noiseKind }: Pick<AutoencoderSettings, 'noise' | 'noiseKind'>): DigitNoise | undefined {
  if (!(noise > 0)) return undefined;
  return noiseKind === 'mask' ? { kind: 'mask', fraction: noise } : { kind: 'gaussian', sigma: noise };
}

/** The trainer: encoder f = 784 → h (ReLU) → 2, decoder g = 2 → h (ReLU) → 784, sigmoid output, BCE, Adam 1e-3, batch 64. */
export function autoencoderSpec(settings: Pick<AutoencoderSettings, 'hiddenUnits' | 'seed'>): LayeredTrainerSpec {
  return architectureSpec({ hidden: settings.hiddenUnits, seed: settings.seed, name: 'autoencoder-latent' });
}

/**
 * Ten colours for the ten digits, safe for the common colour-vision deficiencies: Paul Tol's "muted" scheme
 * (9 colours, personal.sron.nl/~pault) and black for 9. Under simulated deuteranopia, protanopia and tritanopia
 * every pair stays at least ΔE 15 apart (the test measures it). Drawn on a white plot, with a legend naming each.
 */
export const DIGIT_COLOURS: readonly string[] = ['#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#cc6677', '#882255', '#aa4499', '#000000'];

/** A plane's extent [[z1 low, z1 high], [z2 low, z2 high]] around `count` points (x, y pairs), with a margin; never empty. */
export function planeExtent(points: ArrayLike<number>, count: number, margin = 0.08): [[number, number], [number, number]] {
  const low = [Infinity, Infinity];
  const high = [-Infinity, -Infinity];
  for (let i = 0; i < count; i += 1) {
    for (let axis = 0; axis < 2; axis += 1) {
      const value = points[i * 2 + axis]!;
      if (!Number.isFinite(value)) continue;
      low[axis] = Math.min(low[axis]!, value);
      high[axis] = Math.max(high[axis]!, value);
    }
  }
  return [0, 1].map((axis) => {
    if (!(low[axis]! <= high[axis]!)) return [-1, 1];
    const span = Math.max(high[axis]! - low[axis]!, 1e-3);
    return [low[axis]! - span * margin, high[axis]! + span * margin];
  }) as [[number, number], [number, number]];
}

/** One SVG path of small circles (radius `r`) at the given screen points: a class's dots in one element. */
export function dotsPath(xs: readonly number[], ys: readonly number[], r: number): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; i += 1) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    parts.push(`M${(x - r).toFixed(1)} ${y.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
  }
  return parts.join('');
}

/** RGBA pixels of a digit image (values 0 = background … 1 = ink): ink dark on white, as printed. */
export function digitPixels(values: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i += 1) {
    const shade = Math.round(255 * (1 - Math.min(1, Math.max(0, values[i]!))));
    pixels[i * 4] = shade;
    pixels[i * 4 + 1] = shade;
    pixels[i * 4 + 2] = shade;
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}

/** ‖x − x̂‖², the lecture's reconstruction error of one image against its clean original. */
export function squaredError(original: ArrayLike<number>, reconstruction: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < original.length; i += 1) sum += (original[i]! - reconstruction[i]!) ** 2;
  return sum;
}

/** The settings in one line for the slide: the architecture and the task. */
export function describeModel(settings: AutoencoderSettings): string {
  const h = settings.hiddenUnits;
  // Short enough to stay on one line under the plane (a second line ran into the slide number).
  const task = settings.noise > 0 ? `denoising ${settings.noiseKind === 'mask' ? `${Math.round(settings.noise * 100)}\u00a0% masked` : `σ\u00a0=\u00a0${settings.noise}`}` : 'plain';
  return `784 → ${h} → 2 → ${h} → 784 · ${settings.count} digits · ${task}`;
}
