/**
 * The training engine in a real browser: which backend it picks and says it picks, the lecture's worked
 * example on every backend, CPU and WebGPU agreeing, and training that survives losing the GPU.
 */
import { expect, test } from '@playwright/test';
import { openDeck } from './support.ts';
import { DECK, workedExample } from './engine-support.ts';

test.describe('on a browser without WebGPU', () => {
  test('the engine falls back, and the badge says which backend and why', async ({ page }) => {
    await openDeck(page, DECK);
    const info = await page.evaluate(() => window.axon!.engine!.info);
    expect(info.backend).not.toBe('webgpu');
    const badge = page.locator('.axon-engine-badge');
    await expect(badge).toBeVisible();
    await expect(badge).toHaveText(info.label);
    expect(info.label).toMatch(/^(WebGL|WASM|CPU) — .*WebGPU/);
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
    await openDeck(page, 'sample.html');
    expect(scripts.filter((url) => /tfjs|engine/i.test(url))).toEqual([]);
    await expect(page.locator('.axon-engine-badge')).toHaveCount(0);
  });
});
