/**
 * Handout geometry: which printed slide goes where on which sheet, where its notes go, where the ruled
 * lines for hand-written notes go. Pure arithmetic in PDF points (1/72 in) measured from a sheet's top-left
 * corner; `paper.ts` turns sheets into HTML for Chromium, `compose.ts` stamps the slides into the frames.
 *
 * The layouts follow the usual lecture handouts: `slide` is one slide a page (notes under it on a portrait
 * sheet, or on a page of their own); `2up` two slides a sheet, one above the other; `3up` three slides down
 * the left half with lines for notes beside each; `6up` two columns of three.
 *
 * A page that shows a widget gets a wide frame in `3up` and `6up` (about the sheet's printable width: both
 * cells of its row in `6up`; in `3up` with its notes, or the lines, under it): at a cell's size a widget's
 * 21 px text prints at 4–4.5 pt, in a wide frame at 7.5–8.3 pt. Pages keep their order; a wide page takes
 * a row of its own, and a sheet holds as many rows as fit.
 */
import type { Layout, NotesMode, Paper } from './options.ts';

/** A rectangle in points, from the sheet's top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One page of the printed slides (a slide, or one fragment step of it). */
export interface PrintedPage {
  /** 0-based index of the slide in the deck. */
  slide: number;
  /** Fragment step shown (0 = none yet), or undefined when the slide is printed in its final state. */
  step?: number;
  /** The slide's heading ('' for an untitled slide). */
  title: string;
  /** Speaker notes as HTML ('' when none). */
  notes: string;
  /** Whether the page shows a widget: `3up` and `6up` give it a wide frame, so the widget's text stays readable on paper. */
  widget?: boolean;
}

/** A printed page drawn into a frame of a sheet. */
export interface Frame {
  /** Index into the printed pages. */
  page: number;
  box: Box;
}

/** A printed page's notes set as text in a box. */
export interface NotesBlock {
  page: number;
  box: Box;
  /** Label the notes with their slide (on notes pages that gather several slides). */
  labelled: boolean;
}

export interface Sheet {
  width: number;
  height: number;
  frames: Frame[];
  notes: NotesBlock[];
  /** Boxes ruled with lines for hand-written notes. */
  lines: Box[];
  /** Whether the sheet carries the deck title and page number at its foot (paper sheets do). */
  footer: boolean;
}

/**
 * reveal's default margin around a slide (4 %), kept in print: nothing touches the paper's edge, where
 * printers cannot print, and the page has the look of the slide on a screen.
 */
export const PRINT_MARGIN = 0.04;

/** A printed slide page: in CSS pixels (as reveal's print view sizes it) and in PDF points (96 px = 72 pt). */
export interface SlidePage {
  px: { width: number; height: number };
  pt: { width: number; height: number };
}

/** The printed page of a deck whose slides are `width`×`height` (reveal's `width`, `height`; Axon: 1280×720). */
export function slidePage(width: number, height: number): SlidePage {
  const px = { width: Math.floor(width * (1 + PRINT_MARGIN)), height: Math.floor(height * (1 + PRINT_MARGIN)) };
  return { px, pt: { width: px.width * 0.75, height: px.height * 0.75 } };
}

/** Axon's own 1280×720 slide, printed. */
export const SLIDE_PAGE = slidePage(1280, 720);
export const PAPER_SIZES: Record<Paper, { width: number; height: number }> = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
};

const MARGIN = 36; // half an inch
const GAP = 18;
const FOOTER = 20;

/** How many slide frames one sheet of each layout holds. */
export const FRAMES_PER_SHEET: Record<Layout, number> = { slide: 1, '2up': 2, '3up': 3, '6up': 6 };

/** The largest box of the slide's `aspect` (height ÷ width) inside `area`, centred across it; at its top, or centred down it too. */
function fitSlide(area: Box, aspect: number, middle = false): Box {
  const width = Math.min(area.width, area.height / aspect);
  const height = width * aspect;
  return { x: area.x + (area.width - width) / 2, y: area.y + (middle ? (area.height - height) / 2 : 0), width, height };
}

