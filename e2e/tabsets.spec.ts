/**
 * Quarto's `::: {.panel-tabset}` on a built deck (e2e/fixtures/problems/tabsets.md): tabs a student drives with
 * the mouse and the keyboard (the WAI-ARIA Tabs pattern), arrow keys that stay with the tabs and go back to the
 * deck outside them, a widget that hears "shown" only once its tab is, every tab on paper under its title, tab
 * titles at the room's size in both themes. Screenshots in /tmp/p4/shots/tabsets-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { currentIndices, openDeck, showSlide, watchPage } from './support.ts';

const DECK = 'problems/tabsets.html?transition=none&backgroundTransition=none';
const SHOTS = '/tmp/p4/shots';

/** Shows the slide holding the tabset whose first tab is named `firstTab`; returns that tabset. */
async function showTabset(page: Page, firstTab: string) {
  const h = await page.evaluate((firstTab) => {
    const slides = window.axon!.reveal.getSlides();
    return slides.findIndex((slide) => slide.querySelector('[data-axon-tabset] [role=tab]')?.textContent === firstTab);
  }, firstTab);
  expect(h, `a slide whose tabset starts with "${firstTab}"`).toBeGreaterThanOrEqual(0);
  // A phone's reading view scrolls: the last slides of a short deck can never be the one "shown", so scroll there.
  const reading = await page.evaluate(() => document.documentElement.classList.contains('axon-reading'));
  if (!reading) await showSlide(page, h, 0);
  const tabset = page.locator('[data-axon-tabset]').filter({ has: page.getByRole('tab', { name: firstTab, exact: true }) }).first();
  if (reading) await tabset.scrollIntoViewIfNeeded();
  return tabset;
}

/** axe-core's serious and critical violations in the tabsets (on a phone no one slide is "present"). */
async function tabsetAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.reveal .slides [data-axon-tabset]').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} — ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('tabs switch panels by click and by Left/Right/Home/End, which never move the deck', async ({ page }) => {
  const problems = await watchPage(page);
  await openDeck(page, DECK);
  const tabset = await showTabset(page, 'Squared error');
  const tabs = tabset.getByRole('tab');
  await expect(tabs).toHaveText(['Squared error', 'Cross-entropy', 'Hinge']);
  const panel = (name: string) => tabset.getByRole('tabpanel', { name });

  // First tab selected, its panel alone shown, the panels' own headings left to the buttons.
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(panel('Squared error')).toBeVisible();
  await expect(tabset.getByRole('tabpanel')).toHaveCount(1); // hidden panels are out of the accessibility tree
  await expect(tabset.locator('.axon-tab-heading').first()).toBeHidden();

  await tabs.nth(2).click();
  await expect(panel('Hinge')).toBeVisible();
  await expect(panel('Hinge')).toContainText('perceptron');
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'false');

  const slide = await currentIndices(page);
  await page.keyboard.press('ArrowRight'); // wraps to the first
  await expect(tabs.nth(0)).toBeFocused();
  await expect(panel('Squared error')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(panel('Cross-entropy')).toBeVisible();
  await page.keyboard.press('End');
  await expect(tabs.nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tabs.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // wraps to the last
  await expect(panel('Hinge')).toBeVisible();
  expect(await currentIndices(page)).toEqual(slide);

  // Roving tabindex: only the selected tab is in the Tab order; Tab goes on to its panel.
  expect(await tabs.evaluateAll((all) => all.map((tab) => (tab as HTMLElement).tabIndex))).toEqual([-1, -1, 0]);
  await page.keyboard.press('Tab');
  await expect(panel('Hinge')).toBeFocused();

  // Focus out of the tablist (on the panel): the deck's arrows move slides again.
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await currentIndices(page)).h).toBe(slide.h + 1);
  expect(await page.evaluate(() => window.axon!.reveal.isOverview())).toBe(false);
  expect(problems.consoleErrors).toEqual([]);
});

