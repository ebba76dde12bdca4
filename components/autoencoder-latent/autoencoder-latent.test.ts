/**
 * `<autoencoder-latent>`'s maths against independent numbers: the principal components against numpy's SVD
 * (fixtures/pca.fixture.json, made by fixtures/make_pca_fixture.py) and, on real digits, against the eigen
 * equation C v = λ v written out here; the palette's colour-blind safety measured with the Machado et al. (2009)
 * simulation matrices and CIELAB distances written out here; the settings table's ranges and warnings; the
 * trainer spec against the lecture's architecture; an autoencoder really learning digits on the engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mnistDigits } from '../../engine/data/mnist/index.ts';
import { LayeredTrainer } from '../../engine/layered-trainer.ts';
import { useCpuBackend } from '../shared/test-support.ts';
import {
  DIGIT_COLOURS,
  PIXELS,
  autoencoderSettings,
  autoencoderSpec,
  digitNoise,
  digitPixels,
  dotsPath,
  planeExtent,
  squaredError,
} from './autoencoder-latent.model.ts';
import { principalComponents, project, reconstruct, symmetricEigen } from './autoencoder-latent.pca.ts';

useCpuBackend();

interface PcaFixture {
  count: number;
  dimension: number;
  rows: number[];
  mean: number[];
  components: number[][];
  variances: number[];
  totalVariance: number;
  scores: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pca.fixture.json', import.meta.url), 'utf8')) as PcaFixture;

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('principal components', () => {
  it('match numpy’s SVD of the centred rows: components (up to sign), variances and scores', () => {
    const { count, dimension, rows } = fixture;
    const pca = principalComponents(rows, count, dimension);
    pca.mean.forEach((value, j) => expect(value).toBeCloseTo(fixture.mean[j]!, 10));
    expect(pca.totalVariance).toBeCloseTo(fixture.totalVariance, 9);
    [0, 1].forEach((k) => {
      expect(pca.variances[k]).toBeCloseTo(fixture.variances[k]!, 8);
      // A component is defined up to its sign: |v · v_numpy| = 1.
      expect(Math.abs(dot(pca.components[k]!, fixture.components[k]!))).toBeCloseTo(1, 9);
    });
    const scores = project(rows, count, pca);
    const signs = [0, 1].map((k) => Math.sign(dot(pca.components[k]!, fixture.components[k]!)));
    fixture.scores.forEach((row, i) => row.forEach((score, k) => expect(scores[i * 2 + k]! * signs[k]!).toBeCloseTo(score, 4)));
  });

  it('on 500 real digits: C v = λ v, the two largest eigenvalues, orthonormal, and the share of variance is small', async () => {
    const digits = await mnistDigits({ count: 500, seed: 3 });
    const pca = principalComponents(digits.images, digits.count, PIXELS);
    // The covariance written out here, dense, from its definition: Σ (x − x̄)(x − x̄)ᵀ / (n − 1).
    const n = digits.count;
    const mean = new Float64Array(PIXELS);
    for (let i = 0; i < n; i += 1) for (let j = 0; j < PIXELS; j += 1) mean[j]! += digits.images[i * PIXELS + j]! / n;
    const centred = Float64Array.from(digits.images, (value, index) => value - mean[index % PIXELS]!);
    const times = (v: Float64Array) => {
      const out = new Float64Array(PIXELS);
      for (let i = 0; i < n; i += 1) {
        const row = centred.subarray(i * PIXELS, (i + 1) * PIXELS);
        const along = dot(row, v) / (n - 1);
        for (let j = 0; j < PIXELS; j += 1) out[j]! += along * row[j]!;
      }
      return out;
    };
    mean.forEach((value, j) => expect(pca.mean[j]).toBeCloseTo(value, 10));
    pca.components.forEach((v, k) => {
      const cv = times(v);
      const residual = Math.sqrt(cv.reduce((sum, value, i) => sum + (value - pca.variances[k]! * v[i]!) ** 2, 0));
      expect(residual / pca.variances[k]!).toBeLessThan(1e-6);
      expect(dot(v, v)).toBeCloseTo(1, 10);
    });
    expect(Math.abs(dot(pca.components[0]!, pca.components[1]!))).toBeLessThan(1e-9);
    expect(pca.variances[0]).toBeGreaterThan(pca.variances[1]!);
    // The top two are the largest: a power iteration deflated by them finds nothing bigger (Rayleigh quotient of a random vector).
    let v = Float64Array.from({ length: PIXELS }, (_, i) => Math.cos(i * 1.7));
    for (let iteration = 0; iteration < 60; iteration += 1) {
      for (const c of pca.components) {
        const along = dot(v, c);
        v = v.map((value, i) => value - along * c[i]!);
      }
      const cv = times(v);
      const norm = Math.sqrt(dot(cv, cv));
      v = cv.map((value) => value / norm);
    }
    expect(dot(v, times(v))).toBeLessThanOrEqual(pca.variances[1]! * (1 + 1e-9));
    // Two directions of 784 explain a fifth of the variance or less: why the code is a map, not a copy.
    const share = (pca.variances[0]! + pca.variances[1]!) / pca.totalVariance;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.3);
    // The linear decoder at the origin of the plane is the mean digit.
    reconstruct([0, 0], pca).forEach((value, j) => expect(value).toBeCloseTo(Math.min(1, Math.max(0, pca.mean[j]!)), 6));
  });

  it('Jacobi finds the eigenvalues of a 2 × 2 in closed form', () => {
    // [[2, 1], [1, 2]]: λ = 3 (1, 1)/√2 and 1 (1, −1)/√2.
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0]! * vectors[2]!).toBeGreaterThan(0);
  });
});

/** sRGB '#rrggbb' → linear RGB. */
function linear(hex: string): number[] {
  return [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
}

/** Linear RGB → CIELAB (D65). */
function lab([r, g, b]: number[]): number[] {
  const xyz = [0.4124 * r! + 0.3576 * g! + 0.1805 * b!, 0.2126 * r! + 0.7152 * g! + 0.0722 * b!, 0.0193 * r! + 0.1192 * g! + 0.9505 * b!];
  const white = [0.95047, 1, 1.08883];
  const f = xyz.map((v, i) => {
    const t = v / white[i]!;
    return t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29;
  });
  return [116 * f[1]! - 16, 500 * (f[0]! - f[1]!), 200 * (f[1]! - f[2]!)];
}

/** Machado, Oliveira and Fernandes (2009), severity 1.0, in linear RGB. */
const SIMULATIONS: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

describe('the digit palette', () => {
  it('has ten distinct colours that stay ΔE ≥ 15 apart under every common colour-vision deficiency, and visible on white', () => {
    expect(DIGIT_COLOURS).toHaveLength(10);
    expect(new Set(DIGIT_COLOURS).size).toBe(10);
    for (const [name, m] of Object.entries(SIMULATIONS)) {
      const seen = DIGIT_COLOURS.map((hex) => {
        const c = linear(hex);
        return lab(m.map((row) => Math.min(1, Math.max(0, row[0]! * c[0]! + row[1]! * c[1]! + row[2]! * c[2]!))));
      });
      let closest = Infinity;
      for (let a = 0; a < 10; a += 1) for (let b = a + 1; b < 10; b += 1) closest = Math.min(closest, Math.hypot(...seen[a]!.map((v, i) => v - seen[b]![i]!)));
      expect(closest, name).toBeGreaterThanOrEqual(15);
    }
    // Every dot stands out from the white plot: lightness below 85 (the dots also get a thin dark edge).
    DIGIT_COLOURS.forEach((hex) => expect(lab(linear(hex))[0]).toBeLessThan(85));
  });
});

describe('settings', () => {
  const read = (attributes: Record<string, string>) => autoencoderSettings.read({ attribute: (name) => attributes[name] });

  it('defaults to the lecture’s network on 2000 digits, no noise, 20 epochs', () => {
    const { values, warnings } = read({});
    expect(values).toEqual({ count: 2000, hiddenUnits: 128, noise: 0, noiseKind: 'gaussian', pca: false, epochs: 20, seed: 1 });
    expect(warnings).toEqual([]);
  });

  it('reads every attribute, and warns (naming it) and falls back when one is out of range', () => {
    const good = read({ count: '500', units: '64', noise: '0.5', 'noise-kind': 'MASK', pca: '', epochs: '3', seed: '7' });
    expect(good.values).toEqual({ count: 500, hiddenUnits: 64, noise: 0.5, noiseKind: 'mask', pca: true, epochs: 3, seed: 7 });
    const bad = read({ count: '100', units: 'many', noise: '1.5', 'noise-kind': 'salt', pca: 'maybe', epochs: '0' });
    expect(bad.values).toMatchObject({ count: 2000, hiddenUnits: 128, noise: 0, noiseKind: 'gaussian', pca: false, epochs: 20 });
    const text = bad.warnings.join(' | ');
    for (const name of ['count="100"', 'units="many"', 'noise="1.5"', 'noise-kind="salt"', 'pca="maybe"', 'epochs="0"']) expect(text).toContain(name);
  });
});

describe('the model', () => {
  it('is the lecture’s 784 → 128 → 2 → 128 → 784, BCE, Adam 1e-3, batch 64, and its noise is mnistDigits’', () => {
    const spec = autoencoderSpec({ hiddenUnits: 128, seed: 1 });
    expect(spec.model.layers.map((layer) => ('units' in layer ? layer.units : 0))).toEqual([128, 2, 128, 784]);
    expect(spec.model.layers.map((layer) => ('activation' in layer ? layer.activation : undefined))).toEqual(['relu', undefined, 'relu', undefined]);
    expect(spec).toMatchObject({ loss: 'bce', model: { input: [784], output: 'sigmoid' }, optimizer: { kind: 'adam', learningRate: 0.001 }, batching: { size: 64 } });
    expect(digitNoise({ noise: 0, noiseKind: 'mask' })).toBeUndefined();
    expect(digitNoise({ noise: 0.3, noiseKind: 'gaussian' })).toEqual({ kind: 'gaussian', sigma: 0.3 });
    expect(digitNoise({ noise: 0.3, noiseKind: 'mask' })).toEqual({ kind: 'mask', fraction: 0.3 });
  });

  it('learns: on 200 digits the BCE falls and ‖x − x̂‖² of a digit shrinks, and the code is two numbers per digit', async () => {
    const digits = await mnistDigits({ count: 200, seed: 2 });
    const rows = Array.from({ length: digits.count }, (_, i) => Array.from(digits.images.subarray(i * PIXELS, (i + 1) * PIXELS)));
    const trainer = new LayeredTrainer(autoencoderSpec({ hiddenUnits: 16, seed: 1 }), { inputs: rows, targets: rows });
    const [before] = await trainer.predict([rows[0]!]);
    trainer.step(4);
    const first = (await trainer.readBack())!.loss;
    trainer.step(4 * 15);
    const later = (await trainer.readBack())!.loss;
    expect(later).toBeLessThan(first * 0.9);
    const [after] = await trainer.predict([rows[0]!]);
    expect(squaredError(rows[0]!, after!)).toBeLessThan(squaredError(rows[0]!, before!));
    const codes = await trainer.runLayers(0, 2, digits.images);
    expect(codes).toHaveLength(200);
    expect(codes.every((code) => code.length === 2 && code.every(Number.isFinite))).toBe(true);
    trainer.dispose();
  });
});

describe('drawing helpers', () => {
  it('frames the points with a margin, and an empty set as [−1, 1]²', () => {
    expect(planeExtent([0, 0, 10, 5], 2, 0.1)).toEqual([[-1, 11], [-0.5, 5.5]]);
    expect(planeExtent([], 0)).toEqual([[-1, 1], [-1, 1]]);
  });

  it('draws one closed circle per finite point, and digits dark on white', () => {
    expect(dotsPath([10, Number.NaN], [20, 1], 3)).toBe('M7.0 20.0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0');
    expect(Array.from(digitPixels([0, 1, 0.5]))).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
    expect(squaredError([1, 0, 0.5], [0, 0, 0])).toBeCloseTo(1.25, 12);
  });
});
