/**
 * Handout geometry: which printed slide goes where on which sheet, where its notes go, where the ruled
 * lines for hand-written notes go. Pure arithmetic in PDF points (1/72 in) measured from a sheet's top-left
 * corner; `paper.ts` turns sheets into HTML for Chromium, `compose.ts` stamps the slides into the frames.
 *
 * The layouts follow the usual lecture handouts: `slide` is one slide a page (notes under it on a portrait
 * sheet, or on a page of their own); `2up` two slides a sheet, one above the other; `3up` three slides down
 * the left half with lines for notes beside each; `6up` two columns of three.
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

/** The slots of one paper sheet: where each slide's frame and its notes (or lines) go. */
function paperSlots(layout: Layout, paper: { width: number; height: number }, withNotes: boolean, aspect: number): Array<{ frame: Box; beside: Box }> {
  const inner: Box = { x: MARGIN, y: MARGIN, width: paper.width - 2 * MARGIN, height: paper.height - 2 * MARGIN - FOOTER };
  const rows = layout === '6up' ? 3 : FRAMES_PER_SHEET[layout];
  const columns = layout === '6up' ? 2 : 1;
  const slotWidth = (inner.width - (columns - 1) * GAP) / columns;
  const slotHeight = (inner.height - (rows - 1) * GAP) / rows;
  const slots: Array<{ frame: Box; beside: Box }> = [];
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

  const perSheet = FRAMES_PER_SHEET[layout];
  const sheets: Sheet[] = [];
  for (let first = 0; first < pages.length; first += perSheet) {
    const sheet = paperSheet(paper);
    const slots = paperSlots(layout, paper, notes === 'below', size.height / size.width);
    const onSheet: number[] = [];
    for (let k = 0; k < perSheet && first + k < pages.length; k += 1) {
      const page = first + k;
      const slot = slots[k]!;
      onSheet.push(page);
      sheet.frames.push({ page, box: slot.frame });
      if (notes === 'below' && hasNotes(page)) sheet.notes.push({ page, box: slot.beside, labelled: false });
      else if (layout === '3up' && notes !== 'below') sheet.lines.push(slot.beside);
    }
    sheets.push(sheet);
    if (notes === 'page') {
      const withNotes = onSheet.filter((page) => lastOfSlide(page) && hasNotes(page));
      if (withNotes.length > 0) sheets.push(...notesSheets(withNotes, paper, 3, true));
    }
  }
  return sheets;
}
