/**
 * A widget hears about the engine's failures through its controller's `error` (TrainingController, or the
 * regression widgets' RegressionRunsController; every widget that trains shows it in a role=alert warning):
 * a failed move off a lost GPU, or a step that threw while the scheduler ran it. Only the widget concerned
 * is told; the others train on. A widget whose handout state is its run at the epoch budget keeps that contract
 * through its controller: the latch renewed per run, `settle()` to the budget, `pictured()` announcing the end
 * once, a late read of a replaced run dropped, and a failure to start not holding the handout up.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getEngine, type Engine } from '../../engine/runtime.ts';
import type { FrameSource } from '../../engine/scheduler.ts';
import { tf } from '../../engine/tf.ts';
import type { Trainer, TrainerSpec } from '../../engine/trainer.ts';
import { RegressionRunsController } from './regression/runs-controller.ts';
import { HandoutLatch } from './runtime/handout-latch.ts';
import { TrainingController } from './training-controller.ts';

/** Frames only when a test runs them (`runUntil`), on a clock that never moves. */
const FRAMES: FrameSource = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };

let engine: Engine;
beforeAll(async () => {
  // The page's engine, as the controller gets it (options count on the first call only).
  engine = await getEngine({ request: 'cpu', scheduler: { frames: FRAMES } });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const SPEC: TrainerSpec = {
  network: { layers: [2, 3, 1], hidden: 'tanh', output: 'linear' },
  loss: 'mse',
  optimizer: { kind: 'sgd', learningRate: 0.1 },
  seed: 1,
};
const DATA = { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] };

/** The little of a Lit element the controller uses, counting the updates it asks for. */
function widget() {
  const host = {
    updates: 0,
    addController: () => {},
    requestUpdate: () => void (host.updates += 1),
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => true,
    closest: () => null,
    isConnected: true,
    updateComplete: Promise.resolve(true),
  };
  return host;
}

/** Makes the page's engine believe it ran on WebGL, so that a recovery moves it to the CPU (all Node has). */
function onWebGl(): void {
  engine.info = { ...engine.info, backend: 'webgl', requested: 'auto' };
}

async function startedController() {
  const host = widget();
  const training = new TrainingController(host as unknown as ConstructorParameters<typeof TrainingController>[0], { autoplay: () => false });
  await training.start({ ...SPEC, name: `widget ${host.updates}` }, DATA, 50);
  return { host, training };
}

describe('the engine’s failures reach the widget they concern', () => {
  it('a trainer that cannot be moved off a lost GPU shows why; the other widget is moved and trains on', async () => {
    const first = await startedController();
    const second = await startedController();
    vi.spyOn(first.training.trainer!, 'moveToCurrentBackend').mockImplementationOnce(() => {
      throw new Error('out of memory while rebuilding');
    });
    const moved = vi.spyOn(second.training.trainer!, 'moveToCurrentBackend');
    const updates = first.host.updates;
    onWebGl();

    await engine.recover('WebGL context lost');

    expect(engine.info.backend).toBe('cpu');
    expect(first.training.error).toBe('could not move to CPU after WebGL was lost: out of memory while rebuilding');
    expect(first.host.updates).toBeGreaterThan(updates);
    expect(first.training.running).toBe(false);
    expect(second.training.error).toBeUndefined();
    expect(moved).toHaveBeenCalledOnce();
    await second.training.step();
    expect(second.training.readout?.step).toBe(1);
    first.training.stop();
    second.training.stop();
  });

  it('a step that throws while the scheduler runs it pauses that widget and shows the error', async () => {
    const before = tf.memory().numTensors;
    const { training } = await startedController();
    const other = await startedController();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(training.trainer!, 'step').mockImplementation(() => {
      throw new Error('the backend refused the step');
    });
    training.play();
    other.training.play();
    await engine.scheduler.runUntil(() => training.error !== undefined && other.training.trainer!.steps > 0, 20);
    expect(training.error).toBe('training stopped: the backend refused the step');
    expect(training.running).toBe(false);
    expect(other.training.error).toBeUndefined();
    expect(other.training.running).toBe(true);
    training.stop();
    other.training.stop();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a regression widget (gd-trajectory, gd-modes) shows why one of its runs could not be moved, and its handout is not held up', async () => {
    const host = widget();
    const runs = new RegressionRunsController(host as unknown as ConstructorParameters<typeof RegressionRunsController>[0], { autoplay: () => false });
    runs.start({
      data: DATA,
      runs: [1, 2].map((seed) => ({ name: `gd-modes ${seed}`, learningRate: 0.05, batching: { mode: 'full' as const }, seed })),
      examplesPerStep: 4,
      examplesPerPress: 4,
      budget: 400,
      stepsPerSecond: 10,
      lossAt: () => 1,
    });
    await (runs as unknown as { started: Promise<void> }).started;
    await runs.step();
    const trainers = (runs as unknown as { clock: { runs: Array<{ trainer: Trainer }> } }).clock.runs.map((r) => r.trainer);
    vi.spyOn(trainers[1]!, 'moveToCurrentBackend').mockImplementationOnce(() => {
      throw new Error('the weights could not be restored');
    });
    onWebGl();
    await engine.recover('device lost: test');
    expect(runs.error).toBe('could not move to CPU after WebGL was lost: the weights could not be restored');
    expect(runs.playing).toBe(false);
    await runs.settled;
    runs.hostDisconnected();
  });
});

describe('a press while a new run is being started (a setting just moved) acts on that run', () => {
  it('TrainingController: Step stays enabled and steps the new trainer once it exists', async () => {
    const { training } = await startedController();
    const starting = training.start({ ...SPEC, name: 'after a change' }, DATA, 50);
    expect(training.trainer).toBeUndefined();
    expect(training.canContinue).toBe(true);
    await training.step();
    await starting;
    expect(training.readout?.step).toBe(1);
    expect(training.canContinue).toBe(true);
    training.stop();
  });

  it('RegressionRunsController: Step stays enabled and steps the fresh runs once they are built', async () => {
    const host = widget();
    const runs = new RegressionRunsController(host as unknown as ConstructorParameters<typeof RegressionRunsController>[0], { autoplay: () => false });
    runs.start({
      data: DATA,
      runs: [{ name: 'gd-trajectory 1', learningRate: 0.05, batching: { mode: 'full' as const }, seed: 1 }],
      examplesPerStep: 4,
      examplesPerPress: 4,
      budget: 400,
      stepsPerSecond: 10,
      lossAt: () => 1,
    });
    expect(runs.canContinue).toBe(true);
    await runs.step();
    expect(runs.views[0]!.points.at(-1)!.update).toBe(1);
    runs.hostDisconnected();
    expect(runs.canContinue).toBe(false);
  });
});

describe('a widget trained to its budget at once (settle)', () => {
  it('reaches the epoch budget in steps of its batching, whole epochs per chunk, each chunk read back', async () => {
    const host = widget();
    const epochsRead: number[] = [];
    const training = new TrainingController(host as unknown as ConstructorParameters<typeof TrainingController>[0], {
      autoplay: () => false,
      onReadout: (readout) => void epochsRead.push(readout.epoch),
    });
    // Batches of 2 of 4 samples: 2 steps an epoch, so 7 epochs are 14 steps.
    await training.start({ ...SPEC, name: 'budget', batching: { mode: 'minibatch', size: 2 } }, DATA, 7);
    expect(training.stepsPerEpoch).toBe(2);
    let chunks = 0;
    await training.trainToBudget({ maxEpochs: 3 }, () => void (chunks += 1));
    expect(training.trainer!.steps).toBe(14);
    expect(training.trainer!.epochs).toBe(7);
    expect(chunks).toBe(3); // 3 + 3 + 1 epochs
    expect(epochsRead.at(-1)).toBe(7);
    expect(training.running).toBe(false);
    training.stop();
  });
});

type Host = ConstructorParameters<typeof TrainingController>[0];

/** A widget that draws each readout as nn-playground and ua-fitter do: read, then `pictured`, announcing its end. */
function trainingWidget() {
  const host = widget();
  const settledEvents = vi.spyOn(host, 'dispatchEvent');
  const handout = new HandoutLatch(host as unknown as Host);
  const announced: number[] = [];
  const pictures: number[] = [];
  const training: TrainingController = new TrainingController(host as unknown as Host, {
    autoplay: () => false,
    onReadout: async (_readout, trainer) => {
      const epoch = trainer.epochs;
      const weights = await training.read(trainer, (t) => t.readWeights());
      if (!weights) return;
      pictures.push(epoch);
      training.pictured(epoch, () => announced.push(epoch));
    },
    handout,
  });
  return { settledEvents, handout, training, announced, pictures };
}

/** Whether `promise` has resolved by the next task. */
const isResolved = (promise: Promise<unknown>) => Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0))]);

