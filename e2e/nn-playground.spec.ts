/**
 * `<nn-playground>` on a built deck, driven as a person would: by the controls' accessible names, mouse and
 * keyboard, reading the status. The lecture demonstrations are run through the controls and their losses
 * checked against independent float64 computations (least squares) written here. No assertion is about speed.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeData } from '../components/nn-playground/nn-playground.model.ts';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/nn-playground.html?transition=none&backgroundTransition=none';
const DEFAULT = 'nn-playground[autoplay]';
const CUBIC = 'nn-playground[dataset="cubic"]';
const PLANE = 'nn-playground[dataset="plane"]';
const GAUSS = 'nn-playground[dataset="gauss"]';
const BAD = 'nn-playground[learning-rate="100"]';
/** `epoch 12 · train loss 0.0123 · test loss 0.0456` (+ ` · test accuracy 97 %`), `· done` at the budget. */
const STATUS = /^epoch (\d+)( · done)? · train loss (\S+) · test loss (\S+)/;
const LONG = { timeout: 120_000 };

type Playground = HTMLElement & { settle?: () => Promise<void>; settled?: Promise<void> };

async function openWidget(page: Page, selector: string): Promise<Locator> {
  return (await showWidget(page, DECK, selector)).widget;
}

/** The status's numbers, read from the shadow root (works on a hidden slide too). */
async function statusOf(widget: Locator): Promise<{ epoch: number; done: boolean; train: string; test: string; text: string }> {
  const text = (await widget.evaluate((el) => el.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '')).replace(/\s+/g, ' ').trim();
  const match = STATUS.exec(text);
  if (!match) throw new Error(`unexpected status "${text}"`);
  return { epoch: Number(match[1]), done: Boolean(match[2]), train: match[3]!, test: match[4]!, text };
}

async function settle(widget: Locator): Promise<{ epoch: number; done: boolean; train: string; test: string; text: string }> {
  await widget.evaluate((el: Playground) => el.settle!());
  return statusOf(widget);
}

/**
 * A loss as the status writes it ("0.0123", "2.5×10⁻⁵", "<10⁻⁶" — the last read as its bound 10⁻⁶) as a number;
 * "diverged" reads NaN.
 */
function lossOf(text: string): number {
  const digits: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };
  const power = /^(<)?(?:([\d.]+)×)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(text);
  if (!power) return Number(text);
  return Number(power[2] ?? 1) * 10 ** Number([...power[3]!].map((c) => digits[c]).join(''));
}

/** Opens the "More settings" disclosure (the controls a slide does not show in front), as a person would. */
async function openMoreSettings(widget: Locator): Promise<void> {
  const more = widget.locator('details.more');
  if (!(await more.evaluate((details: HTMLDetailsElement) => details.open))) await more.getByText('More settings').click();
}

/** Least-squares fit of y on [1, features] in float64 (normal equations, Gaussian elimination): its MSE. */
function leastSquaresMse(rows: number[][], ys: number[]): number {
  const X = rows.map((r) => [1, ...r]);
  const k = X[0]!.length;
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k + 1 }, (_, j) => (j < k ? X.reduce((s, r) => s + r[i]! * r[j]!, 0) : X.reduce((s, r, n) => s + r[i]! * ys[n]!, 0))));
  for (let c = 0; c < k; c += 1) {
    const pivot = A.slice(c).reduce((best, row, i) => (Math.abs(row[c]!) > Math.abs(A[best]![c]!) ? c + i : best), c);
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    for (let r = 0; r < k; r += 1) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let j = c; j <= k; j += 1) A[r]![j]! -= f * A[c]![j]!;
    }
  }
  const beta = A.map((row, i) => row[k]! / row[i]!);
  return X.reduce((s, r, n) => s + (r.reduce((p, v, j) => p + v * beta[j]!, 0) - ys[n]!) ** 2, 0) / X.length;
}

