/**
 * `<nn-playground>`: the TensorFlow neural-network playground inside a slide, trained by the shared engine.
 * Pick a problem and a dataset, switch input features on and off, add layers and neurons, and watch the
 * network learn: every neuron shows a thumbnail of its output over the input plane, links are coloured by
 * their weight's sign (purple +, orange −: the shared diverging map, PuOr) and as thick as its size; the output view is the heatmap of the
 * network's output with the data (2-D) or its fitted curve (the 1-D cubic); train and test loss per epoch;
 * a Pred vs True scatter for regression.
 *
 * Attributes, read through the settings table `playgroundSettings` (nn-playground.model.ts): a bad value shows
 * a warning naming it, role=alert, and its default is used. Every setting the controls change is kept in the
 * page URL, whole (one query parameter per widget, see url-state.ts), so a student can share it: defaults <
 * attributes < URL.
 * - `problem` — `classification` (default) or `regression`.
 * - `dataset` — classification `circle` (default), `xor`, `gauss`, `spiral`; regression `plane` (default for
 *   regression), `cubic` (y = x³, x ~ N(0, 1): one input x₁, drawn as a curve). A dataset alone sets the problem.
 * - `noise` — the playground's noise as a fraction, 0…0.5 (default 0); for cubic, Gaussian σ = 2·noise.
 * - `train-ratio` — fraction of the samples trained on, 0.1…0.9 (default 0.5); the rest are test data.
 * - `features` — input features, comma list of `x1`, `x2`, `x1sq`, `x2sq`, `x1x2`, `sinx1`, `sinx2` (default
 *   "x1,x2"). On cubic the x₂ features do not apply and are switched off.
 * - `layers` — units per hidden layer, e.g. "4,2" (default), up to 6 layers of 1…32 units; "" for none (a
 *   linear model). The controls go to 8 units per layer.
 * - `activation` — hidden units' `relu`, `tanh` (default), `sigmoid` or `linear`.
 * - `learning-rate` (or `lr`) — SGD's step size, 0.00001…10 (default 0.03).
 * - `batch-size` — samples per step, 1…1000 (default 10; the slider goes to 30); capped at the training set.
 * - `regularization` (or `regularisation`) — `none` (default), `l1`, `l2`; `regularization-rate` (or
 *   `regularisation-rate`) λ, 0…10 (default 0).
 * - `epochs` — the epoch budget, 1…100000 (default 300): training stops there; it is the handout state.
 * - `samples` — points generated (train + test), 20…1000 (default 200).
 * - `seed` — data, split and initial weights, a whole number (default 1); `Regenerate` moves to the next.
 * - `show-test`, `discretize` — booleans: show the test points; colour the output by class (or sign) only.
 * - `autoplay` — boolean: train as soon as the slide is shown (default: wait for Play).
 * - `dropout` — the hidden layers' dropout rate, 0…0.9 (default 0): units zeroed at random in training steps only.
 * - `early-stopping` — boolean (default off): hold out `validation` (0.05…0.5, default 0.2) of the training
 *   points, stop once `patience` (1…200, default 10) epochs bring no lower validation loss, and restore the best
 *   epoch's weights (also at the end of the budget, as the PyTorch script does); the best epoch is marked on
 *   the loss chart. With dropout or early stopping the network trains as a layered model
 *   (nn-playground.training.ts); without, on the MLP trainer's fused path as before.
 * - `hidden-space` — boolean (default off): plot every point at the last hidden layer's two units (it needs 2;
 *   otherwise a warning says what to set), with the output unit's boundary there (hidden-space.ts).
 * - `data` — the instructor's CSV instead of the generated dataset (a path relative to the deck, copied into the
 *   build), with `x1` and `x2` (two numeric columns: the plane's axes) and `label` (a class column:
 *   classification; `positive` / `negative` pick the classes, components/shared/data/labelled.ts) or `y` (a
 *   numeric column: regression). Rows are split train/test with the seed, then standardised with the training
 *   rows' mean and sd (nn-playground.csv.ts); the plane's axes and the x₁, x₂ tiles name the columns; problem,
 *   dataset and noise leave the controls. A file that cannot be read, a missing column or a bad cell shows a
 *   warning naming the file and line, and the generated dataset is used.
 * - `hide` — comma list of controls to leave out: problem, dataset, noise, train-ratio, batch-size,
 *   regenerate, learning-rate, activation, regularization, regularization-rate, features, layers, show-test,
 *   discretize, code, loss, pred-vs-true, dropout, early-stopping, patience, validation, hidden-space.
 *
 * Laid out for the room (issue 17): every text at least 21 CSS px on a 1280×720 slide. In front: the transport
 * buttons, `learning rate`, `activation` and `Regenerate`, the layer and neuron buttons and the feature toggles on
 * the diagram, the output view's switches; one click away, behind "More settings": problem, dataset, noise,
 * train ratio, batch size, regularization and its rate, and the one-line description of the training. A narrow
 * host (a phone's reading view) stacks the three columns.
 *
 * Controls (accessible names): selects `problem type`, `dataset`, `activation`, `regularization`,
 * `regularization rate`; sliders `noise`, `train ratio`, `batch size`, `learning rate`, `dropout`, `patience`,
 * `validation`; switches `early stopping`, `Hidden space`; buttons `Regenerate`,
 * `Add layer`, `Remove layer`, `Add neuron to layer k`, `Remove neuron from layer k`, feature toggles (pressed
 * buttons) `x₁` `x₂` `x₁²` `x₂²` `x₁x₂` `sin x₁` `sin x₂`, switches `Show test data`, `Discretize output`,
 * `Play` `Pause` `Step` (one epoch) `Reset`, `Show code`. Any change of the data or the network restarts
 * training (still playing if it was). Status (role=status): `epoch 120 · train loss 0.0123 · test loss
 * 0.0456` (classification adds the test accuracy); a loss that is not a number reads `diverged`. With early
 * stopping: `epoch 28 · stopped early · train loss … · validation loss … · test loss … · test accuracy 81 % ·
 * best epoch 18 · its weights restored` (nn-playground.status.ts).
 *
 * The element wires and draws; the parts live beside it: the settings, data and losses (nn-playground.model.ts),
 * what the pictures show (nn-playground.picture.ts), a run's data and pictures (nn-playground.run.ts), the
 * PyTorch script (nn-playground.pytorch.ts), the views (nn-playground.controls.ts, network-diagram.ts,
 * output-view.ts, plots.ts, on components/shared/views/) and the look (nn-playground.styles.ts).
 *
 * On a deck it is idle until its slide is shown and pauses while hidden; removing it frees every tensor.
 * `settled` resolves once the run reaches its epoch budget and is drawn (or stops on divergence); `settle()`
 * trains there as fast as possible (the handout contract, components/shared/handout.ts).
 *
 * @event nn-playground-done — when a run uses up its epoch budget; detail `{ epoch, trainLoss, testLoss }`.
 * @event axon-change — a student changed a setting; detail `{ tag, settings }` (components/shared/runtime/events.ts).
 * @event axon-settled — `settled` resolved: the widget shows its handout state (components/shared/handout.ts).
 * @cssprop --axon-accent — the first data colour: curves, weights, the main run (default #1d4ed8).
 * @cssprop --axon-bg — the widget's background (default #ffffff).
 * @cssprop --axon-focus — the keyboard focus ring (default #f59e0b).
 */
