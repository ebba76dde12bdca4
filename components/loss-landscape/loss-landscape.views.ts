/**
 * What `<loss-landscape>` draws, as Lit templates of its state (the surface, the start, the runs): the map
 * (heatmap, contour lines, axes, minima, the start and each run's path), the legend and the status lines,
 * and the map's picture itself (`drawMap`). No state: the element owns it and handles the map's pointer and
 * keys (passed in as `MapHandlers`).
 */
import { html, nothing, svg } from 'lit';
import type { OptimizerKind } from '../../engine/optimizers.ts';
import type { Point, Surface } from '../../engine/surface-descent.ts';
import {
  COLOUR_OFFSETS,
  OPTIMIZER_STYLES,
  contourLevels,
  contourSegments,
  describeRun,
  formatNumber,
  heatmapPixels,
  inDomain,
  logColourScale,
  niceTicks,
  sampleGrid,
} from './loss-landscape.model.ts';
import type { RunView } from './loss-landscape.run.ts';
import { markerShape, withPowersOfTen } from '../shared/regression/regression-views.ts';

/**
 * The map's geometry in SVG units: one unit to one CSS px in its 520 px column, so its labels (`text`, 22 units)
 * draw at 21 px or more on a slide (issue 17: components/shared/views/type-scale.ts).
 */
export const MAP = { left: 76, top: 12, right: 14, bottom: 66, plotWidth: 430, grid: 120, text: 22 } as const;

/** Half-sizes of the runs' last markers, in legend order, when several run: nested, so none hides another. */
const NESTED_MARKERS = [10.5, 7.5, 5] as const;

/** The map of one surface: the heatmap picture and the contour lines, in SVG units. */
export interface MapPicture {
  /** The surface drawn. */
  surface: Surface;
  /** The heatmap, a PNG data URL. */
  href: string;
  /** The plot's height (its width is `MAP.plotWidth`; cells are square). */
  plotHeight: number;
  /** One path per contour level; light lines on the dark (low) part of the map. */
  contours: Array<{ d: string; light: boolean }>;
}

/** The state every view reads. */
export interface LandscapeView {
  /** The map of the current surface. */
  picture: MapPicture;
  /** Where the runs start. */
  start: Point;
  /** The runs as drawn, in legend order. */
  runs: readonly RunView[];
  /** True while several optimizers run side by side (the status names each run). */
  comparing: boolean;
  /** β of the momentum run, shown in the legend. */
  momentum: number;
}

/** What the map's hit area does: a click or tap starts there, the arrow keys move the start. */
export interface MapHandlers {
  onPointer(event: PointerEvent): void;
  onKey(event: KeyboardEvent): void;
}

