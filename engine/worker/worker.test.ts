/**
 * The worker path's own parts, in Node over an in-process MessageChannel (the trainer's behaviour itself is
 * tested on both paths by layered-trainer.test.ts): which specs `auto` sends to the worker, the engine's
 * `worker` option, the worker's training loop (limits, pace, pause), and a worker that dies.
 */
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LayeredTrainer, type LayeredData, type LayeredTrainerSpec } from '../layered-trainer.ts';
import { startEngine, type Engine } from '../runtime.ts';
import { HEAVY_MULTIPLY_ADDS, stepMultiplyAdds, wantsWorker } from './heavy.ts';
import { WorkerHost } from './host.ts';
import type { Endpoint } from './protocol.ts';
import { WorkerLayeredTrainer } from './proxy.ts';

const AUTOENCODER: LayeredTrainerSpec = {
  model: { input: [784], layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 2 }, { type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 784 }], output: 'sigmoid' },
  loss: 'bce',
  optimizer: { kind: 'adam', learningRate: 1e-3 },
  batching: { mode: 'minibatch', size: 64 },
  seed: 1,
};
const SMALL: LayeredTrainerSpec = {
  model: { input: [2], layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'dense', units: 1 }], output: 'linear' },
  loss: 'mse',
  optimizer: { kind: 'sgd', learningRate: 0.1 },
  seed: 2,
};
const SMALL_DATA: LayeredData = { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] };
const digits = (count: number): LayeredData => {
  const inputs = Array.from({ length: count }, (_, i) => Array.from({ length: 784 }, (_, p) => ((i * 31 + p * 7) % 11 < 3 ? 1 : 0)));
  return { inputs, targets: inputs };
};

describe("which trainers 'auto' sends to the worker", () => {
  it('counts a step in multiply-adds: the autoencoder is heavy, a playground net is not', () => {
    // 784·128 + 128·2 + 2·128 + 128·784 per sample, × 64 a batch, × 3 for the backward pass.
    expect(stepMultiplyAdds(AUTOENCODER, 2000)).toBe(3 * 64 * (2 * 784 * 128 + 2 * 128 * 2));
    expect(stepMultiplyAdds(AUTOENCODER, 2000)).toBeGreaterThan(HEAVY_MULTIPLY_ADDS);
    expect(stepMultiplyAdds(SMALL, 4)).toBe(3 * 4 * (2 * 4 + 4));
    expect(wantsWorker(AUTOENCODER, digits(64), true)).toBe(true);
    // The batch counts: the same model on 2 samples is a 1.2 M multiply-add step.
    expect(wantsWorker(AUTOENCODER, digits(2), true)).toBe(false);
    expect(wantsWorker(SMALL, SMALL_DATA, true)).toBe(false);
    // No Workers here (Node): never, however heavy.
    expect(wantsWorker(AUTOENCODER, digits(64))).toBe(false);
  });
});