import { html, nothing } from 'lit';
import type { Engine } from '../../engine/runtime.ts';
import type { Readout } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import { LossCurves } from '../shared/loss-curves.ts';
import { axonElement, stateProperties } from '../shared/runtime/axon-element.ts';
import type { ResolvedSettings } from '../shared/runtime/settings.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { divergenceWarning } from '../shared/transport.ts';
import { readUrlState } from '../shared/url-state.ts';
import { CsvSource } from './nn-playground.csv-source.ts';
import { usesCsv } from './nn-playground.csv-settings.ts';
import { controlBar } from './nn-playground.controls.ts';
import {
  FEATURES,
  PLAYGROUND_LIMITS,
  activeFeatures,
  isOneDimensional,
  matchedValues,
  playgroundSettings,
  trainerSpec,
  trainingData,
  type Feature,
  type PlaygroundSettings,
  type PlaygroundValues,
} from './nn-playground.model.ts';
import { pytorchCode } from './nn-playground.pytorch.ts';
import { statusLine, type StoppingState } from './nn-playground.status.ts';
import { describeTraining, hiddenSpaceWarning, isLayered, layeredSpec, readOutputsAndWeights, showsHiddenSpace, usesLayeredTrainer, type PlaygroundTrainer } from './nn-playground.training.ts';
import { hiddenSpacePlot } from './hidden-space.ts';
import { heatmapPng, pictureOf, PRINT_HEATMAP_CELLS, prepareRun, type Picture, type RunData } from './nn-playground.run.ts';
import { nnPlaygroundStyles } from './nn-playground.styles.ts';
import { NET, networkDiagram, thumbPath } from './network-diagram.ts';
import { outputView } from './output-view.ts';
import { lossPlot, predVsTruePlot, type BestEpoch, type LossName } from './plots.ts';

