/**
 * The exporter's browser side: a headless Chromium that can reach only the local site, decks opened until
 * they say they are ready, and widgets brought to their handout state (`settle()`, then `settled`, from
 * the widget contract in DESIGN.md) within the deadline — or marked "(not converged)" when they do not get
 * there in time, never left blank.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../browser.ts';
import { CliError } from '../errors.ts';
import type { Progress } from './progress.ts';

const INSTALL_HINT = 'install one (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath && !existsSync(executablePath)) throw new CliError(`no browser at CHROMIUM_PATH=${executablePath} — ${INSTALL_HINT}`);
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (!executablePath) throw new CliError(`no Chromium found — ${INSTALL_HINT}`);
    throw new CliError(`cannot start ${executablePath}: ${first} — ${INSTALL_HINT}`);
  }
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A page of the given size (a deck's slide size) that can reach only the local site (a deck needs no network). */
export async function openPage(browser: Browser, progress: Progress, deck: string, size = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ viewport: { ...size }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    return route.abort('blockedbyclient');
  });
  page.on('pageerror', (error) => progress.warn(`${deck}: error in the page: ${error.message.split('\n')[0]}`));
  if (process.env.AXON_DEBUG) {
    page.on('console', (message) => {
      if (message.type() === 'error') progress.warn(`${deck}: console: ${message.text()}`);
    });
  }
  return page;
}

/** Opens a deck page and waits until reveal, widgets and diagrams are ready (`data-axon-ready`). */
export async function openDeck(page: Page, url: string, deck: string, deadline: number): Promise<void> {
  const remaining = () => Math.max(1, deadline - performance.now());
  try {
    await page.goto(url, { timeout: remaining() });
    await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: remaining(), polling: 100 });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CliError(`${deck}: the deck did not get ready within the --timeout — raise --timeout or check the deck in axon dev`);
    }
    throw error;
  }
}

/** A widget on the page, marked `data-axon-export="id"` so later calls can find it again. */
export interface WidgetRef {
  /** 0-based slide index in the deck. */
  slide: number;
  tag: string;
  id: number;
}

/** Asks one widget for its handout state and waits for `settled` until the deadline; true when it settled. */
async function settleOne(page: Page, widget: WidgetRef, deadline: number): Promise<boolean> {
  const ms = Math.max(0, deadline - performance.now());
  return page.evaluate(
    async ({ id, ms }) => {
      type Settling = HTMLElement & { settled?: Promise<void>; settle?: () => unknown };
      const element = document.querySelector<Settling>(`[data-axon-export="${id}"]`);
      if (!element) return true;
      // NOTE - settle() is safe to repeat: in the print view the deck has already asked.
      if (typeof element.settle === 'function') void Promise.resolve(element.settle()).catch(() => {});
      if (!element.settled || typeof element.settled.then !== 'function') return true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
      const done = element.settled.then(
        () => true,
        () => true, // a failure shows on the widget itself
      );
      const settled = await Promise.race([done, late]);
      clearTimeout(timer);
      return settled;
    },
    { id: widget.id, ms },
  );
}

/** Puts a small "(not converged)" label on a widget's top-right corner and outlines it. */
async function markNotConverged(page: Page, widget: WidgetRef): Promise<void> {
  await page.evaluate((id) => {
    const element = document.querySelector<HTMLElement>(`[data-axon-export="${id}"]`);
    const section = element?.closest('section');
    if (!element || !section) return;
    const box = element.getBoundingClientRect();
    const frame = section.getBoundingClientRect();
    const scale = section.offsetWidth ? frame.width / section.offsetWidth : 1;
    const mark = document.createElement('div');
    mark.className = 'axon-not-converged';
    mark.textContent = '(not converged)';
    mark.style.cssText = [
      'position:absolute',
      `left:${(box.right - frame.left) / scale}px`,
      `top:${(box.top - frame.top) / scale}px`,
      'transform:translateX(-100%)',
      'z-index:1000',
      'padding:2px 6px',
      'font:600 14px/1.3 system-ui,sans-serif',
      'color:#a40000',
      'background:#fff',
      'border:1px solid #a40000',
      'border-radius:3px',
      'white-space:nowrap',
    ].join(';');
    element.style.outline = '2px dashed #a40000';
    section.appendChild(mark);
  }, widget.id);
}

/** Lets every widget draw what it settled on before the page is printed or shot. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/**
 * Settles the widgets one after another (those on one page train side by side meanwhile) and marks each
 * that misses the deadline. `where(widget)` names its place for the warning. Returns how many missed.
 */
export async function settleWidgets(page: Page, widgets: readonly WidgetRef[], deadline: number, progress: Progress, where: (widget: WidgetRef) => string): Promise<number> {
  let notConverged = 0;
  for (const widget of widgets) {
    const label = `${where(widget)} · <${widget.tag}> settling`;
    progress.update(label);
    const ticker = setInterval(() => progress.update(label, true), 500);
    let settled: boolean;
    try {
      settled = await settleOne(page, widget, deadline);
    } finally {
      clearInterval(ticker);
    }
    if (settled) continue;
    notConverged += 1;
    progress.warn(`${where(widget)}: <${widget.tag}> did not settle within the --timeout — printed as it is, marked "(not converged)"; raise --timeout to give it longer`);
    await markNotConverged(page, widget);
  }
  return notConverged;
}
