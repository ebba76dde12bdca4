/**
 * `<nn-playground>`'s plots beside the output view: the loss curves and, for regression, Pred vs True. Plain
 * functions of what they show (no element state), drawn in the element's shadow root with its styles.
 */
import { html, nothing, svg } from 'lit';
import type { LossCurves } from '../shared/loss-curves.ts';
import { linearScale, shortNumber } from '../shared/views/axes.ts';
import { lossChart } from '../shared/views/loss-chart.ts';
import { formatLoss, type PlaygroundData } from './nn-playground.model.ts';

/** The loss and Pred vs True plots (SVG units ≈ slide pixels). */
const LOSS = { width: 300, height: 150, left: 50, right: 8, top: 8, bottom: 26 } as const;
const PVT = { width: 300, height: 170, left: 50, right: 8, top: 8, bottom: 30 } as const;

/** The latest losses, as the status shows them. */
export interface LastLoss {
  epoch: number;
  trainLoss: number;
  testLoss: number;
}

/**
 * Train (solid) and test (dashed) loss against epoch on a log scale, over the run's epoch budget; `last` is
 * the picture the status shows (none before the first draw).
 */
export function lossPlot(lossCurves: LossCurves<'train' | 'test'>, epochs: number, last: LastLoss | undefined) {
  return html`${lossChart({
      box: LOSS,
      text: { gap: 5, shift: 5, epochBaseline: LOSS.height - 6 },
      curves: lossCurves,
      series: [
        { name: 'test', className: 'loss-test' },
        { name: 'train', className: 'loss-train' },
      ],
      epochs,
      emptyDecades: [-2, 0],
      decadeLabels: 4,
      label: last ? `Loss: train (solid) and test (dashed) against epoch on a log scale, now ${formatLoss(last.trainLoss)} and ${formatLoss(last.testLoss)} at epoch ${last.epoch}` : 'Loss against epoch: not trained yet',
    })}
    <p class="plot-legend" aria-hidden="true"><span>— train loss</span><span style="color: #b45309">- - test loss</span></p>`;
}

/**
 * Pred vs True (regression): each point's prediction against its target, the dashed diagonal a perfect fit.
 * `data`: the run's samples (none yet: an empty plot); `outputs`: the network's on the train and test points.
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
      const cy = Math.max(top, Math.min(height - bottom, y(p)));
      return svg`<circle class=${set === 'train' ? 'pvt-train' : 'pvt-test'} cx=${x(t!).toFixed(1)} cy=${cy.toFixed(1)} r="3"></circle>`;
    });
  };
  return html`<svg class="pvt" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Pred vs True: each ${showTest ? 'train (filled) and test (ring)' : 'training'} point's prediction against its true value; on the dashed diagonal the fit is perfect`}>
    <defs><clipPath id="pvt-clip"><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
    <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
    <g clip-path="url(#pvt-clip)"><line class="diagonal" x1=${x(domain[0])} y1=${y(domain[0])} x2=${x(domain[1])} y2=${y(domain[1])}></line>
    ${showTest ? dots('test') : nothing}${dots('train')}</g>
    <text class="tick" x=${left - 5} y=${top + 12} text-anchor="end">${shortNumber(domain[1])}</text>
    <text class="tick" x=${left - 5} y=${height - bottom} text-anchor="end">${shortNumber(domain[0])}</text>
    <text class="tick" x=${left} y=${height - 8} text-anchor="start">${shortNumber(domain[0])}</text>
    <text class="tick" x=${width - right} y=${height - 8} text-anchor="end">${shortNumber(domain[1])}</text>
    <text class="axis-label" x=${(left + width - right) / 2} y=${height - 8} text-anchor="middle">true</text>
    <text class="axis-label" transform=${`translate(14 ${(top + height - bottom) / 2}) rotate(-90)`} text-anchor="middle">predicted</text>
  </svg>`;
}
