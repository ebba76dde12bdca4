/**
 * What `<perceptron-boundary>` draws, as templates of its state: the plot (the shaded sides of the boundary,
 * the points filled by their predicted class and shaped by their label, the boundary, and the weight vector w
 * with its draggable head) and the legend. Also the plot's pointer geometry: where a pointer is in data space,
 * measured, so it stays right under reveal's CSS scaling.
 */
import { html, nothing, svg } from 'lit';
import {
  PLOT_RADIUS,
  boundarySegment,
  formatValue,
  isMisclassified,
  positiveRegion,
  predict,
  type LabelledPoint,
  type Vector,
} from './perceptron-boundary.model.ts';

/** The plot in SVG units: a square of data space [−4, 4]². */
export const PLOT = { size: 500, left: 44, top: 8, side: 440 } as const;
/** Arrows longer than this (data units) are drawn shortened, and say so. */
const LONGEST_ARROW = 3.8;

const POSITIVE = '#1d4ed8';
const NEGATIVE = '#c2410c';

/** What the plot shows. */
export interface PlotState {
  /** w now. */
  weights: Vector;
  /** b now. */
  bias: number;
  data: readonly LabelledPoint[];
  /** The point the perceptron rule's last update used (ringed, dashed), if any. */
  updated: number | undefined;
}

/** What the arrow head does with a pointer or the keyboard. */
export interface PlotHandlers {
  onPointerDown(event: PointerEvent): void;
  onPointerMove(event: PointerEvent): void;
  onKeyDown(event: KeyboardEvent): void;
}

/** Screen → data coordinates of a pointer over `plot`, measured: the SVG keeps its viewBox aspect. */
export function pointerToData(plot: SVGSVGElement, event: PointerEvent): Vector {
  const box = plot.getBoundingClientRect();
  const sx = ((event.clientX - box.left) * PLOT.size) / box.width;
  const sy = ((event.clientY - box.top) * PLOT.size) / box.height;
  const x1 = ((sx - PLOT.left) / PLOT.side) * 2 * PLOT_RADIUS - PLOT_RADIUS;
  const x2 = PLOT_RADIUS - ((sy - PLOT.top) / PLOT.side) * 2 * PLOT_RADIUS;
  return [x1, x2];
}

