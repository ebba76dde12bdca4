/**
 * `<norm-layers>`' pictures as Lit templates: a batch as a heat grid (an ARIA grid: a `<table role="grid">` whose
 * data cells take the keyboard one at a time), with the statistics of each group it averages over — a row of μ
 * and σ under the columns for batch norm, a column of μ and σ (or ‖x‖) beside the rows for layer and ℓ² norm —,
 * and the words that read one cell's computation and sum up the layer in the status line.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { cssGradient, cssRgb, diverging, type Rgb } from '../shared/views/colour-maps.ts';
import { formatNumber } from '../shared/views/format-number.ts';
import {
  NORM_NAMES,
  expectedStd,
  extent,
  groupStats,
  largestMagnitude,
  type CellComputation,
  type GroupStats,
  type Matrix,
  type NormKind,
  type NormParameters,
  type NormResult,
} from './norm-layers.model.ts';

/** A cell's number: two decimals, one from 10 up, so every cell is at most five characters wide ("−9.87", "10.5"). */
export function cellText(value: number): string {
  return formatNumber(value, { decimals: Math.abs(value) >= 9.995 ? 1 : 2 });
}

/** A statistic's number: two decimals. */
export const statText = (value: number) => formatNumber(value, { decimals: 2 });

/** "2", "12" → "₂", "₁₂": an index as Unicode subscript digits (the same font size, so the room still reads it). */
export const subscript = (index: number) => [...String(index)].map((digit) => '₀₁₂₃₄₅₆₇₈₉'[Number(digit)]).join('');

