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
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { HandoutWidget } from '../shared/handout.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import {
  ACTIVATIONS,
  IDENTITY_LAYER,
  INPUT_RANGE,
  INPUT_STEP,
  LEAKY_SLOPE_RANGE,
  LEAKY_SLOPE_STEP,
  activate,
  activate2d,
  activationCurves,
  activationInfo,
  applyLayer,
  derivative,
  derivativeNote,
  formatNumber,
  gridLines,
  gridPoints,
  explorerSettings,
  plotRange,
  randomLayer,
  signPattern,
  snap,
  summarizePlane,
  viewExtent,
  type ActivationName,
  type Curve,
  type LayerKind,
  type LinearLayer,
  type Mode,
  type Point2,
  type SignPattern,
} from './activation-explorer.model.ts';
import { warningStyles } from '../shared/warning.ts';

/** The 1-D plot's geometry in SVG units (about CSS pixels at the widget's usual size). */
const PLOT = { width: 640, height: 430, left: 58, right: 14, top: 14, bottom: 52 } as const;
/** The 2-D view: two square panels side by side. */
const PLANE = { size: 290, left: 46, gap: 76, top: 40, bottom: 44, right: 8 } as const;

/** Colour and dash of each activation when several are compared (Okabe & Ito's colour-blind-safe set). */
const CURVE_STYLES: Record<ActivationName, { colour: string; dash: string }> = {
  threshold: { colour: '#56B4E9', dash: '3 5' },
  sigmoid: { colour: '#0072B2', dash: '' },
  tanh: { colour: '#D55E00', dash: '12 5' },
  relu: { colour: '#009E73', dash: '' },
  'leaky-relu': { colour: '#CC79A7', dash: '6 4' },
  gelu: { colour: '#E69F00', dash: '14 4 3 4' },
};

/** The 2-D view colours each point by the signs of its pre-activation h (ReLU keeps only h₁ > 0, h₂ > 0). */
const SIGN_STYLES: Record<SignPattern, { colour: string; label: string }> = {
  '++': { colour: '#009E73', label: 'h₁ > 0, h₂ > 0' },
  '-+': { colour: '#0072B2', label: 'h₁ ≤ 0, h₂ > 0' },
  '--': { colour: '#D55E00', label: 'h₁ ≤ 0, h₂ ≤ 0' },
  '+-': { colour: '#CC79A7', label: 'h₁ > 0, h₂ ≤ 0' },
};

/** Detail of `activation-explorer-change`. */
export interface ActivationExplorerChangeDetail {
  activation: ActivationName;
  z: number;
  value: number;
  slope: number;
}

