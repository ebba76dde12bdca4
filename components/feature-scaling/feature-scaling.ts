/**
 * `<feature-scaling>`: why features are standardised. One linear neuron predicts a house's price from its
 * area (ft², 500–3500) and its number of rooms (1–6), trained by full-batch gradient descent on the shared
 * engine twice, side by side: on the raw features (only centred) and on standardised ones (centred and
 * divided by the training split's standard deviations). Each panel shows the MSE's contours over (w1, w2)
 * with the descent path, the Hessian's eigenvalues, κ = λmax/λmin and the largest stable learning rate
 * 2/λmax; one plot shows both loss curves. With one learning rate for both, the rate that suits the
 * standardised bowl (κ ≈ 5) makes the raw valley (κ ≈ 10⁶) diverge; at the raw valley's own largest stable
 * rate, descent crawls along it.
 *
 * The model (stated on the widget): ŷ − ȳ = w1·x1 + w2·x2 on centred features and price (training means),
 * so the bias sits at its optimum, decoupled, and the contours are the whole loss; the two panels are the
 * same model in different units. Everything about the data comes from the training split (75 %); the test
 * MSE uses the training statistics.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `lr` (or `learning-rate`) — learning rate η of both panels (or of the standardised one when `raw-lr` is set), 1e-9…2
 *   (default 0.25).
 * - `raw-lr` — a separate η for the raw panel, 1e-9…2, or `none` (default: none, one η for both).
 * - `steps` — gradient-descent steps per run (the handout state), 1…1000 (default 40).
 * - `points` — houses generated, 10…1000 (default 80; 75 % train).
 * - `seed` — the houses and the split, a whole number (default 1).
 * - `data` — a CSV file beside the deck to fit instead of the houses (every row; split 75 / 25 with `seed`), with
 *   `features` (two numeric columns, e.g. `horsepower,weight`) and `y` (the numeric column to predict, e.g. `mpg`).
 * - `autoplay` — boolean: train as soon as the slide is shown.
 * Learning rates set on the widget are kept in the page URL (defaults < attributes < URL).
 *
 * Controls (accessible names): toggle button `one learning rate` (pressed: one slider `learning rate`; not
 * pressed: sliders `raw learning rate` and `standardised learning rate`, log scale 10⁻⁸…1), button
 * `largest stable rates` (each panel at 0.9 · 2/λmax), `Play` `Pause` `Step` `Reset` (Step = one GD step
 * of both runs), `Show code`. Status (role=status): per panel the step, (w1, w2) and the training MSE, or
 * the divergence.
 *
 * Idle until its slide is shown, pauses when hidden, frees its tensors when removed. `settled` resolves once
 * both runs have reached `steps` (or diverged) and are drawn; `settle()` gets there at once (the handout
 * contract, components/shared/handout.ts; Play does so under prefers-reduced-motion).
 *
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing } from 'lit';
import type { Readout, Trainer } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { transportControls } from '../shared/transport.ts';
import { withPowersOfTen } from '../shared/regression/regression-views.ts';
import { dataFailure, loadTable, regressionColumns, type TableData } from '../shared/data/widget-data.ts';
import {
  LEARNING_RATE_SLIDER,
  formatNumber,
  makeHouses,
  tableHouses,
  meanSquaredError,
  parseScalingAttributes,
  scalingSettings,
  pytorchCode,
  trainerSpec,
  type Houses,
  type Scaling,
  type ScalingSettings,
  type Weights,
} from './feature-scaling.model.ts';
import { featureScalingStyles } from './feature-scaling.styles.ts';
import { freshView, panelPicture, renderLegend, renderLossPlot, renderPanel, type PanelPicture, type RunView } from './feature-scaling.views.ts';

/** A default run of 40 steps takes 4 s: slow enough to follow each step. */
const WATCH_SECONDS = 4;

export class FeatureScaling extends axonElement(scalingSettings) {
  static override styles = featureScalingStyles;

  static override properties = stateProperties('settings');

  /** Train as soon as the slide is shown (the `autoplay` attribute). */
  private autoplayOn = false;
  /** The current settings (attributes, then the URL, then the controls). */
  declare private settings: ScalingSettings;

  private houses: Houses | undefined;
  private pictures: Partial<Record<Scaling, PanelPicture>> = {};
  private views: Record<Scaling, RunView> = { raw: freshView(), standardised: freshView() };
  private readonly reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  /**
   * The two runs, on one handout latch: `settled` per pair of runs (both renew it; it resolves once both are
   * drawn at `steps` or diverged, `checkSettled`), and restarted runs go to `steps` too once `settle()` was asked.
   */
  private readonly training: Record<Scaling, TrainingController> = {
    raw: this.controller('raw'),
    standardised: this.controller('standardised'),
  };

