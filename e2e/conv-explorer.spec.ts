/**
 * `<conv-explorer>` on a built deck (e2e/fixtures/problems/conv-explorer.md), driven as a student drives it:
 * by accessible names, the keyboard and the pointer. The window's sum is checked against the dot product of
 * the numbers the widget shows, computed here; a drawn pixel against the pen's rule written out by hand.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/conv-explorer.html?transition=none&backgroundTransition=none';
const DEFAULT = 'conv-explorer:not([kernel]):not([mode])';
const SOBEL = 'conv-explorer[kernel="sobel"]';
const TRAINED = 'conv-explorer[mode="trained"]';
const BAD = 'conv-explorer[kernel="blur"]';

/** Opens the deck on the widget's slide; an explore widget is settled once its digit is drawn. */
async function openWidget(page: Page, selector = DEFAULT): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, DECK, selector);
  await expect(widget).toBeVisible();
  // A trained widget settles only at its epoch budget (its handout state): not waited for here.
  if (selector !== TRAINED) await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  return { widget, where };
}

/** The window's pixels (exact, from data-value), the weights in the fields and the sum shown. */
async function windowNumbers(widget: Locator): Promise<{ pixels: number[]; weights: number[]; sum: number }> {
  const pixels = (await widget.locator('table.window td').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')))).map(Number);
  const weights = (await widget.locator('table.kernel input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).map(Number);
  const sum = Number((await widget.locator('.sum .value').textContent())!.replace('−', '-'));
  return { pixels, weights, sum };
}

/** Σ xᵢ wᵢ, here. */
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** The shown sum (3 significant figures) agrees with the dot product of the shown numbers. */
function expectSum({ pixels, weights, sum }: { pixels: number[]; weights: number[]; sum: number }): void {
  const exact = dot(pixels, weights);
  expect(Math.abs(sum - exact), `shown ${sum}, Σ x·w = ${exact}`).toBeLessThanOrEqual(Math.max(0.0051, Math.abs(exact) * 0.005));
}

/** The picture's PNG (its <image>'s href) of the map with this label. */
function pictureOf(widget: Locator, label: string | RegExp): Promise<string | null> {
  return widget.getByRole('img', { name: label }).locator('image').getAttribute('href');
}

test('the default: a real digit, the vertical-edge kernel, the window’s 9 numbers and their dot product', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page);
  await expect(widget.getByRole('combobox', { name: 'kernel', exact: true })).toHaveValue('vertical-edge');
  const numbers = await windowNumbers(widget);
  expect(numbers.pixels).toHaveLength(9);
  expect(numbers.weights).toEqual([1, 0, -1, 1, 0, -1, 1, 0, -1]);
  expectSum(numbers);
  const status = widget.getByRole('status');
  await expect(status).toContainText('28×28 → 26×26 → pool (stride 2) 13×13 · 10 parameters vs 530,660 dense');
  await expect(widget).toContainText('9 weights + 1 bias = 10');
  await expect(widget).toContainText('784 × 676 + 676 = 530,660');
  await expect(widget.getByRole('img', { name: /after 2 × 2 max-pool with stride 2, 13 × 13/ })).toBeVisible();
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await widget.getByRole('button', { name: 'Show code' }).click();
  const code = widget.getByLabel('PyTorch code');
  await expect(code).toContainText('conv = nn.Conv2d(1, 1, kernel_size=3)');
  await expect(code).toContainText('nn.MaxPool2d(2, stride=2)');
  await expect(code).toContainText('# [1, 1, 13, 13]');
  await widget.getByRole('button', { name: 'Hide code' }).click();
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('arrow keys slide the window a pixel at a time, its numbers follow, and the deck stays', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  const input = widget.getByRole('region', { name: /^input digit/ });
  await input.focus();
  const before = await windowNumbers(widget);
  await page.keyboard.press('ArrowRight');
  await expect(widget.getByRole('status')).toContainText('window at row 11, column 12:');
  const right = await windowNumbers(widget);
  // Slid one pixel right: the old window's last two columns are the new one's first two.
  for (let r = 0; r < 3; r += 1) expect(right.pixels.slice(r * 3, r * 3 + 2)).toEqual(before.pixels.slice(r * 3 + 1, r * 3 + 3));
  expectSum(right);
  await page.keyboard.press('ArrowDown');
  await expect(widget.getByRole('status')).toContainText('window at row 12, column 12:');
  const down = await windowNumbers(widget);
  expect(down.pixels.slice(0, 6)).toEqual(right.pixels.slice(3, 9));
  expectSum(down);
  await page.keyboard.press('End');
  await expect(widget.getByRole('status')).toContainText('window at row 12, column 26:');
  await page.keyboard.press('ArrowRight'); // at the edge: stays
  await page.keyboard.press('Space');
  await page.keyboard.press('PageUp');
  await expect(widget.getByRole('status')).toContainText('window at row 1, column 26:');
  expect(await currentIndices(page)).toMatchObject(where);
});

test('a preset changes the map and the weights; a typed weight makes the kernel the student’s own; both in the URL', async ({ page }) => {
  const { widget } = await openWidget(page);
  const map = () => pictureOf(widget, /^feature map/);
  const vertical = await map();
  await widget.getByRole('combobox', { name: 'kernel', exact: true }).selectOption('horizontal-edge');
  expect((await windowNumbers(widget)).weights).toEqual([1, 1, 1, 0, 0, 0, -1, -1, -1]);
  await expect.poll(map).not.toBe(vertical);
  expectSum(await windowNumbers(widget));

  await widget.getByRole('combobox', { name: 'kernel', exact: true }).selectOption('identity');
  const identity = await windowNumbers(widget);
  expect(identity.sum).toBeCloseTo(identity.pixels[4]!, 2); // the identity gives the centre pixel back
  const field = widget.getByRole('spinbutton', { name: 'weight row 1, column 1' });
  await field.fill('2');
  await field.press('Tab');
  await expect(widget.getByRole('combobox', { name: 'kernel', exact: true })).toHaveValue('');
  const own = await windowNumbers(widget);
  expect(own.weights).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 0]);
  expectSum(own);
  const again = await reopenCopiedAddress(widget, { kernel: 'identity', weights: '2,0,0,0,1,0,0,0,0' }, DEFAULT);
  await again.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  expect((await windowNumbers(again)).weights).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 0]);
  await again.getByRole('combobox', { name: 'kernel size' }).selectOption('5');
  await expect(again.getByRole('combobox', { name: 'kernel', exact: true })).toHaveValue('identity');
  expect((await windowNumbers(again)).pixels).toHaveLength(25);
});

