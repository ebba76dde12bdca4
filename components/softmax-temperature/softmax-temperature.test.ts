import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/random.ts';
import {
  chiSquare,
  entropyNats,
  formatNumber,
  logSoftmax,
  natsToBits,
  parseSoftmaxAttributes,
  sampleCounts,
  sliderPosition,
  softmax,
  temperatureAt,
} from './softmax-temperature.model.ts';

const attributes = (overrides: Partial<Record<string, string>> = {}) => ({ logits: null, labels: null, temperature: null, samples: null, seed: null, ...overrides });

describe('softmax(z / T)', () => {
  it('matches hand-computed values', () => {
    // e^0 : e^(ln 2) : e^(ln 3) = 1 : 2 : 3.
    const p = softmax([0, Math.log(2), Math.log(3)]);
    [1 / 6, 2 / 6, 3 / 6].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 15));
    // The default logits 2, 1, 0.1: e² / (e² + e + e^0.1) = 7.389056 / 11.212509 = 0.659001…
    const q = softmax([2, 1, 0.1]);
    [0.6590011388859679, 0.24243297070471392, 0.09856589040931818].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 14));
  });

  it('T divides the logits: softmax(z, T) = softmax(z / T), computed by hand', () => {
    // T = 2: logits 1, 0.5, 0.05; e¹ = 2.718282, e^0.5 = 1.648721, e^0.05 = 1.051271, sum 5.418274.
    const warm = softmax([2, 1, 0.1], 2);
    [2.718281828459045 / 5.418274195, 1.6487212707001282 / 5.418274195, 1.0512710963760241 / 5.418274195].forEach((expected, i) => expect(warm[i]).toBeCloseTo(expected, 9));
    [0.501687757090437, 0.30428900627781413, 0.1940232366317488].forEach((expected, i) => expect(warm[i]).toBeCloseTo(expected, 14));
    // T = 0.5: logits 4, 2, 0.2; e⁴ = 54.598150, e² = 7.389056, e^0.2 = 1.221403, sum 63.208609.
    const cold = softmax([2, 1, 0.1], 0.5);
    [54.598150033144236 / 63.208609, 7.38905609893065 / 63.208609, 1.2214027581601699 / 63.208609].forEach((expected, i) => expect(cold[i]).toBeCloseTo(expected, 8));
    cold.forEach((p, i) => expect(p).toBeCloseTo(softmax([4, 2, 0.2])[i]!, 15));
    // T > 1 flattens, T < 1 sharpens, against T = 1 (0.659 on the top class).
    expect(warm[0]).toBeLessThan(softmax([2, 1, 0.1])[0]!);
    expect(cold[0]).toBeGreaterThan(softmax([2, 1, 0.1])[0]!);
  });

  it('T → 0 gives one-hot on the largest logit, large T gives uniform', () => {
    const sharp = softmax([2, 1, 0.1, 1.9], 0.001);
    expect(sharp[0]).toBeCloseTo(1, 12);
    expect(Math.max(...sharp.slice(1))).toBeLessThan(1e-40);
    const flat = softmax([2, 1, 0.1, -5], 1e9);
    for (const p of flat) expect(Math.abs(p - 0.25)).toBeLessThan(1e-8);
    // Monotone in between: the top class gains as T falls.
    const top = [100, 10, 2, 1, 0.5, 0.2, 0.1].map((t) => softmax([2, 1, 0.1], t)[0]!);
    for (let i = 1; i < top.length; i += 1) expect(top[i]!).toBeGreaterThan(top[i - 1]!);
  });

  it('is numerically stable for huge logits (a naive e^z overflows to Infinity / Infinity = NaN)', () => {
    const naive = (z: number[]) => z.map((v) => Math.exp(v) / z.reduce((s, w) => s + Math.exp(w), 0));
    expect(naive([1000, 999, 998]).some(Number.isNaN)).toBe(true);
    const p = softmax([1000, 999, 998]);
    const q = softmax([2, 1, 0]);
    p.forEach((pi, i) => expect(pi).toBeCloseTo(q[i]!, 14));
    const low = softmax([-1000, -1001, -1002]);
    low.forEach((pi, i) => expect(pi).toBeCloseTo(q[i]!, 14));
    expect(softmax([1000, -1000, 0], 0.1)).toEqual([1, 0, 0]);
    expect(logSoftmax([1000, -1000])[1]).toBeCloseTo(-2000, 9);
  });

  it('probabilities sum to 1', () => {
    const random = createRandom(5);
    for (let trial = 0; trial < 50; trial += 1) {
      const z = Array.from({ length: 3 + random.integer(4) }, () => random.between(-20, 20));
      const sum = softmax(z, random.between(0.01, 100)).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 14);
    }
  });
});

describe('entropy', () => {
  it('matches −Σ p log p computed by hand for the default logits', () => {
    expect(entropyNats([2, 1, 0.1])).toBeCloseTo(0.846738178760252, 14);
    expect(natsToBits(entropyNats([2, 1, 0.1]))).toBeCloseTo(1.2215849714287683, 14);
  });

  it('lies in 0…log K: log K for equal logits, 0 for one-hot, no NaN from p = 0', () => {
    expect(entropyNats([3, 3, 3, 3])).toBeCloseTo(Math.log(4), 15);
    expect(natsToBits(entropyNats([1, 1, 1, 1, 1, 1]))).toBeCloseTo(Math.log2(6), 14);
    expect(entropyNats([1000, -1000, 0], 0.1)).toBe(0);
    const random = createRandom(9);
    for (let trial = 0; trial < 100; trial += 1) {
      const k = 3 + random.integer(4);
      const z = Array.from({ length: k }, () => random.between(-10, 10));
      const h = entropyNats(z, 10 ** random.between(-2, 2));
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(Math.log(k) + 1e-12);
    }
  });

  it('falls as T falls (the distribution sharpens)', () => {
    const hs = [100, 10, 1, 0.1].map((t) => entropyNats([2, 1, 0.1], t));
    expect(hs[0]).toBeCloseTo(Math.log(3), 3);
    for (let i = 1; i < hs.length; i += 1) expect(hs[i]!).toBeLessThan(hs[i - 1]!);
  });
});

