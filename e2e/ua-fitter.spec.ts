/**
 * `<ua-fitter>` on a built deck, driven as a person would: by the controls' accessible names and the
 * keyboard, reading the status. No assertion is about speed: the tests wait for epochs, never time them.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/ua-fitter.html?transition=none&backgroundTransition=none';
const AUTOPLAY = 'ua-fitter[autoplay]';
const TEN_UNITS = 'ua-fitter[epochs="300"]';
const BAD = 'ua-fitter[neurons="500"]';
/** `epoch 12 · MSE 0.01234` (4 significant digits, or `< 10⁻⁶`), then ` · done` at the budget. */
const STATUS = /^epoch (\d+) · MSE (<\s10⁻⁶|0\.0*[1-9]\d{3}|\d\.\d{3}|\d{2}\.\d{2})( · done)?$/;

/** Opens the deck on the slide holding the widget that matches `selector`; returns that widget. */
async function openWidget(page: Page, selector: string): Promise<Locator> {
  return (await showWidget(page, DECK, selector)).widget;
}

/** The epoch in a widget's status (read from its shadow root, so it works on a hidden slide too). */
async function epochOf(page: Page, selector: string): Promise<number> {
  const text = await page.locator(selector).evaluate((el) => el.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '');
  const match = /^epoch (\d+)/.exec(text.trim());
  if (!match) throw new Error(`no epoch in status "${text}"`);
  return Number(match[1]);
}

/** Waits until the status stops changing (a readback may land just after Pause), then returns its epoch. */
async function restingEpoch(page: Page, selector: string): Promise<number> {
  let previous = -1;
  for (;;) {
    const epoch = await epochOf(page, selector);
    if (epoch === previous) return epoch;
    previous = epoch;
    await page.waitForTimeout(250);
  }
}

test('Play trains, Pause stops, Step trains exactly one epoch, Reset goes back to epoch 0', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page, TEN_UNITS);
  const status = widget.getByRole('status');
  await expect(status).toHaveText(STATUS);
  await expect(status).toHaveText(/^epoch 0 · /);
  // Not autoplaying: idle until Play.
  await page.waitForTimeout(400);
  await expect(status).toHaveText(/^epoch 0 · /);
  await expect(widget.getByText('sigmoid units · Adam, lr 0.05, full batch, 300 epochs')).toBeVisible();

  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochOf(page, `section.present ${TEN_UNITS}`)).toBeGreaterThan(0);
  await widget.getByRole('button', { name: 'Pause' }).click();
  const paused = await restingEpoch(page, `section.present ${TEN_UNITS}`);
  await page.waitForTimeout(500);
  expect(await epochOf(page, `section.present ${TEN_UNITS}`)).toBe(paused);
  await expect(status).toHaveText(STATUS);

  if (paused < 300) {
    await widget.getByRole('button', { name: 'Step' }).click();
    await expect(status).toHaveText(new RegExp(`^epoch ${paused + 1} · MSE `));
    await page.waitForTimeout(300);
    await expect(status).toHaveText(new RegExp(`^epoch ${paused + 1} · MSE `));
  }

  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toHaveText(/^epoch 0 · MSE /);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(status).toHaveText(/^epoch 1 · MSE /);

  // Played to the end, it stops at the budget and says so.
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(status).toHaveText(/^epoch 300 · MSE .* · done$/, { timeout: 30_000 });
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  await expect(widget.getByRole('button', { name: 'Step' })).toBeDisabled();
  await widget.evaluate((el: HTMLElement & { settled?: Promise<void> }) => el.settled);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('neurons change with the keyboard (the deck stays), training restarts and keeps playing, the code follows', async ({ page }) => {
  const widget = await openWidget(page, TEN_UNITS);
  const selector = `section.present ${TEN_UNITS}`;
  const slider = widget.getByRole('slider', { name: 'neurons' });
  await expect(slider).toHaveValue('10');
  await widget.getByRole('button', { name: 'Show code' }).click();
  const code = widget.getByLabel('PyTorch code');
  await expect(code).toContainText('nn.Linear(1, 10), nn.Sigmoid(),');
  await expect(code).toContainText('nn.Linear(10, 1)');
  await expect(code).toContainText('torch.optim.Adam(model.parameters(), lr=0.05)');
  await expect(code).toContainText('for epoch in range(300):');

  // The open code is a full-slide overlay over the buttons (components/shared/code-panel.ts): Play by keyboard.
  await widget.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => epochOf(page, selector)).toBeGreaterThanOrEqual(60);
  const before = await currentIndices(page);
  const reached = await epochOf(page, selector);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('11');
  await expect(slider).toHaveAttribute('aria-valuetext', '11 hidden units');
  await expect(code).toContainText('nn.Linear(1, 11), nn.Sigmoid(),');
  // Restarted: back below where it was…
  await expect.poll(() => epochOf(page, selector)).toBeLessThan(reached);
  // …and still playing, up to the budget.
  await expect(widget.getByRole('status')).toHaveText(/^epoch 300 · MSE .* · done$/, { timeout: 30_000 });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('9');
  await expect(code).toContainText('nn.Linear(1, 9), nn.Sigmoid(),');
  // Done runs do not restart playing: the new run waits at epoch 0.
  await expect(widget.getByRole('status')).toHaveText(/^epoch 0 · /);
  expect(await currentIndices(page)).toEqual(before);
});

