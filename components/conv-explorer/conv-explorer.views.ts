/**
 * `<conv-explorer>`'s pictures: pixel maps as an SVG `<image>` of a PNG (reveal's print view clones slides and
 * canvas pixels would be lost), with the window or the pen drawn over them; the window's numbers beside the
 * kernel's editable weights; and the trained mode's learned kernels over their feature maps.
 *
 * Colours: the digit in ink (0 white … 1 black), as it is written; every signed map and kernel on the shared
 * diverging map (colour-maps.ts: orange negative, near-white 0, purple positive), scaled by its largest |value|,
 * so ReLU visibly removes the orange.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { colourPixels, pngDataUrl } from '../shared/views/heatmap.ts';
import { diverging, type Rgb } from '../shared/views/colour-maps.ts';
import { formatCell } from './conv-explorer.model.ts';

/** The digit's ink: 0 (background) white, 1 black. */
export function inkColour(value: number): Rgb {
  const level = Math.round(255 * (1 - Math.min(1, Math.max(0, value))));
  return [level, level, level];
}

/** The largest |value| (1 for an all-zero map, so it draws as 0). */
export function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i += 1) largest = Math.max(largest, Math.abs(values[i]!));
  return largest || 1;
}

/** A PNG of a side × side map: the digit's ink, or signed values on the diverging map over ±`scale`. */
export function mapPng(values: ArrayLike<number>, side: number, scale?: number): string {
  const colour = scale === undefined ? inkColour : (v: number) => diverging(v / scale);
  return pngDataUrl(colourPixels(values, colour), side, side);
}

/** A box drawn over a map, in its cells. */
export interface Box {
  row: number;
  col: number;
  size: number;
  className: string;
}

/** One map as a figure: its picture at `px` CSS px, boxes over it, a caption under it. */
export function mapFigure(args: {
  href: string;
  side: number;
  px: number;
  label: string;
  caption: string | TemplateResult;
  boxes?: Box[];
  className?: string;
  /** Pointer events on the picture (down, move, up, cancel). */
  onPointer?: (event: PointerEvent) => void;
}): TemplateResult {
  const { href, side, px, label, caption, boxes = [], className = '', onPointer } = args;
  // Box strokes are in cells: a cell is px/side CSS px, so 3 CSS px is 3·side/px cells.
  const stroke = (3 * side) / px;
  return html`<figure class="map ${className}">
    <svg viewBox="0 0 ${side} ${side}" width=${px} height=${px} role="img" aria-label=${label}
      @pointerdown=${onPointer} @pointermove=${onPointer} @pointerup=${onPointer} @pointercancel=${onPointer}>
      <image href=${href} x="0" y="0" width=${side} height=${side} preserveAspectRatio="none" style="image-rendering: pixelated"></image>
      <rect class="frame" x="0" y="0" width=${side} height=${side} stroke-width=${stroke / 2}></rect>
      ${boxes.map((b) => svg`<rect class=${b.className} x=${b.col} y=${b.row} width=${b.size} height=${b.size} stroke-width=${stroke}></rect>`)}
    </svg>
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/** The window's k × k pixel values (each cell holds its exact value in `data-value`). */
export function windowTable(values: readonly number[], k: number, at: { row: number; col: number }): TemplateResult {
  return html`<table class="grid window" aria-label=${`window at row ${at.row + 1}, column ${at.col + 1}: ${k} × ${k} pixels`}>
    <caption>pixels x</caption>
    <tbody>
      ${Array.from({ length: k }, (_, r) => html`<tr>${values.slice(r * k, r * k + k).map((v) => html`<td data-value=${String(v)}>${formatCell(v)}</td>`)}</tr>`)}
    </tbody>
  </table>`;
}

/** The kernel's k × k weights as number fields (a change is a custom kernel). */
export function kernelTable(weights: readonly number[], k: number, onChange: (index: number, value: number) => void, onKey: (event: KeyboardEvent) => void): TemplateResult {
  return html`<table class="grid kernel">
    <caption>weights w</caption>
    <tbody>
      ${Array.from(
        { length: k },
        (_, r) => html`<tr>
          ${Array.from({ length: k }, (_, c) => {
            const index = r * k + c;
            const value = weights[index]!;
            return html`<td><input type="number" step="0.1" min="-100" max="100" inputmode="decimal"
              aria-label=${`weight row ${r + 1}, column ${c + 1}`}
              .value=${String(Math.round(value * 1000) / 1000)}
              @keydown=${onKey}
              @change=${(event: Event) => {
                const read = Number((event.target as HTMLInputElement).value);
                if (Number.isFinite(read)) onChange(index, Math.max(-100, Math.min(100, read)));
              }} /></td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The trained network's first-layer kernels, each above its feature map for the chosen digit. */
export function filterGrid(kernels: readonly number[][], maps: readonly number[][], mapSide: number): TemplateResult {
  // Kernels on one scale (their weights compare); each map on its own (what it detects shows even when faint).
  const kernelScale = largestMagnitude(kernels.flat());
  const k = Math.round(Math.sqrt(kernels[0]?.length ?? 9));
  return html`<ol class="filters" aria-label="learned kernels of the first conv layer and their feature maps">
    ${kernels.map(
      (kernel, f) => html`<li>
        ${mapFigure({ href: mapPng(kernel, k, kernelScale), side: k, px: 66, label: `learned kernel ${f + 1}: ${kernel.map(formatCell).join(', ')}`, caption: `${f + 1}`, className: 'learned' })}
        ${mapFigure({ href: mapPng(maps[f]!, mapSide, largestMagnitude(maps[f]!)), side: mapSide, px: 124, label: `feature map ${f + 1} of the digit after ReLU, ${mapSide} × ${mapSide}`, caption: '', className: 'feature' })}
      </li>`,
    )}
  </ol>`;
}

/** The network's probabilities for the digit as ten bars, the top one named. */
export function probabilityBars(probabilities: readonly number[]): TemplateResult | typeof nothing {
  if (probabilities.length !== 10) return nothing;
  return html`<div class="bars" aria-hidden="true">
    ${probabilities.map((p, digit) => html`<span class="bar"><span class="fill" style="height: ${Math.round(p * 100)}%"></span><span class="digit">${digit}</span></span>`)}
  </div>`;
}
