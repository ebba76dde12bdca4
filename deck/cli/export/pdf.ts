/**
 * One deck to one PDF. The slides are printed from reveal's print view (`?print-pdf`): a page per slide (or
 * per fragment step) holding the slide (1280×720, or the deck's own size) and reveal's margin, every widget
 * settled first, text and math kept as text. With a handout layout or notes, Chromium then prints the paper
 * (frames, notes, lines) and the printed slides are stamped into the frames. Metadata and a bookmark per
 * slide come last.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import type { DeckRef } from './decks.ts';
import { setMetadata, setOutline, stampSlides, type Bookmark } from './compose.ts';
import { layOut, PRINT_MARGIN, slidePage, type Box, type PrintedPage, type Sheet, type SlidePage } from './layout.ts';
import { Deadline } from './deadline.ts';
import { handDrawings } from './drawings.ts';
import type { ExportSettings } from './options.ts';
import { closePage, nextFrames, openDeck, openPage, settleWidgets, type WidgetRef } from './page.ts';
import { KATEX_CSS, paperHtml } from './paper.ts';
import type { Progress } from './progress.ts';

/** A widget's place in the output: its page and its box there, in PDF points from the top-left. */
export interface PlacedWidget {
  tag: string;
  slide: number;
  page: number;
  box: Box;
}

/** What one deck's export produced. */
export interface DeckOutcome {
  files: string[];
  pages: number;
  bytes: number;
  notConverged: number;
  widgets: PlacedWidget[];
}

/** The address of the served site, ending in '/'. */
export interface SiteRef {
  base: string;
}

/** The URL of a deck page with Axon's and reveal's query options. */
/** The `axon-theme` query the deck runtime reads (deck/client/config.ts); none keeps the deck's own theme. */
export function themeQuery(theme: ExportSettings['theme']): string | undefined {
  return theme === 'deck' ? undefined : theme;
}

export function deckUrl(base: string, name: string, query: Record<string, string | undefined>): string {
  const params = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => (value === '' ? key : `${key}=${encodeURIComponent(value)}`));
  return `${base}${encodeURIComponent(name)}.html?${params.join('&')}`;
}

interface PrintLayout {
  printed: PrintedPage[];
  widgets: WidgetRef[];
  /** How many slides the print view laid out, before unselected ones were taken out. */
  slides: number;
  /** Each slide's title, by slide index (for messages). */
  titles: string[];
  meta: { title: string; author: string; subject: string };
}

/**
 * Reads reveal's print layout: which slide (and fragment step) each `.pdf-page` shows — slides counted in
 * order of the `data-axon-line` the compiler puts on every slide, so a fragment step's clone counts with its
 * slide — with its title and notes, and the deck's metadata from the page head. Pages of slides not
 * selected are removed (their widgets with them); widgets on the others are marked for settling, and their
 * pages marked as showing a widget (`3up` and `6up` give those a wide frame).
 */
async function readPrintLayout(page: Page, selected: readonly number[], steps: boolean, tags: readonly string[]): Promise<PrintLayout> {
  const found = await page.evaluate(
    ({ selected, tags }) => {
      // NOTE - no helper functions in here: tsx (keepNames) would wrap them in a __name() the page lacks.
      const slideOfLine = new Map<string, number>();
      const titles: string[] = [];
      const kept: Array<{ slide: number; step: number; notes: string; widget: boolean }> = [];
      const widgets: Array<{ slide: number; tag: string; id: number }> = [];
      let previous = -1;
      let step = 0;
      for (const pdfPage of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides .pdf-page'))) {
        const section = pdfPage.querySelector<HTMLElement>('section[data-axon-line]');
        if (!section) continue;
        const line = section.dataset.axonLine!;
        if (!slideOfLine.has(line)) {
          slideOfLine.set(line, slideOfLine.size);
          // The heading as a reader says it: math read from KaTeX's MathML (σ, not \sigma or glyph boxes).
          const heading = section.querySelector('h1, h2, h3')?.cloneNode(true) as Element | undefined;
          for (const hidden of heading?.querySelectorAll('.katex-html, annotation') ?? []) hidden.remove();
          titles.push((heading?.textContent ?? '').replace(/\s+/g, ' ').trim());
        }
        const slide = slideOfLine.get(line)!;
        step = slide === previous ? step + 1 : 0;
        previous = slide;
        if (!selected.includes(slide)) {
          pdfPage.remove();
          continue;
        }
        const shown = tags.length ? Array.from(pdfPage.querySelectorAll<HTMLElement>(tags.join(','))) : [];
        kept.push({ slide, step, notes: section.querySelector('aside.notes')?.innerHTML.trim() ?? '', widget: shown.length > 0 });
        for (const element of shown) {
          element.dataset.axonExport = String(widgets.length);
          widgets.push({ slide, tag: element.localName, id: widgets.length });
        }
      }
      const author = document.querySelector<HTMLMetaElement>('meta[name="author"]')?.content ?? '';
      const subject = document.querySelector<HTMLMetaElement>('meta[name="description"]')?.content ?? '';
      return { slides: slideOfLine.size, titles, kept, widgets, meta: { title: document.title, author, subject } };
    },
    { selected: [...selected], tags: [...tags] },
  );
  const printed = found.kept.map(({ slide, step, notes, widget }) => ({ slide, step: steps ? step : undefined, title: found.titles[slide] ?? '', notes, widget }));
  return { printed, widgets: found.widgets, slides: found.slides, titles: found.titles, meta: found.meta };
}