test('the target function select switches the curve and restarts training', async ({ page }) => {
  const widget = await openWidget(page, TEN_UNITS);
  const plot = widget.getByRole('img', { name: /^Fit:/ });
  await expect(plot).toHaveAttribute('aria-label', /sin x/);
  await widget.getByRole('button', { name: 'Step' }).click();
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toHaveText(/^epoch 2 · /);
  const select = widget.getByRole('combobox', { name: 'target function' });
  await select.selectOption('abs');
  await expect(plot).toHaveAttribute('aria-label', /\|x\|/);
  await expect(widget.getByRole('status')).toHaveText(/^epoch 0 · MSE /);
  const before = await currentIndices(page);
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue('step');
  await expect(plot).toHaveAttribute('aria-label', /step/);
  expect(await currentIndices(page)).toEqual(before);
  // Every target trains to its budget.
  for (const target of ['cubic', 'bump', 'sawtooth']) {
    await select.selectOption(target);
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect(widget.getByRole('status')).toHaveText(/^epoch 300 · MSE .* · done$/, { timeout: 30_000 });
  }
});

test('autoplay trains when its slide is shown, pauses when the slide is left and resumes on return', async ({ page }) => {
  const problems = await watchPage(page);
  await openDeck(page, DECK);
  const where = await findSlide(page, AUTOPLAY);
  await showSlide(page, where.h, where.v);
  await expect.poll(() => epochOf(page, AUTOPLAY)).toBeGreaterThan(0);
  await showSlide(page, where.h + 1, 0);
  const left = await restingEpoch(page, AUTOPLAY);
  await page.waitForTimeout(600);
  expect(await epochOf(page, AUTOPLAY)).toBe(left);
  if (left < 800) {
    await showSlide(page, where.h, where.v);
    await expect.poll(() => epochOf(page, AUTOPLAY)).toBeGreaterThan(left);
  } else {
    await showSlide(page, where.h, where.v);
  }
  const widget = page.locator(`section.present ${AUTOPLAY}`);
  await expect(widget.getByRole('status')).toHaveText(/^epoch 800 · MSE .* · done$/, { timeout: 30_000 });
  await widget.evaluate((el: HTMLElement & { settled?: Promise<void> }) => el.settled);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('an autoplay widget stays idle while its slide is not shown', async ({ page }) => {
  // Opened straight on the next slide (slide 0 is the title, 1 the autoplay widget).
  await openDeck(page, `${DECK}#/2`);
  expect((await currentIndices(page)).h).toBe(2);
  expect(await findSlide(page, AUTOPLAY)).toEqual({ h: 1, v: 0 });
  await expect.poll(() => epochOf(page, AUTOPLAY).catch(() => -1)).toBe(0);
  await page.waitForTimeout(800);
  expect(await epochOf(page, AUTOPLAY)).toBe(0);
  // Shown, it starts.
  await showSlide(page, 1, 0);
  await expect.poll(() => epochOf(page, AUTOPLAY)).toBeGreaterThan(0);
});

test('a bad attribute warns on the widget, naming it, and the widget falls back to 3 neurons', async ({ page }) => {
  const widget = await openWidget(page, BAD);
  await expect(widget.getByRole('alert')).toHaveText('<ua-fitter> neurons="500" is outside 1…64 — using 3');
  await expect(widget.getByRole('slider', { name: 'neurons' })).toHaveValue('3');
  await expect(widget.getByRole('status')).toHaveText(/^epoch 0 · MSE /);
  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toHaveText(/^epoch 1 · MSE /);
});

test('settle() trains a waiting widget to its handout state', async ({ page }) => {
  const widget = await openWidget(page, TEN_UNITS);
  await widget.evaluate((el: HTMLElement & { settle?: () => Promise<void> }) => el.settle!());
  await expect(widget.getByRole('status')).toHaveText(/^epoch 300 · MSE .* · done$/);
});

test('removing the widgets frees every tensor they trained with', async ({ page }) => {
  const widget = await openWidget(page, TEN_UNITS);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochOf(page, `section.present ${TEN_UNITS}`)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.axon!.engine!.tensorCount)).toBeGreaterThan(0);
  await page.evaluate(() => document.querySelectorAll('ua-fitter').forEach((el) => el.remove()));
  await expect.poll(() => page.evaluate(() => window.axon!.engine!.tensorCount)).toBe(0);
});

