/**
 * The reading view on a phone: reveal's scroll view, laid out for a narrow screen. Reveal alone draws the
 * 1280×720 slide at 0.29 on a 390 px phone and gives every slide a whole screen (a slide with fragments one
 * screen per fragment), so most of what a student scrolls through is blank page. Here:
 *
 * - the slide is laid out narrower (`readingSlideSize` in config.ts), so reveal draws it at about two-thirds;
 * - every fragment is shown at once (`fragments: false`): a reader scrolls, nobody steps through a build;
 * - each slide's page is as tall as the slide's content (the `--axon-page-height` this module sets, read by the
 *   reading-view rules at the end of assets/theme/axon.css), measured again whenever a slide's content resizes;
 * - snapping is off, so a slide longer than the screen reads like a page, not in jumps.
 *
 * Reveal maps the scroll position to the current slide (which widgets load first, its progress bar, where a
 * link to a slide scrolls to) by giving every page an equal share of the scroll height. With pages of their own heights that share is
 * wrong, so this module wraps the scroll view's `setTriggerRanges` to place each slide's range where its page
 * really is. A slide is the current one from the moment its top reaches the top of the screen.
 *
 * The link home and the engine's mark stay fixed in the screen's bottom-left corner over whatever scrolls under
 * them; the scroll view keeps that band clear for what a student scrolls to or tabs to (`scroll-padding-bottom`),
 * so a widget's bottom row reached by the keyboard, a link or `scrollIntoView` is never left under them.
 *
 * On a phone turned sideways reveal leaves the scroll view; the deck then goes back to the presenter's slides
 * (the front matter's size and fragments), and comes back to the reading view when the phone is turned back.
 */
import type { RevealApi, RevealConfig, RevealPlugin } from 'reveal.js';
import { readingSlideSize, type ScreenSize } from './config.ts';

/**
 * What this module reads and wraps of reveal's scroll view controller (reveal.js 6, js/controllers/scrollview.js):
 * reveal hands it to plugins as `deck.scroll`, though not to the page.
 */
interface ScrollViewInternals {
  setTriggerRanges(): void;
  slideTriggers?: SlideTrigger[];
}

interface SlideTrigger {
  range: [number, number];
  page: { pageElement?: HTMLElement; scrollTriggers: Array<{ range: [number, number] }> };
}

/** The reveal options that turn the reading view on. */
function readingOptions(size: ScreenSize): RevealConfig {
  return { width: size.width, height: size.height, fragments: false, scrollSnap: false };
}

/** The screen reveal lays the deck out on. */
function screenSize(): ScreenSize {
  return { width: window.innerWidth, height: window.innerHeight };
}

/**
 * The band at the bottom of the screen the deck's fixed marks cover in the reading view (assets/theme/axon.css:
 * 44 px marks 8 px above the edge), with 8 px of air above them, in CSS px.
 */
export const FIXED_MARKS_BAND = 60;

/** The options the presenter's deck starts with, with the URL's `?view=…` read the way reveal reads it. */
function effectiveConfig(config: RevealConfig, search: string): RevealConfig {
  const view = new URLSearchParams(search).get('view');
  if (/print-pdf/i.test(search)) return { ...config, view: 'print' };
  return view === 'scroll' || view === 'print' ? { ...config, view } : config;
}

/**
 * The reading view of one deck. `startOptions` is merged into the options reveal starts with, and `plugin` into its
 * plugins: reveal starts plugins before its first layout, so that layout is already the reading one.
 */
export class ReadingView {
  /** The slide size in use now, or `undefined` while the deck shows the presenter's slides. */
  private size: ScreenSize | undefined;
  /** The slide the page's address named when it opened (`#/slide-id`), to be shown once reveal is ready. */
  private readonly linkedSlide: string = location.hash;
  /** Reveal and its scroll view controller, once reveal has started this plugin. */
  private reveal?: RevealApi;
  private scroll?: ScrollViewInternals;
  /** Each slide's content, watched so that its page follows it (a widget that drew, a diagram that arrived). */
  private readonly resizeObserver = new ResizeObserver(() => this.fit());
  private readonly observed = new Set<Element>();
  /** Set while this module lays out, so that its own measuring does not call it again. */
  private fitting = false;

