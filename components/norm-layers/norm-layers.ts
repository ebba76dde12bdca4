/**
 * `<norm-layers>`: what batch norm, layer norm and ℓ² norm do to one batch of activations. The batch is an
 * N × D grid (N samples in rows, D features in columns) of seeded activations whose features differ in level
 * and spread; beside it, the same grid after the layer. Both are heat grids on the diverging colour map (each
 * on its own symmetric scale, its ends under it) with their values printed. The averaging axis is drawn into
 * the grids — batch norm's columns stand apart as strips, with μ and σ under each; layer and ℓ² norm's rows
 * do, with μ and σ (or the length ‖x‖) beside each — so the after-grid's statistics can be read against
 * β and γ·σ/√(σ² + ε). Selecting a cell (pointer, or the arrow keys in either grid) marks its group in both
 * grids and reads its computation: x, μ, σ, x̂ = (x − μ)/√(σ² + ε), y = γ x̂ + β (ℓ²: x, ‖x‖, y = x/‖x‖).
 *
 * The variance is the biased one (÷ N), for normalising and for the σ shown: what `nn.BatchNorm1d` uses in
 * training mode and `nn.LayerNorm` always (the maths: norm-layers.model.ts). One γ and one β are shared by every
 * feature (PyTorch learns one of each per feature). ℓ² norm is `F.normalize(x, dim=1, eps)`: no γ, β.
 *
 * Attributes (a bad value shows a warning on the widget naming it, and its default is used):
 * - `norm` — `batch` (default), `layer` or `l2`.
 * - `batch` — N, the rows, a whole number 2…16 (default 6).
 * - `features` — D, the columns, a whole number 2…12 (default 5).
 * - `gamma` — γ, 0…3 (default 1); `beta` — β, −2…2 (default 0).
 * - `epsilon` — ε, 1e−12…1 (default 1e−5).
 * - `seed` — the batch's seed, a whole number (default 1); `Resample` moves to the next seed.
 * What a student changes is kept in the page URL (defaults < attributes < URL), so a link reopens it.
 *
 * Controls (accessible names): the group `normalisation` of pressed buttons `Batch norm`, `Layer norm`,
 * `ℓ² norm`; `Resample`; sliders `gamma`, `beta` (disabled for ℓ²), `batch size N`, `features D`; the grids
 * `before` and `after` (ARIA grids: Tab enters at the selected cell; arrows, Home, End, PageUp, PageDown move it,
 * Esc hands the keys back to the deck). A grid of more than 8 rows, or more than 7 columns counting the statistics
 * beside the rows, is drawn as colours only (its numbers would not fit at the room's text size): the selected
 * cell's line still reads them. The status (role=status) gives each
 * group's statistics before → after.
 *
 * Nothing runs in time, so slide visibility changes nothing; the picture is HTML and prints as it is.
 * `settled` resolves after the first render.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — pressed buttons and sliders (default #1d4ed8).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-fg — text and rules (default #111827).
 * @cssprop --axon-focus — the keyboard focus ring and the selected group's mark (default #f59e0b).
 */
import { html, type PropertyValues } from 'lit';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import {
  BATCH_RANGE,
  BETA_RANGE,
  FEATURES_RANGE,
  GAMMA_RANGE,
  NORM_KINDS,
  NORM_NAMES,
  activationBatch,
  cellComputation,
  normLayersSettings,
  normalise,
  type Matrix,
  type NormKind,
  type NormLayersConfig,
} from './norm-layers.model.ts';
import { normLayersStyles } from './norm-layers.styles.ts';
import { describeCell, describeLayer, describeResult, renderGrid, statText, type Cell, type Side } from './norm-layers.views.ts';

/**
 * The largest grid whose numbers are printed at the room's text size, two side by side on a slide: 8 rows, and 7
 * columns of numbers counting the statistics beside the rows (layer norm's μ, σ; ℓ²'s ‖x‖). Larger: colours only.
 */