  constructor() {
    super();
    this.settings = parseScalingAttributes({}).settings;
  }

  /** Back on the page after being removed (its trainers were freed): train afresh with the rates it had. */
  protected override reconnected(): void {
    this.restart(false);
    if (this.handout.asked) void this.settle();
  }

  /** The settings as read (an attribute changed, or the first update): both runs afresh, paused. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof scalingSettings.table>>): void {
    const { autoplay, ...settings } = values;
    this.autoplayOn = autoplay;
    this.settings = settings;
    this.restart(false);
  }

  /** Trains both runs to `steps` (or their divergence) at once, every step read back; resolves with `settled`. */
  override settle(): Promise<void> {
    return this.handout.settle(async () => {
      await this.loading;
      if (!this.houses) {
        // The data could not be read: the handout shows the widget's message, as the slide does.
        this.handout.resolveWhenDrawn();
        return;
      }
      await Promise.all([this.training.raw.started, this.training.standardised.started]);
      for (const scaling of ['raw', 'standardised'] as const) {
        // One step at a time: every step is read back, so the path shows each one.
        await this.training[scaling].trainToBudget({ maxEpochs: 1 });
      }
      this.checkSettled();
    });
  }

  private controller(scaling: Scaling): TrainingController {
    return new TrainingController(this, {
      autoplay: () => this.autoplayOn,
      onReadout: (readout, trainer) => this.handleReadout(scaling, readout, trainer),
      pace: { seconds: WATCH_SECONDS, minStepsPerSecond: 2 },
      handout: this.handout,
    });
  }

  /** Starts both runs afresh from w = 0 with the current settings. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) for (const t of Object.values(this.training)) t.pause();
    const { points, seed, steps, data, features, target } = this.settings;
    const key = data === '' ? '' : JSON.stringify([data, features, target]);
    if (key !== this.tableKey) {
      // A new file or columns: forget the old data and fetch; the runs start when the table is here.
      [this.tableKey, this.table, this.dataError, this.houses, this.houseSeed] = [key, undefined, undefined, undefined, undefined];
      if (key !== '') {
        this.loading = this.loadTable(key);
        return;
      }
    }
    if (key !== '' && !this.table) return;
    if (!this.houses || (!this.table && this.houses.all.inputs.length !== points) || this.houseSeed !== seed) {
      this.houses = this.table ? tableHouses(this.table, seed) : makeHouses(points, seed);
      this.houseSeed = seed;
      this.pictures = {};
    }
    const houses = this.houses;
    this.views = { raw: freshView(), standardised: freshView() };
    for (const scaling of ['raw', 'standardised'] as const) {
      const data = houses[scaling];
      void this.training[scaling].start(trainerSpec(this.rate(scaling), seed, scaling), { inputs: data.train, targets: data.trainTargets.map((y) => [y]) }, steps);
    }
  }

  private houseSeed: number | undefined;
  /** With `data`: which file and columns were asked for, what they hold (once fetched), or why they cannot be used. */
  private tableKey = '';
  private table: (TableData & { rows: number }) | undefined;
  private dataError: string | undefined;
  /** Resolves once the asked-for table is fetched (or has failed); the handout waits for it. */
  private loading: Promise<void> = Promise.resolve();

  /** Fetches the `data` table and reads its columns; then both runs start on it. A stale answer is dropped. */
  private async loadTable(key: string): Promise<void> {
    const { data, features, target } = this.settings;
    try {
      const names = features.split(',').filter((name) => name !== '');
      if (names.length !== 2) throw new Error(`<feature-scaling> features="${features}": name two numeric columns of ${data}, e.g. features="horsepower,weight"`);
      if (target === '') throw new Error(`<feature-scaling> data="${data}" needs y="…": the numeric column to predict`);
      const table = await loadTable(data);
      if (key !== this.tableKey) return;
      this.table = { ...regressionColumns(table, 'feature-scaling', data, { attribute: 'features', names }, { attribute: 'y', name: target }), rows: table.rows.length };
    } catch (error) {
      if (key !== this.tableKey) return;
      this.dataError = dataFailure('feature-scaling', data, error);
    }
    this.restart(false);
    this.requestUpdate();
  }

