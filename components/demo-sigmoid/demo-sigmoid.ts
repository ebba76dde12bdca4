/**
 * `<demo-sigmoid>`: drag x and watch σ(x) = 1/(1 + e^(−x)) move along its S-curve, with the slope σ'(x)
 * that backpropagation uses. The smallest real widget: it proves the deck → widget path (dynamic import,
 * keyboard safety inside a shadow root, print as a vector picture) before the training widgets exist.
 *
 * Attributes:
 * - `value` — starting x, a number in `min`…`max` (default 0).
 * - `min`, `max` — the slider's range (default −6 and 6; `min` must be below `max`).
 *
 * The x a student drags to is kept in the page address (`?demo-sigmoid=value%3D1.5`).
 *
 * @event input — bubbles from the slider whenever x changes (`event.target.value` is x).
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, svg } from 'lit';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { DEFAULT_RANGE, demoSigmoidSettings, sigmoid, sigmoidCurve, sigmoidDerivative, type InputRange } from './demo-sigmoid.model.ts';
import { demoSigmoidStyles } from './demo-sigmoid.styles.ts';

const PLOT = { width: 480, height: 220, pad: 28 } as const;

type Settings = SettingValues<typeof demoSigmoidSettings.table>;

export class DemoSigmoid extends axonElement(demoSigmoidSettings, { firstRender: true }) {
  static override styles = demoSigmoidStyles;

  static override properties = stateProperties('x');

  /** The current input x. */
  declare private x: number;

  private range: InputRange = DEFAULT_RANGE;
  private settings: Settings = demoSigmoidSettings.read({ attribute: () => null }).values;

  constructor() {
    super();
    this.x = 0;
  }

  /** New settings (defaults < attributes < URL): `min` checked against `max`, `value` against both; x back to its start. */
  protected override settingsChanged({ values }: ResolvedSettings<Settings>): void {
    let range: InputRange = { min: values.min, max: values.max };
    if (range.min >= range.max) {
      this.warnings.push(`min="${values.min}" must be below max="${values.max}" — using ${DEFAULT_RANGE.min}…${DEFAULT_RANGE.max}`);
      range = DEFAULT_RANGE;
    }
    let start = values.start;
    if (start < range.min || start > range.max) {
      const inside = Math.min(Math.max(0, range.min), range.max);
      this.warnings.push(`value="${start}" is outside ${range.min}…${range.max} — using ${inside}`);
      start = inside;
    }
    this.settings = values;
    this.range = range;
    this.x = start;
  }

  private handleInput(event: Event): void {
    this.x = Number((event.target as HTMLInputElement).value);
    this.keepSettings({ ...this.settings, start: this.x });
  }

  private toPlot([x, y]: [number, number]): [number, number] {
    const { width, height, pad } = PLOT;
    const px = pad + ((x - this.range.min) / (this.range.max - this.range.min)) * (width - 2 * pad);
    const py = height - pad - y * (height - 2 * pad);
    return [px, py];
  }

  private renderPlot() {
    const { width, height, pad } = PLOT;
    const path = sigmoidCurve(this.range)
      .map((point, i) => `${i ? 'L' : 'M'}${this.toPlot(point).map((v) => v.toFixed(1)).join(',')}`)
      .join('');
    const y = sigmoid(this.x);
    const slope = sigmoidDerivative(this.x);
    const half = (this.range.max - this.range.min) / 8;
    const [tx1, ty1] = this.toPlot([this.x - half, y - slope * half]);
    const [tx2, ty2] = this.toPlot([this.x + half, y + slope * half]);
    const [px, py] = this.toPlot([this.x, y]);
    const [, yHalf] = this.toPlot([0, 0.5]);
    return svg`
      <line class="axis" x1=${pad} y1=${height - pad} x2=${width - pad} y2=${height - pad}></line>
      <line class="axis" x1=${pad} y1=${pad} x2=${width - pad} y2=${pad} stroke-dasharray="4 6"></line>
      <line class="axis" x1=${pad} y1=${yHalf} x2=${width - pad} y2=${yHalf} stroke-dasharray="2 6"></line>
      <text class="tick" x=${pad - 6} y=${height - pad + 5} text-anchor="end">0</text>
      <text class="tick" x=${pad - 6} y=${pad + 5} text-anchor="end">1</text>
      <text class="tick" x=${pad} y=${height - 6}>${this.range.min}</text>
      <text class="tick" x=${width - pad} y=${height - 6} text-anchor="end">${this.range.max}</text>
      <path class="curve" d=${path}></path>
      <line class="tangent" x1=${tx1} y1=${ty1} x2=${tx2} y2=${ty2}></line>
      <circle class="point" cx=${px} cy=${py} r="8"></circle>
    `;
  }

  override render() {
    const y = sigmoid(this.x);
    const step = (this.range.max - this.range.min) / 120;
    return html`
      ${this.renderWarnings()}
      <svg viewBox="0 0 ${PLOT.width} ${PLOT.height}" role="img" aria-label="The sigmoid curve with the point (x, σ(x)) and its tangent">
        ${this.renderPlot()}
      </svg>
      <label>
        <span aria-hidden="true"><i>x</i></span>
        <input
          type="range"
          aria-label="x"
          min=${this.range.min}
          max=${this.range.max}
          step=${step}
          .value=${String(this.x)}
          @input=${this.handleInput}
        />
      </label>
      <p role="status" aria-live="polite">
        σ(${this.x.toFixed(2)}) = ${y.toFixed(3)}, slope σ′ = ${sigmoidDerivative(this.x).toFixed(3)}
      </p>
    `;
  }
}

customElements.define('demo-sigmoid', DemoSigmoid);

declare global {
  interface HTMLElementTagNameMap {
    'demo-sigmoid': DemoSigmoid;
  }
}
