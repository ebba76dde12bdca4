/**
 * The check every widget passes for "keeps its settings in the page address": after a student changes a
 * control, the address bar holds the change; opening that address in a fresh page (as a classmate would,
 * from a pasted link) shows the widget with the same setting.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { findSlide, openDeck, showSlide } from './support.ts';

/** The pairs the widget's URL parameter holds now (its tag, or `tag-2`… for later instances, or its id). */
export async function urlState(page: Page, key: string): Promise<Record<string, string>> {
  const value = new URL(page.url()).searchParams.get(key);
  return value === null ? {} : Object.fromEntries(new URLSearchParams(value));
}

/** The widget's URL parameter: its id, or its tag numbered from the second of the page on (url-state.ts). */
export async function urlStateKey(widget: Locator): Promise<string> {
  return widget.evaluate((element) => {
    if (element.id) return element.id;
    const index = Array.from(document.querySelectorAll(element.localName)).indexOf(element);
    return index > 0 ? `${element.localName}-${index + 1}` : element.localName;
  });
}

/**
 * Waits until the widget's parameter holds `expected` (writes are batched), then opens the page's address in
 * a new page of the same browser and shows the slide with `selector` there. Returns the widget on that page.
 */
export async function reopenCopiedAddress(widget: Locator, expected: Record<string, string>, selector: string): Promise<Locator> {
  const page = widget.page();
  const key = await urlStateKey(widget);
  await expect.poll(() => urlState(page, key)).toMatchObject(expected);
  const address = await page.evaluate(() => location.href);
  const copy = await page.context().newPage();
  await openDeck(copy, address);
  const where = await findSlide(copy, selector);
  await showSlide(copy, where.h, where.v);
  return copy.locator(`section.present ${selector}`);
}