/** Detail of `nn-playground-done`. */
export interface NnPlaygroundDoneDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
}

/** While training, the pictures are redrawn at most this often (the status follows every redraw). */
const REDRAW_MS = 90;
/** `settle()` reads back (and draws a point of the loss curves) every 20 epochs, or about this many steps if fewer. */
const SETTLE_CHUNK_STEPS = 1000;
/**
 * A run's whole schedule takes at least this long to watch: the fused step trains the default 300 epochs
 * in a few frames, and the room is to see the boundary form. Longer schedules pace up to match.
 */
const WATCH_SECONDS = 4;
/** …and never slower than this many steps a second (a short schedule still moves). */
const MIN_STEPS_PER_SECOND = 60;

export class NnPlayground extends axonElement(playgroundSettings) {
  static override styles = nnPlaygroundStyles;

  static override properties = stateProperties('settings');

  /** The settings of the current run and of the slide (attributes, the URL, then the controls). */
  declare private settings: PlaygroundValues;

  private run: RunData | undefined;
  private picture: (Picture & { stopping?: StoppingState }) | undefined;
  /** The train, validation (early stopping) and test loss of this run's pictures, thinned so that hours of training stay light. */
  private lossCurves = new LossCurves<LossName>(['train', 'validation', 'test']);
  /** The latest epoch the loss curves hold. */
  private curveEpoch = 0;
  /** The trainer whose best epoch's weights were put back at the end of its budget (early stopping without patience running out). */
  private restoredAtBudget: PlaygroundTrainer | undefined;
  /** The heatmap PNG of the current picture, by discretize (recoloured without retraining). */
  private heatmapCache: { picture: Picture; discretize: boolean; href: string } | undefined;
  private drawing: Promise<void> | undefined;
  private drawAgain = false;
  /** The CSV `data` names: read once, its failure kept for the warning (nn-playground.csv-source.ts). */
  private readonly csv = new CsvSource();
  private lastDraw = 0;

  /** The run and the handout contract: `settled` per run, and a restarted run trains to its budget too once `settle()` was asked. */
  private readonly training = new TrainingController<PlaygroundTrainer>(this, {
    autoplay: () => this.settings.autoplay,
    onReadout: (_readout: Readout, trainer: PlaygroundTrainer) => this.requestDraw(trainer),
    pace: { seconds: WATCH_SECONDS, minStepsPerSecond: MIN_STEPS_PER_SECOND },
    handout: this.handout,
  });

