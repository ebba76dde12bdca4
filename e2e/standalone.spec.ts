/**
 * Every registered widget outside the slides: created by script on a page, with no deck telling it that
 * it is shown. It must draw, report its state, train when asked (if it trains), and give every tensor back
 * when removed.
 */
import { expect, test } from '@playwright/test';
import { widgetTags } from '../components/registry.ts';
import { openDeck, watchPage } from './support.ts';

// The sample deck loads every registered widget (checked by deck/compile/sample.test.ts), so its page
// has every tag defined; the widgets below are appended to <body>, outside reveal's slides.
for (const tag of widgetTags) {
  test(`<${tag}> works outside a deck`, async ({ page }) => {
    const problems = await watchPage(page);
    await openDeck(page, 'sample.html');
    // The deck's own widgets are all hidden (the title slide shows), so their trainers hold no tensors.
    const tensors = () => page.evaluate(() => window.axon?.engine?.tensorCount ?? 0);
    await page.waitForTimeout(800);
    const baseline = await tensors();
    const handle = await page.evaluateHandle((tag) => {
      const element = document.createElement(tag);
      element.id = `standalone-${tag}`;
      element.style.cssText = 'position:fixed;inset:0;background:white;z-index:1000;overflow:auto';
      document.body.append(element);
      return element;
    }, tag);
    const widget = page.locator(`#standalone-${tag}`);
    await expect.poll(() => handle.evaluate((element) => element.shadowRoot?.childElementCount ?? 0)).toBeGreaterThan(0);
    // No attribute is set, so nothing may be flagged.
    await expect(widget.getByRole('alert')).toHaveCount(0);

    const play = widget.getByRole('button', { name: 'Play', exact: true });
    if (await play.count()) {
      const status = widget.getByRole('status').first();
      const before = await status.textContent();
      await play.first().click();
      await expect.poll(() => status.textContent(), { message: `${tag} trains when Play is pressed`, timeout: 20_000 }).not.toBe(before);
    } else {
      await expect(widget.getByRole('status').first()).not.toBeEmpty();
    }

    await handle.evaluate((element) => element.remove());
    await expect.poll(tensors, { message: `${tag} gives its tensors back when removed` }).toBe(baseline);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
  });
}
