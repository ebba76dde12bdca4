/**
 * `<mp-neuron>`: the McCulloch–Pitts unit of 1943. Binary inputs xᵢ, weights wᵢ and a threshold θ; the
 * unit fires, y = 1, exactly when Σ wᵢxᵢ ≥ θ. Students flip the inputs, drag the weights and θ, load the
 * logic gates as presets, and find out — with the truth table marking the failing rows — that no single
 * unit computes XOR, which is why networks need layers (a two-layer OR/NAND → AND network is shown).
 *
 * Attributes:
 * - `inputs` — how many inputs, a whole number in 1…4 (default 2; with `gate`, the gate's count).
 * - `weights` — comma list, one weight per input, each in −3…3 in steps of 0.5 (default 1 for every input;
 *   with `gate`, the gate's weights).
 * - `threshold` — θ in −3…3 in steps of 0.5 (default 1.5; with `gate`, the gate's θ).
 * - `gate` — start on a preset and ask the unit to compute it: `and` | `or` | `nand` | `nor` | `not` | `xor`,
 *   any case (default none). `weights` and `threshold`, when given, override the preset's values.
 * A bad value shows a warning on the widget (role=alert) naming the attribute, and its default is used.
 * The preset, weights and θ a student sets are kept in the page address (`?mp-neuron=gate%3Dnand%26…`).
 *
 * Controls (accessible names): toggles `x1`…`x4` (pressed buttons), sliders `w1`…`w4` and `threshold`
 * (−3…3, step 0.5), preset buttons `AND` `OR` `NAND` `NOR` `NOT` `XOR`. The output is a `role=status`
 * region reading `y = 0|1` and `Σ wᵢxᵢ = … ≥ θ = …? yes|no`.
 *
 * Nothing runs in the background, so slide visibility changes nothing; the state lives in the element.
 * The picture is SVG, so it prints and scales crisply; `settled` resolves after the first render.
 *
 * @event input — bubbles from a slider whenever a weight or θ changes.
 * @event mp-neuron-change — after any change of inputs, weights, θ or preset; detail is the output y.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 * @cssprop --axon-error-fg — an inline warning's text (default #991b1b).
 */
import { html, svg, nothing } from 'lit';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import {
  DEFAULT_INPUT_COUNT,
  DEFAULT_THRESHOLD,
  DEFAULT_WEIGHT,
  GATES,
  GATE_NAMES,
  PRESETS,
  SLIDER_STEP,
  WEIGHT_RANGE,
  XOR_NETWORK,
  bestRowsOnGrid,
  describeComparison,
  describeRow,
  failingRows,
  formatNumber,
  mpNeuronSettings,
  parseNeuronAttributes,
  runXorNetwork,
  sliderGrid,
  subscript,
  truthTable,
  unitOutput,
  weightedSum,
  type Bit,
  type GateName,
  type ThresholdUnit,
} from './mp-neuron.model.ts';
import { mpNeuronStyles } from './mp-neuron.styles.ts';

/** Geometry of the unit's picture, in SVG units (about slide pixels at the widget's usual width). */
const DIAGRAM = { width: 560, inputX: 96, sumX: 330, outputX: 488, rowGap: 78, inputR: 25, sumR: 46, outputR: 30 } as const;

/** Detail of `mp-neuron-change`: the unit's output after the change. */
export interface MpNeuronChangeDetail {
  output: Bit;
}

export class MpNeuron extends axonElement(mpNeuronSettings, { firstRender: true }) {
  static override styles = mpNeuronStyles;

  static override properties = stateProperties('unit', 'inputValues', 'target');

  /** The weights and threshold now set. */
  declare private unit: ThresholdUnit;
  /** The inputs x₁…xₙ now set. */
  declare private inputValues: Bit[];
  /** The gate the unit is asked to compute (set by a preset), or null. */
  declare private target: GateName | null;

  constructor() {
    super();
    this.unit = { weights: new Array<number>(DEFAULT_INPUT_COUNT).fill(DEFAULT_WEIGHT), threshold: DEFAULT_THRESHOLD };
    this.inputValues = new Array<Bit>(DEFAULT_INPUT_COUNT).fill(0);
    this.target = null;
  }

