/**
 * The HTML pages of a deck site: one page per deck and the deck index. Pure string building.
 *
 * The slides go into the page itself (not into JavaScript) so that the deck is readable before any
 * script runs, the print view and search see every slide, and a static server needs nothing special.
 * They are spliced in after Vite has processed the page (see plugin.ts), at the marker below.
 */
import type { CompiledDeck } from '../compile/types.ts';
import { renderSlides } from '../compile/index.ts';
import type { DeckPageConfig } from '../client/config.ts';
import { REVEAL_STUB_SCRIPT } from '../client/reveal-global.ts';
import { rewriteExternalUrls } from './external.ts';

/** Where the slides go; replaced after Vite's own HTML processing so Vite never rewrites slide content. */
export const SLIDES_MARKER = '<!--axon:slides-->';

/** The URL of the deck runtime, resolved by the plugin to deck/client/main.ts. */
export const CLIENT_ENTRY = '/@axon/client.ts';
/** The URL of the deck index's script, resolved by the plugin to deck/client/index-page.ts. */
export const INDEX_ENTRY = '/@axon/index-page.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function deckConfig(name: string, deck: CompiledDeck): DeckPageConfig {
  return {
    name,
    title: deck.meta.title || name,
    theme: deck.theme,
    backend: deck.backend,
    revealOptions: deck.revealOptions,
    widgets: deck.widgets,
    usesMermaid: deck.usesMermaid,
    usesCode: deck.usesCode,
  };
}

/**
 * The page of one deck, with the slide marker still in place. With `root` (the deck's folder), a logo from outside
 * it (`logo: ../images/logo.png`) points where the build copies it (`_external/…`, see external.ts).
 */
export function deckPageShell(name: string, deck: CompiledDeck, root?: string): string {
  const title = deck.meta.title || name;
  const meta = [
    deck.meta.author && `<meta name="author" content="${escapeHtml(deck.meta.author)}">`,
    deck.meta.description && `<meta name="description" content="${escapeHtml(deck.meta.description)}">`,
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en" data-axon-theme="${deck.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${meta.join('\n')}
<script type="application/json" id="axon-deck">${scriptJson(deckConfig(name, deck))}</script>
<script>${REVEAL_STUB_SCRIPT}</script>
<script type="module" src="${CLIENT_ENTRY}"></script>
</head>
<body>
<div class="reveal">
<div class="slides">${SLIDES_MARKER}</div>
${root ? rewriteExternalUrls(deckChrome(deck), root) : deckChrome(deck)}</div>
<a class="axon-home" href="index.html" aria-label="All lectures (the deck index)" title="All lectures"><span aria-hidden="true">☰</span></a>
</body>
</html>
`;
}

/**
 * Quarto's deck-wide `footer:` (bottom centre) and `logo:` (bottom right), outside the slides as in Quarto, so
 * reveal.js does not scale or move them. A slide with its own `::: footer` hides the deck's (assets/theme/quarto-text.css).
 */
export function deckChrome(deck: CompiledDeck): string {
  const footer = deck.footer ? `<div class="footer footer-default axon-deck-footer"><p>${deck.footer}</p></div>\n` : '';
  const logo = deck.logo ? `<img class="slide-logo axon-deck-logo" src="${escapeHtml(deck.logo)}" alt="">\n` : '';
  return footer + logo;
}

/** The slide HTML that replaces the marker; `root` is the deck's folder (URLs out of it point into `_external/`). */
export function deckSlides(deck: CompiledDeck, root: string): string {
  return rewriteExternalUrls(renderSlides(deck), root);
}

/** What the index shows of each deck. */
export interface IndexEntry {
  name: string;
  deck?: CompiledDeck;
  /** Set when the deck does not compile: the one-line reason, shown instead of a link. */
  error?: string;
}

/** The section of the index that lists decks without `categories:`: the course itself. */
export const LECTURES_SECTION = 'Lectures';

/**
 * The index's sections in the order shown: first the decks without categories (the lectures), then one
 * section per first category, in alphabetical order. Inside a section decks go by date, the course's
 * order (undated ones and decks that do not compile last), then by file name.
 */
export function indexSections(entries: IndexEntry[]): Array<{ title: string; entries: IndexEntry[] }> {
  const sections = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const title = entry.deck?.meta.categories[0] ?? LECTURES_SECTION;
    sections.set(title, [...(sections.get(title) ?? []), entry]);
  }
  const dateOf = (entry: IndexEntry): string => entry.deck?.meta.date || '\uffff';
  const byDate = (a: IndexEntry, b: IndexEntry): number =>
    dateOf(a).localeCompare(dateOf(b)) || a.name.localeCompare(b.name);
  const titles = [...sections.keys()].sort((a, b) =>
    a === LECTURES_SECTION ? -1 : b === LECTURES_SECTION ? 1 : a.localeCompare(b),
  );
  return titles.map((title) => ({ title, entries: [...sections.get(title)!].sort(byDate) }));
}

function indexCard({ name, deck, error }: IndexEntry, heading: 'h2' | 'h3'): string {
  if (!deck) {
    return `<li class="axon-deck-card axon-deck-broken"><${heading}>${escapeHtml(name)}</${heading}><p class="axon-error" role="alert">${escapeHtml(error ?? 'does not compile')}</p></li>`;
  }
  const { title, subtitle, author, date } = deck.meta;
  const count = deck.slides.length;
  const details = [author, date, `${count} slide${count === 1 ? '' : 's'}`].filter(Boolean).map(escapeHtml);
  return `<li class="axon-deck-card">
<${heading}><a href="${encodeURI(name)}.html">${escapeHtml(title || name)}</a></${heading}>
${subtitle ? `<p class="axon-deck-subtitle">${escapeHtml(subtitle)}</p>` : ''}
<p class="axon-deck-details">${details.join(' · ')}</p>
</li>`;
}

/** The deck index: one card per deck with title, subtitle, author, date and slide count, in sections. */
export function indexPage(entries: IndexEntry[], siteTitle = 'Lectures'): string {
  const sections = indexSections(entries);
  // One section needs no heading of its own: the page's title says it.
  const headed = sections.length > 1;
  const body = sections.map(({ title, entries: cards }) => `<section class="axon-deck-section" aria-label="${escapeHtml(title)}">
${headed ? `<h2>${escapeHtml(title)}</h2>\n` : ''}<ul class="axon-deck-list">
${cards.map((entry) => indexCard(entry, headed ? 'h3' : 'h2')).join('\n')}
</ul>
</section>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(siteTitle)}</title>
<script type="module" src="${INDEX_ENTRY}"></script>
</head>
<body class="axon-index">
<main>
<h1>${escapeHtml(siteTitle)}</h1>
${body.join('\n')}
</main>
</body>
</html>
`;
}
