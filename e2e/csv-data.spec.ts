/**
 * Your own data: a deck whose widgets read `data="data/cars.csv"`, built by `axon build` (at the site root and
 * with `--base /x/`) and served statically. The CSV is copied into the site, the widgets fetch it from there, and
 * the numbers they show are checked against a least-squares fit computed here from the file itself. A broken CSV
 * is a `deck.md:line` diagnostic naming the CSV's own line: `--strict` fails on it, `axon dev` prints it, and the
 * widget says it on the slide.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tableTrainRows } from '../components/feature-scaling/feature-scaling.model.ts';
import { fitTable } from '../components/ua-fitter/ua-fitter.table.ts';
import { readNumber } from '../components/shared/views/format-number.ts';
import { startDevServer } from './dev-server.ts';
import { openDeck, showSlide } from './support.ts';

// Ports of this spec's own: the static site's port (playwright.config.ts) + 2000, and + 2001 for axon dev.
const PORT = Number(process.env.AXON_E2E_PORT ?? 4599) + 2000;
const DEV_PORT = PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;

const DECK = `---
title: Own data
---

## Cars

<feature-scaling data="data/cars.csv" features="horsepower,weight" y="mpg"></feature-scaling>

## Trajectory

<gd-trajectory data="data/cars.csv" features="horsepower,weight" y="mpg" steps="300" lr="0.3"></gd-trajectory>

## Fitter

<ua-fitter data="data/cars.csv" x="horsepower" y="mpg" neurons="4"></ua-fitter>
`;

let work = '';
let server: ReturnType<typeof spawn> | undefined;

/** Runs the CLI; returns its exit status and everything it printed. */
function axon(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['bin/axon.js', ...args], { encoding: 'utf8', timeout: 200_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A deck folder: deck.md with `markdown`, and data/cars.csv from the shipped table (or `csv`). */
function deckFolder(name: string, markdown: string, csv?: string): string {
  const folder = join(work, name);
  mkdirSync(join(folder, 'data'), { recursive: true });
  writeFileSync(join(folder, 'deck.md'), markdown);
  if (csv === undefined) copyFileSync('slides/data/cars.csv', join(folder, 'data/cars.csv'));
  else writeFileSync(join(folder, 'data/cars.csv'), csv);
  return folder;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  work = mkdtempSync(join(tmpdir(), 'axon-csv-'));
  const folder = deckFolder('deck', DECK);
  const site = join(work, 'site');
  for (const args of [['--out', site], ['--out', join(site, 'x'), '--base', '/x/']]) {
    const built = axon('build', folder, '--strict', ...args);
    expect(built.status, built.output).toBe(0);
  }
  server = spawn(process.execPath, ['bin/axon.js', 'serve', site, '--port', String(PORT), '--host', '127.0.0.1'], { stdio: 'ignore' });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${BASE}/index.html`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('axon serve did not start');
});

test.afterAll(() => {
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The shipped table's columns, read here with a plain split (the file has no quoted commas in these columns). */
function cars(): { horsepower: number[]; weight: number[]; mpg: number[] } {
  const [header, ...lines] = readFileSync('slides/data/cars.csv', 'utf8').trim().split('\n');
  const names = header!.split(',');
  const column = (name: string) => lines.map((line) => Number(line.split(',')[names.indexOf(name)]));
  return { horsepower: column('horsepower'), weight: column('weight'), mpg: column('mpg') };
}

/** Least squares of y on [1, x1, x2] by the normal equations (3×3, Cramer's rule): [intercept, b1, b2]. */
function leastSquares(x1: number[], x2: number[], y: number[]): [number, number, number] {
  const rows = x1.map((v, i) => [1, v, x2[i]!]);
  const a = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  const b = [0, 1, 2].map((i) => rows.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  const det = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const d = det(a);
  const column = (c: number) => det(a.map((row, i) => row.map((v, j) => (j === c ? b[i]! : v))));
  return [column(0) / d, column(1) / d, column(2) / d];
}

/** The rows ua-fitter trains on with seed 1 (its split; the fit checked against them is computed here). */
function tableTrainRowsOf(rows: number): number[] {
  const zeros = Array<number>(rows).fill(0);
  return fitTable({ file: '', xName: '', yName: '', x: zeros.map((_, i) => i), y: zeros }, 1).trainRows;
}

/** Opens the built deck at `path` on slide `h`, collecting CSV requests and page errors. */
async function open(page: Page, path: string, h: number): Promise<{ csv: string[]; errors: string[] }> {
  const seen = { csv: [] as string[], errors: [] as string[] };
  page.on('response', (response) => {
    if (response.url().endsWith('.csv')) seen.csv.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  await openDeck(page, `${BASE}${path}?transition=none&backgroundTransition=none`);
  await showSlide(page, h);
  return seen;
}

for (const [where, path] of [['at the site root', '/deck.html'], ['with --base /x/', '/x/deck.html']] as const) {
  test(`feature-scaling fits the CSV's columns from the built site, ${where}`, async ({ page }) => {
    const seen = await open(page, path, 1);
    const widget = page.locator('section.present feature-scaling');
    await widget.evaluate((element: HTMLElement & { settle(): Promise<void> }) => element.settle());
    const status = widget.locator('[role=status]');
    // The raw columns diverge at the shared η = 0.25 (NaN), the standardised ones converge: the lecture's story on real data.
    await expect(status).toContainText(/raw: diverged at step \d+, as η above 2\/λmax/);
    await expect(status).toContainText('standardised: step 40');
    expect(seen.csv).toEqual([`200 ${path.replace('deck.html', 'data/cars.csv')}`]);
    expect(seen.errors).toEqual([]);

    // The raw panel's minimum ✕ is the least-squares fit of mpg on horsepower and weight over the training rows.
    const { horsepower, weight, mpg } = cars();
    const train = tableTrainRows(horsepower.length, 1);
    const [, b1, b2] = leastSquares(train.map((i) => horsepower[i]!), train.map((i) => weight[i]!), train.map((i) => mpg[i]!));
    const label = (await widget.locator('figure[data-scaling="raw"] svg[role=img]').getAttribute('aria-label')) ?? '';
    const minimum = /minimum at \(([^,]+), ([^)]+)\)/.exec(label);
    expect(minimum, label).not.toBeNull();
    expect(readNumber(minimum![1]!)).toBeCloseTo(b1, 3);
    expect(readNumber(minimum![2]!)).toBeCloseTo(b2, 4);
  });
}