  /** New settings (defaults < attributes < URL): the unit they describe, every input back to 0. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof mpNeuronSettings.table>>): void {
    const written = (value: string) => (value === '' ? null : value);
    const { config, warnings } = parseNeuronAttributes({
      inputs: written(values.inputs),
      weights: written(values.weights),
      threshold: written(values.threshold),
      gate: written(values.gate),
    });
    this.warnings.push(...warnings);
    this.unit = config.unit;
    this.target = config.target;
    this.inputValues = new Array<Bit>(config.unit.weights.length).fill(0);
  }

  private announceChange(): void {
    this.keepSettings({
      inputs: String(this.unit.weights.length),
      weights: this.unit.weights.join(','),
      threshold: String(this.unit.threshold),
      gate: this.target ?? '',
    });
    const detail: MpNeuronChangeDetail = { output: unitOutput(this.unit, this.inputValues) };
    this.dispatchEvent(new CustomEvent<MpNeuronChangeDetail>('mp-neuron-change', { detail, bubbles: true, composed: true }));
  }

  private handleToggle(index: number): void {
    this.inputValues = this.inputValues.map((x, i) => (i === index ? ((1 - x) as Bit) : x));
    this.announceChange();
  }

  private handleWeight(index: number, event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    this.unit = { ...this.unit, weights: this.unit.weights.map((w, i) => (i === index ? value : w)) };
    this.announceChange();
  }

  private handleThreshold(event: Event): void {
    this.unit = { ...this.unit, threshold: Number((event.target as HTMLInputElement).value) };
    this.announceChange();
  }

  private handlePreset(gate: GateName): void {
    const preset = PRESETS[gate];
    this.unit = { weights: [...preset.weights], threshold: preset.threshold };
    // Keep the inputs already set where the new gate has them, so the effect shows at once.
    this.inputValues = preset.weights.map((_, i) => this.inputValues[i] ?? 0);
    this.target = gate;
    this.announceChange();
  }

  private inputY(index: number, height: number): number {
    const count = this.unit.weights.length;
    return height / 2 + (index - (count - 1) / 2) * DIAGRAM.rowGap;
  }

  private renderUnit(output: Bit, sum: number) {
    const { width, inputX, sumX, outputX, inputR, sumR, outputR } = DIAGRAM;
    const count = this.unit.weights.length;
    const height = Math.max(230, count * DIAGRAM.rowGap + 40);
    const midY = height / 2;
    const edges = this.unit.weights.map((weight, i) => {
      const y = this.inputY(i, height);
      const kind = weight > 0 ? 'excitatory' : weight < 0 ? 'inhibitory' : 'silent';
      const idle = this.inputValues[i] === 1 ? '' : ' idle';
      const strokeWidth = weight === 0 ? 2.5 : 2 + 2.6 * Math.abs(weight);
      const dx = sumX - inputX;
      const dy = midY - y;
      const length = Math.hypot(dx, dy);
      const [x1, y1] = [inputX + (dx / length) * inputR, y + (dy / length) * inputR];
      const [x2, y2] = [sumX - (dx / length) * sumR, midY - (dy / length) * sumR];
      // Weight labels sit a third of the way along, on the outer side of their edge (above an edge that
      // falls to Σ, below one that rises), so they never sit on another edge.
      const t = 0.36;
      const labelX = x1 + (x2 - x1) * t;
      const labelY = y1 + (y2 - y1) * t + (dy < 0 ? 27 : -12);
      return svg`
        <line class="edge ${kind}${idle}" x1=${x1} y1=${y1} x2=${x2} y2=${y2} stroke-width=${strokeWidth}></line>
        <text class="halo" x=${labelX} y=${labelY} font-size="21" text-anchor="middle">w${subscript(i + 1)} = ${formatNumber(weight)}</text>
      `;
    });
    const inputs = this.inputValues.map((x, i) => {
      const y = this.inputY(i, height);
      return svg`
        <text x=${inputX - inputR - 12} y=${y + 7} font-size="22" text-anchor="end">x${subscript(i + 1)}</text>
        <circle class="node input ${x ? 'on' : ''}" cx=${inputX} cy=${y} r=${inputR}></circle>
        <text class=${x ? 'on-text' : ''} x=${inputX} y=${y + 8} font-size="22" text-anchor="middle">${x}</text>
      `;
    });
    return html`
      <svg viewBox="0 0 ${width} ${height}" role="img"
        aria-label="The unit: inputs ${describeRow(this.inputValues)}, weights ${this.unit.weights.map(formatNumber).join(', ')}, threshold ${formatNumber(this.unit.threshold)}, output y = ${output}">
        ${edges}
        ${inputs}
        <circle class="node" cx=${sumX} cy=${midY} r=${sumR}></circle>
        <text x=${sumX} y=${midY + 13} font-size="38" text-anchor="middle">Σ</text>
        <text x=${sumX} y=${midY - sumR - 12} font-size="21" text-anchor="middle">Σ = ${formatNumber(sum)}</text>
        <text x=${sumX} y=${midY + sumR + 28} font-size="21" text-anchor="middle">${sum >= this.unit.threshold ? '≥' : '<'} θ = ${formatNumber(this.unit.threshold)}</text>
        <line class="wire" x1=${sumX + sumR} y1=${midY} x2=${outputX - outputR} y2=${midY}></line>
        <circle class="node lamp ${output ? 'on' : ''}" cx=${outputX} cy=${midY} r=${outputR}></circle>
        <text class=${output ? 'on-text' : ''} x=${outputX} y=${midY + 8} font-size="22" text-anchor="middle">${output}</text>
        <text x=${outputX} y=${midY + outputR + 28} font-size="22" text-anchor="middle" font-style="italic">y</text>
      </svg>
    `;
  }

  private renderControls() {
    const sliderRange = { min: WEIGHT_RANGE.min, max: WEIGHT_RANGE.max, step: SLIDER_STEP };
    const rows = this.unit.weights.map((weight, i) => {
      const x = this.inputValues[i] ?? 0;
      return html`
        <button class="toggle" aria-label="x${i + 1}" aria-pressed=${x ? 'true' : 'false'} @click=${() => this.handleToggle(i)}>
          x<sub>${i + 1}</sub> = <span class="bit">${x}</span>
        </button>
        <label class="name" for="w${i + 1}">w<sub>${i + 1}</sub></label>
        <input id="w${i + 1}" type="range" aria-label="w${i + 1}" min=${sliderRange.min} max=${sliderRange.max} step=${sliderRange.step}
          .value=${String(weight)} @input=${(event: Event) => this.handleWeight(i, event)} />
        <span class="value" aria-hidden="true">${formatNumber(weight)}</span>
      `;
    });
    return html`
      <div class="controls">
        ${rows}
        <span></span>
        <label class="name" for="threshold">θ</label>
        <input id="threshold" type="range" aria-label="threshold" min=${sliderRange.min} max=${sliderRange.max} step=${sliderRange.step}
          .value=${String(this.unit.threshold)} @input=${this.handleThreshold} />
        <span class="value" aria-hidden="true">${formatNumber(this.unit.threshold)}</span>
      </div>
    `;
  }

  private renderTable() {
    const rows = truthTable(this.unit, this.target);
    const current = this.inputValues.join('');
    const target = this.target ? GATES[this.target].label : null;
    return html`
      <table>
        <caption>Truth table for these weights and θ</caption>
        <thead>
          <tr>
            <th scope="col" class="marker"><span class="sr-only">current inputs</span></th>
            ${this.unit.weights.map((_, i) => html`<th scope="col">x<sub>${i + 1}</sub></th>`)}
            <th scope="col">Σ w<sub>i</sub>x<sub>i</sub></th>
            <th scope="col">y</th>
            ${target ? html`<th scope="col">${target}</th><th scope="col">match</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => {
            const isCurrent = row.inputs.join('') === current;
            const fails = row.target !== undefined && row.target !== row.output;
            return html`
              <tr class=${isCurrent ? 'current' : ''} aria-current=${isCurrent ? 'true' : 'false'}>
                <td class="marker">${isCurrent ? html`<span aria-hidden="true">▶</span><span class="sr-only">now</span>` : nothing}</td>
                ${row.inputs.map((x) => html`<td>${x}</td>`)}
                <td>${formatNumber(row.sum)}</td>
                <td>${row.output}</td>
                ${row.target === undefined
                  ? nothing
                  : html`<td>${row.target}</td><td class=${fails ? 'fail' : ''}>${fails ? '✗ fails' : '✓'}</td>`}
              </tr>
            `;
          })}
        </tbody>
      </table>
    `;
  }

  /** Why no single unit computes XOR, and which rows the current weights get wrong. */
  private renderXorReason() {
    if (this.target !== 'xor') return nothing;
    const failing = failingRows(this.unit, 'xor');
    const settings = sliderGrid().length ** 3;
    return html`
      <p><strong>No single threshold unit computes XOR.</strong>
        Rows 00, 01, 10 need 0 &lt; θ, w<sub>1</sub> ≥ θ, w<sub>2</sub> ≥ θ, so w<sub>1</sub> + w<sub>2</sub> ≥ 2θ &gt; θ;
        but row 11 needs w<sub>1</sub> + w<sub>2</sub> &lt; θ. None of the ${settings} slider settings works (the best get
        ${bestRowsOnGrid('xor')} of 4 rows). These weights fail row${failing.length === 1 ? '' : 's'}
        ${failing.map((row) => row.join('')).join(', ')} (✗).</p>
    `;
  }

