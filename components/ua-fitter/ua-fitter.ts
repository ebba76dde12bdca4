/**
 * `<ua-fitter>`: a 1 → N → 1 network fits a target curve from a few sample points — universal
 * approximation made visible. The plot shows the target, the samples, the network's curve and, faintly,
 * each hidden unit's contribution w₂ᵢ·σ(w₁ᵢx + b₁ᵢ): the "bends" that, added to the output bias b₂, make
 * the curve. A second plot shows the MSE per epoch on a log scale.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used):
 * - `neurons` — hidden units N, a whole number in 1…64 (default 3).
 * - `target` — `sin` (on [−π, π]), `abs`, `step`, `bump`, `sawtooth` (on [−1, 1]), `cubic` (x³ on [−1.5, 1.5])
 *   (default `sin`).
 * - `points` — sample points, evenly spaced, 2…500 (default 30).
 * - `epochs` — the epoch budget, 1…100000 (default 800). Training is full batch: one step = one epoch.
 * - `optimizer` — `adam` (default), `sgd` or `momentum` (μ = 0.9).
 * - `lr` (or `learning-rate`) — learning rate, 1e-6…10 (default 0.05 with Adam; the lecture's 0.005 with sgd / momentum: plain
 *   full-batch SGD at 0.005 barely moves in 800 epochs, so Adam is the default — the widget says so).
 * - `activation` — hidden units' `sigmoid` (default), `tanh` or `relu`.
 * - `noise` — standard deviation of Gaussian noise on the samples' y, 0…2 (default 0).
 * - `seed` — initial weights and noise, a whole number (default 1).
 * - `data` — a CSV beside the deck to fit instead of a target, with `x` (the input column) and `y` (the column to
 *   predict): x and y standardised with the training split's statistics, rows split 75 / 25 with `seed`; the
 *   status adds the test MSE, and `target`, `points` and `noise` are not used.
 * - `autoplay` — boolean: train as soon as the slide is shown (default: wait for Play).
 * The neurons and target a student picks are kept in the page address (`?ua-fitter=neurons%3D10`).
 *
 * Controls (accessible names): slider `neurons`, select `target function`, buttons `Play` `Pause` `Step`
 * `Reset` (Step = one epoch), `Show code` (PyTorch for the current settings). Changing neurons or the target
 * restarts training, still playing if it was. Status (role=status): `epoch 123 · MSE 0.001234`, then
 * `· done` once the budget is used up; the MSE is that of the curve drawn.
 *
 * On a deck it is idle until its slide is shown and pauses while hidden; removing it frees every tensor.
 * `settled` resolves once the run reaches its epoch budget (its handout state), or stops on divergence;
 * `settle()` trains there as fast as possible (the handout contract, components/shared/handout.ts). A new run
 * (neurons, target, Reset, the widget put back on the page) gets a new `settled` promise.
 *
 * @event ua-fitter-done — when a run uses up its epoch budget; detail `{ epoch, mse }`.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-accent-2 — the second data colour: derivatives, biases, the compared run (default #b45309).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing, svg } from 'lit';
import type { Trainer } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import { pytorchTrainingLoop } from '../shared/pytorch.ts';
import { LossCurves } from '../shared/loss-curves.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings, SettingValues } from '../shared/runtime/settings.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { divergenceWarning, transportControls } from '../shared/transport.ts';
import { dataFailure, loadTable, regressionColumns } from '../shared/data/widget-data.ts';
import { fitTable, sampleRange, spanGrid, tablePytorchData, type FitTable } from './ua-fitter.table.ts';
import { linearScale, roundTicks, tickLabel } from '../shared/views/axes.ts';
import { lossChart } from '../shared/views/loss-chart.ts';
import { linePath } from '../shared/views/paths.ts';
import {
  FIT_LIMITS,
  FIT_TARGETS,
  TARGET_LABELS,
  describeTraining,
  formatMse,
  hiddenContributions,
  meanSquaredError,
  fitSettings,
  plotGrid,
  plotRange,
  pytorchSettings,
  samplePoints,
  targetCurve,
  targetInterval,
  trainerSpec,
  type Contributions,
  type FitSettings,
  type FitTarget,
} from './ua-fitter.model.ts';
import { uaFitterStyles } from './ua-fitter.styles.ts';

/** Detail of `ua-fitter-done`. */
export interface UaFitterDoneDetail {
  epoch: number;
  mse: number;
}

