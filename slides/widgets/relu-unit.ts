/**
 * `<relu-unit>`: one ReLU unit, y = max(0, z) with z = w·x + b — the building block of every hidden layer in
 * the lectures. The plot shows z (dashed) and y (solid) against the input x, the kink at x = −b/w where the unit
 * switches on, and the side where it is off (shaded): there y = 0 and ∂y/∂z = 0, so no gradient reaches w or b
 * (a "dead" unit is one that is off for every input). Sliders `input x`, `weight w`, `bias b`; the status line
 * gives z, y and the gradients ∂y/∂w = x, ∂y/∂b = 1 (or 0 when off).
 *
 * A deck-local widget (README: "Your own widget"): this file beside the decks is all there is to it; it runs on
 * Axon's widget runtime through `axon/widget`, with a settings table, URL state and `settle()`.
 *
 * Attributes: `x` −4…4 (default 2), `w` −3…3 (1.5), `b` −3…3 (−1).
 */
import {
  axonElement,
  baseStyles,
  css,
  defineSettings,
  formatNumber,
  html,
  number,
  roomText,
  svg,
  warningStyles,
  type ResolvedSettings,
  type SettingValues,
} from 'axon/widget';

const reluSettings = defineSettings({
  input: { attribute: 'x', parse: number({ min: -4, max: 4 }), default: 2 },
  weight: { attribute: 'w', parse: number({ min: -3, max: 3 }), default: 1.5 },
  bias: { attribute: 'b', parse: number({ min: -3, max: 3 }), default: -1 },
});
type Settings = SettingValues<typeof reluSettings.table>;

/** The unit's pre-activation z = w·x + b. */
export const preActivation = ({ input, weight, bias }: Settings): number => weight * input + bias;
/** ReLU: max(0, z). */
export const relu = (z: number): number => Math.max(0, z);

/** The plot: x in [−4, 4] across, y in [−4, 8] up, in SVG user units. */
const PLOT = { width: 480, height: 300, xMin: -4, xMax: 4, yMin: -4, yMax: 8 } as const;
const px = (x: number) => ((x - PLOT.xMin) / (PLOT.xMax - PLOT.xMin)) * PLOT.width;
const py = (y: number) => PLOT.height - ((y - PLOT.yMin) / (PLOT.yMax - PLOT.yMin)) * PLOT.height;

/** A signed number as the status line writes it: "2", "−0.5". */
const show = (value: number) => formatNumber(value, { digits: 3 });

export class ReluUnit extends axonElement(reluSettings, { firstRender: true }) {
  static override styles = [
    baseStyles,
    roomText(1.35),
    warningStyles,
    css`
      :host { max-width: 1100px; margin: 0.3em auto; }
      .layout { display: grid; grid-template-columns: 5fr 6fr; gap: 0.4em 1em; align-items: center; }
      svg { display: block; width: 100%; height: auto; overflow: hidden; }
      .axis { stroke: currentColor; stroke-width: 1.5; opacity: 0.5; }
      .off { fill: var(--axon-accent-2, #b45309); opacity: 0.12; }
      .z { fill: none; stroke: currentColor; stroke-width: 3; stroke-dasharray: 10 8; opacity: 0.7; }
      .y { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 6; }
      .point { fill: var(--axon-accent-2, #b45309); }
      label { display: grid; grid-template-columns: 6.5em 1fr 3em; align-items: center; gap: 0.4em; }
      ul.legend { gap: 0 1em; }
      @container axon-widget (width < 800px) { .layout { grid-template-columns: 1fr; } }
    `,
  ];

  private settings: Settings = reluSettings.read({ attribute: () => null }).values;

  /** Defaults < attributes < the page address, read before the first render and after an attribute changes. */
  protected override settingsChanged({ values }: ResolvedSettings<Settings>): void {
    this.settings = values;
  }

