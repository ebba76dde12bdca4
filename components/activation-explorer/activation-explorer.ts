/**
 * `<activation-explorer>`: the activation functions of a neural network and their derivatives — threshold,
 * sigmoid, tanh, ReLU, leaky ReLU and GELU. In the 1-D view a movable input z (a slider, or drag on the plot)
 * shows f(z) and f′(z), with the slope drawn as a tangent; where a function has no derivative the widget says
 * so (the threshold's jump at 0) or states the convention PyTorch uses (ReLU′(0) = 0). `Compare` draws several
 * activations on one plot. The 2-D view applies f elementwise to a grid of points after a fixed random linear
 * layer h = W x + b, before and after side by side: ReLU folds the plane onto the axes, tanh squashes it into
 * the box (−1, 1)², sigmoid into (0, 1)².
 *
 * Attributes (a bad value shows a warning on the widget naming the attribute, and its default is used):
 * - `activation` — `threshold` | `sigmoid` (default) | `tanh` | `relu` | `leaky-relu` | `gelu`.
 * - `input` — the input z, −5…5, snapped to 0.05 (default 0).
 * - `mode` — `1-d` (default) | `2-d`.
 * - `show-derivative` — `true` (default) | `false`: draw f′ and the tangent.
 * - `compare` — comma list of activations drawn together, or `all` (default none: one curve).
 * - `leaky-slope` — leaky ReLU's negative slope, 0…1 (default 0.01, as PyTorch).
 * - `layer` — the 2-D view's layer: `random` (default: W, b drawn from `seed`) | `identity` (h = x).
 * - `seed` — the random layer's seed, a whole number (default 1).
 * Settings a student changes are kept in the page URL (defaults < attributes < URL), so a link shares them.
 *
 * Controls (accessible names): pressed buttons `1-D` `2-D`, select `activation`, slider `input z` (−5…5,
 * step 0.05; dragging on the plot moves it too), slider `leaky slope` (when leaky ReLU is shown), pressed
 * buttons `Show derivative` and `Compare activations`; in 2-D, pressed button `Random layer W x + b` and
 * button `New W, b`. The `role=status` region gives z, f(z) and f′(z) to 4 decimals (2-D: how many of the 81
 * grid points land on an axis or at the origin, and the range of f(h)).
 *
 * Nothing runs in the background, so slide visibility changes nothing. The picture is SVG (it prints and
 * scales crisply), nothing is animated, and `settled` resolves after the first render.
 *
 * @event activation-explorer-change — after any change; detail: activation, z, f(z), f′(z).
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing } from 'lit';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { NumberRange, ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import {
  ACTIVATIONS,
  INPUT_RANGE,
  INPUT_STEP,
  LEAKY_SLOPE_RANGE,
  LEAKY_SLOPE_STEP,
  activate,
  activationInfo,
  derivative,
  derivativeNote,
  explorerSettings,
  formatNumber,
  snap,
  type ActivationName,
  type LayerKind,
  type Mode,
} from './activation-explorer.model.ts';
import { IDENTITY_LAYER, planePicture, randomLayer, type LinearLayer } from './activation-explorer.plane.ts';
import { activationExplorerStyles } from './activation-explorer.styles.ts';
import { ensureKatexFonts, tex } from '../shared/views/tex.ts';
import { planeNote, plotXScale, renderLegend, renderPlaneFigure, renderPlot, type ExplorerView, type PlotPointer } from './activation-explorer.views.ts';

/** Detail of `activation-explorer-change`. */
export interface ActivationExplorerChangeDetail {
  activation: ActivationName;
  z: number;
  value: number;
  slope: number;
}

export class ActivationExplorer extends axonElement(explorerSettings, { firstRender: true }) {
  static override styles = activationExplorerStyles;

  static override properties = stateProperties(
    'selected',
    'z',
    'view',
    'derivativeShown',
    'comparing',
    'slope',
    'layerKind',
    'layerSeed',
  );

  /** The activation now chosen. */
  declare private selected: ActivationName;
  /** The input z now set. */
  declare private z: number;
  /** The view now shown. */
  declare private view: Mode;
  /** Whether f′ is drawn. */
  declare private derivativeShown: boolean;
  /** Whether several activations are drawn. */
  declare private comparing: boolean;
  /** Leaky ReLU's negative slope now set. */
  declare private slope: number;
  /** The 2-D view's layer. */
  declare private layerKind: LayerKind;
  /** The random layer's seed now used. */
  declare private layerSeed: number;