export class ActivationExplorer extends LitElement implements HandoutWidget {
  static override styles = [
    warningStyles,
    css`
    :host {
      display: block;
      max-width: 1180px;
      margin: 0 auto;
      font-size: 20px;
      line-height: 1.3;
      color: inherit;
      text-align: left;
      --ae-accent: var(--axon-accent, #1d4ed8);
      --ae-accent-2: var(--axon-accent-2, #b45309);
      --ae-bg: var(--axon-bg, #ffffff);
    }
    .layout { display: grid; grid-template-columns: minmax(0, 640px) minmax(0, 1fr); gap: 0 24px; align-items: start; }
    .layout.plane { grid-template-columns: minmax(0, 704px) minmax(0, 1fr); }
    figure { margin: 0; }
    svg.plot { display: block; width: 100%; height: auto; overflow: visible; touch-action: none; user-select: none; }
    svg text { fill: currentColor; font-family: inherit; }
    .tick-label { font-size: 17px; font-variant-numeric: tabular-nums; }
    .axis-label { font-size: 19px; font-style: italic; }
    .axis { stroke: currentColor; stroke-width: 1.5; }
    .zero { stroke: currentColor; stroke-opacity: 0.35; stroke-width: 1.2; }
    .frame { fill: none; stroke: currentColor; stroke-opacity: 0.6; stroke-width: 1.2; }
    .curve { fill: none; stroke-width: 3.5; stroke-linejoin: round; stroke-linecap: round; }
    .curve.value { stroke: var(--ae-accent); }
    .curve.slope { stroke: var(--ae-accent-2); stroke-dasharray: 9 6; stroke-width: 3; }
    .curve.other { stroke-width: 2.2; opacity: 0.75; }
    .curve.other.slope { stroke-width: 1.6; }
    .curve.chosen { stroke-width: 5; }
    .tangent { stroke: currentColor; stroke-opacity: 0.8; stroke-width: 2.5; stroke-dasharray: 5 4; }
    .guide { stroke: currentColor; stroke-opacity: 0.45; stroke-width: 1.2; stroke-dasharray: 3 4; }
    .dot { stroke: var(--ae-bg); stroke-width: 2; }
    .jump { stroke-width: 2.5; }
    .jump.open { fill: var(--ae-bg); }
    .hit { fill: transparent; cursor: ew-resize; }
    .panel { display: flex; flex-direction: column; gap: 0.45em; min-width: 0; }
    .row { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; }
    .controls { display: grid; grid-template-columns: max-content minmax(5em, 1fr) 4.2em; align-items: center; gap: 0.35em 0.6em; }
    .controls .value { text-align: right; font-variant-numeric: tabular-nums; }
    input[type='range'] { width: 100%; min-height: 1.6em; margin: 0; accent-color: var(--ae-accent); }
    select, button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 2px solid currentColor;
      border-radius: 6px;
      padding: 0.1em 0.5em;
    }
    select option { color: #000; background: #fff; }
    button { cursor: pointer; min-height: 1.9em; }
    button[aria-pressed='true'] { background: var(--ae-accent); border-color: var(--ae-accent); color: var(--ae-bg); font-weight: 700; }
    :is(input, select, button):focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
    .formula { margin: 0; font-size: 0.9em; }
    .formula p { margin: 0 0 0.15em; }
    [role='status'] { font-variant-numeric: tabular-nums; margin: 0; }
    [role='status'] p { margin: 0 0 0.15em; }
    .big { font-size: 1.15em; font-weight: 700; }
    .note { font-size: 0.9em; border-left: 4px solid var(--ae-accent-2); padding-left: 0.4em; }
    table { border-collapse: collapse; font-size: 0.85em; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.05em 0.5em; text-align: right; border-bottom: 1px solid color-mix(in srgb, currentColor 30%, transparent); }
    th:first-child, td:first-child { text-align: left; }
    tr.current { font-weight: 700; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.1em 0.9em; margin: 0; padding: 0; list-style: none; font-size: 0.85em; }
    .swatch { display: inline-block; vertical-align: middle; margin-right: 0.3em; }
    .layer-text { font-size: 0.85em; margin: 0; font-variant-numeric: tabular-nums; }
    .sr-only {
      position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
      clip: rect(0 0 0 0); white-space: nowrap; border: 0;
    }
  `];

  static override properties = {
    ...explorerSettings.properties,
    selected: { state: true },
    z: { state: true },
    view: { state: true },
    derivativeShown: { state: true },
    comparing: { state: true },
    slope: { state: true },
    layerKind: { state: true },
    layerSeed: { state: true },
  };

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

  private warnings: string[] = [];
  /** The activations compared (from `compare`, else all six). */
  private compareList: ActivationName[] = [...ACTIVATIONS];
  /** The pointer dragging z on the plot, if any. */
  private dragPointer: number | undefined;
  /** Keeps the handout contract: the first render is this widget's handout state. */
  private readonly handout = new HandoutLatch(this, { firstRender: true });

