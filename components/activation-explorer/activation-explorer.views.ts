/**
 * What `<activation-explorer>` draws, as Lit templates of its state: the 1-D plot (the curves of f and f′, the
 * tangent at z, the jumps) with its legend, and the 2-D view's two panels (the grid before and after f). No
 * state: the element owns it, and hands in the pointer handlers that let a drag on the plot move z.
 */
import { html, nothing, svg } from 'lit';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { formatNumber as formatShared } from '../shared/views/format-number.ts';
import {
  INPUT_RANGE,
  activate,
  activationCurves,
  activationInfo,
  derivative,
  formatNumber,
  plotRange,
  type ActivationName,
  type Curve,
} from './activation-explorer.model.ts';
import type { PlanePicture, Point2, SignPattern } from './activation-explorer.plane.ts';
import { PLANE_WIDTH, PLOT_WIDTH } from './activation-explorer.styles.ts';

/** The 1-D plot's geometry in SVG units (about CSS pixels at the widget's usual size). */
const PLOT = { width: PLOT_WIDTH, height: 430, left: 64, right: 14, top: 14, bottom: 60 } as const;
/** The 2-D view: two square panels side by side. */
const PLANE = { size: 290, left: 54, gap: 76, top: 40, bottom: 44, right: PLANE_WIDTH - 54 - 290 - 76 - 290 } as const;

/** Colour and dash of each activation when several are compared (Okabe & Ito's colour-blind-safe set). */
const CURVE_STYLES: Record<ActivationName, { colour: string; dash: string }> = {
  threshold: { colour: '#56B4E9', dash: '3 5' },
  sigmoid: { colour: '#0072B2', dash: '' },
  tanh: { colour: '#D55E00', dash: '12 5' },
  relu: { colour: '#009E73', dash: '' },
  'leaky-relu': { colour: '#CC79A7', dash: '6 4' },
  gelu: { colour: '#E69F00', dash: '14 4 3 4' },
};
/** The dash of every f′ curve when several activations are compared (each in its activation's colour). */
const COMPARED_SLOPE_DASH = '3 5';

/** The 2-D view colours each point by the signs of its pre-activation h (ReLU keeps only h₁ > 0, h₂ > 0). */
const SIGN_STYLES: Record<SignPattern, { colour: string; label: string }> = {
  '++': { colour: '#009E73', label: 'h₁ > 0, h₂ > 0' },
  '-+': { colour: '#0072B2', label: 'h₁ ≤ 0, h₂ > 0' },
  '--': { colour: '#D55E00', label: 'h₁ ≤ 0, h₂ ≤ 0' },
  '+-': { colour: '#CC79A7', label: 'h₁ > 0, h₂ ≤ 0' },
};

/** The state the 1-D views read. */
export interface ExplorerView {
  /** The activation chosen. */
  selected: ActivationName;
  /** The input z. */
  z: number;
  /** Leaky ReLU's negative slope. */
  slope: number;
  /** Whether f′ and the tangent are drawn. */
  derivativeShown: boolean;
  /** Whether several activations are drawn. */
  comparing: boolean;
  /** The activations compared (used while `comparing`). */
  compareList: readonly ActivationName[];
}

/** The plot's pointer handlers, the element's: a drag on the plot moves its z. */
export interface PlotPointer {
  down(event: PointerEvent): void;
  move(event: PointerEvent): void;
  up(event: PointerEvent): void;
}

/** The 1-D plot's z axis: INPUT_RANGE across the plot's width, in SVG units. */
export function plotXScale(): ScaleLinear<number, number> {
  return scaleLinear().domain([INPUT_RANGE.min, INPUT_RANGE.max]).range([PLOT.left, PLOT.width - PLOT.right]);
}

/** The activations drawn: the compared ones (the chosen one last, on top), or the chosen one. */
function shownActivations(view: ExplorerView): ActivationName[] {
  if (!view.comparing) return [view.selected];
  const others = view.compareList.filter((name) => name !== view.selected);
  return [...others, view.selected];
}

/** Tick labels: whole numbers plain, others to one decimal, with a true minus sign. */
export function formatTick(value: number): string {
  return formatShared(value, { decimals: Number.isInteger(value) ? 0 : 1 });
}

