/**
 * `<motif-scan>`'s pictures, each a plain function of what it shows (SVG, so reveal's print view keeps them):
 * the sequence with its score track (ReLU'd scores as bars, the best window boxed), the sequence logo of the
 * filter, and the validation accuracy and loss per epoch. The filter's heat grid is in the element: it
 * takes the keyboard and the pointer.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { linearScale } from '../shared/views/axes.ts';
import { LECTURE_ORDER, formatPercent, formatWeight, type LogoColumn, type Scan } from './motif-scan.model.ts';
import type { EpochRecord } from './motif-scan.training.ts';

/** Width of one base in the sequence strip, in SVG units (= CSS px: the SVG is drawn at its own size). */
export const BASE_WIDTH = 19;
/** Width of one filter column in the grid and the logo, in CSS px. */
export const COLUMN_WIDTH = 62;

/** The sequence strip: letters, then the score of the window starting at each position, ReLU'd, the best window boxed. */
export function sequenceTrack(sequence: string, scan: Scan, width: number): TemplateResult {
  const letters = Array.from(sequence);
  const gutter = 4;
  const letterTop = 4;
  const letterBottom = 34;
  const trackTop = 44;
  const trackHeight = 84;
  const total = gutter * 2 + letters.length * BASE_WIDTH;
  const height = trackTop + trackHeight + 4;
  const x = (position: number) => gutter + position * BASE_WIDTH;
  // Positive scores fill the upper 70 % (the best one reaches the top), negative ones the lower 30 %: ReLU's cut.
  const highest = Math.max(1, ...scan.scores);
  const lowest = Math.max(1, ...scan.scores.map((s) => -s));
  const zero = trackTop + trackHeight * 0.7;
  const up = (value: number) => zero - (value / highest) * trackHeight * 0.7;
  const down = (value: number) => zero + (-value / lowest) * trackHeight * 0.3;
  const best = scan.bestPosition - 1;
  const label = `Sequence of ${letters.length} bases and the filter's score at every window start: ${
    scan.bestPosition ? `the best window starts at position ${scan.bestPosition} and scores ${formatWeight(scan.maxScore)} after ReLU` : 'no window fits'
  }`;
  return html`<svg class="track" width=${total} height=${height} viewBox="0 0 ${total} ${height}" role="img" aria-label=${label}>
    ${best >= 0 ? svg`<rect class="best" x=${x(best) - 1} y=${letterTop - 2} width=${width * BASE_WIDTH + 2} height=${letterBottom - letterTop + 6} rx="4"></rect>` : nothing}
    ${letters.map(
      (letter, i) => svg`<text class="base base-${letter.toLowerCase()}" x=${x(i) + BASE_WIDTH / 2} y=${letterBottom - 6} text-anchor="middle">${letter}</text>`,
    )}
    <line class="zero" x1=${gutter} x2=${total - gutter} y1=${zero} y2=${zero}></line>
    ${scan.scores.map((score, i) =>
      score >= 0
        ? svg`<rect class=${i === best ? 'bar top' : 'bar'} x=${x(i) + 2} y=${up(score)} width=${BASE_WIDTH - 4} height=${zero - up(score)}></rect>`
        : svg`<rect class="clipped" x=${x(i) + 2} y=${zero} width=${BASE_WIDTH - 4} height=${down(score) - zero}></rect>`,
    )}
  </svg>`;
}

/** Drawn height of a capital in the logo's font, as a share of its font size (for scaling a letter to a height). */
const CAP_HEIGHT = 0.72;

/** The logo: each column's letters stacked, smallest at the bottom, each p × IC bits high (2 bits = the full height). */
export function sequenceLogo(columns: readonly LogoColumn[], columnWidth = COLUMN_WIDTH): TemplateResult {
  const left = 44;
  const top = 6;
  const plot = 110;
  const width = left + columns.length * columnWidth + 4;
  const height = top + plot + 4;
  const y = linearScale([0, 2], [top + plot, top]);
  const total = columns.reduce((sum, c) => sum + c.information, 0);
  const label = `Sequence logo of the filter: ${columns
    .map((c, i) => `position ${i + 1} ${LECTURE_ORDER[c.probabilities.indexOf(Math.max(...c.probabilities))]} ${c.information.toFixed(1)} bits`)
    .join(', ')}; ${total.toFixed(1)} bits in all`;
  return html`<svg class="logo" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${label}>
    <line class="axis" x1=${left - 4} x2=${left - 4} y1=${top} y2=${top + plot}></line>
    <text class="tick" x=${left - 10} y=${top + 16} text-anchor="end">2</text>
    <text class="tick" x=${left - 10} y=${top + plot} text-anchor="end">0</text>
    <text class="tick" transform="translate(14 ${top + plot / 2}) rotate(-90)" text-anchor="middle">bits</text>
    ${columns.map((column, i) => {
      const order = column.heights.map((h, c) => ({ h, c })).sort((a, b) => a.h - b.h);
      let base = y(0);
      return order.map(({ h, c }) => {
        const drawn = base - y(h);
        base -= drawn;
        if (drawn < 0.5) return nothing;
        const letter = LECTURE_ORDER[c]!;
        const size = 100;
        const sx = (columnWidth - 6) / (size * 0.68);
        const sy = drawn / (size * CAP_HEIGHT);
        return svg`<text class="logo-letter base-${letter.toLowerCase()}" style="font-size: ${size}px" transform="translate(${left + i * columnWidth + columnWidth / 2} ${base + drawn}) scale(${sx.toFixed(4)} ${sy.toFixed(4)})" text-anchor="middle">${letter}</text>`;
      });
    })}
  </svg>`;
}

/** The validation accuracy and loss against epoch, both on 0…1 (BCE above 1 runs off the top). */
export function validationChart(history: readonly EpochRecord[], epochs: number): TemplateResult {
  const box = { width: 430, height: 190, left: 58, right: 14, top: 10, bottom: 40 };
  const x = linearScale([0, Math.max(1, epochs)], [box.left, box.width - box.right]);
  const y = linearScale([0, 1], [box.height - box.bottom, box.top]);
  const path = (value: (r: EpochRecord) => number) => history.map((r, i) => `${i ? 'L' : 'M'}${x(r.epoch).toFixed(1)},${y(Math.min(1.05, value(r))).toFixed(1)}`).join('');
  const last = history.at(-1);
  const label = last
    ? `Validation accuracy and loss against epoch: at epoch ${last.epoch}, accuracy ${formatPercent(last.accuracy)} and loss ${last.loss.toFixed(3)}`
    : 'Validation accuracy and loss against epoch: not trained yet';
  return html`<svg class="chart" width=${box.width} height=${box.height} viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label=${label}>
    ${[0, 0.5, 1].map((t) => svg`<line class="grid" x1=${box.left} x2=${box.width - box.right} y1=${y(t)} y2=${y(t)}></line>
      <text class="tick" x=${box.left - 8} y=${y(t) + 7} text-anchor="end">${t}</text>`)}
    <rect class="axis" x=${box.left} y=${box.top} width=${box.width - box.left - box.right} height=${box.height - box.top - box.bottom}></rect>
    <text class="tick" x=${box.left} y=${box.height - 10} text-anchor="start">0</text>
    <text class="tick" x=${(box.left + box.width - box.right) / 2} y=${box.height - 10} text-anchor="middle">epoch</text>
    <text class="tick" x=${box.width - box.right} y=${box.height - 10} text-anchor="end">${epochs}</text>
    <path class="loss" d=${path((r) => r.loss)}></path>
    <path class="accuracy" d=${path((r) => r.accuracy)}></path>
  </svg>`;
}
