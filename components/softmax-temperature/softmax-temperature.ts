/**
 * `<softmax-temperature>`: how softmax turns logits into probabilities, and what the temperature does.
 * The temperature T divides the logits, as in most texts: p = softmax(z / T), pᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T);
 * T > 1 flattens p toward uniform, T → 0 sharpens it toward one-hot on the largest logit. Students edit the
 * logits of 3–6 classes, slide T on a log scale, watch the probability bars and the entropy (in nats and bits,
 * against its maximum log K), and draw samples from p with a seeded generator to see the empirical frequencies
 * approach p. The softmax subtracts the largest z/T first, so logits of 1000 are fine. The formula is typeset
 * by KaTeX, like the slide's.
 *
 * Attributes (a bad value shows a warning on the widget naming the attribute, and its default is used):
 * - `logits` — comma list of 3…6 numbers, each in −1000…1000 (default "2,1,0.1").
 * - `labels` — comma list of class names, one per logit (default "class 1,class 2,…").
 * - `temperature` — T, the divisor of the logits, 0.01…100 (default 1). (Until issue 17 the widget multiplied
 *   the logits by this number; every deck wrote temperature="1", where both readings give the same p.)
 * - `samples` — how many draws one press of `Sample` makes, a whole number in 1…100000 (default 100).
 * - `seed` — seed of the sampler, a whole number (default 1): the same presses give the same draws.
 * Settings a student changes are kept in the page URL (defaults < attributes < URL), so a link shares them.
 *
 * Controls (accessible names): number fields `logit 1`…`logit 6` (step 0.1), slider `temperature` (log scale,
 * 0.01…100, ×1.122 per arrow key; its value text is T), buttons `Add class` and `Remove class` (3…6 classes),
 * select `samples` (10, 100, 1000, 10000 and the attribute's value), buttons `Sample` and `Clear samples`. The
 * table lists per class z, z/T, p and the sampled frequency; the `role=status` region gives T, the entropy and
 * the last sample's size.
 *
 * Nothing runs in the background, so slide visibility changes nothing. The picture is SVG (it prints), nothing
 * is animated, and `settled` resolves after the first render.
 *
 * @event softmax-temperature-change — after any change; detail: the probabilities and the entropy in nats.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing, svg } from 'lit';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { createRandom, type Random } from '../../engine/random.ts';
import {
  CLASS_COUNT_RANGE,
  LOGIT_RANGE,
  LOGIT_STEP,
  SAMPLE_SIZES,
  TEMPERATURE_RANGE,
  TEMPERATURE_SLIDER_STEP,
  defaultLabels,
  entropyNats,
  formatNumber,
  formatTemperature,
  natsToBits,
  checkLabels,
  softmaxSettings,
  sampleCounts,
  scaleLogits,
  sliderPosition,
  softmax,
  temperatureAt,
} from './softmax-temperature.model.ts';
import { BAR, METER, softmaxTemperatureStyles } from './softmax-temperature.styles.ts';
import { ensureKatexFonts, tex } from '../shared/views/tex.ts';

/** Detail of `softmax-temperature-change`. */
export interface SoftmaxTemperatureChangeDetail {
  probabilities: number[];
  entropyNats: number;
}

/** The last batch of samples: how many were drawn of each class. */
interface SampleBatch {
  counts: number[];
  total: number;
}

export class SoftmaxTemperature extends axonElement(softmaxSettings, { firstRender: true }) {
  static override styles = softmaxTemperatureStyles;

  static override properties = stateProperties('logitValues', 'classLabels', 'tau', 'sampleSize', 'batch');

  /** The logits z now set. */
  declare private logitValues: number[];
  /** The class names now shown. */
  declare private classLabels: string[];
  /** T now set. */
  declare private tau: number;
  /** Draws per press of Sample. */
  declare private sampleSize: number;
  /** The last batch drawn from the current p, if any. */
  declare private batch: SampleBatch | undefined;

  private seedValue = 1;
  private random: Random = createRandom(1);
  /** The sample sizes the select offers: the usual ones and the attribute's. */
  private sampleSizes: number[] = [...SAMPLE_SIZES];

  constructor() {
    super();
    this.logitValues = [2, 1, 0.1];
    this.classLabels = defaultLabels(3);
    this.tau = 1;
    this.sampleSize = 100;
    this.batch = undefined;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    ensureKatexFonts();
  }

  /** Attributes, overridden by what the URL holds for this widget; bad values of either are named. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof softmaxSettings.table>>): void {
    const config = checkLabels(values, this.warnings);
    this.logitValues = config.logits;
    this.classLabels = config.labels;
    this.tau = config.temperature;
    this.sampleSize = config.samples;
    this.sampleSizes = [...new Set([...SAMPLE_SIZES, config.samples])].sort((a, b) => a - b);
    this.seedValue = config.seed;
    this.random = createRandom(config.seed);
    this.batch = undefined;
  }

  /** Puts the settings in the URL and tells listeners; called after every change a student makes. */
  private changed(): void {
    this.keepSettings({ logits: this.logitValues, labels: this.classLabels, temperature: this.tau, samples: this.sampleSize, seed: this.seedValue });
    const detail: SoftmaxTemperatureChangeDetail = { probabilities: softmax(this.logitValues, this.tau), entropyNats: entropyNats(this.logitValues, this.tau) };
    this.dispatchEvent(new CustomEvent<SoftmaxTemperatureChangeDetail>('softmax-temperature-change', { detail, bubbles: true, composed: true }));
  }