function renderCurve(curve: Curve, cls: string, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, colour?: string, dash?: string) {
  const [low, high] = y.domain() as [number, number];
  const clampY = (v: number) => y(Math.max(low - 1, Math.min(high + 1, v)));
  return svg`
    ${curve.pieces.map(
      (piece) => svg`<polyline class="curve ${cls}" points=${piece.map(([z, v]) => `${x(z).toFixed(1)},${clampY(v).toFixed(1)}`).join(' ')}
        style=${colour ? `stroke:${colour}` : ''} stroke-dasharray=${dash === undefined ? nothing : dash || 'none'}></polyline>`,
    )}
    ${curve.markers.map(
      (m) => svg`<circle class="jump ${m.filled ? 'filled' : 'open'}" cx=${x(m.z)} cy=${y(m.y)} r="6"
        style="stroke:${colour ?? (cls.includes('slope') ? 'var(--ae-accent-2)' : 'var(--ae-accent)')};${m.filled ? `fill:${colour ?? (cls.includes('slope') ? 'var(--ae-accent-2)' : 'var(--ae-accent)')}` : ''}"></circle>`,
    )}
  `;
}

/** The 1-D plot: f (and f′, and the tangent at z) of each activation shown, z's guide, and a surface to drag z on. */
export function renderPlot(view: ExplorerView, pointer: PlotPointer) {
  const { selected, slope: leakySlope, derivativeShown } = view;
  const shown = shownActivations(view);
  const curves = shown.map((name) => ({ name, ...activationCurves(name, leakySlope) }));
  const drawn = curves.flatMap((c) => (derivativeShown ? [c.value, c.slope] : [c.value]));
  const x = plotXScale();
  const y = scaleLinear().domain(plotRange(drawn)).range([PLOT.height - PLOT.bottom, PLOT.top]);
  const [left, right] = x.range() as [number, number];
  const [bottom, top] = y.range() as [number, number];
  const fz = activate(selected, view.z, leakySlope);
  const dfz = derivative(selected, view.z, leakySlope);
  const zx = x(view.z);
  // The tangent at z: slope f′(z), 1.5 units of z each side.
  const tangent = Number.isFinite(dfz)
    ? svg`<line class="tangent" x1=${x(view.z - 1.5)} y1=${y(fz - 1.5 * dfz)} x2=${x(view.z + 1.5)} y2=${y(fz + 1.5 * dfz)}></line>`
    : nothing;
  const single = !view.comparing;
  const clipId = 'ae-plot-clip';
  const label = activationInfo(selected, leakySlope).label;
  return html`
    <svg class="plot" viewBox="0 0 ${PLOT.width} ${PLOT.height}" role="img"
      aria-label="Plot of ${shown.map((name) => activationInfo(name, leakySlope).label).join(', ')}${derivativeShown ? ' and derivatives' : ''} for z from −5 to 5; at z = ${formatNumber(view.z, 2)}, ${label} = ${formatNumber(fz)}, slope ${formatNumber(dfz)}">
      <defs><clipPath id=${clipId}><rect x=${left} y=${top} width=${right - left} height=${bottom - top}></rect></clipPath></defs>
      <rect class="frame" x=${left} y=${top} width=${right - left} height=${bottom - top}></rect>
      ${y.domain()[0]! < 0 && y.domain()[1]! > 0 ? svg`<line class="zero" x1=${left} x2=${right} y1=${y(0)} y2=${y(0)}></line>` : nothing}
      <line class="zero" x1=${x(0)} x2=${x(0)} y1=${top} y2=${bottom}></line>
      ${x.ticks(10).map(
        (t) => svg`
          <line class="axis" x1=${x(t)} x2=${x(t)} y1=${bottom} y2=${bottom + 6}></line>
          <text class="tick-label" x=${x(t)} y=${bottom + 27} text-anchor="middle">${formatTick(t)}</text>`,
      )}
      ${y.ticks(6).map(
        (t) => svg`
          <line class="axis" x1=${left - 6} x2=${left} y1=${y(t)} y2=${y(t)}></line>
          <text class="tick-label" x=${left - 10} y=${y(t) + 6} text-anchor="end">${formatTick(t)}</text>`,
      )}
      <text class="axis-label" x=${(left + right) / 2} y=${bottom + 56} text-anchor="middle">z</text>
      <g clip-path="url(#${clipId})">
        <line class="guide" x1=${zx} x2=${zx} y1=${top} y2=${bottom}></line>
        ${curves.map(({ name, value, slope }) => {
          const style = CURVE_STYLES[name];
          const isSelected = name === selected;
          if (single) {
            return svg`${derivativeShown ? renderCurve(slope, 'slope', x, y) : nothing}${renderCurve(value, 'value', x, y)}`;
          }
          const cls = isSelected ? ' chosen' : ' other';
          return svg`
            ${derivativeShown ? renderCurve(slope, `slope${cls}`, x, y, style.colour, COMPARED_SLOPE_DASH) : nothing}
            ${renderCurve(value, `value${cls}`, x, y, style.colour, style.dash)}`;
        })}
        ${derivativeShown ? tangent : nothing}
        ${derivativeShown && Number.isFinite(dfz) ? svg`<circle class="dot" cx=${zx} cy=${y(dfz)} r="8" style="fill:var(--ae-accent-2)"></circle>` : nothing}
        <circle class="dot" cx=${zx} cy=${y(fz)} r="9" style="fill:${single ? 'var(--ae-accent)' : CURVE_STYLES[selected].colour}"></circle>
      </g>
      <rect class="hit" x=${left} y=${top} width=${right - left} height=${bottom - top} aria-hidden="true"
        @pointerdown=${pointer.down} @pointermove=${pointer.move}
        @pointerup=${pointer.up} @pointercancel=${pointer.up}></rect>
    </svg>
  `;
}

