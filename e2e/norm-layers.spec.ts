/**
 * `<norm-layers>` driven as a student drives it — the layer buttons, the γ / β / N / D sliders, the grids by
 * pointer and keyboard — on the slides of e2e/fixtures/problems/norm-layers.md. The layers' outputs and
 * statistics are computed again here from the numbers the before-grid prints (float64, biased variance), so
 * the widget's own model is never checking itself.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/norm-layers.html?transition=none&backgroundTransition=none';
const DEFAULT = 'norm-layers:not([norm])';
const LARGE = 'norm-layers[batch="12"]';
const BAD = 'norm-layers[norm="group"]';

/** A grid as printed: the cells' numbers by row, and each statistic (μ, σ or ‖x‖) per group. */
interface Grid {
  values: number[][];
  stats: Record<string, number[]>;
}

const parse = (text: string | null) => Number((text ?? '').trim().replaceAll('−', '-'));

async function readGrid(widget: Locator, side: 'before' | 'after'): Promise<Grid> {
  return widget.locator(`table[data-side="${side}"]`).evaluate((table) => {
    const number = (text: string | null) => Number((text ?? '').trim().replaceAll('−', '-'));
    const values: number[][] = [];
    for (const cell of table.querySelectorAll<HTMLElement>('td.cell')) {
      const row = Number(cell.dataset.row);
      (values[row] ??= [])[Number(cell.dataset.column)] = number(cell.textContent);
    }
    const stats: Record<string, number[]> = {};
    for (const cell of table.querySelectorAll<HTMLElement>('td.stat')) (stats[cell.dataset.stat!] ??= []).push(number(cell.textContent));
    return { values, stats };
  });
}

/** μ and the biased σ of some numbers. */
function moments(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length) };
}
const columns = (x: number[][]) => x[0]!.map((_, j) => x.map((row) => row[j]!));

