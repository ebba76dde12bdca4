/**
 * `<gd-modes>` on a built deck, driven by accessible names with mouse and keyboard. Batch GD's numbers are
 * checked against a float64 descent written here; SGD's path against the rule that, shuffled, every
 * example is used exactly once per epoch (the example of each update is recovered here from the update).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showWidget, watchPage } from './support.ts';

const DECK = 'problems/gd-modes.html?transition=none&backgroundTransition=none';
const DEFAULT = 'gd-modes:not([batch-size])';
const BAD = 'gd-modes[batch-size="0"]';

type Beta = [number, number];
interface Data {
  inputs: number[][];
  targets: number[][];
}
interface Line {
  mode: string;
  epoch: number;
  update: number;
  beta: Beta;
  loss: number;
}
type Paths = Array<{ mode: string; points: Array<{ update: number; examples: number; beta: Beta }> }>;

async function openWidget(page: Page, selector = DEFAULT): Promise<Locator> {
  const { widget } = await showWidget(page, DECK, selector);
  await expect(widget.getByRole('status')).toContainText('Batch GD: epoch 0');
  return widget;
}

/** "1.156 × 10⁶", as the widget writes large and small numbers, → "1.156e6", which Number reads. */
function plainPowers(line: string): string {
  return line.replace(/(\S+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, mantissa: string, exponent: string) =>
    `${mantissa}e${[...exponent].map((c) => (c === '⁻' ? '-' : String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))).join('')}`);
}

/** "Batch GD: epoch 1 · update 1 · β₁ = …, β₂ = … · loss = …", one per run. */
async function readStatus(widget: Locator): Promise<Line[]> {
  const lines = await widget.getByRole('status').locator('p').allTextContents();
  return lines.map((raw) => {
    const line = plainPowers(raw.replaceAll('−', '-').replace(/\s+/g, ' ').trim());
    const match = /^(Batch GD|SGD|Minibatch): epoch (\S+) · update (\d+) · β₁ = (\S+), β₂ = (\S+) · loss = (\S+)/.exec(line);
    if (!match) throw new Error(`unreadable status: ${line}`);
    return { mode: match[1]!, epoch: Number(match[2]), update: Number(match[3]), beta: [Number(match[4]), Number(match[5])], loss: Number(match[6]) };
  });
}

function expectShown(shown: number, computed: number, what: string): void {
  expect(Math.abs(shown - computed), `${what}: shown ${shown}, computed ${computed}`).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(computed), 1e-2));
}

/** One full-batch step in float64: β − η (2/n) Σ xᵢ (xᵢᵀβ − yᵢ). */
function batchStep(data: Data, eta: number, beta: Beta): Beta {
  const n = data.inputs.length;
  let g: Beta = [0, 0];
  data.inputs.forEach(([x1, x2], i) => {
    const r = x1! * beta[0] + x2! * beta[1] - data.targets[i]![0]!;
    g = [g[0] + (2 / n) * x1! * r, g[1] + (2 / n) * x2! * r];
  });
  return [beta[0] - eta * g[0], beta[1] - eta * g[1]];
}

function mse(data: Data, [b1, b2]: Beta): number {
  return data.inputs.reduce((sum, [x1, x2], i) => sum + (x1! * b1 + x2! * b2 - data.targets[i]![0]!) ** 2, 0) / data.inputs.length;
}

/** The example an SGD update used: the one whose step β − η·2xᵢ(xᵢᵀβ − yᵢ) lands on `after` (−1 if none). */
function exampleUsed(data: Data, eta: number, before: Beta, after: Beta): number {
  const misses = data.inputs
    .map(([x1, x2], i) => {
      const r = x1! * before[0] + x2! * before[1] - data.targets[i]![0]!;
      return { i, miss: Math.hypot(before[0] - eta * 2 * x1! * r - after[0], before[1] - eta * 2 * x2! * r - after[1]) };
    })
    .sort((a, b) => a.miss - b.miss);
  return misses[0]!.miss < 1e-4 && misses[1]!.miss > 100 * misses[0]!.miss ? misses[0]!.i : -1;
}