/** One entry of the 1-D plot's legend: its name, and the line drawn beside it (none for a note in words). */
export interface LegendEntry {
  label: string;
  line: { colour: string; dash: string; width: number } | null;
}

/**
 * What the 1-D legend lists: f, f′ and the tangent at z for one activation; each compared activation in its
 * colour and dash, then (with the derivative shown) how to read its f′ and the tangent, drawn as on the plot.
 */
export function legendEntries(view: ExplorerView): LegendEntry[] {
  const tangent: LegendEntry = { label: 'tangent at z', line: { colour: 'currentColor', dash: '4 4', width: 2 } };
  if (!view.comparing) {
    return [
      { label: 'f(z)', line: { colour: 'var(--ae-accent)', dash: '', width: 3.5 } },
      ...(view.derivativeShown ? [{ label: 'f′(z)', line: { colour: 'var(--ae-accent-2)', dash: '9 6', width: 3 } }, tangent] : []),
    ];
  }
  return [
    ...view.compareList.map((name) => ({ label: activationInfo(name, view.slope).label, line: { ...CURVE_STYLES[name], width: 3.5 } })),
    ...(view.derivativeShown ? [{ label: 'f′(z): dotted, in each colour', line: null }, tangent] : []),
  ];
}

/** The 1-D legend: a swatch of each line and its name. */
export function renderLegend(view: ExplorerView) {
  const swatch = ({ colour, dash, width }: NonNullable<LegendEntry['line']>) =>
    html`<svg class="swatch" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true"><line x1="2" y1="7" x2="38" y2="7" stroke=${colour} stroke-width=${width} stroke-dasharray=${dash || 'none'}></line></svg>`;
  return html`<ul class="legend" aria-label="legend">
    ${legendEntries(view).map((entry) => html`<li>${entry.line ? swatch(entry.line) : nothing}${entry.label}</li>`)}
  </ul>`;
}