  private rate(scaling: Scaling): number {
    return scaling === 'raw' ? (this.settings.rawLearningRate ?? this.settings.learningRate) : this.settings.learningRate;
  }

  /** Records the weights after each readback (the run starts at w = 0, written at its first readout). */
  private handleReadout(scaling: Scaling, readout: Readout, trainer: Trainer): void {
    if (trainer !== this.training[scaling].trainer && this.training[scaling].trainer !== undefined) return;
    if (readout.step === 0 && trainer.steps === 0) trainer.writeWeights([{ weights: [[0], [0]], biases: [0] }]);
    const [layer] = trainer.latestWeights;
    const w: Weights = [layer!.weights[0]![0]!, layer!.weights[1]![0]!];
    const data = this.houses![scaling];
    const view = this.views[scaling];
    // NOTE - the step the read-back weights belong to: more steps may have been queued since (Play and settle()).
    const step = readout.epoch;
    const last = view.path.at(-1);
    if (!last || last.step < step) {
      view.series.push({ step, w, loss: meanSquaredError(w, data.train, data.trainTargets) });
      view.path = view.series.points();
    }
    if (trainer.divergence && view.divergedAt === undefined) view.divergedAt = trainer.divergence.step;
    this.checkSettled();
  }

  private checkSettled(): void {
    const done = (['raw', 'standardised'] as const).every((scaling) => {
      const view = this.views[scaling];
      return view.divergedAt !== undefined || view.path.at(-1)?.step === this.settings.steps;
    });
    if (done) this.handout.resolveWhenDrawn();
  }

  private handlePlay = (): void => {
    if (this.reducedMotion?.matches) {
      void this.settle();
      return;
    }
    for (const t of Object.values(this.training)) if (!t.done && !t.divergence) t.play();
  };

  private handlePause = (): void => {
    for (const t of Object.values(this.training)) t.pause();
  };

  private handleStep = (): void => {
    for (const t of Object.values(this.training)) void t.step();
  };

  private handleReset = (): void => {
    this.restart(false);
  };

  private setRates(learningRate: number, rawLearningRate: number | null): void {
    this.settings = { ...this.settings, learningRate, rawLearningRate };
    this.keepSettings({ ...this.settings, autoplay: this.autoplayOn });
    this.restart(false);
  }

  private handleRate(which: 'both' | Scaling, event: Event): void {
    const rate = Number((10 ** Number((event.target as HTMLInputElement).value)).toPrecision(3));
    if (which === 'both') this.setRates(rate, null);
    else if (which === 'raw') this.setRates(this.settings.learningRate, rate);
    else this.setRates(rate, this.settings.rawLearningRate ?? this.settings.learningRate);
  }

  private handleLink = (): void => {
    const linked = this.settings.rawLearningRate === null;
    this.setRates(this.settings.learningRate, linked ? this.settings.learningRate : null);
  };

  private handleStableRates = (): void => {
    const rate = (s: Scaling) => Number((0.9 * this.picture(s).curvature.stableRate).toPrecision(3));
    this.setRates(rate('standardised'), rate('raw'));
  };

  // ---- rendering ---------------------------------------------------------------------------------------

  /** The panel's fixed picture, computed once per data set. */
  private picture(scaling: Scaling): PanelPicture {
    const cached = this.pictures[scaling];
    if (cached) return cached;
    const picture = panelPicture(this.houses!, scaling);
    this.pictures[scaling] = picture;
    return picture;
  }

  private statusLine(scaling: Scaling): string {
    const training = this.training[scaling];
    const name = scaling === 'raw' ? 'raw' : 'standardised';
    if (training.error) return `${name}: no training — ${training.error}`;
    const view = this.views[scaling];
    if (view.divergedAt !== undefined) {
      // Above 2/λmax divergence is what the panel predicts (the raw features' lesson): an outcome, not a fault.
      const limit = this.picture(scaling).curvature.stableRate;
      return this.rate(scaling) > limit
        ? `${name}: diverged at step ${view.divergedAt}, as η above 2/λmax = ${formatNumber(limit)} does`
        : `${name}: diverged at step ${view.divergedAt} — lower the learning rate`;
    }
    const last = view.path.at(-1);
    if (!last) return `${name}: step 0`;
    const data = this.houses![scaling];
    const test = meanSquaredError(last.w, data.test, data.testTargets);
    return `${name}: step ${last.step} · w = (${formatNumber(last.w[0])}, ${formatNumber(last.w[1])}) · MSE ${formatNumber(last.loss, 4)} (test ${formatNumber(test, 4)})`;
  }

