/**
 * `<nn-playground>`'s plots beside the output view: the loss curves and, for regression, Pred vs True. Plain
 * functions of what they show (no element state), drawn in the element's shadow root with its styles.
 */
import { html, nothing, svg } from 'lit';
import type { LossCurves } from '../shared/loss-curves.ts';
import { linearScale, shortNumber } from '../shared/views/axes.ts';
import { lossChart } from '../shared/views/loss-chart.ts';
import { columnTextSize } from './nn-playground.layout.ts';
import { formatLoss, type PlaygroundData } from './nn-playground.model.ts';

/** The loss and Pred vs True plots (SVG units ≈ slide pixels: they fill the right column, about 340 px wide). */
const LOSS = { width: 340, height: 176, left: 64, right: 10, top: 10, bottom: 32 } as const;
const PVT = { width: 340, height: 176, left: 56, right: 12, top: 10, bottom: 32 } as const;
/** Their text's size in user units: at least 21 CSS px as drawn on a slide. */
export const PLOT_TEXT = columnTextSize(2, LOSS.width);

/** The latest losses, as the status shows them. */
export interface LastLoss {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** With early stopping (NaN without). */
  validationLoss?: number;
}

/** The series a playground's loss chart can draw. */
export type LossName = 'train' | 'validation' | 'test';

/** Early stopping's best epoch, marked on the chart; `stopped` once patience ran out (its weights restored). */
export interface BestEpoch {
  epoch: number;
  restored: boolean;
}

/** The best epoch's marker: a vertical line at it and its label, laid over the chart (same view box). */
function bestMarker(best: BestEpoch, epochs: number) {
  const { width, height, left, right, top, bottom } = LOSS;
  const x = linearScale([0, epochs], [left, width - right])(Math.min(best.epoch, epochs));
  const onRight = x < (left + width - right) / 2;
  return html`<svg class="best-marker" viewBox="0 0 ${width} ${height}" aria-hidden="true">
    <line class="best-line" x1=${x.toFixed(1)} x2=${x.toFixed(1)} y1=${top} y2=${height - bottom}></line>
    <text class="best-label" x=${(x + (onRight ? 5 : -5)).toFixed(1)} y=${top + 22} text-anchor=${onRight ? 'start' : 'end'}>best ${best.epoch}</text>
  </svg>`;
}

/**
 * Train (solid) and test (dashed) loss against epoch on a log scale, over the run's epoch budget; `last` is
 * the picture the status shows (none before the first draw). With early stopping (`validation`), the
 * validation loss (dotted) too, and `best`, its best epoch, marked by a vertical line.
 */
export function lossPlot(lossCurves: LossCurves<LossName>, epochs: number, last: LastLoss | undefined, validation = false, best?: BestEpoch) {
  const marked = best && best.epoch > 0 ? `; the best epoch, ${best.epoch}, is marked${best.restored ? ' (its weights restored)' : ''}` : '';
  const now = last
    ? validation
      ? `now ${formatLoss(last.trainLoss)}, ${formatLoss(last.validationLoss ?? Number.NaN)} and ${formatLoss(last.testLoss)} at epoch ${last.epoch}`
      : `now ${formatLoss(last.trainLoss)} and ${formatLoss(last.testLoss)} at epoch ${last.epoch}`
    : '';
  const label = last
    ? `Loss: train (solid)${validation ? ', validation (dotted)' : ''} and test (dashed) against epoch on a log scale, ${now}${marked}`
    : 'Loss against epoch: not trained yet';
  const series: { name: LossName; className: string }[] = [
    { name: 'test', className: 'loss-test' },
    ...(validation ? [{ name: 'validation' as const, className: 'loss-validation' }] : []),
    { name: 'train', className: 'loss-train' },
  ];
  return html`<div class="loss-box">${lossChart({
      box: LOSS,
      text: { gap: 6, shift: 7, epochBaseline: LOSS.height - 6 },
      curves: lossCurves,
      series,
      epochs,
      emptyDecades: [-2, 0],
      decadeLabels: 3,
      label,
    })}${best && best.epoch > 0 ? bestMarker(best, epochs) : nothing}</div>
    <p class="plot-legend" aria-hidden="true"><span>— train${validation ? '' : ' loss'}</span>${validation ? html`<span class="legend-validation">··· validation</span>` : nothing}<span style="color: #b45309">- - test${validation ? '' : ' loss'}</span></p>`;
}

