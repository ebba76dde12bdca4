/**
 * `<gd-modes>`: the same linear regression ŷ = β₁x₁ + β₂x₂ (make_regression-style data) trained three ways
 * from the same start β = (0, 0), with the same learning rate and the same shuffling seed: batch gradient
 * descent (every example per update), SGD (one example per update) and minibatch (B examples per update),
 * reshuffled every epoch. The three paths run over the loss contours (true β +, normal-equation β̂ green)
 * and the three loss curves share one plot. Trained by the shared engine (a [2, 1] linear network without
 * bias, MSE, plain SGD with full / one-example / minibatch batching).
 *
 * The comparison is fair by examples seen: the runs advance together one example at a time, so batch GD
 * updates once per epoch, minibatch ⌈n/B⌉ times and SGD n times, and the loss curves' x-axis is the epoch
 * (examples seen / n). `per update` switches that axis to the number of updates (log scale). The loss
 * drawn and shown is the MSE on all the data at each β, not the loss of the batch that made the update.
 *
 * Attributes (a bad value shows a warning naming the attribute, and its default is used):
 * - `samples` — n, 2…500 (default 50).
 * - `noise` — standard deviation of the Gaussian noise on y, 0…100 (default 10).
 * - `coefficients` — the true β "β1,β2", each within ±1000 (default: drawn from the seed, 100·U(0, 1)).
 * - `seed` — the data and the shuffling, a whole number (default 1).
 * - `lr` (or `learning-rate`) — learning rate η of all three runs, 0.0001…1 (default 0.05).
 * - `batch-size` — B of the minibatch run, 1…n (default 10).
 * - `epochs` — the epoch budget (the handout state), 1…200 (default 20).
 * - `epochs-per-second` — pace of Play, 0.1…20 (default 2).
 * - `x-axis` — `epochs` (default) or `updates`.
 * - `autoplay` — boolean: play when the slide is shown (under prefers-reduced-motion: jump to the end).
 * Sampling is without replacement (a reshuffle per epoch, as PyTorch's DataLoader(shuffle=True)); the
 * engine has no sampling with replacement, so there is no attribute for it.
 *
 * Controls (accessible names): sliders `batch size` (1…n) and `learning rate` (log scale), toggle button
 * `per update` (the loss curves against updates instead of epochs), buttons `Play` `Pause` `Step` (one
 * epoch for every run) `Reset`, `Show code` (PyTorch). The status (role=status) has one line per run:
 * `SGD: epoch 3 · update 150 · β₁ = 52.31, β₂ = 10.36 · loss = 101.4`, then `· diverged at update k`.
 * The batch size, learning rate and axis are kept in the page URL (defaults < attributes < URL).
 *
 * Idle until its slide is shown; pauses when hidden; frees its tensors when removed. `settled` resolves at
 * the handout state (the epoch budget used up, or every run diverged, drawn); `settle()` gets there
 * at once (the handout contract, components/shared/handout.ts). All drawing is SVG.
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html } from 'lit';
import '../shared/code-panel.ts';
import { stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { divergenceWarning } from '../shared/transport.ts';
import { formatShort, formatValue, lossAt, problemValues, stabilityLimit, type Beta } from '../shared/regression/regression-problem.ts';
import { regressionElement } from '../shared/regression/regression-element.ts';
import type { RunView } from '../shared/regression/runs-controller.ts';
import { drawMap, problemLegend, renderLossPlot, renderMap, runSwatch, withPowersOfTen, type MapGeometry, type MapPicture } from '../shared/regression/regression-views.ts';
import { MODES, MODES_LIMITS, MODE_STYLES, batchingOf, formatEpoch, modeLabel, modesSettings, pytorchScript, settingsOf, type Mode, type ModesSettings, type XAxis } from './gd-modes.model.ts';
import { gdModesStyles } from './gd-modes.styles.ts';

// Laid out one SVG unit to one CSS px (the map's column is 460 px wide); labels at 22 units draw ≥ 21 px (issue 17).
const MAP: MapGeometry = { width: 460, left: 78, right: 14, top: 10, bottom: 66, text: 22 };
// Drawn wider than its viewBox (the panel's ~700 px), so 21 units draw larger than 21 px.
const LOSS = { width: 600, height: 190, left: 84, right: 16, top: 10, bottom: 54, text: 21 };
/** Paths longer than this are drawn without a dot per update (SGD's hundreds of small steps). */
const DOTS_UP_TO = 80;
/** Each run's line width and marker size on the map, so that none hides another where they run together. */
const LAYERS: Record<Mode, { lineWidth: number; markerSize: number }> = {
  sgd: { lineWidth: 3, markerSize: 10.5 },
  batch: { lineWidth: 6, markerSize: 7.5 },
  minibatch: { lineWidth: 2.5, markerSize: 5 },
};

