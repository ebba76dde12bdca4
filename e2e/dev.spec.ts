/**
 * `axon dev` as an instructor uses it while writing: saving the Markdown updates the open deck in place
 * and keeps the current slide; a bad save shows what is wrong and the next good save recovers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDevServer, type DevServer } from './dev-server.ts';
import { currentIndices, openDeck, showSlide } from './support.ts';

// Beside the static site the specs read (playwright.config.ts), so two runs side by side do not collide.
const PORT = Number(process.env.AXON_E2E_PORT ?? 4599) + 11;
let server: DevServer | undefined;
let folder = '';

const DECK = `---
title: Live editing
---

## First slide

Hello.

## Second slide

The original text.

## Third slide

More.
`;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'axon-dev-'));
  writeFileSync(join(folder, 'live.md'), DECK);
  server = await startDevServer(folder, PORT);
});

test.afterEach(({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(`axon dev said:\n${server?.log}`);
});

test.afterAll(() => {
  server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('saving the Markdown updates the open deck in place and keeps the current slide', async ({ page }) => {
  test.setTimeout(90_000);
  const url = `http://127.0.0.1:${PORT}/live.html`;
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.locator('.axon-deck-card a')).toHaveText('Live editing');
  await openDeck(page, url);
  await showSlide(page, 2);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  writeFileSync(join(folder, 'live.md'), DECK.replace('The original text.', 'The edited text.'));
  await expect(page.locator('section.present')).toContainText('The edited text.', { timeout: 20_000 });
  expect(await currentIndices(page)).toMatchObject({ h: 2, v: 0 });
  // No reload happened: the page's own state survived.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  // A bad save: the overlay names the file and line; the deck stays as it was.
  writeFileSync(join(folder, 'live.md'), DECK.replace('title: Live editing', 'title: [unclosed'));
  // Axon's overlay (deck/client/overlay.ts), not Vite's with its vite.config.js advice.
  await expect(page.locator('#axon-error-overlay')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#axon-error-overlay')).toContainText(/live\.md:\d+: /);
  await expect(page.locator('#axon-error-overlay')).not.toContainText('vite.config');
  await expect(page.locator('section.present')).toContainText('The edited text.');

  // The next good save recovers without a reload.
  writeFileSync(join(folder, 'live.md'), DECK.replace('The original text.', 'Fixed again.'));
  await expect(page.locator('section.present')).toContainText('Fixed again.', { timeout: 20_000 });
  await expect(page.locator('#axon-error-overlay')).toHaveCount(0);
  expect(await currentIndices(page)).toMatchObject({ h: 2, v: 0 });
  expect(readFileSync(join(folder, 'live.md'), 'utf8')).toContain('Fixed again.');

  // Two saves in quick succession (an editor that formats on save): the deck shows the last one.
  writeFileSync(join(folder, 'live.md'), DECK.replace('The original text.', 'First save.'));
  await new Promise((resolve) => setTimeout(resolve, 30));
  writeFileSync(join(folder, 'live.md'), DECK.replace('The original text.', 'Second save.'));
  await expect(page.locator('section.present')).toContainText('Second save.', { timeout: 20_000 });
});

test('a new deck file appears in the index without restarting the server', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.locator('.axon-deck-card')).toHaveCount(1);
  writeFileSync(join(folder, 'another.md'), '---\ntitle: Another lecture\n---\n\n## Hello\n');
  await expect(page.locator('.axon-deck-card a', { hasText: 'Another lecture' })).toBeVisible({ timeout: 20_000 });
  await page.locator('.axon-deck-card a', { hasText: 'Another lecture' }).click();
  await expect(page.locator('section.present h1.title')).toHaveText('Another lecture');
});
