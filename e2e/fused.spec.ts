/**
 * The fused training steps in Chromium, each against TF.js op by op on the same backend: the WebAssembly
 * and JavaScript kernels on the CPU backend, and the WebGPU kernel on a software adapter (SwiftShader),
 * where its dispatches and submissions are also counted. No assertion is about speed.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browser.ts';
import { DECK } from './engine-support.ts';
import { CASES } from '../engine/fused/fused.cases.ts';
import { difference, runOnPath } from './fused-support.ts';
import { openDeck } from './support.ts';

// A software WebGPU adapter for the WebGPU kernel; the CPU tests do not mind it.
test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
  },
});

test('the fused step in WebAssembly and in JavaScript computes what TF.js computes op by op', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeck(page, `${DECK}?backend=cpu`);
  for (const c of CASES) {
    const reference = await runOnPath(page, c, 'op-by-op');
    for (const path of ['fused-wasm', 'fused-js'] as const) {
      const fused = await runOnPath(page, c, path);
      expect(fused.path, c.name).toBe(path);
      expect(difference(fused, reference), `${c.name}, ${path}`).toBeUndefined();
    }
    // The runs compared trained (minibatch losses are noisy: the first five steps against the last five).
    const mean = (losses: number[]) => losses.reduce((sum, loss) => sum + loss, 0) / losses.length;
    expect(mean(reference.losses.slice(-5)), c.name).toBeLessThan(mean(reference.losses.slice(0, 5)));
  }
});

test('on the CPU backend a lecture-sized network takes the WebAssembly step by itself', async ({ page }) => {
  await openDeck(page, `${DECK}?backend=cpu`);
  const chosen = await page.evaluate(() => {
    const trainer = window.axon!.engine!.createTrainer(
      { network: { layers: [2, 4, 1], hidden: 'tanh', output: 'sigmoid' }, loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1 },
      { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] },
    );
    const choice = { path: trainer.path, reason: trainer.pathReason };
    trainer.dispose();
    return choice;
  });
  expect(chosen).toEqual({ path: 'fused-wasm', reason: 'the fused step (WebAssembly SIMD) outruns TF.js cpu op by op' });
});

test.describe('on a software WebGPU adapter (SwiftShader)', () => {
  test('the fused WebGPU step computes what TF.js computes op by op on WebGPU', async ({ page }) => {
    test.setTimeout(240_000);
    await openDeck(page, `${DECK}?backend=webgpu`);
    const info = await page.evaluate(() => window.axon!.engine!.info);
    test.skip(info.backend !== 'webgpu', `no WebGPU here: ${info.reason}`);
    for (const c of CASES) {
      const reference = await runOnPath(page, c, 'op-by-op');
      const fused = await runOnPath(page, c, 'fused-webgpu');
      expect(fused.path, c.name).toBe('fused-webgpu');
      expect(difference(fused, reference), c.name).toBeUndefined();
    }
  });

  test('ten steps are twenty dispatches in one submission, and the run survives suspend and resume', async ({ page }) => {
    test.setTimeout(120_000);
    await openDeck(page, `${DECK}?backend=webgpu`);
    const info = await page.evaluate(() => window.axon!.engine!.info);
    test.skip(info.backend !== 'webgpu', `no WebGPU here: ${info.reason}`);
    const result = await page.evaluate(async () => {
      const spec = { network: { layers: [1, 32, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'adam', learningRate: 0.01 }, seed: 2 } as const;
      const data = { inputs: Array.from({ length: 50 }, (_, i) => [i / 25 - 1]), targets: Array.from({ length: 50 }, (_, i) => [(i / 25 - 1) ** 2]) };
      const engine = window.axon!.engine!;
      const straight = engine.createTrainer({ ...spec, path: 'fused-webgpu' }, data);
      const paused = engine.createTrainer({ ...spec, path: 'fused-webgpu' }, data);
      await straight.readWeights(); // the pipelines are built and the first writes are done before counting
      const pass = GPUComputePassEncoder.prototype as unknown as { dispatchWorkgroups: (...args: number[]) => void };
      const queue = GPUQueue.prototype as unknown as { submit: (buffers: unknown[]) => void };
      const dispatch = pass.dispatchWorkgroups;
      const submit = queue.submit;
      const counts = { dispatches: 0, submissions: 0 };
      pass.dispatchWorkgroups = function (this: unknown, ...args: number[]) {
        counts.dispatches += 1;
        return dispatch.apply(this, args);
      };
      queue.submit = function (this: unknown, buffers: unknown[]) {
        counts.submissions += 1;
        return submit.call(this, buffers);
      };
      straight.step(10);
      pass.dispatchWorkgroups = dispatch;
      queue.submit = submit;
      straight.step(10);
      const loss = (await straight.readBack())!.loss;

      paused.step(10);
      await paused.readBack();
      const suspended = await paused.suspend();
      paused.step(10);
      const resumedLoss = (await paused.readBack())!.loss;
      const weights = [await straight.readWeights(), await paused.readWeights()].map((layers) => layers.flatMap((l) => [...l.weights.flat(), ...l.biases]));
      const dispatchesPerStep = straight.dispatchesPerStep;
      straight.dispose();
      paused.dispose();
      return { counts, dispatchesPerStep, loss, resumedLoss, suspended, weights };
    });
    expect(result.counts).toEqual({ dispatches: 20, submissions: 1 });
    expect(result.dispatchesPerStep).toBe(2);
    expect(result.suspended).toBe(true);
    expect(result.resumedLoss).toBeCloseTo(result.loss, 6);
    result.weights[1]!.forEach((w, i) => expect(w).toBeCloseTo(result.weights[0]![i]!, 6));
  });
});