  private renderXorNetwork() {
    const x: [Bit, Bit] = [this.inputValues[0] ?? 0, this.inputValues[1] ?? 0];
    const { hidden, output } = runXorNetwork(x);
    const inputsY = [42, 130];
    const hiddenY = [42, 130];
    const node = (cx: number, cy: number, r: number, on: Bit, cls: string, label: string, size = 21) => svg`
      <circle class="node ${cls} ${on ? 'on' : ''}" cx=${cx} cy=${cy} r=${r}></circle>
      <text class=${on ? 'on-text' : ''} x=${cx} y=${cy + size * 0.35} font-size=${size} text-anchor="middle">${label}</text>
    `;
    const [or, nand] = XOR_NETWORK.hidden;
    return html`
      <p class="layers">That is why networks need layers: OR and NAND feeding AND compute XOR.</p>
      <svg class="network" viewBox="0 0 420 198" role="img"
        aria-label="Two layers compute XOR: OR and NAND of ${describeRow(x)} give ${hidden.join(' and ')}; AND of them gives y = ${output}">
        ${inputsY.map((y1) => hiddenY.map((y2) => svg`<line class="wire" x1="58" y1=${y1} x2="170" y2=${y2}></line>`))}
        ${hiddenY.map((y1) => svg`<line class="wire" x1="250" y1=${y1} x2="322" y2="86"></line>`)}
        ${node(36, inputsY[0]!, 22, x[0], 'input', `${x[0]}`, 22)}
        ${node(36, inputsY[1]!, 22, x[1], 'input', `${x[1]}`, 22)}
        ${node(210, hiddenY[0]!, 40, hidden[0], 'hidden', GATES[or.gate].label)}
        ${node(210, hiddenY[1]!, 40, hidden[1], 'hidden', GATES[nand.gate].label)}
        ${node(362, 86, 40, output, 'lamp', GATES[XOR_NETWORK.output.gate].label)}
        <text x="362" y="150" font-size="21" text-anchor="middle">y = ${output}</text>
        <text x="36" y="192" font-size="21" text-anchor="middle">x₁, x₂</text>
        <text x="210" y="192" font-size="21" text-anchor="middle">layer 1</text>
      </svg>
    `;
  }

