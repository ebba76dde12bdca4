/**
 * Strokes in the print view: only those `axon export --drawings FILE` hands the page (as
 * `window.axonPrintDrawings`, before the deck's code runs) — never the browser's stored ones, so what a
 * student scribbled stays out of a handout unless asked for. Each printed page gets an SVG over its slide's
 * box, the same box the strokes were drawn in on screen.
 */
import { parseDrawings, type DrawingsFile } from './format.ts';
import { drawStrokes, slideKey, strokeCanvas } from './slides.ts';

declare global {
  interface Window {
    /** The drawings to print, set by `axon export --drawings` (deck/cli/export/drawings.ts). */
    axonPrintDrawings?: unknown;
  }
}

/** What printing needs from reveal. */
export interface PrintHost {
  getComputedSlideSize(): { width: number; height: number };
  getConfig(): { margin?: number };
}

/**
 * Draws the handed-over strokes on reveal's print pages (`.pdf-page`, fragment steps included); returns how
 * many pages got strokes. A file for another deck prints nothing and says so in the console.
 */
export function printDrawings(slidesElement: Element, host: PrintHost, deckName: string, given: unknown = window.axonPrintDrawings): number {
  if (given === undefined) return 0;
  let drawings: DrawingsFile;
  try {
    drawings = parseDrawings(given, 'the --drawings file');
  } catch (error) {
    console.error(`Axon: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  if (drawings.deck !== deckName) {
    console.error(`Axon: the --drawings file holds drawings of the deck "${drawings.deck}", not of "${deckName}" — none printed`);
    return 0;
  }
  const { width, height } = host.getComputedSlideSize();
  const margin = host.getConfig().margin ?? 0;
  // NOTE - reveal's print view (printview.js) makes each page floor(size × (1 + margin)) and puts the slide's
  // box in its middle; a centred slide's content moves within that box exactly as it does on screen.
  const pageWidth = Math.floor(width * (1 + margin));
  const pageHeight = Math.floor(height * (1 + margin));
  let printed = 0;
  for (const page of Array.from(slidesElement.querySelectorAll<HTMLElement>('.pdf-page'))) {
    const section = page.querySelector(':scope > section');
    const strokes = section ? drawings.slides[slideKey(section)] : undefined;
    if (!strokes?.length) continue;
    const svg = strokeCanvas(width, height, 'axon-drawing-print');
    svg.style.cssText = `position:absolute;left:${(pageWidth - width) / 2}px;top:${(pageHeight - height) / 2}px;width:${width}px;height:${height}px;z-index:20;pointer-events:none;overflow:hidden`;
    drawStrokes(svg, strokes);
    page.appendChild(svg);
    printed += 1;
  }
  return printed;
}
