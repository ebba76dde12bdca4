/**
 * What `<perceptron-boundary>` draws, as templates of its state: the plot (the two sides of the boundary tinted
 * by the class they predict, the points filled and shaped by their true class — ● +1, ■ −1 — so a
 * misclassified point is a point of one colour on the other colour's side, ringed as well; the boundary, and
 * the weight vector w with its draggable head) and the legend. Also the plot's pointer geometry: where a pointer
 * is in data space, measured, so it stays right under reveal's CSS scaling.
 */
import { cssRgb, diverging } from '../shared/views/colour-maps.ts';
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
/** A point's radius (a square's half side is 0.9 of it), SVG units. */
const POINT_SIZE = 8;

/**
 * The two classes' colours: the ends of the shared diverging map (PuOr, colour-blind safe), purple for +1 and
 * orange for −1 — the colours the playground gives its two classes, so a class looks the same in every widget
 * (and the shapes differ too). A point is filled in its true class's colour; the side of the boundary that
 * predicts a class is a light tint of it.
 */
export const CLASS_COLOURS = { positive: cssRgb(diverging(1)), negative: cssRgb(diverging(-1)) } as const;
/** How strongly a side of the boundary is tinted by the class it predicts. */
const REGION_OPACITY = 0.16;

/** The fill of a point of true class `label`. */
export function classColour(label: 1 | -1): string {
  return label === 1 ? CLASS_COLOURS.positive : CLASS_COLOURS.negative;
}

/** A point's mark: a circle for +1, a square for −1 (so shape, not only colour, tells the class). */
function pointMark(label: 1 | -1, cx: number, cy: number, size: number) {
  const fill = classColour(label);
  return label === 1
    ? svg`<circle class="point" cx=${cx} cy=${cy} r=${size} fill=${fill}></circle>`
    : svg`<rect class="point" x=${cx - size * 0.9} y=${cy - size * 0.9} width=${size * 1.8} height=${size * 1.8} fill=${fill}></rect>`;
}

