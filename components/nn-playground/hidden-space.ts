/**
 * `<nn-playground>`'s hidden-space view: when the last hidden layer has two units, every point drawn where
 * those two units put it — (h₁, h₂), their values for the point — coloured by its class (or target) as the
 * output view colours it. The output unit sees only (h₁, h₂), so for classification its boundary there is a
 * straight line, w₁h₁ + w₂h₂ + b = 0 (P = 0.5), drawn too: as training goes on, the hidden layers move the
 * classes apart until that line separates them. The coordinates come from a float64 forward pass of the
 * weights read back (nn-playground.picture.ts's `forwardAll`), dropout off, as in evaluation.
 */
import { html, nothing, svg } from 'lit';
import type { LayerWeights } from '../../engine/mlp.ts';
import { linearScale, shortNumber } from '../shared/views/axes.ts';
import { cssColour } from '../shared/views/heatmap.ts';
import type { PlaygroundActivation, PlaygroundData, Problem } from './nn-playground.model.ts';
import { forwardAll } from './nn-playground.picture.ts';

/** The view (SVG units ≈ slide pixels: it fills the right column, about 340 px wide, under the loss chart). */
export const HIDDEN = { width: 340, height: 172, left: 50, right: 14, top: 10, bottom: 34 } as const;

/**
 * The values an axis labels (short, for the room): the activation's bounds where it has them, else 0 (or the
 * low end) and the high end, each rounded inwards to one significant figure.
 */
export function axisTicks(activation: PlaygroundActivation, [low, high]: readonly [number, number]): number[] {
  if (activation === 'tanh') return [-1, 1];
  if (activation === 'sigmoid') return [0, 1];
  const inwards = (value: number, up: boolean) => {
    if (value === 0) return 0;
    const unit = 10 ** Math.floor(Math.log10(Math.abs(value)));
    return Number(((up ? Math.ceil(value / unit) : Math.floor(value / unit)) * unit).toPrecision(12));
  };
  const bottom = low <= 0 && high >= 0 ? 0 : inwards(low, true);
  const top = inwards(high, false);
  return top > bottom ? [bottom, top] : [bottom];
}

/** Each row's values at the last hidden layer's two units, [h₁ of every row, h₂ of every row]. */
export function hiddenCoordinates(weights: readonly LayerWeights[], activation: PlaygroundActivation, problem: Problem, rows: readonly (readonly number[])[]): [Float64Array, Float64Array] {
  const layers = forwardAll(weights, activation, problem, rows);
  const last = layers.at(-2);
  if (!last || last.length !== 2) throw new Error(`the hidden-space view needs a last hidden layer of 2 units, not ${last?.length ?? 0}`);
  return [last[0]!, last[1]!];
}

/**
 * An axis' range: the activation's own where it is bounded (tanh −1…1, sigmoid 0…1), so the picture holds still
 * while it trains; else the values' extent, padded (ReLU from 0).
 */
export function hiddenRange(activation: PlaygroundActivation, values: ArrayLike<number>): [number, number] {
  if (activation === 'tanh') return [-1.05, 1.05];
  if (activation === 'sigmoid') return [-0.05, 1.05];
  let low = activation === 'relu' ? 0 : Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [-1, 1];
  if (high - low < 1e-9) return [low - 1, high + 1];
  const pad = 0.06 * (high - low);
  return [low - pad, high + pad];
}

/**
 * Where the line w₁x + w₂y + b = 0 crosses the box [x0, x1] × [y0, y1]: its two ends, or undefined when it
 * misses the box (or w₁ = w₂ = 0).
 */
export function lineInBox(w1: number, w2: number, b: number, [x0, x1]: readonly [number, number], [y0, y1]: readonly [number, number]): [[number, number], [number, number]] | undefined {
  const ends: [number, number][] = [];
  const add = (x: number, y: number) => {
    if (x < x0 - 1e-9 || x > x1 + 1e-9 || y < y0 - 1e-9 || y > y1 + 1e-9) return;
    if (!ends.some(([ex, ey]) => Math.abs(ex - x) < 1e-9 && Math.abs(ey - y) < 1e-9)) ends.push([x, y]);
  };
  if (w2 !== 0) for (const x of [x0, x1]) add(x, -(w1 * x + b) / w2);
  if (w1 !== 0) for (const y of [y0, y1]) add(-(w2 * y + b) / w1, y);
  return ends.length >= 2 ? [ends[0]!, ends[1]!] : undefined;
}