/** One square panel of the 2-D view: grid lines and points, axes through the origin, an optional box. */
function renderPlane(left: number, title: string, lines: Point2[][], points: Array<{ at: Point2; sign: SignPattern }>, box: [number, number] | null, extent: number) {
  const size = PLANE.size;
  const top = PLANE.top;
  const x = scaleLinear().domain([-extent, extent]).range([left, left + size]);
  const y = scaleLinear().domain([-extent, extent]).range([top + size, top]);
  const ticks = x.ticks(4);
  return svg`
    <text class="axis-label" x=${left + size / 2} y=${top - 12} text-anchor="middle" font-style="normal">${title}</text>
    <rect class="frame" x=${left} y=${top} width=${size} height=${size}></rect>
    <line class="zero" x1=${left} x2=${left + size} y1=${y(0)} y2=${y(0)}></line>
    <line class="zero" x1=${x(0)} x2=${x(0)} y1=${top} y2=${top + size}></line>
    ${ticks.map(
      (t) => svg`
        <text class="tick-label" x=${x(t)} y=${top + size + 26} text-anchor="middle">${formatTick(t)}</text>
        <text class="tick-label" x=${left - 8} y=${y(t) + 6} text-anchor="end">${formatTick(t)}</text>`,
    )}
    ${box
      ? svg`<rect class="frame" x=${x(box[0])} y=${y(box[1])} width=${x(box[1]) - x(box[0])} height=${y(box[0]) - y(box[1])}
          style="stroke:var(--ae-accent-2);stroke-width:2.5;stroke-dasharray:8 5;stroke-opacity:1"></rect>`
      : nothing}
    ${lines.map((line) => svg`<polyline points=${line.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}
      fill="none" stroke="currentColor" stroke-opacity="0.35" stroke-width="1.3"></polyline>`)}
    ${points.map(({ at, sign }) => svg`<circle cx=${x(at[0]).toFixed(1)} cy=${y(at[1]).toFixed(1)} r="5" fill=${SIGN_STYLES[sign].colour}
      stroke="var(--ae-bg)" stroke-width="1"></circle>`)}
  `;
}

/**
 * The 2-D figure: the grid after the layer (`hName`: "h = x" or "h = W x + b") and after f, an arrow between,
 * and the legend of the sign colours.
 */
export function renderPlaneFigure(picture: PlanePicture, name: ActivationName, slope: number, hName: string) {
  const info = activationInfo(name, slope);
  const { summary, signs } = picture;
  const leftB = PLANE.left;
  const leftA = PLANE.left + PLANE.size + PLANE.gap;
  const width = leftA + PLANE.size + PLANE.right;
  const height = PLANE.top + PLANE.size + PLANE.bottom;
  return html`
    <figure>
      <svg class="plot" viewBox="0 0 ${width} ${height}" role="img"
        aria-label="Before: the grid after ${hName}. After: ${info.label} applied to each coordinate; ${summary.onAxis} of ${summary.count} points on an axis">
        ${renderPlane(leftB, `before: ${hName}`, picture.linesBefore, picture.before.map((at, i) => ({ at, sign: signs[i]! })), null, picture.extentBefore)}
        ${renderPlane(leftA, `after: ${info.label}(h)`, picture.linesAfter, picture.after.map((at, i) => ({ at, sign: signs[i]! })), info.range, picture.extentAfter)}
        <text x=${leftB + PLANE.size + PLANE.gap / 2} y=${PLANE.top + PLANE.size / 2 - 8} text-anchor="middle" font-size="30">→</text>
        <text x=${leftB + PLANE.size + PLANE.gap / 2} y=${PLANE.top + PLANE.size / 2 + 20} text-anchor="middle" class="tick-label">f</text>
      </svg>
      <ul class="legend" aria-label="legend: colour = signs of h">
        ${(Object.keys(SIGN_STYLES) as SignPattern[]).map(
          (sign) => html`<li><svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill=${SIGN_STYLES[sign].colour}></circle></svg>${SIGN_STYLES[sign].label}</li>`,
        )}
      </ul>
    </figure>
  `;
}

/** What the 2-D picture teaches for each activation (`range`: the box f maps into, for the squashing ones). */
export function planeNote(name: ActivationName, range: [number, number] | null): string {
  switch (name) {
    case 'relu':
      return 'ReLU folds every negative coordinate to 0: three quadrants land on the axes.';
    case 'leaky-relu':
      return 'Leaky ReLU squeezes negative coordinates by the slope instead of folding them to 0.';
    case 'threshold':
      return 'The threshold sends every point to a corner of the square {0, 1}².';
    case 'gelu':
      return 'GELU is nearly ReLU, but smooth: negative coordinates shrink toward 0 (never below −0.17).';
    default:
      return `${name} squashes the plane into the box (${formatTick(range?.[0] ?? 0)}, ${formatTick(range?.[1] ?? 1)})² (dashed).`;
  }
}
