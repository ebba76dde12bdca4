/**
 * `<backprop-walkthrough>`: backpropagation by hand, one chain-rule step at a time, on the smallest network
 * with a hidden unit — x → z₁ = w₁x + b₁ → v = f(z₁) → ŷ = w₂v + b₂ → L = (ŷ − y)² — then one SGD step.
 * Each step lights up the node or weight it computes on the diagram (values above in blue, gradients
 * below in orange, updated weights in green) and shows its formula typeset with the numbers substituted.
 * A table lists every value (the accessible alternative to the diagram). `Apply update` makes the new
 * weights the start of the next iteration, so students watch the loss fall. The numbers come from the
 * engine's automatic differentiation (backprop-walkthrough.compute.ts), not from the formulas shown.
 *
 * Attributes (a bad value shows a warning on the widget, role=alert, and the default is used):
 * - `x`, `y` — the sample, −100…100 (default 2 and 1).
 * - `w1`, `b1`, `w2`, `b2` — the starting weights, −100…100 (default 0.5, 0.1, 0.8, 0).
 * - `lr` (or `learning-rate`) — the learning rate η, 0.0001…10 (default 0.1).
 * What a student types into the fields, and the weights after each update, are kept in the page address.
 * - `activation` — f: `relu` (default) | `sigmoid` | `tanh` | `linear`.
 * The defaults are the lecture's worked example: L = 0.0144, ∂L/∂w₁ = −0.384, w₁ → 0.5384.
 *
 * Controls (accessible names): number fields `x`, `y`, `w1`, `b1`, `w2`, `b2`, `learning rate`; a select
 * `activation` (ReLU, sigmoid, tanh, linear); buttons `Previous step`, `Next step`, `Show all`,
 * `Apply update`; the shared `Show code` panel (PyTorch for the current values). Editing a field recomputes
 * at once and keeps the step shown; it restarts the loss history. The step and its formula are in a
 * `role=status` region, and so is the loss history.
 *
 * Table: one row per quantity, first cell its name (`z1`, `v`, `yhat`, `L`, `dL/dyhat`, `dL/dw2`,
 * `dL/db2`, `dL/dv`, `dL/dz1`, `dL/dw1`, `dL/db1`, `w1'`, `b1'`, `w2'`, `b2'`), second its value with 4
 * significant digits, or "?" (read as "not yet computed") until its step is reached.
 *
 * Nothing runs in the background: one iteration is computed when the widget connects and whenever a
 * setting changes (a single trainer, disposed at once), so slide visibility changes nothing and removing
 * the widget leaves no tensor. `settled` resolves once the first iteration's values are computed and
 * rendered; the widget starts before the first step. `settle()` goes to the handout state (see
 * components/shared/handout.ts): every step shown, as `Show all` does, so the printed slide shows every
 * value. The picture is SVG and the formula HTML, so both print as they are.
 *
 * @event backprop-walkthrough-change — after each new set of values; detail: the settings and values.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 * @cssprop --axon-mono — the monospace font of numbers and code.
 * @cssprop --axon-callout-tip — the update step's colour (default #047857).
 */
import { html, nothing } from 'lit';
import { getEngine } from '../../engine/runtime.ts';
import '../shared/code-panel.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { computeWalkthrough } from './backprop-walkthrough.compute.ts';
import { backpropWalkthroughStyles } from './backprop-walkthrough.styles.ts';
import { renderDiagram, renderFormula, renderHistory, renderTables, type WalkthroughView } from './backprop-walkthrough.views.ts';
import { ensureKatexFonts } from '../shared/views/tex.ts';
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  DEFAULT_SETTINGS,
  NUMBER_FIELDS,
  STEP_COUNT,
  appendHistory,
  clampPosition,
  formatField,
  nextIteration,
  parseField,
  walkthroughSettings,
  pytorchCode,
  rangeOf,
  stepAt,
  type LossHistoryEntry,
  type NumberSetting,
  type WalkthroughActivation,
  type WalkthroughSettings,
  type WalkthroughValues,
} from './backprop-walkthrough.model.ts';

/** Detail of `backprop-walkthrough-change`. */
export interface BackpropWalkthroughChangeDetail {
  settings: WalkthroughSettings;
  values: WalkthroughValues;
}