describe('sampling', () => {
  it('is deterministic for a seed and draws exactly n', () => {
    const p = softmax([2, 1, 0.1]);
    const a = sampleCounts(p, 1000, createRandom(1));
    expect(sampleCounts(p, 1000, createRandom(1))).toEqual(a);
    expect(sampleCounts(p, 1000, createRandom(2))).not.toEqual(a);
    expect(a.reduce((x, y) => x + y, 0)).toBe(1000);
  });

  it('frequencies converge to p: χ² below the 0.999 quantile, each within 4 standard errors', () => {
    // χ² quantiles at 0.999 for 2…5 degrees of freedom (published tables).
    const critical: Record<number, number> = { 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515 };
    const cases: Array<[number[], number]> = [[[2, 1, 0.1], 1], [[0.5, -1, 2, 0], 2], [[1, 1, 1, 1, 3], 0.7], [[3, 2, 1, 0, -1, -2], 1.5]];
    for (const [seed, [z, t]] of cases.entries()) {
      const p = softmax(z, t);
      const n = 100000;
      const counts = sampleCounts(p, n, createRandom(seed + 1));
      expect(chiSquare(counts, p)).toBeLessThan(critical[z.length - 1]!);
      counts.forEach((count, i) => {
        const se = Math.sqrt((p[i]! * (1 - p[i]!)) / n);
        expect(Math.abs(count / n - p[i]!)).toBeLessThan(4 * se + 1e-12);
      });
    }
  });

  it('a wrong sampler fails the χ² test (the test can fail)', () => {
    const p = softmax([2, 1, 0.1]);
    const uniformCounts = sampleCounts([1 / 3, 1 / 3, 1 / 3], 10000, createRandom(1));
    expect(chiSquare(uniformCounts, p)).toBeGreaterThan(13.816);
  });

  it('a one-hot p gives every draw to its class', () => {
    expect(sampleCounts([0, 1, 0], 500, createRandom(3))).toEqual([0, 500, 0]);
  });
});

describe('the T slider and the attributes', () => {
  it('the slider is log₁₀ T: position 0 is T = 1, −2 is 0.01, 2 is 100', () => {
    expect(temperatureAt(0)).toBe(1);
    expect(temperatureAt(-2)).toBe(0.01);
    expect(temperatureAt(1)).toBe(10);
    expect(temperatureAt(2)).toBe(100);
    expect(temperatureAt(0.05)).toBe(1.122);
    expect(sliderPosition(0.1)).toBeCloseTo(-1, 15);
  });

  it('defaults: logits 2, 1, 0.1, T = 1, 100 samples, seed 1', () => {
    const { config, warnings } = parseSoftmaxAttributes(attributes());
    expect(warnings).toEqual([]);
    expect(config).toEqual({ logits: [2, 1, 0.1], labels: ['class 1', 'class 2', 'class 3'], temperature: 1, samples: 100, seed: 1 });
  });

  it('reads logits, labels, T, samples and seed', () => {
    const { config, warnings } = parseSoftmaxAttributes(attributes({ logits: '1000, 999, 998, 0', labels: 'cat,dog,bird,fish', temperature: '0.5', samples: '1000', seed: '7' }));
    expect(warnings).toEqual([]);
    expect(config).toEqual({ logits: [1000, 999, 998, 0], labels: ['cat', 'dog', 'bird', 'fish'], temperature: 0.5, samples: 1000, seed: 7 });
  });

  it('each bad value is named in a warning and falls back to its default', () => {
    const cases: Array<[Partial<Record<string, string>>, string]> = [
      [{ logits: '1,2' }, 'logits="1,2" has 2 classes, not 3…6'],
      [{ logits: '1,2,3,4,5,6,7' }, 'logits="1,2,3,4,5,6,7" has 7 classes'],
      [{ logits: '1,x,3' }, 'logits="1,x,3" is not a comma list of numbers'],
      [{ logits: '1,2,1e6' }, 'logits="1,2,1e6" has a logit outside −1000…1000'.replace('−', '-')],
      [{ labels: 'cat,dog' }, 'labels="cat,dog" needs 3 names'],
      [{ temperature: '0' }, 'temperature="0" is outside 0.01…100'],
      [{ samples: '2.5' }, 'samples="2.5" is not a whole number'],
      [{ seed: 'abc' }, 'seed="abc" is not a number'],
    ];
    for (const [overrides, message] of cases) {
      const { config, warnings } = parseSoftmaxAttributes(attributes(overrides));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(message);
      expect(config).toEqual(parseSoftmaxAttributes(attributes()).config);
    }
  });

  it('numbers are written with a true minus sign', () => {
    expect(formatNumber(-1.5)).toBe('−1.500');
    expect(formatNumber(-0.0001)).toBe('0.000');
  });
});