  /** The activations compared (from `compare`, else all six). */
  private compareList: ActivationName[] = [...ACTIVATIONS];
  /** The pointer dragging z on the plot, if any. */
  private dragPointer: number | undefined;
  /** The plot's pointer handlers: dragging on the plot moves z. */
  private readonly plotPointer: PlotPointer = {
    down: (event) => this.handlePlotPointerDown(event),
    move: (event) => this.handlePlotPointerMove(event),
    up: (event) => this.handlePlotPointerUp(event),
  };
  constructor() {
    super();
    this.selected = 'sigmoid';
    this.z = 0;
    this.view = '1-d';
    this.derivativeShown = true;
    this.comparing = false;
    this.slope = 0.01;
    this.layerKind = 'random';
    this.layerSeed = 1;
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    ensureKatexFonts();
  }

  /** Attributes, overridden by what the URL holds for this widget; bad values of either are named. */
  protected override settingsChanged({ values: config }: ResolvedSettings<SettingValues<typeof explorerSettings.table>>): void {
    this.selected = config.activation;
    this.z = config.input;
    this.view = config.mode;
    this.derivativeShown = config.showDerivative;
    this.comparing = config.compare !== null;
    this.compareList = config.compare ?? [...ACTIVATIONS];
    this.slope = config.leakySlope;
    this.layerKind = config.layer;
    this.layerSeed = config.seed;
  }

  /** Puts the settings in the URL and tells listeners; called after every change a student makes. */
  private changed(): void {
    this.keepSettings({
      activation: this.selected,
      input: this.z,
      mode: this.view,
      showDerivative: this.derivativeShown,
      compare: this.comparing ? this.compareList : null,
      leakySlope: this.slope,
      layer: this.layerKind,
      seed: this.layerSeed,
    });
    const detail: ActivationExplorerChangeDetail = {
      activation: this.selected,
      z: this.z,
      value: activate(this.selected, this.z, this.slope),
      slope: derivative(this.selected, this.z, this.slope),
    };
    this.dispatchEvent(new CustomEvent<ActivationExplorerChangeDetail>('activation-explorer-change', { detail, bubbles: true, composed: true }));
  }

  // ---- handlers ------------------------------------------------------------------------------------------------

  private handleMode(mode: Mode): void {
    this.view = mode;
    this.changed();
  }

  private handleActivation(event: Event): void {
    this.selected = (event.target as HTMLSelectElement).value as ActivationName;
    this.changed();
  }

  private handleInput(event: Event): void {
    this.z = snap(Number((event.target as HTMLInputElement).value), INPUT_STEP);
    this.changed();
  }

  private handleSlope(event: Event): void {
    this.slope = snap(Number((event.target as HTMLInputElement).value), LEAKY_SLOPE_STEP);
    this.changed();
  }

  private handleDerivativeToggle(): void {
    this.derivativeShown = !this.derivativeShown;
    this.changed();
  }

  private handleCompareToggle(): void {
    this.comparing = !this.comparing;
    this.changed();
  }

  private handleLayerToggle(): void {
    this.layerKind = this.layerKind === 'random' ? 'identity' : 'random';
    this.changed();
  }

  private handleNewLayer(): void {
    this.layerKind = 'random';
    this.layerSeed += 1;
    this.changed();
  }

