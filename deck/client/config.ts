/**
 * The deck's reveal.js configuration, merged in one stated order:
 *   Axon's defaults < the deck's front matter < each slide's own data-attributes < the URL query.
 * Slide attributes and the URL query are applied by reveal.js itself (it reads `?transition=none`,
 * `?view=scroll`, `?print-pdf` … after the options given here), so this module merges the first two.
 */
import type { RevealConfig } from 'reveal.js';

/** What the deck page embeds about its deck (see deck/vite/pages.ts). */
export interface DeckPageConfig {
  name: string;
  title: string;
  theme: 'light' | 'dark';
  backend: string;
  revealOptions: Record<string, unknown>;
  widgets: string[];
  usesMermaid: boolean;
  usesCode: boolean;
}

/** Axon's defaults, chosen for a 16:9 projector and a student's laptop. */
export const AXON_DEFAULTS: RevealConfig = {
  /** 16:9 at 1280×720: the size most projectors and laptops show without letterboxing. */
  width: 1280,
  height: 720,
  margin: 0.04,
  /** Content starts at the top, as in Quarto; title and section slides centre themselves (class `center`). */
  center: false,
  /** Deep links: every slide has its own URL (`#/slide-id`), shared by a student or reopened after a reload. */
  hash: true,
  /** Keep the slide in the URL history out of it, so Back leaves the deck instead of stepping slides. */
  history: false,
  controls: true,
  progress: true,
  slideNumber: false,
  /** `S` opens the speaker view; notes stay hidden on the main screen. */
  showNotes: false,
  transition: 'slide',
  /** Widgets are heavy: keep only the neighbouring slides laid out. */
  viewDistance: 2,
  /** Scroll view when the window is narrower than this (a phone), as reveal.js does by default. */
  scrollActivationWidth: 435,
  pdfSeparateFragments: false,
};

/**
 * The theme the page shows: the deck's, unless the URL says `?axon-theme=light` or `dark` (how `axon export
 * --theme` prints a dark deck on white paper). Set before anything draws, so widgets and diagrams follow it.
 */
export function pageTheme(deck: DeckPageConfig, search: string): DeckPageConfig['theme'] {
  const asked = new URLSearchParams(search).get('axon-theme');
  return asked === 'light' || asked === 'dark' ? asked : deck.theme;
}

/** Reads the deck's JSON from the page. */
export function readDeckConfig(doc: Document = document): DeckPageConfig {
  const script = doc.getElementById('axon-deck');
  if (!script?.textContent) throw new Error('Axon: this page has no deck configuration (#axon-deck) — was it built by axon?');
  return JSON.parse(script.textContent) as DeckPageConfig;
}

/** Defaults < front matter. The front matter's `plugins` (names, see deckPlugins) are not reveal's option: left out. */
export function revealConfig(deck: DeckPageConfig): RevealConfig {
  const { plugins: _names, ...options } = deck.revealOptions;
  return { ...AXON_DEFAULTS, ...(options as RevealConfig) };
}

/** The reveal.js plugins the front matter names (`plugins: [search, highlight]`), checked when compiled. */
export function deckPlugins(deck: DeckPageConfig): string[] {
  const names = deck.revealOptions.plugins;
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

/**
 * The reading view on a narrow screen (a phone), where reveal shows the scroll view: a slide laid out at the
 * projector's width would be drawn at 0.29 of its size on a 390 px phone (body text 9 px, a widget's 21 px text
 * 6 px). There the slide is laid out narrower instead, so that it is drawn at two-thirds of its size.
 */
export const READING_VIEW = {
  /** The scale a slide is drawn at: the 32 px body text comes out at 21 px, a widget's 21 px floor at 14 px. */
  scale: 2 / 3,
  /**
   * The narrowest slide, in slide pixels: a 360 px phone still lays a slide out 540 px wide (drawn at 0.62), so a
   * widget's side-by-side columns and control grids keep room to fit.
   */
  minWidth: 540,
};

/** A window's inner size in CSS pixels. */
export interface ScreenSize {
  width: number;
  height: number;
}

/**
 * The slide size of the reading view on this screen, or `undefined` where the deck shows its normal slides (a
 * projector, a laptop, a tablet, the print view) or a scroll view wide enough for the normal slide (`?view=scroll`
 * on a desktop). Reveal shows the scroll view when asked (`view: 'scroll'`) or when the screen, less its margin, is
 * at most `scrollActivationWidth` wide; the slide is then `screen ÷ scale` wide, and never taller than the screen
 * would allow at that scale (a short window must not shrink it further).
 */
export function readingSlideSize(screen: ScreenSize, config: RevealConfig): ScreenSize | undefined {
  const margin = config.margin ?? 0;
  const width = typeof config.width === 'number' ? config.width : undefined;
  const height = typeof config.height === 'number' ? config.height : undefined;
  if (width === undefined || height === undefined || config.view === 'print' || screen.width <= 0) return undefined;
  const presentation = { width: screen.width * (1 - margin), height: screen.height * (1 - margin) };
  const activation = config.scrollActivationWidth;
  const scrollView = config.view === 'scroll' || (typeof activation === 'number' && presentation.width <= activation);
  if (!scrollView) return undefined;
  const readingWidth = Math.max(READING_VIEW.minWidth, Math.round(presentation.width / READING_VIEW.scale));
  if (readingWidth >= width) return undefined;
  // Reveal scales by the smaller of width and height ratios; keep the height from being the smaller one.
  const readingHeight = Math.min(height, Math.floor((presentation.height * readingWidth) / presentation.width));
  return { width: readingWidth, height: Math.max(1, readingHeight) };
}
