/**
 * `axon build --single-file`, opened as a student would open an e-mailed file: from disk (`file://`), with every
 * request that is not a `file:`, `data:` or `blob:` URL refused. The deck must start with no console error, show
 * its KaTeX with KaTeX's own fonts and its picture, start the training worker, train a widget (Play → the loss
 * drops), open the speaker view, and link back to its index.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

const FIXTURE = 'e2e/fixtures/single-file';
let folder = '';
let site = '';
let buildOutput = '';

/** What the page did that it should not have: console errors, uncaught errors, requests that would leave the file. */
interface Problems {
  consoleErrors: string[];
  refused: string[];
}

/** Refuses every request but file:, data: and blob: ones (recording them), and records console errors. */
async function offline(context: BrowserContext, page: Page): Promise<Problems> {
  const problems: Problems = { consoleErrors: [], refused: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    problems.refused.push(url);
    return route.abort('internetdisconnected');
  });
  return problems;
}

async function openFromDisk(page: Page, name: string, query = ''): Promise<void> {
  await page.goto(`${pathToFileURL(join(site, `${name}.html`)).href}${query}`);
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: 60_000 });
}

/** Shows the slide that holds an element matching `selector`. */
async function showSlideWith(page: Page, selector: string): Promise<void> {
  await page.evaluate((selector) => {
    const reveal = window.axon!.reveal;
    const slide = reveal.getSlides().find((s) => s.querySelector(selector));
    if (!slide) throw new Error(`no slide holds ${selector}`);
    const { h, v } = reveal.getIndices(slide);
    reveal.slide(h, v ?? 0);
  }, selector);
}

/** `epoch N · MSE x` from the widget's status. */
async function reading(page: Page): Promise<{ epoch: number; mse: number }> {
  const text = (await page.locator('section.present ua-fitter').getByRole('status').textContent()) ?? '';
  const match = /epoch (\d+) · MSE ([\d.]+)/.exec(text);
  if (!match) throw new Error(`no epoch and MSE in "${text}"`);
  return { epoch: Number(match[1]), mse: Number(match[2]) };
}

test.beforeAll(() => {
  test.setTimeout(240_000);
  folder = mkdtempSync(join(tmpdir(), 'axon-single-file-e2e-'));
  site = join(folder, 'site');
  const result = spawnSync(process.execPath, ['bin/axon.js', 'build', FIXTURE, '--single-file', '--out', site], { encoding: 'utf8', timeout: 230_000 });
  buildOutput = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`axon build --single-file failed:\n${buildOutput}`);
});

test.afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the folder holds one .html per deck and an index linking it, and nothing they would need beside them', () => {
  expect(readdirSync(site).sort()).toEqual(['.axon-build', 'index.html', 'lecture.html']);
  expect(buildOutput).toMatch(/lecture\.html\s+\d+\.\d MB\s+\(\d+\.\d MB gzip\)/);
  const deck = readFileSync(join(site, 'lecture.html'), 'utf8');
  // No script, stylesheet or picture is left to load from beside the file.
  expect(deck).not.toMatch(/\b(src|href)="\.?\/?(assets|img)\//);
  expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('href="lecture.html"');
});

test('opened from disk with the network refused: math in KaTeX fonts, the picture, the worker, and Play trains', async ({ page, context }) => {
  test.setTimeout(120_000);
  const problems = await offline(context, page);
  await openFromDisk(page, 'lecture', '?transition=none&backgroundTransition=none');

  // KaTeX rendered at build time, its fonts from inside the file: loading the face succeeds only if its source does.
  expect(await page.locator('.katex').count()).toBeGreaterThan(2);
  const katexFaces = await page.evaluate(async () => (await document.fonts.load('20px KaTeX_Main', 'σ')).map((face) => face.status));
  expect(katexFaces).toEqual(['loaded']);

  // The picture, as a data: URL that decoded.
  await showSlideWith(page, 'img[alt="A neuron with three inputs"]');
  const picture = page.locator('section.present img[alt="A neuron with three inputs"]');
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => ({ data: img.src.startsWith('data:image/svg+xml'), width: img.naturalWidth }))).toEqual({ data: true, width: 240 });

  // The training worker starts from the Blob URL inside the page and gets a backend.
  const worker = await page.evaluate(async () => (await window.axon!.engine!.trainingWorker().ready).backend);
  expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(worker);

  // A widget trains: Play, and the loss drops.
  await showSlideWith(page, 'ua-fitter');
  const widget = page.locator('section.present ua-fitter');
  await expect(widget.getByRole('status')).toHaveText(/^epoch 0 · MSE /);
  const before = await reading(page);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await reading(page)).epoch, { timeout: 60_000 }).toBeGreaterThan(100);
  const after = await reading(page);
  expect(after.mse).toBeLessThan(before.mse * 0.8);

  expect(problems).toEqual({ consoleErrors: [], refused: [] });
});

test("the speaker view opens from disk with the slide's notes", async ({ page, context }) => {
  test.setTimeout(90_000);
  const problems = await offline(context, page);
  await openFromDisk(page, 'lecture');
  await showSlideWith(page, '.katex-display');
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await expect(speaker.locator('.speaker-controls-notes')).toContainText('the fonts came from inside the file', { timeout: 30_000 });
  await showSlideWith(page, 'ua-fitter');
  await expect(speaker.locator('.speaker-controls-notes')).toContainText('no server and no network', { timeout: 30_000 });
  expect(problems.refused).toEqual([]);
});

test('the index opens from disk and its card opens the deck', async ({ page, context }) => {
  const problems = await offline(context, page);
  await page.goto(pathToFileURL(join(site, 'index.html')).href);
  await page.getByRole('link', { name: 'One file, no server' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: 60_000 });
  expect(page.url()).toMatch(/\/lecture\.html(#.*)?$/);
  expect(problems).toEqual({ consoleErrors: [], refused: [] });
});