/** The map: heatmap, contour lines, axes, minima, the start and every run's path, over a hit area that moves the start. */
export function renderMap(view: LandscapeView, handlers: MapHandlers) {
  const { picture, start } = view;
  const { surface } = picture;
  const { domain } = surface;
  const plotHeight = picture.plotHeight;
  const width = MAP.left + MAP.plotWidth + MAP.right;
  const height = MAP.top + plotHeight + MAP.bottom;
  const x = (w1: number) => MAP.left + ((w1 - domain.w1[0]) / (domain.w1[1] - domain.w1[0])) * MAP.plotWidth;
  const y = (w2: number) => MAP.top + ((domain.w2[1] - w2) / (domain.w2[1] - domain.w2[0])) * plotHeight;
  // Far-off points (a diverging run) are clamped so the SVG stays well-formed; the clip hides them anyway.
  const clampX = (value: number) => Math.max(-1e4, Math.min(1e4, value));
  const bottom = MAP.top + plotHeight;
  // Few, large labels: about one per four label heights of plot.
  const ticks1 = niceTicks(domain.w1[0], domain.w1[1], Math.floor(MAP.plotWidth / (4 * MAP.text)));
  const ticks2 = niceTicks(domain.w2[0], domain.w2[1], Math.max(2, Math.floor(plotHeight / (4 * MAP.text))));
  const clipId = 'plot-clip';
  const [startX, startY] = [x(start[0]), y(start[1])];
  const runs = view.runs.map((run, i) => {
    const style = OPTIMIZER_STYLES[run.kind];
    const points = run.points.map((p) => `${clampX(x(p.w1)).toFixed(1)},${clampX(y(p.w2)).toFixed(1)}`).join(' ');
    const latest = run.latest;
    const size = view.runs.length > 1 ? NESTED_MARKERS[Math.min(i, NESTED_MARKERS.length - 1)] : undefined;
    const marker = latest && inDomain([latest.w1, latest.w2], domain) ? markerShape(style.marker, x(latest.w1), y(latest.w2), style.colour, size) : nothing;
    return {
      path: svg`
      <g class="run" data-optimizer=${run.kind}>
        <polyline class="halo" points=${points}></polyline>
        <polyline class="path" points=${points} stroke=${style.colour} stroke-dasharray=${style.dash || nothing}></polyline>
      </g>`,
      marker,
    };
  });
  const describeStart = `start point w1 = ${formatNumber(start[0])}, w2 = ${formatNumber(start[1])}`;
  return html`
    <svg viewBox="0 0 ${width} ${height}" role="group" aria-label="Loss map of ${surface.title}" style="--svg-text: ${MAP.text}px">
      <desc>Heatmap of the loss over w1 and w2, dark is low, with contour lines${surface.minima.length ? `; minima at ${surface.minima.map((m) => `(${m.map(formatNumber).join(', ')})`).join(', ')}` : ''}.</desc>
      <defs><clipPath id=${clipId}><rect x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight}></rect></clipPath></defs>
      <g aria-hidden="true">
        <image href=${picture.href} x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight} preserveAspectRatio="none"></image>
        <g transform="translate(${MAP.left} ${MAP.top})">
          ${picture.contours.map((c) => svg`<path class="contour ${c.light ? 'light' : 'dark'}" d=${c.d}></path>`)}
        </g>
        <rect class="frame" x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight}></rect>
        ${ticks1.map(
          (t) => svg`
            <line class="axis tick-w1" data-value=${t} x1=${x(t)} x2=${x(t)} y1=${bottom} y2=${bottom + 7}></line>
            <text class="tick-label" x=${x(t)} y=${bottom + 9 + MAP.text} text-anchor="middle">${formatNumber(t)}</text>`,
        )}
        ${ticks2.map(
          (t) => svg`
            <line class="axis tick-w2" data-value=${t} x1=${MAP.left - 7} x2=${MAP.left} y1=${y(t)} y2=${y(t)}></line>
            <text class="tick-label" x=${MAP.left - 11} y=${y(t) + MAP.text * 0.35} text-anchor="end">${formatNumber(t)}</text>`,
        )}
        <text class="axis-label" x=${MAP.left + MAP.plotWidth / 2} y=${bottom + 12 + 2 * MAP.text} text-anchor="middle">w₁</text>
        <text class="axis-label" transform="translate(${MAP.text * 0.8} ${MAP.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">w₂</text>
        <g clip-path="url(#${clipId})">
          <circle class="start" cx=${startX} cy=${startY} r="8"></circle>
          <circle class="start-inner" cx=${startX} cy=${startY} r="8"></circle>
          ${runs.map((run) => run.path)}
          ${runs.map((run) => run.marker)}
          ${surface.minima.map(([m1, m2]) => minimumMarker(x(m1), y(m2)))}
        </g>
      </g>
      <rect class="hit" x=${MAP.left} y=${MAP.top} width=${MAP.plotWidth} height=${plotHeight} role="button" tabindex="0"
        aria-label="${describeStart}: click the map or use the arrow keys to start elsewhere"
        @pointerdown=${handlers.onPointer} @keydown=${handlers.onKey}></rect>
    </svg>
  `;
}

/** The point (w1, w2) under a spot of the map given in SVG units (unrounded; off the plot it extrapolates). */
export function mapPointAt(picture: MapPicture, svgX: number, svgY: number): Point {
  const { domain } = picture.surface;
  const w1 = domain.w1[0] + ((svgX - MAP.left) / MAP.plotWidth) * (domain.w1[1] - domain.w1[0]);
  const w2 = domain.w2[1] - ((svgY - MAP.top) / picture.plotHeight) * (domain.w2[1] - domain.w2[0]);
  return [w1, w2];
}