/** What the view shows. */
export interface HiddenSpaceView {
  problem: Problem;
  activation: PlaygroundActivation;
  data: PlaygroundData | undefined;
  /** The train and test points' feature rows, train first. */
  pointRows: readonly (readonly number[])[] | undefined;
  /** The weights of the picture (none before the first). */
  weights: readonly LayerWeights[] | undefined;
  /** Regression's colour scale (largest |y|). */
  scale: number;
  showTest: boolean;
}

/** The hidden-space scatter (and, for classification, the output unit's boundary line). */
export function hiddenSpacePlot(view: HiddenSpaceView) {
  const { width, height, left, right, top, bottom } = HIDDEN;
  const { data, weights, pointRows } = view;
  const ready = data && weights && pointRows;
  const [h1, h2] = ready ? hiddenCoordinates(weights, view.activation, view.problem, pointRows) : [new Float64Array(), new Float64Array()];
  const trainCount = data?.train.inputs.length ?? 0;
  const shown = (values: Float64Array) => (view.showTest ? values : values.subarray(0, trainCount));
  const xDomain = hiddenRange(view.activation, shown(h1));
  const yDomain = hiddenRange(view.activation, shown(h2));
  const x = linearScale(xDomain, [left, width - right]);
  const y = linearScale(yDomain, [height - bottom, top]);
  const shade = (target: number) => (view.problem === 'classification' ? (target >= 0.5 ? 1 : -1) : target / (view.scale || 1));
  const dots = (set: 'train' | 'test') => {
    if (!ready) return nothing;
    const offset = set === 'train' ? 0 : trainCount;
    return data[set].targets.map(([target], i) => {
      const cx = x(h1[offset + i]!);
      const cy = y(h2[offset + i]!);
      if (!Number.isFinite(cx) || !Number.isFinite(cy)) return nothing;
      return svg`<circle class=${`point ${set}`} cx=${cx.toFixed(1)} cy=${cy.toFixed(1)} r="4.2" fill=${cssColour(shade(target!))}></circle>`;
    });
  };
  const output = weights?.at(-1);
  const boundary =
    view.problem === 'classification' && output && output.weights.length === 2 ? lineInBox(output.weights[0]![0]!, output.weights[1]![0]!, output.biases[0]!, xDomain, yDomain) : undefined;
  const label = ready
    ? `Hidden space: each ${view.showTest ? 'train and test' : 'training'} point at its values h₁, h₂ in the last hidden layer, coloured by ${view.problem === 'classification' ? 'class' : 'target'}${boundary ? '; the line is where the output is 0.5, the boundary the output unit draws there' : ''}`
    : 'Hidden space: not trained yet';
  return html`<svg class="hidden-space" viewBox="0 0 ${width} ${height}" role="img" aria-label=${label}>
    <defs><clipPath id="hidden-clip"><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
    <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
    <g clip-path="url(#hidden-clip)">
      ${view.showTest ? dots('test') : nothing}${dots('train')}
      ${boundary ? svg`<line class="hidden-boundary" x1=${x(boundary[0][0])} y1=${y(boundary[0][1])} x2=${x(boundary[1][0])} y2=${y(boundary[1][1])}></line>` : nothing}
    </g>
    ${axisTicks(view.activation, yDomain).map((t) => svg`<text class="tick" x=${left - 5} y=${Math.min(Math.max(y(t) + 7, top + 16), height - bottom)} text-anchor="end">${shortNumber(t)}</text>`)}
    ${axisTicks(view.activation, xDomain).map((t, i) => svg`<text class="tick" x=${x(t)} y=${height - 6} text-anchor=${i ? 'end' : 'start'}>${shortNumber(t)}</text>`)}
    <text class="axis-label" x=${(left + width - right) / 2} y=${height - 6} text-anchor="middle">hidden space h₁</text>
    <text class="axis-label" transform=${`translate(18 ${(top + height - bottom) / 2 + 8}) rotate(-90)`} text-anchor="middle">h₂</text>
  </svg>`;
}