test('Play trains, Pause stops, Step trains exactly one epoch, Reset goes back to epoch 0', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, CUBIC);
  // A budget no run reaches while this test clicks: the fused step trains the slide's 300 epochs in well
  // under a second, and Pause has nothing to pause once a run is done.
  await widget.evaluate((el) => el.setAttribute('epochs', '100000'));
  const status = widget.getByRole('status');
  await expect(status).toHaveText(/^epoch 0 · train loss \S+ · test loss \S+$/);
  await page.waitForTimeout(400);
  expect((await statusOf(widget)).epoch).toBe(0);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await statusOf(widget)).epoch).toBeGreaterThan(0);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await page.waitForTimeout(400);
  const paused = (await statusOf(widget)).epoch;
  await page.waitForTimeout(400);
  expect((await statusOf(widget)).epoch).toBe(paused);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await statusOf(widget)).epoch).toBe(paused + 1);
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(async () => (await statusOf(widget)).epoch).toBe(0);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await statusOf(widget)).epoch).toBe(1);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('a default run is there to be watched: the status shows its epochs go by, not just the end', async ({ page }) => {
  const widget = await openWidget(page, CUBIC);
  await widget.getByRole('button', { name: 'Play' }).click();
  const seen = new Set<number>();
  const epoch = async () => {
    const { epoch } = await statusOf(widget);
    seen.add(epoch);
    return epoch;
  };
  await expect.poll(epoch, { timeout: 30_000, intervals: [100] }).toBe(300);
  // Paced over a few seconds: unpaced, the fused step trains all 300 epochs in a few frames and the room
  // sees only the end.
  expect([...seen].filter((e) => e > 0 && e < 300).length).toBeGreaterThanOrEqual(10);
});

test('the lecture on the cubic, through the controls: a line stays high (at the least-squares optimum), ReLU layers fit', async ({ page }) => {
  test.setTimeout(300_000);
  const widget = await openWidget(page, CUBIC);
  // hide="noise,batch-size": those sliders are not on this slide.
  await expect(widget.getByRole('slider', { name: 'noise' })).toHaveCount(0);
  await expect(widget.getByRole('slider', { name: 'batch size' })).toHaveCount(0);
  await expect(widget.getByRole('button', { name: 'x₂', exact: true })).toBeDisabled();
  await widget.getByRole('button', { name: 'Remove layer' }).click();
  await widget.getByRole('button', { name: 'Remove layer' }).click();
  await expect(widget.getByText('0 hidden layers (a linear model)')).toBeVisible();
  const line = await settle(widget);
  expect(line.epoch).toBe(300);
  // Independent: the best straight line through the same training points (float64 least squares).
  const data = makeData({ dataset: 'cubic', samples: 200, noise: 0, trainRatio: 0.5, seed: 1 });
  const best = leastSquaresMse(data.train.inputs, data.train.targets.map(([y]) => y!));
  expect(lossOf(line.train)).toBeGreaterThanOrEqual(best * 0.999);
  expect(lossOf(line.train)).toBeLessThan(best * 1.05);
  // One hidden layer of 4 ReLU units (Add layer gives 2; then 2 more neurons).
  await widget.getByRole('button', { name: 'Add layer' }).click();
  await widget.getByRole('button', { name: 'Add neuron to layer 1' }).click();
  await widget.getByRole('button', { name: 'Add neuron to layer 1' }).click();
  await expect(widget.getByText('4 units')).toBeVisible();
  const four = await settle(widget);
  expect(lossOf(four.train)).toBeLessThan(best / 5);
  // The code follows the network.
  await widget.getByRole('button', { name: 'Show code' }).click();
  await expect(widget.getByLabel('PyTorch code')).toContainText('nn.Linear(1, 4), nn.ReLU(),');
  await expect(widget.getByLabel('PyTorch code')).toContainText('x = torch.stack([x1], dim=1)');
});

