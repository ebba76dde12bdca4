/**
 * `<mp-neuron>` driven as a student drives it: through its accessible names only, with mouse and keyboard,
 * on a real deck (e2e/fixtures/problems/mp-neuron.md). Truth tables are written out here by hand.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/mp-neuron.html?transition=none&backgroundTransition=none';

/** Each gate's truth table: input row (x₁x₂, or x₁ for NOT) → y. */
const TRUTH: Record<string, Record<string, 0 | 1>> = {
  AND: { '00': 0, '01': 0, '10': 0, '11': 1 },
  OR: { '00': 0, '01': 1, '10': 1, '11': 1 },
  NAND: { '00': 1, '01': 1, '10': 1, '11': 0 },
  NOR: { '00': 1, '01': 0, '10': 0, '11': 0 },
  NOT: { '0': 1, '1': 0 },
};

/** Opens the deck on the slide holding the widget that matches the selector; returns the widget. */
async function openWidget(page: Page, selector: string): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const shown = await showWidget(page, DECK, selector);
  await expect(shown.widget).toBeVisible();
  return shown;
}

/** Sets toggle xᵢ to the bit, by a click or (every other time) the Space key, as a student would. */
async function setInput(widget: Locator, index: number, bit: string, useKeyboard: boolean): Promise<void> {
  const toggle = widget.getByRole('button', { name: `x${index + 1}`, exact: true });
  const pressed = (await toggle.getAttribute('aria-pressed')) === 'true';
  if (pressed === (bit === '1')) return;
  if (useKeyboard) {
    await toggle.focus();
    await toggle.page().keyboard.press('Space');
  } else {
    await toggle.click();
  }
  await expect(toggle).toHaveAttribute('aria-pressed', bit === '1' ? 'true' : 'false');
}

test('every preset gives its gate’s truth table on every input combination, by mouse and by Space', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget, where } = await openWidget(page, 'mp-neuron:not([gate]):not([inputs])');
  const status = widget.getByRole('status');
  let presses = 0;
  for (const [gate, table] of Object.entries(TRUTH)) {
    await widget.getByRole('button', { name: gate, exact: true }).click();
    await expect(widget.getByRole('button', { name: gate, exact: true })).toHaveAttribute('aria-pressed', 'true');
    const arity = Object.keys(table)[0]!.length;
    // NOT uses x₁ alone: the widget shows one input toggle and one weight.
    await expect(widget.getByRole('button', { name: /^x\d$/ })).toHaveCount(arity);
    await expect(widget.getByRole('slider', { name: /^w\d$/ })).toHaveCount(arity);
    for (const [row, y] of Object.entries(table)) {
      for (let i = 0; i < row.length; i += 1) await setInput(widget, i, row[i]!, (presses++ % 2) === 1);
      await expect(status, `${gate} on ${row}`).toContainText(`y = ${y}`);
      const current = widget.locator('tr[aria-current="true"]');
      await expect(current).toHaveCount(1);
      // The highlighted row is this input row, and its y column agrees with the status.
      for (let i = 0; i < row.length; i += 1) await expect(current.locator('td').nth(1 + i)).toHaveText(row[i]!);
      await expect(current.locator('td').nth(row.length + 2)).toHaveText(String(y));
    }
  }
  // Space on a toggle flipped the input and did not move the deck.
  expect(await currentIndices(page)).toMatchObject(where);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('the truth table lists every row with Σ and y, and marks the current row in text', async ({ page }) => {
  const { widget } = await openWidget(page, 'mp-neuron:not([gate]):not([inputs])');
  // Default: w = 1, 1 and θ = 1.5, an AND gate.
  const table = widget.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveCount(5);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3)).toContainText('2.0');
  await widget.getByRole('button', { name: 'x1', exact: true }).click();
  const current = table.locator('tr[aria-current="true"]');
  await expect(current).toContainText('▶');
  await expect(current.locator('td').nth(1)).toHaveText('1');
  await expect(current.locator('td').nth(2)).toHaveText('0');
  await expect(widget.getByRole('status')).toContainText('Σ wᵢxᵢ = 1.0 ≥ θ = 1.5? no');
});

test('arrow keys move a focused slider and the output at once, while the deck stays on its slide', async ({ page }) => {
  const { widget, where } = await openWidget(page, 'mp-neuron:not([gate]):not([inputs])');
  const status = widget.getByRole('status');
  await widget.getByRole('button', { name: 'x1', exact: true }).click();
  await expect(status).toContainText('y = 0');

  const threshold = widget.getByRole('slider', { name: 'threshold', exact: true });
  await threshold.focus();
  await page.keyboard.press('ArrowLeft'); // 1.5 → 1.0: now Σ = 1 reaches θ
  await expect(threshold).toHaveValue('1');
  await expect(status).toContainText('y = 1');
  await expect(status).toContainText('θ = 1.0? yes');

  const w1 = widget.getByRole('slider', { name: 'w1', exact: true });
  await w1.focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft'); // 1.0 → −0.5
  await expect(w1).toHaveValue('-0.5');
  await expect(status).toContainText('y = 0');
  await expect(status).toContainText('Σ wᵢxᵢ = −0.5');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(w1).toHaveValue('-1');
  expect(await currentIndices(page)).toMatchObject({ h: where.h, v: where.v });
});

