/**
 * Nothing leaks when something throws. A throw is injected at each point of a step and of every read —
 * building the batch, the forward pass, the loss, the gradients, the optimizer's update, the packed
 * readback, the outputs, the weights — and the tensor count must come back to where it was; the trainer
 * must then carry on. `dispose()` never throws, a failed construction leaves nothing behind, and a trainer
 * that cannot be moved off a lost device is reported without stopping the others' recovery.
 *
 * Throws are injected by spying on TF.js's engine (every op runs through `runKernel`), on `Tensor`'s reads,
 * or on the trainer's optimizer: nothing in the engine has a hook for tests.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeChoice } from './backends.ts';
import { jsKernel } from './fused/js.ts';
import { Engine } from './runtime.ts';
import { SurfaceDescent } from './surface-descent.ts';
import { tf } from './tf.ts';
import { INJECTED, failAfterGradients, failKernel, failRead } from './inject-failure.ts';
import { Trainer, type TrainerFailure, type TrainerSpec } from './trainer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const DATA = {
  inputs: [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.1, 0.9]],
  targets: [[0], [1], [1], [0], [0.4], [0.7]],
};

/** Op by op (the path whose every step makes TF.js tensors), minibatches (so a batch tensor is made too). */
function spec(changes: Partial<TrainerSpec> = {}): TrainerSpec {
  return {
    network: { layers: [2, 4, 1], hidden: 'tanh', output: 'linear' },
    loss: 'mse',
    optimizer: { kind: 'adam', learningRate: 0.01 },
    batching: { mode: 'minibatch', size: 4 },
    seed: 3,
    path: 'op-by-op',
    ...changes,
  };
}

/** A trainer that has taken a step and read it back: every tensor it keeps between steps exists. */
async function warmTrainer(changes: Partial<TrainerSpec> = {}): Promise<Trainer> {
  const trainer = new Trainer(spec(changes), DATA);
  trainer.step(2);
  await trainer.readBack();
  return trainer;
}

/** After the failure: the trainer still trains and reads, with no more tensors than before it. */
async function expectCarriesOn(trainer: Trainer, tensors: number): Promise<void> {
  trainer.step(3);
  const readout = await trainer.readBack();
  expect(Number.isFinite(readout?.loss)).toBe(true);
  expect(await trainer.predict([[0.3, 0.3]])).toHaveLength(1);
  expect(tf.memory().numTensors).toBe(tensors);
}