test('the plane: a linear model fits it — train and test loss go to zero', async ({ page }) => {
  const widget = await openWidget(page, PLANE);
  await expect(widget.getByText('0 hidden layers (a linear model)')).toBeVisible();
  await expect(widget.getByRole('img', { name: /^Pred vs True/ })).toBeVisible();
  const fitted = await settle(widget);
  expect(fitted.epoch).toBe(100);
  expect(fitted.done).toBe(true);
  expect(lossOf(fitted.train)).toBeLessThan(1e-3);
  expect(lossOf(fitted.test)).toBeLessThan(1e-3);
});

test('the circle: a linear model stays near chance; x₁² and x₂² features (or a hidden layer of 4 ReLU) separate it', async ({ page }) => {
  test.setTimeout(300_000);
  const widget = await openWidget(page, DEFAULT);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await widget.getByRole('button', { name: 'Remove layer' }).click();
  await widget.getByRole('button', { name: 'Remove layer' }).click();
  const linear = await settle(widget);
  expect(lossOf(linear.train)).toBeGreaterThan(0.6); // ln 2 = 0.693 is a coin toss
  await expect(widget.getByRole('status')).toContainText(/test accuracy ([0-5]\d|6[0-4]) %/);
  const x1sq = widget.getByRole('button', { name: 'x₁²' });
  await expect(x1sq).toHaveAttribute('aria-pressed', 'false');
  await x1sq.click();
  await expect(x1sq).toHaveAttribute('aria-pressed', 'true');
  await widget.getByRole('button', { name: 'x₂²' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'x₂²' })).toHaveAttribute('aria-pressed', 'true');
  const squares = await settle(widget);
  expect(lossOf(squares.test)).toBeLessThan(0.3);
  await expect(widget.getByRole('status')).toContainText(/test accuracy (9\d|100) %/);
  // Back to x₁, x₂ with one hidden layer of 4 ReLU units.
  await x1sq.click();
  await widget.getByRole('button', { name: 'x₂²' }).click();
  await widget.getByRole('button', { name: 'Add layer' }).click();
  await widget.getByRole('button', { name: 'Add neuron to layer 1' }).click();
  await widget.getByRole('button', { name: 'Add neuron to layer 1' }).click();
  await widget.getByRole('combobox', { name: 'activation' }).selectOption('relu');
  const relu = await settle(widget);
  expect(lossOf(relu.test)).toBeLessThan(lossOf(linear.test) / 2);
  await expect(widget.getByRole('status')).toContainText(/test accuracy (9\d|100) %/);
});