test('every slide passes an axe scan (no serious or critical violations), also with the code shown', async ({ page }) => {
  for (const selector of [AUTOPLAY, TEN_UNITS, BAD]) {
    const widget = await openWidget(page, selector);
    await expect(widget.getByRole('status')).toHaveText(STATUS);
    if (selector === TEN_UNITS) await widget.getByRole('button', { name: 'Show code' }).click();
    expect(await seriousAxeViolations(page), selector).toEqual([]);
  }
});

test('screenshots of every slide at 1280×720: widget and heading fit', async ({ page }) => {
  for (const [index, selector] of [AUTOPLAY, TEN_UNITS, BAD].entries()) {
    const widget = await openWidget(page, selector);
    if (selector === TEN_UNITS) await widget.evaluate((el: HTMLElement & { settle?: () => Promise<void> }) => el.settle!());
    await expect(widget.getByRole('status')).toHaveText(STATUS);
    if (selector === AUTOPLAY) await expect(widget.getByRole('status')).toHaveText(/done$/, { timeout: 30_000 });
    await page.screenshot({ path: `/tmp/ua-${index + 1}.png` });
    // Everything on the slide lies inside the 1280×720 viewport.
    const box = await widget.boundingBox();
    const heading = await page.locator('section.present h2').boundingBox();
    expect(box!.y + box!.height, selector).toBeLessThanOrEqual(720);
    expect(heading!.y, selector).toBeGreaterThanOrEqual(0);
    if (selector === TEN_UNITS) {
      await widget.getByRole('button', { name: 'Show code' }).click();
      await page.screenshot({ path: '/tmp/ua-code.png' });
      const code = await widget.getByLabel('PyTorch code').boundingBox();
      expect(code!.y + code!.height).toBeLessThanOrEqual(720);
      await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
      await page.screenshot({ path: '/tmp/ua-dark.png' });
    }
  }
});

test('the neurons and target a student picks are in the address: a copied link shows the same run', async ({ page }) => {
  const widget = await openWidget(page, TEN_UNITS);
  const slider = widget.getByRole('slider', { name: 'neurons' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('11');
  await widget.getByRole('combobox', { name: 'target function' }).selectOption('abs');
  const status = widget.getByRole('status');
  await expect(status).toHaveText(/^epoch 0 · MSE/);
  const again = await reopenCopiedAddress(widget, { neurons: '11', target: 'abs' }, TEN_UNITS);
  await expect(again.getByRole('slider', { name: 'neurons' })).toHaveValue('11');
  await expect(again.getByRole('combobox', { name: 'target function' })).toHaveValue('abs');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});