  override render() {
    const output = unitOutput(this.unit, this.inputValues);
    const sum = weightedSum(this.unit.weights, this.inputValues);
    return html`
      ${this.renderWarnings()}
      <div class="presets" role="group" aria-label="Gate presets">
        <span class="label">Gate:</span>
        ${GATE_NAMES.map(
          (gate) => html`<button aria-pressed=${this.target === gate ? 'true' : 'false'} @click=${() => this.handlePreset(gate)}>${GATES[gate].label}</button>`,
        )}
      </div>
      <div class="layout">
        <div>
          ${this.renderUnit(output, sum)}
          ${this.renderControls()}
          <div class="why" aria-live="polite">${this.renderXorReason()}</div>
        </div>
        <div>
          <p role="status" aria-live="polite"><span class="y">y = ${output}</span> <span>${describeComparison(this.unit, this.inputValues)}</span></p>
          ${this.renderTable()}
          ${this.target === 'xor' ? this.renderXorNetwork() : nothing}
        </div>
      </div>
    `;
  }
}

customElements.define('mp-neuron', MpNeuron);

declare global {
  interface HTMLElementTagNameMap {
    'mp-neuron': MpNeuron;
  }
  interface HTMLElementEventMap {
    'mp-neuron-change': CustomEvent<MpNeuronChangeDetail>;
  }
}
