/**
 * The data a compiled deck is made of. `compileDeck` (deck/compile/index.ts) turns one Markdown file into a
 * `CompiledDeck`; the Vite plugin, the CLI and the exporter only ever read these shapes, never Markdown.
 */

import type { WidgetSettingsTable } from './widget-attributes.ts';

/** Where something came from: the deck file and a 1-based line number in it. */
export interface SourceLocation {
  /** The deck file as the caller named it (used verbatim in messages). */
  file: string;
  /** 1-based line in that file. */
  line: number;
}

/** What kind of problem a diagnostic reports; used in the `file:line: <kind> error: …` message. */
export type DiagnosticKind = 'front matter' | 'math' | 'unknown widget' | 'widget attribute' | 'widget data' | 'image' | 'markdown';

/** A problem found while compiling that does not stop the build (unless `--strict`). */
export interface Diagnostic extends SourceLocation {
  severity: 'error' | 'warning';
  kind: DiagnosticKind;
  /** One sentence: what is wrong. */
  message: string;
  /** One sentence: what to do about it. */
  hint: string;
}

/** How a fragment came to be, so tests and the exporter can reason about steps. */
export type FragmentSource =
  | 'pause' //            `. . .`
  | 'incremental' //      a list item of an incremental list
  | 'class' //            `[x]{.fragment}`, `::: {.fragment}`, raw HTML with class="fragment"
  | 'element' //          `<!-- .element: class="fragment" -->`
  | 'code-step'; //       one step of `code-line-numbers="|2|4-5"`

/** One reveal.js fragment on a slide, in the order reveal will show them (document order). */
export interface Fragment {
  source: FragmentSource;
  /** The fragment's classes other than `fragment` itself (e.g. `fade-in`, `highlight-red`). */
  effects: string[];
  /** Plain text of the fragment (tags stripped, whitespace collapsed, cut after 500 characters with `…`), '' for code steps. */
  text: string;
}

/** One slide. Vertical slides share `h` and count `v` from 0. */
export interface Slide {
  /** Horizontal index (0-based), as reveal's `Reveal.getIndices().h`. */
  h: number;
  /** Vertical index (0-based) inside its stack; 0 for a slide that is not in a stack. */
  v: number;
  /** `title` for the front-matter title slide, `section` for `#` slides, `content` otherwise. */
  kind: 'title' | 'section' | 'content';
  /** The heading's plain text ('' for an untitled slide). */
  title: string;
  /** Inner HTML of the slide's `<section>`, notes excluded. */
  html: string;
  /** Speaker notes as HTML ('' when the slide has none). */
  notes: string;
  /** Attributes of the slide's `<section>` element: id, class, data-background-color, data-transition, … */
  attrs: Record<string, string>;
  /** Fragments in reveal's order. */
  fragments: Fragment[];
  /** Custom-element tags used on this slide (registered or not), each once, in order of appearance. */
  widgets: string[];
  /** Local files the slide refers to (images, background images, videos), relative to the deck file. */
  assets: Array<{ url: string; line: number }>;
  /** Where the slide starts in the deck file. */
  source: SourceLocation;
}

/** Front-matter fields the deck index and the title slide show. */
export interface DeckMeta {
  title: string;
  subtitle: string;
  author: string;
  date: string;
  /** Free text from `description:` or `subject:` (PDF subject, index blurb). */
  description: string;
  /**
   * Quarto's `categories:` (a string or a list of strings). The deck index lists decks without categories
   * as the course's lectures and gives every first category a section of its own after them.
   */
  categories: string[];
}

/** The compiled deck. */
export interface CompiledDeck {
  file: string;
  meta: DeckMeta;
  /**
   * reveal.js configuration taken from front matter, keys already in reveal's camelCase
   * (`slide-number: true` → `slideNumber: true`). Only keys the front matter set are present.
   */
  revealOptions: Record<string, unknown>;
  /** Axon's own deck options. */
  theme: 'light' | 'dark';
  /** `backend:` from front matter (used by the engine later), '' when unset. */
  backend: string;
  slides: Slide[];
  /** Registered widget tags used anywhere in the deck, each once. */
  widgets: string[];
  /** True when a ```mermaid block appears (the client then loads mermaid). */
  usesMermaid: boolean;
  /** True when a fenced code block appears (the client then loads the highlighter). */
  usesCode: boolean;
  /** Front-matter `footer:` as inline HTML, shown at the foot of every slide ('' when unset). */
  footer: string;
  /** Front-matter `logo:`, an image URL relative to the deck, shown bottom right ('' when unset). */
  logo: string;
  diagnostics: Diagnostic[];
}

/** A data widget's check: its tag and attributes as written → problems, each naming the attribute it concerns. */
export type WidgetDataCheck = (tag: string, attribute: (name: string) => string | undefined) => Array<{ attribute: string; message: string; hint: string }>;

/** What the caller tells the compiler about the world (the compiler itself reads no files). */
export interface CompileOptions {
  /** Tags of the registered widgets; any other custom element is reported as unknown. */
  widgets?: readonly string[];
  /**
   * Each registered widget's settings table, by tag (components/widget-settings.ts): a widget's attributes are
   * checked against it (deck/compile/widget-attributes.ts). A widget with no table here is not checked.
   */
  widgetSettings?: Readonly<Record<string, WidgetSettingsTable>>;
  /**
   * Checks a widget's `data="…"` CSV file against its column attributes (deck/vite/data-files.ts reads the file):
   * each problem names the attribute it concerns, and the diagnostic points at that attribute's line.
   */
  checkWidgetData?: WidgetDataCheck;
  /**
   * Text of the files the front matter names for citations (`bibliography:`, `csl:`; see citationFiles in
   * citations.ts) and stylesheets (`css:`; stylesheets.ts), keyed by the path as written there. A path with
   * no entry is reported as not found.
   */
  files?: Readonly<Record<string, string>>;
  /**
   * The metadata of the Quarto project the deck is in, nearest first (its folder's `_metadata.yml`, …, the
   * project's `_quarto.yml`), as parsed objects. `{{< meta key >}}` falls back to it when the front matter
   * lacks the key, as Quarto merges project metadata under a document's.
   */
  projectMeta?: readonly Record<string, unknown>[];
}

/**
 * A problem that stops the deck from compiling at all: front matter that cannot be read, a file that is not
 * UTF-8 (`decodeDeck`), or a failure inside the compiler itself (named at the slide it was building).
 * `message` is one line: `file:line: what is wrong — what to do`. It is the only exception `compileDeck` throws.
 */
export class DeckError extends Error {
  constructor(
    /** The deck file. */
    readonly file: string,
    /** 1-based line. */
    readonly line: number,
    /** What is wrong. */
    readonly reason: string,
    /** What to do. */
    readonly hint: string,
  ) {
    super(`${file}:${line}: ${reason} — ${hint}`);
    this.name = 'DeckError';
  }
}