  /** A slider moved: keep the new value in the page address and redraw. */
  private change(name: keyof Settings, event: Event): void {
    this.settings = { ...this.settings, [name]: Number((event.target as HTMLInputElement).value) };
    this.keepSettings(this.settings);
    this.requestUpdate();
  }

  private slider(name: keyof Settings, label: string, min: number, max: number) {
    const value = this.settings[name];
    return html`<label>${label}
      <input type="range" min=${min} max=${max} step="0.1" .value=${String(value)} @input=${(event: Event) => this.change(name, event)} />
      <span>${show(value)}</span>
    </label>`;
  }

  private plot() {
    const { weight, bias, input } = this.settings;
    const z = preActivation(this.settings);
    const line = (x: number) => weight * x + bias;
    // Where the unit is off: z < 0, on one side of the kink x = −b/w (everywhere or nowhere when w = 0).
    const kink = weight === 0 ? undefined : -bias / weight;
    const [offFrom, offTo] = kink === undefined ? (bias < 0 ? [PLOT.xMin, PLOT.xMax] : [0, 0]) : weight > 0 ? [PLOT.xMin, kink] : [kink, PLOT.xMax];
    const from = Math.max(PLOT.xMin, offFrom);
    const to = Math.min(PLOT.xMax, offTo);
    const corners = [PLOT.xMin, ...(kink !== undefined && kink > PLOT.xMin && kink < PLOT.xMax ? [kink] : []), PLOT.xMax];
    const yPath = corners.map((x, i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(relu(line(x))).toFixed(1)}`).join('');
    return html`<svg viewBox="0 0 ${PLOT.width} ${PLOT.height}" role="img"
      aria-label="y = max(0, w·x + b) against x from −4 to 4; at x = ${show(input)} the unit gives y = ${show(relu(z))}">
      ${svg`
        ${to > from ? svg`<rect class="off" x=${px(from)} y="0" width=${px(to) - px(from)} height=${PLOT.height}></rect>` : ''}
        <line class="axis" x1="0" x2=${PLOT.width} y1=${py(0)} y2=${py(0)}></line>
        <line class="axis" x1=${px(0)} x2=${px(0)} y1="0" y2=${PLOT.height}></line>
        <path class="z" d=${`M${px(PLOT.xMin)},${py(line(PLOT.xMin))}L${px(PLOT.xMax)},${py(line(PLOT.xMax))}`}></path>
        <path class="y" d=${yPath}></path>
        <circle class="point" cx=${px(input)} cy=${py(Math.min(PLOT.yMax, relu(z)))} r="10"></circle>`}
    </svg>`;
  }

  override render() {
    const { input, weight, bias } = this.settings;
    const z = preActivation(this.settings);
    const on = z > 0;
    return html`
      ${this.renderWarnings()}
      <div class="layout">
        ${this.plot()}
        <div>
          ${this.slider('input', 'input x', -4, 4)} ${this.slider('weight', 'weight w', -3, 3)} ${this.slider('bias', 'bias b', -3, 3)}
          <ul class="legend"><li>solid: y = max(0, z)</li><li>dashed: z = w·x + b</li><li>shaded: off (z &lt; 0)</li></ul>
        </div>
      </div>
      <p role="status">
        z = ${show(weight)} · ${show(input)} ${bias < 0 ? '−' : '+'} ${show(Math.abs(bias))} = ${show(z)} · y = max(0, ${show(z)}) = ${show(relu(z))} ·
        ${on ? html`on: ∂y/∂w = x = ${show(input)}, ∂y/∂b = 1` : html`off: ∂y/∂w = ∂y/∂b = 0, no gradient reaches w or b`}
      </p>
    `;
  }
}

// The file name is the tag: a deck loads widgets/relu-unit.ts when it shows <relu-unit>.
customElements.define('relu-unit', ReluUnit);

declare global {
  interface HTMLElementTagNameMap {
    'relu-unit': ReluUnit;
  }
}
