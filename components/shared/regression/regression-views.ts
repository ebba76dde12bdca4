/**
 * The SVG pictures `<gd-trajectory>` and `<gd-modes>` share: the loss map of ŷ = β₁x₁ + β₂x₂ (filled
 * contours, the true β as +, the normal-equation β̂ in green, the start, each run's path with its exits)
 * and the loss curves on a log axis. Lit templates only; the numbers come from contour-map.ts and
 * regression-problem.ts.
 */
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { bowlLevels, clippedPath, contourBands, inside, logTicks, lossCurve, lossScale, mapScales, squareDomain, tickLabel, type ContourBand, type MapDomain, type PlotBox } from '../contour-map.ts';
import { roundTicks } from '../views/axes.ts';
import { formatNumber } from '../views/format-number.ts';
import type { ChartBox } from '../views/loss-chart.ts';
import { TEXT_PX } from '../views/type-scale.ts';
import { formatBeta, lossAt, type Beta, type RegressionProblem } from './regression-problem.ts';

/** A map's geometry in SVG units (about CSS pixels at the widget's usual size). */
export interface MapGeometry {
  width: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /**
   * Size of the tick and axis labels in SVG units, so that they draw at 21 CSS px or more where the map is laid
   * out (issue 17: `svgTextSize` in components/shared/views/type-scale.ts; default `TEXT_PX`, for a map drawn
   * one unit to one CSS px).
   */
  text?: number;
}

/** The map of one problem: domain and contour bands (computed once per problem and size). */
export interface MapPicture {
  problem: RegressionProblem;
  geometry: MapGeometry;
  domain: MapDomain;
  box: PlotBox;
  bands: ContourBand[];
}

/** A path to draw on the map. */
export interface MapPath {
  points: readonly Beta[];
  colour: string;
  marker: 'circle' | 'square' | 'diamond';
  /** Dots at every update (off for long SGD paths). */
  dots: boolean;
  label: string;
  /** Half the size of the current-point marker (default 6.5): runs that may end on one point get nested sizes. */
  markerSize?: number;
  /** The path's stroke width (default 3): a path drawn over another is drawn narrower, so both show. */
  lineWidth?: number;
}

export const GREEN = '#009E73';

/**
 * The map picture of a problem at a geometry. `mirrored`: centred on β̂ with the start's mirror image 2β̂
 * on the map, so a learning rate that overshoots shows its zigzag; otherwise just the start, β and β̂.
 */
export function drawMap(problem: RegressionProblem, geometry: MapGeometry, mirrored = true): MapPicture {
  const plot = geometry.width - geometry.left - geometry.right;
  const box: PlotBox = { left: geometry.left, top: geometry.top, width: plot, height: plot };
  // Centred on β̂ (the start's mirror image 2β̂ included), so a step that overshoots the minimum by up to
  // the start's distance stays on the map: too large a learning rate is seen zigzagging before it leaves.
  const [e1, e2] = problem.estimate;
  const domain = mirrored
    ? squareDomain([[0, 0], problem.trueBeta, problem.estimate, [2 * e1, 2 * e2], [2 * e1 - problem.trueBeta[0], 2 * e2 - problem.trueBeta[1]]], 0.08)
    : squareDomain([[0, 0], problem.trueBeta, problem.estimate], 0.2);
  const corners: Beta[] = [
    [domain.x[0], domain.y[0]],
    [domain.x[0], domain.y[1]],
    [domain.x[1], domain.y[0]],
    [domain.x[1], domain.y[1]],
  ];
  const reach = Math.max(...corners.map((c) => lossAt(problem, c))) - problem.minimumLoss;
  const bands = contourBands((p) => lossAt(problem, p), domain, box, bowlLevels(problem.minimumLoss, reach, 12));
  return { problem, geometry, domain, box, bands };
}

/**
 * The map: bands, axes, the true β (+), β̂ (a green ring), the start, and the paths clipped to the map (drawn in
 * order). β̂ is a ring drawn over the paths and the + over it, so the true β, β̂ and a run's last marker that sits
 * on β̂ all stay visible (issue 17: no marker hides another).
 */