/** The plot: the ± sides, the grid, the points, the boundary wᵀx + b = 0 and the arrow w with its handle. */
export function plotView(state: PlotState, handlers: PlotHandlers) {
  const { left, top, side } = PLOT;
  const sx = (x1: number) => left + ((x1 + PLOT_RADIUS) / (2 * PLOT_RADIUS)) * side;
  const sy = (x2: number) => top + ((PLOT_RADIUS - x2) / (2 * PLOT_RADIUS)) * side;
  const { weights: w, bias: b, updated } = state;
  const region = positiveRegion(w, b);
  // The −1 side: wᵀx + b < 0 is the + side of (−w, −b).
  const negative = positiveRegion([-w[0], -w[1]], -b);
  const segment = boundarySegment(w, b);
  const length = Math.hypot(w[0], w[1]);
  const shrink = length > LONGEST_ARROW ? LONGEST_ARROW / length : 1;
  const tip: Vector = [w[0] * shrink, w[1] * shrink];
  const [tx, ty] = [sx(tip[0]), sy(tip[1])];
  const angle = Math.atan2(-(ty - sy(0)), tx - sx(0));
  const headPath = `M${tx} ${ty} L${tx - 16 * Math.cos(angle - 0.4)} ${ty + 16 * Math.sin(angle - 0.4)} L${tx - 16 * Math.cos(angle + 0.4)} ${ty + 16 * Math.sin(angle + 0.4)} Z`;
  const ticks = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
  return html`<svg class="plot" viewBox="0 0 ${PLOT.size} ${PLOT.size}" role="group" aria-label="Points, the boundary w·x + b = 0 and the weight vector w">
    <g aria-hidden="true">
      ${negative.length > 2 ? svg`<polygon points=${negative.map(([a, c]) => `${sx(a).toFixed(1)},${sy(c).toFixed(1)}`).join(' ')} fill=${NEGATIVE} fill-opacity="0.12"></polygon>` : nothing}
      ${region.length > 2 ? svg`<polygon points=${region.map(([a, c]) => `${sx(a).toFixed(1)},${sy(c).toFixed(1)}`).join(' ')} fill=${POSITIVE} fill-opacity="0.14"></polygon>` : nothing}
      ${ticks.map((t) => svg`
        <line class="axis" x1=${sx(t)} x2=${sx(t)} y1=${top} y2=${top + side} stroke-opacity=${t === 0 ? 0.6 : 0.12}></line>
        <line class="axis" y1=${sy(t)} y2=${sy(t)} x1=${left} x2=${left + side} stroke-opacity=${t === 0 ? 0.6 : 0.12}></line>
        ${t % 2 === 0 ? svg`<text class="tick" x=${sx(t)} y=${top + side + 18} text-anchor="middle">${String(t).replace('-', '−')}</text>
          <text class="tick" x=${left - 6} y=${sy(t) + 5} text-anchor="end">${String(t).replace('-', '−')}</text>` : nothing}`)}
      <rect class="frame" x=${left} y=${top} width=${side} height=${side}></rect>
      <text class="axis-label" x=${left + side - 4} y=${sy(0) - 6} text-anchor="end">x₁</text>
      <text class="axis-label" x=${sx(0) + 6} y=${top + 18}>x₂</text>
      ${segment ? svg`<line class="boundary" x1=${sx(segment[0][0])} y1=${sy(segment[0][1])} x2=${sx(segment[1][0])} y2=${sy(segment[1][1])}></line>` : nothing}
      ${state.data.map((p, i) => {
        const [cx, cy] = [sx(p.x[0]), sy(p.x[1])];
        const fill = predict(w, b, p.x) === 1 ? POSITIVE : NEGATIVE;
        const shape = p.y === 1 ? svg`<circle class="point" cx=${cx} cy=${cy} r="7" fill=${fill}></circle>` : svg`<rect class="point" x=${cx - 6.5} y=${cy - 6.5} width="13" height="13" fill=${fill}></rect>`;
        return svg`<g class="datum" data-label=${p.y} data-wrong=${isMisclassified(w, b, p) ? 'true' : 'false'}>
          ${shape}${isMisclassified(w, b, p) ? svg`<circle class="ring" cx=${cx} cy=${cy} r="12.5"></circle>` : nothing}
          ${i === updated ? svg`<circle class="updated" cx=${cx} cy=${cy} r="17"></circle>` : nothing}</g>`;
      })}
      <line class="arrow ${shrink < 1 ? 'shortened' : ''}" x1=${sx(0)} y1=${sy(0)} x2=${tx - 10 * Math.cos(angle)} y2=${ty + 10 * Math.sin(angle)}></line>
      <path class="head" d=${headPath}></path>
      <text class="axis-label" x=${Math.min(tx + 12, left + side - 4)} y=${Math.max(ty - 12, top + 18)} text-anchor=${tx + 12 > left + side - 90 ? 'end' : 'start'}>w${shrink < 1 ? ` (drawn ×${formatValue(shrink)})` : ''}</text>
    </g>
    <circle class="handle" cx=${tx} cy=${ty} r="11" tabindex="0" role="slider" aria-label="weight vector w"
      aria-valuenow=${Math.round((Math.atan2(w[1], w[0]) * 180) / Math.PI)} aria-valuemin="-180" aria-valuemax="180"
      aria-valuetext=${`w = (${formatValue(w[0])}, ${formatValue(w[1])}): drag the arrow head or use the arrow keys`}
      @pointerdown=${handlers.onPointerDown} @pointermove=${handlers.onPointerMove} @keydown=${handlers.onKeyDown}></circle>
  </svg>`;
}

/** The legend: the two label shapes, the two predicted colours, the misclassified ring. */
export function legendView() {
  const shape = (label: 1 | -1) =>
    label === 1 ? svg`<circle cx="10" cy="10" r="6" fill="currentColor"></circle>` : svg`<rect x="4" y="4" width="12" height="12" fill="currentColor"></rect>`;
  return html`<ul class="legend" aria-label="legend">
    <li><svg viewBox="0 0 20 20" aria-hidden="true">${shape(1)}</svg>label +1</li>
    <li><svg viewBox="0 0 20 20" aria-hidden="true">${shape(-1)}</svg>label −1</li>
    <li><svg viewBox="0 0 20 20" aria-hidden="true"><rect x="2" y="2" width="16" height="16" fill=${POSITIVE}></rect></svg>predicted +1</li>
    <li><svg viewBox="0 0 20 20" aria-hidden="true"><rect x="2" y="2" width="16" height="16" fill=${NEGATIVE}></rect></svg>predicted −1</li>
    <li><svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke="#b91c1c" stroke-width="2.5"></circle></svg>misclassified</li>
  </ul>`;
}
