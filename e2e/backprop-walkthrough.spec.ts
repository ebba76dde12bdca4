/**
 * `<backprop-walkthrough>` driven as a student drives it — through its accessible names only, with mouse
 * and keyboard, on a real deck (e2e/fixtures/problems/backprop-walkthrough.md). The expected numbers are the
 * lecture's worked example, written out, and the chain rule computed by hand below (float64), independent
 * of the engine that computes the widget's values.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readNumber } from '../components/shared/views/format-number.ts';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/backprop-walkthrough.html?transition=none&backgroundTransition=none';

/** The table's quantities in step order, and the worked example's value of each, as the lecture writes it. */
const WORKED_EXAMPLE: ReadonlyArray<[string, string]> = [
  ['z1', '1.1'],
  ['v', '1.1'],
  ['yhat', '0.88'],
  ['L', '0.0144'],
  ['dL/dyhat', '−0.24'],
  ['dL/dw2', '−0.264'],
  ['dL/db2', '−0.24'],
  ['dL/dv', '−0.192'],
  ['dL/dz1', '−0.192'],
  ['dL/dw1', '−0.384'],
  ['dL/db1', '−0.192'],
  ["w1'", '0.5384'],
  ["b1'", '0.1192'],
  ["w2'", '0.8264'],
  ["b2'", '0.024'],
];

interface Point {
  x: number;
  y: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  lr: number;
  f: (z: number) => number;
  slope: (z: number) => number;
}
const RELU = { f: (z: number) => Math.max(0, z), slope: (z: number) => (z > 0 ? 1 : 0) };
const SIGMOID = { f: (z: number) => 1 / (1 + Math.exp(-z)), slope: (z: number) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2 };
const DEFAULTS: Point = { x: 2, y: 1, w1: 0.5, b1: 0.1, w2: 0.8, b2: 0, lr: 0.1, ...RELU };

/** The chain rule by hand: every table quantity by name. */
function byHand(p: Point): Record<string, number> {
  const z1 = p.w1 * p.x + p.b1;
  const v = p.f(z1);
  const yhat = p.w2 * v + p.b2;
  const dyhat = 2 * (yhat - p.y);
  const dz1 = dyhat * p.w2 * p.slope(z1);
  return {
    z1, v, yhat, L: (yhat - p.y) ** 2,
    'dL/dyhat': dyhat, 'dL/dw2': dyhat * v, 'dL/db2': dyhat, 'dL/dv': dyhat * p.w2, 'dL/dz1': dz1, 'dL/dw1': dz1 * p.x, 'dL/db1': dz1,
    "w1'": p.w1 - p.lr * dz1 * p.x, "b1'": p.b1 - p.lr * dz1, "w2'": p.w2 - p.lr * dyhat * v, "b2'": p.b2 - p.lr * dyhat,
  };
}

/**
 * The value cell of a quantity's row. Rows are found by their row header's exact plain name (`dL/dw1`): the
 * header shows the name typeset by KaTeX (hidden from screen readers) and holds the plain name as its
 * screen-reader text, its accessible name.
 */