export function renderMap(picture: MapPicture, paths: readonly MapPath[], clipId: string, label: string): TemplateResult {
  const { geometry, domain, box, problem } = picture;
  const height = box.top + box.height + geometry.bottom;
  const scales = mapScales(domain, box);
  const bottom = box.top + box.height;
  const text = geometry.text ?? TEXT_PX;
  // Few, large labels: about one labelled tick per four label heights of plot, so they never touch.
  const ticksX = scales.x.ticks(Math.max(2, Math.floor(box.width / (4 * text))));
  const ticksY = scales.y.ticks(Math.max(2, Math.floor(box.height / (4 * text))));
  const [ex, ey] = [scales.x(problem.estimate[0]), scales.y(problem.estimate[1])];
  const [tx, ty] = [scales.x(problem.trueBeta[0]), scales.y(problem.trueBeta[1])];
  const [sx, sy] = [scales.x(0), scales.y(0)];
  const drawn = paths.map((path) => {
    const { d, exits } = clippedPath(path.points, domain, scales);
    return svg`<g class="run">
      <path class="halo" d=${d}></path>
      <path class="path" d=${d} stroke=${path.colour} style=${path.lineWidth ? `stroke-width:${path.lineWidth}` : nothing}></path>
      ${path.dots ? path.points.filter((p) => inside(p, domain)).map((p) => svg`<circle class="dot" cx=${scales.x(p[0]).toFixed(1)} cy=${scales.y(p[1]).toFixed(1)} r="2.6" fill=${path.colour}></circle>`) : nothing}
      ${exits.map((e) => svg`<path class="exit" transform="translate(${e.x.toFixed(1)} ${e.y.toFixed(1)}) rotate(${e.angle.toFixed(1)})" d="M4 0 L-10 -8 L-10 8 Z" fill=${path.colour}></path>`)}
    </g>`;
  });
  // Every path first, then every run's last marker in the same order: no path runs over another run's marker.
  const markers = paths.map((path) => {
    const last = path.points.at(-1);
    return last && inside(last, domain) ? markerShape(path.marker, scales.x(last[0]), scales.y(last[1]), path.colour, path.markerSize) : nothing;
  });
  return html`<svg class="map" viewBox="0 0 ${geometry.width} ${height}" role="img" aria-label=${label} style="--svg-text: ${text}px">
    <defs><clipPath id=${clipId}><rect x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect></clipPath></defs>
    <g clip-path="url(#${clipId})">
      <rect x=${box.left} y=${box.top} width=${box.width} height=${box.height} fill=${picture.bands[0] ? '#440154' : 'none'}></rect>
      ${picture.bands.map((band) => svg`<path class="band" d=${band.d} fill=${band.fill}></path>`)}
      <circle class="start" cx=${sx} cy=${sy} r="6"></circle>
      ${drawn}
      ${markers}
      <circle class="estimate-halo" cx=${ex} cy=${ey} r="11"></circle>
      <circle class="estimate" cx=${ex} cy=${ey} r="11" stroke=${GREEN}></circle>
      <path class="true-beta-halo" d="M${tx - 7} ${ty}h14M${tx} ${ty - 7}v14"></path>
      <path class="true-beta" d="M${tx - 7} ${ty}h14M${tx} ${ty - 7}v14"></path>
    </g>
    <rect class="frame" x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect>
    ${ticksX.map(
      (t) => svg`<line class="axis tick-b1" data-value=${t} x1=${scales.x(t)} x2=${scales.x(t)} y1=${bottom} y2=${bottom + 6}></line>
        <text class="tick-label" x=${scales.x(t)} y=${bottom + 8 + text} text-anchor="middle">${tickLabel(t)}</text>`,
    )}
    ${ticksY.map(
      (t) => svg`<line class="axis tick-b2" data-value=${t} x1=${box.left - 6} x2=${box.left} y1=${scales.y(t)} y2=${scales.y(t)}></line>
        <text class="tick-label" x=${box.left - 9} y=${scales.y(t) + text * 0.35} text-anchor="end">${tickLabel(t)}</text>`,
    )}
    <text class="axis-label" x=${box.left + box.width / 2} y=${bottom + 12 + 2 * text} text-anchor="middle">β₁</text>
    <text class="axis-label" transform="translate(${text * 0.8} ${box.top + box.height / 2}) rotate(-90)" text-anchor="middle">β₂</text>
  </svg>`;
}

