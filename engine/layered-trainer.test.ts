/**
 * A layered trainer trains as a lecture needs: early stopping on a run that overfits stops, restores the
 * best epoch's weights and says which epoch; a motif finder (conv1d over one-hot DNA) learns a planted
 * motif; the tensor count stays flat; every failure frees what it made; suspend and resume lose nothing.
 *
 * Every test runs twice: on this thread, and through the worker proxy (worker/proxy.ts) talking to its host
 * (worker/host.ts) over a MessageChannel, as a page talks to its training worker (worker/harness.ts). So
 * calls are awaited (`step` and `writeWeights` are async on the proxy; awaiting them is harmless here) and
 * trainers come from `path.create`.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ValidationRecord } from './early-stopping.ts';
import type { LayeredData, LayeredTrainerSpec } from './layered-trainer.ts';
import { createRandom, type Random } from './random.ts';
import { tf } from './tf.ts';
import { INJECTED, failKernel, failRead } from './inject-failure.ts';
import { MAIN_THREAD, workerPath, type AnyRun } from './worker/harness.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});


const BASES = 'ACGT';

/** A one-hot DNA sequence [4, length] (rows A, C, G, T), with `motif` planted at a random place or nowhere. */
function sequence(random: Random, length: number, motif: string, planted: boolean): number[][] {
  for (;;) {
    const letters = Array.from({ length }, () => BASES[random.integer(4)]!);
    if (planted) letters.splice(random.integer(length - motif.length + 1), motif.length, ...motif);
    if (planted || !letters.join('').includes(motif)) return [...BASES].map((base) => letters.map((letter) => (letter === base ? 1 : 0)));
  }
}

function motifSet(seed: number, count: number): LayeredData {
  const random = createRandom(seed);
  const labels = Array.from({ length: count }, (_, i) => i % 2);
  return { inputs: labels.map((label) => sequence(random, 24, 'GATC', label === 1)), targets: labels.map((label) => [label]) };
}

/** A small conv model with every moving part: dropout, minibatches, validation with patience, Adam. */
function convSpec(changes: Partial<LayeredTrainerSpec> = {}): LayeredTrainerSpec {
  return {
    model: {
      input: [4, 12],
      output: 'sigmoid',
      layers: [
        { type: 'conv1d', filters: 3, kernelSize: 3, activation: 'relu' },
        { type: 'max-pool1d', size: 2 },
        { type: 'flatten' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 1 },
      ],
    },
    loss: 'bce',
    optimizer: { kind: 'adam', learningRate: 0.01 },
    batching: { mode: 'minibatch', size: 8 },
    validation: { fraction: 0.25, patience: 1_000_000 },
    regularization: { kind: 'l2', rate: 1e-4 },
    seed: 5,
    ...changes,
  };
}

const DATA = (() => {
  const set = motifSet(7, 40);
  return { inputs: set.inputs.map((s) => (s as number[][]).map((row) => row.slice(0, 12))), targets: set.targets };
})();

