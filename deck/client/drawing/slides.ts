/**
 * Which slide a stroke belongs to, and how strokes are drawn as SVG: shared by the screen layer, the
 * speaker view and the print view.
 */
import type { Stroke } from './format.ts';
import { strokePath } from './geometry.ts';

/** The attribute the print view reads a slide's key from (reveal moves slides into pages, losing their place). */
export const SLIDE_KEY_ATTRIBUTE = 'data-axon-slide-key';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * A slide's stable key: its id (the compiler gives every slide with a heading one, `#/gradient-descent` in the
 * address), else its place, `h.v`, among the deck's slides. The deck's name is in the storage key, so two
 * decks' strokes never mix.
 */
export function slideKey(section: Element): string {
  const stamped = section.getAttribute(SLIDE_KEY_ATTRIBUTE);
  if (stamped) return stamped;
  if (section.id) return section.id;
  const parent = section.parentElement;
  if (parent?.tagName === 'SECTION') {
    const h = indexAmong(parent);
    return `${h}.${indexAmong(section)}`;
  }
  return `${indexAmong(section)}.0`;
}

function indexAmong(section: Element): number {
  const siblings = Array.from(section.parentElement?.children ?? []).filter((child) => child.tagName === 'SECTION');
  return Math.max(0, siblings.indexOf(section));
}

/** Writes each slide's key on it, before reveal's print view moves the slides into pages. */
export function stampSlideKeys(slidesElement: Element): void {
  for (const section of Array.from(slidesElement.querySelectorAll('section'))) {
    if (section.querySelector('section')) continue; // a vertical stack: its slides carry the strokes
    section.setAttribute(SLIDE_KEY_ATTRIBUTE, slideKey(section));
  }
}

/** An empty SVG canvas in slide coordinates (`width`×`height`), for strokes. */
export function strokeCanvas(width: number, height: number, className: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}

/** One stroke as an SVG path: its outline filled (a highlighter translucent). */
export function strokeElement(stroke: Stroke, live = false): SVGPathElement {
  const path = document.createElementNS(SVG, 'path');
  updateStrokeElement(path, stroke, live);
  return path;
}

/** Redraws a path for a stroke that grew (the one being drawn). */
export function updateStrokeElement(path: SVGPathElement, stroke: Stroke, live = false): void {
  path.setAttribute('d', strokePath(stroke, live));
  path.setAttribute('fill', stroke.color);
  path.setAttribute('data-tool', stroke.tool);
  if (stroke.tool === 'highlighter') path.setAttribute('fill-opacity', '0.4');
}

/** Replaces what `svg` shows with `strokes`. */
export function drawStrokes(svg: SVGSVGElement, strokes: readonly Stroke[]): void {
  svg.replaceChildren(...strokes.map((stroke) => strokeElement(stroke)));
}