  constructor() {
    super();
    this.settings = playgroundSettings.read({ attribute: () => null }).values;
  }

  /** Back on the page after being removed (its trainer was freed): train afresh with the settings it had. */
  protected override reconnected(): void {
    this.restart(false);
    if (this.handout.asked) void this.settle();
  }

  /** The settings as read (an attribute changed, or the first update): a fresh run, still playing if it was. */
  protected override settingsChanged(resolved: ResolvedSettings<PlaygroundValues>): void {
    // A dataset alone picks its problem; one that clashes with a problem written on the slide or in the URL is refused.
    const problemWritten = 'problem' in resolved.written || Boolean(readUrlState(this)?.has('problem'));
    const { values, warnings } = matchedValues(resolved, problemWritten);
    this.warnings = warnings;
    this.settings = values;
    this.restart(this.training.running);
  }

  /** Trains the current run to the end of its epoch budget as fast as possible; resolves with `settled`. */
  override async settle(): Promise<void> {
    // The CSV first: there is no run to train while it loads.
    while (this.csv.loading) await this.csv.loading;
    // Every chunk drawn before the next: the loss curves get their points.
    // With early stopping the run may end within a few dozen epochs: a picture every 2 epochs draws its curves.
    return this.training.settle({ maxEpochs: this.settings.earlyStopping ? 2 : 20, maxSteps: SETTLE_CHUNK_STEPS }, () => this.drawing);
  }

  /** Starts a fresh run with the current settings; keeps training if `keepPlaying`. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) this.training.pause();
    const settings = this.settings;
    if (usesCsv(settings) && !this.csv.has(settings.data)) {
      this.loadCsv(settings.data, keepPlaying);
      return;
    }
    let run: RunData;
    try {
      const table = usesCsv(settings) ? this.csv.table : undefined;
      run = prepareRun(settings, table);
      if (table) this.csv.error = undefined;
    } catch (failure) {
      // A column that is not there, a bad cell, classes that cannot be told apart: say so, train the generated dataset.
      this.csv.fail(settings.data, failure);
      run = prepareRun({ ...settings, data: '' });
    }
    this.run = run;
    this.picture = undefined;
    this.heatmapCache = undefined;
    this.lossCurves = new LossCurves<LossName>(['train', 'validation', 'test']);
    this.curveEpoch = 0;
    const trainCount = run.data.train.inputs.length;
    const data = trainingData(run.data, run.features);
    // No dropout and no early stopping: the MLP trainer (its fused fast path), as always; else the layered one.
    const source = usesLayeredTrainer(settings) ? (engine: Engine) => engine.createLayeredTrainer(layeredSpec(settings, trainCount), data) : trainerSpec(settings, trainCount);
    void this.training.start(source, data, settings.epochs);
  }

  /** Reads the CSV at `path` (one fetch per file for the page), then starts the run on it (or, failing, says why). */
  private loadCsv(path: string, keepPlaying: boolean): void {
    this.training.stop();
    this.run = undefined;
    this.picture = undefined;
    this.heatmapCache = undefined;
    this.lossCurves = new LossCurves<LossName>(['train', 'validation', 'test']);
    this.csv.read(path, () => this.restart(keepPlaying));
    this.requestUpdate();
  }

  /** Asks for a redraw from the trainer's current weights; redraws are coalesced and spaced while training. */
  private requestDraw(trainer: PlaygroundTrainer): Promise<void> {
    if (this.drawing) {
      this.drawAgain = true;
      return this.drawing;
    }
    this.drawing = (async () => {
      try {
        do {
          this.drawAgain = false;
          const wait = REDRAW_MS - (performance.now() - this.lastDraw);
          if (wait > 0 && this.training.running) await new Promise((resolve) => setTimeout(resolve, wait));
          this.lastDraw = performance.now();
          const current = this.training.trainer;
          if (!current || current.isDisposed || current !== trainer) return;
          await this.draw(current);
        } while (this.drawAgain);
      } finally {
        this.drawing = undefined;
      }
    })();
    return this.drawing;
  }