/**
 * A status line's numbers in e-notation ("1.1562e+6", "−2.2737e−13") written as people read them off a slide:
 * "1.156 × 10⁶", "−2.274 × 10⁻¹³" (4 significant figures, no-break spaces around ×); other text unchanged.
 * The formatters of components/ write no e-notation any more; this is for text built elsewhere.
 */
export function withPowersOfTen(text: string): string {
  return text.replace(/([−-]?\d+(?:\.\d+)?)e([+−-]?\d+)/g, (_, mantissa: string, exponent: string) =>
    formatNumber(Number(`${mantissa.replace('−', '-')}e${exponent.replace('−', '-')}`), { powerDigits: 4, plain: [Infinity, Infinity] }),
  );
}

/**
 * The current-point marker: circle, square or diamond, so colour is not the only cue. `size` is about half its
 * width (default 6.5); markers that may land on one point are given nested sizes so each rings the next.
 */
export function markerShape(shape: 'circle' | 'square' | 'diamond', cx: number, cy: number, colour: string, size = 6.5) {
  if (shape === 'circle') return svg`<circle class="marker" cx=${cx} cy=${cy} r=${size} fill=${colour}></circle>`;
  const half = shape === 'square' ? size * 0.92 : size * 1.23;
  if (shape === 'square') return svg`<rect class="marker" x=${cx - half} y=${cy - half} width=${2 * half} height=${2 * half} fill=${colour}></rect>`;
  return svg`<path class="marker" d="M${cx} ${cy - half} L${cx + half} ${cy} L${cx} ${cy + half} L${cx - half} ${cy} Z" fill=${colour}></path>`;
}

/** A legend swatch for a run (line + marker). */
export function runSwatch(colour: string, marker: 'circle' | 'square' | 'diamond') {
  return html`<svg class="swatch" width="40" height="16" viewBox="0 0 40 16" aria-hidden="true">
    <line class="path" x1="2" y1="8" x2="26" y2="8" stroke=${colour}></line>${markerShape(marker, 32, 8, colour)}
  </svg>`;
}

/** The legend entries for the true β and β̂, with their values. */
export function problemLegend(problem: RegressionProblem) {
  if (problem.table) {
    const { file, inputNames, targetName } = problem.table;
    return html`<li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke=${GREEN} stroke-width="3.5"></circle></svg>β̂ = ${formatBeta(problem.estimate)} (normal equation): ${targetName} per s.d. of ${inputNames[0]}, ${inputNames[1]} (${file}; no true β)</li>`;
  }
  return html`
    <li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><path d="M2 10h16M10 2v16" stroke="currentColor" stroke-width="3"></path></svg>true β = ${formatBeta(problem.trueBeta)}</li>
    <li><svg class="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="7" fill="none" stroke=${GREEN} stroke-width="3.5"></circle></svg>β̂ = ${formatBeta(problem.estimate)} (normal equation)</li>
  `;
}

/**
 * A loss plot's geometry: the picture and its plot area's margins, as the shared loss chart takes it, and the
 * size of its labels in SVG units (`text`, as in `MapGeometry`).
 */
export type LossGeometry = ChartBox & { text?: number };

/** One loss curve: (x, full-data MSE) points. */
export interface LossSeries {
  points: ReadonlyArray<readonly [number, number]>;
  colour: string;
  dash?: string;
}