/** The fit plot, in SVG units: one unit to one CSS px in its 640 px column (its 22-unit labels draw ≥ 21 px, issue 17). */
const FIT = { width: 640, height: 420, left: 66, right: 14, top: 14, bottom: 40 } as const;
/** The loss plot: a little narrower than its column, so its labels draw at least as large as the fit's. */
const LOSS = { width: 500, height: 190, left: 84, right: 16, top: 12, bottom: 42 } as const;
/** Points on the drawn curves. */
const GRID_POINTS = 200;
/** A run of the default 800 epochs takes about 4 s: slow enough to watch the bends form. */
const MIN_EPOCHS_PER_SECOND = 200;
const WATCH_SECONDS = 4;

export class UaFitter extends axonElement(fitSettings) {
  static override styles = uaFitterStyles;

  static override properties = stateProperties('settings');

  /** Train as soon as the slide is shown (the `autoplay` attribute). */
  private autoplayOn = false;
  /** The settings of the current run (attributes and the URL, then the slider and the select): read before the first render. */
  declare private settings: FitSettings;

  private samples = samplePoints({ target: 'sin', points: 2, noise: 0, seed: 1 });
  private grid = plotGrid('sin', GRID_POINTS);
  private yRange: [number, number] = [-1, 1];
  /** The drawn network: its curve over the grid, its hidden units, the epoch and MSE it belongs to. */
  private picture: { epoch: number; mse: number; curve: Float32Array; contributions: Contributions | undefined } | undefined;
  /** With `data`: which file and columns were asked for, the table (once fetched), or why it cannot be used. */
  private tableKey = '';
  private table: FitTable | undefined;
  private dataError: string | undefined;
  /** Resolves once the asked-for table is fetched (or has failed); the handout waits for it. */
  private loading: Promise<void> = Promise.resolve();
  /** With `data`: the test split's MSE of the drawn curve. */
  private testMse: number | undefined;
  /** The MSE of this run's pictures, thinned so that hours of training stay light: the loss plot. */
  private lossCurves = new LossCurves(['mse']);

  /** The run and the handout contract: `settled` per run, and a restarted run trains to its budget too once `settle()` was asked. */
  private readonly training = new TrainingController(this, {
    autoplay: () => this.autoplayOn,
    onReadout: (_readout, trainer) => this.handleReadout(trainer),
    // Full batch: a step is an epoch. Any run takes about 4 s to watch, whatever its epoch budget.
    pace: { seconds: WATCH_SECONDS, minStepsPerSecond: MIN_EPOCHS_PER_SECOND },
    handout: this.handout,
  });

  /** Back on the page after being removed (its trainer was freed): train afresh with the settings it had. */
  protected override reconnected(): void {
    this.restart(false);
    if (this.handout.asked) void this.settle();
  }

  /** The settings as read (an attribute changed, or the first update): a fresh run, still playing if it was. */
  protected override settingsChanged({ values }: ResolvedSettings<SettingValues<typeof fitSettings.table>>): void {
    const { autoplay, ...settings } = values;
    this.autoplayOn = autoplay;
    this.settings = settings;
    this.restart(this.training.running);
  }

  /** Trains the current run to the end of its epoch budget as fast as possible; resolves with `settled`. */
  override async settle(): Promise<void> {
    await this.loading;
    // Data that cannot be read: the handout shows the widget's message, as the slide does.
    if (this.settings.data && !this.table) return this.handout.settle(async () => this.handout.resolveWhenDrawn());
    return this.training.settle({ maxEpochs: 10 });
  }

