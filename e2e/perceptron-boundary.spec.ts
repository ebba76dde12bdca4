/**
 * `<perceptron-boundary>` on a built deck, driven by its accessible names with the keyboard and the mouse on
 * a scaled slide. Counts and the perceptron's run are checked against plain loops written here.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makePoints, type LabelledPoint } from '../components/perceptron-boundary/perceptron-boundary.model.ts';
import { reopenCopiedAddress } from './copied-address.ts';
import { chromeOverlaps, shownTexts } from './projector-support.ts';
import { currentIndices, seriousAxeViolations, showWidget, watchPage } from './support.ts';

const DECK = 'problems/perceptron-boundary.html?transition=none&backgroundTransition=none';
const EXERCISE_1 = 'perceptron-boundary[w="1,1"]';
const EXERCISE_2 = 'perceptron-boundary[w="-1,1"]';
const XOR = 'perceptron-boundary[dataset="xor"]';
const BAD = 'perceptron-boundary[w="1;1"]';

async function openWidget(page: Page, selector: string): Promise<Locator> {
  return (await showWidget(page, DECK, selector)).widget;
}

const wrong = (points: LabelledPoint[], w: number[], b: number) => points.filter((p) => p.y * (w[0]! * p.x[0] + w[1]! * p.x[1] + b) <= 0).length;

/** The perceptron rule as a plain loop: cyclic passes, update on every mistake, stop after a clean pass. */
function perceptron(points: LabelledPoint[], w: number[], b: number, rate: number): { w: number[]; b: number; updates: number } {
  let updates = 0;
  for (let epoch = 0; epoch < 1000; epoch += 1) {
    let mistakes = 0;
    for (const { x, y } of points) {
      if (y * (w[0]! * x[0] + w[1]! * x[1] + b) <= 0) {
        w = [w[0]! + rate * y * x[0], w[1]! + rate * y * x[1]];
        b += rate * y;
        updates += 1;
        mistakes += 1;
      }
    }
    if (mistakes === 0) break;
  }
  return { w, b, updates };
}

/** The boundary line's direction and the arrow's, from the drawing. */
async function drawnDirections(widget: Locator): Promise<{ line: number[]; arrow: number[] }> {
  return widget.evaluate((el) => {
    const root = el.shadowRoot!;
    const attr = (e: Element, name: string) => Number(e.getAttribute(name));
    const line = root.querySelector('line.boundary')!;
    const arrow = root.querySelector('line.arrow')!;
    return {
      line: [attr(line, 'x2') - attr(line, 'x1'), -(attr(line, 'y2') - attr(line, 'y1'))],
      arrow: [attr(arrow, 'x2') - attr(arrow, 'x1'), -(attr(arrow, 'y2') - attr(arrow, 'y1'))],
    };
  });
}

