/**
 * `<param-counter>`: how many parameters does a fully connected network have? A layer-size list
 * ("2,3,1") is drawn as a network; an exercise then reveals, one layer of weights at a time, its
 * fan_in × fan_out weights and fan_out biases, and finally the total: 2 → 3 → 1 has
 * (2·3 + 3) + (3·1 + 1) = 9 weights + 4 biases = 13. Large layers draw a few units with "⋮" between but are
 * counted exactly (784 → 128 → 10 has 101,770).
 *
 * Attributes (a bad value shows a warning on the widget, role=alert, naming it; its default is used):
 * - `layers` — the layer sizes, input first: 2…8 positive whole numbers up to 1,000,000, separated by
 *   commas, spaces or arrows (default "2,3,1").
 * - `reveal` — `step` (default: counts hidden, revealed with `Next`) | `all` (every count shown from the start).
 * - `bias` — `true` (default) | `false`: count biases or weights only.
 * The layer sizes and the bias setting are kept in the page URL (components/shared/url-state.ts):
 * defaults < attributes < URL.
 *
 * Controls (accessible names): text field `layer sizes` (a bad list shows an inline error, role=alert, on
 * Enter or leaving the field, and the last good network stays); toggle button `biases` (aria-pressed);
 * buttons `Next` (reveals the next layer, then the total), `Show all`, `Reset` (hides the counts again).
 * The status (role=status) holds the formula revealed so far; a table lists each layer's weights, biases
 * and parameters ("?" until revealed) and the total.
 *
 * Nothing runs in the background, so slide visibility changes nothing; the network is SVG and prints as
 * it is. `settled` resolves after the first render; `settle()` reveals every count (the handout state, see
 * components/shared/handout.ts) and resolves once that is drawn.
 *
 * @event param-counter-change — after the layers, the bias setting or the revealed step changes;
 *   detail: the sizes, the bias setting, the step and the total.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-fg — text and rules (default #111827).
 * @cssprop --axon-muted — secondary text (default: inherited).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 * @cssprop --axon-error-fg — an inline warning's text (default #991b1b).
 * @cssprop --axon-error-bg — an inline warning's background (default #fef2f2).
 * @cssprop --axon-error-border — an inline warning's border (default #dc2626).
 */
import { html, nothing, svg } from 'lit';
import { live } from 'lit/directives/live.js';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import {
  DEFAULT_CONFIG,
  countParameters,
  describeProgress,
  drawnSlots,
  formatCount,
  counterSettings,
  parseLayerSizes,
  revealedLayers,
  stepCount,
  totalRevealed,
  type ParamCounterConfig,
  type ParameterCount,
} from './param-counter.model.ts';
import { PICTURE_WIDTH, paramCounterStyles } from './param-counter.styles.ts';

/** Detail of `param-counter-change`. */
export interface ParamCounterChangeDetail {
  sizes: number[];
  bias: boolean;
  step: number;
  total: number;
}

/** Geometry of the network picture, in SVG units (about slide pixels at the widget's usual width). */
const PICTURE = { width: PICTURE_WIDTH, height: 410, marginX: 46, top: 104, bottom: 316, nodeR: 17, maxGap: 64 } as const;

export class ParamCounter extends axonElement(counterSettings, { firstRender: true }) {
  static override styles = paramCounterStyles;

  static override properties = stateProperties('config', 'step', 'fieldText', 'fieldError');

  /** The settings in force (defaults < attributes < URL < what the student did). */
  declare private config: ParamCounterConfig;
  /** Steps revealed: 0 (none) … stepCount (every layer and the total). */
  declare private step: number;
  /** What the layer-size field holds (may be a list not yet valid). */
  declare private fieldText: string;
  /** Why the field's list is refused, shown once the student commits it (Enter, leaving the field). */
  declare private fieldError: string | undefined;

  constructor() {
    super();
    this.config = { ...DEFAULT_CONFIG, sizes: [...DEFAULT_CONFIG.sizes] };
    this.step = 0;
    this.fieldText = DEFAULT_CONFIG.sizes.join(',');
    this.fieldError = undefined;
  }

  /** Reveals every layer's count and the total (what `Show all` does); resolves once that is drawn. */
  override settle(): Promise<void> {
    return this.handout.settle(async () => {
      // NOTE - before the first render the attributes are not read yet, and reading them starts the exercise over.
      if (!this.hasUpdated) await this.settled;
      this.revealAll();
      await this.updateComplete;
    });
  }

  /** New settings (defaults < attributes < URL): the exercise starts over on them. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof counterSettings.table>>): void {
    this.config = { ...values, sizes: [...values.sizes] };
    this.fieldText = this.config.sizes.join(',');
    this.fieldError = undefined;
    this.step = this.startingStep();
  }

  /** Where the exercise starts: nothing revealed, or everything (reveal="all"). */
  private startingStep(): number {
    return this.config.reveal === 'all' ? stepCount(this.config.sizes) : 0;
  }