/** The settings before any attribute is read: the defaults. */
const DEFAULT_SETTINGS = settingsOf(modesSettings.read({ attribute: () => null }).values);

export class GdModes extends regressionElement(modesSettings, DEFAULT_SETTINGS.problem) {
  static override styles = gdModesStyles;

  static override properties = stateProperties('minibatchSize', 'axis');

  /** B now set. */
  declare private minibatchSize: number;
  /** The loss curves' x-axis now shown. */
  declare private axis: XAxis;

  private settings: ModesSettings = DEFAULT_SETTINGS;
  private picture: MapPicture | undefined;

  /** Every run's path as drawn (update, examples seen, β; thinned past PATH_POINTS), in legend order: batch GD, SGD, minibatch. */
  get paths(): Array<{ mode: Mode; points: Array<{ update: number; examples: number; beta: [number, number] }> }> {
    return this.training.views.map((view, i) => ({ mode: MODES[i]!, points: view.points.map((p) => ({ update: p.update, examples: p.examples, beta: [p.beta[0], p.beta[1]] })) }));
  }

  constructor() {
    super();
    this.learningRate = this.settings.learningRate;
    this.minibatchSize = this.settings.batchSize;
    this.axis = this.settings.xAxis;
  }

  /** New settings (defaults < attributes < URL): the data drawn again if it changed, and fresh runs. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof modesSettings.table>>): void {
    const settings = settingsOf(values);
    this.autoplayOn = values.autoplay;
    if (this.useProblem(settings.problem) || !this.picture) this.picture = drawMap(this.problem, MAP, false);
    this.settings = settings;
    this.learningRate = settings.learningRate;
    this.minibatchSize = settings.batchSize;
    this.axis = settings.xAxis;
    this.restart();
  }

  /** The CSV (`data`) is in: its own map, and fresh runs on it. */
  protected override dataLoaded(): void {
    this.picture = drawMap(this.problem, MAP, false);
    this.restart();
  }

  /** Keeps η, B and the axis in the address (a shared link opens as it was left). */
  protected override keepState(): void {
    const { learningRate, minibatchSize: batchSize, axis: xAxis } = this;
    this.keepSettings({ ...this.settings, ...problemValues(this.settings.problem), learningRate, batchSize, xAxis, autoplay: this.autoplayOn });
  }

  /** Fresh runs from β = (0, 0) for the current settings. */
  protected override restart(): void {
    const n = this.problem.samples;
    this.training.start({
      data: { inputs: this.problem.inputs, targets: this.problem.targets },
      runs: MODES.map((mode) => ({ name: `gd-modes ${mode}`, learningRate: this.learningRate, batching: batchingOf(mode, this.minibatchSize), seed: this.settings.problem.seed })),
      // One example at a time: SGD moves every step, minibatch every B, batch GD every n.
      examplesPerStep: 1,
      examplesPerPress: n,
      budget: this.settings.epochs * n,
      stepsPerSecond: this.settings.epochsPerSecond * n,
      lossAt: (beta) => lossAt(this.problem, beta),
    });
  }

  // ---- handlers ------------------------------------------------------------------------------------------------

  private handleBatchSize(event: Event): void {
    const size = Number((event.target as HTMLInputElement).value);
    if (size === this.minibatchSize) return;
    this.minibatchSize = size;
    this.keepState();
    this.restart();
  }

  private handleAxis(): void {
    this.axis = this.axis === 'epochs' ? 'updates' : 'epochs';
    this.keepState();
  }

  // ---- rendering -----------------------------------------------------------------------------------------------

  private statusLine(view: RunView, mode: Mode) {
    const last = view.points.at(-1)!;
    const parts = [
      `epoch ${formatEpoch(last.examples, this.problem.samples)}`,
      `update ${last.update}`,
      withPowersOfTen(`β₁ = ${formatValue(last.beta[0])}, β₂ = ${formatValue(last.beta[1])}`),
      withPowersOfTen(`loss = ${formatValue(lossAt(this.problem, last.beta))}`),
    ];
    if (view.divergence) parts.push(`diverged at update ${view.divergence.update}`);
    const style = MODE_STYLES[mode];
    // Each part unbroken, so a line that wraps breaks between parts ("· loss = 838.8"), not inside one.
    return html`<p>${runSwatch(style.colour, style.marker)}<span>${style.label}: ${parts.map((part, i) => html`${i ? ' · ' : ''}<span class="part">${part}</span>`)}</span></p>`;
  }