/** Each marked widget's box on its printed page, in CSS pixels from the page's top-left corner. */
async function widgetBoxes(page: Page): Promise<Array<{ id: number; page: number; box: Box }>> {
  return page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides .pdf-page'));
    return pages.flatMap((pdfPage, index) => {
      const origin = pdfPage.getBoundingClientRect();
      return Array.from(pdfPage.querySelectorAll<HTMLElement>('[data-axon-export]')).map((element) => {
        const r = element.getBoundingClientRect();
        return { id: Number(element.dataset.axonExport), page: index, box: { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height } };
      });
    });
  });
}

/** Where each widget ended up on the output pages, through the sheet frames it was stamped into. */
function placeWidgets(boxes: Array<{ id: number; page: number; box: Box }>, widgets: readonly WidgetRef[], sheets: readonly Sheet[], slide: SlidePage): PlacedWidget[] {
  const placed: PlacedWidget[] = [];
  for (const { id, page, box } of boxes) {
    const widget = widgets[id]!;
    sheets.forEach((sheet, sheetIndex) => {
      for (const frame of sheet.frames.filter((f) => f.page === page)) {
        const scale = frame.box.width / slide.px.width;
        placed.push({
          tag: widget.tag,
          slide: widget.slide,
          page: sheetIndex,
          box: { x: frame.box.x + box.x * scale, y: frame.box.y + box.y * scale, width: box.width * scale, height: box.height * scale },
        });
      }
    });
  }
  return placed;
}

/** KaTeX's stylesheet and fonts, which notes with math need on the paper. */
const KATEX_DIST = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));

/** Prints the paper of a handout layout (everything but the slides) with Chromium, by the deck's deadline. */
async function printPaper(
  browser: Browser,
  site: SiteRef,
  sheets: readonly Sheet[],
  printed: readonly PrintedPage[],
  title: string,
  progress: Progress,
  name: string,
  deadline: Deadline,
): Promise<Uint8Array> {
  const page = await openPage(browser, progress, name, site.base);
  const what = `printing the handout's ${sheets.length} sheet${sheets.length === 1 ? '' : 's'}`;
  try {
    // NOTE - served from memory and node_modules beside the deck's own address: nothing is written into the
    // site (it may be the user's built site), and relative links to KaTeX's files resolve.
    const root = `${site.base}__axon-handout/`;
    const html = paperHtml(sheets, printed, title);
    await page.route(`${root}**`, (route) => {
      const path = decodeURIComponent(new URL(route.request().url()).pathname).split('/__axon-handout/')[1] ?? '';
      if (path === 'paper.html') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
      const file = path.startsWith(dirname(KATEX_CSS) + '/') ? join(KATEX_DIST, path.slice(dirname(KATEX_CSS).length + 1)) : '';
      if (!file || file.includes('..')) return route.fulfill({ status: 404 });
      try {
        return route.fulfill({ body: readFileSync(file), contentType: file.endsWith('.css') ? 'text/css' : file.endsWith('.woff2') ? 'font/woff2' : 'application/octet-stream' });
      } catch {
        return route.fulfill({ status: 404 });
      }
    });
    await deadline.within(what, page.goto(`${root}paper.html`));
    await deadline.within(what, page.waitForFunction(() => document.documentElement.dataset.fitted === 'true'));
    await deadline.within(what, page.evaluate(() => document.fonts.ready));
    return await deadline.within(what, page.pdf({ preferCSSPageSize: true, printBackground: true, outline: false, tagged: true }));
  } finally {
    await closePage(page);
  }
}

