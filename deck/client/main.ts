/**
 * The deck runtime: starts reveal.js on the slides the page already holds, loads only the widgets and
 * libraries this deck uses, keeps the keyboard safe for controls, and in dev swaps in new slides on save.
 */
import '../../assets/theme/deck.css';
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import type { RevealApi } from 'reveal.js';
import type { Engine } from '../../engine/runtime.ts';
import { deckPlugins, pageTheme, readDeckConfig, revealConfig, type DeckPageConfig } from './config.ts';
import { installEscapeToDeck, keyboardCondition } from './keyboard.ts';
import { isPrintLayout, settleWidgets } from './handout.ts';
import { installDrawing, type DeckDrawing } from './drawing/index.ts';
import { printDrawings } from './drawing/print.ts';
import { stampSlideKeys } from './drawing/slides.ts';
import { renderMermaid } from './mermaid.ts';
import { ReadingView, SlidesOnScreen } from './reading-view.ts';
import { adoptRevealGlobal } from './reveal-global.ts';
import { installTabsets } from './tabsets.ts';
import { WidgetVisibility, loadWidgets, widgetTagsIn } from './widgets.ts';
import { trainingWidgets } from '../../components/registry.ts';

/** The running deck, for tests and the console (`window.axon.reveal.getIndices()`). */
export interface AxonDeck {
  reveal: RevealApi;
  /** The training engine, when the deck uses one. */
  engine?: Engine;
  config: DeckPageConfig;
  /** Resolves once reveal is ready, widgets are defined and diagrams are drawn. */
  ready: Promise<void>;
  /**
   * In the print view only: resolves once every widget on the pages shows its handout state. Asked for
   * just before `ready` resolves; `ready` does not wait for it (training every widget takes a while).
   */
  handout?: Promise<void>;
  /** Drawing on the slides (on screen only; the print view draws only what `axon export --drawings` gives). */
  drawing?: DeckDrawing;
}

declare global {
  interface Window {
    axon?: AxonDeck;
  }
}

async function codePlugins(deck: DeckPageConfig) {
  if (!deck.usesCode && !deckPlugins(deck).includes('highlight')) return [];
  // NOTE - the highlighter bundles every language (~1 MB); only decks with code blocks pay for it.
  const [{ default: Highlight }] = await Promise.all([
    import('reveal.js/plugin/highlight'),
    import('highlight.js/styles/a11y-dark.css'),
  ]);
  return [Highlight];
}

/** A deck needs the engine when a widget on it trains, or when the front matter or URL names a backend. */
function deckNeedsEngine(config: DeckPageConfig): boolean {
  const trains = config.widgets.some((tag) => trainingWidgets.has(tag));
  return trains || Boolean(config.backend) || new URLSearchParams(location.search).has('backend');
}

/** The slides a presenter may show next: the current one, the one before and the two after, in deck order. */
function nearbySlides(reveal: RevealApi): Element[] {
  const slides = reveal.getSlides();
  const current = reveal.getCurrentSlide();
  const at = current ? slides.indexOf(current as HTMLElement) : 0;
  return slides.slice(Math.max(0, at - 1), Math.max(0, at) + 3);
}

/** The slides shown now: every page in the print view, the ones on screen in the scroll view, else the current one. */
function currentSlides(reveal: RevealApi, onScreen: SlidesOnScreen): Element[] {
  if (reveal.isPrintView()) return Array.from(reveal.getSlides());
  if (reveal.isScrollView()) return onScreen.among(reveal.getSlides());
  const current = reveal.getCurrentSlide();
  return current ? [current] : [];
}

