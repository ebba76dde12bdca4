/**
 * The loss chart of a widget that trains for an epoch budget: each curve of a `LossCurves` (train and test
 * loss, an MSE) against epoch, on a log axis of whole decades with a grid line per decade, over the run's
 * whole budget. A plain function of what it shows, drawn with the host's styles: it writes the classes
 * `loss-plot`, `grid`, `tick`, `axis`, `axis-label` and each series' own class.
 * Used by `<nn-playground>` and `<ua-fitter>`.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { LossCurves } from '../loss-curves.ts';
import { decadeLabel, decadeTicks, linearScale } from './axes.ts';

/** Where the chart sits, in SVG units (about slide pixels): the whole picture and the plot area's margins. */
export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where the chart's text goes. */
export interface ChartText {
  /** Gap between the plot area and a decade label's right end. */
  gap: number;
  /** How far below its grid line a decade label's baseline sits (about a third of the font size). */
  shift: number;
  /** The baseline of the epoch axis' labels (0, "epoch", the budget). */
  epochBaseline: number;
}

/** What the chart shows. */
export interface LossChartView<Name extends string> {
  box: ChartBox;
  text: ChartText;
  curves: LossCurves<Name>;
  /** The curves drawn, first beneath; each with the class that strokes it. */
  series: ReadonlyArray<{ name: Name; className: string }>;
  /** The epoch budget: the x axis runs from 0 to it. */
  epochs: number;
  /** The decades shown before any loss is recorded, as exponents [low, high]. */
  emptyDecades: readonly [number, number];
  /** About how many decades carry a label (every decade has its grid line). */
  decadeLabels: number;
  /** The chart's accessible name: what it shows now. */
  label: string;
  /** The y axis' name, written up its left side (none: no name). */
  yName?: string;
}

/** The chart: grid and decade labels, the frame, the epoch axis' labels, the curves. */
export function lossChart<Name extends string>(view: LossChartView<Name>): TemplateResult {
  const { box, text } = view;
  const { width, height, left, right, top, bottom } = box;
  const decades = view.curves.decades(view.emptyDecades);
  const x = linearScale([0, view.epochs], [left, width - right]);
  const y = linearScale(decades, [height - bottom, top]);
  return html`<svg class="loss-plot" viewBox="0 0 ${width} ${height}" role="img" aria-label=${view.label}>
    ${decadeTicks(decades, view.decadeLabels).map(
      ({ exponent, labelled }) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(exponent)} y2=${y(exponent)}></line>${
        labelled ? svg`<text class="tick" x=${left - text.gap} y=${y(exponent) + text.shift} text-anchor="end">${decadeLabel(exponent)}</text>` : nothing
      }`,
    )}
    <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
    <text class="tick" x=${left} y=${text.epochBaseline} text-anchor="start">0</text>
    <text class="axis-label" x=${(left + width - right) / 2} y=${text.epochBaseline} text-anchor="middle">epoch</text>
    <text class="tick" x=${width - right} y=${text.epochBaseline} text-anchor="end">${view.epochs}</text>
    ${view.yName ? svg`<text class="axis-label" transform="translate(18 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${view.yName}</text>` : nothing}
    ${view.series.map(({ name, className }) => svg`<path class=${className} d=${view.curves.path(name, x, y)}></path>`)}
  </svg>`;
}