test('drawing: the pointer inks the grid; by keyboard Space inks the pen’s pixel, and the window reads it', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  await widget.getByRole('button', { name: 'Draw' }).click();
  await expect(widget.getByRole('button', { name: 'Draw' })).toHaveAttribute('aria-pressed', 'true');
  const blank = await pictureOf(widget, /^your drawing/);
  // A stroke down the middle with the mouse.
  const box = (await widget.getByRole('img', { name: /^your drawing/ }).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.8, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => pictureOf(widget, /^your drawing/)).not.toBe(blank);

  // Keyboard: a blank page, the pen at row 15, column 15 (1-based), Space inks it (1) and its four neighbours (0.5).
  await widget.getByRole('button', { name: 'Clear' }).click();
  await widget.getByRole('combobox', { name: 'kernel', exact: true }).selectOption('sharpen');
  const input = widget.getByRole('region', { name: /^input digit/ });
  await input.focus();
  await page.keyboard.press('Space');
  await widget.getByRole('button', { name: 'Draw' }).click();
  // The window from (11, 11) to the pixels 14…16 around the pen: three down, three right.
  await input.focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
  const numbers = await windowNumbers(widget);
  expect(numbers.pixels).toEqual([0, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 0]);
  // Sharpen: 5 × 1 − 4 × 0.5 = 3.
  expect(numbers.sum).toBe(3);
  expect(await currentIndices(page)).toMatchObject(where);
  // Picking a digit brings the digit back.
  await widget.getByRole('combobox', { name: 'digit' }).selectOption('3');
  await expect(widget.getByRole('region', { name: /^input digit, digit #3/ })).toBeVisible();
});

test('a 5×5 Sobel kernel with pool stride 1: 25 numbers, 24×24 → 23×23, 26 parameters', async ({ page }) => {
  const { widget } = await openWidget(page, SOBEL);
  const numbers = await windowNumbers(widget);
  expect(numbers.pixels).toHaveLength(25);
  expect(numbers.weights.slice(0, 5)).toEqual([1, 2, 0, -2, -1]);
  expectSum(numbers);
  await expect(widget.getByRole('status')).toContainText('28×28 → 24×24 → pool (stride 1) 23×23 · 26 parameters vs 452,160 dense');
  await expect(widget.getByRole('combobox', { name: 'digit' })).toHaveValue('7');
});

test('trained mode trains cnn-digits in a few epochs: learned kernels, feature maps, test accuracy; Step is one epoch', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, TRAINED);
  const status = widget.getByRole('status');
  await expect(status).toHaveText(/^epoch 0 of 2 · loss — · test accuracy \d+\.\d % · reads the digit as \d \(\d+ %\)$/, { timeout: 60_000 });
  await expect(widget.getByRole('img', { name: /^learned kernel/ })).toHaveCount(8);
  await expect(widget.getByRole('img', { name: /^feature map \d of the digit after ReLU, 26 × 26/ })).toHaveCount(8);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(status).toHaveText(/^epoch 1 of 2 · loss \d/, { timeout: 60_000 });
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(status).toHaveText(/^epoch 2 of 2 · loss \d.* · test accuracy \d+\.\d % · .* · done$/, { timeout: 60_000 });
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  await expect(widget).toContainText('Conv 8@3×3 → ReLU → Pool 2 → Conv 16@3×3 → ReLU → Pool 2 → Flatten → FC 10');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('trained mode is idle while its slide is hidden, and trains on when it is shown again', async ({ page }) => {
  test.setTimeout(150_000);
  // 50 epochs of 4 steps: a run long enough to leave its slide in the middle of it.
  await openDeck(page, `${DECK}&conv-explorer-3=epochs%3D50`);
  const where = await findSlide(page, TRAINED);
  await showSlide(page, where.h, where.v);
  const widget = page.locator(`section.present ${TRAINED}`);
  const epoch = async () => Number(/^epoch (\d+)/.exec((await page.locator(TRAINED).evaluate((el) => el.shadowRoot!.querySelector('[role="status"]')?.textContent ?? '')).trim())?.[1] ?? -1);
  await expect(widget.getByRole('status')).toHaveText(/^epoch 0 of 50/, { timeout: 60_000 });
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(epoch, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await showSlide(page, 0);
  await page.waitForTimeout(1500); // a readback already on its way may still land
  const hidden = await epoch();
  await page.waitForTimeout(3000);
  expect(await epoch()).toBe(hidden);
  await showSlide(page, where.h, where.v);
  await expect.poll(epoch, { timeout: 60_000 }).toBeGreaterThan(hidden);
  await widget.getByRole('button', { name: 'Pause' }).click();
});

test('a bad attribute shows a warning naming it, and the widget works on the defaults', async ({ page }) => {
  const { widget } = await openWidget(page, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('kernel="blur" is not one of identity, box-blur, sharpen, vertical-edge, horizontal-edge, sobel — using vertical-edge');
  await expect(alert).toContainText('size="4" is not one of 3, 5 — using 3');
  await expect(alert).toContainText('stride="3" is outside 1…2 — using 2');
  expectSum(await windowNumbers(widget));
});

test('in reveal’s print view every widget settles: explore drawn, trained at its epoch budget', async ({ page }) => {
  test.setTimeout(150_000);
  await openDeck(page, `${DECK}&print-pdf`);
  const statuses = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('conv-explorer')] as Array<HTMLElement & { settled: Promise<void>; settle(): Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settle()));
    return widgets.map((el) => el.shadowRoot!.querySelector('[role="status"]')?.textContent ?? '');
  });
  expect(statuses[0]).toContain('26×26 → pool (stride 2) 13×13');
  expect(statuses[2]).toMatch(/^epoch 2 of 2 · .* · done$/);
  // Seeded: another page trains the same network to the same numbers.
  const again = await page.context().newPage();
  await openDeck(again, `${DECK}&print-pdf`);
  const second = await again.evaluate(async () => {
    const el = document.querySelector('conv-explorer[mode="trained"]') as HTMLElement & { settle(): Promise<void> };
    // Asked twice at once, as a deck and the exporter may: one run to the budget, not two stepping past it
    // (which left `axon export` waiting for an "epoch 4 of 3" that never read "done").
    await Promise.all([el.settle(), el.settle()]);
    return el.shadowRoot!.querySelector('[role="status"]')?.textContent ?? '';
  });
  expect(second).toBe(statuses[2]);
});

