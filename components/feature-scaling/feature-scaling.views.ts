/**
 * What `<feature-scaling>` draws, as Lit templates of its state: each panel's fixed picture (the MSE's contour
 * bands over (w1, w2), computed once per data set) with the descent path over it and the curvature table, the
 * log-scale plot of both loss curves, and the legend. No state and no events: the element owns both.
 */
import { html, nothing, svg } from 'lit';
import { axisTicks, contourBands, mapScales, type ContourBand, type MapDomain, type PlotBox } from '../shared/contour-map.ts';
import { cssRgb, sequential } from '../shared/views/colour-maps.ts';
import {
  curvature,
  descentHistory,
  formatNumber,
  meanSquaredError,
  optimum,
  verdict,
  type Curvature,
  type DescentStep,
  type Houses,
  type ScaledData,
  type Scaling,
  type Weights,
} from './feature-scaling.model.ts';

/**
 * A map's SVG geometry: one unit to about one CSS px in its column, so the 22-unit labels (`.tick`, `.axis-label`
 * in the styles) draw at 21 px or more on a slide (issue 17: components/shared/views/type-scale.ts).
 */
const MAP = { width: 370, height: 322, box: { left: 74, top: 10, width: 284, height: 246 } as PlotBox } as const;
/** The loss plot, drawn a little wider than its viewBox. */
const LOSS = { width: 400, height: 180, box: { left: 76, top: 10, width: 310, height: 118 } as PlotBox } as const;
/** Levels drawn, as fractions of the way from the minimum loss L* to the loss at the start L(0). */
const LEVEL_FRACTIONS = [0.01, 0.04, 0.1, 0.2, 0.35, 0.55, 0.8, 1.1, 1.5, 2];
/** The map under its lowest contour band: the darkest colour of the sequential map. */
const BELOW_LOWEST_BAND = cssRgb(sequential(0));
/** Each run's colour, dash and name, on its map, in the loss plot and in the legend. */
const STYLE: Record<Scaling, { colour: string; dash: string; label: string }> = {
  raw: { colour: '#b45309', dash: '8 5', label: 'raw' },
  standardised: { colour: '#1d4ed8', dash: '', label: 'standardised' },
};
/** What the learning rate does to this panel's valley, in words. */
const VERDICT_TEXT: Record<ReturnType<typeof verdict>, string> = {
  diverges: 'η > 2/λmax: diverges along the steep direction',
  oscillates: '1/λmax < η < 2/λmax: zigzags across the valley, converges',
  converges: 'η < 2/λmax: converges',
  crawls: 'stable, but crawls along the flat direction (small ηλmin)',
};

/** One panel's run as drawn: (w1, w2) after each step read back, from w = 0 (`path`: the points of `series`). */
export interface RunView {
  series: ReturnType<typeof descentHistory>;
  path: readonly DescentStep[];
  divergedAt: number | undefined;
}

/** A run with nothing read back yet. */
export const freshView = (): RunView => ({ series: descentHistory(), path: [], divergedAt: undefined });

/** One panel's fixed picture (depends on data only). */
export interface PanelPicture {
  data: ScaledData;
  curvature: Curvature;
  optimum: Weights;
  domain: MapDomain;
  bands: ContourBand[];
  /** How much more w1 is stretched than w2 on screen (1 = to scale). */
  stretch: number;
  /** The units of w1 and w2 on the axes (k$/ft², …). */
  units: [string, string];
}

/** The panel's fixed picture: curvature, optimum, window and contour bands (the element computes it once per data set). */
export function panelPicture(houses: Houses, scaling: Scaling): PanelPicture {
  const data = houses[scaling];
  const c = curvature(data.train);
  const best = optimum(data.train, data.trainTargets);
  const lowest = meanSquaredError(best, data.train, data.trainTargets);
  const start = meanSquaredError([0, 0], data.train, data.trainTargets);
  const span = (value: number): [number, number] => {
    const pad = 0.22 * Math.abs(value);
    return [Math.min(0, value) - pad, Math.max(0, value) + pad];
  };
  let domain: MapDomain = { x: span(best[0]), y: span(best[1]) };
  if (scaling === 'standardised') {
    // Equal scales on both axes, so the bowl's shape (and that each step is perpendicular to the contours) is true.
    const width = Math.max(domain.x[1] - domain.x[0], ((domain.y[1] - domain.y[0]) * MAP.box.width) / MAP.box.height);
    const mid = (domain.y[0] + domain.y[1]) / 2;
    const height = (width * MAP.box.height) / MAP.box.width;
    domain = { x: [domain.x[0], domain.x[0] + width], y: [Math.min(domain.y[0], mid - height / 2), Math.min(domain.y[0], mid - height / 2) + height] };
  }
  const stretch = ((domain.y[1] - domain.y[0]) / MAP.box.height) / ((domain.x[1] - domain.x[0]) / MAP.box.width);
  const levels = LEVEL_FRACTIONS.map((f) => lowest + f * (start - lowest));
  const bands = contourBands(([w1, w2]) => meanSquaredError([w1, w2], data.train, data.trainTargets), domain, MAP.box, levels, 70);
  return { data, curvature: c, optimum: best, domain, bands, stretch, units: houses.units[scaling] };
}

