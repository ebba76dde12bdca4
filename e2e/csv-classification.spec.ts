/**
 * The classification widgets on the instructor's own CSV, from a built site: e2e/fixtures/csv-classification
 * (`axon build` into a temporary folder, `axon serve` on a port of its own). `<perceptron-boundary>` learns on
 * the file's standardised rows exactly as the perceptron rule run by hand here; `<nn-playground>` trains a linear
 * model on them, names the columns on its plane and tiles, and reaches the accuracy a separable set allows; a
 * column that is not there is said on the widget. Both keep their URL state and settle().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { trainTestSplit } from '../engine/data/split.ts';
import { reopenCopiedAddress } from './copied-address.ts';
import { findSlide, openDeck, seriousAxeViolations, showSlide, watchPage } from './support.ts';

// The static site's port (playwright.config.ts) + 1210: a port of its own.
const PORT = Number(process.env.AXON_E2E_PORT ?? 4599) + 1210;
const BASE = `http://127.0.0.1:${PORT}`;
const FIXTURE = 'e2e/fixtures/csv-classification';
const DECK = `${BASE}/lecture.html?transition=none&backgroundTransition=none`;
const PERCEPTRON = 'perceptron-boundary[features="wing_span_mm,beak_ratio"]';
const PLAYGROUND = 'nn-playground[data="data/birds.csv"]';
const BROKEN = 'perceptron-boundary[features="wing_span_mm,beak_length"]';

let site = '';
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  site = mkdtempSync(join(tmpdir(), 'axon-csv-classification-'));
  const build = spawnSync(process.execPath, ['bin/axon.js', 'build', FIXTURE, '--out', site], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`axon build failed:\n${build.stdout}\n${build.stderr}`);
  server = spawn(process.execPath, ['bin/axon.js', 'serve', site, '--port', String(PORT), '--host', '127.0.0.1'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i += 1) {
    if (await fetch(`${BASE}/lecture.html`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`axon serve did not answer on ${BASE}`);
});

test.afterAll(() => {
  server?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** The fixture's rows of two kinds, read here with a plain split (no quoting in this file). */
function birds(positive: string, negative: string): { x: number[][]; y: number[] } {
  const [, ...lines] = readFileSync(join(FIXTURE, 'data/birds.csv'), 'utf8').trim().split('\n');
  const rows = lines.map((line) => line.split(',')).filter(([kind]) => kind === positive || kind === negative);
  return { x: rows.map((row) => [Number(row[1]), Number(row[2])]), y: rows.map(([kind]) => (kind === positive ? 1 : -1)) };
}

/** z = (x − mean) / sd per column, the population sd. */
function standardise(x: number[][]): number[][] {
  const stats = [0, 1].map((j) => {
    const column = x.map((row) => row[j]!);
    const mean = column.reduce((a, b) => a + b, 0) / column.length;
    return { mean, sd: Math.sqrt(column.reduce((a, v) => a + (v - mean) ** 2, 0) / column.length) };
  });
  return x.map((row) => row.map((v, j) => (v - stats[j]!.mean) / stats[j]!.sd));
}

/** Rosenblatt's rule by hand: cyclic passes, update on each mistake (or point on the line), stop after a clean pass. */
function perceptron(x: number[][], y: number[], w: number[], b: number, rate: number): { w: number[]; b: number; updates: number; epochs: number } {
  let updates = 0;
  for (let epoch = 1; epoch <= 1000; epoch += 1) {
    let mistakes = 0;
    x.forEach((point, i) => {
      if (y[i]! * (w[0]! * point[0]! + w[1]! * point[1]! + b) <= 0) {
        w = [w[0]! + rate * y[i]! * point[0]!, w[1]! + rate * y[i]! * point[1]!];
        b += rate * y[i]!;
        updates += 1;
        mistakes += 1;
      }
    });
    if (mistakes === 0) return { w, b, updates, epochs: epoch };
  }
  throw new Error('the rule did not converge: the set is not separable');
}

const fmt = (v: number) => (Math.abs(v) < 0.005 ? 0 : v).toFixed(2).replace('-', '−');

async function openWidget(page: Page, selector: string): Promise<Locator> {
  await openDeck(page, DECK);
  const where = await findSlide(page, selector);
  await showSlide(page, where.h, where.v);
  return page.locator(`section.present ${selector}`);
}

test('perceptron-boundary learns on the CSV’s standardised rows exactly as the rule by hand; axes and legend name the data', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, PERCEPTRON);
  const status = widget.getByRole('status');
  const { x, y } = birds('sparrow', 'finch');
  const z = standardise(x);
  // Before learning: w = (1, 1), b = −1 on the file's points.
  const wrongAtStart = z.filter((p, i) => y[i]! * (p[0]! + p[1]! - 1) <= 0).length;
  await expect(status).toContainText(`w = (1.00, 1.00) · b = −1.00 · accuracy ${Math.round(((z.length - wrongAtStart) / z.length) * 100)} % · ${wrongAtStart} misclassified`);
  await expect(widget.locator('g.datum')).toHaveCount(z.length);
  await expect(widget.locator('text.axis-label.column')).toHaveText(['wing_span_mm →', '↑ beak_ratio']);
  await expect(widget.locator('ul.legend')).toContainText('sparrow (+1)');
  await expect(widget.locator('ul.legend')).toContainText('finch (−1)');
  await expect(widget.locator('p.source')).toContainText(`${z.length} rows of data/birds.csv`);

  await widget.getByRole('button', { name: 'Learn' }).click();
  const expected = perceptron(z, y, [1, 1], -1, 0.1);
  await expect(status).toContainText(`converged after ${expected.updates} update`);
  await expect(status).toContainText(`w = (${fmt(expected.w[0]!)}, ${fmt(expected.w[1]!)}) · b = ${fmt(expected.b)} · accuracy 100 % · 0 misclassified`);
  // Show code reads the same file by name.
  await widget.getByRole('button', { name: 'Show code' }).click();
  await expect(widget.getByLabel('PyTorch code')).toContainText('pd.read_csv("birds.csv")');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('perceptron-boundary keeps w and b in the address, and a reopened link has the CSV’s points with them', async ({ page }) => {
  const widget = await openWidget(page, PERCEPTRON);
  const bias = widget.getByRole('slider', { name: 'bias b' });
  await bias.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('status')).toContainText('b = −0.90');
  const reopened = await reopenCopiedAddress(widget, { b: '-0.9' }, PERCEPTRON);
  await expect(reopened.getByRole('status')).toContainText('w = (1.00, 1.00) · b = −0.90');
  await expect(reopened.locator('p.source')).toContainText('rows of data/birds.csv');
  await reopened.page().close();
});