  private revealAll(): void {
    if (this.step >= stepCount(this.config.sizes)) return;
    this.step = stepCount(this.config.sizes);
    this.announce();
  }

  private announce(): void {
    const detail: ParamCounterChangeDetail = {
      sizes: [...this.config.sizes],
      bias: this.config.bias,
      step: this.step,
      total: countParameters(this.config.sizes, this.config.bias).total,
    };
    this.dispatchEvent(new CustomEvent<ParamCounterChangeDetail>('param-counter-change', { detail, bubbles: true, composed: true }));
  }

  private saveToUrl(): void {
    this.keepSettings(this.config);
  }

  /** A valid list redraws at once (and restarts the exercise); a bad one waits for Enter or blur to complain. */
  private handleLayersInput(event: Event): void {
    this.fieldText = (event.target as HTMLInputElement).value;
    const parsed = parseLayerSizes(this.fieldText);
    if (!parsed.sizes) {
      if (this.fieldError !== undefined) this.fieldError = parsed.error;
      return;
    }
    this.fieldError = undefined;
    if (parsed.sizes.join(',') === this.config.sizes.join(',')) return;
    this.config = { ...this.config, sizes: parsed.sizes };
    this.step = this.startingStep();
    this.saveToUrl();
    this.announce();
  }

  private handleLayersCommit(): void {
    const parsed = parseLayerSizes(this.fieldText);
    this.fieldError = parsed.error;
  }