  /** Resolves once the widget shows its handout state (for this widget: its first render). */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

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

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update reads too: with no attribute written no property changes, but the URL may hold values.
    if (!this.hasUpdated || explorerSettings.touches(changed)) this.readSettings();
  }

  /** Nothing to run: the first render is the handout state (components/shared/handout.ts). */
  settle(): Promise<void> {
    return this.handout.settle();
  }

  /** Attributes, overridden by what the URL holds for this widget; bad values of either are named. */
  private readSettings(): void {
    const { values: config, warnings } = explorerSettings.resolve(this);
    this.warnings = warnings;
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
    explorerSettings.keep(this, {
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
    const z = this.xScale().invert(x);
    const clamped = Math.min(INPUT_RANGE.max, Math.max(INPUT_RANGE.min, z));
    const next = snap(clamped, INPUT_STEP);
    if (next === this.z) return;
    this.z = next;
    this.changed();
  }

  // ---- rendering ---------------------------------------------------------------------------------------------------

  private xScale(): ScaleLinear<number, number> {
    return scaleLinear().domain([INPUT_RANGE.min, INPUT_RANGE.max]).range([PLOT.left, PLOT.width - PLOT.right]);
  }

  /** The activations drawn: the compared ones (the chosen one last, on top), or the chosen one. */
  private shownActivations(): ActivationName[] {
    if (!this.comparing) return [this.selected];
    const others = this.compareList.filter((name) => name !== this.selected);
    return [...others, this.selected];
  }

  private renderCurve(curve: Curve, cls: string, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, colour?: string, dash?: string) {
    const [low, high] = y.domain() as [number, number];
    const clampY = (v: number) => y(Math.max(low - 1, Math.min(high + 1, v)));
    return svg`
      ${curve.pieces.map(
        (piece) => svg`<polyline class="curve ${cls}" points=${piece.map(([z, v]) => `${x(z).toFixed(1)},${clampY(v).toFixed(1)}`).join(' ')}
          style=${colour ? `stroke:${colour}` : ''} stroke-dasharray=${dash === undefined ? nothing : dash || 'none'}></polyline>`,
      )}
      ${curve.markers.map(
        (m) => svg`<circle class="jump ${m.filled ? 'filled' : 'open'}" cx=${x(m.z)} cy=${y(m.y)} r="6"
          style="stroke:${colour ?? (cls.includes('slope') ? 'var(--ae-accent-2)' : 'var(--ae-accent)')};${m.filled ? `fill:${colour ?? (cls.includes('slope') ? 'var(--ae-accent-2)' : 'var(--ae-accent)')}` : ''}"></circle>`,
      )}
    `;
  }

  private renderPlot() {
    const shown = this.shownActivations();
    const curves = shown.map((name) => ({ name, ...activationCurves(name, this.slope) }));
    const drawn = curves.flatMap((c) => (this.derivativeShown ? [c.value, c.slope] : [c.value]));
    const x = this.xScale();
    const y = scaleLinear().domain(plotRange(drawn)).range([PLOT.height - PLOT.bottom, PLOT.top]);
    const [left, right] = x.range() as [number, number];
    const [bottom, top] = y.range() as [number, number];
    const fz = activate(this.selected, this.z, this.slope);
    const dfz = derivative(this.selected, this.z, this.slope);
    const zx = x(this.z);
    // The tangent at z: slope f′(z), 1.5 units of z each side.
    const tangent = Number.isFinite(dfz)
      ? svg`<line class="tangent" x1=${x(this.z - 1.5)} y1=${y(fz - 1.5 * dfz)} x2=${x(this.z + 1.5)} y2=${y(fz + 1.5 * dfz)}></line>`
      : nothing;
    const single = !this.comparing;
    const clipId = 'ae-plot-clip';
    const label = activationInfo(this.selected, this.slope).label;
    return html`
      <svg class="plot" viewBox="0 0 ${PLOT.width} ${PLOT.height}" role="img"
        aria-label="Plot of ${shown.map((name) => activationInfo(name, this.slope).label).join(', ')}${this.derivativeShown ? ' and derivatives' : ''} for z from −5 to 5; at z = ${formatNumber(this.z, 2)}, ${label} = ${formatNumber(fz)}, slope ${formatNumber(dfz)}">
        <defs><clipPath id=${clipId}><rect x=${left} y=${top} width=${right - left} height=${bottom - top}></rect></clipPath></defs>
        <rect class="frame" x=${left} y=${top} width=${right - left} height=${bottom - top}></rect>
        ${y.domain()[0]! < 0 && y.domain()[1]! > 0 ? svg`<line class="zero" x1=${left} x2=${right} y1=${y(0)} y2=${y(0)}></line>` : nothing}
        <line class="zero" x1=${x(0)} x2=${x(0)} y1=${top} y2=${bottom}></line>
        ${x.ticks(10).map(
          (t) => svg`
            <line class="axis" x1=${x(t)} x2=${x(t)} y1=${bottom} y2=${bottom + 6}></line>
            <text class="tick-label" x=${x(t)} y=${bottom + 24} text-anchor="middle">${formatTick(t)}</text>`,
        )}
        ${y.ticks(6).map(
          (t) => svg`
            <line class="axis" x1=${left - 6} x2=${left} y1=${y(t)} y2=${y(t)}></line>
            <text class="tick-label" x=${left - 10} y=${y(t) + 6} text-anchor="end">${formatTick(t)}</text>`,
        )}
        <text class="axis-label" x=${(left + right) / 2} y=${bottom + 48} text-anchor="middle">z</text>
        <g clip-path="url(#${clipId})">
          <line class="guide" x1=${zx} x2=${zx} y1=${top} y2=${bottom}></line>
          ${curves.map(({ name, value, slope }) => {
            const style = CURVE_STYLES[name];
            const isSelected = name === this.selected;
            if (single) {
              return svg`${this.derivativeShown ? this.renderCurve(slope, 'slope', x, y) : nothing}${this.renderCurve(value, 'value', x, y)}`;
            }
            const cls = isSelected ? ' chosen' : ' other';
            return svg`
              ${this.derivativeShown ? this.renderCurve(slope, `slope${cls}`, x, y, style.colour, '3 5') : nothing}
              ${this.renderCurve(value, `value${cls}`, x, y, style.colour, style.dash)}`;
          })}
          ${this.derivativeShown ? tangent : nothing}
          ${this.derivativeShown && Number.isFinite(dfz) ? svg`<circle class="dot" cx=${zx} cy=${y(dfz)} r="8" style="fill:var(--ae-accent-2)"></circle>` : nothing}
          <circle class="dot" cx=${zx} cy=${y(fz)} r="9" style="fill:${single ? 'var(--ae-accent)' : CURVE_STYLES[this.selected].colour}"></circle>
        </g>
        <rect class="hit" x=${left} y=${top} width=${right - left} height=${bottom - top} aria-hidden="true"
          @pointerdown=${this.handlePlotPointerDown} @pointermove=${this.handlePlotPointerMove}
          @pointerup=${this.handlePlotPointerUp} @pointercancel=${this.handlePlotPointerUp}></rect>
      </svg>
    `;
  }

  private renderLegend() {
    const line = (colour: string, dash: string, width = 3.5) =>
      html`<svg class="swatch" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true"><line x1="2" y1="7" x2="38" y2="7" stroke=${colour} stroke-width=${width} stroke-dasharray=${dash || 'none'}></line></svg>`;
    if (!this.comparing) {
      return html`<ul class="legend" aria-label="legend">
        <li>${line('var(--ae-accent)', '')}f(z)</li>
        ${this.derivativeShown ? html`<li>${line('var(--ae-accent-2)', '9 6', 3)}f′(z)</li><li>${line('currentColor', '4 4', 2)}tangent at z</li>` : nothing}
      </ul>`;
    }
    return html`<ul class="legend" aria-label="legend">
      ${this.compareList.map((name) => html`<li>${line(CURVE_STYLES[name].colour, CURVE_STYLES[name].dash)}${activationInfo(name, this.slope).label}</li>`)}
      ${this.derivativeShown ? html`<li>${line('currentColor', '3 5', 2)}derivatives</li>` : nothing}
    </ul>`;
  }

  private renderModeButtons() {
    return html`
      <div class="row" role="group" aria-label="view">
        <button aria-pressed=${this.view === '1-d' ? 'true' : 'false'} @click=${() => this.handleMode('1-d')}>1-D</button>
        <button aria-pressed=${this.view === '2-d' ? 'true' : 'false'} @click=${() => this.handleMode('2-d')}>2-D</button>
      </div>
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
        ${this.view === '1-d'
          ? html`
              <label for="input-z">input z</label>
              <input id="input-z" type="range" aria-label="input z" aria-valuetext=${formatNumber(this.z, 2)}
                min=${INPUT_RANGE.min} max=${INPUT_RANGE.max} step=${INPUT_STEP} .value=${String(this.z)} @input=${this.handleInput} />
              <span class="value" aria-hidden="true">${formatNumber(this.z, 2)}</span>
            `
          : nothing}
        ${leakyShown
          ? html`
              <label for="leaky-slope">leaky slope</label>
              <input id="leaky-slope" type="range" aria-label="leaky slope" aria-valuetext=${formatNumber(this.slope, 2)}
                min=${LEAKY_SLOPE_RANGE.min} max=${LEAKY_SLOPE_RANGE.max} step=${LEAKY_SLOPE_STEP} .value=${String(this.slope)} @input=${this.handleSlope} />
              <span class="value" aria-hidden="true">${formatNumber(this.slope, 2)}</span>
            `
          : nothing}
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
    return html`
      <div class="layout">
        <figure>
          ${this.renderPlot()}
          ${this.renderLegend()}
        </figure>
        <div class="panel">
          ${this.renderModeButtons()}
          ${this.renderControls()}
          <div class="row">
            <button aria-pressed=${this.derivativeShown ? 'true' : 'false'} @click=${this.handleDerivativeToggle}>Show derivative</button>
            <button aria-pressed=${this.comparing ? 'true' : 'false'} @click=${this.handleCompareToggle}>Compare activations</button>
          </div>
          <div class="formula">
            <p>${info.formula}</p>
            ${this.derivativeShown ? html`<p>${info.derivativeFormula}</p>` : nothing}
          </div>
          ${this.renderStatus1d()}
          ${this.renderCompareTable()}
        </div>
      </div>
    `;
  }

  /** One square panel of the 2-D view: grid lines and points, axes through the origin, an optional box. */
  private renderPlane(left: number, title: string, lines: Point2[][], points: Array<{ at: Point2; sign: SignPattern }>, box: [number, number] | null, extent: number) {
    const size = PLANE.size;
    const top = PLANE.top;
    const x = scaleLinear().domain([-extent, extent]).range([left, left + size]);
    const y = scaleLinear().domain([-extent, extent]).range([top + size, top]);
    const ticks = x.ticks(4);
    return svg`
      <text class="axis-label" x=${left + size / 2} y=${top - 14} text-anchor="middle" font-style="normal">${title}</text>
      <rect class="frame" x=${left} y=${top} width=${size} height=${size}></rect>
      <line class="zero" x1=${left} x2=${left + size} y1=${y(0)} y2=${y(0)}></line>
      <line class="zero" x1=${x(0)} x2=${x(0)} y1=${top} y2=${top + size}></line>
      ${ticks.map(
        (t) => svg`
          <text class="tick-label" x=${x(t)} y=${top + size + 22} text-anchor="middle">${formatTick(t)}</text>
          <text class="tick-label" x=${left - 8} y=${y(t) + 6} text-anchor="end">${formatTick(t)}</text>`,
      )}
      ${box
        ? svg`<rect class="frame" x=${x(box[0])} y=${y(box[1])} width=${x(box[1]) - x(box[0])} height=${y(box[0]) - y(box[1])}
            style="stroke:var(--ae-accent-2);stroke-width:2.5;stroke-dasharray:8 5;stroke-opacity:1"></rect>`
        : nothing}
      ${lines.map((line) => svg`<polyline points=${line.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}
        fill="none" stroke="currentColor" stroke-opacity="0.35" stroke-width="1.3"></polyline>`)}
      ${points.map(({ at, sign }) => svg`<circle cx=${x(at[0]).toFixed(1)} cy=${y(at[1]).toFixed(1)} r="5" fill=${SIGN_STYLES[sign].colour}
        stroke="var(--ae-bg)" stroke-width="1"></circle>`)}
    `;
  }

  private currentLayer(): LinearLayer {
    return this.layerKind === 'identity' ? IDENTITY_LAYER : randomLayer(this.layerSeed);
  }

  private render2d() {
    const layer = this.currentLayer();
    const info = activationInfo(this.selected, this.slope);
    const f = (h: Point2) => activate2d(this.selected, h, this.slope);
    const before = gridPoints().map((x) => applyLayer(layer, x));
    const after = before.map(f);
    const linesBefore = gridLines().map((line) => line.map((x) => applyLayer(layer, x)));
    const linesAfter = linesBefore.map((line) => line.map(f));
    const signs = before.map(signPattern);
    const summary = summarizePlane(after);
    // Unbounded activations keep the scale of h, so the fold is seen at its true size; bounded ones zoom in on their box.
    const extentBefore = viewExtent(before);
    const extentAfter = info.range ? viewExtent([...after, [info.range[0], info.range[0]], [info.range[1], info.range[1]]]) : extentBefore;
    const leftB = PLANE.left;
    const leftA = PLANE.left + PLANE.size + PLANE.gap;
    const width = leftA + PLANE.size + PLANE.right;
    const height = PLANE.top + PLANE.size + PLANE.bottom;
    const identity = this.layerKind === 'identity';
    const hName = identity ? 'h = x' : 'h = W x + b';
    const [[w11, w12], [w21, w22]] = layer.weights;
    const n = (v: number) => formatNumber(v, 2);
    const range = (r: [number, number]) => `${formatNumber(r[0], 2)} … ${formatNumber(r[1], 2)}`;
    return html`
      <div class="layout plane">
        <figure>
          <svg class="plot" viewBox="0 0 ${width} ${height}" role="img"
            aria-label="Before: the grid after ${hName}. After: ${info.label} applied to each coordinate; ${summary.onAxis} of ${summary.count} points on an axis">
            ${this.renderPlane(leftB, `before: ${hName}`, linesBefore, before.map((at, i) => ({ at, sign: signs[i]! })), null, extentBefore)}
            ${this.renderPlane(leftA, `after: ${info.label}(h)`, linesAfter, after.map((at, i) => ({ at, sign: signs[i]! })), info.range, extentAfter)}
            <text x=${leftB + PLANE.size + PLANE.gap / 2} y=${PLANE.top + PLANE.size / 2 - 8} text-anchor="middle" font-size="30">→</text>
            <text x=${leftB + PLANE.size + PLANE.gap / 2} y=${PLANE.top + PLANE.size / 2 + 20} text-anchor="middle" class="tick-label">f</text>
          </svg>
          <ul class="legend" aria-label="legend: colour = signs of h">
            ${(Object.keys(SIGN_STYLES) as SignPattern[]).map(
              (sign) => html`<li><svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill=${SIGN_STYLES[sign].colour}></circle></svg>${SIGN_STYLES[sign].label}</li>`,
            )}
          </ul>
        </figure>
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
          <p class="formula">${info.formula}, applied to each coordinate of h.</p>
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
      ${this.warnings.length ? html`<p class="warning" role="alert">&lt;activation-explorer&gt; ${this.warnings.join('; ')}</p>` : nothing}
      ${this.view === '1-d' ? this.render1d() : this.render2d()}
    `;
  }
}

/** What the 2-D picture teaches for each activation. */
function planeNote(name: ActivationName, range: [number, number] | null): string {
  switch (name) {
    case 'relu':
      return 'ReLU folds every negative coordinate to 0: three quadrants land on the axes.';
    case 'leaky-relu':
      return 'Leaky ReLU squeezes negative coordinates by the slope instead of folding them to 0.';
    case 'threshold':
      return 'The threshold sends every point to a corner of the square {0, 1}².';
    case 'gelu':
      return 'GELU is nearly ReLU, but smooth: negative coordinates shrink toward 0 (never below −0.17).';
    default:
      return `${name} squashes the plane into the box (${formatTick(range?.[0] ?? 0)}, ${formatTick(range?.[1] ?? 1)})² (dashed).`;
  }
}

/** Tick labels: whole numbers plain, others to one decimal, with a true minus sign. */
function formatTick(value: number): string {
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return text.replace('-', '−');
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
