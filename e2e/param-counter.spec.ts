/**
 * `<param-counter>` driven as a student drives it — through its accessible names, with mouse and keyboard,
 * on a real deck (e2e/fixtures/problems/param-counter.md). Every expected count is worked out here by hand
 * (fan_in·fan_out + fan_out per layer), independently of the widget's model.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/param-counter.html?transition=none&backgroundTransition=none';
const DEFAULT = 'param-counter:not([layers])';
const MNIST = 'param-counter[layers="784,128,10"]';
const DEEP = 'param-counter[layers="2,20,20,20,2"]';
const BAD = 'param-counter[layers="2,0,1"]';

/** Networks and their totals, each written out by hand. */
const BY_HAND: ReadonlyArray<{ layers: string; total: number; weights: number; biases: number }> = [
  { layers: '2,3,1', weights: 2 * 3 + 3 * 1, biases: 3 + 1, total: 2 * 3 + 3 + (3 * 1 + 1) }, // 13
  { layers: '784,128,10', weights: 784 * 128 + 128 * 10, biases: 128 + 10, total: 784 * 128 + 128 + (128 * 10 + 10) }, // 101,770
  { layers: '1,1024,1', weights: 1024 + 1024, biases: 1024 + 1, total: 1 * 1024 + 1024 + (1024 * 1 + 1) }, // 3,073
  { layers: '2,20,20,20,2', weights: 40 + 400 + 400 + 40, biases: 20 + 20 + 20 + 2, total: 60 + 420 + 420 + 42 }, // 942
];

/** A count as the lecture writes it. */
const written = (n: number) => n.toLocaleString('en-US');

async function openWidget(page: Page, selector = DEFAULT, query = ''): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, `${DECK}${query}`, selector);
  await expect(widget).toBeVisible();
  await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  return { widget, where };
}

/** The table's total row: [weights, biases, parameters]. */
async function totals(widget: Locator): Promise<string[]> {
  return (await widget.locator('tfoot td').allTextContents()).map((t) => t.trim());
}

const button = (widget: Locator, name: string) => widget.getByRole('button', { name, exact: true });

