/**
 * Every widget lays itself out for the width it is given (issue 20): each registered widget sits in a 50 %
 * column beside text (e2e/fixtures/problems/columns.md), as a Quarto author lays a slide out, and nothing it
 * shows runs past its column's right edge — into the text beside it or off the slide — while its text stays at
 * the room's 20 px floor. A widget is a size container (`axon-widget`, components/shared/views/base-styles.ts)
 * and takes its narrow layout below 800 px.
 */
import { expect, test } from '@playwright/test';
import { widgetTags } from '../components/registry.ts';
import { shownTexts } from './projector-support.ts';
import { openDeck, showWidget, watchPage } from './support.ts';

const DECK = 'problems/columns.html';
const MIN_PX = 20;

test('the fixture has every registered widget in a half column', async ({ page }) => {
  await openDeck(page, DECK);
  const tags = await page.evaluate(() => [...document.querySelectorAll('.column *')].map((element) => element.localName).filter((name) => name.includes('-')));
  expect(new Set(tags)).toEqual(new Set(widgetTags));
});

for (const tag of widgetTags) {
  test(`<${tag}> in a 50 % column stays inside it, its text ≥ ${MIN_PX} px`, async ({ page }) => {
    const problems = await watchPage(page);
    const { widget } = await showWidget(page, DECK, `.column ${tag}`);
    await expect.poll(() => widget.evaluate((host) => host.shadowRoot?.childElementCount ?? 0)).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const overflow = await widget.evaluate((host) => {
      const column = host.closest('.column')!.getBoundingClientRect();
      const slide = host.closest('section')!.getBoundingClientRect();
      const right = Math.min(column.right, slide.right);
      /** Inside a box that clips or scrolls sideways (a long sequence's track), a part is not past the edge. */
      const clipped = (element: Element): boolean => {
        for (let up = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null); up && up !== host; up = up.parentElement ?? ((up.getRootNode() as ShadowRoot).host ?? null)) {
          if (getComputedStyle(up).overflowX !== 'visible') return true;
        }
        return false;
      };
      const past: string[] = [];
      const walk = (root: ParentNode): void => {
        for (const element of root.querySelectorAll('*')) {
          const box = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          if (box.width > 0 && style.visibility !== 'hidden' && box.right > right + 2 && !clipped(element)) {
            past.push(`${element.localName}.${element.getAttribute('class') ?? ''} ends ${Math.round(box.right - right)} px past the column`);
          }
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(host.shadowRoot ?? host);
      return past;
    });
    expect(overflow.slice(0, 5), `<${tag}> runs past its column`).toEqual([]);
    // SVG text too: a picture drawn narrower sizes its text from NARROW_DRAWN_PX (components/shared/views/type-scale.ts).
    const small = (await shownTexts(widget)).filter((shown) => shown.px < MIN_PX - 0.05);
    expect(small.slice(0, 5), `<${tag}> text below ${MIN_PX} px in a half column`).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
}