/** Why a computation runs: a new start (attributes or an edit) restarts the history; an update extends it. */
type Reason = 'restart' | 'update';

// The handout state is the first iteration computed (on the engine, after the first render) and drawn.
export class BackpropWalkthrough extends axonElement(walkthroughSettings) {
  static override styles = backpropWalkthroughStyles;

  static override properties = stateProperties('settings', 'values', 'position', 'history', 'fieldErrors', 'error');

  /** The current iteration's starting point (fields, and the weights after each update). */
  declare private settings: WalkthroughSettings;
  /** The engine's numbers for `settings` (undefined until the first computation ends). */
  declare private values: WalkthroughValues | undefined;
  /** How many steps are shown: 0 (none) … STEP_COUNT (all). */
  declare private position: number;
  /** The loss of each iteration since the last restart. */
  declare private history: LossHistoryEntry[];
  /** A field's complaint (its text is not a usable number), by setting. */
  declare private fieldErrors: Partial<Record<NumberSetting, string>>;
  /** The engine could not compute (no backend, …): shown on the widget. */
  declare private error: string | undefined;

  /** Bumped by each computation: a result that arrives after a newer request is dropped. */
  private generation = 0;
  private computing = false;

  constructor() {
    super();
    this.settings = { ...DEFAULT_SETTINGS };
    this.values = undefined;
    this.position = 0;
    this.history = [];
    this.fieldErrors = {};
    this.error = undefined;
  }

  override connectedCallback(): void {
    ensureKatexFonts();
    super.connectedCallback();
  }

  /**
   * Put back in the page after a removal: compute again (the pending result, if any, was dropped), from the
   * iteration shown — the settings are not read again, so the weights a student updated stay.
   */
  protected override reconnected(): void {
    if (!this.computing) void this.recompute('restart');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation += 1;
    this.computing = false;
  }

  /** New settings (defaults < attributes < URL): a new start, computed afresh. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof walkthroughSettings.table>>): void {
    this.settings = values;
    this.fieldErrors = {};
    void this.recompute('restart');
  }

  /** Shows every step of the iteration (what `Show all` does); resolves once the values are computed and drawn. */
  override settle(): Promise<void> {
    return this.handout.settle(async () => {
      this.position = STEP_COUNT;
      await this.settled;
      await this.updateComplete;
    });
  }

