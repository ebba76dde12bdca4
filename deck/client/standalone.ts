/**
 * Widgets on any page, with no deck and no reveal.js: what `axon build` ships as `widgets/axon-widgets.js`
 * (every widget, each loaded when the page first shows its tag) and `widgets/<tag>.js` (one widget).
 * deck/vite/widgets-bundle.ts builds them; this module is what they share.
 *
 * It does for a plain page what the deck runtime does for a deck: starts the one training engine before the
 * first training widget is defined (with the page's `?backend=` request and the WASM files that sit beside
 * this module, never a CDN), loads each widget's code once, and tells widgets when they are shown — here,
 * when they are scrolled into view and the tab is visible — so a widget idles until a reader reaches it and
 * pauses (its tensors given back) when the reader scrolls away, as it would on a slide left behind.
 *
 * Every address is resolved from this module's own URL (Vite's relative base writes `new URL(…,
 * import.meta.url)`), so the folder works wherever it is copied and whatever page, folder or origin imports it.
 * No engine badge: a corner mark of Axon's own would sit on someone else's page. `trainingEngine()` gives the
 * engine (and `engine.info`, the backend and why) to a page that wants to show it.
 */
import { WASM_PATHS } from './wasm-paths.ts';
import workerScript from '../../engine/worker/entry.ts?worker&url';
import { parseBackendRequest } from '../../engine/backends.ts';
import type { Endpoint } from '../../engine/worker/protocol.ts';
import type { Engine } from '../../engine/runtime.ts';
import { trainingWidgets, widgetTags, widgets } from '../../components/registry.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../../components/shared/visibility.ts';

export { widgetTags };

let engineStarted: Promise<Engine | undefined> | undefined;

/**
 * The page's training engine, started once: `?backend=` in the page address picks the backend (as in a deck);
 * undefined when no backend starts (the training widgets then say so themselves).
 */
export function trainingEngine(): Promise<Engine | undefined> {
  engineStarted ??= (async () => {
    const { request, warning } = parseBackendRequest(new URLSearchParams(location.search).get('backend'));
    if (warning) console.warn(`Axon widgets: ?backend= in the page address: ${warning}`);
    try {
      const { getEngine } = await import('../../engine/runtime.ts');
      const engine = await getEngine({
        request,
        wasmPaths: WASM_PATHS,
        spawnWorker: spawnWorkerAnywhere,
      });
      document.addEventListener('visibilitychange', () => engine.scheduler.setPageVisible(document.visibilityState !== 'hidden'));
      return engine;
    } catch (error) {
      console.warn(`Axon widgets: no training engine (${error instanceof Error ? error.message : String(error)}); the training widgets show why`);
      return undefined;
    }
  })();
  return engineStarted;
}

/**
 * The training worker, also when this folder is served from another origin than the page (a course site
 * imported by an LMS page): a browser refuses `new Worker(url)` across origins, but a same-origin blob module
 * that imports the worker script (the server allows it, as it allowed this module) runs it.
 */
function spawnWorkerAnywhere(onError: (error: Error) => void): Endpoint {
  const script = new URL(workerScript, import.meta.url);
  const sameOrigin = script.origin === location.origin;
  const url = sameOrigin ? script : URL.createObjectURL(new Blob([`import ${JSON.stringify(script.href)};`], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module', name: 'axon-training' });
  const hint = sameOrigin ? '' : ` — the server of ${script.origin} must allow this page's origin (Access-Control-Allow-Origin)`;
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onError(new Error(`${event.message || `the training worker ${script.href} failed to load`}${hint}`));
  });
  worker.addEventListener('messageerror', () => onError(new Error('a message from the training worker could not be read')));
  return worker as unknown as Endpoint;
}

/** Defines these widget tags (each module loaded once), starting the engine first when one of them trains. */
export async function defineWidgets(tags: readonly string[]): Promise<void> {
  const missing = tags.filter((tag) => widgetTags.includes(tag) && !customElements.get(tag));
  if (missing.length === 0) return;
  await Promise.all([declareKatexFonts(), missing.some((tag) => trainingWidgets.has(tag)) ? trainingEngine() : undefined]);
  await Promise.all(missing.map((tag) => loadWidget(tag)));
}

/** Loads one widget's module; one that fails is logged and marked on its elements, as on a deck. */
async function loadWidget(tag: string): Promise<void> {
  try {
    await widgets[tag as keyof typeof widgets].load();
  } catch (error) {
    console.error(`Axon widgets: <${tag}> failed to load from ${import.meta.url.replace(/[^/]*$/, '')} — check that the whole widgets/ folder was copied, assets/ included`, error);
    for (const element of document.querySelectorAll(tag)) element.setAttribute('data-axon-widget-failed', tag);
  }
}

let katexFonts: Promise<void> | undefined;

