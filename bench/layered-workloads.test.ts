import { describe, expect, it } from 'vitest';
import { LayeredTrainer } from '../engine/layered-trainer.ts';
import { tf } from '../engine/tf.ts';
import { LAYERED_WORKLOADS, layeredStepsPerEpoch } from './layered-workloads.ts';

describe('the architectures workloads of the bench', () => {
  it('are the issue’s three, each an epoch of 32 minibatches of 64 over 2,000 samples', () => {
    expect(LAYERED_WORKLOADS.map((w) => w.name)).toEqual(['autoencoder-mnist', 'cnn-motif', 'cnn-digits']);
    for (const workload of LAYERED_WORKLOADS) expect(layeredStepsPerEpoch(workload)).toBe(32);
  });

  it('give the engine data it takes: two steps of each come back with a finite loss', async () => {
    await tf.setBackend('cpu');
    for (const workload of LAYERED_WORKLOADS) {
      const data = await workload.data();
      expect(data.inputs).toHaveLength(2000);
      expect(data.targets).toHaveLength(2000);
      const trainer = new LayeredTrainer({ ...workload.spec, batching: { mode: 'minibatch', size: 16 } }, { inputs: data.inputs.slice(0, 64), targets: data.targets.slice(0, 64) });
      try {
        trainer.step(2);
        const readout = await trainer.readBack();
        expect(Number.isFinite(readout!.loss), workload.name).toBe(true);
      } finally {
        trainer.dispose();
      }
    }
  }, 120_000);

  it('lays the DNA out channels first: each position one-hot across the four channels', async () => {
    const motif = LAYERED_WORKLOADS.find((w) => w.name === 'cnn-motif')!;
    const { inputs, targets } = await motif.data();
    const sample = inputs[0] as number[];
    expect(sample).toHaveLength(400);
    for (let position = 0; position < 100; position += 1) {
      expect(sample[position]! + sample[100 + position]! + sample[200 + position]! + sample[300 + position]!).toBe(1);
    }
    expect(targets.filter(([label]) => label === 1)).toHaveLength(1000);
  });
});