test('nn-playground trains on the CSV: its test accuracy is the trained line’s on the file’s rows, split and standardised here; the plane and tiles name the columns', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, PLAYGROUND);
  await widget.evaluate(async (el: HTMLElement & { settle(): Promise<void> }) => el.settle());
  const status = widget.getByRole('status');
  await expect(status).toContainText('epoch 200');
  // The trained linear model's weights as the widget holds them (weights[input][unit], one output unit).
  const layers = await widget.evaluate((el) => (el as unknown as { picture: { weights: Array<{ weights: number[][]; biases: number[] }> } }).picture.weights);
  expect(layers).toHaveLength(1);
  const [w1, w2, b] = [layers[0]!.weights[0]![0]!, layers[0]!.weights[1]![0]!, layers[0]!.biases[0]!];
  // The file's sparrows (1) and finches (0), shuffled and cut in half with the seed by the engine's split, then
  // standardised here with the training half's mean and population sd.
  const { x, y } = birds('sparrow', 'finch');
  const split = trainTestSplit(
    { inputs: x, targets: y.map((label) => [label === 1 ? 1 : 0]), inputNames: [], targetNames: [], kind: 'classification' },
    { trainFraction: 0.5, random: '1:split' },
  );
  const stats = [0, 1].map((j) => {
    const column = split.train.inputs.map((row) => row[j]!);
    const mean = column.reduce((a, v) => a + v, 0) / column.length;
    return { mean, sd: Math.sqrt(column.reduce((a, v) => a + (v - mean) ** 2, 0) / column.length) };
  });
  const right = split.test.inputs.filter((row, i) => {
    const z = row.map((v, j) => (v - stats[j]!.mean) / stats[j]!.sd);
    // σ(w·z + b) ≥ 0.5 exactly where w·z + b ≥ 0.
    return (w1 * z[0]! + w2 * z[1]! + b >= 0 ? 1 : 0) === split.test.targets[i]![0];
  }).length;
  await expect(status).toContainText(`test accuracy ${Math.round((right / split.test.inputs.length) * 100)} %`);
  // The two kinds are separable (the rule by hand converges on them): a line gets most test rows right.
  expect(perceptron(standardise(x), y, [0, 0], 0, 1).updates).toBeGreaterThan(0);
  expect(right / split.test.inputs.length).toBeGreaterThan(0.8);
  await expect(widget.locator('svg.view circle.point.train')).toHaveCount(split.train.inputs.length);
  await expect(widget.locator('svg.view circle.point.test')).toHaveCount(split.test.inputs.length);
  await expect(widget.locator('svg.view text.axis-name')).toHaveText(['wing_span_mm →', '↑ beak_ratio']);
  await expect(widget.getByRole('button', { name: 'x₁ wing_span_mm' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'x₂ beak_ratio' })).toBeVisible();
  await expect(widget.locator('.output .legend')).toContainText('finch');
  await expect(widget.locator('.output .legend')).toContainText('sparrow');
  // The controls that do not apply to a CSV are gone; Show code reads the file by name.
  await expect(widget.getByRole('combobox', { name: 'dataset' })).toHaveCount(0);
  await widget.getByRole('button', { name: 'Show code' }).click();
  await expect(widget.getByLabel('PyTorch code')).toContainText('pd.read_csv("birds.csv")');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('nn-playground keeps its settings in the address on a CSV: a reopened link trains the same file with them', async ({ page }) => {
  const widget = await openWidget(page, PLAYGROUND);
  await widget.getByRole('button', { name: 'x₁²' }).click();
  const reopened = await reopenCopiedAddress(widget, { features: 'x1,x2,x1sq' }, PLAYGROUND);
  await expect(reopened.getByRole('button', { name: 'x₁²' })).toHaveAttribute('aria-pressed', 'true');
  await expect(reopened.getByRole('button', { name: 'x₁ wing_span_mm' })).toBeVisible();
  await reopened.page().close();
});

test('a column that is not there: the widget names it and the columns there are, and shows its generated points', async ({ page }) => {
  const widget = await openWidget(page, BROKEN);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('<perceptron-boundary> data/birds.csv:1: no column "beak_length" — the header has "kind", "wing_span_mm", "beak_ratio"');
  await expect(alert).toContainText('Using dataset="separable"');
  await expect(widget.locator('g.datum')).toHaveCount(40);
});

test('both CSV slides pass an axe scan', async ({ page }) => {
  for (const selector of [PERCEPTRON, PLAYGROUND]) {
    const widget = await openWidget(page, selector);
    await expect(widget.getByRole('status')).not.toContainText('reading');
    expect(await seriousAxeViolations(page), selector).toEqual([]);
  }
});
