/**
 * `<norm-layers>`' maths against independent computations: TF.js's own `tf.moments` and `tf.batchNorm` (CPU
 * backend, float32), hand derivations, and the numbers PyTorch's `nn.BatchNorm1d` (training mode) and
 * `nn.LayerNorm` give, derived here by hand from their documented formulas.
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../../engine/tf.ts';
import {
  activationBatch,
  cellComputation,
  expectedStd,
  groupStats,
  normLayersSettings,
  normalise,
  statsOf,
  type Matrix,
} from './norm-layers.model.ts';

const PARAMETERS = { gamma: 1.7, beta: -0.4, epsilon: 1e-5 };

/** A float32 TF.js matrix as plain rows. */
const rowsOf = (tensor: tf.Tensor) => tensor.arraySync() as number[][];

function expectClose(actual: Matrix, expected: Matrix, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!), `cell (${i}, ${j}): ${v} vs ${expected[i]![j]}`).toBeLessThan(tolerance)));
}

const transpose = (x: Matrix): Matrix => x[0]!.map((_, j) => x.map((row) => row[j]!));

describe('statistics against tf.moments', () => {
  const x = activationBatch(7, 5, 3);
  it('per column (batch norm): the means and the biased variances', () => {
    const { mean, variance } = tf.moments(tf.tensor2d(x), 0);
    const stats = groupStats(x, 'column');
    stats.forEach((s, j) => {
      expect(s.mean).toBeCloseTo((mean.arraySync() as number[])[j]!, 4);
      expect(s.variance).toBeCloseTo((variance.arraySync() as number[])[j]!, 4);
    });
    tf.dispose([mean, variance]);
  });
  it('per row (layer norm, ℓ²): the means, the biased variances and the lengths', () => {
    const t = tf.tensor2d(x);
    const { mean, variance } = tf.moments(t, 1);
    const lengths = tf.norm(t, 'euclidean', 1);
    const stats = groupStats(x, 'row');
    stats.forEach((s, i) => {
      expect(s.mean).toBeCloseTo((mean.arraySync() as number[])[i]!, 4);
      expect(s.variance).toBeCloseTo((variance.arraySync() as number[])[i]!, 4);
      expect(s.length).toBeCloseTo((lengths.arraySync() as number[])[i]!, 4);
    });
    tf.dispose([t, mean, variance, lengths]);
  });
});

describe('batch norm against tf.batchNorm', () => {
  it('normalises each column over the batch with the biased variance, then scales by γ and shifts by β', () => {
    const x = activationBatch(6, 5, 1);
    const t = tf.tensor2d(x);
    const { mean, variance } = tf.moments(t, 0);
    const y = tf.batchNorm(t, mean, variance, tf.fill(mean.shape, PARAMETERS.beta), tf.fill(mean.shape, PARAMETERS.gamma), PARAMETERS.epsilon);
    expectClose(normalise('batch', x, PARAMETERS).output, rowsOf(y), 1e-4);
    tf.dispose([t, mean, variance, y]);
  });

  it('the output columns have mean β and standard deviation γ·σ/√(σ² + ε)', () => {
    const x = activationBatch(9, 4, 12);
    const result = normalise('batch', x, PARAMETERS);
    groupStats(result.output, 'column').forEach((after, j) => {
      expect(after.mean).toBeCloseTo(PARAMETERS.beta, 12);
      const sigma = Math.sqrt(statsOf(x.map((row) => row[j]!)).variance);
      expect(after.std).toBeCloseTo((PARAMETERS.gamma * sigma) / Math.sqrt(sigma * sigma + PARAMETERS.epsilon), 12);
      expect(after.std).toBeCloseTo(expectedStd(result.stats[j]!, PARAMETERS), 12);
    });
  });

  it('uses the biased variance, as nn.BatchNorm1d does in training mode: a batch of two gives ±1, not ±1/√2', () => {
    // Column [a, b]: μ = (a + b)/2, σ² (biased) = ((a − b)/2)², so x̂ = ±d/√(d² + ε) with d = (a − b)/2.
    const x = [[5, -1], [1, 3]];
    const y = normalise('batch', x, { gamma: 1, beta: 0, epsilon: 1e-5 }).output;
    const d0 = 2;
    const d1 = 2;
    expect(y[0]![0]).toBeCloseTo(d0 / Math.sqrt(d0 * d0 + 1e-5), 12);
    expect(y[1]![0]).toBeCloseTo(-d0 / Math.sqrt(d0 * d0 + 1e-5), 12);
    expect(y[0]![1]).toBeCloseTo(-d1 / Math.sqrt(d1 * d1 + 1e-5), 12);
    // The unbiased variance (N − 1 = 1) would give ±1/√2 ≈ ±0.707.
    expect(Math.abs(y[0]![0]!)).toBeGreaterThan(0.99);
  });

  it('gives what nn.BatchNorm1d(1)(torch.tensor([[1.], [2.], [3.]])) gives in training mode: ∓1.2247, 0', () => {
    // μ = 2, σ² = ((−1)² + 0² + 1²)/3 = 2/3, so y = (x − 2)/√(2/3 + 10⁻⁵).
    const y = normalise('batch', [[1], [2], [3]], { gamma: 1, beta: 0, epsilon: 1e-5 }).output.map((row) => row[0]!);
    expect(y[0]).toBeCloseTo(-1.2247357, 6);
    expect(y[1]).toBe(0);
    expect(y[2]).toBeCloseTo(1.2247357, 6);
  });
});