test('exercise 1: w = [1, 1], b = −1 — the status counts the misclassified points, the boundary is ⟂ w; Learn converges as the plain loop does', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, EXERCISE_1);
  const points = makePoints('separable', 40, 1);
  const count = wrong(points, [1, 1], -1);
  const status = widget.getByRole('status');
  await expect(status).toContainText(`w = (1.00, 1.00) · b = −1.00 · accuracy ${Math.round(((40 - count) / 40) * 100)} % · ${count} misclassified`);
  await expect(widget.locator('g.datum[data-wrong="true"] circle.ring')).toHaveCount(count);
  const { line, arrow } = await drawnDirections(widget);
  expect(Math.abs(line[0]! * arrow[0]! + line[1]! * arrow[1]!) / (Math.hypot(line[0]!, line[1]!) * Math.hypot(arrow[0]!, arrow[1]!))).toBeLessThan(0.01);

  await widget.getByRole('button', { name: 'Learn' }).click();
  const expected = perceptron(points, [1, 1], -1, 0.1);
  await expect(status).toContainText(`converged after ${expected.updates} updates`);
  await expect(status).toContainText('accuracy 100 % · 0 misclassified');
  const fmt = (v: number) => (Math.abs(v) < 0.005 ? 0 : v).toFixed(2).replace('-', '−');
  await expect(status).toContainText(`w = (${fmt(expected.w[0]!)}, ${fmt(expected.w[1]!)}) · b = ${fmt(expected.b)}`);
  await expect(widget.getByRole('button', { name: 'Learn' })).toBeDisabled();
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('points are filled by their true class and the sides tinted by the prediction: a misclassified point is one colour on the other colour', async ({ page }) => {
  const widget = await openWidget(page, EXERCISE_1);
  const points = makePoints('separable', 40, 1);
  const drawn = await widget.evaluate((el) => {
    const root = el.shadowRoot!;
    const fill = (e: Element | null) => e?.getAttribute('fill') ?? null;
    return {
      data: Array.from(root.querySelectorAll('g.datum'), (g) => ({
        label: Number(g.getAttribute('data-label')),
        predicted: Number(g.getAttribute('data-predicted')),
        wrong: g.getAttribute('data-wrong') === 'true',
        shape: g.querySelector('.point')!.localName,
        fill: fill(g.querySelector('.point')),
        ringed: g.querySelector('circle.ring') !== null,
      })),
      positiveSide: fill(root.querySelector('polygon.region.positive')),
      negativeSide: fill(root.querySelector('polygon.region.negative')),
      legend: root.querySelector('ul.legend')!.textContent!.replace(/\s+/g, ' ').trim(),
    };
  });
  expect(drawn.data).toHaveLength(40);
  expect(drawn.positiveSide).not.toBe(drawn.negativeSide);
  const colourOf = (label: number) => (label === 1 ? drawn.positiveSide : drawn.negativeSide);
  for (const datum of drawn.data) {
    // The fill and the shape tell the true class, whatever the prediction…
    expect(datum.fill).toBe(colourOf(datum.label));
    expect(datum.shape).toBe(datum.label === 1 ? 'circle' : 'rect');
    // …so a misclassified point (ringed too) sits on the side tinted in the other class's colour.
    expect(datum.wrong).toBe(datum.predicted !== datum.label);
    expect(datum.ringed).toBe(datum.wrong);
  }
  const wrongCount = wrong(points, [1, 1], -1);
  expect(drawn.data.filter((d) => d.wrong && colourOf(d.predicted) !== d.fill)).toHaveLength(wrongCount);
  expect(wrongCount).toBeGreaterThan(0);
  expect(drawn.legend).toBe('true class +1 predicted +1 true class −1 predicted −1 misclassified');
});

test('the arrow head and the bias move with the keyboard; the deck stays; Step makes one update, Reset goes back', async ({ page }) => {
  const widget = await openWidget(page, EXERCISE_1);
  const status = widget.getByRole('status');
  const before = await currentIndices(page);
  const handle = widget.getByRole('slider', { name: 'weight vector w' });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(status).toContainText('w = (1.10, 0.50) · b = −1.00');
  await expect(handle).toHaveAttribute('aria-valuetext', /^w = \(1\.10, 0\.50\)/);
  const bias = widget.getByRole('slider', { name: 'bias b' });
  await bias.focus();
  await page.keyboard.press('ArrowRight');
  await expect(status).toContainText('w = (1.10, 0.50) · b = −0.90');
  expect(await currentIndices(page)).toEqual(before);
  const points = makePoints('separable', 40, 1);
  await expect(status).toContainText(`${wrong(points, [1.1, 0.5], -0.9)} misclassified`);
  const { line, arrow } = await drawnDirections(widget);
  expect(Math.abs(line[0]! * arrow[0]! + line[1]! * arrow[1]!) / (Math.hypot(line[0]!, line[1]!) * Math.hypot(arrow[0]!, arrow[1]!))).toBeLessThan(0.01);

  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(status).toContainText('perceptron rule: 1 update ·');
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('w = (1.00, 1.00) · b = −1.00');
  await expect(status).toContainText('perceptron rule: 0 updates · epoch 0');
});

