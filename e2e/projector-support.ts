/**
 * Measuring a widget as the back row of a lecture hall sees it: the size every piece of its text is drawn at
 * on the screen, and whether its box runs under reveal's navigation arrows or slide number.
 */
import type { Locator, Page } from '@playwright/test';

/** One piece of text a widget shows, and the size it is drawn at in screen pixels. */
export interface ShownText {
  text: string;
  /** Drawn size in screen pixels: the computed font size times every scale between it and the screen. */
  px: number;
  /** Where it is, for the failure message: the element and its class. */
  where: string;
}

/**
 * Every visible text of a widget (its shadow DOM, nested widgets' shadow DOM, HTML and SVG), with the size it
 * is drawn at. Text that is hidden (display none, visibility hidden, zero opacity, a 1-px screen-reader box,
 * inside a closed `<details>` or `<select>` options) is not shown to anyone and is left out.
 */
export async function shownTexts(widget: Locator): Promise<ShownText[]> {
  return widget.evaluate((host) => {
    const found: ShownText[] = [];
    const visible = (element: Element): boolean => {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
      const box = element.getBoundingClientRect();
      return box.width > 1.5 && box.height > 1.5;
    };
    const screenScale = (element: Element): number => {
      if (element instanceof SVGGraphicsElement) {
        const m = element.getScreenCTM();
        return m ? Math.hypot(m.a, m.b) : 1;
      }
      // An HTML box's drawn width over its layout width is the product of every transform above it. The
      // layout width is rounded to whole pixels, so it is read from the nearest box at least 50 px wide: on a
      // 13-px "0" the rounding alone read 19.7 px for 20.3.
      let html = element as HTMLElement;
      while (html.offsetWidth < 50) {
        const up = html.parentElement ?? ((html.getRootNode() as ShadowRoot).host as HTMLElement | undefined);
        if (!up) break;
        html = up;
      }
      const box = html.getBoundingClientRect();
      return html.offsetWidth > 0 ? box.width / html.offsetWidth : 1;
    };
    const visit = (root: Element | ShadowRoot): void => {
      for (const element of Array.from(root.children)) {
        if (element.matches('style, script, option, template, title, desc')) continue;
        if (!visible(element)) continue;
        const own = Array.from(element.childNodes)
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent ?? '')
          .join('')
          .trim();
        // Form fields show their value as text too.
        const value = element instanceof HTMLInputElement && ['number', 'text'].includes(element.type) ? element.value : '';
        const shown = own || value || (element instanceof HTMLSelectElement ? element.selectedOptions[0]?.textContent?.trim() ?? '' : '');
        if (shown && !element.closest('.katex-mathml')) {
          const px = parseFloat(getComputedStyle(element).fontSize) * screenScale(element);
          const cls = typeof element.className === 'string' ? element.className : element.getAttribute('class') ?? '';
          found.push({ text: shown.slice(0, 40), px: Math.round(px * 10) / 10, where: `<${element.localName}${cls ? `.${cls.split(' ')[0]}` : ''}>` });
        }
        if (element.shadowRoot) visit(element.shadowRoot);
        if (!(element instanceof HTMLSelectElement)) visit(element);
      }
    };
    if (host.shadowRoot) visit(host.shadowRoot);
    return found;
  });
}

/** Boxes of reveal's chrome that no widget may run under. */
export async function chromeOverlaps(page: Page, widget: Locator): Promise<string[]> {
  const box = await widget.boundingBox();
  if (!box) return [];
  const overlaps: string[] = [];
  // '>': Playwright's CSS reaches into shadow roots, where widgets have .controls of their own.
  for (const selector of ['.reveal > .controls', '.reveal > .slide-number']) {
    const chrome = page.locator(selector);
    if (!(await chrome.count()) || !(await chrome.first().isVisible())) continue;
    // The arrows are separate buttons in a wide, mostly empty box: compare with the visible ones.
    const parts = selector.endsWith('controls') ? chrome.locator('button.enabled, button:not([disabled])') : chrome;
    for (let i = 0; i < (await parts.count()); i += 1) {
      const other = await parts.nth(i).boundingBox();
      if (!other || other.width === 0) continue;
      const apart = box.x + box.width <= other.x || other.x + other.width <= box.x || box.y + box.height <= other.y || other.y + other.height <= box.y;
      if (!apart) overlaps.push(`${selector} ${i}`);
    }
  }
  return overlaps;
}