  // ---- handlers ------------------------------------------------------------------------------------------------

  /** A logit typed or stepped; `commit` is the field's change event (focus left it, or Enter). */
  private handleLogit(index: number, event: Event, commit: boolean): void {
    const field = event.target as HTMLInputElement;
    const value = field.value.trim() === '' ? NaN : Number(field.value);
    // A half-typed number ("-", "1e") is left alone until it is one; out-of-range values are not taken, and
    // when the field is left with one, it shows the logit in use again.
    if (!Number.isFinite(value) || value < LOGIT_RANGE.min || value > LOGIT_RANGE.max) {
      if (commit) field.value = String(this.logitValues[index]);
      return;
    }
    if (value === this.logitValues[index]) return;
    this.logitValues = this.logitValues.map((z, i) => (i === index ? value : z));
    this.batch = undefined;
    this.changed();
  }

  private handleTemperature(event: Event): void {
    this.tau = temperatureAt(Number((event.target as HTMLInputElement).value));
    this.batch = undefined;
    this.changed();
  }

  private handleAddClass(): void {
    if (this.logitValues.length >= CLASS_COUNT_RANGE.max) return;
    const generated = defaultLabels(this.classLabels.length + 1);
    this.logitValues = [...this.logitValues, 0];
    this.classLabels = [...this.classLabels, generated.at(-1)!];
    this.batch = undefined;
    this.changed();
  }

  private handleRemoveClass(): void {
    if (this.logitValues.length <= CLASS_COUNT_RANGE.min) return;
    this.logitValues = this.logitValues.slice(0, -1);
    this.classLabels = this.classLabels.slice(0, -1);
    this.batch = undefined;
    this.changed();
  }

  private handleSampleSize(event: Event): void {
    this.sampleSize = Number((event.target as HTMLSelectElement).value);
    this.changed();
  }

  /** Draws a new batch from p; the generator goes on from where the last batch left it. */
  private handleSample(): void {
    const p = softmax(this.logitValues, this.tau);
    this.batch = { counts: sampleCounts(p, this.sampleSize, this.random), total: this.sampleSize };
  }