  /** Computes the current settings' iteration on the engine; only the latest request's result is kept. */
  private async recompute(reason: Reason): Promise<void> {
    const generation = ++this.generation;
    const settings = this.settings;
    this.computing = true;
    try {
      const engine = await getEngine();
      const values = await computeWalkthrough(engine, settings);
      if (generation !== this.generation) return;
      this.values = values;
      this.error = undefined;
      this.history = reason === 'update' ? appendHistory(this.history, values.loss) : appendHistory([], values.loss);
      const detail: BackpropWalkthroughChangeDetail = { settings, values };
      this.dispatchEvent(new CustomEvent<BackpropWalkthroughChangeDetail>('backprop-walkthrough-change', { detail, bubbles: true, composed: true }));
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = `<backprop-walkthrough> could not compute: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (generation === this.generation) this.computing = false;
    }
    await this.updateComplete;
    this.handout.resolve();
  }

  /** True when the numbers blew up (a large learning rate, repeated updates): no further update. */
  private get diverged(): boolean {
    return Boolean(this.values && Object.values(this.values).some((value) => !Number.isFinite(value)));
  }

  private handleField(key: NumberSetting, event: Event): void {
    const parsed = parseField(key, (event.target as HTMLInputElement).value);
    if ('error' in parsed) {
      // While typing ("-", "0.") say nothing; once the field is left, say what is wrong.
      if (event.type === 'change') this.fieldErrors = { ...this.fieldErrors, [key]: parsed.error };
      return;
    }
    const { [key]: _fixed, ...others } = this.fieldErrors;
    this.fieldErrors = others;
    if (parsed.value === this.settings[key]) return;
    this.settings = { ...this.settings, [key]: parsed.value };
    this.keepSettings(this.settings);
    void this.recompute('restart');
  }

  private handleActivation(event: Event): void {
    this.settings = { ...this.settings, activation: (event.target as HTMLSelectElement).value as WalkthroughActivation };
    this.keepSettings(this.settings);
    void this.recompute('restart');
  }

  private handlePrevious(): void {
    this.position = clampPosition(this.position - 1);
  }

  private handleNext(): void {
    this.position = clampPosition(this.position + 1);
  }

  private handleShowAll(): void {
    this.position = STEP_COUNT;
  }

  /** The weights take their updated values and the next iteration starts from its first step. */
  private handleApply(): void {
    if (!this.values || this.computing || this.diverged) return;
    this.settings = nextIteration(this.settings, this.values);
    this.keepSettings(this.settings);
    this.position = 0;
    void this.recompute('update');
  }

  private renderSettings() {
    return html`<div class="settings" role="group" aria-label="starting values">
      ${NUMBER_FIELDS.map((field) => {
        const range = rangeOf(field.key);
        return html`<label>
          <span class="name" aria-hidden="true">${field.key === 'learningRate' ? 'η' : field.label}</span>
          <input
            type="number"
            aria-label=${field.label}
            min=${range.min}
            max=${range.max}
            step=${field.key === 'learningRate' ? '0.01' : '0.1'}
            .value=${formatField(this.settings[field.key])}
            aria-invalid=${this.fieldErrors[field.key] ? 'true' : 'false'}
            @input=${(event: Event) => this.handleField(field.key, event)}
            @change=${(event: Event) => this.handleField(field.key, event)}
          />
        </label>`;
      })}
      <label>
        <span class="name">f</span>
        <select aria-label="activation" .value=${this.settings.activation} @change=${this.handleActivation}>
          ${ACTIVATIONS.map((a) => html`<option value=${a} ?selected=${a === this.settings.activation}>${ACTIVATION_LABELS[a]}</option>`)}
        </select>
      </label>
    </div>`;
  }

  override render() {
    const step = stepAt(this.position);
    const view: WalkthroughView = { settings: this.settings, values: this.values, position: this.position, step };
    const fieldErrors = Object.entries(this.fieldErrors).map(([key, message]) => `${message} — using ${formatField(this.settings[key as NumberSetting])}`);
    const atStart = this.position === 0;
    const atEnd = this.position === STEP_COUNT;
    const cannotApply = !this.values || this.diverged;
    return html`
      ${this.renderWarnings()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${fieldErrors.length ? html`<p class="warning" role="alert">${fieldErrors.join('; ')}</p>` : nothing}
      ${this.diverged ? html`<p class="error" role="alert">Diverged — the numbers overflowed: lower the learning rate.</p>` : nothing}
      ${this.renderSettings()}
      <div class="layout">
        <div class="main">
          ${renderDiagram(view)}
          <div class="legend" aria-hidden="true">
            <span><span class="value">blue</span>: value</span>
            <span><span class="grad">orange</span>: ∂L/∂(·)</span>
            <span><span class="next">green</span>: after the update</span>
          </div>
          <div class="step">
            <p class="caption" role="status">
              ${step ? `Step ${this.position} of ${STEP_COUNT}: ${step.caption}` : `Press Next step to start the forward pass (${STEP_COUNT} steps).`}
            </p>
            ${renderFormula(view)}
          </div>
          <div class="controls">
            <button aria-disabled=${String(atStart)} @click=${() => !atStart && this.handlePrevious()}>Previous step</button>
            <button aria-disabled=${String(atEnd)} @click=${() => !atEnd && this.handleNext()}>Next step</button>
            <button aria-disabled=${String(atEnd)} @click=${() => !atEnd && this.handleShowAll()}>Show all</button>
            <button class="apply" aria-disabled=${String(cannotApply)} @click=${this.handleApply}>Apply update</button>
            <span class="position" aria-hidden="true">${this.position} / ${STEP_COUNT}</span>
          </div>
        </div>
        <div class="side">
          ${renderTables(view)}
          ${renderHistory(this.history, this.position)}
          <axon-code-panel .code=${pytorchCode(this.settings)}></axon-code-panel>
        </div>
      </div>
    `;
  }
}

if (!customElements.get('backprop-walkthrough')) customElements.define('backprop-walkthrough', BackpropWalkthrough);

declare global {
  interface HTMLElementTagNameMap {
    'backprop-walkthrough': BackpropWalkthrough;
  }
}
