/**
 * The training engine in a real browser: which backend it picks and says it picks, the lecture's worked
 * example on every backend, CPU and WebGPU agreeing, and training that survives losing the GPU.
 */
import { expect, test } from '@playwright/test';
import { openDeck } from './support.ts';
import { DECK, cnn2dRuns, cnnLosses, loseGpuMidTraining, workedExample } from './engine-support.ts';

test.describe('on a browser without WebGPU', () => {
  test('the engine falls back, and the badge says which backend and why', async ({ page }) => {
    await openDeck(page, 'sample.html');
    const info = await page.evaluate(() => window.axon!.engine!.info);
    expect(info.backend).not.toBe('webgpu');
    const badge = page.locator('.axon-engine-badge');
    await expect(badge).toBeVisible();
    await expect(badge).toHaveText(info.label);
    expect(info.label).toMatch(/^(WebGL|WASM|CPU) — .*WebGPU/);
    // A software WebGL (SwiftShader here) is slower than WASM on every lecture workload: auto skips it.
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
    });
    if (/swiftshader|llvmpipe/i.test(renderer)) expect(info.backend).toBe('wasm');
  });

  test('the badge speaks to the presenter: a small mark that opens on focus, and a line in the speaker notes', async ({ page }) => {
    await openDeck(page, 'intro-deep-learning.html?backend=wasm');
    const badge = page.locator('.axon-engine-badge');
    await expect(badge).toContainText('WASM');
    // At rest the room sees a mark, not a sentence.
    expect((await badge.boundingBox())!.width).toBeLessThanOrEqual(32);
    await badge.focus();
    // Focused, it opens to show its whole sentence, unclipped.
    await expect.poll(async () => (await badge.boundingBox())!.width).toBeGreaterThan(60);
    expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The speaker view shows the sentence under the notes of a slide with a training widget.
    const notes = await page.evaluate(() => {
      const slide = [...document.querySelectorAll('.reveal .slides section')].find((s) => s.querySelector('backprop-walkthrough'))!;
      return slide.querySelector('aside.notes .axon-engine-note')?.textContent ?? '';
    });
    expect(notes).toMatch(/^Training engine: WASM/);
  });

  for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
    test(`?backend=${backend}: the worked example gives L = 0.0144, w1 → 0.5384, w2 → 0.8264`, async ({ page }) => {
      await openDeck(page, `${DECK}?backend=${backend}`);
      expect(await page.evaluate(() => window.axon!.engine!.info.backend)).toBe(backend);
      await expect(page.locator('.axon-engine-badge')).toContainText({ cpu: 'CPU', wasm: 'WASM', webgl: 'WebGL' }[backend]);
      const result = await workedExample(page);
      expect(result.loss).toBeCloseTo(0.0144, 5);
      expect(result.w1).toBeCloseTo(0.5384, 5);
      expect(result.w2).toBeCloseTo(0.8264, 5);
    });
  }

  test('an unknown ?backend= falls back to automatic choice and says so', async ({ page }) => {
    await openDeck(page, `${DECK}?backend=cuda`);
    await expect(page.locator('.axon-engine-badge')).toHaveAttribute('title', /"cuda" is not one of/);
  });

  test('a deck without training widgets or a backend never loads TF.js', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => scripts.push(request.url()));
    await openDeck(page, 'problems/dark.html');
    expect(scripts.filter((url) => /tfjs|engine/i.test(url))).toEqual([]);
    await expect(page.locator('.axon-engine-badge')).toHaveCount(0);
  });
});

test('when the WebGL context is lost mid-training, training continues on the next backend from the last weights', async ({ page }) => {
  await openDeck(page, `${DECK}?backend=webgl`);
  const result = await loseGpuMidTraining(page, 'lose-webgl-context');
  expect(result.info.backend).toBe('wasm');
  expect(result.info.recoveredFrom).toEqual({ backend: 'webgl', reason: 'WebGL context lost' });
  expect(result.restored[0]!.weights).toEqual(result.snapshot[0]!.weights);
  expect(result.after).toBeLessThan(result.before);
  await expect(page.locator('.axon-engine-badge')).toHaveText('WASM — WebGL was lost, training continued');
});