test('dragging a slider with the mouse sets its value on the 0.5 grid', async ({ page }) => {
  const { widget, where } = await openWidget(page, 'mp-neuron:not([gate]):not([inputs])');
  const threshold = widget.getByRole('slider', { name: 'threshold', exact: true });
  const box = (await threshold.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const value = Number(await threshold.inputValue());
  expect(value).toBeLessThanOrEqual(-2.5);
  expect(value * 2).toBe(Math.round(value * 2));
  // θ ≤ −2.5 with weights 1, 1: the unit fires even with every input off.
  await expect(widget.getByRole('status')).toContainText('y = 1');
  expect(await currentIndices(page)).toMatchObject({ h: where.h, v: where.v });
});

test('XOR: the widget explains that no single unit computes it and marks the failing rows', async ({ page }) => {
  const { widget } = await openWidget(page, 'mp-neuron:not([gate]):not([inputs])');
  await expect(widget.getByText('No single threshold unit computes XOR')).toHaveCount(0);
  await widget.getByRole('button', { name: 'XOR', exact: true }).click();
  await expect(widget.getByText('No single threshold unit computes XOR.')).toBeVisible();
  await expect(widget).toContainText('networks need layers');
  const table = widget.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'XOR', exact: true })).toBeVisible();
  // OR's weights, XOR's first attempt: only the row 1 1 fails.
  const failing = table.locator('tbody tr', { hasText: '✗' });
  await expect(failing).toHaveCount(1);
  await expect(failing.locator('td').nth(1)).toHaveText('1');
  await expect(failing.locator('td').nth(2)).toHaveText('1');
  // Try to fix row 1 1 by raising θ to 2.5: now rows 01 and 10 fail instead.
  const threshold = widget.getByRole('slider', { name: 'threshold', exact: true });
  await threshold.focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await expect(threshold).toHaveValue('2.5');
  await expect(failing).toHaveCount(2);
  await expect(widget).toContainText('fail rows 01, 10');
  // The two-layer network does compute XOR for the current inputs.
  await widget.getByRole('button', { name: 'x1', exact: true }).click();
  await expect(widget.getByRole('img', { name: /Two layers compute XOR.*y = 1$/ })).toBeVisible();
  await widget.getByRole('button', { name: 'x2', exact: true }).click();
  await expect(widget.getByRole('img', { name: /Two layers compute XOR.*y = 0$/ })).toBeVisible();
});

test('gate="xor" opens on the XOR preset with its explanation', async ({ page }) => {
  const { widget } = await openWidget(page, 'mp-neuron[gate="xor"]');
  await expect(widget.getByRole('button', { name: 'XOR', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByText('No single threshold unit computes XOR.')).toBeVisible();
  await expect(widget.getByRole('alert')).toHaveCount(0);
});

test('three inputs give eight rows and a majority vote', async ({ page }) => {
  const { widget } = await openWidget(page, 'mp-neuron[inputs="3"]');
  await expect(widget.getByRole('table').locator('tbody tr')).toHaveCount(8);
  const status = widget.getByRole('status');
  await widget.getByRole('button', { name: 'x1', exact: true }).click();
  await expect(status).toContainText('y = 0');
  await widget.getByRole('button', { name: 'x3', exact: true }).click();
  await expect(status).toContainText('y = 1');
});

test('a bad attribute shows a warning naming it, and the widget still works on the default', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, 'mp-neuron[inputs="9"]');
  await expect(widget.getByRole('alert')).toContainText('inputs="9"');
  await expect(widget.getByRole('button', { name: /^x\d$/ })).toHaveCount(2);
  await expect(widget.getByRole('status')).toContainText('y = 0');
  await widget.getByRole('button', { name: 'x1', exact: true }).click();
  await widget.getByRole('button', { name: 'x2', exact: true }).click();
  await expect(widget.getByRole('status')).toContainText('y = 1');
  expect(problems.consoleErrors).toEqual([]);
});

test('the widget works outside a deck and settles after its first render', async ({ page }) => {
  await openDeck(page, DECK);
  const text = await page.evaluate(async () => {
    const element = document.createElement('mp-neuron');
    element.setAttribute('gate', 'NAND');
    document.body.append(element);
    await (element as HTMLElement & { settled: Promise<void> }).settled;
    const status = element.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
    element.remove();
    return status;
  });
  expect(text).toContain('y = 1');
});

for (const theme of ['light', 'dark'] as const) {
  test(`every mp-neuron slide passes axe in the ${theme} theme, and looks right at 1280×720`, async ({ page }) => {
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      if (!(await page.locator('section.present mp-neuron').count())) continue;
      for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h}: ${violation}`);
      // Nothing of the widget may spill out of the 1280×720 slide.
      const overflow = await page.evaluate(() => {
        const slide = document.querySelector('.reveal .slides section.present')!;
        const widget = slide.querySelector('mp-neuron')!;
        const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
        const w = widget.getBoundingClientRect();
        return w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1;
      });
      await page.screenshot({ path: `/tmp/mp-${theme}-${h}.png` });
      if (overflow) failures.push(`slide ${h}: the widget spills out of the 1280×720 slide`);
    }
    expect(failures).toEqual([]);
  });
}

test('the preset and θ a student sets are in the address: a copied link shows the same unit and output', async ({ page }) => {
  const selector = 'mp-neuron:not([gate]):not([inputs])';
  const { widget } = await openWidget(page, selector);
  await widget.getByRole('button', { name: 'NAND', exact: true }).click();
  const threshold = widget.getByRole('slider', { name: 'threshold', exact: true });
  await threshold.focus();
  await page.keyboard.press('ArrowRight'); // θ: −1.5 → −1
  const status = widget.getByRole('status');
  await expect(status).toContainText('θ = −1.0?');
  const again = await reopenCopiedAddress(widget, { gate: 'nand', weights: '-1,-1', threshold: '-1' }, selector);
  await expect(again.getByRole('button', { name: 'NAND', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(again.getByRole('slider', { name: 'threshold', exact: true })).toHaveValue('-1');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});
