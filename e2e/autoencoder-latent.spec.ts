/**
 * `<autoencoder-latent>` driven as a student drives it, on a real deck (e2e/fixtures/problems/autoencoder-latent.md):
 * Play trains the autoencoder on the engine (in the training worker) until the budget, the loss falls and every digit
 * is a dot in the plane; a click, a drag or the arrow keys decode another point; the noise slider turns it into a
 * denoising autoencoder (noisy input, reconstruction, clean original); `PCA` adds the linear projection; the page
 * address keeps the settings; axe finds nothing serious; `settle()` brings the handout's trained map.
 * The fixture trains 300 digits through a small network for a few epochs, so each run takes seconds.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, seriousAxeViolations, showWidget, watchPage } from './support.ts';

const DECK = 'problems/autoencoder-latent.html?transition=none&backgroundTransition=none';
const PLAIN = 'autoencoder-latent[epochs="3"]';
const DENOISING = 'autoencoder-latent[noise-kind="mask"]';
const BAD = 'autoencoder-latent[noise-kind="salt"]';
const DIGITS = 300;

async function openWidget(page: Page, selector: string, query = ''): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, `${DECK}${query}`, selector);
  await expect(widget.getByRole('status')).toContainText(/reconstruction loss/, { timeout: 30_000 });
  return { widget, where };
}

/** How many dots the plane of codes (or the PCA plane, the second) draws: one closed circle per digit. */
async function dotCount(widget: Locator, plane = 0): Promise<number> {
  return widget.locator('svg.plane').nth(plane).locator('path.dots').evaluateAll((paths) =>
    paths.reduce((sum, path) => sum + ((path.getAttribute('d') ?? '').match(/M/g)?.length ?? 0), 0),
  );
}

/** The loss in the status line. */
async function statusLoss(widget: Locator): Promise<number> {
  const text = (await widget.getByRole('status').textContent()) ?? '';
  return Number(text.match(/reconstruction loss ([\d.]+)/)?.[1]);
}

/** The decoded point (z₁, z₂) from its figure's accessible name. */
async function decodedPoint(widget: Locator): Promise<[number, number]> {
  const name = (await widget.getByRole('img', { name: /^g\(z\)/ }).getAttribute('aria-label')) ?? '';
  const [, a, b] = name.match(/z = \(([^,]+), ([^)]+)\)/) ?? [];
  return [Number(a!.replace('−', '-')), Number(b!.replace('−', '-'))];
}

/** The decoded digit's picture (a PNG data URL). */
async function decodedPicture(widget: Locator): Promise<string> {
  return (await widget.getByRole('img', { name: /^g\(z\)/ }).locator('image').getAttribute('href')) ?? '';
}