test('the scheduler trains a registered trainer in frame slices, pauses it when hidden and resumes it', async ({ page }) => {
  await openDeck(page, `${DECK}?backend=cpu`);
  const result = await page.evaluate(async () => {
    const engine = window.axon!.engine!;
    const trainer = engine.createTrainer(
      { network: { layers: [2, 8, 1], hidden: 'relu', output: 'linear' }, loss: 'mse', optimizer: { kind: 'adam', learningRate: 0.01 }, seed: 1, name: 'test' },
      { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] },
    );
    const readouts: number[] = [];
    trainer.events.on('readout', (r) => readouts.push(r.step));
    const handle = engine.schedule(trainer);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Long frames would show up as gaps between animation frames.
    const frameGaps: number[] = [];
    let last = performance.now();
    let watching = true;
    const watch = (time: number) => {
      frameGaps.push(time - last);
      last = time;
      if (watching) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    await wait(700);
    const whileShown = trainer.steps;
    handle.setVisible(false);
    await wait(150);
    const atHide = trainer.steps;
    await wait(400);
    const whileHidden = trainer.steps - atHide;
    handle.setVisible(true);
    await wait(400);
    const resumed = trainer.steps - atHide - whileHidden;
    watching = false;
    handle.remove();
    trainer.dispose();
    frameGaps.sort((a, b) => a - b);
    return { whileShown, whileHidden, resumed, readouts: readouts.length, medianGap: frameGaps[Math.floor(frameGaps.length / 2)]! };
  });
  expect(result.whileShown).toBeGreaterThan(10);
  expect(result.whileHidden).toBe(0);
  expect(result.resumed).toBeGreaterThan(0);
  expect(result.readouts).toBeGreaterThan(3);
  // Not a timing assertion on the machine's speed: training must leave the page animating at all.
  expect(result.medianGap).toBeLessThan(200);
});

test('a CNN trains on the CPU, WASM (whose TF.js has no filter-gradient kernel) and WebGL backends to the same losses', async ({ page }) => {
  const losses: Record<string, number[]> = {};
  for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
    await openDeck(page, `${DECK}?backend=${backend}`);
    losses[backend] = await cnnLosses(page);
  }
  expect(losses.wasm!.at(-1)).toBeLessThan(losses.wasm![0]!);
  for (const backend of ['wasm', 'webgl'] as const) {
    losses[backend]!.forEach((loss, i) => expect(Math.abs(loss - losses.cpu![i]!), `${backend} after ${10 * (i + 1)} steps`).toBeLessThan(1e-3 * (1 + losses.cpu![i]!)));
  }
});

test('2-D CNNs with max-pooling train on the CPU, WASM (whose TF.js max-pool gradient is wrong) and WebGL backends with the same gradients and losses', async ({ page }) => {
  const runs: Record<string, Awaited<ReturnType<typeof cnn2dRuns>>> = {};
  for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
    await openDeck(page, `${DECK}?backend=${backend}`);
    expect(await page.evaluate(() => window.axon!.engine!.info.backend)).toBe(backend);
    runs[backend] = await cnn2dRuns(page);
  }
  for (const model of ['bars', 'pooled'] as const) {
    const cpu = runs.cpu![model];
    expect(cpu.losses.at(-1), `${model} learns`).toBeLessThan(cpu.losses[0]!);
    const scale = Math.max(...cpu.gradient.map(Math.abs));
    for (const backend of ['wasm', 'webgl'] as const) {
      const run = runs[backend]![model];
      run.gradient.forEach((g, i) => expect(Math.abs(g - cpu.gradient[i]!), `${model} on ${backend}: parameter ${i}'s gradient`).toBeLessThan(1e-4 * scale));
      run.losses.forEach((loss, i) => expect(Math.abs(loss - cpu.losses[i]!), `${model} on ${backend} after ${5 * (i + 1)} steps`).toBeLessThan(1e-3 * (1 + cpu.losses[i]!)));
    }
  }
});