  private renderLoss() {
    const n = this.problem.samples;
    const perUpdate = this.axis === 'updates';
    const series = this.training.views.map((view, i) => {
      const style = MODE_STYLES[MODES[i]!];
      const points = view.points
        .filter((p) => !perUpdate || p.update > 0)
        .map((p) => [perUpdate ? p.update : p.examples / n, lossAt(this.problem, p.beta)] as const);
      return { points, colour: style.colour, dash: style.dash };
    });
    const start = lossAt(this.problem, [0, 0]);
    const xMax = perUpdate ? this.settings.epochs * n : this.settings.epochs;
    const label = `Loss curves of batch GD, SGD and minibatch: MSE on all the data against ${perUpdate ? 'updates (log scale)' : 'epochs'}, log scale; the dashed line is L(β̂) = ${formatValue(this.problem.minimumLoss)}`;
    return renderLossPlot(LOSS, series, {
      xMax,
      xLabel: perUpdate ? 'updates (log scale)' : 'epochs (examples seen / n)',
      minimumLoss: this.problem.minimumLoss,
      startLoss: start,
      label,
      logX: perUpdate,
      clipId: 'loss-clip',
    });
  }

  override render() {
    const picture = this.picture!;
    const n = this.problem.samples;
    const paths = this.training.views.map((view, i) => {
      const mode = MODES[i]!;
      const style = MODE_STYLES[mode];
      return { points: view.points.map((p) => p.beta as Beta), colour: style.colour, marker: style.marker, dots: view.points.length <= DOTS_UP_TO, label: style.label, ...LAYERS[mode] };
    });
    // SGD's scribble underneath, batch GD's few long steps wide over it, the minibatch path narrow on top: where
    // the paths run together each still shows, and the last markers nest (largest underneath) where they meet.
    const drawOrder = [paths[1], paths[0], paths[2]].filter((p) => p !== undefined);
    const divergence = this.training.firstDivergence;
    return html`
      ${this.renderWarningLines()}
      <div class="layout">
        ${renderMap(picture, drawOrder, 'map-clip', `Loss contours over β₁ and β₂ (dark is low) with the paths of batch GD, SGD and minibatch (B = ${this.minibatchSize}) from (0, 0)`)}
        <div class="panel">
          <div class="controls">
            <label for="batch">batch size B</label>
            <input id="batch" type="range" aria-label="batch size" aria-valuetext=${`${this.minibatchSize} of ${n} examples`}
              min="1" max=${n} step="1" .value=${String(this.minibatchSize)} @input=${this.handleBatchSize} />
            <span class="value" aria-hidden="true">${this.minibatchSize}</span>
            ${this.renderLearningRate(MODES_LIMITS.lr)}
          </div>
          <div class="row">
            ${this.renderTransport()}
            <button class="toggle" aria-pressed=${this.axis === 'updates' ? 'true' : 'false'} @click=${this.handleAxis}>per update</button>
          </div>
          ${divergenceWarning(divergence && { step: divergence.update })}
          <div role="status" aria-live="polite">${this.training.views.map((view, i) => this.statusLine(view, MODES[i]!))}</div>
          ${this.renderLoss()}
          <ul class="legend" aria-label="legend">
            ${problemLegend(this.problem)}
          </ul>
          <div class="row">
            <axon-code-panel .code=${pytorchScript(this.settings.problem, { learningRate: this.learningRate, batchSize: this.minibatchSize, epochs: this.settings.epochs, seed: this.settings.problem.seed })}></axon-code-panel>
            <details class="more">
              <summary>More</summary>
              <p class="note">${modeLabel('minibatch', this.minibatchSize, n)}, ${modeLabel('sgd', this.minibatchSize, n)}, ${modeLabel('batch', this.minibatchSize, n)}; η = ${formatShort(this.learningRate)} (batch GD diverges above 2/λmax = ${formatShort(stabilityLimit(this.problem))}); reshuffled every epoch.</p>
            </details>
          </div>
        </div>
      </div>
    `;
  }
}

customElements.define('gd-modes', GdModes);

declare global {
  interface HTMLElementTagNameMap {
    'gd-modes': GdModes;
  }
}
