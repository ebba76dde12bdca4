/**
 * `<motif-scan>`'s maths against numbers worked out by hand (log-odds, window sums, entropies), and a short
 * training run on the engine whose reported validation accuracy is recomputed here by a float64 forward pass
 * written out in the test from the weights read back.
 */
import { describe, expect, it } from 'vitest';
import { LayeredTrainer } from '../../engine/layered-trainer.ts';
import { createRandom } from '../../engine/random.ts';
import { useCpuBackend } from '../shared/test-support.ts';
import {
  classificationMetrics,
  consensusOf,
  filterFromConv,
  generatedSequence,
  informationContent,
  logoOf,
  motifScanSettings,
  pwmFromConsensus,
  pwmWeights,
  scanSequence,
  withWeight,
  type Filter,
} from './motif-scan.model.ts';
import { FILTERS, MotifTraining, motifData, motifTrainerSpec } from './motif-scan.training.ts';

useCpuBackend();

// By hand: p(consensus) = (1 + 0.1) / (1 + 4 · 0.1) = 11/14, p(other) = 0.1 / 1.4 = 1/14; log₂(p / 0.25).
const MATCH = Math.log2(44 / 14); // 1.65208
const OTHER = Math.log2(4 / 14); // −1.80735

describe('the PWM of a consensus', () => {
  it('is the log-odds of 11/14 and 1/14 against 1/4, rows A, T, G, C', () => {
    expect(pwmWeights().match).toBeCloseTo(1.6520767, 6);
    expect(pwmWeights().other).toBeCloseTo(-1.8073549, 6);
    const { weights, bias } = pwmFromConsensus('GAT', 3);
    expect(bias).toBe(0);
    // columns A, T, G, C: G at 1, A at 2, T at 3
    expect(weights[0]).toEqual([OTHER, OTHER, MATCH, OTHER].map((w) => expect.closeTo(w, 9)));
    expect(weights[1]).toEqual([MATCH, OTHER, OTHER, OTHER].map((w) => expect.closeTo(w, 9)));
    expect(weights[2]).toEqual([OTHER, MATCH, OTHER, OTHER].map((w) => expect.closeTo(w, 9)));
  });

  it('is centred in a wider filter (zero columns) and keeps the middle of a narrower one', () => {
    const wide = pwmFromConsensus('GAT', 6).weights; // offset ⌊(6 − 3)/2⌋ = 1: 0, G, A, T, 0, 0
    expect(wide[0]).toEqual([0, 0, 0, 0]);
    expect(wide[1]![2]).toBeCloseTo(MATCH, 9);
    expect(wide[4]).toEqual([0, 0, 0, 0]);
    expect(wide[5]).toEqual([0, 0, 0, 0]);
    expect(consensusOf(pwmFromConsensus('GATAAG', 4))).toBe('ATAA'); // offset −1: letters 2…5
  });
});

describe('scanning a sequence', () => {
  // A 2-wide filter by hand: position 1 A +1, C −1; position 2 T +2, G −1; bias −0.5.
  const filter: Filter = { weights: [[1, 0, 0, -1], [0, 2, -1, 0]], bias: -0.5 };

  it('scores every window as bias + the weights of its letters, ReLU keeps the positive part, max-pool the largest', () => {
    // ATGCAT: AT 1 + 2 − 0.5 = 2.5; TG 0 − 1 − 0.5 = −1.5; GC 0 + 0 − 0.5 = −0.5; CA −1 + 0 − 0.5 = −1.5; AT 2.5.
    const scan = scanSequence('ATGCAT', filter);
    expect(scan.scores).toEqual([2.5, -1.5, -0.5, -1.5, 2.5]);
    expect(scan.relu).toEqual([2.5, 0, 0, 0, 2.5]);
    expect(scan.maxScore).toBe(2.5);
    expect(scan.bestPosition).toBe(1); // the first of the ties, 1-based
  });

  it('reports the best window 1-based, and 0 after ReLU when every window scores below zero', () => {
    expect(scanSequence('GGAT', filter).bestPosition).toBe(3); // GG −1.5, GA 0.5, AT 2.5
    const negative = scanSequence('GGAT', { ...filter, bias: -10 });
    expect(negative.maxScore).toBe(0);
    expect(negative.bestPosition).toBe(3);
    expect(scanSequence('A', filter)).toMatchObject({ scores: [], bestPosition: 0, maxScore: 0 });
  });

  it('gives the PWM its largest score, k × 1.652 bits, on the consensus, and a letter that is not a base adds 0', () => {
    const scan = scanSequence('CCGATAAGCC', pwmFromConsensus('GATAAG', 6));
    expect(scan.bestPosition).toBe(3);
    expect(scan.maxScore).toBeCloseTo(6 * MATCH, 9);
    expect(scanSequence('GANAAG', pwmFromConsensus('GATAAG', 6)).maxScore).toBeCloseTo(5 * MATCH, 9);
  });
});

