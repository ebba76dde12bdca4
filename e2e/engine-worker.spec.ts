/**
 * Layered trainers in the page's training worker (engine/worker/), on the site as `axon build` makes it:
 * the worker chunk loads from the site itself (nothing else is reached), a conv net trained there has the
 * main thread's losses for the same seed, its loop trains while the page keeps drawing frames, and when the
 * worker's GPU is lost its engine moves on and training carries on from the last readback.
 */
import { expect, test, type Page } from '@playwright/test';
import { openDeck } from './support.ts';
import { DECK, miniMotifData } from './engine-support.ts';

/** The same small conv run (motif finder in miniature, dropout and minibatches included) with `worker` as asked; losses every 10 steps. */
async function convRun(page: Page, worker: 'always' | 'never') {
  return page.evaluate(async ({ worker, data }) => {
    const engine = window.axon!.engine!;
    const { inputs, targets } = data;
    const trainer = await engine.createLayeredTrainer(
      {
        model: {
          input: [4, 12],
          layers: [{ type: 'conv1d', filters: 3, kernelSize: 4, activation: 'relu' }, { type: 'max-pool1d', size: 3 }, { type: 'flatten' }, { type: 'dropout', rate: 0.1 }, { type: 'dense', units: 1 }],
          output: 'sigmoid',
        },
        loss: 'bce',
        optimizer: { kind: 'adam', learningRate: 0.05 },
        batching: { mode: 'minibatch', size: 8 },
        validation: { fraction: 0.25 },
        seed: 3,
      },
      { inputs, targets },
      { worker },
    );
    const losses: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      await trainer.step(10);
      losses.push((await trainer.readBack())!.loss);
    }
    const predictions = await trainer.predict(inputs.slice(0, 4));
    const inWorker = 'inWorker' in trainer;
    const backend = 'inWorker' in trainer ? trainer.engineInfo!.backend : engine.info.backend;
    const validation = trainer.validationRecord!.losses;
    trainer.dispose();
    return { losses, predictions, inWorker, backend, validation };
  }, { worker, data: miniMotifData() });
}

test('a layered trainer in the worker trains on WASM to the main thread’s losses, and the worker chunk comes from the site', async ({ page }) => {
  const elsewhere: string[] = [];
  // Offline as a lecture hall is: only the site itself answers.
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') {
      elsewhere.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await openDeck(page, `${DECK}?backend=wasm`);
  const onMain = await convRun(page, 'never');
  const inWorker = await convRun(page, 'always');
  expect(onMain.inWorker).toBe(false);
  expect(inWorker.inWorker).toBe(true);
  expect(inWorker.backend).toBe('wasm');
  // One worker, a chunk of the built site (Vite's `new Worker(new URL(…))`), not a blob or another host.
  expect(workers).toHaveLength(1);
  expect(workers[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(problems\/)?assets\/[\w.-]+\.js$/);
  expect(elsewhere).toEqual([]);
  // The same seed: the same dropout masks, batches and weights, so the same losses within float32 rounding.
  expect(inWorker.losses[4]).toBeLessThan(inWorker.losses[0]!);
  inWorker.losses.forEach((loss, i) => expect(Math.abs(loss - onMain.losses[i]!), `after ${10 * (i + 1)} steps`).toBeLessThan(1e-5 * (1 + onMain.losses[i]!)));
  inWorker.validation.forEach((loss, i) => expect(Math.abs(loss - onMain.validation[i]!)).toBeLessThan(1e-5 * (1 + onMain.validation[i]!)));
  inWorker.predictions.forEach(([p], i) => expect(Math.abs(p! - onMain.predictions[i]![0]!)).toBeLessThan(1e-5));
});

test('scheduled in the worker, a heavy trainer trains on while the page keeps animating, and carries on after its GPU is lost', async ({ page }) => {
  test.setTimeout(150_000);
  await openDeck(page, `${DECK}?backend=webgl`);
  const result = await page.evaluate(async () => {
    const engine = window.axon!.engine!;
    // Each wait gives up after 40 s saying what it waited for, rather than the test timing out mute.
    const within = <T,>(what: string, promise: Promise<T>) =>
      Promise.race([promise, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`still waiting for ${what} after 40 s (readouts: ${readouts.length}; failures: ${failures.join(' | ') || 'none'})`)), 40_000))]);
    // The autoencoder's shape on 256 random "images": far over 4 M multiply-adds a step, so `auto` takes the worker.
    const readouts: number[] = [];
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const inputs = Array.from({ length: 256 }, () => Array.from({ length: 784 }, () => (random() < 0.2 ? 1 : 0)));
    const trainer = await engine.createLayeredTrainer(
      {
        model: { input: [784], layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 2 }, { type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 784 }], output: 'sigmoid' },
        loss: 'bce',
        optimizer: { kind: 'adam', learningRate: 1e-3 },
        batching: { mode: 'minibatch', size: 64 },
        seed: 1,
      },
      { inputs, targets: inputs },
      { worker: 'auto' },
    );
    if (!('inWorker' in trainer)) throw new Error('auto kept the autoencoder on the main thread');
    const startedOn = trainer.engineInfo!.backend;
    trainer.events.on('readout', (r) => readouts.push(r.loss));
    const failures: string[] = [];
    trainer.events.on('failed', (f) => failures.push(f.message));
    const handle = engine.schedule(trainer);
    // Frames while it trains: the page must keep drawing (not a timing target: that is the bench's).
    const gaps: number[] = [];
    let last = performance.now();
    await within('3 readouts', new Promise<void>((done) => {
      const frame = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (readouts.length >= 3) done();
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }));
    const stepsBefore = trainer.steps;
    const moved = new Promise<string>((resolve) => engine.events.on('workerBackend', (info) => resolve(info.reason)));
    await within('the GPU to be lost', engine.trainingWorker().loseGpu());
    const reason = await within('the worker engine to move on', moved);
    const readoutsAtLoss = readouts.length;
    await within('readouts after the loss', new Promise<void>((done) => {
      const check = () => (readouts.length >= readoutsAtLoss + 3 ? done() : setTimeout(check, 50));
      check();
    }));
    handle.pause();
    const stats = handle.stats;
    const weights = trainer.latestWeights.map((l) => l.weight?.shape);
    trainer.dispose();
    gaps.sort((a, b) => a - b);
    return { failures, startedOn, stepsBefore, stepsAfter: stats.steps, reason, readouts, medianGap: gaps[Math.floor(gaps.length / 2)]!, weights, running: handle.running };
  });
  expect(result.failures).toEqual([]);
  expect(result.startedOn).toBe('webgl');
  expect(result.stepsBefore).toBeGreaterThan(0);
  expect(result.reason).toMatch(/WebGL .*lost.*continued on/);
  expect(result.stepsAfter).toBeGreaterThan(result.stepsBefore);
  expect(result.readouts.every(Number.isFinite)).toBe(true);
  expect(result.weights).toEqual([[128, 784], [2, 128], [128, 2], [784, 128]]);
  expect(result.running).toBe(false);
  expect(result.medianGap).toBeLessThan(200);
});