test('2 → 3 → 1: Next reveals each layer’s weights and biases, then the total 13', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget, where } = await openWidget(page);
  const status = widget.getByRole('status');
  await expect(status).toContainText('Press Next');
  expect(await totals(widget)).toEqual(['?', '?', '?']);
  await expect(widget.locator('tbody td', { hasText: '?' })).toHaveCount(6);
  await expect(button(widget, 'Reset')).toHaveAttribute('aria-disabled', 'true');

  await button(widget, 'Next').click(); // by mouse
  await expect(status).toHaveText(`Layer 1 (2 → 3): 2 × 3 = ${2 * 3} weights + 3 biases = ${2 * 3 + 3}. So far: (2·3 + 3) = 9.`);
  await expect(widget.locator('tbody tr').nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(widget.locator('tbody tr').nth(0).locator('td')).toHaveText(['2 × 3 = 6', '3', '9']);
  await expect(widget.locator('tbody tr').nth(1).locator('td')).toHaveText(['?', '?', '?']);

  await button(widget, 'Next').focus(); // by keyboard: Enter, then Space
  await page.keyboard.press('Enter');
  await expect(status).toContainText('So far: (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13.');
  expect(await totals(widget)).toEqual(['?', '?', '?']);
  await page.keyboard.press('Space');
  await expect(status).toHaveText('Total: 9 weights + 4 biases = 13 parameters. (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13.');
  expect(await totals(widget)).toEqual([String(BY_HAND[0]!.weights), String(BY_HAND[0]!.biases), String(BY_HAND[0]!.total)]);
  await expect(button(widget, 'Next')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Space'); // Next at the end: nothing happens, and the deck stays
  await page.keyboard.press('ArrowRight');
  expect(await currentIndices(page)).toMatchObject(where);

  await button(widget, 'Reset').click();
  await expect(status).toContainText('Press Next');
  expect(await totals(widget)).toEqual(['?', '?', '?']);
  await button(widget, 'Show all').click();
  await expect(status).toContainText('= 13 parameters');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('typed layer sizes give the totals worked out by hand', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  const field = widget.getByRole('textbox', { name: 'layer sizes' });
  for (const { layers, weights, biases, total } of BY_HAND) {
    await field.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(layers);
    await expect(field).toHaveValue(layers);
    // A new network restarts the exercise.
    await expect(widget.getByRole('status')).toContainText('Press Next');
    await button(widget, 'Show all').click();
    expect(await totals(widget), layers).toEqual([written(weights), written(biases), written(total)]);
    await expect(widget.getByRole('status')).toContainText(`${written(weights)} weights + ${written(biases)} biases = ${written(total)} parameters`);
    // One label per layer of units under the drawing, with its exact size.
    const sizes = layers.split(',').map(Number);
    await expect(widget.locator('svg text.size-label')).toHaveText(sizes.map(written));
    // Typing digits and arrows in the field never moved the deck.
    expect(await currentIndices(page)).toMatchObject(where);
  }
});

test('784 → 128 → 10 draws a few units per layer with ⋮, but counts 101,770 exactly', async ({ page }) => {
  const { widget } = await openWidget(page, MNIST);
  // reveal="all": everything is shown from the start.
  await expect(widget.getByRole('status')).toContainText('Total: 101,632 weights + 138 biases = 101,770 parameters.');
  await expect(widget.getByRole('status')).toContainText('(784·128 + 128) + (128·10 + 10) = 100,480 + 1,290 = 101,770');
  expect(await totals(widget)).toEqual(['101,632', '138', '101,770']);
  const units = await widget.locator('svg circle.node').count();
  expect(units).toBeLessThanOrEqual(21);
  await expect(widget.locator('svg text.more')).toHaveCount(3);
  await expect(widget.getByRole('img')).toHaveAttribute('aria-label', /784 → 128 → 10/);
  await button(widget, 'Reset').click();
  expect(await totals(widget)).toEqual(['?', '?', '?']);
});

test('a bad list shows an inline error on Enter and keeps the last good network', async ({ page }) => {
  const { widget } = await openWidget(page);
  const field = widget.getByRole('textbox', { name: 'layer sizes' });
  await button(widget, 'Show all').click();
  await field.fill('2,0,1');
  await field.press('Enter');
  const error = widget.getByRole('alert');
  await expect(error).toHaveText('layer sizes: "0" is not a positive whole number — still showing 2,3,1');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await totals(widget)).toEqual(['9', '4', '13']);
  await field.fill('5');
  await expect(error).toContainText('a network needs at least 2 layer sizes');
  await field.fill('3,2');
  await expect(error).toHaveCount(0);
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await button(widget, 'Show all').click();
  expect(await totals(widget)).toEqual([String(3 * 2), '2', String(3 * 2 + 2)]);
});

test('the biases toggle counts weights only, and the settings go into the URL and come back from it', async ({ page }) => {
  const { widget } = await openWidget(page);
  const toggle = button(widget, 'biases');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await button(widget, 'Show all').click();
  await expect(widget.getByRole('status')).toHaveText('Total: 9 weights = 9 parameters. (2·3) + (3·1) = 6 + 3 = 9.');
  await expect(widget.getByRole('columnheader', { name: 'biases' })).toHaveCount(0);
  await widget.getByRole('textbox', { name: 'layer sizes' }).fill('4,4,2');
  await expect
    .poll(() => page.evaluate(() => new URLSearchParams(location.search).get('param-counter')))
    .toBe('bias=false&layers=4%2C4%2C2');
  const search = await page.evaluate(() => location.search);
  const { widget: again } = await openWidget(page, DEFAULT, `&${search.slice(1)}`);
  await expect(again.getByRole('textbox', { name: 'layer sizes' })).toHaveValue('4,4,2');
  await expect(button(again, 'biases')).toHaveAttribute('aria-pressed', 'false');
  await button(again, 'Show all').click();
  expect(await totals(again)).toEqual([String(4 * 4 + 4 * 2), String(4 * 4 + 4 * 2)]);
});

test('typed layer sizes and the biases toggle are in the address: a copied link shows the same field, toggle and status', async ({ page }) => {
  const { widget } = await openWidget(page);
  await widget.getByRole('textbox', { name: 'layer sizes' }).fill('3,5,2');
  await button(widget, 'biases').click();
  await button(widget, 'Next').click();
  const status = widget.getByRole('status');
  await expect(status).toContainText('3·5');
  const again = await reopenCopiedAddress(widget, { layers: '3,5,2', bias: 'false' }, DEFAULT);
  await expect(again.getByRole('textbox', { name: 'layer sizes' })).toHaveValue('3,5,2');
  await expect(button(again, 'biases')).toHaveAttribute('aria-pressed', 'false');
  await button(again, 'Next').click();
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});