  /** Fetches the `data` table and reads its two columns; then a run starts on it. A stale answer is dropped. */
  private async loadData(key: string): Promise<void> {
    const { data, xColumn, yColumn } = this.settings;
    try {
      if (xColumn === '' || yColumn === '') throw new Error(`<ua-fitter> data="${data}" needs x="…" and y="…": the input column and the column to predict`);
      const csv = await loadTable(data);
      if (key !== this.tableKey) return;
      const columns = regressionColumns(csv, 'ua-fitter', data, { attribute: 'x', names: [xColumn] }, { attribute: 'y', name: yColumn });
      this.table = fitTable({ file: data, xName: xColumn, yName: yColumn, x: columns.inputs.map(([x]) => x!), y: columns.targets.map(([y]) => y!) }, this.settings.seed);
    } catch (error) {
      if (key !== this.tableKey) return;
      this.dataError = dataFailure('ua-fitter', data, error);
    }
    this.restart(false);
    this.requestUpdate();
  }

  /** Starts a fresh run with the current settings; keeps training if `keepPlaying`. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) this.training.pause();
    const settings = this.settings;
    const key = settings.data === '' ? '' : JSON.stringify([settings.data, settings.xColumn, settings.yColumn, settings.seed]);
    if (key !== this.tableKey) {
      // A new file, columns or split: forget the old table and fetch; the run starts when the table is here.
      [this.tableKey, this.table, this.dataError] = [key, undefined, undefined];
      if (key !== '') {
        this.picture = undefined;
        this.loading = this.loadData(key);
        return;
      }
    }
    if (key !== '' && !this.table) return;
    const table = this.table;
    this.samples = table ? table.train : samplePoints(settings);
    this.grid = table ? spanGrid(table.interval, GRID_POINTS) : plotGrid(settings.target, GRID_POINTS);
    this.yRange = table ? sampleRange([...table.train.targets, ...table.test.targets]) : plotRange(settings.target, this.samples.targets);
    this.picture = undefined;
    this.testMse = undefined;
    this.lossCurves = new LossCurves(['mse']);
    void this.training.start(trainerSpec(settings), this.samples, settings.epochs);
  }

  /** Draws the network as it is now: its curve and MSE (one predictMany call) and its hidden units. */
  private async handleReadout(trainer: Trainer): Promise<void> {
    const epoch = trainer.epochs;
    const grid = this.grid;
    const samples = this.samples;
    const test = this.table?.test.inputs ?? [];
    const count = grid.length + samples.inputs.length + test.length;
    const xs = new Float32Array(count);
    xs.set(grid);
    [...samples.inputs, ...test].forEach(([x], i) => (xs[grid.length + i] = x!));
    // The curve on the grid and the samples, and the weights, of one moment of the run.
    const read = await this.training.read(trainer, (t) => Promise.all([t.predictMany(xs, count), t.readWeights()]));
    if (!read) return;
    const [values, layers] = read;
    const contributions = hiddenContributions(layers, this.settings.activation, grid);
    const mse = meanSquaredError(values.subarray(grid.length, grid.length + samples.inputs.length), samples.targets);
    if (this.table) this.testMse = meanSquaredError(values.subarray(grid.length + samples.inputs.length), this.table.test.targets);
    this.picture = { epoch, mse, curve: values.slice(0, grid.length), contributions };
    this.lossCurves.record(epoch, { mse });
    this.training.pictured(epoch, () => this.dispatchEvent(new CustomEvent<UaFitterDoneDetail>('ua-fitter-done', { detail: { epoch, mse }, bubbles: true, composed: true })));
  }

  /** A student picked other neurons or another target: kept in the page address, and a fresh run, still playing if it was. */
  private change(changes: Partial<FitSettings>): void {
    this.settings = { ...this.settings, ...changes };
    this.keepSettings({ ...this.settings, autoplay: this.autoplayOn });
    this.restart(this.training.running);
  }

  private handleNeurons(event: Event): void {
    const hiddenUnits = Number((event.target as HTMLInputElement).value);
    if (hiddenUnits !== this.settings.hiddenUnits) this.change({ hiddenUnits });
  }

  private handleTarget(event: Event): void {
    const target = (event.target as HTMLSelectElement).value as FitTarget;
    if (target !== this.settings.target) this.change({ target });
  }