describe('the logo', () => {
  it('has 0 bits for a uniform column, 2 for a certain base and 1 for two equal bases', () => {
    expect(informationContent([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(0, 12);
    expect(informationContent([0, 0, 1, 0])).toBeCloseTo(2, 12);
    expect(informationContent([0.5, 0, 0.5, 0])).toBeCloseTo(1, 12);
  });

  it('reads a PWM column back as its probabilities 11/14 and 1/14, 0.9108 bits, letters p × IC high', () => {
    // H = −(11/14 log₂ 11/14 + 3 · 1/14 log₂ 1/14) = 1.08923, IC = 0.91077 (worked with a calculator).
    const [column] = logoOf(pwmFromConsensus('A', 1));
    expect(column!.probabilities[0]).toBeCloseTo(11 / 14, 9);
    expect(column!.probabilities[1]).toBeCloseTo(1 / 14, 9);
    expect(column!.information).toBeCloseTo(0.91077, 4);
    expect(column!.heights[0]).toBeCloseTo(0.71560, 4);
    expect(column!.heights[3]).toBeCloseTo(0.06505, 4);
    // A zero column is uniform: no letters drawn.
    expect(logoOf({ weights: [[0, 0, 0, 0]], bias: 0 })[0]!.information).toBeCloseTo(0, 12);
    // Weights scaled by 2 (bits per weight): 2^(2 · 1) vs 1 → p = 4/7 and 1/7.
    expect(logoOf({ weights: [[1, 0, 0, 0]], bias: 0 }, 2)[0]!.probabilities[0]).toBeCloseTo(4 / 7, 9);
  });
});

describe('reading the engine’s conv1d weights', () => {
  it('takes filter f of a [out, in, k] weight (PyTorch’s layout) as k columns of A, T, G, C', () => {
    // shape [2, 4, 3]: value = 100·f + 10·c + p, so each entry says where it came from.
    const values = [];
    for (let f = 0; f < 2; f += 1) for (let c = 0; c < 4; c += 1) for (let p = 0; p < 3; p += 1) values.push(100 * f + 10 * c + p);
    const filter = filterFromConv({ shape: [2, 4, 3], values }, [7, 9], 1);
    expect(filter.bias).toBe(9);
    expect(filter.weights).toEqual([
      [100, 110, 120, 130],
      [101, 111, 121, 131],
      [102, 112, 122, 132],
    ]);
  });

  it('clamps an edited weight to ±4', () => {
    expect(withWeight(pwmFromConsensus('GAT', 3), 0, 1, 9).weights[0]![1]).toBe(4);
  });
});

describe('the settings', () => {
  it('default to GATAAG, k = 6, and one generated sequence of 60 with the motif in it', () => {
    const { values, warnings } = motifScanSettings.read({ attribute: () => null });
    expect(warnings).toEqual([]);
    expect(values).toMatchObject({ motif: 'GATAAG', width: 6, count: 1000, length: 60, seed: 1, epochs: 20 });
    expect(values.sequence).toHaveLength(60);
    expect(values.sequence).toContain('GATAAG');
    expect(values.sequence).toBe(generatedSequence('GATAAG', 60, 1));
  });

  it('warn about a bad motif, width, count or sequence, naming it, and fall back', () => {
    const attributes: Record<string, string> = { motif: 'GAXAAG', width: '30', count: '7', sequence: 'ACG' };
    const { values, warnings } = motifScanSettings.read({ attribute: (name) => attributes[name] ?? null });
    expect(warnings).toEqual([
      'motif="GAXAAG" has "X" at position 3, which is not A, C, G or T — using GATAAG',
      'width="30" is outside 3…20 — using 6',
      'count="7" is outside 100…5000 — using 1000',
      `sequence="ACG" has 3 letters, not 6…200 — using ${generatedSequence('GATAAG', 60, 1)}`,
    ]);
    expect(values).toMatchObject({ motif: 'GATAAG', width: 6, count: 1000 });
  });

  it('make the width follow a written motif, and read a sequence in any case', () => {
    const attributes: Record<string, string> = { motif: 'tgactca', sequence: 'acgtacgtac' };
    const { values } = motifScanSettings.read({ attribute: (name) => attributes[name] ?? null });
    expect(values).toMatchObject({ motif: 'TGACTCA', width: 7, sequence: 'ACGTACGTAC' });
  });
});

describe('classification numbers', () => {
  it('are the mean binary cross-entropy and the share right at 0.5', () => {
    // −(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.7)/4, by hand: (0.10536 + 0.22314 + 0.91629 + 0.35667)/4 = 0.40037
    const { loss, accuracy } = classificationMetrics([0.9, 0.2, 0.4, 0.3], [1, 0, 1, 0]);
    expect(loss).toBeCloseTo(0.40037, 4);
    expect(accuracy).toBe(0.75);
  });
});

describe('training on the engine', () => {
  it('lifts the validation accuracy, recomputed here from the weights, and its best filter scores the motif above random 6-mers', async () => {
    const settings = { motif: 'GATAAG', width: 6, count: 300, length: 30, seed: 1, epochs: 8 };
    const data = motifData(settings);
    expect(data.train.inputs).toHaveLength(240);
    expect(data.validation.inputs).toHaveLength(60);
    const run = new MotifTraining(new LayeredTrainer(motifTrainerSpec(settings), data.train), data, settings.epochs);
    await run.readBack();
    while (run.canContinue) {
      run.advance();
      await run.readBack();
    }
    const picture = run.picture!;
    expect(picture.history.map((r) => r.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const last = picture.history.at(-1)!;
    expect(last.accuracy).toBeGreaterThan(picture.history[0]!.accuracy);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.9);

    // The accuracy again, in float64 from the read weights: conv (channels first, A T G C) → ReLU → max → dense → σ.
    const [conv, , , dense] = await run.trainer.readWeights();
    const w = conv!.weight!.values;
    const b = conv!.bias!.values;
    const k = 6;
    let correct = 0;
    data.validation.inputs.forEach((sample, i) => {
      let z = dense!.bias!.values[0]!;
      for (let f = 0; f < FILTERS; f += 1) {
        let best = 0;
        for (let start = 0; start + k <= 30; start += 1) {
          let s = b[f]!;
          for (let c = 0; c < 4; c += 1) for (let p = 0; p < k; p += 1) s += w[(f * 4 + c) * k + p]! * sample[c * 30 + start + p]!;
          best = Math.max(best, s);
        }
        z += dense!.weight!.values[f]! * best;
      }
      if ((z > 0 ? 1 : 0) === data.validation.labels[i]) correct += 1;
    });
    expect(correct / 60).toBeCloseTo(last.accuracy, 6);

    expect(consensusOf(picture.filters[picture.shown]!)).toBe('GATAAG');

    // The filter drawn scores the planted motif above 95 % of random 6-mers.
    const shown = picture.filters[picture.shown]!;
    const random = createRandom(9);
    const kmers = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => 'ACGT'[random.integer(4)]).join(''));
    const scores = kmers.map((kmer) => scanSequence(kmer, shown).scores[0]!).sort((a, b) => a - b);
    const motifScore = Math.max(...scanSequence('AAGATAAGAA', shown).scores);
    expect(motifScore).toBeGreaterThan(scores[Math.floor(0.95 * scores.length)]!);
    run.dispose();
  }, 240_000);
});
