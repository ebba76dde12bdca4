/**
 * The engine with WebGPU available on a software adapter (SwiftShader): chosen only when asked for,
 * agreeing with the CPU backend, and recovering when the device is lost mid-training.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browser.ts';
import { openDeck } from './support.ts';
import { DECK, cnnLosses, loseGpuMidTraining, workedExample, xorRun } from './engine-support.ts';

// A software WebGPU adapter is what a machine without a GPU can offer: enough to test correctness.
test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
  },
});

test.describe('with a software WebGPU adapter (SwiftShader)', () => {
  test('auto does not pick the software adapter, and says why', async ({ page }) => {
    await openDeck(page, DECK);
    const hasAdapter = await page.evaluate(async () => Boolean(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
    test.skip(!hasAdapter, 'this Chromium offers no WebGPU adapter even with SwiftShader');
    const info = await page.evaluate(() => window.axon!.engine!.info);
    expect(info.backend).not.toBe('webgpu');
    expect(info.label).toMatch(/WebGPU here is software only/);
  });

  test('?backend=webgpu runs on it, and agrees with the CPU backend', async ({ page }) => {
    test.setTimeout(120_000);
    await openDeck(page, `${DECK}?backend=webgpu`);
    const info = await page.evaluate(() => window.axon!.engine!.info);
    test.skip(info.backend !== 'webgpu', `no WebGPU here: ${info.reason}`);
    await expect(page.locator('.axon-engine-badge')).toContainText('WebGPU · ');
    const example = await workedExample(page);
    expect(example.loss).toBeCloseTo(0.0144, 5);
    expect(example.w1).toBeCloseTo(0.5384, 5);
    const gpu = await xorRun(page);
    await openDeck(page, `${DECK}?backend=cpu`);
    const cpu = await xorRun(page);
    // Documented tolerance: float32 on different hardware, 200 Adam steps: losses within 1e-3.
    gpu.losses.forEach((loss, i) => expect(Math.abs(loss - cpu.losses[i]!), `loss at step ${(i + 1) * 20}`).toBeLessThan(1e-3));
    expect(cpu.losses.at(-1)!).toBeLessThan(cpu.losses[0]!);
  });

  test('a CNN (conv1d, global max) trains on it to the losses the CPU backend gives', async ({ page }) => {
    test.setTimeout(120_000);
    await openDeck(page, `${DECK}?backend=webgpu`);
    const info = await page.evaluate(() => window.axon!.engine!.info);
    test.skip(info.backend !== 'webgpu', `no WebGPU here: ${info.reason}`);
    const gpu = await cnnLosses(page);
    await openDeck(page, `${DECK}?backend=cpu`);
    const cpu = await cnnLosses(page);
    // The same tolerance as the CPU/WASM/WebGL comparison in engine.spec.ts: float32 on other hardware.
    gpu.forEach((loss, i) => expect(Math.abs(loss - cpu[i]!), `after ${10 * (i + 1)} steps`).toBeLessThan(1e-3 * (1 + cpu[i]!)));
    expect(cpu.at(-1)!).toBeLessThan(cpu[0]!);
  });

  test('when the WebGPU device is lost mid-training, training continues on the next backend from the last weights', async ({ page }) => {
    test.setTimeout(120_000);
    await openDeck(page, `${DECK}?backend=webgpu`);
    const info = await page.evaluate(() => window.axon!.engine!.info);
    test.skip(info.backend !== 'webgpu', `no WebGPU here: ${info.reason}`);
    const result = await loseGpuMidTraining(page, 'destroy-webgpu-device');
    expect(result.info.backend).not.toBe('webgpu');
    expect(result.info.recoveredFrom?.backend).toBe('webgpu');
    result.restored.forEach((layer, l) =>
      layer.weights.forEach((row, i) => row.forEach((w, j) => expect(w).toBeCloseTo(result.snapshot[l]!.weights[i]![j]!, 6))),
    );
    expect(result.after).toBeLessThan(result.before);
    await expect(page.locator('.axon-engine-badge')).toContainText('WebGPU was lost, training continued');
  });
});