  /**
   * @param config the deck's options (defaults < front matter), as reveal is given them
   * @param onChange called after the deck switched between the reading view and the presenter's slides
   * @param search the page's query, where reveal reads `?view=scroll` and `?print-pdf`
   */
  constructor(
    private config: RevealConfig,
    private readonly onChange: () => void = () => {},
    private readonly search: string = location.search,
  ) {
    this.size = readingSlideSize(screenSize(), effectiveConfig(config, search));
  }

  /** The options to construct reveal with: the reading view's, when this screen reads rather than presents. */
  get startOptions(): RevealConfig {
    return this.size ? readingOptions(this.size) : {};
  }

  /**
   * The deck's options changed (dev: its Markdown was saved, deck/client/hot.ts): the options to configure reveal
   * with — the new ones, with the reading view's size and fragments on top while this screen reads.
   */
  reconfigure(config: RevealConfig): RevealConfig {
    this.config = config;
    this.size = readingSlideSize(screenSize(), effectiveConfig(config, this.search));
    this.markViewport();
    return { ...config, ...this.startOptions };
  }

  /** The reveal plugin that lays the scroll view's pages out and follows the screen (a phone turned sideways and back). */
  readonly plugin = (): RevealPlugin => ({ id: 'axon-reading-view', init: (reveal) => this.install(reveal) });

  private install(reveal: RevealApi): void {
    const scroll = (reveal as unknown as { scroll?: ScrollViewInternals }).scroll;
    if (!scroll || typeof scroll.setTriggerRanges !== 'function') {
      console.warn('Axon: reveal.js has no scroll view controller this deck knows; the reading view keeps reveal’s own page heights');
      return;
    }
    this.reveal = reveal;
    this.scroll = scroll;
    const setTriggerRanges = scroll.setTriggerRanges.bind(scroll);
    scroll.setTriggerRanges = () => {
      setTriggerRanges();
      this.fit();
    };
    this.markViewport();
    // NOTE - a phone opens the scroll view inside reveal's first layout, which shows the first slide and writes
    // it into the address before reveal reads the address: a shared link to a slide would open on the title.
    reveal.on('ready', () => {
      const linked = this.size ? slideIndices(reveal, this.linkedSlide) : undefined;
      const shown = reveal.getIndices();
      if (linked && (linked.h !== shown.h || (linked.v ?? 0) !== (shown.v ?? 0))) reveal.slide(linked.h, linked.v ?? 0);
    });
    // NOTE - reveal's own resize listener is added later (when it starts) and lays out again after this one;
    // configure() below lays the deck out on the new size first, deciding between the scroll view and slides.
    window.addEventListener('resize', () => this.followScreen(reveal));
  }

  /** `html.axon-reading` turns on the reading view's rules in axon.css (on <html>: it exists before reveal starts). */
  private markViewport(): void {
    document.documentElement.classList.toggle('axon-reading', this.size !== undefined);
    // NOTE - on the scroll container itself (reveal's viewport): scroll-padding is read only there.
    const viewport = this.reveal?.getViewportElement();
    if (viewport) viewport.style.scrollPaddingBottom = this.size ? `${FIXED_MARKS_BAND}px` : '';
  }

  /** Switches between the reading view and the presenter's slides when the screen changed enough to matter. */
  private followScreen(reveal: RevealApi): void {
    const size = readingSlideSize(screenSize(), effectiveConfig(this.config, this.search));
    if (size?.width === this.size?.width && size?.height === this.size?.height) return;
    const switched = (size === undefined) !== (this.size === undefined);
    this.size = size;
    this.markViewport();
    if (!size) {
      // NOTE - leaving the scroll view, reveal rebuilds the slides from their HTML: these sections are gone.
      this.resizeObserver.disconnect();
      this.observed.clear();
    }
    const presenter: RevealConfig = {
      width: this.config.width,
      height: this.config.height,
      fragments: this.config.fragments ?? true,
      scrollSnap: this.config.scrollSnap ?? 'mandatory',
    };
    reveal.configure(size ? readingOptions(size) : presenter);
    if (switched) this.onChange();
  }

  /** Lays the pages out again, while reveal shows the scroll view and the reading view is on. */
  private fit(): void {
    const { reveal, scroll } = this;
    if (this.fitting || !reveal || !scroll || !this.size || !reveal.isScrollView()) return;
    this.placePages(reveal, scroll);
  }