describe('a throw at any point of a step frees every tensor the step made', () => {
  const points: Array<[string, () => void]> = [
    ['building the batch', () => failKernel('GatherV2')],
    ['the forward pass', () => failKernel('BatchMatMul')],
    ['the loss', () => failKernel('SquaredDifference')],
    ['the gradients', failAfterGradients],
  ];

  it.each(points)('%s', async (_, inject) => {
    const before = tf.memory().numTensors;
    const trainer = await warmTrainer();
    const tensors = tf.memory().numTensors;
    const steps = trainer.steps;
    inject();
    expect(() => trainer.step(1)).toThrow(INJECTED);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(trainer.steps).toBe(steps);
    await expectCarriesOn(trainer, tensors);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the optimizer's update", async () => {
    const before = tf.memory().numTensors;
    const trainer = await warmTrainer();
    const tensors = tf.memory().numTensors;
    const apply = trainer.optimizer.apply.bind(trainer.optimizer);
    vi.spyOn(trainer.optimizer, 'apply').mockImplementationOnce((parameters, gradients) => {
      apply(parameters, gradients);
      throw new Error(INJECTED);
    });
    expect(() => trainer.step(1)).toThrow(INJECTED);
    expect(tf.memory().numTensors).toBe(tensors);
    await expectCarriesOn(trainer, tensors);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a read that fails frees what it made', () => {
  const reads: Array<[string, () => void, (trainer: Trainer) => Promise<unknown>]> = [
    ['the packed readback (loss and weights)', () => failRead('data'), (t) => t.readBack()],
    ['predict', () => failRead('array'), (t) => t.predict([[0, 1], [1, 0]])],
    ['predictMany', () => failRead('data'), (t) => t.predictMany(new Float32Array([0, 1, 1, 0]), 2)],
    ['activations', () => failRead('array'), (t) => t.activations([0, 1])],
    ['gradients: reading them back', () => failRead('array'), (t) => t.gradients()],
    ['gradients: computing them', failAfterGradients, (t) => t.gradients()],
    // Variables are read in place: nothing is made, so this held before; it stays held.
    ['readWeights', () => failRead('array'), (t) => t.readWeights()],
  ];

  it.each(reads)('%s', async (_, inject, read) => {
    const before = tf.memory().numTensors;
    const trainer = await warmTrainer();
    const tensors = tf.memory().numTensors;
    inject();
    await expect(read(trainer)).rejects.toThrow(INJECTED);
    expect(tf.memory().numTensors).toBe(tensors);
    await expectCarriesOn(trainer, tensors);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('construction and dispose', () => {
  it.each([
    ['an unknown training path', { path: 'bogus' as TrainerSpec['path'] }, /unknown training path "bogus"/],
    ['a learning rate of 0', { optimizer: { kind: 'sgd' as const, learningRate: 0 } }, /learning rate must be a positive number/],
    ['a minibatch of 0', { batching: { mode: 'minibatch' as const, size: 0 } }, /minibatch size must be a whole number/],
  ])('a constructor refusing %s leaves no tensor behind', (_, changes, message) => {
    const before = tf.memory().numTensors;
    expect(() => new Trainer(spec(changes), DATA)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a constructor failing after its tensors exist (the fused step refuses to start) frees them', () => {
    const before = tf.memory().numTensors;
    const start = vi.spyOn(jsKernel, 'create').mockImplementationOnce(() => {
      throw new Error(INJECTED);
    });
    expect(() => new Trainer(spec({ path: 'fused-js' }), DATA)).toThrow(INJECTED);
    expect(start).toHaveBeenCalled();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dispose() twice never throws', async () => {
    // This held before: the second call returns at once.
    const trainer = await warmTrainer();
    trainer.dispose();
    expect(() => trainer.dispose()).not.toThrow();
  });

  it('dispose() frees everything and tells every listener even when one listener throws', async () => {
    const before = tf.memory().numTensors;
    const trainer = await warmTrainer();
    const told: string[] = [];
    trainer.events.on('disposed', () => {
      throw new Error('a faulty widget listener');
    });
    trainer.events.on('disposed', () => told.push('second listener'));
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => trainer.dispose()).not.toThrow();
    expect(told).toEqual(['second listener']);
    expect(report).toHaveBeenCalled();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dispose() frees the rest when freeing one tensor throws (its backend is gone)', async () => {
    const before = tf.memory().numTensors;
    const trainer = await warmTrainer();
    const engine = tf.engine();
    const disposeVariable = engine.disposeVariable.bind(engine);
    let stuck: tf.Variable | undefined;
    vi.spyOn(engine, 'disposeVariable').mockImplementation((variable) => {
      if (!stuck) {
        stuck = variable;
        throw new Error(INJECTED);
      }
      disposeVariable(variable);
    });
    expect(() => trainer.dispose()).not.toThrow();
    // Only the one tensor whose backend refused is left (it would have gone with its device).
    expect(tf.memory().numTensors).toBe(before + 1);
    vi.restoreAllMocks();
    stuck!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a resume that fails half way leaves the trainer suspended, nothing leaked; the next use carries on exactly', async () => {
    const before = tf.memory().numTensors;
    const momentum = { kind: 'momentum' as const, learningRate: 0.01 };
    const straight = await warmTrainer({ optimizer: momentum });
    const paused = await warmTrainer({ optimizer: momentum });
    expect(await paused.suspend()).toBe(true);
    const suspendedCount = tf.memory().numTensors;
    vi.spyOn(paused.optimizer, 'importState').mockImplementationOnce(() => {
      throw new Error(INJECTED);
    });
    expect(() => paused.step(1)).toThrow(INJECTED);
    expect(paused.isSuspended).toBe(true);
    expect(tf.memory().numTensors).toBe(suspendedCount);
    // The momentum survived the failure: the run goes on as if nothing happened.
    paused.step(5);
    straight.step(5);
    expect(await paused.readWeights()).toEqual(await straight.readWeights());
    paused.dispose();
    straight.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('moving off a lost device', () => {
  /** An engine that believes it runs on WebGL, so a recovery moves it to the CPU (the one backend Node has). */
  function engineOnLostWebGl(): Engine {
    return new Engine(describeChoice({ backend: 'webgl', requested: 'auto', passedOver: [] }), {});
  }

  it('one trainer failing to move does not stop the others, and its failure is reported on it', async () => {
    const before = tf.memory().numTensors;
    const engine = engineOnLostWebGl();
    const trainers = [0, 1, 2].map((seed) => engine.createTrainer(spec({ seed, name: `widget ${seed}` }), DATA));
    for (const trainer of trainers) trainer.step(2);
    await Promise.all(trainers.map((t) => t.readBack()));
    const moved = trainers.map((t) => vi.spyOn(t, 'moveToCurrentBackend'));
    moved[0]!.mockImplementationOnce(() => {
      throw new Error('its snapshot could not be restored');
    });
    const failures: TrainerFailure[][] = trainers.map(() => []);
    trainers.forEach((t, i) => t.events.on('failed', (failure) => failures[i]!.push(failure)));
    const backends: string[] = [];
    engine.events.on('backend', (info) => backends.push(info.backend));

    await expect(engine.recover('device lost: test')).resolves.toBeUndefined();

    expect(moved.map((spy) => spy.mock.calls.length)).toEqual([1, 1, 1]);
    expect(backends).toEqual(['cpu']);
    expect(engine.info.recoveredFrom).toEqual({ backend: 'webgl', reason: 'device lost: test' });
    expect(failures[0]).toHaveLength(1);
    expect(failures[0]![0]!.message).toMatch(/could not move to CPU.*its snapshot could not be restored/);
    expect(failures[1]).toEqual([]);
    expect(failures[2]).toEqual([]);
    // The others train on.
    for (const trainer of trainers.slice(1)) {
      trainer.step(2);
      expect(Number.isFinite((await trainer.readBack())?.loss)).toBe(true);
    }
    for (const trainer of trainers) trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("a loss-landscape run (SurfaceDescent) frees its tensors when a step or a readback fails", () => {
  it.each([
    ['a step (the loss on the surface)', () => failKernel('Square'), (run: SurfaceDescent) => run.runSteps(1)],
    [
      'the readback of its path',
      () => failRead('data'),
      (run: SurfaceDescent) => {
        run.runSteps(1);
        return run.readBack();
      },
    ],
  ])('%s', async (_, inject, act) => {
    const before = tf.memory().numTensors;
    const run = new SurfaceDescent({ surface: 'rosenbrock', optimizer: { kind: 'momentum', learningRate: 0.001 } });
    run.runSteps(2);
    await run.readBack();
    const tensors = tf.memory().numTensors;
    inject();
    await expect(async () => act(run)).rejects.toThrow(INJECTED);
    // A failed step recorded no point; a failed readback's points went with it: as many tensors as before.
    expect(tf.memory().numTensors).toBe(tensors);
    run.runSteps(3);
    expect((await run.readBack())?.step).toBe(run.steps);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