  /** Dragging on the plot moves z (measured from the SVG's box on screen, so reveal's scaling does not matter). */
  private handlePlotPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    const target = event.currentTarget as SVGElement;
    target.setPointerCapture?.(event.pointerId);
    this.dragPointer = event.pointerId;
    this.moveToPointer(event);
    // The slider is the keyboard's way to z: give it focus so arrow keys go on from here.
    this.renderRoot.querySelector<HTMLInputElement>('#input-z')?.focus({ preventScroll: true });
  }

  private handlePlotPointerMove(event: PointerEvent): void {
    if (event.pointerId !== this.dragPointer) return;
    event.preventDefault();
    this.moveToPointer(event);
  }

  private handlePlotPointerUp(event: PointerEvent): void {
    if (event.pointerId !== this.dragPointer) return;
    this.dragPointer = undefined;
  }

  private moveToPointer(event: PointerEvent): void {
    const svgElement = (event.currentTarget as SVGElement).ownerSVGElement;
    if (!svgElement) return;
    const box = svgElement.getBoundingClientRect();
    const viewBox = svgElement.viewBox.baseVal;
    // Screen pixels → SVG units: the SVG keeps its viewBox's aspect (height: auto), so one factor per axis.
    const x = viewBox.x + ((event.clientX - box.left) * viewBox.width) / box.width;
    const z = plotXScale().invert(x);
    const clamped = Math.min(INPUT_RANGE.max, Math.max(INPUT_RANGE.min, z));
    const next = snap(clamped, INPUT_STEP);
    if (next === this.z) return;
    this.z = next;
    this.changed();
  }

  // ---- rendering ---------------------------------------------------------------------------------------------------

  /** The state the 1-D views draw. */
  private explorerView(): ExplorerView {
    const { selected, z, slope, derivativeShown, comparing, compareList } = this;
    return { selected, z, slope, derivativeShown, comparing, compareList };
  }

  private renderModeButtons() {
    return html`
      <div class="row" role="group" aria-label="view">
        <button aria-pressed=${this.view === '1-d' ? 'true' : 'false'} @click=${() => this.handleMode('1-d')}>1-D</button>
        <button aria-pressed=${this.view === '2-d' ? 'true' : 'false'} @click=${() => this.handleMode('2-d')}>2-D</button>
      </div>
    `;
  }

  /** One row of the controls' grid: the slider named `name`, its label, and its value to 2 decimals. */
  private renderSlider(id: string, name: string, range: NumberRange, step: number, value: number, onInput: (event: Event) => void) {
    return html`
      <label for=${id}>${name}</label>
      <input id=${id} type="range" aria-label=${name} aria-valuetext=${formatNumber(value, 2)}
        min=${range.min} max=${range.max} step=${step} .value=${String(value)} @input=${onInput} />
      <span class="value" aria-hidden="true">${formatNumber(value, 2)}</span>
    `;
  }

  private renderControls() {
    const leakyShown = this.selected === 'leaky-relu' || (this.comparing && this.compareList.includes('leaky-relu'));
    return html`
      <div class="controls">
        <label for="activation">activation</label>
        <select id="activation" aria-label="activation" .value=${this.selected} @change=${this.handleActivation}>
          ${ACTIVATIONS.map((name) => html`<option value=${name} ?selected=${name === this.selected}>${activationInfo(name, this.slope).label}</option>`)}
        </select>
        <span></span>
        ${this.view === '1-d' ? this.renderSlider('input-z', 'input z', INPUT_RANGE, INPUT_STEP, this.z, this.handleInput) : nothing}
        ${leakyShown ? this.renderSlider('leaky-slope', 'leaky slope', LEAKY_SLOPE_RANGE, LEAKY_SLOPE_STEP, this.slope, this.handleSlope) : nothing}
      </div>
    `;
  }

  private renderStatus1d() {
    const info = activationInfo(this.selected, this.slope);
    const fz = activate(this.selected, this.z, this.slope);
    const dfz = derivative(this.selected, this.z, this.slope);
    const note = derivativeNote(this.selected, this.z, this.slope);
    return html`
      <div role="status" aria-live="polite">
        <p class="big">z = ${formatNumber(this.z, 2)}</p>
        <p>f(z) = ${formatNumber(fz)} <span class="sr-only">for ${info.label}</span></p>
        <p>f′(z) = ${formatNumber(dfz)}</p>
        ${note ? html`<p class="note">${note}</p>` : nothing}
      </div>
    `;
  }

  private renderCompareTable() {
    if (!this.comparing) return nothing;
    return html`
      <table>
        <caption class="sr-only">f(z) and f′(z) of each activation at z = ${formatNumber(this.z, 2)}</caption>
        <thead><tr><th scope="col">activation</th><th scope="col">f(z)</th><th scope="col">f′(z)</th></tr></thead>
        <tbody>
          ${this.compareList.map(
            (name) => html`<tr class=${name === this.selected ? 'current' : ''}>
              <td>${activationInfo(name, this.slope).label}</td>
              <td>${formatNumber(activate(name, this.z, this.slope))}</td>
              <td>${formatNumber(derivative(name, this.z, this.slope))}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private render1d() {
    const info = activationInfo(this.selected, this.slope);
    const view = this.explorerView();
    return html`
      <div class="layout">
        <figure>
          ${renderPlot(view, this.plotPointer)}
          ${renderLegend(view)}
        </figure>
        <div class="panel">
          ${this.renderModeButtons()}
          ${this.renderControls()}
          <div class="row">
            <button aria-pressed=${this.derivativeShown ? 'true' : 'false'} @click=${this.handleDerivativeToggle}>Show derivative</button>
            <button aria-pressed=${this.comparing ? 'true' : 'false'} @click=${this.handleCompareToggle}>Compare activations</button>
          </div>
          ${this.comparing
            ? nothing // the table below compares f and f′ of every activation: no room for the formulas as well
            : html`<div class="formula">
                <p><span class="sr-only">${info.formulaText}</span><span class="tex" aria-hidden="true">${tex(info.formula, true, 'html')}</span></p>
                ${this.derivativeShown
                  ? html`<p><span class="sr-only">${info.derivativeText}</span><span aria-hidden="true"><span class="tex">${tex(info.derivativeFormula, true, 'html')}</span>, ${info.derivativeNote}</span></p>`
                  : nothing}
              </div>`}
          ${this.renderStatus1d()}
          ${this.renderCompareTable()}
        </div>
      </div>
    `;
  }

  private currentLayer(): LinearLayer {
    return this.layerKind === 'identity' ? IDENTITY_LAYER : randomLayer(this.layerSeed);
  }

  private render2d() {
    const layer = this.currentLayer();
    const info = activationInfo(this.selected, this.slope);
    const picture = planePicture(this.selected, this.slope, layer);
    const { summary } = picture;
    const identity = this.layerKind === 'identity';
    const [[w11, w12], [w21, w22]] = layer.weights;
    const n = (v: number) => formatNumber(v, 2);
    const range = (r: [number, number]) => `${formatNumber(r[0], 2)} … ${formatNumber(r[1], 2)}`;
    return html`
      <div class="layout plane">
        ${renderPlaneFigure(picture, this.selected, this.slope, identity ? 'h = x' : 'h = W x + b')}
        <div class="panel">
          ${this.renderModeButtons()}
          ${this.renderControls()}
          <div class="row">
            <button aria-pressed=${identity ? 'false' : 'true'} @click=${this.handleLayerToggle}>Random layer W x + b</button>
            <button @click=${this.handleNewLayer}>New W, b</button>
          </div>
          <p class="layer-text">${identity
            ? html`No layer: the grid x ∈ [−2, 2]² itself.`
            : html`W = [[${n(w11)}, ${n(w12)}], [${n(w21)}, ${n(w22)}]], b = [${n(layer.bias[0])}, ${n(layer.bias[1])}] (seed ${this.layerSeed}), on the grid x ∈ [−2, 2]²`}</p>
          <p class="formula"><span class="sr-only">${info.formulaText}, applied to each coordinate of h.</span><span aria-hidden="true"><span class="tex">${tex(info.formula, true, 'html')}</span>, applied to each coordinate of h.</span></p>
          <div role="status" aria-live="polite">
            <p>${summary.onAxis} of ${summary.count} points on an axis, ${summary.atOrigin} at the origin</p>
            <p>f(h₁) in ${range(summary.xRange)}, f(h₂) in ${range(summary.yRange)}</p>
            <p class="note">${planeNote(this.selected, info.range)}</p>
          </div>
        </div>
      </div>
    `;
  }

  override render() {
    return html`
      ${this.renderWarnings()}
      ${this.view === '1-d' ? this.render1d() : this.render2d()}
    `;
  }
}

customElements.define('activation-explorer', ActivationExplorer);

declare global {
  interface HTMLElementTagNameMap {
    'activation-explorer': ActivationExplorer;
  }
  interface HTMLElementEventMap {
    'activation-explorer-change': CustomEvent<ActivationExplorerChangeDetail>;
  }
}