test('gd-trajectory descends to the normal-equation fit of the standardised columns', async ({ page }) => {
  await open(page, '/x/deck.html', 2);
  const widget = page.locator('section.present gd-trajectory');
  await widget.evaluate((element: HTMLElement & { settle(): Promise<void> }) => element.settle());
  await expect(widget.locator('[role=status]')).toContainText('step 300');
  // Independent: the raw least-squares slopes times each column's s.d. (all rows) are the standardised β̂.
  const { horsepower, weight, mpg } = cars();
  const [, b1, b2] = leastSquares(horsepower, weight, mpg);
  const deviation = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
  };
  const text = await widget.locator('[role=status]').innerText();
  const beta = /β₁ = (\S+), β₂ = (\S+)/.exec(text);
  expect(beta, text).not.toBeNull();
  expect(readNumber(beta![1]!)).toBeCloseTo(b1 * deviation(horsepower), 2);
  expect(readNumber(beta![2]!)).toBeCloseTo(b2 * deviation(weight), 2);
});

test('ua-fitter bends below the best straight line through the standardised horsepower → mpg rows', async ({ page }) => {
  await open(page, '/deck.html', 3);
  const widget = page.locator('section.present ua-fitter');
  await widget.evaluate((element: HTMLElement & { settle(): Promise<void> }) => element.settle());
  const text = await widget.locator('[role=status]').innerText();
  const mse = /epoch 800 · MSE (\S+) \(test (\S+)\) · done/.exec(text);
  expect(mse, text).not.toBeNull();
  // Independent: on standardised data the least-squares line leaves 1 − r² of the variance (training rows).
  const { horsepower, mpg } = cars();
  const train = tableTrainRowsOf(horsepower.length);
  const [x, y] = [train.map((i) => horsepower[i]!), train.map((i) => mpg[i]!)];
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  const r = mean(x.map((a, i) => (a - mx) * (y[i]! - my))) / Math.sqrt(mean(x.map((a) => (a - mx) ** 2)) * mean(y.map((b) => (b - my) ** 2)));
  expect(train).toHaveLength(294);
  expect(readNumber(mse![1]!)).toBeLessThan(1 - r * r);
  expect(readNumber(mse![2]!)).toBeLessThan(1);
  await expect(widget.getByRole('combobox', { name: 'target function' })).toHaveCount(0);
});

test('a broken CSV is a deck.md:line diagnostic naming the CSV line: --strict fails, axon dev prints it, the widget says it', async ({ page }) => {
  test.setTimeout(240_000);
  const broken = readFileSync('slides/data/cars.csv', 'utf8').split('\n');
  broken[3] = broken[3]!.replace(/,150,3436,/, ',?,3436,'); // line 4 of the file: plymouth satellite's horsepower
  const folder = deckFolder('broken', '---\ntitle: Broken\n---\n\n## Cars\n\n<feature-scaling data="data/cars.csv"\n  features="horsepower,weight" y="mpg"></feature-scaling>\n', broken.join('\n'));
  const expected = /deck\.md:8: widget data error: .*data\/cars\.csv:4: column "horsepower" holds "\?", not a number/;

  const built = axon('build', folder, '--strict', '--out', join(work, 'broken-site'));
  expect(built.status).not.toBe(0);
  expect(built.output).toMatch(expected);
  expect(existsSync(join(work, 'broken-site', 'deck.html'))).toBe(false);

  const dev = await startDevServer(folder, DEV_PORT);
  try {
    await expect.poll(() => dev.log).toMatch(expected);
    await openDeck(page, `http://127.0.0.1:${DEV_PORT}/deck.html?transition=none`);
    await showSlide(page, 1);
    await expect(page.locator('section.present feature-scaling [role=alert]')).toContainText(
      /<feature-scaling> features="horsepower,weight": .*data\/cars\.csv:4: column "horsepower" holds "\?", not a number/,
    );
    // Fixing the CSV alone (the Markdown untouched) checks the deck again and reloads the page.
    writeFileSync(join(folder, 'data', 'cars.csv'), readFileSync('slides/data/cars.csv', 'utf8'));
    await expect.poll(() => dev.log, { timeout: 30_000 }).toMatch(/deck\.md: fixed — widget data error \(was line 8\)/);
    await expect(page.locator('section.present feature-scaling')).toBeVisible();
    await expect(page.locator('section.present feature-scaling [role=alert]')).toHaveCount(0, { timeout: 30_000 });
  } finally {
    dev.stop();
  }
});