async function start(): Promise<AxonDeck> {
  const config = readDeckConfig();
  config.theme = pageTheme(config, location.search);
  document.documentElement.dataset.axonTheme = config.theme;
  const revealElement = document.querySelector<HTMLElement>('.reveal');
  const slidesElement = revealElement?.querySelector('.slides');
  if (!revealElement || !slidesElement) throw new Error('Axon: this page has no .reveal .slides element');

  // NOTE - on screen the highlighter (~300 KB gzip) arrives after the first slide shows; print needs it first.
  const printing = isPrintLayout();
  // Before reveal's print view moves the slides into pages, each slide is marked with its drawing key.
  if (printing) stampSlideKeys(slidesElement);
  const plugins = [Notes, Search, Zoom, ...(printing ? await codePlugins(config) : [])];
  // On a phone, reveal's scroll view laid out for reading (a narrower slide, pages as tall as their content).
  let onSlideShown = () => {};
  const readingView = new ReadingView(revealConfig(config), () => onSlideShown());
  const reveal = new Reveal(revealElement, {
    ...revealConfig(config),
    ...readingView.startOptions,
    keyboardCondition,
    plugins: [...plugins, readingView.plugin],
  });
  // `Reveal.on(…)` in a slide's own script (reveal.js and Quarto snippets): before initialize, so `ready` is heard.
  adoptRevealGlobal(reveal);
  installEscapeToDeck(revealElement);
  const visibility = new WidgetVisibility(slidesElement);
  // Tabs before the first slide shows (no stacked flash); never in the print view, which prints every tab.
  if (!printing) installTabsets(slidesElement, () => reveal.layout());

  const deck: AxonDeck = { reveal, config, ready: Promise.resolve() };
  deck.ready = (async () => {
    // NOTE - in the print view reveal moves every slide into page wrappers after initialize() resolves; the
    // deck is ready (for a test or an exporter) only once it says the pages are laid out.
    const printLayout = printing
      ? new Promise<void>((resolve) => {
          reveal.on('pdf-ready' as 'ready', () => resolve());
          setTimeout(resolve, 10_000); // never hang the page on a reveal that does not say
        })
      : undefined;
    // NOTE - on screen the first slide shows at once, and TF.js and the widgets load while it is read (a
    // widget on it appears as it arrives). The print view lays out (and clones) slides with their widgets
    // in them, so there everything loads first.
    if (!printLayout) {
      await reveal.initialize();
      deck.drawing = installDrawing(reveal, config.name, revealElement, slidesElement as HTMLElement);
      const late = await codePlugins(config);
      for (const plugin of late) reveal.registerPlugin(plugin());
      // Code steps (`code-line-numbers="|2|4"`) are fragments the highlighter adds: let reveal index them now,
      // in case their slide is already showing.
      if (late.length > 0) reveal.sync();
    }
    let engineStarted: Promise<void> | undefined;
    const startEngine = () =>
      (engineStarted ??= (async () => {
        // NOTE - loaded only here: a deck without training widgets never downloads TF.js.
        const { startDeckEngine } = await import('./engine.ts');
        deck.engine = await startDeckEngine(config.backend, revealElement).catch(() => undefined);
        const engine = deck.engine;
        if (engine) document.addEventListener('visibilitychange', () => engine.scheduler.setPageVisible(document.visibilityState !== 'hidden'));
      })());
    // The engine starts before any training widget is defined, so the widget finds the deck's backend.
    const loadNear = async () => {
      const tags = widgetTagsIn(nearbySlides(reveal));
      if (tags.some((tag) => trainingWidgets.has(tag))) await startEngine();
      await loadWidgets(tags);
    };
    if (!printLayout) {
      // NOTE - on screen the widgets of the slides about to be shown come first (and TF.js with them when
      // one trains), then, as the presenter moves, the next ones'; the rest of the deck's follow behind,
      // so that a student who jumps ahead, or goes offline, finds them there.
      await loadNear();
      reveal.on('slidechanged', () => void loadNear());
    }
    if (deckNeedsEngine(config)) await startEngine();
    await Promise.all([loadWidgets(config.widgets), config.usesMermaid ? renderMermaid(slidesElement, config.theme) : undefined]);
    if (printLayout) {
      await reveal.initialize();
      await printLayout;
      printDrawings(slidesElement, reveal, config.name);
    }
    // NOTE - only now that every widget is defined: a widget told before it upgrades would not hear it.
    const onScreen = new SlidesOnScreen(() => onSlideShown());
    onSlideShown = () => visibility.update(currentSlides(reveal, onScreen));
    reveal.on('slidechanged', () => onSlideShown());
    document.addEventListener('visibilitychange', () => onSlideShown());
    onSlideShown();
    reveal.layout();
    // NOTE - asked only now that the pages are laid out: a widget moved after settling would start again.
    if (printLayout) deck.handout = settleWidgets(slidesElement);
  })();

  if (import.meta.hot) {
    const { acceptDeckUpdates } = await import('./hot.ts');
    acceptDeckUpdates(deck, slidesElement, visibility, readingView, () => onSlideShown());
  }
  return deck;
}

window.axon = await start();
await window.axon.ready;
document.documentElement.dataset.axonReady = 'true';