test('Step is one epoch for every run: 1, n/B and n updates; batch GD as computed here; SGD uses each example once', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page);
  const data = await widget.evaluate((el) => (el as HTMLElement & { trainingData: Data }).trainingData);
  const step = widget.getByRole('button', { name: 'Step' });
  let expected: Beta = [0, 0];
  for (let epoch = 1; epoch <= 2; epoch += 1) {
    await step.click();
    await expect(widget.getByRole('status')).toContainText(`Minibatch: epoch ${epoch} · update ${5 * epoch} `);
    const [batch, sgd, minibatch] = await readStatus(widget);
    expect([batch!.update, sgd!.update, minibatch!.update]).toEqual([epoch, 50 * epoch, 5 * epoch]);
    expect([batch!.epoch, sgd!.epoch, minibatch!.epoch]).toEqual([epoch, epoch, epoch]);
    expected = batchStep(data, 0.05, expected);
    expectShown(batch!.beta[0], expected[0], `batch GD β₁ after epoch ${epoch}`);
    expectShown(batch!.beta[1], expected[1], `batch GD β₂ after epoch ${epoch}`);
    expectShown(batch!.loss, mse(data, expected), `batch GD loss after epoch ${epoch}`);
    expectShown(sgd!.loss, mse(data, sgd!.beta), 'SGD loss: the MSE on all the data at its β');
  }
  const paths = await widget.evaluate((el) => (el as HTMLElement & { paths: Paths }).paths);
  const sgd = paths[1]!.points;
  expect(sgd).toHaveLength(101);
  const used = sgd.slice(1).map((p, k) => exampleUsed(data, 0.05, sgd[k]!.beta, p.beta));
  const all = Array.from({ length: 50 }, (_, i) => i);
  expect([...used.slice(0, 50)].sort((a, b) => a - b)).toEqual(all);
  expect([...used.slice(50)].sort((a, b) => a - b)).toEqual(all);
  expect(used.slice(0, 50)).not.toEqual(used.slice(50));
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('batch size n makes the minibatch run batch GD; the slider and the keyboard set B, the deck stays', async ({ page }) => {
  const widget = await openWidget(page);
  const before = await currentIndices(page);
  const slider = widget.getByRole('slider', { name: 'batch size' });
  await expect(slider).toHaveAttribute('aria-valuetext', '10 of 50 examples');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '11 of 50 examples');
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', '50 of 50 examples');
  expect(await currentIndices(page)).toEqual(before);
  await widget.getByRole('button', { name: 'Step' }).click();
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toContainText('Minibatch: epoch 2 · update 2 ');
  const [batch, , minibatch] = await readStatus(widget);
  expectShown(minibatch!.beta[0], batch!.beta[0], 'B = n: β₁ as batch GD');
  expectShown(minibatch!.beta[1], batch!.beta[1], 'B = n: β₂ as batch GD');
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('gd-modes'))).toContain('batch-size=50');
});

test('B, η and the axis are in the address: a copied link shows the same sliders, toggle and status', async ({ page }) => {
  const widget = await openWidget(page);
  const batch = widget.getByRole('slider', { name: 'batch size' });
  await batch.focus();
  await page.keyboard.press('ArrowRight');
  await expect(batch).toHaveAttribute('aria-valuetext', '11 of 50 examples');
  await widget.getByRole('button', { name: 'per update' }).click();
  const status = widget.getByRole('status');
  await expect(status).toContainText('Minibatch: epoch 0 · update 0 ');
  const again = await reopenCopiedAddress(widget, { 'batch-size': '11', 'x-axis': 'updates' }, DEFAULT);
  await expect(again.getByRole('slider', { name: 'batch size' })).toHaveAttribute('aria-valuetext', '11 of 50 examples');
  await expect(again.getByRole('button', { name: 'per update' })).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});

test('Play runs in lockstep, Pause stops; per update switches the loss axis; Reset starts again', async ({ page }) => {
  const widget = await openWidget(page);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await readStatus(widget))[1]!.update).toBeGreaterThan(30);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await page.waitForTimeout(300);
  const paused = (await readStatus(widget))[1]!.update;
  await page.waitForTimeout(500);
  expect((await readStatus(widget))[1]!.update).toBe(paused);
  const toggle = widget.getByRole('button', { name: 'per update' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.locator('svg.loss-plot')).toContainText('epochs (examples seen / n)');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.locator('svg.loss-plot')).toContainText('updates (log scale)');
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(widget.getByRole('status')).toContainText('SGD: epoch 0 · update 0 ');
});

test('a bad attribute warns on the widget, naming it, and the default is used', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toContainText('batch-size="0" is outside 1…50 — using 10');
  await expect(widget.getByRole('slider', { name: 'batch size' })).toHaveAttribute('aria-valuetext', '10 of 50 examples');
});

test('the handout state: 20 epochs each, reached in reveal’s print view (the deck asks every widget)', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  await page.waitForFunction(() => document.querySelectorAll('.pdf-page gd-modes').length === 2);
  const lines = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('gd-modes')] as Array<HTMLElement & { settled: Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settled));
    return widgets.map((el) => [...el.shadowRoot!.querySelectorAll('[role=status] p')].map((p) => /epoch (\S+) · update (\d+)/.exec(p.textContent ?? '')?.slice(1)));
  });
  expect(lines).toEqual([
    [
      ['20', '20'],
      ['20', '1000'],
      ['20', '100'],
    ],
    [
      ['20', '20'],
      ['20', '1000'],
      ['20', '100'],
    ],
  ]);
});

test('every slide passes an axe scan (no serious or critical violations)', async ({ page }) => {
  for (const selector of [DEFAULT, BAD]) {
    const widget = await openWidget(page, selector);
    await widget.getByRole('button', { name: 'Step' }).click();
    expect(await seriousAxeViolations(page), selector).toEqual([]);
  }
});

test('fits a 1280×720 slide under its heading, with readable text (screenshots in /tmp)', async ({ page }) => {
  const widget = await openWidget(page);
  await widget.evaluate((el) => (el as HTMLElement & { settle(): Promise<void> }).settle());
  const box = (await widget.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  const smallest = await widget.evaluate((el) => {
    let min = Infinity;
    for (const text of el.shadowRoot!.querySelectorAll('svg text')) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      min = Math.min(min, size * ((text as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 1));
    }
    return min;
  });
  expect(smallest).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: '/tmp/gd-modes-default.png' });
  await widget.getByRole('button', { name: 'per update' }).click();
  await page.screenshot({ path: '/tmp/gd-modes-updates.png' });
  await widget.getByRole('button', { name: 'Show code' }).click();
  const open = (await widget.boundingBox())!;
  expect(open.y + open.height).toBeLessThanOrEqual(720);
  await page.setViewportSize({ width: 900, height: 506 });
  await page.screenshot({ path: '/tmp/gd-modes-scaled.png' });
});
