/**
 * `Show code` as the room reads it: the PyTorch code opens over the whole slide in type the back row can read,
 * clear of reveal's arrows, with `Hide code` where the toggle was; `Esc` closes it, gives the focus back to
 * `Show code` and leaves the deck on its slide; the chart under it stays where it was.
 */
import { expect, test } from '@playwright/test';
import { shownTexts } from './projector-support.ts';
import { currentIndices, seriousAxeViolations, showWidget } from './support.ts';

test('Show code opens a readable overlay over the slide; Hide code and Esc close it; the deck stays put', async ({ page }) => {
  const { widget, where } = await showWidget(page, 'intro-deep-learning.html', 'loss-landscape');
  const chart = widget.locator('svg').first();
  const before = (await chart.boundingBox())!;
  await widget.getByRole('button', { name: 'Show code' }).click();
  const overlay = widget.getByRole('dialog', { name: /PyTorch/ });
  await expect(overlay).toBeVisible();
  await expect(widget.getByLabel('PyTorch code')).toContainText('import torch');
  // Over the slide, not inside the widget's column: most of the slide's width and height.
  const slide = (await page.locator('.reveal .slides').boundingBox())!;
  const box = (await overlay.boundingBox())!;
  expect(box.width).toBeGreaterThan(0.9 * slide.width);
  expect(box.height).toBeGreaterThan(0.7 * slide.height);
  // Clear of reveal's arrows.
  for (const button of await page.locator('.reveal > .controls button:visible').all()) {
    const b = (await button.boundingBox())!;
    const apart = box.x + box.width <= b.x || b.x + b.width <= box.x || box.y + box.height <= b.y || b.y + b.height <= box.y;
    expect(apart, 'the code overlay runs under an arrow').toBe(true);
  }
  // Every text of it at 20 px or more on a 1280×720 screen.
  const small = (await shownTexts(widget)).filter((t) => t.px < 19.95 && t.where.includes('pre'));
  expect(small).toEqual([]);
  expect(await seriousAxeViolations(page)).toEqual([]);
  // The toggle reads Hide code on the panel; it closes it.
  await overlay.getByRole('button', { name: 'Hide code' }).click();
  await expect(overlay).toHaveCount(0);
  await expect(widget.getByRole('button', { name: 'Show code' })).toBeFocused();
  // Esc closes it too, and the deck neither moves nor opens its overview.
  await widget.getByRole('button', { name: 'Show code' }).click();
  await expect(overlay).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  await expect(widget.getByRole('button', { name: 'Show code' })).toBeFocused();
  expect(await page.locator('.reveal.overview').count()).toBe(0);
  expect(await currentIndices(page)).toMatchObject(where);
  // The chart never moved.
  expect(await chart.boundingBox()).toEqual(before);
});