test('learning rate 10 (End on the slider, keyboard) diverges and says so — "diverged", not a blank', async ({ page }) => {
  const widget = await openWidget(page, CUBIC);
  const before = await currentIndices(page);
  const slider = widget.getByRole('slider', { name: 'learning rate' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', '10');
  expect(await currentIndices(page)).toEqual(before);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(widget.getByRole('status')).toHaveText(/train loss diverged · test loss diverged/, LONG);
  await expect(widget.getByRole('alert')).toContainText('lower the learning rate');
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  await widget.evaluate((el: Playground) => el.settled);
});

test('selects and sliders by name; the configuration goes into the URL and comes back on reload', async ({ page }) => {
  const widget = await openWidget(page, GAUSS);
  // Learning rate and activation are in front; the rest one click away, behind "More settings".
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toBeVisible();
  await expect(widget.getByRole('combobox', { name: 'activation', exact: true })).toBeVisible();
  await openMoreSettings(widget);
  for (const name of ['problem type', 'dataset', 'activation', 'regularization']) await expect(widget.getByRole('combobox', { name, exact: true })).toBeVisible();
  for (const name of ['learning rate', 'noise', 'train ratio', 'batch size']) await expect(widget.getByRole('slider', { name })).toBeVisible();
  await expect(widget.getByRole('slider', { name: 'noise' })).toHaveAttribute('aria-valuetext', '50 %');
  await expect(widget.getByRole('slider', { name: 'train ratio' })).toHaveAttribute('aria-valuetext', '20 %');
  await expect(widget.getByRole('switch', { name: 'Show test data' })).toBeChecked();
  await widget.getByRole('combobox', { name: 'regularization', exact: true }).selectOption('l2');
  await widget.getByRole('combobox', { name: 'regularization rate' }).selectOption('0.01');
  await widget.getByRole('combobox', { name: 'dataset' }).selectOption('spiral');
  await widget.getByText('More settings').click(); // closed again: the panel lies over the pictures
  await widget.getByRole('switch', { name: 'Discretize output' }).check();
  // The URL is written in batches (browsers throttle history writes): wait for the last change to land.
  const urlState = () => {
    const url = new URL(page.url());
    const key = [...url.searchParams.keys()].find((k) => k.startsWith('nn-playground'));
    return key ? Object.fromEntries(new URLSearchParams(url.searchParams.get(key)!)) : {};
  };
  await expect.poll(urlState).toMatchObject({ dataset: 'spiral', regularization: 'l2', 'regularization-rate': '0.01', discretize: 'true', noise: '0.5', layers: '8,8,8' });
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true');
  const where = await findSlide(page, GAUSS);
  await showSlide(page, where.h, where.v);
  const again = page.locator(`section.present ${GAUSS}`);
  await openMoreSettings(again);
  await expect(again.getByRole('combobox', { name: 'dataset' })).toHaveValue('spiral');
  await expect(again.getByRole('combobox', { name: 'regularization', exact: true })).toHaveValue('l2');
  await expect(again.getByRole('switch', { name: 'Discretize output' })).toBeChecked();
  // Problem type switches the dataset menu.
  await again.getByRole('combobox', { name: 'problem type' }).selectOption('regression');
  await expect(again.getByRole('combobox', { name: 'dataset' })).toHaveValue('plane');
});

test('the learning rate, a layer and a feature are in the address: a copied link shows the same controls and status', async ({ page }) => {
  const widget = await openWidget(page, CUBIC);
  const rate = widget.getByRole('slider', { name: 'learning rate' });
  await rate.focus();
  await page.keyboard.press('ArrowRight');
  await expect(rate).toHaveAttribute('aria-valuetext', '0.1');
  await widget.getByRole('button', { name: 'Add layer' }).click();
  await widget.getByRole('button', { name: 'x₁²' }).click();
  const status = widget.getByRole('status');
  await expect(status).toHaveText(/^epoch 0 · train loss \d\S* · test loss \d\S*$/);
  const again = await reopenCopiedAddress(widget, { 'learning-rate': '0.1', layers: '4,2,2', features: 'x1,x2,x1sq' }, CUBIC);
  await expect(again.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '0.1');
  await expect(again.getByRole('button', { name: 'Remove neuron from layer 3' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'x₁²' })).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});

test('the output view draws the data and the network: the heatmap (2-D), the fitted curve (the cubic)', async ({ page }) => {
  const gauss = await openWidget(page, GAUSS);
  await settle(gauss);
  // 200 samples, 20 % for training; show-test draws the 160 test points too.
  await expect(gauss.locator('svg.view circle.point.train')).toHaveCount(40);
  await expect(gauss.locator('svg.view circle.point.test')).toHaveCount(160);
  await expect(gauss.locator('svg.view image')).toHaveAttribute('href', /^data:image\/png;base64,/);
  const cubic = await openWidget(page, CUBIC);
  await cubic.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await statusOf(cubic)).epoch).toBe(1);
  await expect(cubic.locator('svg.view circle.point.train')).toHaveCount(100);
  await expect(cubic.locator('svg.view path.curve')).toHaveAttribute('d', /^M[-\d.]+,[-\d.]+(L[-\d.]+,[-\d.]+){100,}$/);
});

test('a bad attribute warns on the widget, naming it, and the widget falls back', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toContainText('layers="4,x" must be up to 6 whole numbers');
  await expect(widget.getByRole('alert')).toContainText('learning-rate="100" is outside 0.00001…10 — using 0.03');
  await expect(widget.getByRole('slider', { name: 'learning rate' })).toHaveAttribute('aria-valuetext', '0.03');
  await expect(widget.getByRole('button', { name: 'Remove neuron from layer 2' })).toBeVisible();
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await statusOf(widget)).epoch).toBe(1);
});

