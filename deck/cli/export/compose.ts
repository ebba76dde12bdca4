/**
 * The PDF's last steps, with pdf-lib: stamping printed slides into the frames of handout sheets (as
 * embedded pages, so their text stays text and their drawings stay vector), the document's metadata, and
 * an outline with one bookmark per slide.
 */
import { PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import type { Sheet } from './layout.ts';
import { AXON_CREATOR } from './overwrite.ts';

/** Draws printed slide page `frame.page` of `slides` into each frame of each sheet of `paper`, in place. */
export async function stampSlides(paper: PDFDocument, slides: Uint8Array, sheets: readonly Sheet[]): Promise<void> {
  if (paper.getPageCount() !== sheets.length) {
    throw new Error(`the handout printed ${paper.getPageCount()} sheets for ${sheets.length} laid out`);
  }
  const wanted = [...new Set(sheets.flatMap((sheet) => sheet.frames.map((frame) => frame.page)))].sort((a, b) => a - b);
  const embedded = new Map((await paper.embedPdf(slides, wanted)).map((page, k) => [wanted[k]!, page]));
  sheets.forEach((sheet, index) => {
    const page = paper.getPage(index);
    const { height } = page.getSize();
    for (const frame of sheet.frames) {
      // PDF's y axis runs up from the bottom; the layout's runs down from the top.
      page.drawPage(embedded.get(frame.page)!, { x: frame.box.x, y: height - frame.box.y - frame.box.height, width: frame.box.width, height: frame.box.height });
    }
  });
}

/** What the PDF says about itself (a reader's document properties). */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
}

export function setMetadata(pdf: PDFDocument, meta: PdfMetadata): void {
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) pdf.setAuthor(meta.author);
  if (meta.subject) pdf.setSubject(meta.subject);
  pdf.setCreator(AXON_CREATOR);
}

/** One bookmark: its text and the 0-based page it opens. */
export interface Bookmark {
  title: string;
  page: number;
}

/**
 * Replaces the document's outline with a flat list of bookmarks (pdf-lib has no outline API: this writes
 * the /Outlines dictionary of the PDF reference, §12.3.3, and asks readers to open with it shown).
 */
export function setOutline(pdf: PDFDocument, bookmarks: readonly Bookmark[]): void {
  if (bookmarks.length === 0) return;
  const context = pdf.context;
  const root = context.nextRef();
  const refs: PDFRef[] = bookmarks.map(() => context.nextRef());
  bookmarks.forEach((bookmark, k) => {
    const item = context.obj({
      Title: PDFHexString.fromText(bookmark.title),
      Parent: root,
      Dest: [pdf.getPage(bookmark.page).ref, PDFName.of('Fit')],
    });
    if (k > 0) item.set(PDFName.of('Prev'), refs[k - 1]!);
    if (k < refs.length - 1) item.set(PDFName.of('Next'), refs[k + 1]!);
    context.assign(refs[k]!, item);
  });
  context.assign(root, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }));
  pdf.catalog.set(PDFName.of('Outlines'), root);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