/** Prints one deck; returns the PDF bytes (not yet written) and what went into them. */
export async function printDeckPdf(
  browser: Browser,
  site: SiteRef,
  deck: DeckRef,
  selected: readonly number[],
  settings: ExportSettings,
  tags: readonly string[],
  progress: Progress,
): Promise<{ bytes: Uint8Array; outcome: Omit<DeckOutcome, 'files' | 'bytes'> }> {
  const deadline = new Deadline(settings.timeoutMs, deck.displayFile);
  const slide = slidePage(deck.size.width, deck.size.height);
  const page = await openPage(browser, progress, deck.name, site.base, deck.size);
  let slidesPdf: Uint8Array;
  let layout: PrintLayout;
  let boxes: Array<{ id: number; page: number; box: Box }>;
  let notConverged: number;
  try {
    progress.update(`${deck.name}: opening the print view`);
    const each = settings.fragments === 'each';
    // One page per slide (the slide and reveal's margin), or per fragment step with `each`.
    const url = deckUrl(site.base, deck.name, {
      'print-pdf': '',
      margin: String(PRINT_MARGIN),
      pdfMaxPagesPerSlide: '1',
      pdfSeparateFragments: String(each),
      showNotes: 'false',
      backend: settings.backend,
      'axon-theme': themeQuery(settings.theme),
    });
    await handDrawings(page, settings.drawings, 'print');
    await openDeck(page, url, deadline, 'opening the print view');
    layout = await deadline.within('reading the print layout', readPrintLayout(page, selected, each, tags));
    if (layout.slides !== deck.slideCount) {
      throw new Error(`${deck.displayFile}: the print view laid out ${layout.slides} of its ${deck.slideCount} slides — check the deck in axon dev`);
    }
    const { titles } = layout;
    notConverged = await settleWidgets(page, layout.widgets, deadline, progress, (widget) => {
      const title = titles[widget.slide];
      return `slide ${widget.slide + 1}/${titles.length}${title ? ` (${title})` : ''}`;
    });
    await nextFrames(page, deadline);
    boxes = await deadline.within('measuring the widgets', widgetBoxes(page));
    const printing = `printing ${layout.printed.length} slide page${layout.printed.length === 1 ? '' : 's'}`;
    progress.update(`${deck.name}: ${printing}`);
    slidesPdf = await deadline.within(printing, page.pdf({ width: `${slide.px.width}px`, height: `${slide.px.height}px`, printBackground: true, outline: false, tagged: true }));
  } finally {
    await closePage(page);
  }

  const sheets = layOut(layout.printed, settings.layout, settings.notes, settings.paper, slide);
  let pdf: PDFDocument;
  if (settings.layout === 'slide' && settings.notes === 'none') {
    // The printed slides are the document: keep Chromium's tagged pages as they are.
    pdf = await PDFDocument.load(slidesPdf, { updateMetadata: false });
    if (pdf.getPageCount() !== layout.printed.length) {
      throw new Error(`${deck.displayFile}: Chromium printed ${pdf.getPageCount()} pages for ${layout.printed.length} slide pages`);
    }
  } else {
    progress.update(`${deck.name}: laying out ${sheets.length} ${settings.layout === 'slide' ? 'page' : `${settings.paper.toUpperCase()} sheet`}${sheets.length === 1 ? '' : 's'}`);
    const paper = await printPaper(browser, site, sheets, layout.printed, layout.meta.title || deck.name, progress, deck.name, deadline);
    pdf = await PDFDocument.load(paper, { updateMetadata: false });
    await stampSlides(pdf, slidesPdf, sheets);
  }
  setMetadata(pdf, { ...layout.meta, title: layout.meta.title || deck.name });
  setOutline(pdf, bookmarks(sheets, layout.printed));
  const bytes = await pdf.save();
  return { bytes, outcome: { pages: pdf.getPageCount(), notConverged, widgets: placeWidgets(boxes, layout.widgets, sheets, slide) } };
}

/** A bookmark per slide, on the first sheet that shows it: "7. Gradient descent". */
function bookmarks(sheets: readonly Sheet[], printed: readonly PrintedPage[]): Bookmark[] {
  const marks: Bookmark[] = [];
  const seen = new Set<number>();
  sheets.forEach((sheet, index) => {
    for (const frame of sheet.frames) {
      const { slide, title } = printed[frame.page]!;
      if (seen.has(slide)) continue;
      seen.add(slide);
      marks.push({ title: `${slide + 1}. ${title || 'Untitled slide'}`, page: index });
    }
  });
  return marks;
}