  private renderControls() {
    const linked = this.settings.rawLearningRate === null;
    const slider = (which: 'both' | Scaling, label: string, rate: number) => html`<label class="control">
      <span>${label}</span>
      <input type="range" aria-label=${which === 'both' ? 'learning rate' : `${which} learning rate`} aria-valuetext=${formatNumber(rate)}
        min=${LEARNING_RATE_SLIDER.min} max=${LEARNING_RATE_SLIDER.max} step=${LEARNING_RATE_SLIDER.step}
        .value=${String(Math.log10(rate))} @change=${(e: Event) => this.handleRate(which, e)} />
      <span class="value" aria-hidden="true">${formatNumber(rate)}</span>
    </label>`;
    return html`
      <div class="buttons">
        <button class="toggle" aria-pressed=${linked ? 'true' : 'false'} @click=${this.handleLink}>one learning rate</button>
        <button class="preset" @click=${this.handleStableRates}>largest stable rates</button>
      </div>
      ${linked
        ? slider('both', 'η (both)', this.settings.learningRate)
        : html`${slider('raw', 'η raw', this.rate('raw'))}${slider('standardised', 'η stand.', this.settings.learningRate)}`}
    `;
  }

  override render() {
    if (!this.houses) {
      if (this.dataError) return html`${this.renderWarnings()}${this.renderAlert(this.dataError)}`;
      return this.tableKey === '' ? nothing : html`${this.renderWarnings()}<p role="status">loading ${this.settings.data}…</p>`;
    }
    const canContinue = this.training.raw.canContinue || this.training.standardised.canContinue;
    const running = this.training.raw.running || this.training.standardised.running;
    const error = this.training.raw.error ?? this.training.standardised.error;
    const { featureMean, featureDeviation, train, test } = this.houses;
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(error && `no training engine: ${error}`)}
      <div class="layout">
        ${(['raw', 'standardised'] as const).map((s) => renderPanel(s, this.picture(s), this.views[s], this.rate(s), this.settings.steps))}
        <div class="side">
          ${this.renderControls()}
          ${transportControls({ running, canContinue, onPlay: this.handlePlay, onPause: this.handlePause, onStep: this.handleStep, onReset: this.handleReset })}
          <div role="status" aria-live="polite">
            <p>${unbroken(withPowersOfTen(this.statusLine('raw')))}</p>
            <p>${unbroken(withPowersOfTen(this.statusLine('standardised')))}</p>
          </div>
          ${renderLossPlot(this.houses, this.picture('standardised').optimum, this.views, this.settings.steps)}
          ${renderLegend()}
          <div class="buttons">
            <axon-code-panel .code=${pytorchCode(this.settings, this.table?.rows)}></axon-code-panel>
            <details class="more">
              <summary>More</summary>
              ${this.table
                ? html`<p class="note">
                    ${this.table.targetNames[0]} − mean = w₁x₁ + w₂x₂ on centred columns of ${this.table.file}, so the bias is at its optimum and the contours are the whole loss.
                    Standardised: x divided by its s.d. (${this.table.inputNames[0]} ${formatNumber(featureDeviation[0])}, ${this.table.inputNames[1]} ${formatNumber(featureDeviation[1])});
                    means (${formatNumber(featureMean[0])}, ${formatNumber(featureMean[1])}) and s.d. from the ${train.inputs.length} training rows only; ${test.inputs.length} held out.
                  </p>`
                : html`<p class="note">
                ŷ − ȳ = w₁x₁ + w₂x₂ on centred features and price, so the bias is at its optimum and the contours are the whole loss.
                Standardised: x divided by its s.d. (area ${formatNumber(featureDeviation[0])} ft², rooms ${formatNumber(featureDeviation[1])});
                means (${formatNumber(featureMean[0])} ft², ${formatNumber(featureMean[1])} rooms) and s.d. from the ${train.inputs.length} training houses only; ${test.inputs.length} held out.
              </p>`}
            </details>
          </div>
        </div>
      </div>
    `;
  }
}

/** A status line's short " · "-separated parts (numbers) each unbroken, so a wrapped line breaks between parts. */
function unbroken(line: string) {
  return line.split(' · ').map((part, i) => html`${i ? ' · ' : ''}${part.length > 28 ? part : html`<span class="part">${part}</span>`}`);
}

customElements.define('feature-scaling', FeatureScaling);

declare global {
  interface HTMLElementTagNameMap {
    'feature-scaling': FeatureScaling;
  }
}
