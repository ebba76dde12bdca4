/**
 * A Quarto deck as it is, in `axon dev`: a `.qmd` file with its pictures beside its folder (`../images/…`), a
 * reveal.js snippet on a slide (`Reveal.on(…)`), a dev overlay that speaks Axon, "fixed" lines in the terminal,
 * and the light theme `axon export --theme light` asks the page for.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { startDevServer, type DevServer } from './dev-server.ts';
import { openDeck, showSlide } from './support.ts';

// The static site's port (playwright.config.ts) + 1000: a port of its own that a side-by-side run does not take.
const PORT = Number(process.env.AXON_E2E_PORT ?? 4599) + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
let server: DevServer | undefined;
let course = '';

const DECK = `---
title: A Quarto lecture
theme: dark
plugins: [search, zoom]
---

## Pictures

![menu](../images/menu.svg){width="200"}

<script>
Reveal.on('ready', function () { document.documentElement.dataset.heardReady = 'yes'; });
Reveal.on('slidechanged', function (event) { document.documentElement.dataset.heardSlide = String(event.indexh); });
</script>

## Second

Text.
`;

const deckFile = () => join(course, 'slides', 'lecture.qmd');

test.beforeAll(async () => {
  course = mkdtempSync(join(tmpdir(), 'axon-quarto-dev-'));
  mkdirSync(join(course, 'images'));
  mkdirSync(join(course, 'slides'));
  writeFileSync(join(course, 'images/menu.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c00"/></svg>');
  writeFileSync(join(course, 'images/private.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(deckFile(), DECK);
  server = await startDevServer(join(course, 'slides'), PORT);
});

test.afterEach(({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(`axon dev said:\n${server?.log}`);
});

test.afterAll(() => {
  server?.stop();
  if (course) rmSync(course, { recursive: true, force: true });
});

test('a .qmd deck is in the index, shows its ../images picture, and its Reveal.on(…) snippet works', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${BASE}/`);
  await expect(page.locator('.axon-deck-card a')).toHaveText('A Quarto lecture');
  await openDeck(page, `${BASE}/lecture.html`);
  // Slide 0 is the title slide the front matter makes; the picture is on slide 1.
  await showSlide(page, 1);
  const picture = page.locator('section.present img[alt="menu"]');
  await expect(picture).toHaveAttribute('src', '_external/up-1/images/menu.svg');
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // Only what a deck refers to is served from outside its folder.
  expect((await fetch(`${BASE}/_external/up-1/images/private.svg`)).status).toBe(404);

  expect(await page.evaluate(() => window.Reveal === window.axon?.reveal)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.dataset.heardReady)).toBe('yes');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.heardSlide)).toBe('1');
  await showSlide(page, 2);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.heardSlide)).toBe('2');
  expect(errors).toEqual([]);
});

test('a bad save shows Axon’s overlay (file:line, what to do, no vite.config); the fix takes it down and says "fixed"', async ({ page }) => {
  test.setTimeout(90_000);
  await openDeck(page, `${BASE}/lecture.html`);
  writeFileSync(deckFile(), DECK.replace('title: A Quarto lecture', 'title: [unclosed'));
  const overlay = page.locator('#axon-error-overlay');
  await expect(overlay).toBeVisible({ timeout: 20_000 });
  await expect(overlay).toContainText(/lecture\.qmd:\d+: /);
  await expect(overlay).toContainText('Fix the line named above and save');
  await expect(overlay).not.toContainText('vite.config');
  await expect(page.locator('vite-error-overlay')).toHaveCount(0);

  // A save that compiles with a warning, then one that fixes it: the terminal says so.
  writeFileSync(deckFile(), DECK.replace('plugins: [search, zoom]', 'plugins: [search, chalkboard]'));
  await expect(overlay).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(() => server!.log, { timeout: 20_000 }).toMatch(/lecture\.qmd: fixed — the deck compiles again, 1 problem/);
  await expect.poll(() => server!.log).toMatch(/lecture\.qmd:4: front matter warning: unknown reveal\.js plugin `chalkboard`/);
  writeFileSync(deckFile(), DECK);
  await expect.poll(() => server!.log, { timeout: 20_000 }).toMatch(/lecture\.qmd: fixed — front matter warning \(was line 4\): unknown reveal\.js plugin `chalkboard`/);
  await expect.poll(() => server!.log).toMatch(/lecture\.qmd: fixed — 0 problems/);
});

test('?axon-theme=light (axon export --theme light) shows a dark deck dark-on-light', async ({ page }) => {
  // The theme's background colour, as the slides use it (assets/theme/axon.css), as a lightness from 0 to 255.
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--axon-bg').trim());
  const lightness = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
    return (r! + g! + b!) / 3;
  };
  await openDeck(page, `${BASE}/lecture.html`);
  expect(await page.evaluate(() => document.documentElement.dataset.axonTheme)).toBe('dark');
  const dark = lightness(await background());
  await openDeck(page, `${BASE}/lecture.html?axon-theme=light`);
  expect(await page.evaluate(() => document.documentElement.dataset.axonTheme)).toBe('light');
  expect(dark).toBeLessThan(64);
  expect(lightness(await background())).toBeGreaterThan(192);
});

test('axon export --theme light prints a dark deck on white; without it the deck stays dark', async () => {
  test.setTimeout(120_000);
  const out = join(course, 'printed');
  const corner = (theme: string[]) => {
    const dir = join(out, theme.join('') || 'deck');
    const run = spawnSync(process.execPath, ['bin/axon.js', 'export', deckFile(), '--format', 'png', '--slides', '3', '--out', dir, '--quiet', ...theme], { encoding: 'utf8', timeout: 100_000 });
    expect(run.status, run.stderr).toBe(0);
    const png = PNG.sync.read(readFileSync(join(dir, 'lecture-03.png')));
    const at = (10 * png.width + 10) * 4;
    return [png.data[at] ?? 0, png.data[at + 1] ?? 0, png.data[at + 2] ?? 0];
  };
  expect(corner(['--theme', 'light'])).toEqual([255, 255, 255]);
  expect(Math.max(...corner([]))).toBeLessThan(64);
});