describe('the engine with a training worker', () => {
  let engine: Engine;
  let dead: ((error: Error) => void) | undefined;

  beforeAll(async () => {
    engine = await startEngine({
      request: 'cpu',
      spawnWorker: (onError) => {
        dead = onError;
        const { port1, port2 } = new MessageChannel();
        port1.unref();
        port2.unref();
        new WorkerHost(port2 as unknown as Endpoint, () => startEngine({ request: 'cpu' }));
        return port1 as unknown as Endpoint;
      },
    });
  });

  afterAll(async () => {
    await engine.trainingWorker().settled().catch(() => {});
  });

  it("gives a worker trainer for 'always' and a heavy 'auto', a main-thread one for 'never' and a light 'auto'", async () => {
    const never = engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'never' });
    expect(never).toBeInstanceOf(LayeredTrainer);
    const light = await engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'auto' });
    expect(light).toBeInstanceOf(LayeredTrainer);
    const always = await engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'always' });
    expect(always).toBeInstanceOf(WorkerLayeredTrainer);
    const heavy = await engine.createLayeredTrainer(AUTOENCODER, digits(64), { worker: 'auto' });
    expect(heavy).toBeInstanceOf(WorkerLayeredTrainer);
    expect(heavy.samples).toBe(64);
    expect(heavy.batchSize).toBe(64);
    expect(heavy.latestWeights.map((layer) => layer.weight!.shape)).toEqual([[128, 784], [2, 128], [128, 2], [784, 128]]);
    // A refusal comes back as the constructor's own message.
    await expect(engine.createLayeredTrainer(SMALL, { inputs: [[1, 2, 3]], targets: [[1]] }, { worker: 'always' })).rejects.toThrow('sample 1 has 3 values, but the model takes [2] = 2');
    for (const trainer of [never, light, always, heavy]) trainer.dispose();
  });

  it('trains a scheduled trainer in the worker up to its step limit, posting readouts, then pauses it', async () => {
    const trainer = (await engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'always' })) as WorkerLayeredTrainer;
    const losses: number[] = [];
    const done = new Promise<void>((resolve) => trainer.events.on('readout', (readout) => (losses.push(readout.loss), readout.step === 300 && resolve())));
    const handle = engine.schedule(trainer, { stepLimit: 300 });
    expect(handle.running).toBe(true);
    await done;
    await engine.trainingWorker().settled();
    expect(trainer.steps).toBe(300);
    expect(handle.running).toBe(false);
    expect(handle.stats.steps).toBe(300);
    expect(losses.at(-1)).toBeLessThan(losses[0]!);
    // The same run on the main thread, stepped by hand: the same loss at step 300.
    const reference = engine.createLayeredTrainer(SMALL, SMALL_DATA);
    reference.step(300);
    expect((await reference.readBack())!.loss).toBeCloseTo(losses.at(-1)!, 5);
    reference.dispose();
    trainer.dispose();
  });

  it('paces a trainer at stepsPerSecond, and a paused or hidden one takes no steps', async () => {
    const trainer = (await engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'always' })) as WorkerLayeredTrainer;
    const handle = engine.schedule(trainer, { stepsPerSecond: 40 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    handle.pause();
    await engine.trainingWorker().settled();
    const paced = trainer.steps;
    // About 20 in half a second; a busy machine runs late, never ahead.
    expect(paced).toBeGreaterThanOrEqual(5);
    expect(paced).toBeLessThanOrEqual(25);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await trainer.readBack();
    expect(trainer.steps).toBe(paced);
    handle.play();
    handle.setVisible(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await trainer.readBack();
    expect(trainer.steps).toBeLessThanOrEqual(paced + 1);
    handle.remove();
    trainer.dispose();
    await engine.trainingWorker().settled();
  });

  it('a worker that dies fails its trainers, as a failed step does, and refuses new calls', async () => {
    const trainer = (await engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'always' })) as WorkerLayeredTrainer;
    const failures: string[] = [];
    trainer.events.on('failed', (failure) => failures.push(failure.message));
    dead!(new Error('out of memory'));
    expect(failures).toEqual(['the training worker stopped: out of memory']);
    await expect(trainer.step(1)).rejects.toThrow('out of memory');
    await expect(engine.createLayeredTrainer(SMALL, SMALL_DATA, { worker: 'always' })).rejects.toThrow('out of memory');
    trainer.dispose();
  });
});

describe('a page where the worker cannot start', () => {
  it("'auto' trains on the main thread instead; 'always' says why", async () => {
    const engine = await startEngine({
      request: 'cpu',
      spawnWorker: (onError) => {
        const { port1, port2 } = new MessageChannel();
        port1.unref();
        port2.close();
        // As a Worker whose script the server refused: an error event, and nothing ever answers.
        setTimeout(() => onError(new Error('the worker script failed to load')), 10);
        return port1 as unknown as Endpoint;
      },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const heavy = await engine.createLayeredTrainer(AUTOENCODER, digits(64), { worker: 'auto' });
    expect(heavy).toBeInstanceOf(LayeredTrainer);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the training worker is not available (the worker script failed to load)'));
    await expect(engine.createLayeredTrainer(AUTOENCODER, digits(64), { worker: 'always' })).rejects.toThrow('the worker script failed to load');
    heavy.dispose();
    warn.mockRestore();
  });
});