export const PRINTED_LIMIT = { rows: 8, columns: 7 } as const;
const STAT_COLUMNS: Record<NormKind, number> = { batch: 0, layer: 2, l2: 1 };

/** The sliders: setting, accessible name, visible name, range and step. */
const SLIDERS = [
  { key: 'gamma', name: 'gamma', label: 'γ', range: GAMMA_RANGE, step: 0.05, show: statText },
  { key: 'beta', name: 'beta', label: 'β', range: BETA_RANGE, step: 0.05, show: statText },
  { key: 'batch', name: 'batch size N', label: 'N', range: BATCH_RANGE, step: 1, show: String },
  { key: 'features', name: 'features D', label: 'D', range: FEATURES_RANGE, step: 1, show: String },
] as const;

type SliderKey = (typeof SLIDERS)[number]['key'];

export class NormLayers extends axonElement(normLayersSettings, { firstRender: true }) {
  static override styles = normLayersStyles;

  static override properties = stateProperties('config', 'selected');

  /** The settings in force (defaults < attributes < URL < what the student did). */
  declare private config: NormLayersConfig;
  /** The selected cell, whose computation is read out. */
  declare private selected: Cell;

  /** The batch for the current seed, N and D (drawn again only when one of them changes). */
  private batchFor: { key: string; matrix: Matrix } = { key: '', matrix: [] };
  /** The grid whose selected cell takes the focus after the next render (a keyboard move), if any. */
  private focusSide: Side | null = null;

  constructor() {
    super();
    this.config = { norm: 'batch', batch: 6, features: 5, gamma: 1, beta: 0, epsilon: 1e-5, seed: 1 };
    this.selected = { row: 0, column: 0 };
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  /** Attributes, overridden by what the URL holds for this widget. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof normLayersSettings.table>>): void {
    this.config = { ...values };
    this.selected = this.clampCell(this.selected);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusSide === null) return;
    const cell = this.renderRoot.querySelector<HTMLElement>(`table[data-side='${this.focusSide}'] td.selected`);
    this.focusSide = null;
    cell?.focus();
  }

  /** The seeded batch of the current settings. */
  private get activations(): Matrix {
    const { seed, batch, features } = this.config;
    const key = `${seed}:${batch}:${features}`;
    if (this.batchFor.key !== key) this.batchFor = { key, matrix: activationBatch(batch, features, seed) };
    return this.batchFor.matrix;
  }

  private clampCell({ row, column }: Cell): Cell {
    return { row: Math.min(row, this.config.batch - 1), column: Math.min(column, this.config.features - 1) };
  }

  /** Keeps a student's change: the settings in the URL (and `axon-change`), the selection inside the batch. */
  private commit(config: NormLayersConfig): void {
    this.config = config;
    this.selected = this.clampCell(this.selected);
    this.keepSettings(config);
  }

  // ---- handlers -----------------------------------------------------------------------------------------------

  private handleNorm(norm: NormKind): void {
    if (norm !== this.config.norm) this.commit({ ...this.config, norm });
  }

  private handleSlider(key: SliderKey, event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(value) && value !== this.config[key]) this.commit({ ...this.config, [key]: value });
  }

  /** A new batch: the next seed (kept in the URL, so a copied link shows this batch). */
  private handleResample(): void {
    const next = this.config.seed >= 2 ** 31 - 1 ? 1 : this.config.seed + 1;
    this.commit({ ...this.config, seed: next });
  }

  private handleSelect(cell: Cell): void {
    if (cell.row !== this.selected.row || cell.column !== this.selected.column) this.selected = cell;
  }