test('a widget in a hidden tab hears "shown" only when its tab is shown, and lays itself out inside the slide', async ({ page }) => {
  const problems = await watchPage(page);
  await openDeck(page, DECK);
  // Record what the widget hears, from before its slide is shown.
  await page.evaluate(() => {
    const widget = document.querySelector('activation-explorer')!;
    (window as unknown as { heard: boolean[] }).heard = [];
    widget.addEventListener('axon-slide-visibility', (event) => {
      (window as unknown as { heard: boolean[] }).heard.push((event as CustomEvent<{ visible: boolean }>).detail.visible);
    });
  });
  const heard = () => page.evaluate(() => (window as unknown as { heard: boolean[] }).heard);
  const tabset = await showTabset(page, 'The idea');
  await expect(tabset.getByRole('tabpanel', { name: 'The idea' })).toBeVisible();
  expect(await heard()).not.toContain(true);

  await tabset.getByRole('tab', { name: 'Try it' }).click();
  const widget = page.locator('section.present activation-explorer');
  await expect(widget).toBeVisible();
  await expect.poll(heard).toEqual([true]);
  const box = (await widget.boundingBox())!;
  const slideBox = (await page.locator('section.present').boundingBox())!;
  expect(box.width).toBeGreaterThan(300);
  expect(box.height).toBeGreaterThan(100);
  expect(box.x + box.width).toBeLessThanOrEqual(slideBox.x + slideBox.width + 1);

  await tabset.getByRole('tab', { name: 'The idea' }).click();
  await expect.poll(heard).toEqual([true, false]);
  await tabset.getByRole('tab', { name: 'Try it' }).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight'); // leaving the slide: hidden, as any widget on a slide left
  await expect.poll(heard).toEqual([true, false, true, false]);
  expect(problems.consoleErrors).toEqual([]);
});

test('tabsets of one group="…" switch together', async ({ page }) => {
  await openDeck(page, DECK);
  await showTabset(page, 'Python');
  const sets = page.locator('section.present [data-axon-tabset]');
  await expect(sets).toHaveCount(2);
  await sets.nth(0).getByRole('tab', { name: 'R' }).click();
  await expect(sets.nth(1).getByRole('tabpanel', { name: 'R' })).toContainText('library(stats)');
  await expect(sets.nth(1).getByRole('tab', { name: 'R' })).toHaveAttribute('aria-selected', 'true');
});

test('the print view (axon export) shows every tab under its title, with no tab buttons', async ({ page }) => {
  await page.goto(`${DECK}&print-pdf&margin=0&pdfMaxPagesPerSlide=1`);
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: 30_000 });
  const tabset = page.locator('.pdf-page [data-axon-tabset]').first();
  await expect(tabset.locator('.axon-tablist')).toBeHidden();
  // CSS, not roles: reveal leaves every page but the first out of the accessibility tree.
  for (const title of ['Squared error', 'Cross-entropy', 'Hinge']) {
    await expect(tabset.locator('h3', { hasText: title })).toBeVisible();
  }
  await expect(tabset.getByText('The perceptron')).toBeVisible();
  await expect(page.locator('.pdf-page activation-explorer')).toBeVisible();
});

test("the browser's own Print shows every tab too, after tabs were switched on screen", async ({ page }) => {
  await openDeck(page, DECK);
  const tabset = await showTabset(page, 'Squared error');
  await tabset.getByRole('tab', { name: 'Hinge' }).click();
  await page.emulateMedia({ media: 'print' });
  // Found by CSS from here on: on paper the tabs are gone, and the locator above filters by a tab.
  const printed = page.locator('section.present [data-axon-tabset]').first();
  await expect(printed.locator('.axon-tablist')).toBeHidden();
  // CSS, not roles: the panels keep their `hidden` attribute, which leaves them out of the accessibility tree.
  for (const title of ['Squared error', 'Cross-entropy', 'Hinge']) {
    await expect(printed.locator('h3', { hasText: title })).toBeVisible();
  }
  await expect(printed.getByText('For predicted probabilities')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    test(`tab titles at the room's size with a visible focus ring, ${theme}, ${viewport.width}×${viewport.height}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await openDeck(page, theme === 'dark' ? DECK.replace('tabsets.html', 'tabsets-dark.html') : DECK);
      const tabset = await showTabset(page, 'Squared error');
      const tab = tabset.getByRole('tab', { name: 'Cross-entropy' });
      await tab.focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowRight'); // keyboard focus: the ring shows (:focus-visible)
      await expect(tab).toBeFocused();
      const style = await tab.evaluate((el) => {
        const s = getComputedStyle(el);
        // Slide px: the font size as laid out before reveal's scale (the 21 px floor of the room's text).
        return { fontSize: parseFloat(s.fontSize), outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) };
      });
      expect(style.fontSize).toBeGreaterThanOrEqual(21);
      expect(style.outline).toBe('solid');
      expect(style.outlineWidth).toBeGreaterThanOrEqual(3);
      // Nothing of the tab row runs off the slide.
      const row = (await tabset.locator('.axon-tablist').boundingBox())!;
      const slide = (await tabset.locator('xpath=ancestor::section[1]').boundingBox())!;
      expect(row.x + row.width).toBeLessThanOrEqual(slide.x + slide.width + 1);
      expect(await tabsetAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/tabsets-${theme}-${viewport.width}x${viewport.height}.png` });
    });
  }
}