/** Slide frames side by side in a row of each layout. */
const COLUMNS: Record<Layout, number> = { slide: 1, '2up': 1, '3up': 1, '6up': 2 };

/** Where a printed page's frame goes on a paper sheet, and the box beside or under it for its notes or lines. */
interface Slot {
  frame: Box;
  beside: Box;
}

/** The part of a paper sheet inside its margins, above its footer. */
function printable(paper: { width: number; height: number }): Box {
  return { x: MARGIN, y: MARGIN, width: paper.width - 2 * MARGIN, height: paper.height - 2 * MARGIN - FOOTER };
}

/** The slots of one paper sheet of same-size cells: where each slide's frame and its notes (or lines) go. */
function paperSlots(layout: Layout, paper: { width: number; height: number }, withNotes: boolean, aspect: number): Slot[] {
  const inner = printable(paper);
  const rows = layout === '6up' ? 3 : FRAMES_PER_SHEET[layout];
  const columns = COLUMNS[layout];
  const slotWidth = (inner.width - (columns - 1) * GAP) / columns;
  const slotHeight = (inner.height - (rows - 1) * GAP) / rows;
  const slots: Slot[] = [];
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const slot: Box = { x: inner.x + column * (slotWidth + GAP), y: inner.y + row * (slotHeight + GAP), width: slotWidth, height: slotHeight };
      if (layout === '3up') {
        // The slide on the left half, the notes (or lines to write on) on the right.
        const frame = fitSlide({ ...slot, width: slot.width * 0.55 }, aspect, true);
        slots.push({ frame, beside: { x: frame.x + frame.width + GAP, y: frame.y, width: slot.x + slot.width - frame.x - frame.width - GAP, height: frame.height } });
        continue;
      }
      // Notes go under the frame: leave them a share of the slot where there would otherwise be no room.
      const share = withNotes && layout !== 'slide' ? 0.6 : 1;
      // Without notes under it, a frame sits in the middle of its slot rather than leaving a gap below.
      const frame = fitSlide({ ...slot, height: slot.height * share }, aspect, !withNotes);
      const top = frame.y + frame.height + GAP / 2;
      slots.push({ frame, beside: { x: slot.x, y: top, width: slot.width, height: slot.y + slot.height - top } });
    }
  }
  return slots;
}

/** Layouts that give a page with a widget a wide frame (a `2up` frame is the sheet's width already). */
const WIDE_LAYOUTS: ReadonlySet<Layout> = new Set(['3up', '6up']);

/**
 * The least room kept under a frame for notes (or, under a wide `3up` frame, for lines) on a sheet with a
 * wide frame: two ruled lines, or four lines of notes at their usual 10 pt (more as they shrink to fit).
 */
const ROOM_UNDER = 54;

/** The size of a widget's smallest text, in CSS pixels on its slide (`--axon-text`, components/shared/views/base-styles.ts). */
const WIDGET_TEXT_PX = 21;

/**
 * The smallest a widget's text may print in a wide frame, in points (issue 17 asks for 7 pt on paper): a
 * wide frame gives up some width, down to this, so that a sheet holds another row.
 */
export const WIDE_TEXT_PT = 7.5;

/** A row of a paper sheet: one wide frame, or up to the layout's columns of cells, in page order. */
interface Row {
  pages: number[];
  wide: boolean;
}

/**
 * The rows of a paper layout's sheets, pages in order: a page with a widget in `3up` or `6up` takes a wide
 * row of its own (a half-filled row before it stays half-filled); the others fill rows of cells.
 */
function rowsOf(pages: readonly PrintedPage[], layout: Layout): Row[] {
  const rows: Row[] = [];
  pages.forEach((printed, page) => {
    const wide = WIDE_LAYOUTS.has(layout) && printed.widget === true;
    const last = rows[rows.length - 1];
    if (!wide && last && !last.wide && last.pages.length < COLUMNS[layout]) last.pages.push(page);
    else rows.push({ pages: [page], wide });
  });
  return rows;
}

