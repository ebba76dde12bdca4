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
import katex from 'katex';
import katexCss from 'katex/dist/katex.min.css?inline';
import { LitElement, css, html, nothing, svg, unsafeCSS, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { getEngine } from '../../engine/runtime.ts';
import '../shared/code-panel.ts';
import type { HandoutWidget } from '../shared/handout.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import { computeWalkthrough } from './backprop-walkthrough.compute.ts';
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  DEFAULT_SETTINGS,
  NUMBER_FIELDS,
  STEPS,
  STEP_COUNT,
  appendHistory,
  clampPosition,
  formatField,
  formatNumber,
  nextIteration,
  parseField,
  walkthroughSettings,
  pytorchCode,
  rangeOf,
  revealPosition,
  stepAt,
  type DiagramEdge,
  type DiagramNode,
  type LossHistoryEntry,
  type NumberSetting,
  type Phase,
  type WalkthroughActivation,
  type WalkthroughSettings,
  type WalkthroughStep,
  type WalkthroughValues,
} from './backprop-walkthrough.model.ts';

/** Detail of `backprop-walkthrough-change`. */
export interface BackpropWalkthroughChangeDetail {
  settings: WalkthroughSettings;
  values: WalkthroughValues;
}

/** KaTeX's fonts are declared by the page (a deck loads them); in a shadow root @font-face is ignored. */
const FONT_FACES = katexCss.match(/@font-face\s*\{[^}]*\}/g) ?? [];
const KATEX_STYLES = unsafeCSS(katexCss.replace(/@font-face\s*\{[^}]*\}/g, ''));

