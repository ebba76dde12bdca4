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

/** Reads the deck's JSON from the page. */
export function readDeckConfig(doc: Document = document): DeckPageConfig {
  const script = doc.getElementById('axon-deck');
  if (!script?.textContent) throw new Error('Axon: this page has no deck configuration (#axon-deck) — was it built by axon?');
  return JSON.parse(script.textContent) as DeckPageConfig;
}

/** Defaults < front matter. */
export function revealConfig(deck: DeckPageConfig): RevealConfig {
  return { ...AXON_DEFAULTS, ...(deck.revealOptions as RevealConfig) };
}