  private handlePlay(): void {
    this.training.play();
  }

  private handlePause(): void {
    this.training.pause();
  }

  private handleStep(): void {
    void this.training.step();
  }

  private handleReset(): void {
    this.restart(false);
  }

  private renderFitPlot() {
    const { width, height, left, right, top, bottom } = FIT;
    const table = this.table;
    const [low, high] = table ? table.interval : targetInterval(this.settings.target);
    const x = linearScale([low, high], [left, width - right]);
    const y = linearScale(this.yRange, [height - bottom, top]);
    const f = targetCurve(this.settings.target);
    const fine = plotGrid(this.settings.target, 600);
    // A table has no target curve: its samples are all there is.
    const targetPath = table ? '' : linePath(fine, Array.from(fine, f), x, y);
    const xTicks = this.settings.target === 'sin' && !table ? [[-Math.PI, '−π'], [-Math.PI / 2, '−π/2'], [0, '0'], [Math.PI / 2, 'π/2'], [Math.PI, 'π']] : roundTicks(low, high, 4).map((t) => [t, tickLabel(t)]);
    const yTicks = roundTicks(this.yRange[0], this.yRange[1], 5);
    const picture = this.picture;
    const units = picture?.contributions;
    const what = table ? `${table.yName} against ${table.xName} from ${table.file} (both standardised), ${this.samples.inputs.length} training rows and ${table.test.inputs.length} test rows (faint)` : `${TARGET_LABELS[this.settings.target]} (dashed), ${this.samples.inputs.length} sample points`;
    const described = `${what} and the network's curve with ${this.settings.hiddenUnits} hidden ${this.settings.hiddenUnits === 1 ? 'unit' : 'units'}${units ? ' and each unit\u2019s contribution' : ''}`;
    return html`<svg class="fit" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Fit: ${described}`}>
      <defs><clipPath id="plot-area"><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
      ${yTicks.map((t) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(t)} y2=${y(t)}></line>
        <text class="tick" x=${left - 8} y=${y(t) + 8} text-anchor="end">${tickLabel(t)}</text>`)}
      ${xTicks.map(([t, label]) => svg`<text class="tick" x=${x(t as number)} y=${height - bottom + 28} text-anchor="middle">${label}</text>`)}
      <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
      <g clip-path="url(#plot-area)">
        ${units
          ? svg`<line class="bias" x1=${left} x2=${width - right} y1=${y(units.outputBias)} y2=${y(units.outputBias)}></line>
            ${units.units.map((unit) => svg`<path class="unit" d=${linePath(this.grid, unit, x, y)}></path>`)}`
          : nothing}
        ${table ? nothing : svg`<path class="target" d=${targetPath}></path>`}
        ${picture ? svg`<path class="network" d=${linePath(this.grid, picture.curve, x, y)}></path>` : nothing}
      </g>
      ${table?.test.inputs.map(([sx], i) => svg`<circle class="sample" opacity="0.35" cx=${x(sx!)} cy=${y(table.test.targets[i]![0]!)} r="3"></circle>`) ?? nothing}
      ${this.samples.inputs.map(([sx], i) => svg`<circle class="sample" cx=${x(sx!)} cy=${y(this.samples.targets[i]![0]!)} r=${table ? 3 : 5}></circle>`)}
    </svg>`;
  }

  private renderLossPlot() {
    const last = this.lossCurves.latest('mse');
    return lossChart({
      box: LOSS,
      text: { gap: 8, shift: 8, epochBaseline: LOSS.height - LOSS.bottom + 30 },
      curves: this.lossCurves,
      series: [{ name: 'mse', className: 'loss' }],
      epochs: this.settings.epochs,
      emptyDecades: [-3, 0],
      decadeLabels: 5,
      label: last ? `Loss: MSE against epoch on a log scale, now ${formatMse(last.loss)} at epoch ${last.epoch}` : 'Loss: MSE against epoch on a log scale, not trained yet',
      yName: 'MSE',
    });
  }

