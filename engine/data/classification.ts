/**
 * The TensorFlow Playground's four classification datasets (src/dataset.ts in
 * github.com/tensorflow/playground), seeded. The playground labels classes +1 / −1; here +1 → 1 and
 * −1 → 0, so targets are 0/1 labels ready for a sigmoid and binary cross-entropy.
 * `noise` is the playground's slider as a fraction: 0 to 0.5 (0–50 %).
 */
import type { Random } from '../random.ts';
import { checkNoise, checkSamples, toRandom, type Dataset, type GeneratorOptions } from './dataset.ts';

/** The largest noise the playground's slider allows (50 %). */
export const MAX_CLASSIFICATION_NOISE = 0.5;

/** Radius of the circle dataset's outer ring; the inner disc has radius 2.5, the ring starts at 3.5. */
export const CIRCLE_RADIUS = 5;

/** Half the side of the xor square: x1, x2 ∈ [−5, 5) before padding. */
export const XOR_RADIUS = 5;

/** Gap kept around each axis in xor, so the four quadrants are visibly apart at noise 0. */
export const XOR_PADDING = 0.3;

function classification(inputs: number[][], labels: number[], random: Random): Dataset {
  const order = random.shuffle(inputs.map((_, i) => i));
  // The generators emit one class after the other; shuffle so that any prefix of the rows mixes both.
  return {
    inputs: order.map((i) => inputs[i]!),
    targets: order.map((i) => [labels[i]!]),
    inputNames: ['x1', 'x2'],
    targetNames: ['label'],
    kind: 'classification',
  };
}

function start(samples: number, noise: number, random: GeneratorOptions['random']): Random {
  checkSamples(samples);
  checkNoise(noise, MAX_CLASSIFICATION_NOISE);
  return toRandom(random);
}

/**
 * Circle: half the samples in the inner disc (r ~ U(0, 2.5)), half in the outer ring (r ~ U(3.5, 5)),
 * angle ~ U(0, 2π). Label 1 when the point, jittered by U(−5, 5)·noise per coordinate, lies within
 * radius 2.5, else 0; the stored point is the unjittered one, so noise shows as mislabelled points.
 * Jitter moves inner points out more often than ring points in, so with noise fewer than half are
 * labelled 1 (about 35 % at noise 0.5), exactly as in the playground. With an odd sample count the
 * inner disc gets the extra sample.
 */
export function circle({ samples, noise, random }: GeneratorOptions): Dataset {
  const rng = start(samples, noise, random);
  const inputs: number[][] = [];
  const labels: number[] = [];
  const inner = CIRCLE_RADIUS * 0.5;
  const ring = (count: number, low: number, high: number) => {
    for (let i = 0; i < count; i += 1) {
      const r = rng.between(low, high);
      const angle = rng.between(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = rng.between(-CIRCLE_RADIUS, CIRCLE_RADIUS) * noise;
      const noiseY = rng.between(-CIRCLE_RADIUS, CIRCLE_RADIUS) * noise;
      inputs.push([x, y]);
      labels.push(Math.hypot(x + noiseX, y + noiseY) < inner ? 1 : 0);
    }
  };
  ring(Math.ceil(samples / 2), 0, inner);
  ring(Math.floor(samples / 2), CIRCLE_RADIUS * 0.7, CIRCLE_RADIUS);
  return classification(inputs, labels, rng);
}

/**
 * XOR: x1, x2 ~ U(−5, 5), each pushed 0.3 away from 0 (padding); label 1 when x1·x2 ≥ 0 (first and
 * third quadrants) computed on the point jittered by U(−5, 5)·noise per coordinate, else 0.
 */
export function xor({ samples, noise, random }: GeneratorOptions): Dataset {
  const rng = start(samples, noise, random);
  const inputs: number[][] = [];
  const labels: number[] = [];
  const pad = (v: number) => v + (v > 0 ? XOR_PADDING : -XOR_PADDING);
  for (let i = 0; i < samples; i += 1) {
    const x = pad(rng.between(-XOR_RADIUS, XOR_RADIUS));
    const y = pad(rng.between(-XOR_RADIUS, XOR_RADIUS));
    const noiseX = rng.between(-XOR_RADIUS, XOR_RADIUS) * noise;
    const noiseY = rng.between(-XOR_RADIUS, XOR_RADIUS) * noise;
    inputs.push([x, y]);
    labels.push((x + noiseX) * (y + noiseY) >= 0 ? 1 : 0);
  }
  return classification(inputs, labels, rng);
}

/** The variance of each Gaussian: 0.5 at noise 0 rising linearly to 4 at noise 0.5 (the playground's scale). */
export function gaussianVariance(noise: number): number {
  return 0.5 + (noise / MAX_CLASSIFICATION_NOISE) * (4 - 0.5);
}

/**
 * Two Gaussians: label 1 around (2, 2), label 0 around (−2, −2), each coordinate with variance
 * `gaussianVariance(noise)` (0.5 → 4), so noise widens the clouds until they overlap. With an odd
 * sample count class 1 gets the extra sample.
 */
export function twoGaussians({ samples, noise, random }: GeneratorOptions): Dataset {
  const rng = start(samples, noise, random);
  const deviation = Math.sqrt(gaussianVariance(noise));
  const inputs: number[][] = [];
  const labels: number[] = [];
  const cloud = (count: number, centre: number, label: number) => {
    for (let i = 0; i < count; i += 1) {
      inputs.push([centre + deviation * rng.normal(), centre + deviation * rng.normal()]);
      labels.push(label);
    }
  };
  cloud(Math.ceil(samples / 2), 2, 1);
  cloud(Math.floor(samples / 2), -2, 0);
  return classification(inputs, labels, rng);
}

/**
 * Spiral: two interleaved arms of n samples each; sample i of an arm has r = 5·i/n and angle
 * t = 1.75·2π·i/n + δ (δ = 0 for label 1, π for label 0), at (r·sin t, r·cos t) + U(−1, 1)·noise per
 * coordinate. With an odd sample count the label-1 arm gets the extra sample.
 */
export function spiral({ samples, noise, random }: GeneratorOptions): Dataset {
  const rng = start(samples, noise, random);
  const inputs: number[][] = [];
  const labels: number[] = [];
  const arm = (count: number, delta: number, label: number) => {
    for (let i = 0; i < count; i += 1) {
      const r = (i / count) * 5;
      const t = ((1.75 * i) / count) * 2 * Math.PI + delta;
      inputs.push([r * Math.sin(t) + rng.between(-1, 1) * noise, r * Math.cos(t) + rng.between(-1, 1) * noise]);
      labels.push(label);
    }
  };
  arm(Math.ceil(samples / 2), 0, 1);
  arm(Math.floor(samples / 2), Math.PI, 0);
  return classification(inputs, labels, rng);
}
