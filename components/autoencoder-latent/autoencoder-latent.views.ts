/**
 * The pictures of `<autoencoder-latent>`: a 2-D plane of codes (the autoencoder's, or the PCA's) with every digit
 * as a dot in its class colour and the point being decoded; a digit image; the digit legend. SVG only (reveal's
 * print view clones slides, canvas pixels would be lost): digits are PNG data URLs in an `<image>`.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { linearScale, roundTicks, tickLabel } from '../shared/views/axes.ts';
import { pngDataUrl } from '../shared/views/heatmap.ts';
import { DIGIT_COLOURS, IMAGE_SIDE, digitPixels, dotsPath, squaredError } from './autoencoder-latent.model.ts';

/** A plane's box in SVG units; the SVG is drawn at its viewBox size on the slide, so 22-unit text draws at 22 px. */
export interface PlaneBox {
  size: number;
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export function planeBox(size: number): PlaneBox {
  return { size, left: 64, bottom: 50, top: 10, right: 12 };
}

/** Where a point of the plot is, as fractions of the plot area (u: left → right, v: bottom → top). */
export type PlotSpot = [number, number];

export interface PlaneView {
  /** e.g. 'Code of the autoencoder' (the plot's accessible name starts with it). */
  title: string;
  /** The axis names, e.g. ['z₁', 'z₂']. */
  axes: [string, string];
  box: PlaneBox;
  /** (x, y) pairs, `labels.length` of them; undefined while not computed. */
  points: ArrayLike<number> | undefined;
  labels: ArrayLike<number>;
  extent: [[number, number], [number, number]];
  /** The decoded spot, as fractions of the plot. */
  spot: PlotSpot;
  /** The decoded point in the plane's own coordinates, for the accessible name. */
  at: [number, number];
  /** Drawn over the plot while there is nothing to show yet. */
  placeholder?: string;
  onPointerDown(event: PointerEvent): void;
  onPointerMove(event: PointerEvent): void;
  onPointerUp(event: PointerEvent): void;
  onKey(event: KeyboardEvent): void;
}

/** The plot area in SVG units: [x0, x1] left to right, [y0, y1] bottom to top. */
export function plotArea(box: PlaneBox): { x: [number, number]; y: [number, number] } {
  return { x: [box.left, box.size - box.right], y: [box.size - box.bottom, box.top] };
}

/** A spot as fractions of the plot from a pointer event on the plane's SVG (measured: right under reveal's scaling). */
export function spotAt(event: PointerEvent, box: PlaneBox): PlotSpot | undefined {
  const svgElement = (event.currentTarget as SVGElement).ownerSVGElement ?? (event.currentTarget as SVGSVGElement);
  const rect = svgElement.getBoundingClientRect();
  if (!(rect.width > 0) || !(rect.height > 0)) return undefined;
  const x = ((event.clientX - rect.left) * box.size) / rect.width;
  const y = ((event.clientY - rect.top) * box.size) / rect.height;
  const area = plotArea(box);
  const clamp = (t: number) => Math.min(1, Math.max(0, t));
  return [clamp((x - area.x[0]) / (area.x[1] - area.x[0])), clamp((y - area.y[0]) / (area.y[1] - area.y[0]))];
}

/** The plane of codes: axes with round ticks, dots per digit class, the decoded point, a focusable hit area. */
export function planeView(view: PlaneView): TemplateResult {
  const { box, extent, points, labels } = view;
  const area = plotArea(box);
  const x = linearScale(extent[0], area.x);
  const y = linearScale(extent[1], area.y);
  const byClass: { xs: number[]; ys: number[] }[] = Array.from({ length: 10 }, () => ({ xs: [], ys: [] }));
  if (points) {
    for (let i = 0; i < labels.length; i += 1) {
      const bucket = byClass[labels[i]!]!;
      bucket.xs.push(x(points[i * 2]!));
      bucket.ys.push(y(points[i * 2 + 1]!));
    }
  }
  const xTicks = roundTicks(extent[0][0], extent[0][1], 4);
  const yTicks = roundTicks(extent[1][0], extent[1][1], 4);
  const markX = area.x[0] + view.spot[0] * (area.x[1] - area.x[0]);
  const markY = area.y[0] + view.spot[1] * (area.y[1] - area.y[0]);
  const width = area.x[1] - area.x[0];
  const height = area.y[0] - area.y[1];
  const [a, b] = view.at.map((value) => tickLabel(Number(value.toPrecision(2))));
  const dotRadius = labels.length > 3000 ? 2.2 : 3;
  return html`<svg class="plane" viewBox="0 0 ${box.size} ${box.size}" style="width: ${box.size}px" role="group" aria-label=${view.title}>
    <rect class="paper" x=${area.x[0]} y=${area.y[1]} width=${width} height=${height}></rect>
    ${xTicks.map((t) => svg`<line class="grid" x1=${x(t)} x2=${x(t)} y1=${area.y[1]} y2=${area.y[0]}></line>
      <text class="tick" x=${x(t)} y=${area.y[0] + 24} text-anchor="middle">${tickLabel(t)}</text>`)}
    ${yTicks.map((t) => svg`<line class="grid" x1=${area.x[0]} x2=${area.x[1]} y1=${y(t)} y2=${y(t)}></line>
      <text class="tick" x=${area.x[0] - 6} y=${y(t) + 8} text-anchor="end">${tickLabel(t)}</text>`)}
    <text class="axis-name" x=${(area.x[0] + area.x[1]) / 2} y=${box.size - 4} text-anchor="middle">${view.axes[0]}</text>
    <text class="axis-name" x=${16} y=${(area.y[0] + area.y[1]) / 2} text-anchor="middle" transform="rotate(-90 16 ${(area.y[0] + area.y[1]) / 2})">${view.axes[1]}</text>
    <svg x=${area.x[0]} y=${area.y[1]} width=${width} height=${height} viewBox="${area.x[0]} ${area.y[1]} ${width} ${height}">
      ${byClass.map((bucket, digit) => svg`<path class="dots" fill=${DIGIT_COLOURS[digit]!} d=${dotsPath(bucket.xs, bucket.ys, dotRadius)}></path>`)}
    </svg>
    <rect class="frame" x=${area.x[0]} y=${area.y[1]} width=${width} height=${height}></rect>
    ${view.placeholder ? svg`<text class="placeholder" x=${(area.x[0] + area.x[1]) / 2} y=${(area.y[0] + area.y[1]) / 2} text-anchor="middle">${view.placeholder}</text>` : nothing}
    <g class="mark" transform="translate(${markX} ${markY})" aria-hidden="true">
      <circle r="11" class="mark-halo"></circle><circle r="11" class="mark-ring"></circle>
      <line x1="-18" x2="-6" y1="0" y2="0"></line><line x1="6" x2="18" y1="0" y2="0"></line>
      <line y1="-18" y2="-6" x1="0" x2="0"></line><line y1="6" y2="18" x1="0" x2="0"></line>
    </g>
    <rect class="hit" x=${area.x[0]} y=${area.y[1]} width=${width} height=${height} role="button" tabindex="0"
      aria-label=${`${view.title}: decoding the point ${view.axes[0]} = ${a}, ${view.axes[1]} = ${b}. Click, drag or use the arrow keys to move it`}
      @pointerdown=${view.onPointerDown} @pointermove=${view.onPointerMove} @pointerup=${view.onPointerUp} @pointercancel=${view.onPointerUp} @keydown=${view.onKey}></rect>
  </svg>`;
}

/** A digit's 784 values as a picture (ink dark on white) with a caption under it (`shown`, else the name itself). */
export function digitFigure(values: ArrayLike<number> | undefined, name: string, className = '', shown: unknown = name): TemplateResult {
  const url = values ? pngDataUrl(digitPixels(values), IMAGE_SIDE, IMAGE_SIDE) : '';
  return html`<figure class="digit ${className}">
    <svg viewBox="0 0 ${IMAGE_SIDE} ${IMAGE_SIDE}" role="img" aria-label=${name}>
      <rect width=${IMAGE_SIDE} height=${IMAGE_SIDE} class="digit-paper"></rect>
      ${url ? svg`<image href=${url} width=${IMAGE_SIDE} height=${IMAGE_SIDE} preserveAspectRatio="none" style="image-rendering: pixelated"></image>` : nothing}
    </svg>
    <figcaption aria-hidden="true">${shown}</figcaption>
  </figure>`;
}

/** What the figures show: the decoded point(s), and one digit with its reconstruction. */
export interface FiguresView {
  /** g(z) at the decoded point z, written (z₁, z₂). */
  decoded: ArrayLike<number> | undefined;
  at: [string, string];
  /** The linear (PCA) decoder at its plane's point, when the PCA is shown. */
  linear: ArrayLike<number> | undefined;
  /** The digit shown: its input (noisy when denoising), its reconstruction, its clean original, its label. */
  input: ArrayLike<number> | undefined;
  reconstruction: ArrayLike<number> | undefined;
  clean: ArrayLike<number> | undefined;
  label: number | undefined;
  denoising: boolean;
  onAnother(): void;
}

export function figuresView(view: FiguresView): TemplateResult {
  const [z1, z2] = view.at;
  const error = view.clean && view.reconstruction ? squaredError(view.clean, view.reconstruction) : undefined;
  return html`<div class="figures">
      ${digitFigure(view.decoded, `g(z), z = (${z1}, ${z2})`, 'decoded', html`g(z)<br />z = (${z1}, ${z2})`)}
      ${view.linear ? digitFigure(view.linear, 'linear decoder (PCA)', 'decoded', html`linear<br />(PCA)`) : nothing}
    </div>
    <div class="figures">
      ${digitFigure(view.input, view.denoising ? 'noisy input x̃' : 'input x')}
      ${digitFigure(view.reconstruction, 'reconstruction x̂', '', 'output x̂')}
      ${view.denoising ? digitFigure(view.clean, 'clean original x', '', 'clean x') : nothing}
    </div>
    <p class="settings">${view.label === undefined ? '' : `a ${view.label}: `}${error === undefined ? '‖x − x̂‖² …' : `‖x − x̂‖² = ${error.toFixed(1)}`}
      <button class="another" @click=${view.onAnother} ?disabled=${view.label === undefined}>Another digit</button></p>`;
}

/** The ten digits and their colours (the colours are named by the digit beside each swatch, not by colour alone). */
export function digitLegend(): TemplateResult {
  return html`<ul class="legend digits" aria-label="digit colours">
    ${DIGIT_COLOURS.map((colour, digit) => html`<li><svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill=${colour}></circle></svg>${digit}</li>`)}
  </ul>`;
}
