/**
 * Leak-freedom and the run's own safety checks: the tensor count stays flat over 10,000 steps for every
 * model/loss/optimizer combination, disposing frees everything, divergence stops the run, and the same
 * seed gives the same numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES, type Loss } from './losses.ts';
import { OPTIMIZERS, type OptimizerKind } from './optimizers.ts';
import { tf } from './tf.ts';
import { Trainer, type Batching, type TrainerSpec } from './trainer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const XOR = { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] };
const XOR_ONE_HOT = { inputs: XOR.inputs, targets: [[1, 0], [0, 1], [0, 1], [1, 0]] };

function spec(loss: Loss, optimizer: OptimizerKind, batching: Batching, hidden: TrainerSpec['network']['hidden'] = 'tanh'): TrainerSpec {
  return {
    network: { layers: [2, 3, loss === 'softmax-ce' ? 2 : 1], hidden, output: 'linear' },
    loss,
    optimizer: { kind: optimizer, learningRate: 0.05, weightDecay: 1e-4 },
    regularization: { kind: 'l2', rate: 1e-4 },
    batching,
    seed: 9,
  };
}

describe('no tensor leaks', () => {
  const combinations = LOSSES.flatMap((loss) => OPTIMIZERS.map((optimizer) => [loss, optimizer] as const));
  const batchings: Batching[] = [{ mode: 'full' }, { mode: 'sgd' }, { mode: 'minibatch', size: 3 }];

  it.each(combinations)('%s with %s: as many tensors after 10,000 steps as after 10', async (loss, optimizer) => {
    const batching = batchings[(LOSSES.indexOf(loss) + OPTIMIZERS.indexOf(optimizer)) % batchings.length]!;
    const trainer = new Trainer(spec(loss, optimizer, batching), loss === 'softmax-ce' ? XOR_ONE_HOT : XOR);
    trainer.step(10);
    await trainer.readBack();
    const after10 = tf.memory().numTensors;
    for (let i = 0; i < 100; i += 1) {
      trainer.step(99);
      await trainer.readBack();
      await trainer.predict([[0.5, 0.5]]);
    }
    expect(trainer.steps).toBe(10 + 9_900);
    expect(tf.memory().numTensors).toBe(after10);
    trainer.dispose();
  }, 120_000);

  it('disposing a trainer frees all of its tensors', async () => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer(spec('mse', 'adam', { mode: 'minibatch', size: 2 }, 'relu'), XOR);
    trainer.step(5);
    await trainer.readBack();
    await trainer.activations([1, 0]);
    await trainer.predictMany(new Float32Array([0, 0, 1, 1]), 2);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => trainer.step()).toThrow(/disposed/);
  });
});

describe('divergence', () => {
  it('a learning rate far too large raises `diverged` with the step number and stops the run', async () => {
    const trainer = new Trainer(
      { network: { layers: [1, 1], hidden: 'linear', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 50 }, seed: 1 },
      { inputs: [[1], [2], [3]], targets: [[2], [4], [6]] },
    );
    const events: number[] = [];
    trainer.events.on('diverged', ({ step }) => events.push(step));
    for (let i = 0; i < 40 && !trainer.divergence; i += 1) {
      trainer.step(5);
      await trainer.readBack();
    }
    expect(trainer.divergence).toBeDefined();
    expect(events).toEqual([trainer.divergence!.step]);
    expect(trainer.divergence!.reason).toMatch(/step \d+/);
    const steps = trainer.steps;
    trainer.step(10);
    expect(trainer.steps).toBe(steps);
    trainer.dispose();
  });

  it('a sane learning rate never reports divergence', async () => {
    const trainer = new Trainer(spec('bce', 'adam', { mode: 'full' }), XOR);
    trainer.events.on('diverged', () => expect.fail('diverged'));
    trainer.step(200);
    const readout = await trainer.readBack();
    expect(readout!.loss).toBeLessThan(Math.log(2));
    trainer.dispose();
  });
});

describe('determinism and batching', () => {
  it('the same seed gives identical weights and losses; another seed does not', async () => {
    const run = async (seed: number) => {
      const trainer = new Trainer({ ...spec('mse', 'momentum', { mode: 'sgd' }), seed }, XOR);
      trainer.step(37);
      const readout = await trainer.readBack();
      const weights = await trainer.readWeights();
      trainer.dispose();
      return { loss: readout!.loss, weights };
    };
    const a = await run(4);
    const b = await run(4);
    const c = await run(5);
    expect(b).toEqual(a);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('counts epochs per batching mode: full batch 1 per step, per-sample n steps, minibatches ⌈n/b⌉ steps', () => {
    const count = (batching: Batching, steps: number) => {
      const trainer = new Trainer(spec('mse', 'sgd', batching), XOR);
      trainer.step(steps);
      const epochs = trainer.epochs;
      trainer.dispose();
      return epochs;
    };
    expect(count({ mode: 'full' }, 6)).toBe(6);
    expect(count({ mode: 'sgd' }, 8)).toBe(2);
    expect(count({ mode: 'minibatch', size: 3 }, 4)).toBe(2);
  });

  it('per-sample SGD visits every sample exactly once per epoch', async () => {
    // With lr 0 nothing moves, so each step's loss identifies the sample it saw.
    const inputs = [[0], [1], [2], [3], [4]];
    const trainer = new Trainer(
      { network: { layers: [1, 1], hidden: 'linear', output: 'linear' }, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 1e-30 }, batching: { mode: 'sgd' }, seed: 3 },
      { inputs, targets: inputs.map(([x]) => [x! * 10]) },
    );
    trainer.writeWeights([{ weights: [[0]], biases: [0] }]);
    for (let epoch = 0; epoch < 2; epoch += 1) {
      const seen: number[] = [];
      for (let i = 0; i < inputs.length; i += 1) {
        trainer.step();
        seen.push(Math.round(Math.sqrt((await trainer.readBack())!.loss) / 10));
      }
      expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    }
    trainer.dispose();
  });
});