test('autoplay trains when shown and pauses when the slide is left; removal frees every tensor', async ({ page }) => {
  await openDeck(page, DECK);
  const where = await findSlide(page, DEFAULT);
  await showSlide(page, where.h, where.v);
  const widget = page.locator(DEFAULT);
  await expect.poll(async () => (await statusOf(widget)).epoch).toBeGreaterThan(0);
  await showSlide(page, where.h + 1, 0);
  await page.waitForTimeout(400);
  const left = (await statusOf(widget)).epoch;
  await page.waitForTimeout(600);
  expect((await statusOf(widget)).epoch).toBe(left);
  await page.evaluate(() => document.querySelectorAll('nn-playground').forEach((el) => el.remove()));
  await expect.poll(() => page.evaluate(() => window.axon!.engine!.tensorCount)).toBe(0);
});

test('every slide passes an axe scan, and screenshots at 1280×720 fit the slide', async ({ page }) => {
  test.setTimeout(300_000);
  for (const [index, selector] of [DEFAULT, CUBIC, PLANE, GAUSS, BAD].entries()) {
    const widget = await openWidget(page, selector);
    if (selector !== BAD) await settle(widget);
    await expect(widget.getByRole('status')).toHaveText(STATUS);
    expect(await seriousAxeViolations(page), selector).toEqual([]);
    await page.screenshot({ path: `/tmp/nnp-${index + 1}.png` });
    const box = await widget.boundingBox();
    expect(box!.y + box!.height, selector).toBeLessThanOrEqual(720);
    expect(box!.x + box!.width, selector).toBeLessThanOrEqual(1280);
    if (selector === CUBIC) {
      await widget.getByRole('button', { name: 'Show code' }).click();
      expect(await seriousAxeViolations(page), `${selector} with code`).toEqual([]);
      await page.screenshot({ path: '/tmp/nnp-code.png' });
    }
  }
});

const STOPPING = 'nn-playground[early-stopping]';
const HIDDEN = 'nn-playground[hidden-space]';
/** The status with early stopping on, once patience ran out. */
const STOPPED = /^epoch (\d+) · stopped early · train loss \S+ · validation loss \S+ · test loss \S+ · test accuracy \d+ % · best epoch (\d+) · its weights restored$/;

async function statusText(widget: Locator): Promise<string> {
  return (await widget.evaluate((el) => el.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '')).replace(/\s+/g, ' ').trim();
}