  private handleClear(): void {
    this.batch = undefined;
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  private renderBars(p: number, frequency: number | undefined) {
    const w = BAR.width;
    return html`
      <svg viewBox="0 0 ${w} ${BAR.height}" aria-hidden="true">
        <rect x="0" y="3" width=${w} height="24" fill="currentColor" fill-opacity="0.08"></rect>
        <rect x="0" y="3" width=${(w * p).toFixed(2)} height="24" fill="var(--sm-p)"></rect>
        ${frequency === undefined
          ? nothing
          : svg`<rect x="0" y="29" width=${(w * frequency).toFixed(2)} height="13" fill="var(--sm-sample)"></rect>`}
        <line x1=${w} x2=${w} y1="0" y2=${BAR.height} stroke="currentColor" stroke-opacity="0.4"></line>
      </svg>
    `;
  }

  private renderTable(p: number[]) {
    const scaled = scaleLogits(this.logitValues, this.tau);
    const top = p.indexOf(Math.max(...p));
    const batch = this.batch;
    return html`
      <table>
        <caption class="sr-only">Logits, scaled logits, probabilities and sampled frequencies per class</caption>
        <thead>
          <tr>
            <th scope="col">class</th>
            <th scope="col">logit z</th>
            <th scope="col">z / T</th>
            <th scope="col"><span class="sr-only">bars</span></th>
            <th scope="col">p</th>
            <th scope="col">sampled</th>
          </tr>
        </thead>
        <tbody>
          ${p.map((pi, i) => {
            const frequency = batch ? batch.counts[i]! / batch.total : undefined;
            return html`
              <tr class=${i === top ? 'top' : ''}>
                <td class="label" title=${this.classLabels[i]!}>${this.classLabels[i]}</td>
                <td>
                  <input type="number" aria-label="logit ${i + 1}" step=${LOGIT_STEP} min=${LOGIT_RANGE.min} max=${LOGIT_RANGE.max}
                    .value=${String(this.logitValues[i])} @input=${(event: Event) => this.handleLogit(i, event, false)}
                    @change=${(event: Event) => this.handleLogit(i, event, true)} />
                </td>
                <td>${formatCompact(scaled[i]!)}</td>
                <td class="bars">${this.renderBars(pi, frequency)}</td>
                <td class="p">${formatNumber(pi)}</td>
                <td>${frequency === undefined ? '—' : formatNumber(frequency)}</td>
              </tr>
            `;
          })}
        </tbody>
      </table>
      <ul class="legend" aria-hidden="true">
        <li><svg class="swatch" width="28" height="14"><rect width="28" height="14" fill="var(--sm-p)"></rect></svg>p = softmax(z / T)</li>
        <li><svg class="swatch" width="28" height="10"><rect width="28" height="10" fill="var(--sm-sample)"></rect></svg>frequency in the last sample</li>
      </ul>
    `;
  }

  /** The entropy as a bar from 0 to its maximum log K (the SVG's units are CSS px: METER's width is its drawn width). */
  private renderEntropy(hNats: number, k: number) {
    const maxNats = Math.log(k);
    const { width, barLeft, barRight } = METER;
    const barWidth = barRight - barLeft;
    const fraction = maxNats > 0 ? Math.min(1, hNats / maxNats) : 0;
    return html`
      <svg class="meter" viewBox="0 0 ${width} 34" aria-hidden="true">
        <text x="0" y="25" class="meter-label">entropy</text>
        <rect x=${barLeft} y="6" width=${barWidth} height="22" fill="currentColor" fill-opacity="0.08" stroke="currentColor" stroke-opacity="0.5"></rect>
        <rect x=${barLeft} y="6" width=${(barWidth * fraction).toFixed(2)} height="22" fill="var(--sm-p)"></rect>
        <text x=${barRight + 8} y="25" class="meter-label">log K</text>
      </svg>
    `;
  }

  override render() {
    const p = softmax(this.logitValues, this.tau);
    const k = p.length;
    const hNats = entropyNats(this.logitValues, this.tau);
    const maxNats = Math.log(k);
    const batch = this.batch;
    return html`
      ${this.renderWarnings()}
      <div class="layout">
        <div class="panel">
          ${this.renderTable(p)}
          ${this.renderEntropy(hNats, k)}
          <div role="status" aria-live="polite">
            <p>T = ${formatTemperature(this.tau)} · top class ${this.classLabels[p.indexOf(Math.max(...p))]}, p = ${formatNumber(Math.max(...p))}</p>
            <p>entropy H = ${formatNumber(hNats)} nats = ${formatNumber(natsToBits(hNats))} bits</p>
            <p>max log K: ln ${k} = ${formatNumber(maxNats)} nats = log₂ ${k} = ${formatNumber(Math.log2(k))} bits</p>
            <p>${batch ? `${batch.total} samples drawn (seed ${this.seedValue}): frequencies in the table` : 'no samples drawn yet'}</p>
          </div>
        </div>
        <div class="panel">
          <div class="formula">
            <p class="tex">${tex(String.raw`p_i = \frac{\exp(z_i / T)}{\sum_j \exp(z_j / T)}`)}</p>
            <p>T divides the logits: T &gt; 1 flattens p toward uniform, T → 0 sharpens it toward the top class.</p>
            <p>The largest z / T is subtracted before exp, so huge logits do not overflow.</p>
          </div>
          <div class="slider">
            <label for="temperature">temperature T</label>
            <input id="temperature" type="range" aria-label="temperature" aria-valuetext=${formatTemperature(this.tau)}
              min=${sliderPosition(TEMPERATURE_RANGE.min)} max=${sliderPosition(TEMPERATURE_RANGE.max)} step=${TEMPERATURE_SLIDER_STEP}
              .value=${String(sliderPosition(this.tau))} @input=${this.handleTemperature} />
            <span class="value" aria-hidden="true">${formatTemperature(this.tau)}</span>
          </div>
          <div class="row">
            <button ?disabled=${k >= CLASS_COUNT_RANGE.max} @click=${this.handleAddClass}>Add class</button>
            <button ?disabled=${k <= CLASS_COUNT_RANGE.min} @click=${this.handleRemoveClass}>Remove class</button>
          </div>
          <div class="row">
            <label for="samples">samples</label>
            <select id="samples" aria-label="samples" .value=${String(this.sampleSize)} @change=${this.handleSampleSize}>
              ${this.sampleSizes.map((n) => html`<option value=${n} ?selected=${n === this.sampleSize}>${n}</option>`)}
            </select>
            <button @click=${this.handleSample}>Sample</button>
            <button ?disabled=${!batch} @click=${this.handleClear}>Clear samples</button>
          </div>
        </div>
      </div>
    `;
  }
}

/** z / T for the table: at most 2 decimals, no trailing zeros, a true minus sign. */
function formatCompact(value: number): string {
  return String(Number(value.toFixed(2))).replace('-', '−');
}

customElements.define('softmax-temperature', SoftmaxTemperature);

declare global {
  interface HTMLElementTagNameMap {
    'softmax-temperature': SoftmaxTemperature;
  }
  interface HTMLElementEventMap {
    'softmax-temperature-change': CustomEvent<SoftmaxTemperatureChangeDetail>;
  }
}