test('a bad attribute shows a warning naming it, and the widget still works on the defaults', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('layers="2,0,1": "0" is not a positive whole number — using 2,3,1');
  await expect(alert).toContainText('reveal="slowly" is not one of step, all — using step');
  await expect(widget.getByRole('textbox', { name: 'layer sizes' })).toHaveValue('2,3,1');
  for (let i = 0; i < 3; i += 1) await button(widget, 'Next').click();
  await expect(widget.getByRole('status')).toContainText('= 13 parameters');
  expect(problems.consoleErrors).toEqual([]);
});

test('buttons work on a scaled-down slide (reveal’s CSS scaling)', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  const { widget } = await openWidget(page, DEEP);
  for (let i = 0; i < 4; i += 1) await button(widget, 'Next').click();
  await expect(widget.getByRole('status')).toContainText('So far: (2·20 + 20) + (20·20 + 20) + (20·20 + 20) + (20·2 + 2) = 60 + 420 + 420 + 42 = 942.');
  await button(widget, 'Next').click();
  expect(await totals(widget)).toEqual(['880', '62', '942']);
});

test('works outside a deck, and settles after its first render', async ({ page }) => {
  await openDeck(page, DECK);
  const status = await page.evaluate(async () => {
    const element = document.createElement('param-counter');
    element.setAttribute('layers', '1 → 1024 → 1');
    element.setAttribute('reveal', 'all');
    document.body.append(element);
    await (element as HTMLElement & { settled: Promise<void> }).settled;
    const text = element.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
    element.remove();
    return text;
  });
  expect(status).toContain('= 3,073 parameters');
});

test('in reveal’s print view every widget settles with every count revealed', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  const statuses = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('param-counter')] as Array<HTMLElement & { settled: Promise<void> }>;
    await window.axon!.handout; // the deck asks every widget for its handout state: every count revealed
    await Promise.all(widgets.map((el) => el.settled));
    return widgets.map((el) => el.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '');
  });
  expect(statuses).toHaveLength(4);
  expect(statuses.map((s) => /= ([\d,]+) parameters/.exec(s)?.[1])).toEqual(['13', '101,770', '942', '13']);
});

test('under prefers-reduced-motion nothing animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { widget } = await openWidget(page);
  const duration = await widget.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('line.edge')!).transitionDuration);
  expect(duration).toBe('0s');
});

for (const theme of ['light', 'dark'] as const) {
  test(`every param-counter slide passes axe in the ${theme} theme, fits 1280×720, and reads at slide scale`, async ({ page }) => {
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      const widget = page.locator('section.present param-counter');
      if (!(await widget.count())) continue;
      for (const state of ['start', 'step', 'all', 'error'] as const) {
        if (state === 'step') {
          // Reset is aria-disabled (and so not clickable) when nothing is shown yet.
          if ((await button(widget, 'Reset').getAttribute('aria-disabled')) !== 'true') await button(widget, 'Reset').click();
          await button(widget, 'Next').click();
        }
        if (state === 'all') await button(widget, 'Show all').click();
        if (state === 'error') {
          await widget.getByRole('textbox', { name: 'layer sizes' }).fill('3,x');
          await widget.getByRole('textbox', { name: 'layer sizes' }).press('Enter');
        }
        for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h} (${state}): ${violation}`);
        const layout = await widget.evaluate((element) => {
          const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
          const w = element.getBoundingClientRect();
          const scale = s.width / 1280;
          let smallest = Infinity;
          for (const node of element.shadowRoot!.querySelectorAll('td, th, p, label, button, input, caption')) {
            smallest = Math.min(smallest, parseFloat(getComputedStyle(node).fontSize) * scale);
          }
          for (const text of element.shadowRoot!.querySelectorAll('svg text')) {
            const ctm = (text as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 1;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * ctm);
          }
          return { spills: w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1, smallest };
        });
        if (layout.spills) failures.push(`slide ${h} (${state}): the widget spills out of the 1280×720 slide`);
        if (layout.smallest < 16) failures.push(`slide ${h} (${state}): text of ${layout.smallest.toFixed(1)} px`);
        await page.screenshot({ path: `/tmp/param-counter-${theme}-${h}-${state}.png` });
      }
    }
    expect(failures).toEqual([]);
  });
}