describe('layer norm', () => {
  it('normalises each sample over its features (the last dimension, as nn.LayerNorm(D) does)', () => {
    const x = activationBatch(5, 6, 7);
    const t = tf.tensor2d(x);
    const { mean, variance } = tf.moments(t, 1, true);
    // NOTE - tf.batchNorm broadcasts its statistics along the last axis only (the CPU kernel cycles them), so the
    // per-row formula is written out in TF ops: (x − μ) / √(σ² + ε) · γ + β.
    const xHat = tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, PARAMETERS.epsilon)));
    const y = tf.add(tf.mul(xHat, PARAMETERS.gamma), PARAMETERS.beta);
    expectClose(normalise('layer', x, PARAMETERS).output, rowsOf(y), 1e-4);
    tf.dispose([t, mean, variance, xHat, y]);
  });

  it('is batch norm of the transposed batch', () => {
    const x = activationBatch(4, 7, 2);
    expectClose(transpose(normalise('layer', x, PARAMETERS).output), normalise('batch', transpose(x), PARAMETERS).output, 1e-12);
  });

  it('gives what nn.LayerNorm(3)(torch.tensor([[1., 2., 3.]])) gives: −1.2247, 0, 1.2247, whatever the batch', () => {
    const y = normalise('layer', [[1, 2, 3], [10, 20, 30]], { gamma: 1, beta: 0, epsilon: 1e-5 }).output;
    expect(y[0]![0]).toBeCloseTo(-1.2247357, 6);
    expect(y[0]![1]).toBe(0);
    expect(y[0]![2]).toBeCloseTo(1.2247357, 6);
    // Row 2's σ² = 200/3 ≫ ε: the same pattern to 6 decimals; each row is on its own.
    expect(y[1]![2]).toBeCloseTo(Math.sqrt(1.5), 6);
  });

  it('each output row has mean β and standard deviation γ·σ/√(σ² + ε)', () => {
    const x = activationBatch(6, 5, 4);
    const result = normalise('layer', x, PARAMETERS);
    groupStats(result.output, 'row').forEach((after, i) => {
      expect(after.mean).toBeCloseTo(PARAMETERS.beta, 12);
      expect(after.std).toBeCloseTo(expectedStd(result.stats[i]!, PARAMETERS), 12);
    });
  });
});

