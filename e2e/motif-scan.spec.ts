/**
 * `<motif-scan>` driven as a student drives it, on a real deck (e2e/fixtures/problems/motif-scan.md). The
 * expected scores are worked out here: a PWM of a consensus gives log₂((11/14) / (1/4)) = 1.652 bits to each
 * consensus base, so a perfect 6-mer scores 9.91 and a 7-mer 11.56; the best window is found in the sequence
 * field's text with indexOf.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/motif-scan.html?transition=none&backgroundTransition=none';
const DEFAULT = 'motif-scan:not([id]):not([sequence]):not([motif])';
const SMALL = 'motif-scan#small';
const BAD = 'motif-scan[motif="GAXAAG"]';
const BIT = Math.log2(44 / 14);
const two = (value: number) => value.toFixed(2).replace('-', '−');

async function openWidget(page: Page, selector = DEFAULT, query = ''): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, `${DECK}${query}`, selector);
  await expect(widget.getByRole('status')).toContainText('max score');
  return { widget, where };
}

test('the default sequence carries GATAAG, and its PWM scores it 6 × 1.652 = 9.91 at its 1-based start', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page);
  const sequence = await widget.getByRole('textbox', { name: 'sequence' }).inputValue();
  expect(sequence).toHaveLength(60);
  const start = sequence.indexOf('GATAAG') + 1;
  expect(start).toBeGreaterThan(0);
  await expect(widget.getByRole('status')).toHaveText(`max score ${two(6 * BIT)} at position ${start} (GATAAG)`);
  await expect(widget.getByRole('slider', { name: 'weight of G at position 1' })).toHaveAttribute('aria-valuetext', two(BIT));
  await expect(widget.getByRole('slider', { name: 'weight of C at position 1' })).toHaveAttribute('aria-valuetext', two(Math.log2(4 / 14)));
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('a typed consensus makes its PWM, an edited sequence is rescanned, and both reopen from a copied address', async ({ page }) => {
  const { widget } = await openWidget(page);
  const motif = widget.getByRole('textbox', { name: 'motif consensus' });
  await motif.fill('tgactca');
  await motif.press('Enter');
  await expect(widget.getByRole('spinbutton', { name: 'filter width' })).toHaveValue('7');
  await expect(widget.locator('caption')).toContainText('7 × 4, PWM of TGACTCA');
  const regenerated = await widget.getByRole('textbox', { name: 'sequence' }).inputValue();
  expect(regenerated).toContain('TGACTCA');
  await expect(widget.getByRole('status')).toHaveText(`max score ${two(7 * BIT)} at position ${regenerated.indexOf('TGACTCA') + 1} (TGACTCA)`);

  await widget.getByRole('textbox', { name: 'sequence' }).fill('ccccTGAGTCAccTGACTCAgg');
  // TGAGTCA differs at one base: 6 × 1.652 − 1.807 = 8.11; TGACTCA at 14 scores 11.56.
  await expect(widget.getByRole('status')).toHaveText(`max score ${two(7 * BIT)} at position 14 (TGACTCA)`);
  const again = await reopenCopiedAddress(widget, { motif: 'TGACTCA', sequence: 'CCCCTGAGTCACCTGACTCAGG' }, DEFAULT);
  await expect(again.getByRole('status')).toHaveText(`max score ${two(7 * BIT)} at position 14 (TGACTCA)`);
  await expect(again.getByRole('textbox', { name: 'motif consensus' })).toHaveValue('TGACTCA');
});

test('the filter cells take the keyboard without moving the slide, and the score follows', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  await widget.getByRole('textbox', { name: 'sequence' }).fill('CCGATAAGCC');
  await expect(widget.getByRole('status')).toHaveText(`max score ${two(6 * BIT)} at position 3 (GATAAG)`);
  const g1 = widget.getByRole('slider', { name: 'weight of G at position 1' });
  await g1.focus();
  await page.keyboard.press('ArrowDown'); // −0.25
  await page.keyboard.press('Shift+ArrowDown'); // −1
  await expect(g1).toHaveAttribute('aria-valuetext', two(BIT - 1.25));
  await expect(widget.getByRole('status')).toContainText(`max score ${two(6 * BIT - 1.25)} at position 3 (GATAAG)`);
  await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('slider', { name: 'weight of G at position 2' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await expect(g1).toBeFocused();
  expect(await currentIndices(page)).toMatchObject(where);
  await expect(widget.locator('caption')).toContainText('edited');
  // Every base row is one Tab stop: the next Tab reaches T's row, not G at position 2.
  await page.keyboard.press('Shift+Tab');
  await expect(widget.getByRole('slider', { name: 'weight of T at position 1' })).toBeFocused();
  // A drag up by 60 slide pixels adds 2.
  const c1 = widget.getByRole('slider', { name: 'weight of C at position 1' });
  const box = (await c1.boundingBox())!;
  const scale = await page.evaluate(() => document.querySelector('.reveal .slides')!.getBoundingClientRect().width / 1280);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 60 * scale, { steps: 4 });
  await page.mouse.up();
  await expect(c1).toHaveAttribute('aria-valuetext', two(Math.round((Math.log2(4 / 14) + 2) * 4) / 4));
});

test('Train fits the model: the validation accuracy rises and the filter becomes the planted GATAAG', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget, where } = await openWidget(page, SMALL);
  await widget.getByRole('button', { name: 'Train' }).click();
  const status = widget.getByRole('status');
  await expect(status).toContainText(/epoch [1-7]\/8/, { timeout: 60_000 });
  // Idle while its slide is hidden: the epoch stands still, and goes on once the slide is back.
  await showSlide(page, where.h + 1, 0);
  const epochNow = () => page.locator(SMALL).evaluate((el) => /epoch (\d+)/.exec(el.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '')?.[1]);
  const hiddenAt = await epochNow();
  await page.waitForTimeout(1500);
  expect(await epochNow()).toBe(hiddenAt);
  await showSlide(page, where.h, where.v);
  await expect(status).toContainText('epoch 8/8', { timeout: 90_000 });
  const text = (await status.textContent())!;
  const accuracy = Number(/validation accuracy ([\d.]+)/.exec(text)![1]);
  expect(accuracy).toBeGreaterThanOrEqual(90);
  expect(text).toContain('filter consensus GATAAG');
  await expect(widget.locator('caption')).toContainText('trained');
  const chart = await widget.getByRole('img', { name: /Validation accuracy/ }).getAttribute('aria-label');
  expect(chart).toContain('at epoch 8');
  for (const violation of await seriousAxeViolations(page)) expect.soft(violation).toBe('');
  expect(problems.consoleErrors).toEqual([]);
});

test('a bad attribute is named in a warning, and the widget works on the defaults; the slides pass axe', async ({ page }) => {
  const { widget } = await openWidget(page, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('motif="GAXAAG" has "X" at position 3, which is not A, C, G or T — using GATAAG');
  await expect(alert).toContainText('width="30" is outside 3…20 — using 6');
  await expect(alert).toContainText('count="7" is outside 100…5000 — using 1000');
  await expect(widget.locator('caption')).toContainText('PWM of GATAAG');
  expect(await seriousAxeViolations(page)).toEqual([]);
  const { widget: first } = await openWidget(page);
  await expect(first).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
  expect(await seriousAxeViolations(page)).toEqual([]);
  // Nothing under the room's 21 px (20 px on a 1280×720 projector), and the widget inside the slide.
  const layout = await first.evaluate((element) => {
    const slide = document.querySelector('.reveal .slides')!.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    let smallest = Infinity;
    for (const node of element.shadowRoot!.querySelectorAll('p, label, button, input, caption, th, .cell, .track text, .chart text')) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(node).fontSize));
    }
    return { spills: box.bottom > slide.bottom + 1 || box.right > slide.right + 1, smallest };
  });
  expect(layout).toEqual({ spills: false, smallest: 21 });
});

test('in the print view settle() trains to the budget and the trained filter is drawn', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  const result = await page.evaluate(async () => {
    const element = document.querySelector('motif-scan#small') as HTMLElement & { settle(): Promise<void>; settled: Promise<void> };
    await element.settle();
    await element.settled;
    const root = element.shadowRoot!;
    return { status: root.querySelector('[role="status"]')!.textContent ?? '', caption: root.querySelector('caption')!.textContent ?? '', letters: root.querySelectorAll('.logo-letter').length };
  });
  expect(result.status).toContain('epoch 8/8');
  expect(result.caption).toContain('trained');
  expect(result.letters).toBeGreaterThan(6);
});
