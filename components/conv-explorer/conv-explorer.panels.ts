/**
 * `<conv-explorer>`'s two panels, as templates over the element's state: explore (the digit → feature map →
 * ReLU → pool pipeline, the window's numbers beside the kernel, the parameter counts) and trained (the learned
 * kernels over their feature maps of the digit, the network's reading of it, the test accuracy).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatNumber } from '../shared/views/format-number.ts';
import type { ConvExplorer } from './conv-explorer.ts';
import { pytorchLayeredTrainingLoop } from '../shared/pytorch.ts';
import '../shared/code-panel.ts';
import { SIDE, TEST_DIGITS, TRAINED_ARCHITECTURE, argmax, explorePytorch, formatCount, formatPercent, kernelOf, mnistDataCell, parameterCounts, trainedSpec } from './conv-explorer.model.ts';
import type { TrainedRun } from './conv-explorer.trained.ts';
import { filterGrid, kernelTable, largestMagnitude, mapFigure, mapPng, probabilityBars, windowTable, type Box } from './conv-explorer.views.ts';

/** Drawn sizes in CSS px: the digit large enough to point at a pixel, the maps beside it. */
const INPUT_PX = 252;
const MAP_PX = 196;

/** The input digit as a focusable region: the window (or the pen) over it, pointer and keys on it. */
function inputRegion(el: ConvExplorer, boxes: Box[]): TemplateResult {
  const image = el.image!;
  const drawing = el.drawing && el.drawn;
  const what = el.drawn ? 'your drawing' : `digit #${el.settings.digit}${el.digits ? `, a ${el.digits.labels[el.settings.digit]}` : ''}`;
  const help = drawing ? 'arrow keys move the pen, Space inks, Delete erases' : 'arrow keys slide the window';
  return html`<div class="input" role="region" tabindex="0" aria-label=${`input digit, ${what}: ${help}`} @keydown=${(e: KeyboardEvent) => el.handleInputKey(e)}>
    ${mapFigure({
      href: mapPng(image, SIDE),
      side: SIDE,
      px: INPUT_PX,
      label: `${what}, 28 × 28 pixels`,
      caption: el.drawn ? (drawing ? 'draw here: 28×28' : 'your drawing, 28×28') : `input 28×28: ${what}`,
      boxes,
      className: drawing ? 'drawing' : '',
      onPointer: (e) => el.handleInputPointer(e),
    })}
  </div>`;
}