describe('a run to its epoch budget keeps the handout contract through its training controller', () => {
  it('settle() trains to the budget; the end is announced once and settled resolves once drawn', async () => {
    const { settledEvents, handout, training, announced, pictures } = trainingWidget();
    void training.start({ ...SPEC, name: 'settle' }, DATA, 12);
    expect(await isResolved(handout.settled)).toBe(false);
    expect(training.canContinue).toBe(true);

    await training.settle({ maxEpochs: 5 });

    expect(training.trainer!.epochs).toBe(12);
    expect(pictures).toEqual([0, 5, 10, 12]);
    expect(announced).toEqual([12]);
    expect(handout.asked).toBe(true);
    expect(await isResolved(handout.settled)).toBe(true);
    expect(settledEvents).toHaveBeenCalledOnce();
    expect(training.canContinue).toBe(false);
    // At its end already: settling again reads no further and announces nothing more.
    await training.settle({ maxEpochs: 5 });
    expect(announced).toEqual([12]);
    training.stop();
  });

  it('a new run gets a new settled promise and announces its own end', async () => {
    const { handout, training, announced } = trainingWidget();
    await training.start({ ...SPEC, name: 'first' }, DATA, 2);
    await training.settle({ maxEpochs: 2 });
    const first = handout.settled;
    await training.start({ ...SPEC, name: 'second' }, DATA, 3);
    expect(handout.settled).not.toBe(first);
    expect(await isResolved(handout.settled)).toBe(false);
    await training.settle({ maxEpochs: 3 });
    expect(announced).toEqual([2, 3]);
    expect(await isResolved(handout.settled)).toBe(true);
    training.stop();
  });

  it('a read of a run that a newer one replaced is dropped, not drawn and not thrown', async () => {
    const { training } = trainingWidget();
    await training.start({ ...SPEC, name: 'old' }, DATA, 5);
    const old = training.trainer as Trainer;
    const pending = training.read(old, (t) => t.readWeights());
    await training.start({ ...SPEC, name: 'new' }, DATA, 5);
    expect(await pending).toBeUndefined();
    // Read after it was freed: the trainer refuses, and the controller drops the read.
    expect(await training.read(old, (t) => t.readWeights())).toBeUndefined();
    expect(await training.read(training.trainer!, (t) => t.readWeights())).toBeDefined();
    training.stop();
  });

  it('a run that cannot start shows why and does not hold the handout up', async () => {
    const { handout, training } = trainingWidget();
    vi.spyOn(engine, 'createTrainer').mockImplementationOnce(() => {
      throw new Error('no backend could start');
    });
    await training.start({ ...SPEC, name: 'failing' }, DATA, 5);
    expect(training.error).toBe('no backend could start');
    expect(training.canContinue).toBe(false);
    expect(await isResolved(handout.settled)).toBe(true);
  });
});