function expectNear(actual: number[], expected: number[], tolerance: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `${what} [${i}]: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
}

async function openWidget(page: Page, selector = DEFAULT, query = ''): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, `${DECK}${query}`, selector);
  await expect(widget).toBeVisible();
  await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  return { widget, where };
}

test('batch norm: each column over the batch, with μ, σ before and mean 0, std 1 after', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page);
  await expect(widget.getByRole('button', { name: 'Batch norm' })).toHaveAttribute('aria-pressed', 'true');
  const before = await readGrid(widget, 'before');
  const after = await readGrid(widget, 'after');
  expect(before.values).toHaveLength(6);
  expect(before.values[0]).toHaveLength(5);
  // The statistics under each column, from the printed cells (each rounded to 0.005).
  const columnMoments = columns(before.values).map(moments);
  expectNear(before.stats.mean!, columnMoments.map((m) => m.mean), 0.011, 'μ per column');
  expectNear(before.stats.std!, columnMoments.map((m) => m.std), 0.015, 'σ per column');
  // The features differ in level and spread: batch norm has something to do.
  expect(Math.max(...before.stats.std!) / Math.min(...before.stats.std!)).toBeGreaterThan(2);
  // y = (x − μ)/σ cell by cell, from the printed numbers (the rounding, divided by σ, stays under 0.05).
  after.values.forEach((row, i) =>
    expectNear(row, row.map((_, j) => (before.values[i]![j]! - columnMoments[j]!.mean) / columnMoments[j]!.std), 0.05, `row ${i + 1} after`),
  );
  expect(after.stats.mean!.every((m) => m === 0)).toBe(true);
  expect(after.stats.std!.every((s) => s === 1)).toBe(true);
  await expect(widget.getByRole('status')).toContainText('Batch norm: column means');
  await expect(widget.getByRole('status')).toContainText('→ 0.00 (β = 0.00), stds');
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('the sliders move γ and β, and the after-grid’s means follow β and its stds γ·σ/√(σ² + ε)', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  const gamma = widget.getByRole('slider', { name: 'gamma' });
  const beta = widget.getByRole('slider', { name: 'beta' });
  // By keyboard: 20 steps of 0.05 up from γ = 1; the deck does not move.
  await gamma.focus();
  for (let i = 0; i < 20; i += 1) await page.keyboard.press('ArrowRight');
  await expect(gamma).toHaveAttribute('aria-valuetext', '2.00');
  expect(await currentIndices(page)).toMatchObject(where);
  await beta.fill('-0.75');
  await expect(beta).toHaveAttribute('aria-valuetext', '−0.75');
  for (const kind of ['Batch norm', 'Layer norm'] as const) {
    await widget.getByRole('button', { name: kind }).click();
    const before = await readGrid(widget, 'before');
    const after = await readGrid(widget, 'after');
    const groups = kind === 'Batch norm' ? columns(before.values) : before.values;
    const expected = groups.map(moments).map(({ std }) => (2 * std) / Math.sqrt(std * std + 1e-5));
    expect(after.stats.mean!.every((m) => m === -0.75), `${kind}: means ${after.stats.mean}`).toBe(true);
    expectNear(after.stats.std!, expected, 0.02, `${kind}: stds`);
    // And from the after-grid's own printed cells.
    expectNear(
      (kind === 'Batch norm' ? columns(after.values) : after.values).map((g) => moments(g).mean),
      expected.map(() => -0.75),
      0.011,
      `${kind}: means of the printed cells`,
    );
  }
  await expect(widget.getByRole('status')).toContainText('→ −0.75 (β = −0.75)');
});

test('layer norm and ℓ² norm average over the rows; ℓ² rows have length 1 and no γ, β', async ({ page }) => {
  const { widget } = await openWidget(page);
  await widget.getByRole('button', { name: 'Layer norm' }).click();
  await expect(widget.getByRole('button', { name: 'Layer norm' })).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByRole('button', { name: 'Batch norm' })).toHaveAttribute('aria-pressed', 'false');
  let before = await readGrid(widget, 'before');
  let after = await readGrid(widget, 'after');
  expect(before.stats.mean).toHaveLength(6); // one per row (sample)
  expectNear(before.stats.std!, before.values.map((row) => moments(row).std), 0.015, 'σ per row');
  after.values.forEach((row, i) => {
    const { mean, std } = moments(before.values[i]!);
    expectNear(row, before.values[i]!.map((x) => (x - mean) / std), 0.05, `row ${i + 1} after`);
  });
  await widget.getByRole('button', { name: 'ℓ² norm' }).click();
  before = await readGrid(widget, 'before');
  after = await readGrid(widget, 'after');
  expectNear(before.stats.length!, before.values.map((row) => Math.hypot(...row)), 0.02, '‖x‖ per row');
  expect(after.stats.length!.every((length) => length === 1)).toBe(true);
  after.values.forEach((row, i) => expectNear(row, before.values[i]!.map((x) => x / Math.hypot(...before.values[i]!)), 0.01, `row ${i + 1} after`));
  await expect(widget.getByRole('slider', { name: 'gamma' })).toBeDisabled();
  await expect(widget.getByRole('slider', { name: 'beta' })).toBeDisabled();
  await expect(widget.getByRole('status')).toContainText('→ 1.00 (no γ, β)');
});

test('a selected cell reads its computation, by pointer and by keyboard, and no key turns the slide', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  const readout = widget.locator('.readout');
  const before = await readGrid(widget, 'before');
  const column = columns(before.values)[2]!;
  // Pointer: sample 4, feature 3.
  await widget.locator('table[data-side="before"] td.cell[data-row="3"][data-column="2"]').click();
  const { mean, std } = moments(column);
  const xHat = (before.values[3]![2]! - mean) / std;
  await expect(readout).toContainText(`Sample 4, feature 3: x = ${before.values[3]![2]!.toFixed(2).replace('-', '−')}`);
  const text = (await readout.textContent())!;
  const shown = [...text.matchAll(/= (−?[\d.]+)/g)].map((m) => parse(m[1]!));
  // x, μ₃, σ₃, x̂, y (γ = 1, β = 0).
  expectNear(shown.slice(1, 3), [mean, std], 0.011, 'μ, σ of the column');
  expectNear([shown[3]!, shown.at(-1)!], [xHat, xHat], 0.05, 'x̂ and y');
  // The column is marked in both grids.
  await expect(widget.locator('table[data-side="after"] td.cell.group')).toHaveCount(6);
  await expect(widget.locator('table[data-side="after"] td.selected')).toHaveAttribute('data-row', '3');

  // Keyboard: the grid is one Tab stop; arrows, Home, End, PageUp, PageDown move the cell; the deck stays.
  const grid = widget.getByRole('grid', { name: /^before/ });
  await grid.locator('td[tabindex="0"]').focus();
  for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'Space', 'PageUp', 'ArrowDown']) await page.keyboard.press(key);
  await expect(readout).toContainText('Sample 2, feature 4:');
  await page.keyboard.press('End');
  await expect(readout).toContainText('Sample 2, feature 5:');
  await page.keyboard.press('Home');
  await page.keyboard.press('PageDown');
  await expect(readout).toContainText('Sample 6, feature 1:');
  expect(await currentIndices(page)).toMatchObject(where);
  const focused = await widget.evaluate((element) => (element.shadowRoot!.activeElement as HTMLElement | null)?.dataset.row);
  expect(focused).toBe('5');
  // Layer norm marks the row instead.
  await widget.getByRole('button', { name: 'Layer norm' }).click();
  await expect(widget.locator('table[data-side="after"] td.cell.group')).toHaveCount(5);
});

test('the layer, γ, β and a resampled batch are in the address: a copied link shows the same widget', async ({ page }) => {
  const { widget } = await openWidget(page);
  const first = await readGrid(widget, 'before');
  await widget.getByRole('button', { name: 'Resample' }).click();
  await expect(widget).toContainText('seed 2');
  const second = await readGrid(widget, 'before');
  expect(second.values).not.toEqual(first.values);
  await widget.getByRole('button', { name: 'Layer norm' }).click();
  await widget.getByRole('slider', { name: 'gamma' }).fill('2.5');
  await widget.getByRole('slider', { name: 'beta' }).fill('1');
  await widget.getByRole('slider', { name: 'features D' }).fill('4');
  const again = await reopenCopiedAddress(widget, { norm: 'layer', gamma: '2.5', beta: '1', features: '4', seed: '2' }, DEFAULT);
  await expect(again.getByRole('button', { name: 'Layer norm' })).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByRole('slider', { name: 'gamma' })).toHaveAttribute('aria-valuetext', '2.50');
  expect((await readGrid(again, 'before')).values).toEqual(second.values.map((row) => row.slice(0, 4)));
  await expect(again.getByRole('status')).toHaveText((await widget.getByRole('status').textContent())!.trim());
});

test('a large batch is drawn in colours, its numbers read through the selected cell', async ({ page }) => {
  const { widget } = await openWidget(page, LARGE);
  await expect(widget.locator('table[data-side="before"] td.cell')).toHaveCount(120);
  await expect(widget.locator('td.stat')).toHaveCount(0);
  await expect(widget.locator('.readout')).toContainText('Colours only at this size');
  await expect(widget.getByRole('status')).toContainText('Layer norm: row means');
  await expect(widget.getByRole('status')).toContainText('→ 0.50 (β = 0.50)');
});

test('six features print under batch norm; with layer norm’s μ and σ beside them they are colours only', async ({ page }) => {
  const { widget } = await openWidget(page);
  await widget.getByRole('slider', { name: 'features D' }).fill('6');
  await expect(widget.locator('table[data-side="before"] td.stat')).toHaveCount(12);
  await widget.getByRole('button', { name: 'Layer norm' }).click();
  await expect(widget.locator('td.stat')).toHaveCount(0);
  await expect(widget.locator('.readout')).toContainText('Colours only at this size');
  await widget.getByRole('slider', { name: 'features D' }).fill('5');
  await expect(widget.locator('table[data-side="before"] td.stat')).toHaveCount(12);
});

test('bad attributes are named, and the widget works on the defaults', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('norm="group" is not one of batch, layer, l2 — using batch');
  await expect(alert).toContainText('batch="40" is outside 2…16 — using 6');
  await expect(alert).toContainText('gamma="-1" is outside 0…3 — using 1');
  expect((await readGrid(widget, 'before')).values).toHaveLength(6);
  expect(problems.consoleErrors).toEqual([]);
});

test('in reveal’s print view every widget settles with its grids drawn', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  const cells = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('norm-layers')] as Array<HTMLElement & { settled: Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settled));
    return widgets.map((el) => el.shadowRoot!.querySelectorAll('td.cell').length);
  });
  expect(cells).toEqual([60, 240, 60]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`norm-layers passes axe in the ${theme} theme, fits 1280×720 and reads from the back row`, async ({ page }) => {
    // axe checks the contrast of every coloured cell (up to 400 of them): the slides and states are chosen to cover
    // each look once — the default, the largest batch under ℓ² (colours only, short rows, disabled γ and β), a warning.
    test.setTimeout(120_000);
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    const cases = theme === 'light' ? [DEFAULT, BAD] : [DEFAULT];
    for (const selector of cases) {
      const { h, v } = await findSlide(page, selector);
      await showSlide(page, h, v);
      const widget = page.locator(`section.present ${selector}`);
      const states = theme === 'light' && selector === DEFAULT ? (['start', 'ℓ², 16 × 12'] as const) : (['start'] as const);
      for (const state of states) {
        if (state !== 'start') {
          await widget.getByRole('button', { name: 'ℓ² norm' }).click();
          await widget.getByRole('slider', { name: 'batch size N' }).fill('16');
          await widget.getByRole('slider', { name: 'features D' }).fill('12');
          await widget.locator('table[data-side="after"] td.cell').nth(30).click();
        }
        for (const violation of await seriousAxeViolations(page)) failures.push(`${selector} (${state}): ${violation}`);
        const layout = await widget.evaluate((element) => {
          const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
          const w = element.getBoundingClientRect();
          const scale = s.width / 1280;
          let smallest = Infinity;
          for (const node of element.shadowRoot!.querySelectorAll('td, th, p, span, label, button')) {
            // The warning line is the shared one (components/shared/warning.ts), not this widget's to size.
            if (node.closest('[aria-hidden="true"], [role="alert"]') || !(node.textContent ?? '').trim() || node.getBoundingClientRect().width < 2) continue;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(node).fontSize));
          }
          return { spills: w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1, smallest: smallest * scale };
        });
        if (layout.spills) failures.push(`${selector} (${state}): the widget spills out of the 1280×720 slide`);
        if (layout.smallest < 20) failures.push(`${selector} (${state}): text of ${layout.smallest.toFixed(1)} px`);
      }
    }
    expect(failures).toEqual([]);
  });
}