for (const theme of ['light', 'dark'] as const) test(`every conv-explorer slide passes axe in the ${theme} theme, fits 1280×720 and reads at slide scale`, async ({ page }) => {
  test.setTimeout(120_000);
  await openDeck(page, DECK);
  if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
  const failures: string[] = [];
  for (const { h, v } of await slideIndices(page)) {
    await showSlide(page, h, v);
    const widget = page.locator('section.present conv-explorer');
    if (!(await widget.count())) continue;
    if ((await widget.getAttribute('mode')) === 'trained') await expect(widget.getByRole('status')).toHaveText(/^epoch 0 of/, { timeout: 60_000 });
    else await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
    for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h}: ${violation}`);
    const layout = await widget.evaluate((element) => {
      const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
      const w = element.getBoundingClientRect();
      const scale = s.width / 1280;
      let smallest = Infinity;
      for (const node of element.shadowRoot!.querySelectorAll('td, p, label, button, input, select, caption, figcaption')) {
        // The shared warning line (components/shared/warning.ts) is every widget's, at 0.85 em: not this widget's to size.
        if ((node as HTMLElement).offsetParent === null || node.classList.contains('warning')) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(node).fontSize));
      }
      return { spills: w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1, smallest: smallest * scale };
    });
    if (layout.spills) failures.push(`slide ${h}: the widget spills out of the 1280×720 slide`);
    if (layout.smallest < 20) failures.push(`slide ${h}: text of ${layout.smallest.toFixed(1)} px`);
  }
  expect(failures).toEqual([]);
});