  /** One picture: the output on the view grid and every data point (one prediction), and the weights. */
  private async draw(trainer: PlaygroundTrainer): Promise<void> {
    const run = this.run;
    if (!run) return;
    const settings = this.settings;
    const layered = isLayered(trainer) ? trainer : undefined;
    // The budget used up before patience ran out: the best epoch's weights come back all the same, as the
    // PyTorch script's last line (`model.load_state_dict(best_state)`) does.
    if (layered?.validationRecord && !layered.stoppedEarly && trainer.epochs >= settings.epochs && this.restoredAtBudget !== trainer) {
      this.restoredAtBudget = trainer;
      await layered.restoreBest();
      if (trainer.isDisposed || run !== this.run) return;
    }
    const record = layered?.validationRecord;
    const stoppedAt = record?.stoppedAt;
    // Steps queued past the stopping point were undone by the restore: the run ended at `stoppedAt`.
    const epoch = stoppedAt !== undefined ? Math.min(trainer.epochs, stoppedAt) : trainer.epochs;
    const restored = stoppedAt !== undefined || this.restoredAtBudget === trainer;
    const count = run.viewCount + run.data.train.inputs.length + run.data.test.inputs.length;
    // The output on every point and the weights, of one moment of the run.
    const read = await this.training.read(trainer, (t) => readOutputsAndWeights(t, run.rows, count));
    if (!read || run !== this.run) return;
    const [outputs, weights] = read;
    const stopping = record ? { bestEpoch: record.bestEpoch, stoppedAt, restored } : undefined;
    this.picture = { ...pictureOf(run, settings, { epoch, outputs, weights, diverged: Boolean(trainer.divergence) }), stopping };
    const { trainLoss, validationLoss, testLoss } = this.picture;
    // The validation loss of every epoch is in the trainer's record (a point per epoch, up to the stop); restored
    // weights are the best epoch's, not this epoch's, so their train and test losses are not a point of the curves.
    const validationAt = (e: number) => record?.losses[e - 1] ?? validationLoss;
    for (let e = this.curveEpoch + 1; record && e < Math.min(epoch, record.losses.length + 1); e += 1) this.lossCurves.record(e, { train: Number.NaN, validation: validationAt(e), test: Number.NaN });
    if (restored) this.lossCurves.record(epoch, { train: Number.NaN, validation: validationAt(epoch), test: Number.NaN });
    else this.lossCurves.record(epoch, { train: trainLoss, validation: validationAt(epoch), test: testLoss });
    this.curveEpoch = Math.max(this.curveEpoch, epoch);
    this.requestUpdate();
    this.training.pictured(epoch, () =>
      this.dispatchEvent(new CustomEvent<NnPlaygroundDoneDetail>('nn-playground-done', { detail: { epoch, trainLoss, testLoss }, bubbles: true, composed: true })),
    );
  }

  /** Applies a change from a control: new settings in the URL, and a fresh run unless only the view changed. */
  private change(changes: Partial<PlaygroundSettings>, retrain = true): void {
    this.settings = { ...this.settings, ...changes };
    this.keepSettings(this.settings);
    if (retrain) this.restart(this.training.running);
  }

  private handleFeature(feature: Feature): void {
    const on = this.settings.features.includes(feature);
    const features = on ? this.settings.features.filter((f) => f !== feature) : FEATURES.filter((f) => f === feature || this.settings.features.includes(f));
    this.change({ features });
  }

  private handleAddLayer(): void {
    if (this.settings.hiddenLayers.length < PLAYGROUND_LIMITS.layers.max) this.change({ hiddenLayers: [...this.settings.hiddenLayers, 2] });
  }

  private handleRemoveLayer(): void {
    if (this.settings.hiddenLayers.length > 0) this.change({ hiddenLayers: this.settings.hiddenLayers.slice(0, -1) });
  }

