/**
 * The exporter's browser side: a headless Chromium that can reach only the local site, decks opened until
 * they say they are ready, and widgets brought to their handout state (`settle()`, then `settled`, from
 * the widget contract in DESIGN.md) until the deck's deadline leaves only the time to print — or marked
 * "(not converged)" when they do not get there in time, never left blank. Every call into the page is
 * bounded by the deck's deadline (deadline.ts).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../browser.ts';
import { CliError } from '../errors.ts';
import { settleWithin, type Deadline } from './deadline.ts';
import type { Progress } from './progress.ts';

const INSTALL_HINT = 'install one (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable';

/**
 * A printed deck reaches nothing but the local site, by three locks, because no one of them holds alone
 * (measured with Chromium 150 against a listener on 127.0.0.2):
 * - page.route (openPage) aborts requests of the page and its workers to anywhere but the site, with a
 *   clear error in the page; but WebSockets, a worker's included, and WebRTC do not pass through it;
 * - `--host-resolver-rules` resolves every host but 127.0.0.1 to nothing, address literals too: that stops
 *   every TCP connection elsewhere, a worker's WebSocket and a TURN-over-TCP server included;
 * - `--webrtc-ip-handling-policy=disable_non_proxied_udp` lets WebRTC use UDP only through a proxy, and
 *   there is none: no candidates are gathered and no STUN packet is sent (the host rules do not see UDP to
 *   an address literal). Chosen over deleting RTCPeerConnection in an init script, which a fresh
 *   about:blank iframe gets round, and which would throw in a deck that merely feature-tests WebRTC.
 */
const OFFLINE_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--webrtc-ip-handling-policy=disable_non_proxied_udp'];

/** Starts Chromium for an export; its own temporary files go in `tempDir` (the export's scratch folder). */
export async function launchBrowser(tempDir: string): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath && !existsSync(executablePath)) throw new CliError(`no browser at CHROMIUM_PATH=${executablePath} — ${INSTALL_HINT}`);
  try {
    return await chromium.launch({
      executablePath,
      args: [...CHROMIUM_ARGS, ...OFFLINE_ARGS],
      headless: true,
      // NOTE - the export handles these signals itself (session.ts): Playwright's handlers exit the process
      // before the export has removed its folders.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Chromium's singleton socket and (with --disable-dev-shm-usage) shared memory files go to TMPDIR;
      // inside the scratch folder they are removed with it, even when Chromium is killed.
      env: { ...process.env, TMPDIR: tempDir },
    });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (!executablePath) throw new CliError(`no Chromium found — ${INSTALL_HINT}`);
    throw new CliError(`cannot start ${executablePath}: ${first} — ${INSTALL_HINT}`);
  }
}

/**
 * A page of the given size (a deck's slide size) that can reach only `origin`, the local site (a deck needs
 * no network; see OFFLINE_ARGS for what the browser itself refuses).
 */
export async function openPage(browser: Browser, progress: Progress, deck: string, origin: string, size = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ viewport: { ...size }, deviceScaleFactor: 1 });
  // NOTE - the deck's deadline bounds every wait (deadline.ts); Playwright's own 30 s default would end
  // a long one early with an error that names no deck.
  context.setDefaultTimeout(0);
  const site = new URL(origin).host;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.host === site) return route.continue();
    return route.abort('blockedbyclient');
  });
  // The page's WebSockets are closed at once with a reason a deck's author can read in axon dev's console.
  await context.routeWebSocket(
    (url) => url.host !== site,
    (socket) => socket.close({ code: 1008, reason: 'axon export: a printed deck has no network' }),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => progress.warn(`${deck}: error in the page: ${error.message.split('\n')[0]}`));
  if (process.env.AXON_DEBUG) {
    page.on('console', (message) => {
      if (message.type() === 'error') progress.warn(`${deck}: console: ${message.text()}`);
    });
  }
  return page;
}

/** Closes a page's context; bounded, because it is also how a page that stopped answering is let go. */
export async function closePage(page: Page): Promise<void> {
  await settleWithin(page.context().close(), 5_000);
}

/** Opens a deck page and waits until reveal, widgets and diagrams are ready (`data-axon-ready`). */
export async function openDeck(page: Page, url: string, deadline: Deadline, what: string): Promise<void> {
  const remaining = () => Math.max(1, deadline.remaining());
  try {
    await deadline.within(what, page.goto(url, { timeout: remaining() }));
    await deadline.within(what, page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true', undefined, { timeout: remaining(), polling: 100 }));
  } catch (error) {
    // Playwright's own timeouts (goto, waitForFunction) end the same way as the deadline's race.
    if (error instanceof Error && error.name === 'TimeoutError') throw deadline.abandoned(what);
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

/**
 * Asks one widget for its handout state and waits for `settled` until `deadline.settleBy`; true when it
 * settled. The page keeps that time itself; the deck's deadline bounds the call, for a page that stops
 * answering altogether (then the deck is abandoned, naming `what`).
 */
async function settleOne(page: Page, widget: WidgetRef, deadline: Deadline, what: string): Promise<boolean> {
  const ms = deadline.remaining(deadline.settleBy);
  const settling = page.evaluate(
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
  return deadline.within(what, settling);
}

/** Puts a small "(not converged)" label on a widget's top-right corner and outlines it. */
function markNotConverged(page: Page, widget: WidgetRef): Promise<void> {
  return page.evaluate((id) => {
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
export async function nextFrames(page: Page, deadline: Deadline): Promise<void> {
  const drawn = page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  await deadline.within('drawing the settled widgets', drawn);
}

/**
 * Settles the widgets one after another (those on one page train side by side meanwhile) and marks each
 * that is not settled by `deadline.settleBy`. `where(widget)` names its place in the deck ("slide 2/9
 * (Title)") for the progress and the warnings. Returns how many missed.
 */
export async function settleWidgets(page: Page, widgets: readonly WidgetRef[], deadline: Deadline, progress: Progress, where: (widget: WidgetRef) => string): Promise<number> {
  let notConverged = 0;
  for (const widget of widgets) {
    const place = `${deadline.deck}: ${where(widget)}`;
    const label = `${place} · <${widget.tag}> settling`;
    progress.update(label);
    const ticker = setInterval(() => progress.update(label, true), 500);
    let settled: boolean;
    try {
      settled = await settleOne(page, widget, deadline, `${where(widget)}: <${widget.tag}> settling`);
    } finally {
      clearInterval(ticker);
    }
    if (settled) continue;
    notConverged += 1;
    progress.warn(`${place}: <${widget.tag}> did not settle within the --timeout — printed as it is, marked "(not converged)"; raise --timeout to give it longer`);
    await deadline.within(`${where(widget)}: marking <${widget.tag}> "(not converged)"`, markNotConverged(page, widget));
  }
  return notConverged;
}