describe('ℓ² norm', () => {
  it('divides each row by its Euclidean length (tf.norm): every row has length 1 and keeps its direction', () => {
    const x = activationBatch(6, 5, 9);
    const t = tf.tensor2d(x);
    const y = tf.div(t, tf.norm(t, 'euclidean', 1, true));
    const result = normalise('l2', x, PARAMETERS);
    expectClose(result.output, rowsOf(y), 1e-5);
    result.output.forEach((row, i) => {
      expect(Math.hypot(...row)).toBeCloseTo(1, 12);
      const scale = Math.hypot(...x[i]!);
      row.forEach((v, j) => expect(v * scale).toBeCloseTo(x[i]![j]!, 10));
    });
    tf.dispose([t, y]);
  });

  it('ignores γ and β, and floors the length at ε (F.normalize): a zero row stays zero', () => {
    const y = normalise('l2', [[3, 4], [0, 0]], { gamma: 2, beta: 1, epsilon: 1e-5 }).output;
    expect(y).toEqual([[0.6, 0.8], [0, 0]]);
  });
});

describe('a selected cell’s computation', () => {
  it('reads x, its column’s μ and σ, x̂ = (x − μ)/√(σ² + ε) and y = γx̂ + β (batch norm)', () => {
    const x = [[1, 10], [3, 20], [8, 60]];
    const cell = cellComputation(normalise('batch', x, PARAMETERS), 2, 1);
    // Column 1: 10, 20, 60: μ = 30, σ² = (400 + 100 + 900)/3.
    expect(cell.group).toBe(1);
    expect(cell.x).toBe(60);
    expect(cell.stats.mean).toBe(30);
    expect(cell.stats.variance).toBeCloseTo(1400 / 3, 10);
    expect(cell.xHat).toBeCloseTo(30 / Math.sqrt(1400 / 3 + 1e-5), 12);
    expect(cell.y).toBeCloseTo(1.7 * cell.xHat - 0.4, 12);
  });

  it('reads its row’s statistics for layer norm', () => {
    const cell = cellComputation(normalise('layer', [[1, 10], [3, 20], [8, 60]], PARAMETERS), 2, 1);
    expect(cell.group).toBe(2);
    expect(cell.stats.mean).toBe(34);
    expect(cell.stats.std).toBe(26);
  });
});

describe('the seeded batch', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(activationBatch(6, 5, 1)).toEqual(activationBatch(6, 5, 1));
    expect(activationBatch(6, 5, 2)).not.toEqual(activationBatch(6, 5, 1));
  });

  it('keeps the rows and columns shown when N or D grows', () => {
    const small = activationBatch(4, 3, 5);
    const large = activationBatch(10, 8, 5);
    expect(large.slice(0, 4).map((row) => row.slice(0, 3))).toEqual(small);
  });

  it('has features of visibly different levels and spreads, so batch norm matters', () => {
    const stats = groupStats(activationBatch(16, 12, 1), 'column');
    const stds = stats.map((s) => s.std);
    const means = stats.map((s) => s.mean);
    expect(Math.max(...stds) / Math.min(...stds)).toBeGreaterThan(3);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(2);
  });
});

describe('settings', () => {
  const read = (attributes: Record<string, string>) => normLayersSettings.read({ attribute: (name) => attributes[name] ?? null });

  it('defaults to batch norm on a 6 × 5 batch, γ = 1, β = 0, ε = 10⁻⁵, seed 1', () => {
    expect(read({})).toEqual({
      values: { norm: 'batch', batch: 6, features: 5, gamma: 1, beta: 0, epsilon: 1e-5, seed: 1 },
      written: {},
      warnings: [],
    });
  });

  it('names a bad attribute and falls back to its default', () => {
    const { values, warnings } = read({ norm: 'group', batch: '20', gamma: '-1', beta: 'x' });
    expect(values).toMatchObject({ norm: 'batch', batch: 6, gamma: 1, beta: 0 });
    expect(warnings).toEqual([
      'norm="group" is not one of batch, layer, l2 — using batch',
      'batch="20" is outside 2…16 — using 6',
      'gamma="-1" is outside 0…3 — using 1',
      'beta="x" is not a number — using 0',
    ]);
  });

  it('reads the URL over the attributes', () => {
    const { values } = normLayersSettings.read({ attribute: (name) => (name === 'norm' ? 'layer' : null), url: new Map([['norm', 'l2'], ['gamma', '2.5']]) });
    expect(values).toMatchObject({ norm: 'l2', gamma: 2.5 });
  });
});