  private renderStatus() {
    const picture = this.picture;
    if (this.training.error) return `no training: ${this.training.error}`;
    if (!picture) return 'epoch 0 · MSE …';
    const done = picture.epoch >= this.settings.epochs;
    const test = this.testMse === undefined ? '' : ` (test ${formatMse(this.testMse)})`;
    return `epoch ${picture.epoch} · MSE ${formatMse(picture.mse)}${test}${done ? ' · done' : ''}`;
  }

  override render() {
    const settings = this.settings;
    const running = this.training.running;
    const canContinue = this.training.canContinue;
    const table = this.table;
    if (settings.data && !table) {
      return html`${this.renderWarnings()}${this.dataError ? this.renderAlert(this.dataError) : html`<p role="status">loading ${settings.data}…</p>`}`;
    }
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.training.error)}
      <div class="layout">
        <div>
          ${this.renderFitPlot()}
          <ul class="legend" aria-hidden="true">
            ${table
              ? html`<li><svg viewBox="0 0 40 16"><circle class="sample" cx="20" cy="8" r="5"></circle></svg>${table.yName} against ${table.xName} (standardised; ${table.file}), training rows</li>
                  <li><svg viewBox="0 0 40 16"><circle class="sample" opacity="0.35" cx="20" cy="8" r="5"></circle></svg>test rows</li>`
              : html`<li><svg viewBox="0 0 40 16"><line class="target" x1="2" x2="38" y1="8" y2="8"></line></svg>target ${TARGET_LABELS[settings.target]}</li>
                  <li><svg viewBox="0 0 40 16"><circle class="sample" cx="20" cy="8" r="5"></circle></svg>samples</li>`}
            <li><svg viewBox="0 0 40 16"><line class="network" x1="2" x2="38" y1="8" y2="8"></line></svg>network</li>
            <li><svg viewBox="0 0 40 16"><line class="unit" x1="2" x2="38" y1="8" y2="8"></line></svg>each unit w₂ᵢ·${settings.activation === 'sigmoid' ? 'σ' : settings.activation}(w₁ᵢx + b₁ᵢ)</li>
            <li><svg viewBox="0 0 40 16"><line class="bias" x1="2" x2="38" y1="8" y2="8"></line></svg>bias b₂</li>
          </ul>
        </div>
        <div class="side">
          <label class="control">
            <span>neurons</span>
            <input type="range" aria-label="neurons" aria-valuetext=${`${settings.hiddenUnits} hidden ${settings.hiddenUnits === 1 ? 'unit' : 'units'}`}
              min=${FIT_LIMITS.neurons.min} max=${FIT_LIMITS.neurons.max} step="1" .value=${String(settings.hiddenUnits)} @change=${this.handleNeurons} @input=${this.handleNeurons} />
            <span class="value" aria-hidden="true">${settings.hiddenUnits}</span>
          </label>
          ${table
            ? nothing
            : html`<label class="control">
            <span>target</span>
            <select aria-label="target function" .value=${settings.target} @change=${this.handleTarget}>
              ${FIT_TARGETS.map((t) => html`<option value=${t} ?selected=${t === settings.target}>${TARGET_LABELS[t]}</option>`)}
            </select>
          </label>`}
          ${transportControls({
            running,
            canContinue,
            onPlay: () => this.handlePlay(),
            onPause: () => this.handlePause(),
            onStep: () => this.handleStep(),
            onReset: () => this.handleReset(),
          })}
          <p role="status">${this.renderStatus()}</p>
          ${divergenceWarning(this.training.divergence)}
          <p class="settings">${describeTraining(settings)}</p>
          <axon-code-panel .code=${pytorchTrainingLoop(table ? pytorchSettings(settings, tablePytorchData(table)) : pytorchSettings(settings))}></axon-code-panel>
          ${this.renderLossPlot()}
        </div>
      </div>
    `;
  }
}

customElements.define('ua-fitter', UaFitter);

declare global {
  interface HTMLElementTagNameMap {
    'ua-fitter': UaFitter;
  }
  interface HTMLElementEventMap {
    'ua-fitter-done': CustomEvent<UaFitterDoneDetail>;
  }
}