/** The MSE's contours over (w1, w2), the minimum (✕) and the descent path from w = 0. */
function renderMap(scaling: Scaling, picture: PanelPicture, view: RunView) {
  const { box } = MAP;
  const { x, y } = mapScales(picture.domain, box);
  const style = STYLE[scaling];
  const clamp = (v: number) => Math.max(-1e4, Math.min(1e4, v));
  const points = view.path.map((p) => `${clamp(x(p.w[0])).toFixed(1)},${clamp(y(p.w[1])).toFixed(1)}`).join(' ');
  const last = view.path.at(-1);
  const [ox, oy] = [x(picture.optimum[0]), y(picture.optimum[1])];
  const clip = `clip-${scaling}`;
  const unit = picture.units;
  const yTicks = shortTicks(axisTicks(y, 4));
  return html`<svg viewBox="0 0 ${MAP.width} ${MAP.height}" role="img"
    aria-label=${`MSE contours over w1 and w2, ${style.label} features, with the gradient-descent path from w = 0${last ? ` to (${formatNumber(last.w[0])}, ${formatNumber(last.w[1])}) at step ${last.step}` : ''}; minimum at (${formatNumber(picture.optimum[0])}, ${formatNumber(picture.optimum[1])})`}>
    <defs><clipPath id=${clip}><rect x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect></clipPath></defs>
    <g clip-path="url(#${clip})">
      <!-- The shared sequential map (colour-maps.ts), as on every loss map: dark = low, its darkest under the lowest band. -->
      <rect x=${box.left} y=${box.top} width=${box.width} height=${box.height} fill=${BELOW_LOWEST_BAND}></rect>
      ${picture.bands.map((band) => svg`<path class="band" d=${band.d} fill=${band.fill}></path>`)}
      <polyline class="halo" points=${points}></polyline>
      <polyline class="path" points=${points} stroke=${style.colour} stroke-dasharray=${style.dash || nothing}></polyline>
      ${view.path.map((p) => svg`<circle class="dot" cx=${clamp(x(p.w[0]))} cy=${clamp(y(p.w[1]))} r="4" fill=${style.colour}></circle>`)}
      <!-- The minimum's ✕ over the path: the last dots gather on it, and its thin arms leave them showing. -->
      <path class="optimum" d="M${ox - 9} ${oy - 9}L${ox + 9} ${oy + 9}M${ox + 9} ${oy - 9}L${ox - 9} ${oy + 9}"></path>
      <path class="optimum-inner" d="M${ox - 9} ${oy - 9}L${ox + 9} ${oy + 9}M${ox + 9} ${oy - 9}L${ox - 9} ${oy + 9}"></path>
    </g>
    <rect class="frame" x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect>
    ${axisTicks(x, 3).map((t) => svg`<text class="tick" x=${t.at} y=${box.top + box.height + 28} text-anchor="middle">${t.label}</text>`)}
    ${yTicks.ticks.map((t) => svg`<text class="tick" x=${box.left - 6} y=${t.at + 8} text-anchor="end">${t.label}</text>`)}
    <text class="axis-label" x=${box.left + box.width / 2} y=${MAP.height - 4} text-anchor="middle">w₁ (${unit[0]})</text>
    <text class="axis-label" transform="translate(18 ${box.top + box.height / 2}) rotate(-90)" text-anchor="middle">w₂ (${unit[1]})${yTicks.factor}</text>
  </svg>`;
}

/** One panel: its title, its map with the run, the curvature table and the verdict for learning rate `rate`. */
export function renderPanel(scaling: Scaling, picture: PanelPicture, view: RunView, rate: number, steps: number) {
  const c = picture.curvature;
  const said = verdict(c, rate, steps);
  const ratio = rate / c.stableRate;
  const scale = picture.stretch > 1.5 ? html`<span class="sub">(w₁ stretched ×${formatNumber(picture.stretch, 2)})</span>` : html`<span class="sub">(axes to scale)</span>`;
  return html`<figure class="panel" data-scaling=${scaling}>
    <h3><span style="color:${STYLE[scaling].colour}">${scaling === 'raw' ? 'Raw' : 'Standardised'}</span>${scale}</h3>
    ${renderMap(scaling, picture, view)}
    <table aria-label=${`${scaling} curvature`}>
      <tr><th>λmax, λmin</th><td>${formatNumber(c.lambdaMax)}, ${formatNumber(c.lambdaMin)}</td></tr>
      <tr><th>κ = λmax/λmin</th><td data-quantity="condition">${formatNumber(c.condition)}</td></tr>
      <tr><th>2/λmax (max. η)</th><td data-quantity="stable-rate">${formatNumber(c.stableRate)}</td></tr>
      <tr><th>η ÷ (2/λmax)</th><td>${formatNumber(ratio, 2)}</td></tr>
    </table>
    <p class="verdict ${said === 'diverges' || said === 'crawls' ? 'bad' : ''}">${VERDICT_TEXT[said]}</p>
  </figure>`;
}