  /**
   * Gives each page its slide's height and each slide the part of the scroll range where its page is. Called
   * inside reveal's own layout of the scroll view (its `setTriggerRanges`), and when a slide's content resizes.
   */
  private placePages(reveal: RevealApi, scroll: ScrollViewInternals): void {
    const viewport = reveal.getViewportElement();
    const triggers = scroll.slideTriggers;
    if (!viewport || !triggers?.length) return;
    this.fitting = true;
    try {
      const scale = reveal.getScale();
      for (const page of viewport.querySelectorAll<HTMLElement>('.scroll-page')) {
        const slide = page.querySelector<HTMLElement>(':scope > .scroll-page-sticky > .scroll-page-content > section');
        if (!slide) continue;
        page.style.setProperty('--axon-page-height', `${Math.ceil(slide.offsetHeight * scale)}px`);
        if (!this.observed.has(slide)) {
          this.observed.add(slide);
          this.resizeObserver.observe(slide);
        }
      }
      placeTriggers(triggers, viewport);
    } finally {
      this.fitting = false;
    }
  }
}

/** The slide an address names, as reveal reads it: `#/slide-id`, `#/slide-id/2` or `#/3/1` (zero-based). */
function slideIndices(reveal: RevealApi, hash: string): { h: number; v?: number } | undefined {
  const [first, second] = hash.replace(/^#\/?/, '').split('/');
  if (!first) return undefined;
  if (/^\d+$/.test(first)) return { h: Number(first), v: second && /^\d+$/.test(second) ? Number(second) : 0 };
  let named: Element | null = null;
  try {
    const id = decodeURIComponent(first);
    named = document.getElementById(id) ?? document.querySelector(`[data-id="${CSS.escape(id)}"]`);
  } catch {
    return undefined; // not an address reveal wrote
  }
  const slide = named?.closest('.slides section');
  return slide ? reveal.getIndices(slide as HTMLElement) : undefined;
}

/**
 * Gives each slide the share of the scroll range (0 at the top, 1 at the bottom, as reveal measures it) from
 * where its page's top reaches the top of the screen to where the next page's does; a slide's fragment steps
 * share its range evenly (all shown at once in the reading view, so they only keep reveal's bookkeeping whole).
 */
function placeTriggers(triggers: SlideTrigger[], viewport: HTMLElement): void {
  const scrollable = Math.max(1, viewport.scrollHeight - viewport.offsetHeight);
  const origin = viewport.getBoundingClientRect().top - viewport.scrollTop;
  const starts: number[] = [];
  for (const [index, trigger] of triggers.entries()) {
    const page = trigger.page.pageElement;
    const previous = starts[index - 1] ?? 0;
    const top = page ? (page.getBoundingClientRect().top - origin) / scrollable : previous;
    starts.push(index === 0 ? 0 : Math.min(1, Math.max(previous, top)));
  }
  for (const [index, trigger] of triggers.entries()) {
    const range: [number, number] = [starts[index] ?? 0, starts[index + 1] ?? 1];
    trigger.range = range;
    const steps = trigger.page.scrollTriggers;
    const step = (range[1] - range[0]) / Math.max(1, steps.length);
    steps.forEach((fragment, at) => (fragment.range = [range[0] + at * step, range[0] + (at + 1) * step]));
  }
}

/**
 * The slides on screen in the scroll view, where several show at once: the widgets on them are the ones told they
 * are shown, so a phone runs only what its student can see, not every widget of the deck at once.
 */
export class SlidesOnScreen {
  private readonly onScreen = new Set<Element>();
  private readonly watched = new WeakSet<Element>();
  private readonly observer: IntersectionObserver;

  /** @param onChange called when a slide came on screen or left it */
  constructor(onChange: () => void) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) this.onScreen.add(entry.target);
        else this.onScreen.delete(entry.target);
      }
      onChange();
    });
  }

  /** The slides now on screen, among these (the deck's slides; any not yet watched is watched from now on). */
  among(slides: readonly Element[]): Element[] {
    for (const slide of slides) {
      if (this.watched.has(slide)) continue;
      this.watched.add(slide);
      this.observer.observe(slide);
    }
    return slides.filter((slide) => this.onScreen.has(slide));
  }
}