test('early stopping: the run stops 10 epochs (the patience) after its best, marked on the loss chart; the status says its weights came back', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, STOPPING);
  await expect(widget.getByRole('status')).toContainText(/^epoch 0 · train loss \S+ · validation loss \S+ · test loss/);
  await widget.evaluate((el: Playground) => el.settle!());
  const match = STOPPED.exec(await statusText(widget));
  expect(match, await statusText(widget)).not.toBeNull();
  const [stoppedAt, best] = [Number(match![1]), Number(match![2])];
  expect(stoppedAt - best).toBe(10);
  await expect(widget.locator('svg.best-marker line.best-line')).toHaveCount(1);
  await expect(widget.locator('svg.best-marker text')).toHaveText(`best ${best}`);
  await expect(widget.getByRole('img', { name: /^Loss: train \(solid\), validation \(dotted\)/ })).toHaveAttribute('aria-label', new RegExp(`the best epoch, ${best}, is marked \\(its weights restored\\)`));
  await expect(widget.locator('path.loss-validation')).toHaveAttribute('d', /^M/);
  // Stopped: nothing left to play.
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  expect(await seriousAxeViolations(page)).toEqual([]);
  // With the hidden-space view as well (a last layer of 2 units), it still fits a 1280×720 slide.
  await widget.evaluate((el) => (el.setAttribute('layers', '8,2'), el.setAttribute('hidden-space', '')));
  await widget.evaluate((el: Playground) => el.settle!());
  await expect(widget.getByRole('img', { name: /^Hidden space/ })).toBeVisible();
  const box = (await widget.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('dropout, early stopping, patience and validation by keyboard, kept in the address; the code follows', async ({ page }) => {
  const widget = await openWidget(page, HIDDEN);
  const before = await currentIndices(page);
  await openMoreSettings(widget);
  const dropout = widget.getByRole('slider', { name: 'dropout' });
  await expect(dropout).toHaveAttribute('aria-valuetext', '0.2');
  await dropout.focus();
  await page.keyboard.press('ArrowRight');
  await expect(dropout).toHaveAttribute('aria-valuetext', '0.25');
  const patience = widget.getByRole('slider', { name: 'patience' });
  await expect(patience).toBeDisabled();
  const stopping = widget.getByRole('switch', { name: 'early stopping' });
  await stopping.focus();
  await page.keyboard.press('Space');
  await expect(stopping).toBeChecked();
  await expect(patience).toBeEnabled();
  await patience.focus();
  await page.keyboard.press('ArrowRight');
  await expect(patience).toHaveAttribute('aria-valuetext', '11');
  const validation = widget.getByRole('slider', { name: 'validation' });
  await validation.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(validation).toHaveAttribute('aria-valuetext', '15 %');
  expect(await currentIndices(page)).toEqual(before); // arrow keys stayed with the sliders
  await expect(widget.getByRole('status')).toContainText('validation loss');
  await widget.getByText('More settings').click();
  await widget.getByRole('button', { name: 'Show code' }).click();
  await expect(widget.getByLabel('PyTorch code')).toContainText('nn.Dropout(0.25),');
  await expect(widget.getByLabel('PyTorch code')).toContainText('if since_best >= 11:');
  const again = await reopenCopiedAddress(widget, { dropout: '0.25', 'early-stopping': 'true', patience: '11', validation: '0.15' }, HIDDEN);
  await openMoreSettings(again);
  await expect(again.getByRole('slider', { name: 'dropout' })).toHaveAttribute('aria-valuetext', '0.25');
  await expect(again.getByRole('switch', { name: 'early stopping' })).toBeChecked();
  await expect(again.getByRole('slider', { name: 'patience' })).toHaveAttribute('aria-valuetext', '11');
  await expect(again.getByRole('slider', { name: 'validation' })).toHaveAttribute('aria-valuetext', '15 %');
});

test('the hidden space: every point at its two last-hidden-layer values; a last layer of 3 units warns what to set', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, HIDDEN);
  const view = widget.getByRole('img', { name: /^Hidden space/ });
  await expect(view).toBeVisible();
  await expect(widget.getByRole('switch', { name: 'Hidden space' })).toBeChecked();
  await widget.evaluate((el: Playground) => el.settle!());
  // 200 samples, half for training; show-test draws the 100 test points too.
  await expect(widget.locator('svg.hidden-space circle.point.train')).toHaveCount(100);
  await expect(widget.locator('svg.hidden-space circle.point.test')).toHaveCount(100);
  await expect(widget.locator('svg.hidden-space line.hidden-boundary')).toHaveCount(1);
  expect(await seriousAxeViolations(page)).toEqual([]);
  // A third unit in the last layer: no view, and a warning saying what to set.
  await widget.getByRole('button', { name: 'Add neuron to layer 2' }).click();
  await expect(widget.getByRole('alert')).toContainText('the last hidden layer has 3 units — set layers="4,2"');
  await expect(view).toHaveCount(0);
  await widget.getByRole('button', { name: 'Remove neuron from layer 2' }).click();
  await expect(widget.getByRole('alert')).toHaveCount(0);
  // Switched off by keyboard, and the address remembers it.
  const toggle = widget.getByRole('switch', { name: 'Hidden space' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(widget.getByRole('img', { name: /^Hidden space/ })).toHaveCount(0);
  const again = await reopenCopiedAddress(widget, { 'hidden-space': 'false' }, HIDDEN);
  await expect(again.getByRole('switch', { name: 'Hidden space' })).not.toBeChecked();
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});