test('dragging the arrow head on a scaled slide puts w under the pointer', async ({ page }) => {
  await page.setViewportSize({ width: 960, height: 540 });
  const widget = await openWidget(page, EXERCISE_1);
  const plot = widget.locator('svg.plot');
  const box = (await plot.boundingBox())!;
  // Data (x1, x2) → screen, from the plot's drawn box (viewBox 500, plot square at 44…484, [−4, 4]).
  const toScreen = (x1: number, x2: number) => ({ x: box.x + ((44 + ((x1 + 4) / 8) * 440) / 500) * box.width, y: box.y + ((8 + ((4 - x2) / 8) * 440) / 500) * box.height });
  const from = toScreen(1, 1);
  const to = toScreen(-2, 1.5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  const text = await widget.getByRole('status').innerText();
  const match = /w = \(([−\d.]+), ([−\d.]+)\)/.exec(text)!;
  expect(Math.abs(Number(match[1]!.replace('−', '-')) + 2)).toBeLessThan(0.05);
  expect(Math.abs(Number(match[2]!.replace('−', '-')) - 1.5)).toBeLessThan(0.05);
});

test('exercise 2 with logistic regression on the engine: Step trains one epoch, Play runs to the budget', async ({ page }) => {
  const widget = await openWidget(page, EXERCISE_2);
  const status = widget.getByRole('status');
  await expect(widget.getByRole('combobox', { name: 'learning rule' })).toHaveValue('logistic');
  await expect(status).toContainText('w = (−1.00, 1.00) · b = 0.00');
  await expect(status).toContainText('logistic regression: epoch 0');
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(status).toContainText('logistic regression: epoch 1 ·');
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(status).toContainText(/epoch 200 · loss 0\.\d{4} · done/, { timeout: 30_000 });
  const accuracy = Number(/accuracy (\d+) %/.exec(await status.innerText())![1]);
  expect(accuracy).toBeGreaterThanOrEqual(95);
  await widget.getByRole('button', { name: 'Show code' }).click();
  await expect(widget.getByLabel('PyTorch code')).toContainText('model[0].weight.copy_(torch.tensor([[-1, 1]]))');
  // Switching to the perceptron rule: the code becomes the NumPy loop.
  await widget.getByRole('combobox', { name: 'learning rule' }).selectOption('perceptron');
  await expect(widget.getByLabel('PyTorch code')).toContainText('if y_i * (w @ x_i + b) <= 0:');
});

test('xor: the perceptron rule stops at its epoch budget and says no line separates the points', async ({ page }) => {
  const widget = await openWidget(page, XOR);
  await widget.getByRole('button', { name: 'Learn' }).click();
  await expect(widget.getByRole('status')).toContainText('stopped after 10 epochs: no line separates these points');
});

test('w, b and the rule a student sets are in the address: a copied link shows the same sliders, select and status', async ({ page }) => {
  const widget = await openWidget(page, EXERCISE_1);
  const handle = widget.getByRole('slider', { name: 'weight vector w' });
  await handle.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await widget.getByRole('slider', { name: 'bias b' }).focus();
  await page.keyboard.press('ArrowRight');
  await widget.getByRole('combobox', { name: 'learning rule' }).selectOption('logistic');
  const status = widget.getByRole('status');
  await expect(status).toContainText('w = (1.00, 0.50) · b = −0.90');
  const again = await reopenCopiedAddress(widget, { w: '1,0.5', b: '-0.9', rule: 'logistic' }, EXERCISE_1);
  await expect(again.getByRole('slider', { name: 'weight vector w' })).toHaveAttribute('aria-valuetext', /^w = \(1\.00, 0\.50\)/);
  await expect(again.getByRole('slider', { name: 'bias b' })).toHaveValue('-0.9');
  await expect(again.getByRole('combobox', { name: 'learning rule' })).toHaveValue('logistic');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});

test('a bad attribute warns on the widget, naming it, and falls back to w = (1, 1)', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toHaveText('<perceptron-boundary> w="1;1" is not "w1,w2", two numbers in -4…4 (not both 0) — using 1,1');
  await expect(widget.getByRole('status')).toContainText('w = (1.00, 1.00) · b = −1.00');
});

test('every slide passes an axe scan, also with the code shown', async ({ page }) => {
  for (const selector of [EXERCISE_1, EXERCISE_2, XOR, BAD]) {
    const widget = await openWidget(page, selector);
    await widget.getByRole('button', { name: 'Show code' }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
  }
});

test('fits a 1280×720 slide under its heading, clear of the arrows, every text drawn at 20 px or more', async ({ page }) => {
  for (const selector of [EXERCISE_1, XOR]) {
    const widget = await openWidget(page, selector);
    const box = (await widget.boundingBox())!;
    const heading = (await page.locator('section.present h2').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(heading.y + heading.height);
    expect(box.y + box.height).toBeLessThanOrEqual(670);
    expect(await chromeOverlaps(page, widget)).toEqual([]);
    expect((await shownTexts(widget)).filter((t) => t.px < 20)).toEqual([]);
  }
});