  private handleNeurons(layer: number, delta: number): void {
    const hiddenLayers = [...this.settings.hiddenLayers];
    const next = hiddenLayers[layer]! + delta;
    if (next < PLAYGROUND_LIMITS.neuronsControl.min || (delta > 0 && next > PLAYGROUND_LIMITS.neuronsControl.max)) return;
    hiddenLayers[layer] = next;
    this.change({ hiddenLayers });
  }

  private handleShowTest(event: Event): void {
    this.change({ showTest: (event.target as HTMLInputElement).checked }, false);
  }

  private handleDiscretize(event: Event): void {
    this.change({ discretize: (event.target as HTMLInputElement).checked }, false);
  }

  private handleHiddenSpace(event: Event): void {
    this.change({ hiddenSpace: (event.target as HTMLInputElement).checked }, false);
  }

  private handleStep(): void {
    // Step = one epoch, as in the playground: every minibatch of the training set once.
    this.training.pause();
    const trainer = this.training.trainer;
    if (!trainer || !this.run || trainer.divergence || this.training.done) return;
    // The trainer's own count: with early stopping it trains on the samples not held out.
    const perEpoch = this.training.stepsPerEpoch;
    trainer.step(Math.min(perEpoch, this.settings.epochs * perEpoch - trainer.steps));
    void trainer.readBack();
  }

  private renderControls() {
    // A CSV poses its own problem on its own data: the problem, dataset and noise controls do not apply.
    const csv = usesCsv(this.settings);
    return controlBar({
      settings: csv ? { ...this.settings, hide: new Set([...this.settings.hide, 'problem', 'dataset', 'noise'] as const) } : this.settings,
      transport: {
        running: this.training.running,
        canContinue: this.training.canContinue,
        onPlay: () => this.training.play(),
        onPause: () => this.training.pause(),
        onStep: () => this.handleStep(),
        onReset: () => this.restart(false),
      },
      onChange: (changes) => this.change(changes),
      description: describeTraining(this.settings, this.run?.data.train.inputs.length ?? 0, this.run?.data.test.inputs.length ?? 0),
    });
  }

  private renderNetwork() {
    const picture = this.picture;
    const oneD = isOneDimensional(this.settings.dataset);
    return networkDiagram({
      settings: this.settings,
      active: this.run?.features ?? activeFeatures(this.settings),
      featureThumbs: this.run?.featureThumbs,
      featureLabels: this.run?.featureLabels,
      columns: this.run?.csv?.columns,
      weights: picture?.weights,
      thumbnails: picture?.thumbnails,
      output: oneD ? (picture ? thumbPath(picture.view, NET.node) : undefined) : this.heatmapHref(),
      editable: !this.settings.hide.has('layers'),
      featuresEditable: !this.settings.hide.has('features'),
      onFeature: (feature) => this.handleFeature(feature),
      onNeurons: (layer, delta) => this.handleNeurons(layer, delta),
    });
  }

  /** The heatmap PNG of the current picture (2-D), recoloured when `Discretize output` changes. */
  private heatmapHref(): string | undefined {
    const picture = this.picture;
    const run = this.run;
    if (!picture || !run || isOneDimensional(this.settings.dataset)) return undefined;
    const discretize = this.settings.discretize;
    if (this.heatmapCache?.picture === picture && this.heatmapCache.discretize === discretize) return this.heatmapCache.href;
    // A printed handout (the deck marks it data-axon-print before settling) gets the finer heatmap.
    const href = heatmapPng(picture, run, this.settings, this.hasAttribute('data-axon-print') ? PRINT_HEATMAP_CELLS : undefined);
    this.heatmapCache = { picture, discretize, href };
    return href;
  }