  private handleLayersKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.handleLayersCommit();
  }

  private handleBias(): void {
    this.config = { ...this.config, bias: !this.config.bias };
    this.saveToUrl();
    this.announce();
  }

  private handleNext(): void {
    if (this.step >= stepCount(this.config.sizes)) return;
    this.step += 1;
    this.announce();
  }

  private handleShowAll(): void {
    this.revealAll();
  }

  private handleReset(): void {
    if (this.step === 0) return;
    this.step = 0;
    this.announce();
  }

  private renderControls() {
    const steps = stepCount(this.config.sizes);
    const atStart = this.step === 0;
    const atEnd = this.step >= steps;
    return html`
      <div class="controls">
        <label class="field">
          <span>layers</span>
          <input type="text" aria-label="layer sizes" inputmode="numeric" spellcheck="false" autocomplete="off"
            aria-invalid=${this.fieldError ? 'true' : 'false'}
            aria-describedby=${this.fieldError ? 'layers-error' : nothing}
            .value=${live(this.fieldText)}
            @input=${this.handleLayersInput} @change=${this.handleLayersCommit} @keydown=${this.handleLayersKey} />
        </label>
        <button aria-pressed=${this.config.bias ? 'true' : 'false'} @click=${this.handleBias}>biases</button>
        <button aria-disabled=${String(atEnd)} @click=${this.handleNext}>Next</button>
        <button aria-disabled=${String(atEnd)} @click=${this.handleShowAll}>Show all</button>
        <button aria-disabled=${String(atStart)} @click=${this.handleReset}>Reset</button>
        <span class="position" aria-hidden="true">step ${this.step} / ${steps}</span>
      </div>
      ${this.fieldError
        ? html`<p class="field-error" id="layers-error" role="alert">layer sizes: ${this.fieldError} — still showing ${this.config.sizes.join(',')}</p>`
        : nothing}
    `;
  }

  private renderNetwork(count: ParameterCount) {
    const { width, height, marginX, top, bottom, maxGap } = PICTURE;
    const sizes = this.config.sizes;
    const revealed = revealedLayers(sizes, this.step);
    const total = totalRevealed(sizes, this.step);
    const columns = sizes.length;
    const columnX = (k: number) => marginX + ((width - 2 * marginX) * k) / (columns - 1);
    const slots = sizes.map((size) => drawnSlots(size));
    const most = Math.max(...slots.map((s) => s.length));
    const gap = most > 1 ? Math.min(maxGap, (bottom - top) / (most - 1)) : 0;
    // Units shrink when a column is full, so neighbours never touch.
    const nodeR = gap > 0 ? Math.min(PICTURE.nodeR, gap * 0.38) : PICTURE.nodeR;
    const slotY = (k: number, i: number) => (top + bottom) / 2 + (i - (slots[k]!.length - 1) / 2) * gap;
    const units = (k: number) => slots[k]!.flatMap((slot, i) => (slot.kind === 'unit' ? [slotY(k, i)] : []));

    const edges = count.layers.map((layer) => {
      const k = layer.index;
      const cls = k <= revealed ? (k === revealed && !total ? 'edge current' : 'edge counted') : 'edge';
      const [x1, x2] = [columnX(k - 1) + nodeR, columnX(k) - nodeR];
      return units(k - 1).flatMap((y1) => units(k).map((y2) => svg`<line class=${cls} x1=${x1} y1=${y1} x2=${x2} y2=${y2}></line>`));
    });

    const nodes = slots.map((column, k) => {
      const counted = k > 0 && k <= revealed;
      return column.map((slot, i) => {
        const [x, y] = [columnX(k), slotY(k, i)];
        if (slot.kind === 'more') return svg`<text class="more" x=${x} y=${y + 10} text-anchor="middle">⋮</text>`;
        const biasDot = k > 0 && this.config.bias
          ? svg`<circle class="bias-dot ${counted ? 'counted' : ''}" cx=${x + nodeR * 0.85} cy=${y - nodeR * 0.85} r="6"></circle>`
          : nothing;
        return svg`<circle class="node ${counted ? 'counted' : ''}" cx=${x} cy=${y} r=${nodeR}></circle>${biasDot}`;
      });
    });

    const gapLabels = count.layers.map((layer) => {
      const x = (columnX(layer.index - 1) + columnX(layer.index)) / 2;
      const shown = layer.index <= revealed;
      return svg`
        <text class="gap-label" x=${x} y="30" text-anchor="middle">
          ${shown ? svg`<tspan class="w">${formatCount(layer.fanIn)}×${formatCount(layer.fanOut)}</tspan>` : svg`<tspan>?</tspan>`}
        </text>
        ${this.config.bias
          ? svg`<text class="gap-label" x=${x} y="62" text-anchor="middle">${shown ? svg`<tspan class="b">+${formatCount(layer.biases)}</tspan>` : nothing}</text>`
          : nothing}
      `;
    });

    const labels = sizes.map((size, k) => {
      const role = k === 0 ? 'input' : k === columns - 1 ? 'output' : 'hidden';
      return svg`
        <text class="size-label" x=${columnX(k)} y=${bottom + 46} text-anchor="middle">${formatCount(size)}</text>
        <text class="role-label" x=${columnX(k)} y=${bottom + 76} text-anchor="middle">${role}</text>
      `;
    });

    const description = `Network ${sizes.map(formatCount).join(' → ')}: ${sizes.length} layers of units, drawn with at most ${Math.max(...slots.map((s) => s.length))} units per layer`;
    return html`
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${description}>
        ${edges}
        ${nodes}
        ${gapLabels}
        ${labels}
      </svg>
      <p class="legend" aria-hidden="true">
        <span><span class="w">lines</span>: weights, fan_in × fan_out (one per edge)</span>
        ${this.config.bias ? html`<span><span class="b">● dots</span>: biases, one per unit</span>` : nothing}
      </p>
    `;
  }

  private renderTable(count: ParameterCount) {
    const revealed = revealedLayers(this.config.sizes, this.step);
    const total = totalRevealed(this.config.sizes, this.step);
    const cell = (shown: boolean, value: string, cls: string) => (shown ? html`<td class=${cls}>${value}</td>` : html`<td class="hidden">?</td>`);
    const bias = this.config.bias;
    // In a box of its own that scrolls sideways: a wide network's rows (784 → 128 …) would run off a phone.
    return html`<div class="table-box">
      <table>
        <caption>Parameters per layer of weights</caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            <th scope="col">weights</th>
            ${bias ? html`<th scope="col">biases</th>` : nothing}
            <th scope="col">parameters</th>
          </tr>
        </thead>
        <tbody>
          ${count.layers.map((layer) => {
            const shown = layer.index <= revealed;
            return html`
              <tr aria-current=${layer.index === revealed && !total ? 'true' : 'false'}>
                <th scope="row">${layer.index}: ${formatCount(layer.fanIn)} → ${formatCount(layer.fanOut)}</th>
                ${cell(shown, `${formatCount(layer.fanIn)} × ${formatCount(layer.fanOut)} = ${formatCount(layer.weights)}`, 'w')}
                ${bias ? cell(shown, formatCount(layer.biases), 'b') : nothing}
                ${cell(shown, formatCount(layer.parameters), '')}
              </tr>
            `;
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">total</th>
            ${cell(total, formatCount(count.weights), 'w')}
            ${bias ? cell(total, formatCount(count.biases), 'b') : nothing}
            ${cell(total, formatCount(count.total), '')}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  override render() {
    const count = countParameters(this.config.sizes, this.config.bias);
    return html`
      ${this.renderWarnings()}
      ${this.renderControls()}
      <div class="layout">
        <div>${this.renderNetwork(count)}</div>
        <div>
          ${this.renderTable(count)}
          <p role="status" aria-live="polite">${describeProgress(this.config.sizes, this.step, this.config.bias)}</p>
        </div>
      </div>
    `;
  }
}

customElements.define('param-counter', ParamCounter);

declare global {
  interface HTMLElementTagNameMap {
    'param-counter': ParamCounter;
  }
  interface HTMLElementEventMap {
    'param-counter-change': CustomEvent<ParamCounterChangeDetail>;
  }
}