describe.each([MAIN_THREAD, workerPath()])('on the $name path', (path) => {
  // A disposal reaches the worker after the test that made it: let it land before the next test counts tensors.
  afterEach(() => path.settled());

  describe('early stopping', () => {
    it('stops a run that overfits, restores the best weights and reports the best epoch', async () => {
      // 24 noisy points of a line and a net far bigger than the line needs: it learns the noise.
      const random = createRandom(2);
      const inputs = Array.from({ length: 24 }, () => [random.between(-1, 1)]);
      const data = { inputs, targets: inputs.map(([x]) => [x! + 0.6 * random.normal()]) };
      const patience = 15;
      const run = await path.create(
        {
          model: { input: [1], output: 'linear', layers: [{ type: 'dense', units: 64, activation: 'tanh' }, { type: 'dense', units: 64, activation: 'tanh' }, { type: 'dense', units: 1 }] },
          loss: 'mse',
          optimizer: { kind: 'adam', learningRate: 0.02 },
          validation: { fraction: 0.33, patience },
          seed: 1,
        },
        data,
      );
      const stopped: ValidationRecord[] = [];
      run.events.on('stopped', (record) => stopped.push(record));
      let readout;
      while (run.steps < 4000 && !run.stoppedEarly) {
        await run.step(7);
        readout = await run.readBack();
      }
      expect(run.stoppedEarly).toBe(true);
      const record = run.validationRecord!;
      expect(stopped).toEqual([record]);
      expect(readout!.stoppedAt).toBe(record.stoppedAt);
      expect(readout!.bestEpoch).toBe(record.bestEpoch);
      // It did overfit: the validation loss rose after its best epoch, for `patience` epochs.
      expect(record.stoppedAt! - record.bestEpoch).toBe(patience);
      expect(record.bestLoss).toBe(Math.min(...record.losses.slice(0, record.stoppedAt)));
      expect(record.losses[record.stoppedAt! - 1]).toBeGreaterThan(record.bestLoss);
      // The weights now are the best epoch's: their validation loss is the best recorded.
      expect(await run.validationLoss()).toBeCloseTo(record.bestLoss, 6);
      expect(run.latestWeights).toEqual(await run.readWeights());
      // And the run is over: steps do nothing.
      const steps = run.steps;
      await run.step(5);
      expect(run.steps).toBe(steps);
      run.dispose();
    }, 60_000);
  });

  describe('a motif finder (conv1d over one-hot DNA, global max over positions)', () => {
    it('learns a planted 4-letter motif to high accuracy on sequences it never saw', async () => {
      const run = await path.create(
        {
          model: {
            input: [4, 24],
            output: 'sigmoid',
            layers: [{ type: 'conv1d', filters: 4, kernelSize: 4, activation: 'relu' }, { type: 'global-max-pool1d' }, { type: 'flatten' }, { type: 'dense', units: 1 }],
          },
          loss: 'bce',
          optimizer: { kind: 'adam', learningRate: 0.05 },
          batching: { mode: 'minibatch', size: 32 },
          seed: 3,
        },
        motifSet(1, 240),
      );
      await run.step(300);
      await run.readBack();
      const test = motifSet(2, 200);
      const predictions = await run.predict(test.inputs);
      const correct = predictions.filter(([p], i) => (p! > 0.5 ? 1 : 0) === test.targets[i]![0]).length;
      expect(correct / test.targets.length).toBeGreaterThan(0.95);
      run.dispose();
    }, 60_000);
  });

  describe('no tensor leaks', () => {
    it('a conv model has as many tensors after 2,000 steps as after 20', async () => {
      const run = await path.create(convSpec(), DATA);
      await run.step(20);
      await run.readBack();
      const after20 = tf.memory().numTensors;
      for (let i = 0; i < 99; i += 1) {
        await run.step(20);
        await run.readBack();
        await run.activations(DATA.inputs[0]!);
      }
      expect(run.steps).toBe(2_000);
      expect(tf.memory().numTensors).toBe(after20);
      run.dispose();
    }, 60_000);

    it('disposing frees everything', async () => {
      const before = tf.memory().numTensors;
      const run = await path.create(convSpec(), DATA);
      await run.step(5);
      await run.readBack();
      await run.gradients();
      run.dispose();
      await path.settled();
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  describe('suspend and resume', () => {
    it('a suspended trainer holds no tensors and carries on exactly as one never suspended', async () => {
      const before = tf.memory().numTensors;
      const [straight, paused] = [await path.create(convSpec(), DATA), await path.create(convSpec(), DATA)];
      await straight.step(6);
      await paused.step(6);
      await straight.readBack();
      const held = tf.memory().numTensors;
      expect(await paused.suspend()).toBe(true);
      expect(tf.memory().numTensors).toBeLessThan(held);
      await paused.step(9);
      await straight.step(9);
      await Promise.all([paused.readBack(), straight.readBack()]);
      expect(await paused.readWeights()).toEqual(await straight.readWeights());
      expect(paused.validationRecord!.losses).toEqual(straight.validationRecord!.losses);
      paused.dispose();
      straight.dispose();
      await path.settled();
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  describe('every error path frees its tensors', () => {
    async function warm(): Promise<AnyRun> {
      // Full batches: every step ends an epoch, so each step also runs the validation and early stopping.
      const run = await path.create(convSpec({ batching: { mode: 'full' } }), DATA);
      await run.step(2);
      await run.readBack();
      return run;
    }

    async function carriesOn(run: AnyRun, tensors: number): Promise<void> {
      await run.step(3);
      expect(Number.isFinite((await run.readBack())?.loss)).toBe(true);
      expect(await run.predict([DATA.inputs[0]!])).toHaveLength(1);
      expect(tf.memory().numTensors).toBe(tensors);
    }

    it.each([
      ['the convolution', 'Conv2D'],
      ['the pooling', 'MaxPool'],
      ['the dropout mask', 'Multiply'],
      ['the gradient of the convolution', 'Conv2DBackpropFilter'],
      ["early stopping's comparison", 'Less'],
      ["early stopping's copy of the best weights", 'Select'],
    ])('a step failing in %s', async (_, kernel) => {
      const before = tf.memory().numTensors;
      const run = await warm();
      const tensors = tf.memory().numTensors;
      failKernel(kernel);
      await expect((async () => run.step(1))()).rejects.toThrow(INJECTED);
      expect(tf.memory().numTensors).toBe(tensors);
      await carriesOn(run, tensors);
      run.dispose();
      await path.settled();
      expect(tf.memory().numTensors).toBe(before);
    });

    it("a step failing in the optimizer's update", async () => {
      const run = await warm();
      const tensors = tf.memory().numTensors;
      const { optimizer } = path.hosted(run);
      const apply = optimizer.apply.bind(optimizer);
      vi.spyOn(optimizer, 'apply').mockImplementationOnce((parameters, gradients) => {
        apply(parameters, gradients);
        throw new Error(INJECTED);
      });
      await expect((async () => run.step(1))()).rejects.toThrow(INJECTED);
      expect(tf.memory().numTensors).toBe(tensors);
      await carriesOn(run, tensors);
      run.dispose();
    });

    it.each([
      ['the packed readback', 'data' as const, (t: AnyRun) => t.readBack()],
      ['predict', 'array' as const, (t: AnyRun) => t.predict([DATA.inputs[0]!])],
      ['activations', 'data' as const, (t: AnyRun) => t.activations(DATA.inputs[0]!)],
      ['gradients', 'data' as const, (t: AnyRun) => t.gradients()],
      ['readWeights', 'data' as const, (t: AnyRun) => t.readWeights()],
      ['validationLoss', 'data' as const, (t: AnyRun) => t.validationLoss()],
    ])('a read failing: %s', async (_, method, read) => {
      const before = tf.memory().numTensors;
      const run = await warm();
      await run.step(1); // a validation loss waiting to be read, too
      const tensors = tf.memory().numTensors;
      failRead(method);
      await expect(read(run)).rejects.toThrow(INJECTED);
      expect(tf.memory().numTensors).toBe(tensors);
      run.dispose();
      await path.settled();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('a constructor failing part way (the backend refuses a tensor) leaves nothing behind', async () => {
      const before = tf.memory().numTensors;
      failKernel('Transpose');
      await expect(path.create(convSpec(), DATA)).rejects.toThrow(INJECTED);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('a constructor refusing bad data leaves nothing behind and says why', async () => {
      const before = tf.memory().numTensors;
      await expect(path.create(convSpec(), { inputs: [[[1, 2]]], targets: [[1]] })).rejects.toThrow('sample 1 has 2 values, but the model takes [4, 12] = 48');
      await expect(path.create(convSpec({ validation: { fraction: 1.5 } }), DATA)).rejects.toThrow('the validation fraction must be in (0, 1)');
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