/** WCAG relative luminance of a colour. */
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Black or white, whichever reads better on the colour (at least 4.5 : 1 on any colour). */
export function inkOn(colour: Rgb): '#000000' | '#ffffff' {
  const l = luminance(colour);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** The cell style of a value on a grid coloured symmetrically over ±scale. */
function cellStyle(value: number, scale: number): string {
  const colour = diverging(value / scale);
  return `background:${cssRgb(colour)};color:${inkOn(colour)}`;
}

/** Which grid: the layer's input or its output. */
export type Side = 'before' | 'after';

/** A cell, by its row (sample) and column (feature), 0-based. */
export interface Cell {
  row: number;
  column: number;
}

/** What a grid needs to draw itself. */
export interface GridView {
  side: Side;
  kind: NormKind;
  matrix: Matrix;
  /** The selected cell (its group is marked too). */
  selected: Cell;
  /** Numbers printed in the cells and the statistics drawn (false: a large batch, colours only). */
  printed: boolean;
  /** Rows shorter than a line of text (a batch of more than 8): every other row number is drawn. */
  tall: boolean;
  onKey: (event: KeyboardEvent, side: Side) => void;
  onSelect: (cell: Cell) => void;
}

/** The statistics a grid shows for each group: μ and σ (batch, layer), or the length ‖x‖ (ℓ²). */
function statRows(kind: NormKind): Array<{ label: string; name: string; value: (s: GroupStats) => number }> {
  if (kind === 'l2') return [{ label: '‖x‖', name: 'length', value: (s) => s.length }];
  return [
    { label: 'μ', name: 'mean', value: (s) => s.mean },
    { label: 'σ', name: 'std', value: (s) => s.std },
  ];
}

/** One grid: N × D coloured cells, row and column headers, and the statistics of each group it averages over. */
export function renderGrid(view: GridView): TemplateResult {
  const { side, kind, matrix, selected, printed, tall } = view;
  const byColumn = kind === 'batch';
  const stats = groupStats(matrix, byColumn ? 'column' : 'row');
  const rows = printed ? statRows(kind) : [];
  const scale = largestMagnitude(matrix);
  const features = matrix[0]?.length ?? 0;
  const inGroup = (row: number, column: number) => (byColumn ? column === selected.column : row === selected.row);
  const title = side === 'before' ? 'x, before' : kind === 'l2' ? 'y = x / ‖x‖, after' : 'y = γ x̂ + β, after';
  const statCell = (value: number, mark: boolean, name: string) => html`<td class="stat${mark ? ' group' : ''}" data-stat=${name}>${statText(value)}</td>`;
  return html`
    <p class="head">
      <span class="title">${title}</span>
      <span class="legend" aria-hidden="true"><span>${statText(-scale)}</span><span class="ramp" style="background:${cssGradient(diverging, -1, 1)}"></span><span>${statText(scale)}</span></span>
    </p>
    <table role="grid" class="grid ${byColumn ? 'by-column' : 'by-row'}${printed ? '' : ' compact'}${tall ? ' tall' : ''}" aria-label="${side === 'before' ? 'before' : 'after'}: ${title}"
      data-side=${side} @keydown=${(event: KeyboardEvent) => view.onKey(event, side)}>
      <thead>
        <tr>
          <th scope="col" class="corner"><span class="sr-only">sample</span></th>
          ${Array.from({ length: features }, (_, j) => html`<th scope="col" class=${byColumn && j === selected.column ? 'group' : ''}>${j + 1}</th>`)}
          ${byColumn ? nothing : rows.map((stat) => html`<th scope="col" class="stat-head">${stat.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${matrix.map(
          (values, i) => html`
            <tr>
              <th scope="row" class="${!byColumn && i === selected.row ? 'group' : ''}${tall && i % 2 === 1 ? ' unlabelled' : ''}">${i + 1}</th>
              ${values.map((value, j) => {
                const on = i === selected.row && j === selected.column;
                return html`<td class="cell${inGroup(i, j) ? ' group' : ''}${on ? ' selected' : ''}" style=${cellStyle(value, scale)}
                  data-row=${i} data-column=${j} tabindex=${on ? 0 : -1} aria-selected=${on ? 'true' : 'false'}
                  @pointerdown=${() => view.onSelect({ row: i, column: j })} @focus=${() => view.onSelect({ row: i, column: j })}
                  ><span class="value">${cellText(value)}</span></td>`;
              })}
              ${byColumn ? nothing : rows.map((stat) => statCell(stat.value(stats[i]!), i === selected.row, stat.name))}
            </tr>
          `,
        )}
      </tbody>
      ${byColumn && rows.length
        ? html`<tfoot>
            ${rows.map(
              (stat) => html`<tr>
                <th scope="row" class="stat-head">${stat.label}</th>
                ${stats.map((s, j) => statCell(stat.value(s), j === selected.column, stat.name))}
              </tr>`,
            )}
          </tfoot>`
        : nothing}
    </table>
  `;
}

/** The line above the grids: what the layer averages over, and its formula. */
export function describeLayer(kind: NormKind, batch: number, features: number, epsilon: number): string {
  const eps = `ε = ${formatNumber(epsilon, { digits: 3 })}`;
  if (kind === 'batch') return `↓ each feature (column) over the N = ${batch} samples: x̂ = (x − μⱼ) / √(σⱼ² + ε), y = γ x̂ + β, ${eps}`;
  if (kind === 'layer') return `→ each sample (row) over its D = ${features} features: x̂ = (x − μᵢ) / √(σᵢ² + ε), y = γ x̂ + β, ${eps}`;
  return `→ each sample (row) divided by its length: y = x / max(‖xᵢ‖₂, ε), ${eps}; no γ or β`;
}

/** "0.31–2.85", or one number when every value reads the same. */
function span(values: readonly number[]): string {
  const [low, high] = extent(values).map(statText) as [string, string];
  return low === high ? low : `${low} to ${high}`;
}

/** The status line: each group's statistics before → after, and what they should be. */
export function describeResult(result: NormResult, parameters: NormParameters): string {
  const after = groupStats(result.output, result.axis);
  const groups = result.axis === 'column' ? 'column' : 'row';
  const name = NORM_NAMES[result.kind];
  if (result.kind === 'l2') return `${name}: row lengths ${span(result.stats.map((s) => s.length))} → ${span(after.map((s) => s.length))} (no γ, β)`;
  const expected = span(result.stats.map((s) => expectedStd(s, parameters)));
  return (
    `${name}: ${groups} means ${span(result.stats.map((s) => s.mean))} → ${span(after.map((s) => s.mean))} (β = ${statText(parameters.beta)}), ` +
    `stds ${span(result.stats.map((s) => s.std))} → ${span(after.map((s) => s.std))} (γσ/√(σ² + ε) = ${expected})`
  );
}

/** "− 3.01" for subtracting 3.01, "+ 3.01" for subtracting −3.01. */
const minus = (value: number) => (statText(value).startsWith('−') ? `+ ${statText(-value)}` : `− ${statText(value)}`);
/** A factor as written after ×: "(−1.06)" in brackets when negative. */
const bracketed = (value: number) => (statText(value).startsWith('−') ? `(${statText(value)})` : statText(value));
/** "+ 0.40" for adding 0.40, "− 0.40" for adding −0.40. */
const plus = (value: number) => (statText(value).startsWith('−') ? `− ${statText(-value)}` : `+ ${statText(value)}`);

/** The selected cell's computation, in numbers. */
export function describeCell(kind: NormKind, cell: CellComputation, parameters: NormParameters): TemplateResult {
  const where = `Sample ${cell.row + 1}, feature ${cell.column + 1}:`;
  const index = subscript(cell.group + 1);
  const x = cellText(cell.x);
  if (kind === 'l2') {
    return html`${where} x = ${x}, ‖x${index}‖ = ${statText(cell.stats.length)} → y = ${x} / ${statText(cell.stats.length)} = <b>${statText(cell.y)}</b>`;
  }
  const mu = statText(cell.stats.mean);
  const sigma = statText(cell.stats.std);
  return html`${where} x = ${x}, μ${index} = ${mu}, σ${index} = ${sigma} → x̂ = (${x} ${minus(cell.stats.mean)}) / √(${sigma}² + ε) = ${statText(cell.xHat)}
    → y = ${statText(parameters.gamma)} × ${bracketed(cell.xHat)} ${plus(parameters.beta)} = <b>${statText(cell.y)}</b>`;
}
