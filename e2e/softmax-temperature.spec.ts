/**
 * `<softmax-temperature>` driven as a student drives it: number fields, the temperature slider, buttons and the sample
 * select, by accessible names and the keyboard, on the slides of e2e/fixtures/problems/softmax-temperature.md.
 * Probabilities and entropies are computed again here.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/softmax-temperature.html?transition=none&backgroundTransition=none';
const DEFAULT = 'softmax-temperature[labels="cat,dog,bird"]';
const HUGE = 'softmax-temperature[logits="1000,999,998,0"]';
const BAD = 'softmax-temperature[logits="1,2"]';

/** p = softmax(z / T), written out again (largest term factored out, as one must). */
function softmax(z: number[], temperature: number): number[] {
  const m = Math.max(...z.map((v) => v / temperature));
  const e = z.map((v) => Math.exp(v / temperature - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
const entropy = (p: number[]) => -p.reduce((h, q) => (q > 0 ? h + q * Math.log(q) : h), 0);
const parse = (text: string | null) => Number((text ?? '').trim().replace('−', '-'));

/** The table's columns per row: class, z (a field), z / T, bars, p, sampled. */
async function readTable(widget: Locator): Promise<{ labels: string[]; p: number[]; sampled: Array<number | null> }> {
  const rows = widget.getByRole('table').locator('tbody tr');
  const count = await rows.count();
  const labels: string[] = [];
  const p: number[] = [];
  const sampled: Array<number | null> = [];
  for (let i = 0; i < count; i += 1) {
    const cells = rows.nth(i).locator('td');
    labels.push(((await cells.nth(0).textContent()) ?? '').trim());
    p.push(parse(await cells.nth(4).textContent()));
    const s = ((await cells.nth(5).textContent()) ?? '').trim();
    sampled.push(s === '—' ? null : parse(s));
  }
  return { labels, p, sampled };
}

async function expectProbabilities(widget: Locator, z: number[], temperature: number): Promise<void> {
  const expected = softmax(z, temperature);
  await expect.poll(async () => (await readTable(widget)).p.length).toBe(z.length);
  await expect.poll(async () => (await readTable(widget)).p.map((v, i) => Math.abs(v - expected[i]!) <= 0.0005).every(Boolean)).toBe(true);
  const h = entropy(expected);
  await expect(widget.getByRole('status')).toContainText(`entropy H = ${h.toFixed(3)} nats = ${(h / Math.LN2).toFixed(3)} bits`);
  await expect(widget.getByRole('status')).toContainText(`ln ${z.length} = ${Math.log(z.length).toFixed(3)} nats`);
}

async function pressTimes(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
}

test('the default logits 2, 1, 0.1 give p and H as computed here; the formula says T divides', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await showWidget(page, DECK, DEFAULT);
  await expectProbabilities(widget, [2, 1, 0.1], 1);
  expect((await readTable(widget)).labels).toEqual(['cat', 'dog', 'bird']);
  await expect(widget.getByText('T divides the logits')).toBeVisible();
  await expect(widget.getByRole('status')).toContainText('top class cat, p = 0.659');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('the temperature slider (log scale) sharpens and flattens p, by keyboard, the deck stays', async ({ page }) => {
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  const slider = widget.getByRole('slider', { name: 'temperature', exact: true });
  await slider.focus();
  await pressTimes(page, 'ArrowRight', 10); // ten twentieths of a decade: T = 10^0.5
  const temperature = Number((10 ** 0.5).toPrecision(4));
  await expect(slider).toHaveAttribute('aria-valuetext', '3.16');
  await expectProbabilities(widget, [2, 1, 0.1], temperature);
  await page.keyboard.press('Home'); // T = 0.01: nearly one-hot
  await expectProbabilities(widget, [2, 1, 0.1], 0.01);
  expect((await readTable(widget)).p[0]).toBe(1);
  await page.keyboard.press('End'); // T = 100: nearly uniform, H close to ln 3
  await expectProbabilities(widget, [2, 1, 0.1], 100);
  for (const p of (await readTable(widget)).p) expect(Math.abs(p - 1 / 3)).toBeLessThan(0.005);
  await page.keyboard.press('Space');
  expect(await currentIndices(page)).toMatchObject(where);
});

test('logits are edited by typing and by arrow keys; classes are added and removed within 3…6', async ({ page }) => {
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  const dog = widget.getByRole('spinbutton', { name: 'logit 2', exact: true });
  await dog.fill('3');
  await expectProbabilities(widget, [2, 3, 0.1], 1);
  await expect(widget.getByRole('status')).toContainText('top class dog');
  await dog.focus();
  await pressTimes(page, 'ArrowDown', 5); // 3 → 2.5
  await expect(dog).toHaveValue('2.5');
  await expectProbabilities(widget, [2, 2.5, 0.1], 1);
  expect(await currentIndices(page)).toMatchObject(where);

  const add = widget.getByRole('button', { name: 'Add class' });
  const remove = widget.getByRole('button', { name: 'Remove class' });
  await expect(remove).toBeDisabled();
  await add.click();
  await expect(widget.getByRole('spinbutton', { name: 'logit 4' })).toHaveValue('0');
  await expectProbabilities(widget, [2, 2.5, 0.1, 0], 1);
  expect((await readTable(widget)).labels).toEqual(['cat', 'dog', 'bird', 'class 4']);
  await add.click();
  await add.click();
  await expect(add).toBeDisabled();
  await expectProbabilities(widget, [2, 2.5, 0.1, 0, 0, 0], 1);
  const sixth = widget.getByRole('spinbutton', { name: 'logit 6' });
  await sixth.fill('-2');
  await expectProbabilities(widget, [2, 2.5, 0.1, 0, 0, -2], 1);
  // Out of range (|z| > 1000): not taken, and the field shows the logit in use when left.
  await sixth.fill('5000');
  await sixth.blur();
  await expect(sixth).toHaveValue('-2');
  await expectProbabilities(widget, [2, 2.5, 0.1, 0, 0, -2], 1);
  for (let i = 0; i < 3; i += 1) await remove.click();
  await expect(remove).toBeDisabled();
  await expectProbabilities(widget, [2, 2.5, 0.1], 1);
});

test('Sample draws N from p with the seed: frequencies near p (χ²), the same on a reload, Clear removes them', async ({ page }) => {
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  await widget.getByRole('combobox', { name: 'samples' }).selectOption('10000');
  await widget.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(widget.getByRole('status')).toContainText('10000 samples drawn (seed 1)');
  const first = await readTable(widget);
  const p = softmax([2, 1, 0.1], 1);
  const frequencies = first.sampled.map((f) => f!);
  expect(frequencies.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  // Pearson's χ² with 2 degrees of freedom, below its 0.999 quantile 13.8 (frequencies are shown to 3 decimals).
  const chi = frequencies.reduce((sum, f, i) => sum + (10000 * (f - p[i]!)) ** 2 / (10000 * p[i]!), 0);
  expect(chi).toBeLessThan(13.8);
  // Changing T makes the old sample stale: it is cleared.
  await widget.getByRole('slider', { name: 'temperature' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await readTable(widget)).sampled.every((f) => f === null)).toBe(true);

  // The same seed and the same presses give the same draws after a reload.
  // Wait for the batched URL write that holds T = 10^0.05.
  const state = () => new URLSearchParams(new URL(page.url()).searchParams.get('softmax-temperature') ?? '');
  await expect.poll(() => state().get('temperature')).toBe('1.122');
  const url = page.url();
  await page.goto('about:blank');
  await openDeck(page, url);
  // (reveal writes the slide into the hash up to a second late; go to the slide rather than rely on it)
  await showSlide(page, where.h, where.v);
  const again = page.locator(`section.present ${DEFAULT}`);
  await again.getByRole('slider', { name: 'temperature' }).focus();
  await page.keyboard.press('ArrowLeft');
  await again.getByRole('combobox', { name: 'samples' }).selectOption('10000');
  await again.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(again.getByRole('status')).toContainText('10000 samples drawn');
  expect((await readTable(again)).sampled).toEqual(first.sampled);
  await again.getByRole('button', { name: 'Clear samples' }).click();
  await expect(again.getByRole('status')).toContainText('no samples drawn yet');
});

test('huge logits (1000, 999, 998, 0) give the probabilities of 2, 1, 0, −998 — no overflow', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, HUGE);
  await expectProbabilities(widget, [2, 1, 0, -998], 1);
  const { p } = await readTable(widget);
  expect(p.every(Number.isFinite)).toBe(true);
  expect(p[3]).toBe(0);
  await widget.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(widget.getByRole('status')).toContainText('1000 samples drawn (seed 7)');
  expect((await readTable(widget)).sampled[3]).toBe(0);
});

test('bad attributes show a warning naming each, and the widget works on the defaults', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await showWidget(page, DECK, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('logits="1,2"');
  await expect(alert).toContainText('temperature="0"');
  await expectProbabilities(widget, [2, 1, 0.1], 1);
  await widget.getByRole('spinbutton', { name: 'logit 1' }).fill('0.1');
  await expectProbabilities(widget, [0.1, 1, 0.1], 1);
  expect(problems.consoleErrors).toEqual([]);
});

test('the settings live in the URL: a reload opens the same logits, classes and T', async ({ page }) => {
  const { widget, where } = await showWidget(page, DECK, DEFAULT);
  await widget.getByRole('button', { name: 'Add class' }).click();
  await widget.getByRole('spinbutton', { name: 'logit 4' }).fill('2.5');
  await widget.getByRole('slider', { name: 'temperature' }).focus();
  await pressTimes(page, 'ArrowLeft', 4); // T = 10^−0.2
  const temperature = Number((10 ** -0.2).toPrecision(4));
  await expectProbabilities(widget, [2, 1, 0.1, 2.5], temperature);
  // The widget's one parameter holds its settings, written like attributes.
  const state = () => new URLSearchParams(new URL(page.url()).searchParams.get('softmax-temperature') ?? '');
  await expect.poll(() => state().get('logits')).toBe('2,1,0.1,2.5');
  expect(state().get('temperature')).toBe(String(temperature));
  const url = page.url();
  await page.goto('about:blank');
  await openDeck(page, url);
  await showSlide(page, where.h, where.v);
  const again = page.locator(`section.present ${DEFAULT}`);
  await expectProbabilities(again, [2, 1, 0.1, 2.5], temperature);
  expect((await readTable(again)).labels).toEqual(['cat', 'dog', 'bird', 'class 4']);
});

test('a changed logit and T are in the address: a copied link shows the same fields, slider and status', async ({ page }) => {
  const { widget } = await showWidget(page, DECK, DEFAULT);
  await widget.getByRole('spinbutton', { name: 'logit 2' }).fill('1.5');
  await widget.getByRole('slider', { name: 'temperature' }).focus();
  await pressTimes(page, 'ArrowRight', 2); // T = 10^0.1
  const temperature = Number((10 ** 0.1).toPrecision(4));
  await expectProbabilities(widget, [2, 1.5, 0.1], temperature);
  const again = await reopenCopiedAddress(widget, { logits: '2,1.5,0.1', temperature: String(temperature) }, DEFAULT);
  await expect(again.getByRole('spinbutton', { name: 'logit 2' })).toHaveValue('1.5');
  await expect(again.getByRole('slider', { name: 'temperature' })).toHaveValue(await widget.getByRole('slider', { name: 'temperature' }).inputValue());
  await expect(again.getByRole('status')).toHaveText((await widget.getByRole('status').textContent())!.trim());
});

test('works outside a deck and settles after its first render', async ({ page }) => {
  await openDeck(page, DECK);
  const text = await page.evaluate(async () => {
    const element = document.createElement('softmax-temperature');
    element.setAttribute('logits', '0,0,0,0');
    document.body.append(element);
    await (element as HTMLElement & { settled: Promise<void> }).settled;
    const status = element.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
    element.remove();
    return status;
  });
  // Four equal logits: uniform, H = ln 4 = 1.386 nats = 2 bits.
  expect(text).toContain('entropy H = 1.386 nats = 2.000 bits');
});

for (const theme of ['light', 'dark'] as const) {
  test(`every softmax-temperature slide passes axe in the ${theme} theme and fits the 1280×720 slide`, async ({ page }) => {
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      const widget = page.locator('section.present softmax-temperature');
      if (!(await widget.count())) continue;
      // Six classes and a sample drawn: the tallest the widget gets.
      if (h === 1) {
        for (let i = 0; i < 3; i += 1) await widget.getByRole('button', { name: 'Add class' }).click();
        await widget.getByRole('button', { name: 'Sample', exact: true }).click();
      }
      for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h}: ${violation}`);
      const overflow = await page.evaluate(() => {
        const element = document.querySelector('.reveal .slides section.present softmax-temperature')!;
        const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
        const w = element.getBoundingClientRect();
        return w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1;
      });
      if (overflow) failures.push(`slide ${h}: the widget spills out of the 1280×720 slide`);
      await page.screenshot({ path: test.info().outputPath(`softmax-temperature-${theme}-${h}.png`) });
    }
    expect(failures).toEqual([]);
  });
}