  private renderOutput() {
    const run = this.run;
    const oneD = isOneDimensional(this.settings.dataset);
    return outputView({
      settings: this.settings,
      data: run?.data,
      scale: run?.scale,
      yRange: run?.yRange,
      curve: oneD ? this.picture?.view : undefined,
      csv: run?.csv && run.half !== undefined ? { half: run.half, columns: run.csv.columns, classes: run.csv.classes } : undefined,
      heatmap: oneD ? undefined : this.heatmapHref(),
      onShowTest: (event) => this.handleShowTest(event),
      onDiscretize: (event) => this.handleDiscretize(event),
      onHiddenSpace: (event) => this.handleHiddenSpace(event),
    });
  }

  private renderStatus() {
    const s = this.settings;
    if (this.csv.loading) return `reading ${s.data}…`;
    return statusLine({ picture: this.picture, problem: s.problem, epochs: s.epochs, earlyStopping: s.earlyStopping, diverged: Boolean(this.training.divergence), error: this.training.error });
  }

  /** Early stopping's best epoch, for the loss chart's marker (none without early stopping, or before its first epoch). */
  private bestEpoch(): BestEpoch | undefined {
    const stopping = this.picture?.stopping;
    return stopping && stopping.bestEpoch > 0 ? { epoch: stopping.bestEpoch, restored: stopping.restored } : undefined;
  }

  /** The hidden-space view, when asked for and the last hidden layer has 2 units (else the warning says what to set). */
  private renderHiddenSpace() {
    const s = this.settings;
    if (!showsHiddenSpace(s)) return nothing;
    const run = this.run;
    return hiddenSpacePlot({ problem: s.problem, activation: s.activation, data: run?.data, pointRows: run?.pointRows, weights: this.picture?.weights, scale: run?.scale ?? 1, showTest: s.showTest });
  }

  override render() {
    const s = this.settings;
    const run = this.run;
    const trainCount = run?.data.train.inputs.length ?? 0;
    const editable = !this.settings.hide.has('layers');
    const layerCount = s.hiddenLayers.length;
    return html`
      ${this.renderWarnings()}
      ${this.renderAlert(this.csv.error)}
      ${this.renderAlert(hiddenSpaceWarning(s))}
      ${this.renderAlert(this.training.error)}
      ${this.renderControls()}
      <div class="main">
        <div class="network">
          <div class=${layerCount === 0 ? 'net-head long' : 'net-head'}>
            ${editable
              ? html`<button class="tool" aria-label="Add layer" ?disabled=${layerCount >= PLAYGROUND_LIMITS.layers.max} @click=${this.handleAddLayer}>+</button>
                  <button class="tool" aria-label="Remove layer" ?disabled=${layerCount === 0} @click=${this.handleRemoveLayer}>−</button>`
              : nothing}
            <span class="count">${layerCount} hidden ${layerCount === 1 ? 'layer' : 'layers'}${layerCount === 0 ? ' (a linear model)' : ''}</span>
            ${this.settings.hide.has('code') ? nothing : html`<axon-code-panel .code=${pytorchCode(s, Math.max(trainCount, 1), run?.csv)}></axon-code-panel>`}
          </div>
          ${this.renderNetwork()}
        </div>
        ${this.renderOutput()}
        <div class="side">
          <p role="status">${this.renderStatus()}</p>
          ${divergenceWarning(this.training.divergence)}
          ${this.settings.hide.has('loss') ? nothing : lossPlot(this.lossCurves, this.picture?.stopping?.stoppedAt ?? s.epochs, this.picture, s.earlyStopping, this.bestEpoch())}
          ${s.problem === 'regression' && !this.settings.hide.has('pred-vs-true') ? predVsTruePlot(this.run?.data, this.picture, s.showTest) : nothing}
          ${this.renderHiddenSpace()}
          <p class="settings print-only">${describeTraining(s, trainCount, run?.data.test.inputs.length ?? 0)}</p>
        </div>
      </div>
    `;
  }
}

customElements.define('nn-playground', NnPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'nn-playground': NnPlayground;
  }
  interface HTMLElementEventMap {
    'nn-playground-done': CustomEvent<NnPlaygroundDoneDetail>;
  }
}