/**
 * KaTeX's fonts, declared on the page once (a deck's stylesheet declares them; a plain page has none, and in a
 * widget's shadow root @font-face is ignored), with addresses beside this module. Done here rather than left
 * to components/shared/views/tex.ts's `ensureKatexFonts`: in a build with a relative base its `katexCss.match(…)`
 * binds to the last piece of the string Vite splices the font addresses into, and throws.
 */
function declareKatexFonts(): Promise<void> {
  katexFonts ??= (async () => {
    if (document.querySelector('style[data-axon-katex-fonts]')) return;
    try {
      // NOTE - through a dynamic import the string arrives whole, as the module's value (see above).
      const { default: katexCss } = await import('katex/dist/katex.min.css?inline');
      const faces = `${katexCss}`.match(/@font-face\s*\{[^}]*\}/g) ?? [];
      const style = document.createElement('style');
      style.dataset.axonKatexFonts = '';
      style.textContent = faces.join('\n');
      document.head.append(style);
    } catch (error) {
      console.warn(`Axon widgets: KaTeX's fonts could not be declared (${error instanceof Error ? error.message : String(error)}); formulas in widgets fall back to the page's fonts`);
    }
  })();
  return katexFonts;
}

/**
 * Looks after `tags` on this page: defines those already on it and those added later (an LMS editor, a
 * script), then tells each widget when it is on screen. Resolves once the widgets already on the page are
 * defined. Widgets inside another element's shadow root are not seen: import `widgets/<tag>.js` there.
 */
export async function watchPage(tags: readonly string[]): Promise<void> {
  const selector = tags.join(',');
  if (!selector) return;
  const adopt = async (elements: readonly Element[]) => {
    if (elements.length === 0) return;
    await defineWidgets([...new Set(elements.map((element) => element.localName))]);
    // NOTE - only once defined: a widget told before it upgrades would not hear it.
    for (const element of elements) onScreen.watch(element);
  };
  new MutationObserver((records) => {
    const added: Element[] = [];
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) added.push(node);
        added.push(...node.querySelectorAll(selector));
      }
    }
    void adopt(added);
  }).observe(document.documentElement, { childList: true, subtree: true });
  await adopt([...document.querySelectorAll(selector)]);
}

/**
 * A widget is "shown" while any of it is within a little of the viewport and the tab is visible: the
 * plain page's version of "its slide is the one shown" (components/shared/visibility.ts).
 */
class OnScreen {
  private readonly watched = new Set<Element>();
  private readonly intersecting = new WeakMap<Element, boolean>();
  private readonly told = new WeakMap<Element, boolean>();
  private observer: IntersectionObserver | undefined;

  /** Starts telling `element` whether it is shown (the first word comes with the observer's first report). */
  watch(element: Element): void {
    if (!this.observer) {
      // A margin, so a widget about to scroll in is already running when it appears.
      this.observer = new IntersectionObserver((entries) => this.handleEntries(entries), { rootMargin: '100px' });
      document.addEventListener('visibilitychange', () => this.update());
    }
    // Watched afresh each time: a widget taken off the page and put back is a new run that has heard nothing.
    this.observer.unobserve(element);
    this.intersecting.delete(element);
    this.told.delete(element);
    this.watched.add(element);
    this.observer.observe(element);
  }

  private handleEntries(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) this.intersecting.set(entry.target, entry.isIntersecting);
    this.update();
  }

  private update(): void {
    const pageVisible = document.visibilityState !== 'hidden';
    for (const element of this.watched) {
      if (!element.isConnected) {
        // A widget taken off the page stops its own run; one put back is watched again from scratch.
        this.watched.delete(element);
        this.observer?.unobserve(element);
        this.told.delete(element);
        continue;
      }
      if (!this.intersecting.has(element)) continue;
      const visible = pageVisible && this.intersecting.get(element) === true;
      if (this.told.get(element) === visible) continue;
      this.told.set(element, visible);
      const detail: SlideVisibilityDetail = { visible };
      element.dispatchEvent(new CustomEvent(SLIDE_VISIBILITY_EVENT, { detail }));
    }
  }
}

const onScreen = new OnScreen();

/**
 * The widgets' font where the page gives none: a deck's stylesheet sets Axon's sans-serif, a bare page would
 * leave them in the browser's serif. In `:where()`, so it weighs nothing: any rule of the page's own that
 * names a widget (`ua-fitter { font-family: inherit }` to take the page's font) wins.
 */
function declareWidgetFont(): void {
  if (document.querySelector('style[data-axon-widget-font]')) return;
  const style = document.createElement('style');
  style.dataset.axonWidgetFont = '';
  style.textContent = `:where(${widgetTags.join(', ')}) { font-family: var(--axon-font, ${AXON_FONT}); }`;
  document.head.prepend(style);
}

/** assets/theme/axon.css's --axon-font. */
const AXON_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

declareWidgetFont();