/**
 * Sheets with wide frames stack their rows, each as tall as its frames and the room kept under them; the
 * height left over is shared out among the rows, as the same-size slots of the other sheets share it. A
 * wide frame is as wide as the printable area, or a little narrower where that lets the sheet hold one
 * more row, never so narrow that widget text falls under WIDE_TEXT_PT.
 */
class RowFlow {
  private readonly inner: Box;
  /** Same-size cells: where a row's cells go across the sheet and how large their frames are. */
  private readonly cells: Slot[];
  private readonly aspect: number;
  /** The narrowest a wide frame may be, in points. */
  private readonly narrowest: number;

  constructor(
    private readonly layout: Layout,
    paper: { width: number; height: number },
    private readonly withNotes: boolean,
    slide: SlidePage,
  ) {
    this.inner = printable(paper);
    this.aspect = slide.pt.height / slide.pt.width;
    this.cells = paperSlots(layout, paper, withNotes, this.aspect);
    this.narrowest = Math.min(this.inner.width, (WIDE_TEXT_PT / WIDGET_TEXT_PX) * slide.px.width);
  }

  /** The height a row keeps under its frames (0 for none): for its notes, or for lines under a wide `3up` frame. */
  private under(row: Row): number {
    return (this.layout === '3up' ? row.wide : this.withNotes) ? GAP / 2 + ROOM_UNDER : 0;
  }

  /**
   * The width of the wide frames on a sheet of these rows: the widest that lets them all fit, at most the
   * printable width; undefined when even the narrowest does not fit.
   */
  private wideWidth(rows: readonly Row[]): number | undefined {
    const wide = rows.filter((row) => row.wide).length;
    let fixed = (rows.length - 1) * GAP;
    for (const row of rows) fixed += this.under(row) + (row.wide ? 0 : this.cells[0]!.frame.height);
    const room = this.inner.height - fixed;
    const width = wide === 0 ? this.inner.width : Math.min(this.inner.width, room / (wide * this.aspect));
    return width >= this.narrowest - 1e-6 && room >= -1e-6 ? width : undefined;
  }

  /** Whether these rows fit on one sheet, one above the other. */
  fits(rows: readonly Row[]): boolean {
    // Same-size cells fit as they always did (each row's share of the sheet holds its frame and notes).
    if (!rows.some((row) => row.wide)) return true;
    return this.wideWidth(rows) !== undefined;
  }

  /** The slots of a sheet's rows (rows that fit), in page order. */
  slots(rows: readonly Row[]): Slot[] {
    if (!rows.some((row) => row.wide)) {
      // A sheet without a wide frame is laid out as it always was: same-size cells, left to right, top down.
      const columns = COLUMNS[this.layout];
      return rows.flatMap((row, r) => row.pages.map((_, column) => this.cells[r * columns + column]!));
    }
    const width = this.wideWidth(rows) ?? this.narrowest;
    const wideFrame: Box = { x: this.inner.x + (this.inner.width - width) / 2, y: 0, width, height: width * this.aspect };
    const frameHeight = (row: Row) => (row.wide ? wideFrame.height : this.cells[0]!.frame.height);
    const height = (row: Row) => frameHeight(row) + this.under(row);
    const used = rows.reduce((sum, row) => sum + height(row), 0) + (rows.length - 1) * GAP;
    const spare = Math.max(0, this.inner.height - used) / rows.length;
    const slots: Slot[] = [];
    let y = this.inner.y;
    for (const row of rows) {
      const band = height(row) + spare;
      // A frame with room under it sits at the top of its band; one without, in the middle of it.
      const top = this.under(row) ? y : y + (band - frameHeight(row)) / 2;
      row.pages.forEach((_, column) => {
        const cell = this.cells[column]!;
        const frame = row.wide ? { ...wideFrame, y: top } : { ...cell.frame, y: top };
        if (this.under(row)) {
          // Notes or lines under the frame, as wide as it (a cell's as wide as its column).
          const across = row.wide ? frame : cell.beside;
          const below = top + frame.height + GAP / 2;
          slots.push({ frame, beside: { x: across.x, y: below, width: across.width, height: y + band - below } });
        } else if (this.layout === '3up') {
          // A `3up` cell's notes or lines beside it, as on every sheet.
          slots.push({ frame, beside: { ...cell.beside, y: top, height: frame.height } });
        } else {
          // No notes on this sheet, so nothing goes under the frame.
          slots.push({ frame, beside: { x: frame.x, y: top + frame.height, width: frame.width, height: 0 } });
        }
      });
      y += band + GAP;
    }
    return slots;
  }
}

