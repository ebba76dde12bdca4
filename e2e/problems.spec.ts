/** Decks with mistakes, built under a sub-path (--base /problems/): every mistake is visible on its slide. */
import { expect, test } from '@playwright/test';
import { findSlide, openDeck, showSlide, watchPage } from './support.ts';

test('a site built with --base loads all its files under that sub-path', async ({ page }) => {
  const problems = await watchPage(page);
  await page.goto('problems/index.html');
  for (const deck of ['problems', 'dark', 'engine']) await expect(page.locator(`.axon-deck-card a[href="${deck}.html"]`)).toHaveCount(1);
  await openDeck(page, 'problems/problems.html');
  expect(problems.failedRequests).toEqual([]);
  expect(problems.externalRequests).toEqual([]);
});

test('bad math shows its source in a visible error box, and good math beside it still renders', async ({ page }) => {
  await openDeck(page, 'problems/problems.html');
  const where = await findSlide(page, '.axon-math-error');
  await showSlide(page, where.h, where.v);
  const box = page.locator('section.present .axon-math-error');
  await expect(box).toBeVisible();
  await expect(box).toContainText('\\frac{1}{');
  await expect(page.locator('section.present .katex')).toHaveCount(1);
});

test('an unknown widget tag shows a placeholder that names it', async ({ page }) => {
  await openDeck(page, 'problems/problems.html');
  const where = await findSlide(page, '[data-axon-unknown-widget]');
  await showSlide(page, where.h, where.v);
  const placeholder = page.locator('section.present [data-axon-unknown-widget="ua-fitterr"]');
  await expect(placeholder).toBeVisible();
  const label = await placeholder.evaluate((el) => getComputedStyle(el, '::before').content);
  expect(label).toContain('ua-fitterr');
  expect((await placeholder.boundingBox())!.height).toBeGreaterThan(30);
});

test('a widget with a bad attribute warns on itself and falls back to the default', async ({ page }) => {
  await openDeck(page, 'problems/problems.html');
  const where = await findSlide(page, 'demo-sigmoid');
  await showSlide(page, where.h, where.v);
  const widget = page.locator('section.present demo-sigmoid');
  await expect(widget.getByRole('alert')).toContainText('value="banana"');
  await expect(widget.getByRole('status')).toContainText('σ(0.00) = 0.500');
});

test('the dark theme is dark, with light text', async ({ page }) => {
  await openDeck(page, 'problems/dark.html');
  const colours = await page.evaluate(() => ({
    background: getComputedStyle(document.querySelector('.reveal-viewport') ?? document.body).backgroundColor,
    text: getComputedStyle(document.querySelector('.reveal')!).color,
  }));
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+/g)!.map(Number) as [number, number, number];
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  expect(luminance(colours.background)).toBeLessThan(0.2);
  expect(luminance(colours.text)).toBeGreaterThan(0.8);
});
