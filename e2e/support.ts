/** Shared helpers for the browser tests: watching a page for errors and driving a deck. */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** What went wrong on a page: console errors, failed requests, requests that tried to leave the machine. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  externalRequests: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts recording a page's problems; external requests are blocked as well as recorded. */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    problems.externalRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  return problems;
}

/** Opens a deck page and waits until reveal, widgets and diagrams are ready. */
export async function openDeck(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: 30_000 });
}

/** Indices of every slide of the open deck, in order. */
export async function slideIndices(page: Page): Promise<Array<{ h: number; v: number }>> {
  return page.evaluate(() => {
    const reveal = window.axon!.reveal;
    return reveal.getSlides().map((slide) => {
      const { h, v } = reveal.getIndices(slide);
      return { h, v: v ?? 0 };
    });
  });
}

/** Shows a slide and waits for reveal to finish moving there. */
export async function showSlide(page: Page, h: number, v = 0): Promise<void> {
  await page.evaluate(([h, v]) => window.axon!.reveal.slide(h, v), [h, v] as const);
  await page.waitForFunction(([h, v]) => {
    const i = window.axon!.reveal.getIndices();
    return i.h === h && (i.v ?? 0) === v;
  }, [h, v] as const);
}

/** Index of the first slide that contains an element matching the selector. */
export async function findSlide(page: Page, selector: string): Promise<{ h: number; v: number }> {
  const found = await page.evaluate((selector) => {
    const reveal = window.axon!.reveal;
    const slide = reveal.getSlides().find((s) => s.querySelector(selector));
    if (!slide) return null;
    const { h, v } = reveal.getIndices(slide);
    return { h, v: v ?? 0 };
  }, selector);
  if (!found) throw new Error(`no slide contains ${selector}`);
  return found;
}

/** The current slide's indices. */
export async function currentIndices(page: Page): Promise<{ h: number; v: number; f: number }> {
  return page.evaluate(() => {
    const { h, v, f } = window.axon!.reveal.getIndices();
    return { h, v: v ?? 0, f: f ?? -1 };
  });
}

/** Opens a deck on the slide holding the element matching `selector`; returns it (inside the present slide). */
export async function showWidget(page: Page, deck: string, selector: string): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  await openDeck(page, deck);
  const where = await findSlide(page, selector);
  await showSlide(page, where.h, where.v);
  return { widget: page.locator(`section.present ${selector}`), where };
}

/** axe-core's serious and critical violations on the slide shown now, one line each (empty when clean). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.reveal .slides section.present').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} — ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