function paperSheet(paper: { width: number; height: number }): Sheet {
  return { width: paper.width, height: paper.height, frames: [], notes: [], lines: [], footer: true };
}

/** Notes pages gathering the notes of `pages` (those that have any), as many as needed at `perSheet` a page. */
function notesSheets(pages: readonly number[], size: { width: number; height: number }, perSheet: number, footer: boolean): Sheet[] {
  const sheets: Sheet[] = [];
  for (let first = 0; first < pages.length; first += perSheet) {
    const group = pages.slice(first, first + perSheet);
    const inner: Box = { x: MARGIN, y: MARGIN, width: size.width - 2 * MARGIN, height: size.height - 2 * MARGIN - (footer ? FOOTER : 0) };
    const height = (inner.height - (group.length - 1) * GAP) / group.length;
    sheets.push({
      width: size.width,
      height: size.height,
      frames: [],
      notes: group.map((page, k) => ({ page, box: { x: inner.x, y: inner.y + k * (height + GAP), width: inner.width, height }, labelled: true })),
      lines: [],
      footer,
    });
  }
  return sheets;
}

/**
 * Lays the printed pages out on sheets. With `--notes page`, the notes of a slide follow it (layout
 * `slide`: after its last printed page; paper layouts: after each sheet, for the slides on it). Slides
 * without notes get no notes page.
 */
export function layOut(pages: readonly PrintedPage[], layout: Layout, notes: NotesMode, paperName: Paper, slide: SlidePage = SLIDE_PAGE): Sheet[] {
  const paper = PAPER_SIZES[paperName];
  const size = slide.pt;
  const hasNotes = (page: number) => pages[page]!.notes.trim() !== '';
  /** A slide's notes once, after the last printed page of that slide. */
  const lastOfSlide = (page: number) => pages[page + 1]?.slide !== pages[page]!.slide;

  if (layout === 'slide' && notes !== 'below') {
    const sheets: Sheet[] = [];
    pages.forEach((_, page) => {
      sheets.push({ ...size, frames: [{ page, box: { x: 0, y: 0, ...size } }], notes: [], lines: [], footer: false });
      if (notes === 'page' && lastOfSlide(page) && hasNotes(page)) sheets.push(...notesSheets([page], size, 1, false));
    });
    return sheets;
  }

  const flow = new RowFlow(layout, paper, notes === 'below', slide);
  const rowsPerSheet = FRAMES_PER_SHEET[layout] / COLUMNS[layout];
  /** The rows of each sheet: as many as the layout has, or fewer where a wide frame leaves no room. */
  const rowsBySheet: Row[][] = [];
  for (const row of rowsOf(pages, layout)) {
    const current = rowsBySheet[rowsBySheet.length - 1];
    if (current && current.length < rowsPerSheet && flow.fits([...current, row])) current.push(row);
    else rowsBySheet.push([row]);
  }

  const sheets: Sheet[] = [];
  for (const rows of rowsBySheet) {
    const sheet = paperSheet(paper);
    const slots = flow.slots(rows);
    const onSheet = rows.flatMap((row) => row.pages);
    onSheet.forEach((page, k) => {
      const slot = slots[k]!;
      sheet.frames.push({ page, box: slot.frame });
      if (notes === 'below' && hasNotes(page)) sheet.notes.push({ page, box: slot.beside, labelled: false });
      else if (layout === '3up' && notes !== 'below') sheet.lines.push(slot.beside);
    });
    sheets.push(sheet);
    if (notes === 'page') {
      const withNotes = onSheet.filter((page) => lastOfSlide(page) && hasNotes(page));
      if (withNotes.length > 0) sheets.push(...notesSheets(withNotes, paper, 3, true));
    }
  }
  return sheets;
}