/** Outside a deck nobody declares KaTeX's fonts: declare them once on the page. */
function ensureKatexFonts(): void {
  if (typeof document === 'undefined' || document.querySelector('style[data-axon-katex-fonts]')) return;
  const declared = Array.from(document.fonts as unknown as Iterable<FontFace>).some((face) => face.family.replace(/["']/g, '') === 'KaTeX_Main');
  if (declared) return;
  const style = document.createElement('style');
  style.dataset.axonKatexFonts = '';
  style.textContent = FONT_FACES.join('\n');
  document.head.append(style);
}

/** The diagram's geometry in SVG units (about slide pixels at the widget's usual width). */
const DIAGRAM = { width: 720, height: 238, rowY: 146, nodeR: 24, paramY: 40, paramW: 104, paramH: 62 } as const;
const NODE_X: Record<'x' | 'z1' | 'v' | 'yhat' | 'L', number> = { x: 44, z1: 240, v: 400, yhat: 560, L: 678 };
const PARAM_X: Record<'w1' | 'b1' | 'w2' | 'b2' | 'y', number> = { w1: 124, b1: 240, w2: 448, b2: 562, y: 678 };
const NODE_LABELS: Record<DiagramNode, string> = { x: 'x', z1: 'z₁', v: 'v', yhat: 'ŷ', L: 'L', y: 'y', w1: 'w₁', b1: 'b₁', w2: 'w₂', b2: 'b₂' };

/** Which gradient each node and parameter shows below it, and which value above (by quantity). */
const NODE_VALUE: Partial<Record<DiagramNode, keyof WalkthroughValues>> = { z1: 'z1', v: 'v', yhat: 'yhat', L: 'loss' };
const NODE_GRADIENT: Partial<Record<DiagramNode, keyof WalkthroughValues>> = {
  z1: 'dLdz1', v: 'dLdv', yhat: 'dLdyhat', w1: 'dLdw1', b1: 'dLdb1', w2: 'dLdw2', b2: 'dLdb2',
};
const PARAM_NEXT: Record<'w1' | 'b1' | 'w2' | 'b2', keyof WalkthroughValues> = { w1: 'w1Next', b1: 'b1Next', w2: 'w2Next', b2: 'b2Next' };

/** The table's two halves: the forward pass and the update, then the gradients. */
const TABLES: ReadonlyArray<{ caption: string; quantities: ReadonlyArray<keyof WalkthroughValues> }> = [
  { caption: 'Forward pass and update', quantities: ['z1', 'v', 'yhat', 'loss', 'w1Next', 'b1Next', 'w2Next', 'b2Next'] },
  { caption: 'Backward pass', quantities: ['dLdyhat', 'dLdw2', 'dLdb2', 'dLdv', 'dLdz1', 'dLdw1', 'dLdb1'] },
];

/** The chain as a whole, shown before the first step. */
const OVERVIEW_TEX = 'x \\to z_1 = w_1 x + b_1 \\to v = f(z_1) \\to \\hat{y} = w_2 v + b_2 \\to L = (\\hat{y} - y)^2';

/** Why a computation runs: a new start (attributes or an edit) restarts the history; an update extends it. */
type Reason = 'restart' | 'update';

export class BackpropWalkthrough extends LitElement implements HandoutWidget {
  static override styles = [
    KATEX_STYLES,
    css`
      :host {
        display: block;
        max-width: 1200px;
        margin: 0 auto;
        /* ~20px on a 32px slide: readable from the back, and the whole walkthrough fits under a heading. */
        font-size: max(16px, 0.62em);
        line-height: 1.3;
        color: inherit;
        text-align: left;
        --bw-forward: var(--axon-accent, #1d4ed8);
        --bw-gradient: var(--axon-accent-2, #b45309);
        --bw-update: var(--axon-callout-tip, #047857);
        --bw-bg: var(--axon-bg, #ffffff);
      }
      .warning, .error {
        border: 2px solid #b45309;
        background: #fffbeb;
        color: #78350f;
        padding: 0.2em 0.6em;
        border-radius: 6px;
        margin: 0 0 0.3em;
      }
      .error { border-color: #b91c1c; background: #fef2f2; color: #7f1d1d; }
      .settings { display: flex; flex-wrap: wrap; gap: 0.3em 0.9em; align-items: center; margin: 0 0 0.3em; }
      .settings label { display: inline-flex; align-items: center; gap: 0.3em; white-space: nowrap; }
      .settings .name { font-style: italic; }
      input[type='number'], select {
        font: inherit;
        color: inherit;
        background: var(--bw-bg);
        border: 2px solid color-mix(in srgb, currentColor 55%, transparent);
        border-radius: 6px;
        padding: 0.05em 0.25em;
        width: 4.6em;
        font-variant-numeric: tabular-nums;
      }
      select { width: auto; }
      input[aria-invalid='true'] { border-color: #b91c1c; }
      button {
        font: inherit;
        color: inherit;
        background: transparent;
        border: 2px solid var(--bw-forward);
        border-radius: 6px;
        padding: 0.1em 0.7em;
        min-height: 1.9em;
        cursor: pointer;
      }
      button[aria-disabled='true'] { opacity: 0.5; cursor: default; }
      button.apply { border-color: var(--bw-update); font-weight: 700; }
      button:focus-visible, input:focus-visible, select:focus-visible {
        outline: 3px solid var(--axon-focus, #f59e0b);
        outline-offset: 2px;
      }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 1em; align-items: start; }
      svg { display: block; width: 100%; height: auto; }
      svg text { fill: currentColor; font-family: inherit; }
      .node { fill: var(--bw-bg); stroke: currentColor; stroke-width: 2.5; }
      .param { fill: var(--bw-bg); stroke: currentColor; stroke-width: 1.5; stroke-dasharray: 5 4; }
      .edge { stroke: currentColor; stroke-width: 2; fill: none; opacity: 0.55; }
      .edge-label { font-size: 16px; font-style: italic; }
      .symbol { font-size: 22px; font-style: italic; }
      .param-text { font-size: 16px; }
      .value-text { font-size: 18px; font-weight: 700; fill: var(--bw-forward) !important; }
      .grad-text { font-size: 17px; font-weight: 700; fill: var(--bw-gradient) !important; }
      .next-text { font-size: 16px; font-weight: 700; fill: var(--bw-update) !important; }
      .pending { opacity: 0.5; font-weight: 400; }
      .phase-forward { --bw-phase: var(--bw-forward); }
      .phase-backward { --bw-phase: var(--bw-gradient); }
      .phase-update { --bw-phase: var(--bw-update); }
      .target .node, .target .param { stroke: var(--bw-phase); stroke-width: 5; stroke-dasharray: none; }
      .target .node, .target .param { fill: color-mix(in srgb, var(--bw-phase) 14%, var(--bw-bg)); }
      .source .node, .source .param { stroke: var(--bw-phase); stroke-width: 3; }
      .edge.active { stroke: var(--bw-phase); stroke-width: 4.5; opacity: 1; }
      .arrow { fill: currentColor; }
      .arrow.active { fill: var(--bw-phase, currentColor); }
      .legend { display: flex; flex-wrap: wrap; gap: 0.2em 1em; font-size: 0.8em; margin: 0.1em 0 0; }
      .legend .value { color: var(--bw-forward); font-weight: 700; }
      .legend .grad { color: var(--bw-gradient); font-weight: 700; }
      .legend .next { color: var(--bw-update); font-weight: 700; }
      .step { margin: 0.25em 0 0; min-height: 7em; }
      .step .caption { margin: 0; font-weight: 600; }
      .formula { font-size: 1.1em; margin: 0.25em 0; line-height: 1.6; }
      .controls { display: flex; flex-wrap: wrap; gap: 0.35em 0.5em; align-items: center; margin: 0.2em 0 0; }
      .position { font-variant-numeric: tabular-nums; margin-left: 0.3em; }
      .tables { display: flex; gap: 0.8em; align-items: flex-start; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; }
      caption { text-align: left; font-weight: 700; white-space: nowrap; padding-bottom: 0.15em; font-size: 0.9em; }
      th, td { padding: 0.08em 0.45em; border-bottom: 1px solid color-mix(in srgb, currentColor 30%, transparent); text-align: left; }
      th { font-weight: 600; font-family: var(--axon-mono, ui-monospace, 'DejaVu Sans Mono', monospace); font-size: 0.9em; white-space: nowrap; }
      td { text-align: right; min-width: 4.6em; font-weight: 700; }
      td.forward { color: var(--bw-forward); }
      td.backward { color: var(--bw-gradient); }
      td.update { color: var(--bw-update); }
      td.hidden { color: inherit; opacity: 0.65; font-weight: 400; }
      /* The current step's row: a frame and a bar on its left (text only: the name must read exactly). */
      tr[aria-current='true'] { outline: 2px solid currentColor; outline-offset: -1px; }
      tr[aria-current='true'] th { box-shadow: inset 6px 0 0 currentColor; padding-left: 0.7em; }
      .history { margin: 0.3em 0 0; font-size: 0.9em; font-variant-numeric: tabular-nums; }
      .history svg.bars { display: inline-block; vertical-align: middle; width: auto; height: 1.2em; margin-right: 0.4em; }
      .history .bar { fill: var(--bw-forward); }
      /* The open code scrolls inside the side column; its long lines must not widen the column. */
      .side axon-code-panel { margin-top: 0.4em; contain: inline-size; }
      .sr-only {
        position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
        clip: rect(0 0 0 0); white-space: nowrap; border: 0;
      }
      @media (prefers-reduced-motion: no-preference) {
        .node, .param, .edge { transition: stroke 150ms, stroke-width 150ms, fill 150ms; }
      }
    `,
  ];

  static override properties = {
    ...walkthroughSettings.properties,
    settings: { state: true },
    values: { state: true },
    position: { state: true },
    history: { state: true },
    fieldErrors: { state: true },
    error: { state: true },
  };

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

  private warnings: string[] = [];
  /** Bumped by each computation: a result that arrives after a newer request is dropped. */
  private generation = 0;
  private computing = false;
  /** Keeps the handout contract: settled once the first iteration is computed and rendered. */
  private readonly handout = new HandoutLatch(this);

  /** Resolves once the first iteration's values are computed and rendered. */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

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
    super.connectedCallback();
    ensureKatexFonts();
    // Put back in the page after a removal: compute again (the pending result, if any, was dropped).
    if (this.hasUpdated && !this.computing) void this.recompute('restart');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation += 1;
    this.computing = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update reads too: with no attribute written no property changes, but the URL may hold values.
    if (!this.hasUpdated || walkthroughSettings.touches(changed)) {
      const { values: settings, warnings } = walkthroughSettings.resolve(this);
      this.settings = settings;
      this.warnings = warnings;
      this.fieldErrors = {};
      void this.recompute('restart');
    }
  }

  /** Shows every step of the iteration (what `Show all` does); resolves once the values are computed and drawn. */
  settle(): Promise<void> {
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
    walkthroughSettings.keep(this, this.settings);
    void this.recompute('restart');
  }

  private handleActivation(event: Event): void {
    this.settings = { ...this.settings, activation: (event.target as HTMLSelectElement).value as WalkthroughActivation };
    walkthroughSettings.keep(this, this.settings);
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
    walkthroughSettings.keep(this, this.settings);
    this.position = 0;
    void this.recompute('update');
  }

  /** A value as the diagram shows it: the number once revealed, "?" before. */
  private shown(quantity: keyof WalkthroughValues): { text: string; revealed: boolean } {
    const revealed = Boolean(this.values) && revealPosition(quantity) <= this.position;
    return { text: revealed ? formatNumber(this.values![quantity]) : '?', revealed };
  }

  private renderDiagram(step: WalkthroughStep | undefined) {
    const { rowY, nodeR, paramY, paramW, paramH } = DIAGRAM;
    const s = this.settings;
    const roleOf = (element: DiagramNode) => (step?.target === element ? 'target' : step?.sources.includes(element) ? 'source' : '');
    const edgeClass = (edge: DiagramEdge) => (step?.edges.includes(edge) ? 'edge active' : 'edge');
    const paramBottom = paramY + paramH / 2;
    const line = (edge: DiagramEdge, x1: number, y1: number, x2: number, y2: number) =>
      svg`<line class=${edgeClass(edge)} x1=${x1} y1=${y1} x2=${x2} y2=${y2} marker-end=${step?.edges.includes(edge) ? 'url(#bw-arrow-active)' : 'url(#bw-arrow)'}></line>`;
    const diagonal = nodeR * Math.SQRT1_2;
    const valueText = (quantity: keyof WalkthroughValues, x: number, y: number, cls: string) => {
      const { text, revealed } = this.shown(quantity);
      return svg`<text class="${cls} ${revealed ? '' : 'pending'}" x=${x} y=${y} text-anchor="middle">${text}</text>`;
    };
    const node = (name: 'x' | 'z1' | 'v' | 'yhat' | 'L') => {
      const cx = NODE_X[name];
      const value = NODE_VALUE[name];
      const gradient = NODE_GRADIENT[name];
      return svg`<g class=${roleOf(name)}>
        <circle class="node" cx=${cx} cy=${rowY} r=${nodeR}></circle>
        <text class="symbol" x=${cx} y=${rowY + 7} text-anchor="middle">${NODE_LABELS[name]}</text>
        ${name === 'x' ? svg`<text class="value-text" x=${cx} y=${rowY + nodeR + 22} text-anchor="middle">${formatNumber(s.x)}</text>` : nothing}
        ${value ? valueText(value, cx, rowY + nodeR + 22, 'value-text') : nothing}
        ${gradient ? valueText(gradient, cx, rowY + nodeR + 44, 'grad-text') : nothing}
      </g>`;
    };
    const param = (name: 'w1' | 'b1' | 'w2' | 'b2' | 'y') => {
      const cx = PARAM_X[name];
      const width = name === 'y' ? 70 : paramW;
      const gradient = NODE_GRADIENT[name];
      const next = name === 'y' ? undefined : PARAM_NEXT[name];
      const top = paramY - paramH / 2;
      return svg`<g class=${roleOf(name)}>
        <rect class="param" x=${cx - width / 2} y=${top} width=${width} height=${name === 'y' ? 30 : paramH} rx="8"></rect>
        <text class="param-text" x=${cx} y=${top + 20} text-anchor="middle"><tspan font-style="italic">${NODE_LABELS[name]}</tspan> = ${formatNumber(s[name])}</text>
        ${gradient ? valueText(gradient, cx, top + 39, 'grad-text') : nothing}
        ${next ? this.renderNext(next, cx, top + 57) : nothing}
      </g>`;
    };
    return html`<svg
      viewBox="0 0 ${DIAGRAM.width} ${DIAGRAM.height}"
      role="img"
      aria-label="The network x → z1 → v → ŷ → L with weights w1, b1, w2, b2; the table lists every value"
      class=${step ? `phase-${step.phase}` : ''}
    >
      <defs>
        <marker id="bw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
          <path class="arrow" d="M0,0 L10,5 L0,10 z"></path>
        </marker>
        <marker id="bw-arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto">
          <path class="arrow active" d="M0,0 L10,5 L0,10 z"></path>
        </marker>
      </defs>
      ${line('x-z1', NODE_X.x + nodeR, rowY, NODE_X.z1 - nodeR - 3, rowY)}
      ${line('w1-z1', PARAM_X.w1 + 20, paramBottom, NODE_X.z1 - diagonal - 2, rowY - diagonal - 2)}
      ${line('b1-z1', PARAM_X.b1, paramBottom, NODE_X.z1, rowY - nodeR - 3)}
      ${line('z1-v', NODE_X.z1 + nodeR, rowY, NODE_X.v - nodeR - 3, rowY)}
      ${line('v-yhat', NODE_X.v + nodeR, rowY, NODE_X.yhat - nodeR - 3, rowY)}
      ${line('w2-yhat', PARAM_X.w2 + 20, paramBottom, NODE_X.yhat - diagonal - 2, rowY - diagonal - 2)}
      ${line('b2-yhat', PARAM_X.b2, paramBottom, NODE_X.yhat, rowY - nodeR - 3)}
      ${line('yhat-L', NODE_X.yhat + nodeR, rowY, NODE_X.L - nodeR - 3, rowY)}
      ${line('y-L', PARAM_X.y, paramY - paramH / 2 + 30, NODE_X.L, rowY - nodeR - 3)}
      <text class="edge-label" x=${(NODE_X.z1 + NODE_X.v) / 2} y=${rowY - 10} text-anchor="middle">f = ${ACTIVATION_LABELS[s.activation]}</text>
      <text class="edge-label" x=${(NODE_X.yhat + NODE_X.L) / 2} y=${rowY - 10} text-anchor="middle">(ŷ − y)²</text>
      ${(['x', 'z1', 'v', 'yhat', 'L'] as const).map(node)}
      ${(['w1', 'b1', 'w2', 'b2', 'y'] as const).map(param)}
    </svg>`;
  }

  private renderNext(quantity: keyof WalkthroughValues, x: number, y: number) {
    const { text, revealed } = this.shown(quantity);
    return revealed ? svg`<text class="next-text" x=${x} y=${y} text-anchor="middle">→ ${text}</text>` : nothing;
  }

  private renderFormula(step: WalkthroughStep | undefined) {
    const tex = step && this.values ? step.formula(this.settings, this.values) : OVERVIEW_TEX;
    // Inline mode with \displaystyle: full-size fractions, and KaTeX may break a long formula after an "=".
    const rendered = katex.renderToString(`\\displaystyle ${tex}`, { output: 'htmlAndMathml', throwOnError: false });
    return html`<div class="formula">${unsafeHTML(rendered)}</div>`;
  }

  private renderTables(step: WalkthroughStep | undefined) {
    const phaseOf = (quantity: keyof WalkthroughValues): Phase => STEPS.find((s) => s.quantity === quantity)!.phase;
    return html`<div class="tables">
      ${TABLES.map(
        (table) => html`<table>
          <caption>${table.caption}</caption>
          <tbody>
            ${table.quantities.map((quantity) => {
              const definition = STEPS.find((s) => s.quantity === quantity)!;
              const { text, revealed } = this.shown(quantity);
              return html`<tr aria-current=${step?.quantity === quantity ? 'true' : nothing}>
                <th scope="row">${definition.name}</th>
                ${revealed
                  ? html`<td class=${phaseOf(quantity)}>${text}</td>`
                  : html`<td class="hidden"><span aria-hidden="true">?</span><span class="sr-only">not yet computed</span></td>`}
              </tr>`;
            })}
          </tbody>
        </table>`,
      )}
    </div>`;
  }

  private renderHistory() {
    if (!this.history.length) return nothing;
    const largest = Math.max(...this.history.map((h) => (Number.isFinite(h.loss) ? h.loss : 0)), 1e-12);
    const barWidth = 9;
    const height = 22;
    return html`<p class="history" role="status">
      <svg class="bars" aria-hidden="true" width=${this.history.length * (barWidth + 3)} height=${height} viewBox="0 0 ${this.history.length * (barWidth + 3)} ${height}">
        ${this.history.map((h, i) => {
          const barHeight = Number.isFinite(h.loss) ? Math.max(1, (h.loss / largest) * height) : height;
          return svg`<rect class="bar" x=${i * (barWidth + 3)} y=${height - barHeight} width=${barWidth} height=${barHeight}></rect>`;
        })}
      </svg>
      L per iteration: ${this.history.map((h, i) => html`${i ? ' → ' : ''}<span class="entry">#${h.iteration} ${formatNumber(h.loss)}</span>`)}
    </p>`;
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
    const fieldErrors = Object.entries(this.fieldErrors).map(([key, message]) => `${message} — using ${formatField(this.settings[key as NumberSetting])}`);
    const atStart = this.position === 0;
    const atEnd = this.position === STEP_COUNT;
    const cannotApply = !this.values || this.diverged;
    return html`
      ${this.warnings.length ? html`<p class="warning" role="alert">&lt;backprop-walkthrough&gt; ${this.warnings.join('; ')}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${fieldErrors.length ? html`<p class="warning" role="alert">${fieldErrors.join('; ')}</p>` : nothing}
      ${this.diverged ? html`<p class="error" role="alert">Diverged — the numbers overflowed: lower the learning rate.</p>` : nothing}
      ${this.renderSettings()}
      <div class="layout">
        <div class="main">
          ${this.renderDiagram(step)}
          <div class="legend" aria-hidden="true">
            <span><span class="value">blue</span>: value</span>
            <span><span class="grad">orange</span>: ∂L/∂(·)</span>
            <span><span class="next">green</span>: after the update</span>
          </div>
          <div class="step">
            <p class="caption" role="status">
              ${step ? `Step ${this.position} of ${STEP_COUNT}: ${step.caption}` : `Press Next step to start the forward pass (${STEP_COUNT} steps).`}
            </p>
            ${this.renderFormula(step)}
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
          ${this.renderTables(step)}
          ${this.renderHistory()}
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