/** The legend: each run's line and marker (momentum with its β), the start, and the minimum if the surface has one. */
export function renderLegend(view: LandscapeView) {
  const swatch = (kind: OptimizerKind) => {
    const style = OPTIMIZER_STYLES[kind];
    return html`<svg class="swatch" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true">
      <line class="halo" x1="2" y1="8" x2="30" y2="8" style="stroke-width:5"></line>
      <line class="path" x1="2" y1="8" x2="30" y2="8" stroke=${style.colour} stroke-dasharray=${style.dash || nothing}></line>
      ${markerShape(style.marker, 36, 8, style.colour)}
    </svg>`;
  };
  return html`
    <ul class="legend" aria-label="legend">
      ${view.runs.map((run) => {
        const label = OPTIMIZER_STYLES[run.kind].label;
        return html`<li>${swatch(run.kind)}${run.kind === 'momentum' ? `${label} (β = ${formatNumber(view.momentum)})` : label}</li>`;
      })}
      <li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" stroke-width="2"></circle></svg>start</li>
      ${view.picture.surface.minima.length
        ? html`<li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
            <path d="M4 4 L16 16 M16 4 L4 16" stroke="currentColor" stroke-width="2.5"></path></svg>minimum</li>`
        : nothing}
    </ul>
  `;
}

/** The status: one line per run (its step, w1, w2 and loss; named when comparing; where it diverged or left the map). */
export function renderStatus(view: LandscapeView) {
  const { domain } = view.picture.surface;
  return html`
    <div role="status" aria-live="polite">
      ${view.runs.map((run) => {
        const latest = run.latest;
        const offMap = latest ? !inDomain([latest.w1, latest.w2], domain) : false;
        const line = describeRun(latest, { label: view.comparing ? OPTIMIZER_STYLES[run.kind].label : undefined, divergedAt: run.divergence?.step, offMap });
        // Powers of ten as "2.274 × 10⁻¹³"; each part unbroken, so a wrapped line breaks between parts.
        return html`<p>${withPowersOfTen(line).split(' · ').map((part, i) => html`${i ? ' · ' : ''}<span class="part">${part}</span>`)}</p>`;
      })}
    </div>
  `;
}

/** The heatmap (an SVG-embeddable PNG data URL) and the contour lines of a surface. */
export function drawMap(surface: Surface): MapPicture {
  const grid = sampleGrid(surface, MAP.grid);
  const scale = logColourScale(grid.min, grid.max, COLOUR_OFFSETS[surface.name]);
  // NOTE - reveal clones slides for print and canvas pixels are lost, so the canvas only encodes the PNG.
  const canvas = document.createElement('canvas');
  canvas.width = grid.columns;
  canvas.height = grid.rows;
  canvas.getContext('2d')?.putImageData(new ImageData(heatmapPixels(grid, scale), grid.columns, grid.rows), 0, 0);
  const plotHeight = (MAP.plotWidth * grid.rows) / grid.columns;
  // Grid coordinates (sample centres) → SVG units inside the plot.
  const sx = MAP.plotWidth / grid.columns;
  const sy = plotHeight / grid.rows;
  const contours = contourLevels(scale, 10).map((level, i) => {
    const d = contourSegments(grid, level)
      .map(([x1, y1, x2, y2]) => `M${((x1 + 0.5) * sx).toFixed(1)} ${((y1 + 0.5) * sy).toFixed(1)}L${((x2 + 0.5) * sx).toFixed(1)} ${((y2 + 0.5) * sy).toFixed(1)}`)
      .join('');
    return { d, light: i < 6 };
  });
  return { surface, href: canvas.toDataURL('image/png'), plotHeight, contours };
}

/**
 * A minimum of the surface: a thin cross, white under black so it shows on any colour, drawn over the runs and
 * reaching past their markers, so a marker that reaches the minimum shows between its arms and neither hides.
 */
function minimumMarker(cx: number, cy: number) {
  const d = `M${cx - 10} ${cy - 10} L${cx + 10} ${cy + 10} M${cx + 10} ${cy - 10} L${cx - 10} ${cy + 10}`;
  return svg`<path class="minimum" d=${d}></path><path class="minimum-inner" d=${d}></path>`;
}