/** Loss curves on a log axis against `xLabel` (linear from 0 to xMax, or log from 1), L(β̂) dashed. */
export function renderLossPlot(
  geometry: LossGeometry,
  series: readonly LossSeries[],
  options: { xMax: number; xLabel: string; minimumLoss: number; startLoss: number; label: string; logX?: boolean; clipId: string },
): TemplateResult {
  const { width, height, left, right, top, bottom } = geometry;
  const text = geometry.text ?? TEXT_PX;
  const y = lossScale(options.minimumLoss * 0.8, options.startLoss * 1.5, [height - bottom, top]);
  const xMax = Math.max(options.xMax, options.logX ? 10 : 1);
  const xLog = (v: number) => left + (Math.log10(Math.max(v, 1)) / Math.log10(xMax)) * (width - left - right);
  const xLin = (v: number) => left + (v / xMax) * (width - left - right);
  const x = options.logX ? xLog : xLin;
  const xTicks = options.logX
    ? Array.from({ length: Math.floor(Math.log10(xMax)) + 1 }, (_, i) => 10 ** i)
    : roundTicks(0, xMax, Math.max(2, Math.min(4, Math.floor((width - left - right) / (5 * text)))));
  const [low] = y.domain() as [number, number];
  const minimumY = y(Math.max(options.minimumLoss, low));
  // Decades, thinned to every other one when the plot is too short for each to have its own label.
  const decades = logTicks(y);
  const yTicks = decades.length * text * 1.3 > height - top - bottom ? decades.filter((_, i) => i % 2 === (decades.length - 1) % 2) : decades;
  return html`<svg class="loss-plot" viewBox="0 0 ${width} ${height}" role="img" aria-label=${options.label} style="--svg-text: ${text}px">
    <defs><clipPath id=${options.clipId}><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
    ${yTicks.map(
      (t) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(t)} y2=${y(t)}></line>
        <text class="tick-label" x=${left - 7} y=${y(t) + text * 0.35} text-anchor="end">${tickLabel(t)}</text>`,
    )}
    ${xTicks.map((t) => svg`<text class="tick-label" x=${x(t)} y=${height - bottom + 4 + text} text-anchor="middle">${tickLabel(t)}</text>`)}
    <rect class="frame" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
    <text class="axis-label" x=${(left + width - right) / 2} y=${height - 4} text-anchor="middle">${options.xLabel}</text>
    <text class="axis-label" transform="translate(${text * 0.8} ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">MSE</text>
    <g clip-path="url(#${options.clipId})">
      <line class="minimum-line" x1=${left} x2=${width - right} y1=${minimumY} y2=${minimumY} stroke=${GREEN}></line>
      ${series.map((s) => svg`<path class="loss" d=${lossCurve(s.points, x, y)} stroke=${s.colour} stroke-dasharray=${s.dash ?? nothing}></path>`)}
    </g>
  </svg>`;
}

/** Styles of the map, the loss plot and the legend. */
export const regressionViewStyles = css`
  svg { display: block; width: 100%; height: auto; overflow: visible; }
  svg text { fill: currentColor; font-family: inherit; }
  .tick-label { font-size: var(--svg-text, 21px); font-variant-numeric: tabular-nums; }
  .axis-label { font-size: var(--svg-text, 21px); font-style: italic; }
  .axis { stroke: currentColor; stroke-width: 1.5; }
  .frame { fill: none; stroke: currentColor; stroke-width: 1.5; }
  .band { stroke: rgba(255, 255, 255, 0.45); stroke-width: 0.8; }
  .halo { fill: none; stroke: #ffffff; stroke-opacity: 0.85; stroke-width: 6; stroke-linejoin: round; stroke-linecap: round; }
  .path { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
  .dot { stroke: #000000; stroke-width: 0.8; }
  .exit { stroke: #ffffff; stroke-width: 1.5; }
  .marker { stroke: #000000; stroke-width: 1.5; }
  .start { fill: none; stroke: #ffffff; stroke-width: 2.5; }
  .true-beta-halo { stroke: #ffffff; stroke-width: 6; stroke-linecap: round; }
  .true-beta { stroke: #000000; stroke-width: 2.5; stroke-linecap: round; }
  .estimate-halo { fill: none; stroke: #ffffff; stroke-width: 6.5; }
  .estimate { fill: none; stroke-width: 3.5; }
  .grid { stroke: currentColor; stroke-opacity: 0.15; }
  .loss { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
  .minimum-line { stroke-width: 2; stroke-dasharray: 6 5; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.15em 1em; margin: 0; padding: 0; list-style: none; font-size: var(--axon-text, 21px); }
  .legend li { display: flex; align-items: center; gap: 0.3em; }
  .swatch { display: inline-block; width: auto; overflow: visible; }
`;