  /**
   * Arrows move the selected cell, Home / End to the row's ends (with Ctrl: the grid's corners), PageUp /
   * PageDown to the column's ends; Esc leaves the grid. None of them reaches the deck.
   */
  private handleGridKey(event: KeyboardEvent, side: Side): void {
    if (event.key === 'Escape') {
      (event.target as HTMLElement).blur();
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const { row, column } = this.selected;
    const last = { row: this.config.batch - 1, column: this.config.features - 1 };
    const corner = event.ctrlKey || event.metaKey;
    const moves: Record<string, Cell> = {
      ArrowUp: { row: row - 1, column },
      ArrowDown: { row: row + 1, column },
      ArrowLeft: { row, column: column - 1 },
      ArrowRight: { row, column: column + 1 },
      Home: corner ? { row: 0, column: 0 } : { row, column: 0 },
      End: corner ? last : { row, column: last.column },
      PageUp: { row: 0, column },
      PageDown: { row: last.row, column },
      ' ': { row, column },
      Spacebar: { row, column },
      Enter: { row, column },
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    // NOTE - reveal listens on the document: the keys are stopped here so they never turn the slide.
    event.stopPropagation();
    this.focusSide = side;
    this.selected = { row: Math.max(0, Math.min(last.row, next.row)), column: Math.max(0, Math.min(last.column, next.column)) };
    this.requestUpdate();
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  private renderControls() {
    const { norm } = this.config;
    return html`
      <div class="controls">
        <div class="row">
          <div class="kinds" role="group" aria-label="normalisation">
            ${NORM_KINDS.map((kind) => html`<button aria-pressed=${kind === norm ? 'true' : 'false'} @click=${() => this.handleNorm(kind)}>${NORM_NAMES[kind]}</button>`)}
          </div>
          <button class="resample" @click=${this.handleResample}>Resample</button>
          <span class="seed">seed ${this.config.seed}</span>
        </div>
        <div class="sliders">
          ${SLIDERS.map(({ key, name, label, range, step, show }) => {
            const off = norm === 'l2' && (key === 'gamma' || key === 'beta');
            return html`<label class="slider${off ? ' off' : ''}">
              <span class="name">${label}</span>
              <input type="range" aria-label=${name} aria-valuetext=${show(this.config[key])} min=${range.min} max=${range.max} step=${step}
                .value=${String(this.config[key])} ?disabled=${off} @input=${(event: Event) => this.handleSlider(key, event)} />
              <span class="value">${show(this.config[key])}</span>
            </label>`;
          })}
        </div>
      </div>
    `;
  }

  override render() {
    const { norm, batch, features, gamma, beta, epsilon } = this.config;
    const parameters = { gamma, beta, epsilon };
    const result = normalise(norm, this.activations, parameters);
    const printed = batch <= PRINTED_LIMIT.rows && features + STAT_COLUMNS[norm] <= PRINTED_LIMIT.columns;
    const tall = batch > PRINTED_LIMIT.rows;
    const grid = { kind: norm, selected: this.selected, printed, tall, onKey: (e: KeyboardEvent, s: Side) => this.handleGridKey(e, s), onSelect: (c: Cell) => this.handleSelect(c) };
    const cell = cellComputation(result, this.selected.row, this.selected.column);
    return html`
      ${this.renderWarnings()}
      ${this.renderControls()}
      <p class="formula"><b>${NORM_NAMES[norm]}</b> ${describeLayer(norm, batch, features, epsilon)}</p>
      <div class="grids ${norm === 'batch' ? 'by-column' : 'by-row'}">
        <div class="panel">${renderGrid({ ...grid, side: 'before', matrix: result.input })}</div>
        <div class="arrow" aria-hidden="true">→</div>
        <div class="panel">${renderGrid({ ...grid, side: 'after', matrix: result.output })}</div>
      </div>
      <p class="readout">${printed ? '' : html`<span class="note">Colours only at this size; the selected cell:</span> `}${describeCell(norm, cell, parameters)}</p>
      <p class="status" role="status" aria-live="polite">${describeResult(result, parameters)}</p>
    `;
  }
}

customElements.define('norm-layers', NormLayers);

declare global {
  interface HTMLElementTagNameMap {
    'norm-layers': NormLayers;
  }
}
