/**
 * The unit's question — can a CNN find a regulatory motif in DNA? — answered on the shipped generator:
 * sequences from `dnaMotifs` with NF-κB's site GGGACTTTCC planted in half of them, every planted base
 * mutated with probability 0.05, a conv1d whose filters are as wide as the motif, a global max over positions
 * (the filter's best match anywhere, as a PWM scan takes it) and one logistic unit. With a held-out
 * validation split and early stopping, the validation accuracy must reach 95 %, and the learned filter must
 * score the motif far above random 10-mers — the "a CNN filter scores DNA like a PWM" of the lecture.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MOTIF, channelsFirst, dnaMotifs } from './data/dna.ts';
import { LayeredTrainer } from './layered-trainer.ts';
import { createRandom } from './random.ts';
import { tf } from './tf.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const LENGTH = 30;

describe('the motif CNN on dnaMotifs', () => {
  it('reaches ≥ 95 % validation accuracy, and its filter scores the motif like a PWM', async () => {
    const set = dnaMotifs({ count: 1200, length: LENGTH, mutation: 0.05, seed: 11 });
    const inputs = channelsFirst(set);
    const targets = Array.from(set.labels, (label) => [label]);
    const run = new LayeredTrainer(
      {
        model: {
          input: [4, LENGTH],
          output: 'sigmoid',
          layers: [{ type: 'conv1d', filters: 8, kernelSize: DEFAULT_MOTIF.length, activation: 'relu' }, { type: 'global-max-pool1d' }, { type: 'flatten' }, { type: 'dense', units: 1 }],
        },
        loss: 'bce',
        optimizer: { kind: 'adam', learningRate: 0.01 },
        batching: { mode: 'minibatch', size: 32 },
        validation: { fraction: 0.25, patience: 6 },
        seed: 4,
      },
      { inputs, targets },
    );
    // 900 training sequences, minibatches of 32: 29 steps an epoch; at most 40 epochs.
    for (let epoch = 0; epoch < 40 && !run.stoppedEarly; epoch += 1) {
      run.step(29);
      await run.readBack();
    }
    // Held-out sequences from another seed: the validation accuracy the slide would report.
    const held = dnaMotifs({ count: 400, length: LENGTH, mutation: 0.05, seed: 12 });
    const predictions = await run.predict(channelsFirst(held));
    const correct = predictions.filter(([p], i) => (p! > 0.5 ? 1 : 0) === held.labels[i]).length;
    expect(correct / held.labels.length).toBeGreaterThanOrEqual(0.95);

    // The best filter, read as a PWM: its score of the motif against its scores of random 10-mers.
    const [conv] = await run.readWeights();
    const weights = conv!.weight!; // [filters, 4, width], PyTorch's layout
    const [filters, channels, width] = weights.shape as [number, number, number];
    const score = (kmer: string, filter: number) => {
      let total = 0;
      for (let p = 0; p < width; p += 1) total += weights.values[(filter * channels + held.order.indexOf(kmer[p] as never)) * width + p]!;
      return total;
    };
    const random = createRandom(5);
    const randomKmers = Array.from({ length: 200 }, () => Array.from({ length: width }, () => 'ACGT'[random.integer(4)]).join(''));
    const best = Array.from({ length: filters }, (_, f) => f).reduce((a, b) => (score(DEFAULT_MOTIF, b) > score(DEFAULT_MOTIF, a) ? b : a));
    const randomScores = randomKmers.map((kmer) => score(kmer, best)).sort((a, b) => a - b);
    expect(score(DEFAULT_MOTIF, best)).toBeGreaterThan(randomScores[randomScores.length - 1]!);
    run.dispose();
  }, 300_000);
});