function valueCell(widget: Locator, name: string): Locator {
  const exact = new RegExp(`^${name.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return widget.locator('tr', { has: widget.page().locator('th > .sr-only', { hasText: exact }) }).locator('td');
}

/** A shown number (true minus sign, a power of ten as "4.25 × 10⁻⁶") as a JS number. */
async function numberIn(cell: Locator): Promise<number> {
  return readNumber((await cell.textContent())!.trim());
}

/** Every table value agrees with the hand computation to the 4 significant digits shown. */
async function expectValues(widget: Locator, expected: Record<string, number>): Promise<void> {
  for (const [name, value] of Object.entries(expected)) {
    await expect.poll(async () => Math.abs((await numberIn(valueCell(widget, name))) - value), { message: name }).toBeLessThanOrEqual(6e-4 * Math.abs(value) + 1e-9);
  }
}

async function openWidget(page: Page, selector: string): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, DECK, selector);
  await expect(widget).toBeVisible();
  await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  return { widget, where };
}

const DEFAULT_WIDGET = 'backprop-walkthrough:not([activation]):not([w1])';

test('Next step reveals the worked example row by row, Previous step hides the last, Show all shows every value', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget, where } = await openWidget(page, DEFAULT_WIDGET);
  for (const [name] of WORKED_EXAMPLE) await expect(valueCell(widget, name)).toHaveText('?not yet computed');
  const next = widget.getByRole('button', { name: 'Next step', exact: true });
  const formula = widget.locator('.formula annotation[encoding="application/x-tex"]');
  for (const [index, [name, value]] of WORKED_EXAMPLE.entries()) {
    // Alternate mouse and keyboard, as a presenter with a clicker would.
    if (index % 2) await next.click();
    else {
      await next.focus();
      await page.keyboard.press('Enter');
    }
    await expect(valueCell(widget, name), name).toHaveText(value);
    await expect(widget.getByRole('status').first()).toContainText(`Step ${index + 1} of 15`);
    // Every later row is still hidden.
    for (const [later] of WORKED_EXAMPLE.slice(index + 1)) await expect(valueCell(widget, later)).toContainText('not yet computed');
    if (name === 'dL/dw1') await expect(formula).toHaveText(/= \(-0\.192\)\(2\) = -0\.384/);
    if (name === 'L') await expect(formula).toHaveText(/\(0\.88 - 1\)\^2 = 0\.0144/);
  }
  // The formula is typeset by KaTeX at run time, inside the widget.
  await expect(widget.locator('.formula .katex-html')).toBeVisible();
  const previous = widget.getByRole('button', { name: 'Previous step', exact: true });
  await previous.click();
  await expect(valueCell(widget, "b2'")).toContainText('not yet computed');
  await expect(valueCell(widget, "w2'")).toHaveText('0.8264');
  await previous.click();
  await expect(valueCell(widget, "w2'")).toContainText('not yet computed');
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  for (const [name, value] of WORKED_EXAMPLE) await expect(valueCell(widget, name), name).toHaveText(value);
  expect(await currentIndices(page)).toMatchObject(where);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('Apply update moves the weights to w′ and the next iteration’s loss is lower', async ({ page }) => {
  const { widget } = await openWidget(page, DEFAULT_WIDGET);
  await widget.getByRole('button', { name: 'Apply update', exact: true }).click();
  await expect(widget.getByRole('spinbutton', { name: 'w1', exact: true })).toHaveValue('0.5384');
  await expect(widget.getByRole('spinbutton', { name: 'b1', exact: true })).toHaveValue('0.1192');
  await expect(widget.getByRole('spinbutton', { name: 'w2', exact: true })).toHaveValue('0.8264');
  await expect(widget.getByRole('spinbutton', { name: 'b2', exact: true })).toHaveValue('0.024');
  const second = byHand({ ...DEFAULTS, w1: 0.5384, b1: 0.1192, w2: 0.8264, b2: 0.024 });
  expect(second.L).toBeLessThan(0.0144);
  // The history keeps the first iteration's loss; the second's is not given away before its forward pass.
  const history = widget.locator('.history');
  await expect(history).toContainText('#1 0.0144');
  await expect(history).not.toContainText('#2');
  // The new iteration starts from its first step; Show all gives its numbers, and the history its loss.
  await expect(valueCell(widget, 'L')).toContainText('not yet computed');
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  await expectValues(widget, second);
  await expect(history).toContainText('#2 ');
  const shown = Number(/#2 (\S+)/.exec((await history.textContent())!)![1]!.replace('−', '-'));
  expect(Math.abs(shown - second.L!)).toBeLessThan(6e-4 * second.L!);
  // Again: the loss keeps falling.
  await widget.getByRole('button', { name: 'Apply update', exact: true }).click();
  await expect(history).toContainText('#2 ');
  await expect(history).not.toContainText('#3');
  const third = byHand({ ...DEFAULTS, w1: second["w1'"]!, b1: second["b1'"]!, w2: second["w2'"]!, b2: second["b2'"]! });
  expect(third.L).toBeLessThan(second.L!);
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  await expectValues(widget, third);
  await expect(history).toContainText('#3 ');
});

test('editing x (fill + Tab) and ArrowUp in a focused field recompute, and the deck stays on its slide', async ({ page }) => {
  const { widget, where } = await openWidget(page, DEFAULT_WIDGET);
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  const x = widget.getByRole('spinbutton', { name: 'x', exact: true });
  await x.fill('3');
  await page.keyboard.press('Tab');
  await expectValues(widget, byHand({ ...DEFAULTS, x: 3 }));
  await expect(valueCell(widget, 'z1')).toHaveText('1.6');

  await x.focus();
  await page.keyboard.press('ArrowUp');
  await expect(x).toHaveValue('3.1');
  await expectValues(widget, byHand({ ...DEFAULTS, x: 3.1 }));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(x).toHaveValue('2.9');
  await expect(valueCell(widget, 'z1')).toHaveText('1.55');
  expect(await currentIndices(page)).toMatchObject({ h: where.h, v: where.v });

  // A negative x puts ReLU on its dead side: no gradient reaches w1.
  await x.fill('-1');
  await page.keyboard.press('Tab');
  await expect(valueCell(widget, 'z1')).toHaveText('−0.4');
  await expect(valueCell(widget, 'dL/dw1')).toHaveText('0');
  await expect(valueCell(widget, "b2'")).toHaveText('0.2');

  // An empty field says so and the last good value stays.
  await x.fill('');
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('alert')).toContainText('x needs a number — using -1');
  await x.fill('2');
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await expect(valueCell(widget, 'dL/dw1')).toHaveText('−0.384');
});

test('switching the activation to sigmoid gives the sigmoid chain rule; the sigmoid slide starts there', async ({ page }) => {
  const { widget } = await openWidget(page, DEFAULT_WIDGET);
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  await widget.getByRole('combobox', { name: 'activation' }).selectOption({ label: 'sigmoid' });
  const sigmoid = byHand({ ...DEFAULTS, ...SIGMOID });
  await expectValues(widget, sigmoid);
  await expect(valueCell(widget, 'v')).toHaveText('0.7503');
  await expect(valueCell(widget, 'dL/dw1')).toHaveText('−0.2397');
  await widget.getByRole('combobox', { name: 'activation' }).selectOption({ label: 'tanh' });
  await expectValues(widget, byHand({ ...DEFAULTS, f: Math.tanh, slope: (z) => 1 / Math.cosh(z) ** 2 }));
  await widget.getByRole('combobox', { name: 'activation' }).selectOption({ label: 'linear' });
  await expectValues(widget, byHand({ ...DEFAULTS, f: (z) => z, slope: () => 1 }));

  const slide = await openWidget(page, 'backprop-walkthrough[activation="sigmoid"]');
  await expect(slide.widget.getByRole('combobox', { name: 'activation' })).toHaveValue('sigmoid');
  await slide.widget.getByRole('button', { name: 'Show all', exact: true }).click();
  await expectValues(slide.widget, sigmoid);
  // The dL/dz1 step shows the slope σ′(z1) = v(1 − v).
  await slide.widget.getByRole('button', { name: 'Previous step', exact: true }).click();
  for (let i = 0; i < 5; i += 1) await slide.widget.getByRole('button', { name: 'Previous step', exact: true }).click();
  await expect(slide.widget.getByRole('status').first()).toContainText('Step 9 of 15');
  await expect(slide.widget.locator('.formula annotation')).toContainText("\\sigma'(z_1) = v(1 - v) = (0.7503)(1 - 0.7503) = 0.1874");
});

test('a bad attribute shows a warning naming it, and the widget works on the default', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, 'backprop-walkthrough[w1="abc"]');
  await expect(widget.getByRole('alert')).toContainText('w1="abc" is not a number — using 0.5');
  await expect(widget.getByRole('spinbutton', { name: 'w1', exact: true })).toHaveValue('0.5');
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  for (const [name, value] of WORKED_EXAMPLE) await expect(valueCell(widget, name), name).toHaveText(value);
  expect(problems.consoleErrors).toEqual([]);
});

test('Show code gives the PyTorch code for the current values', async ({ page }) => {
  const { widget } = await openWidget(page, DEFAULT_WIDGET);
  await widget.getByRole('button', { name: 'Show code', exact: true }).click();
  const code = widget.getByLabel('PyTorch code');
  await expect(code).toBeVisible();
  await expect(code).toContainText('w1 = torch.tensor(0.5, requires_grad=True)');
  await expect(code).toContainText('v = torch.relu(z1)');
  await expect(code).toContainText('loss.backward()');
  await widget.getByRole('button', { name: 'Apply update', exact: true }).click();
  await expect(code).toContainText('w1 = torch.tensor(0.5384, requires_grad=True)');
});

test('works outside a deck, settles with its values, and leaves no tensor behind when removed', async ({ page }) => {
  await openDeck(page, DECK);
  const result = await page.evaluate(async () => {
    const engine = window.axon!.engine!;
    const start = engine.tensorCount;
    const element = document.createElement('backprop-walkthrough');
    element.setAttribute('activation', 'tanh');
    document.body.append(element);
    await (element as HTMLElement & { settled: Promise<void> }).settled;
    const buttons = Array.from(element.shadowRoot!.querySelectorAll('button'));
    buttons.find((b) => b.textContent === 'Show all')!.click();
    for (let i = 0; i < 3; i += 1) {
      buttons.find((b) => b.textContent === 'Apply update')!.click();
      await new Promise((resolve) => element.addEventListener('backprop-walkthrough-change', resolve, { once: true }));
    }
    // The fourth iteration's loss shows once its forward pass is shown.
    element.shadowRoot!.querySelectorAll('button').forEach((b) => b.textContent === 'Show all' && b.click());
    await (element as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    const history = element.shadowRoot!.querySelector('.history')!.textContent ?? '';
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { start, end: engine.tensorCount, history };
  });
  expect(result.history).toContain('#4');
  expect(result.end).toBe(result.start);
});

test('the handout (?print-pdf) shows every value once settled', async ({ page }) => {
  await openDeck(page, 'problems/backprop-walkthrough.html?print-pdf');
  const widget = page.locator('backprop-walkthrough:not([activation]):not([w1])');
  await page.evaluate(() => window.axon!.handout); // the deck asks every widget for its handout state
  await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  for (const [name, value] of WORKED_EXAMPLE) await expect(valueCell(widget, name), name).toHaveText(value);
});

for (const theme of ['light', 'dark'] as const) {
  test(`every backprop-walkthrough slide passes axe in the ${theme} theme, and fits 1280×720`, async ({ page }) => {
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      const widget = page.locator('section.present backprop-walkthrough');
      if (!(await widget.count())) continue;
      await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
      for (const state of ['start', 'step', 'all', 'code'] as const) {
        if (state === 'step') for (let i = 0; i < 9; i += 1) await widget.getByRole('button', { name: 'Next step', exact: true }).click();
        if (state === 'all') await widget.getByRole('button', { name: 'Show all', exact: true }).click();
        if (state === 'code') await widget.getByRole('button', { name: 'Show code', exact: true }).click();
        for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h} (${state}): ${violation}`);
        const overflow = await page.evaluate(() => {
          const slide = document.querySelector('.reveal .slides section.present')!;
          const element = slide.querySelector('backprop-walkthrough')!;
          const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
          const w = element.getBoundingClientRect();
          return w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1;
        });
        if (overflow) failures.push(`slide ${h} (${state}): the widget spills out of the 1280×720 slide`);
        await page.screenshot({ path: `/tmp/bp-${theme}-${h}-${state}.png` });
      }
    }
    expect(failures).toEqual([]);
  });
}

test('the numbers a student types are in the address: a copied link shows the same fields and values', async ({ page }) => {
  const { widget } = await openWidget(page, DEFAULT_WIDGET);
  await widget.getByRole('spinbutton', { name: 'x', exact: true }).fill('3');
  await page.keyboard.press('Tab');
  await widget.getByRole('combobox', { name: 'activation' }).selectOption({ label: 'sigmoid' });
  await widget.getByRole('button', { name: 'Show all', exact: true }).click();
  await expect(valueCell(widget, 'z1')).toHaveText('1.6');
  const loss = (await valueCell(widget, 'L').textContent())!;
  const again = await reopenCopiedAddress(widget, { x: '3', activation: 'sigmoid' }, DEFAULT_WIDGET);
  await again.getByRole('button', { name: 'Show all', exact: true }).click();
  await expect(again.getByRole('spinbutton', { name: 'x', exact: true })).toHaveValue('3');
  await expect(again.getByRole('combobox', { name: 'activation' })).toHaveValue('sigmoid');
  await expect(valueCell(again, 'z1')).toHaveText('1.6');
  await expect(valueCell(again, 'L')).toHaveText(loss);
  await expect(again.getByRole('status').first()).toHaveText((await widget.getByRole('status').first().textContent())!.trim());
});