test('Play trains to the budget: the loss falls, every digit is a dot, and a click decodes that point', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, PLAIN);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await expect(widget.getByRole('status')).toHaveText('epoch 0 of 3 · reconstruction loss … (BCE)');
  expect(await dotCount(widget)).toBe(DIGITS);
  const untrained = await widget.locator('svg.plane path.dots').first().getAttribute('d');

  await widget.getByRole('button', { name: 'Step' }).click();
  await expect(widget.getByRole('status')).toContainText(/reconstruction loss 0\.\d+/);
  const first = await statusLoss(widget);
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect(widget.getByRole('status')).toContainText('epoch 3 of 3', { timeout: 60_000 });
  await expect(widget.getByRole('status')).toContainText('· done');
  await expect(widget.getByRole('button', { name: 'Play' })).toBeDisabled();
  expect(await statusLoss(widget)).toBeLessThan(first);
  // The codes moved as it learned, and every one of the 300 digits is still drawn.
  expect(await widget.locator('svg.plane path.dots').first().getAttribute('d')).not.toBe(untrained);
  expect(await dotCount(widget)).toBe(DIGITS);

  // A click near the top-left corner of the plane, then near the bottom-right: z₁ grows to the right, z₂ upward.
  const plane = widget.getByRole('button', { name: /code z = f\(x\) of the autoencoder/ });
  const box = (await plane.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.1, box.y + box.height * 0.1);
  await expect.poll(() => decodedPicture(widget)).toMatch(/^data:image\/png/);
  const topLeft = await decodedPoint(widget);
  const topLeftPicture = await decodedPicture(widget);
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.9);
  await expect.poll(() => decodedPoint(widget)).not.toEqual(topLeft);
  const bottomRight = await decodedPoint(widget);
  expect(bottomRight[0]).toBeGreaterThan(topLeft[0]);
  expect(bottomRight[1]).toBeLessThan(topLeft[1]);
  await expect.poll(() => decodedPicture(widget)).not.toBe(topLeftPicture);
  // A drag decodes as it goes.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6, { steps: 4 });
  await page.mouse.up();
  const dragged = await decodedPoint(widget);
  expect(dragged[0]).toBeLessThan(bottomRight[0]);

  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('keyboard: every control is reached by Tab with a name, and arrows move the decoded point, not the slide', async ({ page }) => {
  const { widget, where } = await openWidget(page, PLAIN);
  const plane = widget.getByRole('button', { name: /code z = f\(x\) of the autoencoder/ });
  await plane.focus();
  const before = await decodedPoint(widget);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await decodedPoint(widget))[0]).toBeGreaterThan(before[0]);
  expect((await decodedPoint(widget))[1]).toBeGreaterThan(before[1]);
  expect(await currentIndices(page)).toMatchObject(where);

  // Tab from the plane walks through the controls, each with its accessible name.
  const names: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    names.push(
      await page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
      }),
    );
  }
  for (const name of ['Reset', 'noise', 'noise kind', 'PCA', 'Another digit']) expect(names).toContain(name);
  // Space on the focused PCA toggle switches it, and the slide stays.
  await widget.getByRole('button', { name: 'PCA', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(widget.getByRole('button', { name: 'PCA', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(await currentIndices(page)).toMatchObject(where);
});

test('noise makes it a denoising autoencoder, PCA shows the linear projection, and a copied link reopens both', async ({ page }) => {
  const { widget } = await openWidget(page, PLAIN);
  await expect(widget.getByRole('img', { name: 'input x' })).toBeVisible();
  await expect(widget.getByRole('img', { name: 'clean original x' })).toHaveCount(0);
  await widget.getByRole('slider', { name: 'noise' }).fill('0.5');
  await widget.getByRole('combobox', { name: 'noise kind' }).selectOption('mask');
  for (const name of ['noisy input x̃', 'reconstruction x̂', 'clean original x']) await expect(widget.getByRole('img', { name })).toBeVisible();
  await expect(widget.locator('.planes .settings')).toContainText('denoising 50 % masked');
  // Masking sets pixels to 0: the noisy input has no more ink than the clean original.
  const ink = (name: string) => widget.getByRole('img', { name }).locator('image').evaluate(async (image) => {
    const picture = new Image();
    picture.src = image.getAttribute('href') ?? '';
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 28;
    const context = canvas.getContext('2d')!;
    context.drawImage(picture, 0, 0);
    const data = context.getImageData(0, 0, 28, 28).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 255 - data[i]!;
    return sum;
  });
  await expect.poll(() => ink('reconstruction x̂')).toBeGreaterThan(0);
  expect(await ink('noisy input x̃')).toBeLessThan(await ink('clean original x'));

  await widget.getByRole('button', { name: 'PCA', exact: true }).click();
  await expect(widget.getByRole('button', { name: 'PCA', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const pcaPlane = widget.getByRole('button', { name: /PCA: the top 2 components \(\d+ % of the variance\)/ });
  await expect(pcaPlane).toBeVisible({ timeout: 30_000 });
  expect(await dotCount(widget, 1)).toBe(DIGITS);
  await pcaPlane.click();
  await expect(widget.getByRole('img', { name: 'linear decoder (PCA)' }).locator('image')).toHaveAttribute('href', /^data:image\/png/);

  const copy = await reopenCopiedAddress(widget, { noise: '0.5', 'noise-kind': 'mask', pca: 'true' }, PLAIN);
  await expect(copy.getByRole('slider', { name: 'noise' })).toHaveValue('0.5');
  await expect(copy.getByRole('combobox', { name: 'noise kind' })).toHaveValue('mask');
  await expect(copy.getByRole('button', { name: 'PCA', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(copy.getByRole('img', { name: 'clean original x' })).toBeVisible();
});

test('attributes: a denoising slide with PCA is axe clean; bad values are named and fall back; settle() trains the handout map', async ({ page }) => {
  const { widget } = await openWidget(page, DENOISING);
  await expect(widget.getByRole('img', { name: 'noisy input x̃' })).toBeVisible();
  await expect(widget.getByRole('button', { name: /PCA: the top 2 components/ })).toBeVisible({ timeout: 30_000 });
  await widget.evaluate(async (element: HTMLElement & { settle(): Promise<void> }) => element.settle());
  await expect(widget.getByRole('status')).toHaveText(/^epoch 2 of 2 · reconstruction loss 0\.\d{4} \(BCE\) · done$/);
  expect(await dotCount(widget, 0)).toBe(DIGITS);
  expect(await seriousAxeViolations(page)).toEqual([]);

  const { widget: bad } = await openWidget(page, BAD);
  const alert = bad.getByRole('alert');
  for (const name of ['<autoencoder-latent>', 'count="50"', 'noise="2"', 'noise-kind="salt"']) await expect(alert).toContainText(name);
  await expect(bad.locator('.planes .settings')).toHaveText('784 → 16 → 2 → 16 → 784 · 2000 digits · plain');
});