/** What the plot shows. */
export interface PlotState {
  /** w now. */
  weights: Vector;
  /** b now. */
  bias: number;
  data: readonly LabelledPoint[];
  /** The point the perceptron rule's last update used (ringed, dashed), if any. */
  updated: number | undefined;
  /** The CSV columns on the axes (standardised), if the points are the instructor's; else x₁ and x₂. */
  axes?: readonly string[] | undefined;
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
  // Misclassified points last, so no correctly classified point is drawn over a ring; the last update's
  // marker above them all.
  const wrong = state.data.map((p) => isMisclassified(w, b, p));
  const order = state.data.map((_, i) => i).sort((i, j) => Number(wrong[i]) - Number(wrong[j]) || i - j);
  const updatedPoint = updated === undefined ? undefined : state.data[updated];
  const what = state.axes ? `, over ${state.axes[0]} and ${state.axes[1]} (standardised)` : '';
  return html`<svg class="plot" viewBox="0 0 ${PLOT.size} ${PLOT.size}" role="group" aria-label=${`Points, the boundary w·x + b = 0 and the weight vector w${what}`}>
    <g aria-hidden="true">
      ${negative.length > 2 ? svg`<polygon points=${negative.map(([a, c]) => `${sx(a).toFixed(1)},${sy(c).toFixed(1)}`).join(' ')} class="region negative" fill=${CLASS_COLOURS.negative} fill-opacity=${REGION_OPACITY}></polygon>` : nothing}
      ${region.length > 2 ? svg`<polygon points=${region.map(([a, c]) => `${sx(a).toFixed(1)},${sy(c).toFixed(1)}`).join(' ')} class="region positive" fill=${CLASS_COLOURS.positive} fill-opacity=${REGION_OPACITY}></polygon>` : nothing}
      ${ticks.map((t) => svg`
        <line class="axis" x1=${sx(t)} x2=${sx(t)} y1=${top} y2=${top + side} stroke-opacity=${t === 0 ? 0.6 : 0.12}></line>
        <line class="axis" y1=${sy(t)} y2=${sy(t)} x1=${left} x2=${left + side} stroke-opacity=${t === 0 ? 0.6 : 0.12}></line>
        ${t % 2 === 0 ? svg`<text class="tick" x=${sx(t)} y=${top + side + 24} text-anchor="middle">${String(t).replace('-', '−')}</text>
          <text class="tick" x=${left - 7} y=${sy(t) + 7} text-anchor="end">${String(t).replace('-', '−')}</text>` : nothing}`)}
      <rect class="frame" x=${left} y=${top} width=${side} height=${side}></rect>
      ${state.axes
        ? // A CSV's column names are long: in the plot's corners (z-scores crowd the middle), on a halo.
          svg`<text class="axis-label column" x=${left + side - 8} y=${top + side - 10} text-anchor="end">${state.axes[0]} →</text>
          <text class="axis-label column" x=${left + 8} y=${top + 24}>↑ ${state.axes[1]}</text>`
        : svg`<text class="axis-label" x=${left + side - 4} y=${sy(0) - 6} text-anchor="end">x₁</text>
          <text class="axis-label" x=${sx(0) + 8} y=${top + 22}>x₂</text>`}
      ${segment ? svg`<line class="boundary" x1=${sx(segment[0][0])} y1=${sy(segment[0][1])} x2=${sx(segment[1][0])} y2=${sy(segment[1][1])}></line>` : nothing}
      ${order.map((i) => {
        const p = state.data[i]!;
        const [cx, cy] = [sx(p.x[0]), sy(p.x[1])];
        return svg`<g class="datum" data-label=${p.y} data-predicted=${predict(w, b, p.x)} data-wrong=${wrong[i] ? 'true' : 'false'}>
          ${pointMark(p.y, cx, cy, POINT_SIZE)}${wrong[i] ? svg`<circle class="ring" cx=${cx} cy=${cy} r=${POINT_SIZE + 5.5}></circle>` : nothing}</g>`;
      })}
      ${updatedPoint ? svg`<circle class="updated" cx=${sx(updatedPoint.x[0])} cy=${sy(updatedPoint.x[1])} r=${POINT_SIZE + 10}></circle>` : nothing}
      <line class="arrow ${shrink < 1 ? 'shortened' : ''}" x1=${sx(0)} y1=${sy(0)} x2=${tx - 10 * Math.cos(angle)} y2=${ty + 10 * Math.sin(angle)}></line>
      <path class="head" d=${headPath}></path>
      <text class="axis-label" x=${Math.min(tx + 12, left + side - 4)} y=${Math.max(ty - 12, top + 22)} text-anchor=${tx + 12 > left + side - 90 ? 'end' : 'start'}>w${shrink < 1 ? ` (drawn ×${formatValue(shrink)})` : ''}</text>
    </g>
    <circle class="handle" cx=${tx} cy=${ty} r="11" tabindex="0" role="slider" aria-label="weight vector w"
      aria-valuenow=${Math.round((Math.atan2(w[1], w[0]) * 180) / Math.PI)} aria-valuemin="-180" aria-valuemax="180"
      aria-valuetext=${`w = (${formatValue(w[0])}, ${formatValue(w[1])}): drag the arrow head or use the arrow keys`}
      @pointerdown=${handlers.onPointerDown} @pointermove=${handlers.onPointerMove} @keydown=${handlers.onKeyDown}></circle>
  </svg>`;
}

/**
 * The legend: a point's fill and shape are its true class, a tinted side of the boundary the class predicted
 * there, the ring a point whose true class is not the predicted one.
 */
export function legendView(classes?: { positive: string; negative: string }) {
  const mark = (label: 1 | -1) =>
    label === 1
      ? svg`<circle class="point" cx="12" cy="12" r="8" fill=${classColour(1)}></circle>`
      : svg`<rect class="point" x="4.8" y="4.8" width="14.4" height="14.4" fill=${classColour(-1)}></rect>`;
  // A region's swatch is a wide patch of its tint, so it does not read as a point's ■.
  const tint = (label: 1 | -1) =>
    svg`<rect class="swatch" x="0.5" y="5" width="31" height="14" rx="3" fill=${classColour(label)} fill-opacity=${REGION_OPACITY} stroke=${classColour(label)}></rect>`;
  return html`<ul class="legend" aria-label="legend">
    <li><svg viewBox="0 0 24 24" aria-hidden="true">${mark(1)}</svg>${classes ? `${classes.positive} (+1)` : 'true class +1'}</li>
    <li><svg class="wide" viewBox="0 0 32 24" aria-hidden="true">${tint(1)}</svg>predicted +1</li>
    <li><svg viewBox="0 0 24 24" aria-hidden="true">${mark(-1)}</svg>${classes ? `${classes.negative} (−1)` : 'true class −1'}</li>
    <li><svg class="wide" viewBox="0 0 32 24" aria-hidden="true">${tint(-1)}</svg>predicted −1</li>
    <li><svg viewBox="0 0 24 24" aria-hidden="true"><circle class="ring" cx="12" cy="12" r="9"></circle></svg>misclassified</li>
  </ul>`;
}