export function renderExplore(el: ConvExplorer): TemplateResult {
  const explored = el.explored;
  const numbers = el.windowNumbers;
  if (!explored || !numbers) return html`<p role="status">${el.statusText()}</p>`;
  const { size: k, stride } = el.settings;
  const { featureMap, rectified, pooled } = explored;
  const scale = largestMagnitude(featureMap.values);
  const drawing = el.drawing && el.drawn;
  const window: Box = { row: el.at.row, col: el.at.col, size: k, className: 'window' };
  const inputBoxes = drawing ? [{ row: el.pen.row, col: el.pen.col, size: 1, className: 'pen' }] : [window];
  const cell: Box = { row: el.at.row, col: el.at.col, size: 1, className: 'window' };
  const onMap = (e: PointerEvent) => el.handleMapPointer(e);
  const m = featureMap.side;
  const { conv, dense } = parameterCounts(k, m * m);
  const kernel = kernelOf(el.settings);
  return html`
    <div class="pipeline">
      ${inputRegion(el, inputBoxes)}
      <span class="arrow" aria-hidden="true">→</span>
      ${mapFigure({ href: mapPng(featureMap.values, m, scale), side: m, px: MAP_PX, label: `feature map, ${m} × ${m}`, caption: `feature map ${m}×${m}`, boxes: [cell], onPointer: onMap })}
      <span class="arrow" aria-hidden="true">→</span>
      ${mapFigure({ href: mapPng(rectified.values, m, scale), side: m, px: MAP_PX, label: `after ReLU, ${m} × ${m}`, caption: 'ReLU max(0, ·)', boxes: [cell], onPointer: onMap })}
      <span class="arrow" aria-hidden="true">→</span>
      ${mapFigure({
        href: mapPng(pooled.values, pooled.side, scale),
        side: pooled.side,
        px: MAP_PX,
        label: `after 2 × 2 max-pool with stride ${stride}, ${pooled.side} × ${pooled.side}`,
        caption: `pool 2×2, stride ${stride}: ${pooled.side}×${pooled.side}`,
      })}
    </div>
    <div class="lower">
      <div class="math">
        ${windowTable(numbers.pixels, k, el.at)}
        <span class="op" aria-hidden="true">⊙</span>
        ${kernelTable(kernel, k, (i, v) => el.handleWeight(i, v), (e) => el.handleFieldKey(e))}
        <div class="result">
          <p class="sum"><span aria-hidden="true">→</span> Σ x·w = <span class="value">${formatNumber(numbers.sum, { digits: 3 })}</span></p>
          <axon-code-panel .code=${explorePytorch(kernel, k, stride)}></axon-code-panel>
        </div>
      </div>
      <div class="facts">
        <p>One ${k}×${k} filter: <strong>${k * k} weights + 1 bias = ${conv}</strong>, shared by all ${formatCount(m * m)} positions.</p>
        <p>A dense layer from the 784 pixels to the same ${m}×${m} outputs: 784 × ${formatCount(m * m)} + ${formatCount(m * m)} = <strong>${formatCount(dense)}</strong>.</p>
      </div>
    </div>
    <p role="status">${el.statusText()}</p>
  `;
}

/** The trained mode's status: epoch, loss, test accuracy, the reading of the digit. */
export function trainedStatus(el: ConvExplorer, run: TrainedRun | undefined): string {
  const picture = run?.picture;
  if (!run || !picture) return el.failure ? 'no digits' : 'loading the digits and the network…';
  const { epochs } = el.settings;
  const loss = Number.isFinite(picture.loss) ? formatNumber(picture.loss, { digits: 3 }) : '—';
  const top = argmax(picture.probabilities);
  const done = run.done ? ' · done' : '';
  return `epoch ${picture.epoch} of ${epochs} · loss ${loss} · test accuracy ${formatPercent(picture.accuracy)} · reads the digit as ${top} (${Math.round(picture.probabilities[top]! * 100)} %)${done}`;
}

export function renderTrained(el: ConvExplorer, run: TrainedRun | undefined, transport: TemplateResult | typeof nothing): TemplateResult {
  const picture = run?.picture;
  const drawing = el.drawing && el.drawn;
  const boxes = drawing ? [{ row: el.pen.row, col: el.pen.col, size: 1, className: 'pen' }] : [];
  return html`
    <div class="trained">
      ${el.image ? inputRegion(el, boxes) : nothing}
      ${picture
        ? html`<div>
            ${filterGrid(picture.kernels, picture.maps, picture.mapSide)}
            <p class="note">The first layer's 8 learned 3×3 kernels, each beside its feature map of this digit after ReLU.</p>
          </div>`
        : html`<p class="waiting">The learned kernels and their feature maps appear here once the network is built.</p>`}
    </div>
    <div class="reading">
      ${picture ? probabilityBars(picture.probabilities) : nothing}
      <div class="words">
        <p role="status">${trainedStatus(el, run)}</p>
        <p class="arch">${TRAINED_ARCHITECTURE} · ${formatCount(el.settings.count)} training digits, ${TEST_DIGITS} test digits${run?.where ? ` · trains in the ${run.where === 'worker' ? 'training worker' : 'page'}` : ''}</p>
        <div class="row">
          ${transport}
          <axon-code-panel .code=${pytorchLayeredTrainingLoop(trainedSpec(el.settings.seed), el.settings.epochs, mnistDataCell(el.settings.count))}></axon-code-panel>
        </div>
      </div>
    </div>
  `;
}
