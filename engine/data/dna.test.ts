/** DNA with a planted motif: positives, planted copies, GC content, replay and the lecture's one-hot columns. */
import { describe, expect, it } from 'vitest';
import { BASES, dnaMotifs, LECTURE_ORDER, oneHotInto } from './dna.ts';

const MOTIF = 'GGGACTTTCC';

describe('dnaMotifs', () => {
  it('plants the motif in exactly the asked share of sequences, and nowhere else is a sequence labelled', () => {
    for (const rate of [0, 0.3, 0.5, 1]) {
      const data = dnaMotifs({ count: 1000, length: 50, rate, seed: 1 });
      expect(data.labels.reduce((a, b) => a + b, 0), `rate ${rate}`).toBe(Math.round(rate * 1000));
      data.labels.forEach((label, i) => expect(data.positions[i]! >= 0).toBe(label === 1));
      expect(data.sequences.every((s) => s.length === 50 && /^[ACGT]+$/.test(s))).toBe(true);
    }
  });

  it('puts the motif at its recorded position: intact without mutation, mismatched at the mutation rate (±1 %)', () => {
    const clean = dnaMotifs({ count: 500, length: 40, motif: MOTIF, seed: 2 });
    clean.positions.forEach((at, i) => {
      if (at >= 0) expect(clean.sequences[i]!.slice(at, at + MOTIF.length)).toBe(MOTIF);
    });
    // Positions spread over the whole sequence: first and last start both used.
    const starts = new Set(Array.from(clean.positions).filter((p) => p >= 0));
    expect(starts.has(0) && starts.has(40 - MOTIF.length)).toBe(true);
    for (const mutation of [0.1, 0.25]) {
      const data = dnaMotifs({ count: 4000, length: 30, mutation, rate: 1, seed: 3 });
      let mismatches = 0;
      data.positions.forEach((at, i) => {
        for (let k = 0; k < MOTIF.length; k += 1) if (data.sequences[i]![at + k] !== MOTIF[k]) mismatches += 1;
      });
      expect(Math.abs(mismatches / (4000 * MOTIF.length) - mutation), `mutation ${mutation}`).toBeLessThan(0.01);
    }
  });

  it('draws the background at the asked GC content (±1 %), A = T and G = C', () => {
    for (const gc of [0.3, 0.5, 0.7]) {
      const { sequences } = dnaMotifs({ count: 400, length: 200, rate: 0, gc, seed: 4 });
      const counts = { A: 0, C: 0, G: 0, T: 0 } as Record<string, number>;
      for (const s of sequences) for (const letter of s) counts[letter]! += 1;
      const total = 400 * 200;
      expect(Math.abs((counts.G! + counts.C!) / total - gc), `gc ${gc}`).toBeLessThan(0.01);
      expect(Math.abs(counts.G! - counts.C!) / total).toBeLessThan(0.01);
      expect(Math.abs(counts.A! - counts.T!) / total).toBeLessThan(0.01);
    }
  });

  it('replays: the same seed gives the same sequences, labels and positions; another seed others', () => {
    const options = { count: 50, length: 30, mutation: 0.1, gc: 0.6 };
    const a = dnaMotifs({ ...options, seed: 9 });
    const b = dnaMotifs({ ...options, seed: 9 });
    expect(b.sequences).toEqual(a.sequences);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(b.positions)).toEqual(Array.from(a.positions));
    expect(dnaMotifs({ ...options, seed: 10 }).sequences).not.toEqual(a.sequences);
  });

  it('one-hot encodes every position in the lecture’s columns A, T, G, C: each row sums to 1 and names its base', () => {
    const data = dnaMotifs({ count: 20, length: 25, seed: 5 });
    expect(data.order).toEqual(['A', 'T', 'G', 'C']);
    expect(data.oneHot.length).toBe(20 * 25 * 4);
    data.sequences.forEach((sequence, i) => {
      Array.from(sequence).forEach((letter, position) => {
        const row = Array.from(data.oneHot.subarray((i * 25 + position) * 4, (i * 25 + position + 1) * 4));
        expect(row.reduce((a, b) => a + b)).toBe(1);
        expect(LECTURE_ORDER[row.indexOf(1)]).toBe(letter);
      });
    });
    const into = new Float32Array(8);
    oneHotInto('GA', ['A', 'C', 'G', 'T'], into);
    expect(Array.from(into)).toEqual([0, 0, 1, 0, 1, 0, 0, 0]);
    expect(BASES).toEqual(['A', 'C', 'G', 'T']);
  });

  it('refuses a motif that is not DNA, a sequence shorter than the motif, or a rate outside [0, 1]', () => {
    expect(() => dnaMotifs({ count: 5, length: 30, motif: 'GATXA', seed: 1 })).toThrow(/motif/);
    expect(() => dnaMotifs({ count: 5, length: 5, seed: 1 })).toThrow(/length/);
    expect(() => dnaMotifs({ count: 5, length: 30, rate: 1.5, seed: 1 })).toThrow(/rate/);
    expect(() => dnaMotifs({ count: 5, length: 30, gc: -0.1, seed: 1 })).toThrow(/gc/);
  });
});
