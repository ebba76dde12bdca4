/**
 * Widgets anywhere: `axon build` writes `widgets/axon-widgets.js` (and `widgets/<tag>.js`) under names without
 * a content hash, and a plain page that is no deck — no reveal.js, no Axon stylesheet — imports it and uses
 * three widgets, one of which trains. The page lives in a folder of its own (as in an LMS), then on another
 * origin; every request that would leave the page's folder or the widgets folder is blocked and counted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widgetTags } from '../components/registry.ts';

// The static site's port (playwright.config.ts) + 1100 and + 1101: two origins of their own.
const COURSE_PORT = Number(process.env.AXON_E2E_PORT ?? 4599) + 1100;
const LMS_PORT = COURSE_PORT + 1;
const COURSE = `http://127.0.0.1:${COURSE_PORT}`;
const LMS = `http://127.0.0.1:${LMS_PORT}`;
const PAGE_PATH = '/lms/week-3/page.html';
const FIXTURE = 'e2e/fixtures/widgets-anywhere';

let work = '';
let site = '';
const servers: Server[] = [];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** `axon build` of the fixture deck into `out`; fails the test with what it printed. */
function axonBuild(out: string): void {
  const run = spawnSync(process.execPath, ['bin/axon.js', 'build', `${FIXTURE}/lecture.md`, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`axon build failed:\n${run.stdout}\n${run.stderr}`);
}

/**
 * A static server for the course site (`/dl/…`, sent to any origin, as GitHub Pages does) and the LMS page
 * (`/lms/week-3/page.html`); the page's script points at `widgetsBase` + the `?entry=` module (default
 * axon-widgets).
 */
function serve(port: number, widgetsBase: string): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    let body: Buffer | string | undefined;
    let file = '';
    if (url.pathname === PAGE_PATH) {
      const entry = url.searchParams.get('entry') ?? 'axon-widgets';
      file = 'page.html';
      body = readFileSync(join(FIXTURE, 'page.html'), 'utf8').replace('../../dl/widgets/axon-widgets.js', `${widgetsBase}${entry}.js`);
    } else if (url.pathname.startsWith('/dl/') && !url.pathname.includes('..')) {
      file = join(site, decodeURIComponent(url.pathname.slice('/dl/'.length)));
      body = existsFile(file) ? readFileSync(file) : undefined;
    }
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function existsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  work = mkdtempSync(join(tmpdir(), 'axon-widgets-anywhere-'));
  site = join(work, 'site');
  axonBuild(site);
  servers.push(await serve(COURSE_PORT, '../../dl/widgets/'), await serve(LMS_PORT, `${COURSE}/dl/widgets/`));
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Problems {
  consoleErrors: string[];
  failedRequests: string[];
  blocked: string[];
  /** Every request the page made, for the checks of where files came from. */
  requests: string[];
}

/** Records a page's problems and blocks every request outside the page's folder and the widgets folder. */
async function guard(page: Page, allowed: readonly string[]): Promise<Problems> {
  const problems: Problems = { consoleErrors: [], failedRequests: [], blocked: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => problems.requests.push(request.url()));
  page.on('requestfailed', (request) => {
    if (!problems.blocked.includes(request.url())) problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('blob:') || url.startsWith('data:') || allowed.some((prefix) => url.startsWith(prefix))) return route.continue();
    problems.blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return problems;
}

const noProblems = (problems: Problems) => ({ consoleErrors: problems.consoleErrors, failedRequests: problems.failedRequests, blocked: problems.blocked });

/** The epoch and MSE in `<ua-fitter>`'s status (`epoch 12 · MSE 0.01234`). */
async function fitterStatus(fitter: Locator): Promise<{ epoch: number; mse: number }> {
  const text = (await fitter.getByRole('status').textContent()) ?? '';
  const match = /epoch (\d+) · MSE ([\d.]+)/.exec(text);
  if (!match) throw new Error(`no epoch and MSE in "${text}"`);
  return { epoch: Number(match[1]), mse: Number(match[2]) };
}

/** softmax(z / T) and its entropy in nats, computed here, independently of the widget. */
function softmax(logits: readonly number[], temperature: number): { p: number[]; entropy: number } {
  const scaled = logits.map((z) => z / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((z) => Math.exp(z - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  const p = exps.map((e) => e / sum);
  return { p, entropy: -p.reduce((h, pi) => h + pi * Math.log(pi), 0) };
}

test('axon build writes widgets/axon-widgets.js and widgets/<tag>.js under the same names every time', () => {
  test.setTimeout(120_000);
  const first = readdirSync(join(site, 'widgets'));
  expect(first).toEqual(expect.arrayContaining(['axon-widgets.js', ...widgetTags.map((tag) => `${tag}.js`)]));
  // Everything else is in assets/: the entries are the only names a page needs.
  expect(first.filter((name) => name !== 'assets').sort()).toEqual(['axon-widgets.js', ...widgetTags.map((tag) => `${tag}.js`)].sort());
  // A second build into the same folder (the one axon build made) replaces it and keeps the entries' names.
  axonBuild(site);
  expect(readdirSync(join(site, 'widgets')).sort()).toEqual(first.sort());
});

test('a plain page in another folder uses three widgets offline; the one that trains learns, on WASM from the widgets folder', async ({ page }) => {
  const problems = await guard(page, [`${COURSE}${PAGE_PATH}`, `${COURSE}/dl/widgets/`]);
  await page.goto(`${COURSE}${PAGE_PATH}?backend=wasm`);

  const dna = page.locator('dna-onehot');
  await expect(dna.getByRole('status')).toContainText('L = 5, so the matrix is 5 × 4');

  const softmaxWidget = page.locator('softmax-temperature');
  const expected = softmax([2, 1, 0.1], 1);
  await expect(softmaxWidget.getByRole('status')).toContainText(`p = ${expected.p[0]!.toFixed(3)}`);
  await expect(softmaxWidget.getByRole('status')).toContainText(`H = ${expected.entropy.toFixed(3)} nats`);
  // The formula is typeset, with KaTeX's fonts loaded from beside the module (not the page's folder).
  await expect(softmaxWidget.locator('.katex').first()).toBeVisible();
  await expect
    .poll(() => page.evaluate(async () => (await document.fonts.ready, [...document.fonts].some((face) => face.family.replace(/"/g, '') === 'KaTeX_Main' && face.status === 'loaded'))))
    .toBe(true);
  expect(problems.requests.filter((url) => /KaTeX_Main/.test(url)).every((url) => url.startsWith(`${COURSE}/dl/widgets/assets/`))).toBe(true);
  // Axon's sans-serif, not the bare page's serif.
  expect(await dna.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^system-ui/);

  const fitter = page.locator('ua-fitter');
  await fitter.scrollIntoViewIfNeeded();
  const before = await fitterStatus(fitter);
  expect(before.epoch).toBe(0);
  await fitter.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await fitterStatus(fitter)).epoch, { timeout: 30_000 }).toBeGreaterThan(300);
  await fitter.getByRole('button', { name: 'Pause', exact: true }).click();
  expect((await fitterStatus(fitter)).mse).toBeLessThan(before.mse / 4);

  const backend = await page.evaluate(async (url) => {
    const widgets = (await import(url)) as { trainingEngine(): Promise<{ info: { backend: string } } | undefined> };
    return (await widgets.trainingEngine())?.info.backend;
  }, `${COURSE}/dl/widgets/axon-widgets.js`);
  expect(backend).toBe('wasm');
  expect(problems.requests.some((url) => url.startsWith(`${COURSE}/dl/widgets/assets/`) && url.endsWith('.wasm'))).toBe(true);
  expect(noProblems(problems)).toEqual({ consoleErrors: [], failedRequests: [], blocked: [] });
});

test('a widget scrolled out of view pauses its training and goes on when scrolled back', async ({ page }) => {
  const problems = await guard(page, [`${COURSE}${PAGE_PATH}`, `${COURSE}/dl/widgets/`]);
  await page.goto(`${COURSE}${PAGE_PATH}`);
  const fitter = page.locator('ua-fitter');
  await fitter.scrollIntoViewIfNeeded();
  await fitter.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await fitterStatus(fitter)).epoch).toBeGreaterThan(0);

  await page.evaluate(() => window.scrollTo(0, 0));
  // Far out of view (the page is taller than the window by more than the 100 px margin), the run stops.
  expect(await fitter.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(720 + 100);
  let resting = -1;
  await expect
    .poll(async () => {
      const epoch = (await fitterStatus(fitter)).epoch;
      const still = epoch === resting;
      resting = epoch;
      return still;
    }, { intervals: [500] })
    .toBe(true);
  await page.waitForTimeout(800);
  expect((await fitterStatus(fitter)).epoch).toBe(resting);

  await fitter.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await fitterStatus(fitter)).epoch).toBeGreaterThan(resting);
  expect(noProblems(problems)).toEqual({ consoleErrors: [], failedRequests: [], blocked: [] });
});

test('widgets/<tag>.js defines that widget alone', async ({ page }) => {
  const problems = await guard(page, [`${COURSE}${PAGE_PATH}`, `${COURSE}/dl/widgets/`]);
  await page.goto(`${COURSE}${PAGE_PATH}?entry=softmax-temperature`);
  await expect(page.locator('softmax-temperature').getByRole('status')).toContainText('T = 1.00');
  expect(await page.evaluate(() => ['dna-onehot', 'ua-fitter'].map((tag) => customElements.get(tag) !== undefined))).toEqual([false, false]);
  // Nothing trains on the page, so TF.js never loads.
  expect(problems.requests.filter((url) => /\.wasm$|\/tf-[\w-]+\.js$/.test(url))).toEqual([]);
  expect(noProblems(problems)).toEqual({ consoleErrors: [], failedRequests: [], blocked: [] });
});

test('from another origin (an LMS page importing the course site), the widgets and the training worker run', async ({ page }) => {
  const problems = await guard(page, [`${LMS}${PAGE_PATH}`, `${COURSE}/dl/widgets/`]);
  await page.goto(`${LMS}${PAGE_PATH}?backend=wasm`);
  await expect(page.locator('softmax-temperature').getByRole('status')).toContainText('T = 1.00');
  const fitter = page.locator('ua-fitter');
  await fitter.scrollIntoViewIfNeeded();
  await fitter.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await fitterStatus(fitter)).epoch, { timeout: 30_000 }).toBeGreaterThan(0);
  // A browser refuses `new Worker(url)` across origins; the widgets start theirs from a same-origin blob.
  const workerBackend = await page.evaluate(async (url) => {
    const widgets = (await import(url)) as { trainingEngine(): Promise<{ trainingWorker(): { ready: Promise<{ backend: string }> } } | undefined> };
    const engine = await widgets.trainingEngine();
    return (await engine?.trainingWorker().ready)?.backend;
  }, `${COURSE}/dl/widgets/axon-widgets.js`);
  expect(workerBackend).toBe('wasm');
  expect(noProblems(problems)).toEqual({ consoleErrors: [], failedRequests: [], blocked: [] });
});