/** Both runs' training MSE against step on a log scale, over `steps`, with the minimum dotted (`optimum`: the standardised one's). */
export function renderLossPlot(houses: Houses, optimum: Weights, views: Record<Scaling, RunView>, steps: number) {
  const { box } = LOSS;
  const lowest = meanSquaredError(optimum, houses.standardised.train, houses.standardised.trainTargets);
  const start = meanSquaredError([0, 0], houses.standardised.train, houses.standardised.trainTargets);
  const top = Math.ceil(Math.log10(start * 10));
  const bottom = Math.floor(Math.log10(lowest * 0.8));
  const x = (step: number) => box.left + (step / steps) * box.width;
  const y = (loss: number) => box.top + ((top - Math.min(top, Math.max(bottom, Math.log10(loss)))) / (top - bottom)) * box.height;
  const decades = Array.from({ length: top - bottom + 1 }, (_, i) => bottom + i);
  // Every other decade labelled when each would not have room for its own 22-unit label.
  const labelled = (d: number) => (decades.length * 26 <= box.height ? true : (top - d) % 2 === 0);
  const line = (scaling: Scaling) =>
    views[scaling].path
      .filter((p) => Number.isFinite(p.loss))
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.step).toFixed(1)},${y(p.loss).toFixed(1)}`)
      .join('');
  return html`<svg class="loss-plot" viewBox="0 0 ${LOSS.width} ${LOSS.height}" role="img" aria-label="Training MSE against step, log scale, both runs; dotted: the minimum">
    ${decades.map((d) => svg`<line class="grid" x1=${box.left} x2=${box.left + box.width} y1=${y(10 ** d)} y2=${y(10 ** d)}></line>
      ${labelled(d) ? svg`<text class="tick" x=${box.left - 6} y=${y(10 ** d) + 8} text-anchor="end">10${superscript(d)}</text>` : nothing}`)}
    <line class="floor" x1=${box.left} x2=${box.left + box.width} y1=${y(lowest)} y2=${y(lowest)}></line>
    ${(['raw', 'standardised'] as const).map((s) => svg`<path class="loss" d=${line(s)} stroke=${STYLE[s].colour} stroke-dasharray=${STYLE[s].dash || nothing}></path>`)}
    <rect class="frame" x=${box.left} y=${box.top} width=${box.width} height=${box.height}></rect>
    <text class="tick" x=${box.left} y=${box.top + box.height + 28} text-anchor="middle">0</text>
    <text class="tick" x=${box.left + box.width} y=${box.top + box.height + 28} text-anchor="end">${steps}</text>
    <text class="axis-label" x=${box.left + box.width / 2} y=${box.top + box.height + 28} text-anchor="middle">step</text>
    <text class="axis-label" transform="translate(18 ${box.top + box.height / 2}) rotate(-90)" text-anchor="middle">MSE</text>
  </svg>`;
}

/** The legend under the loss plot: each run's line, and the minimum's mark. */
export function renderLegend() {
  return html`<ul class="legend" aria-hidden="true">
    ${(['raw', 'standardised'] as const).map((s) => html`<li><svg viewBox="0 0 40 16"><line x1="2" x2="38" y1="8" y2="8" stroke=${STYLE[s].colour} stroke-width="3" stroke-dasharray=${STYLE[s].dash || nothing}></line></svg>${STYLE[s].label}</li>`)}
    <li>✕ minimum</li>
  </ul>`;
}

/** An exponent in superscript digits (10⁻³). */
export function superscript(exponent: number): string {
  const digits: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return String(exponent)
    .split('')
    .map((ch) => digits[ch] ?? ch)
    .join('');
}

/**
 * Tick labels short enough for the narrow margin beside a map: small values that would need five or more
 * characters (−0.004, a table's raw weight in mpg per pound) are written in a power of ten named in the axis title.
 */
export function shortTicks(ticks: Array<{ value: number; label: string; at: number }>): { ticks: Array<{ label: string; at: number }>; factor: string } {
  const largest = Math.max(...ticks.map((t) => Math.abs(t.value)));
  if (ticks.every((t) => t.label.length <= 5) || !(largest > 0 && largest < 0.1)) return { ticks, factor: '' };
  const power = Math.floor(Math.log10(largest));
  const scaled = ticks.map((t) => ({ at: t.at, label: String(Number((t.value / 10 ** power).toPrecision(3))).replace('-', '−') }));
  return { ticks: scaled, factor: ` × 10${superscript(power)}` };
}