/**
 * Pred vs True (regression): each point's prediction against its target, the dashed diagonal a perfect fit.
 * `data`: the run's samples (none yet: an empty plot); `outputs`: the network's on the train and test points.
 * A prediction outside the plot (above the largest target or below the smallest) is not clamped onto the
 * frame as if it were a point there: it is drawn as a triangle on the frame pointing the way it went.
 */
export function predVsTruePlot(data: PlaygroundData | undefined, outputs: { trainOutputs: Float32Array; testOutputs: Float32Array } | undefined, showTest: boolean) {
  const { width, height, left, right, top, bottom } = PVT;
  const ys = data ? data.dataset.targets.map(([t]) => t!) : [-1, 1];
  const low = Math.min(...ys);
  const high = Math.max(...ys);
  const pad = 0.05 * (high - low || 1);
  const domain: [number, number] = [low - pad, high + pad];
  const x = linearScale(domain, [left, width - right]);
  const y = linearScale(domain, [height - bottom, top]);
  const dots = (set: 'train' | 'test') => {
    if (!data || !outputs) return nothing;
    const predicted = set === 'train' ? outputs.trainOutputs : outputs.testOutputs;
    return data[set].targets.map(([t], i) => {
      const p = predicted[i]!;
      if (!Number.isFinite(p)) return nothing;
      const cx = x(t!);
      const cy = y(p);
      const className = set === 'train' ? 'pvt-train' : 'pvt-test';
      if (cy < top) return svg`<path class=${`${className} pvt-out`} d=${outOfRange(cx, top, -1)}></path>`;
      if (cy > height - bottom) return svg`<path class=${`${className} pvt-out`} d=${outOfRange(cx, height - bottom, 1)}></path>`;
      return svg`<circle class=${className} cx=${cx.toFixed(1)} cy=${cy.toFixed(1)} r="3.6"></circle>`;
    });
  };
  const outside = data && outputs ? countOutside(showTest ? [outputs.trainOutputs, outputs.testOutputs] : [outputs.trainOutputs], domain) : 0;
  return html`<svg class="pvt" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Pred vs True: each ${showTest ? 'train (filled) and test (ring)' : 'training'} point's prediction against its true value; on the dashed diagonal the fit is perfect${outside ? `; ${outside} ${outside === 1 ? 'prediction is' : 'predictions are'} off the plot, marked by triangles on its edge` : ''}`}>
    <defs><clipPath id="pvt-clip"><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
    <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
    <g clip-path="url(#pvt-clip)"><line class="diagonal" x1=${x(domain[0])} y1=${y(domain[0])} x2=${x(domain[1])} y2=${y(domain[1])}></line>
    ${showTest ? dots('test') : nothing}${dots('train')}</g>
    <text class="tick" x=${left - 5} y=${top + 16} text-anchor="end">${shortNumber(domain[1])}</text>
    <text class="tick" x=${left} y=${height - 6} text-anchor="start">${shortNumber(domain[0])}</text>
    <text class="tick" x=${width - right} y=${height - 6} text-anchor="end">${shortNumber(domain[1])}</text>
    <text class="axis-label" x=${(left + width - right) / 2} y=${height - 6} text-anchor="middle">true</text>
    <text class="axis-label" transform=${`translate(17 ${(top + height - bottom) / 2 + 8}) rotate(-90)`} text-anchor="middle">predicted</text>
  </svg>`;
}

/** A triangle on the frame at (`x`, `edge`) pointing up (`direction` −1) or down (1): a prediction off the plot. */
function outOfRange(x: number, edge: number, direction: -1 | 1): string {
  const tip = edge + direction * 2;
  const base = edge - direction * 9;
  return `M${x.toFixed(1)},${tip.toFixed(1)}L${(x - 6).toFixed(1)},${base.toFixed(1)}L${(x + 6).toFixed(1)},${base.toFixed(1)}Z`;
}

/** How many of the shown predictions fall outside the plot's range. */
function countOutside(sets: readonly Float32Array[], [low, high]: readonly [number, number]): number {
  let count = 0;
  for (const set of sets) for (const p of set) if (Number.isFinite(p) && (p < low || p > high)) count += 1;
  return count;
}
