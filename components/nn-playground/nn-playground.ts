/**
 * `<nn-playground>`: the TensorFlow neural-network playground inside a slide, trained by the shared engine.
 * Pick a problem and a dataset, switch input features on and off, add layers and neurons, and watch the
 * network learn: every neuron shows a thumbnail of its output over the input plane, links are coloured by
 * their weight's sign (blue +, orange −) and as thick as its size; the output view is the heatmap of the
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
 * - `hide` — comma list of controls to leave out: problem, dataset, noise, train-ratio, batch-size,
 *   regenerate, learning-rate, activation, regularization, regularization-rate, features, layers, show-test,
 *   discretize, code, loss, pred-vs-true.
 *
 * Controls (accessible names): selects `problem type`, `dataset`, `activation`, `regularization`,
 * `regularization rate`; sliders `noise`, `train ratio`, `batch size`, `learning rate`; buttons `Regenerate`,
 * `Add layer`, `Remove layer`, `Add neuron to layer k`, `Remove neuron from layer k`, feature toggles (pressed
 * buttons) `x₁` `x₂` `x₁²` `x₂²` `x₁x₂` `sin x₁` `sin x₂`, switches `Show test data`, `Discretize output`,
 * `Play` `Pause` `Step` (one epoch) `Reset`, `Show code`. Any change of the data or the network restarts
 * training (still playing if it was). Status (role=status): `epoch 120 · train loss 0.0123 · test loss
 * 0.0456` (classification adds the test accuracy); a loss that is not a number reads `diverged`.
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
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { LayerWeights } from '../../engine/mlp.ts';
import type { Readout, Trainer } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import type { HandoutWidget } from '../shared/handout.ts';
import { HandoutLatch } from '../shared/runtime/handout-latch.ts';
import { LossCurves } from '../shared/loss-curves.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { divergenceWarning, transportControls, transportStyles } from '../shared/transport.ts';
import { readUrlState } from '../shared/url-state.ts';
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  DATASETS,
  DATASET_LABELS,
  FEATURES,
  FEATURE_FUNCTIONS,
  PLAYGROUND_LIMITS,
  PROBLEMS,
  REGULARIZATIONS,
  REGULARIZATION_LABELS,
  X2_FEATURES,
  accuracy,
  activeFeatures,
  dataLoss,
  describeTraining,
  featureRows,
  formatLoss,
  forwardAll,
  isOneDimensional,
  learningRateStops,
  makeData,
  normalisedShades,
  outputShade,
  matchedValues,
  playgroundSettings,
  problemOf,
  pytorchCode,
  regularizationRateStops,
  shadePixels,
  stepsPerEpoch,
  targetScale,
  trainerSpec,
  trainingData,
  viewGrid,
  type Feature,
  type Hideable,
  type PlaygroundActivation,
  type PlaygroundData,
  type PlaygroundDataset,
  type PlaygroundSettings,
  type PlaygroundValues,
  type Problem,
  type RegularizationKind,
} from './nn-playground.model.ts';
import { warningStyles } from '../shared/warning.ts';
import { NET, networkDiagram, thumbPath } from './network-diagram.ts';
import { CURVE_POINTS, outputView } from './output-view.ts';
import { lossPlot, predVsTruePlot } from './plots.ts';

/** Detail of `nn-playground-done`. */
export interface NnPlaygroundDoneDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
}

/** Cells per side of the output heatmap. */
const HEATMAP_CELLS = 48;
/** Cells per side of a neuron's thumbnail (2-D) / points on its little curve (1-D). */
const THUMB_CELLS = 20;
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

/** One drawn state of the network: what the views and the status show. */
interface Picture {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  testAccuracy: number;
  /** The output over the view grid (heatmap cells or curve points). */
  view: Float32Array;
  trainOutputs: Float32Array;
  testOutputs: Float32Array;
  weights: LayerWeights[];
  /** Thumbnails of the hidden units, `[layer][unit]`: PNG data URLs (2-D) or SVG paths (1-D). */
  thumbnails: string[][];
}

/** Everything fixed for one run: data, feature rows, the grids. */
interface RunData {
  data: PlaygroundData;
  features: Feature[];
  /** grid + train + test feature rows, back to back, for one predictMany. */
  rows: Float32Array;
  viewCount: number;
  /** Thumbnail grid points (x₁, x₂) or (x₁) and their feature rows. */
  thumbRows: number[][];
  /** Feature thumbnails: PNG data URLs (2-D) or SVG paths (1-D), by feature. */
  featureThumbs: Map<Feature, string>;
  /** Regression colour scale (largest |y|). */
  scale: number;
  /** 1-D: the y range of the curve view. */
  yRange: [number, number];
}

/** A PNG data URL of `cells`×`cells` shades t ∈ [−1, 1]. Canvas only encodes: reveal's print clones lose canvas pixels. */
function shadesToPng(shades: ArrayLike<number>, cells: number): string {
  if (typeof document === 'undefined') return '';
  const canvas = document.createElement('canvas');
  canvas.width = cells;
  canvas.height = cells;
  canvas.getContext('2d')?.putImageData(new ImageData(shadePixels(shades), cells, cells), 0, 0);
  return canvas.toDataURL('image/png');
}

export class NnPlayground extends LitElement implements HandoutWidget {
  static override styles = [
    warningStyles,
    transportStyles,
    css`
      :host {
        display: block;
        max-width: 1180px;
        margin: 0 auto;
        /* 0.56em of the slide's 32 px is ~18 px: dense, but readable; never below 14 px off a deck. */
        font-size: max(14px, 0.56em);
        line-height: 1.25;
        color: inherit;
        text-align: left;
      }
      .bar { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 0.25em 0.8em; align-items: end; margin-bottom: 0.3em; }
      .field { display: flex; flex-direction: column; gap: 0.1em; min-width: 0; }
      .field > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 0.9em; opacity: 0.9; }
      .field b { font-variant-numeric: tabular-nums; }
      .bar .transport { grid-column: span 2; justify-content: flex-end; }
      .bar > button, .tool {
        font: inherit;
        padding: 0.1em 0.6em;
        border-radius: 6px;
        border: 2px solid currentColor;
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      .tool:disabled { opacity: 0.4; cursor: default; }
      input[type='range'] { width: 100%; min-height: 1.4em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
      select { font: inherit; color: inherit; background: transparent; border: 2px solid currentColor; border-radius: 6px; padding: 0 0.2em; min-width: 0; }
      select option { color: #111827; background: #ffffff; }
      :is(input, select, button):focus-visible { outline: 3px solid var(--axon-focus, #f59e0b); outline-offset: 2px; }
      .main { display: grid; grid-template-columns: minmax(0, 1.72fr) minmax(0, 1.02fr) minmax(0, 0.95fr); gap: 0 0.8em; align-items: start; }
      .network { position: relative; }
      .net-head { display: flex; align-items: center; gap: 0.4em; flex-wrap: wrap; min-height: 1.9em; }
      .net-head .count { font-size: 0.9em; }
      .net-head axon-code-panel { margin-left: auto; font-size: 0.85em; }
      .network:has(axon-code-panel[open]) .diagram { display: none; }
      .network axon-code-panel[open] { margin-left: 0; width: 100%; }
      .diagram { position: relative; }
      svg { display: block; width: 100%; height: auto; }
      svg text { fill: currentColor; font-family: inherit; }
      .diagram .overlay { position: absolute; margin: 0; padding: 0; }
      .feature {
        font: inherit;
        font-size: 0.92em;
        display: flex;
        align-items: center;
        justify-content: flex-start;
        padding: 0 0 0 0.2em;
        border: 2px solid transparent;
        border-radius: 6px;
        background: transparent;
        color: inherit;
        cursor: pointer;
        white-space: nowrap;
      }
      .feature[aria-pressed='false'] { opacity: 0.55; }
      .feature:disabled { opacity: 0.3; cursor: default; }
      .feature:hover:not(:disabled) { border-color: currentColor; }
      .neuron-buttons { display: flex; gap: 2px; justify-content: center; }
      .neuron-buttons button { font: inherit; font-size: 0.9em; width: 1.45em; height: 1.45em; line-height: 1; padding: 0; border-radius: 50%; border: 2px solid currentColor; background: transparent; color: inherit; cursor: pointer; }
      .neuron-buttons button:disabled { opacity: 0.35; cursor: default; }
      .link { fill: none; }
      .node { stroke: currentColor; stroke-opacity: 0.5; stroke-width: 1; }
      .node-off { opacity: 0.25; }
      .thumb-line { fill: none; stroke: var(--axon-accent, #1d4ed8); stroke-width: 2; }
      .layer-label { font-size: 15px; }
      .note { font-size: 0.8em; margin: 0.1em 0 0; opacity: 0.85; }
      .output .view { border: 0; }
      .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1.2; fill: none; }
      .tick { font-size: 14px; font-variant-numeric: tabular-nums; }
      .axis-label { font-size: 14px; font-style: italic; }
      .point { stroke: #ffffff; stroke-width: 1.2; }
      .point.test { stroke: #111827; stroke-width: 1.6; }
      .curve { fill: none; stroke: #111827; stroke-width: 3; }
      .curve-halo { fill: none; stroke: #ffffff; stroke-width: 6; stroke-opacity: 0.8; }
      .switches { display: flex; flex-wrap: wrap; gap: 0.1em 1em; margin-top: 0.25em; }
      .switches label { display: flex; align-items: center; gap: 0.35em; cursor: pointer; }
      .switches input { width: 1.1em; height: 1.1em; margin: 0; accent-color: var(--axon-accent, #1d4ed8); }
      .legend { font-size: 0.8em; margin: 0.15em 0 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.1em 0.4em; }
      .legend span { white-space: nowrap; }
      .legend .bar-colours { width: 6em; height: 0.8em; border-radius: 3px; background: linear-gradient(90deg, rgb(245 147 34), rgb(232 234 235), rgb(8 119 189)); }
      .side { display: flex; flex-direction: column; gap: 0.25em; }
      [role='status'] { margin: 0; font-variant-numeric: tabular-nums; font-weight: 700; }
      [role='status'] span { display: block; }
      [role='status'] .sep { display: inline-block; width: 0; overflow: hidden; white-space: pre; font-style: normal; vertical-align: bottom; }
      .loss-train { fill: none; stroke: currentColor; stroke-width: 2.2; }
      .loss-test { fill: none; stroke: #b45309; stroke-width: 2.2; stroke-dasharray: 7 4; }
      .grid { stroke: currentColor; stroke-opacity: 0.13; stroke-width: 1; }
      .diagonal { stroke: currentColor; stroke-opacity: 0.5; stroke-width: 1.2; stroke-dasharray: 5 4; }
      .pvt-train { fill: var(--axon-accent, #1d4ed8); fill-opacity: 0.7; }
      .pvt-test { fill: none; stroke: #b45309; stroke-width: 1.5; }
      .plot-legend { font-size: 0.78em; display: flex; gap: 0.8em; margin: 0; }
      .settings { margin: 0; font-size: 0.75em; opacity: 0.85; }
      .diverged { font-size: 0.85em; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    `,
  ];

  static override properties = {
    ...playgroundSettings.properties,
    settings: { state: true },
  };

  /** The settings of the current run and of the slide (attributes, the URL, then the controls). */
  declare private settings: PlaygroundValues;

  private warnings: string[] = [];
  private run: RunData | undefined;
  private picture: Picture | undefined;
  /** The train and test loss of this run's pictures, thinned so that hours of training stay light. */
  private lossCurves = new LossCurves(['train', 'test']);
  /** The heatmap PNG of the current picture, by discretize (recoloured without retraining). */
  private heatmapCache: { picture: Picture; discretize: boolean; href: string } | undefined;
  private started: Promise<void> = Promise.resolve();
  private drawing: Promise<void> | undefined;
  private drawAgain = false;
  private lastDraw = 0;
  private announcedDone = false;
  /** Keeps the handout contract: `settled` per run, and whether `settle()` was asked (a restarted run trains to its budget too). */
  private readonly handout = new HandoutLatch(this);

  private readonly training = new TrainingController(this, {
    autoplay: () => this.settings.autoplay,
    onReadout: (_readout: Readout, trainer: Trainer) => this.requestDraw(trainer),
    pace: { seconds: WATCH_SECONDS, minStepsPerSecond: MIN_STEPS_PER_SECOND },
  });

  constructor() {
    super();
    this.settings = playgroundSettings.read({ attribute: () => null }).values;
  }

  /** Resolves once the current run has reached its epoch budget and is drawn, or stopped on divergence. */
  get settled(): Promise<void> {
    return this.handout.settled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after being removed (its trainer was freed): train afresh.
    if (!this.hasUpdated) return;
    this.restart(false);
    if (this.handout.asked) void this.settle();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.run && !playgroundSettings.touches(changed)) return;
    const resolved = playgroundSettings.resolve(this);
    // A dataset alone picks its problem; one that clashes with a problem written on the slide or in the URL is refused.
    const problemWritten = 'problem' in resolved.written || Boolean(readUrlState(this)?.has('problem'));
    const { values, warnings } = matchedValues(resolved, problemWritten);
    this.warnings = warnings;
    this.settings = values;
    this.restart(this.training.running);
  }

  /** Trains the current run to the end of its epoch budget as fast as possible; resolves with `settled`. */
  settle(): Promise<void> {
    return this.handout.settle(async () => {
      await this.started;
      // Every chunk drawn before the next: the loss curves get their points.
      await this.training.trainToBudget({ maxEpochs: 20, maxSteps: SETTLE_CHUNK_STEPS }, () => this.drawing);
      await this.drawing;
    });
  }

  /** Starts a fresh run with the current settings; keeps training if `keepPlaying`. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) this.training.pause();
    const settings = this.settings;
    this.handout.renew();
    this.run = this.prepareRun(settings);
    this.picture = undefined;
    this.heatmapCache = undefined;
    this.lossCurves = new LossCurves(['train', 'test']);
    this.announcedDone = false;
    const run = this.run;
    this.started = this.training.start(trainerSpec(settings, run.data.train.inputs.length), trainingData(run.data, run.features), settings.epochs).then(() => {
      if (this.training.error) this.handout.resolve();
    });
  }

  /** The data, the feature rows of every point the views need, and the features' thumbnails. */
  private prepareRun(settings: PlaygroundSettings): RunData {
    const data = makeData(settings);
    const features = activeFeatures(settings);
    const oneD = isOneDimensional(settings.dataset);
    const viewPoints = viewGrid(settings.dataset, oneD ? CURVE_POINTS : HEATMAP_CELLS);
    const all = [...featureRows(viewPoints, features), ...featureRows(data.train.inputs, features), ...featureRows(data.test.inputs, features)];
    const rows = Float32Array.from(all.flat());
    const thumbPoints = viewGrid(settings.dataset, oneD ? 40 : THUMB_CELLS);
    const featureThumbs = new Map<Feature, string>();
    for (const feature of FEATURES) {
      if (oneD && X2_FEATURES.has(feature)) continue;
      const values = thumbPoints.map((p) => FEATURE_FUNCTIONS[feature](p[0]!, p[1] ?? 0));
      featureThumbs.set(feature, oneD ? thumbPath(values, NET.node) : shadesToPng(normalisedShades(values), THUMB_CELLS));
    }
    let yRange: [number, number] = [-1, 1];
    if (oneD) {
      const ys = data.dataset.targets.map(([y]) => y!);
      const low = Math.min(...ys);
      const high = Math.max(...ys);
      const pad = 0.08 * (high - low || 1);
      yRange = [low - pad, high + pad];
    }
    return { data, features, rows, viewCount: viewPoints.length, thumbRows: featureRows(thumbPoints, features), featureThumbs, scale: targetScale(data), yRange };
  }

  /** Asks for a redraw from the trainer's current weights; redraws are coalesced and spaced while training. */
  private requestDraw(trainer: Trainer): Promise<void> {
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

  /** One picture: the output on the view grid and every data point (one predictMany), and the weights. */
  private async draw(trainer: Trainer): Promise<void> {
    const run = this.run;
    if (!run) return;
    const settings = this.settings;
    const epoch = trainer.epochs;
    const trainCount = run.data.train.inputs.length;
    const testCount = run.data.test.inputs.length;
    const count = run.viewCount + trainCount + testCount;
    let outputs: Float32Array;
    let weights: LayerWeights[];
    try {
      // Both are queued before any await, so they see the same weights.
      [outputs, weights] = await Promise.all([trainer.predictMany(run.rows, count), trainer.readWeights()]);
    } catch (error) {
      if (trainer.isDisposed) return; // a newer run replaced this one while it was read
      throw error;
    }
    if (trainer !== this.training.trainer || run !== this.run) return;
    const view = outputs.slice(0, run.viewCount);
    const trainOutputs = outputs.slice(run.viewCount, run.viewCount + trainCount);
    const testOutputs = outputs.slice(run.viewCount + trainCount);
    const problem = settings.problem;
    const diverged = Boolean(trainer.divergence);
    const trainLoss = diverged ? Number.NaN : dataLoss(problem, trainOutputs, run.data.train.targets);
    const testLoss = diverged ? Number.NaN : dataLoss(problem, testOutputs, run.data.test.targets);
    const oneD = isOneDimensional(settings.dataset);
    const units = forwardAll(weights, settings.activation, problem, run.thumbRows).slice(0, -1);
    const thumbnails = units.map((layer) => layer.map((values) => (oneD ? thumbPath(values, NET.node) : shadesToPng(normalisedShades(values), THUMB_CELLS))));
    this.picture = { epoch, trainLoss, testLoss, testAccuracy: accuracy(testOutputs, run.data.test.targets), view, trainOutputs, testOutputs, weights, thumbnails };
    this.lossCurves.record(epoch, { train: trainLoss, test: testLoss });
    this.requestUpdate();
    if (epoch >= settings.epochs && !this.announcedDone) {
      this.announcedDone = true;
      this.dispatchEvent(new CustomEvent<NnPlaygroundDoneDetail>('nn-playground-done', { detail: { epoch, trainLoss, testLoss }, bubbles: true, composed: true }));
      this.handout.resolveWhenDrawn();
    }
    if (diverged) this.handout.resolveWhenDrawn();
  }

  /** Applies a change from a control: new settings in the URL, and a fresh run unless only the view changed. */
  private change(changes: Partial<PlaygroundSettings>, retrain = true): void {
    this.settings = { ...this.settings, ...changes };
    playgroundSettings.keep(this, this.settings);
    if (retrain) this.restart(this.training.running);
  }

  private handleProblem(event: Event): void {
    const problem = (event.target as HTMLSelectElement).value as Problem;
    if (problem === this.settings.problem) return;
    this.change({ problem, dataset: DATASETS[problem][0] });
  }

  private handleDataset(event: Event): void {
    const dataset = (event.target as HTMLSelectElement).value as PlaygroundDataset;
    if (dataset === this.settings.dataset) return;
    this.change({ dataset, problem: problemOf(dataset) });
  }

  private handleNoise(event: Event): void {
    const noise = Number((event.target as HTMLInputElement).value) / 100;
    if (noise !== this.settings.noise) this.change({ noise });
  }

  private handleTrainRatio(event: Event): void {
    const trainRatio = Number((event.target as HTMLInputElement).value) / 100;
    if (trainRatio !== this.settings.trainRatio) this.change({ trainRatio });
  }

  private handleBatchSize(event: Event): void {
    const batchSize = Number((event.target as HTMLInputElement).value);
    if (batchSize !== this.settings.batchSize) this.change({ batchSize });
  }

  private handleLearningRate(event: Event): void {
    const stops = learningRateStops(this.settings.learningRate);
    const learningRate = stops[Number((event.target as HTMLInputElement).value)]!;
    if (learningRate !== this.settings.learningRate) this.change({ learningRate });
  }

  private handleActivation(event: Event): void {
    this.change({ activation: (event.target as HTMLSelectElement).value as PlaygroundActivation });
  }

  private handleRegularization(event: Event): void {
    this.change({ regularization: (event.target as HTMLSelectElement).value as RegularizationKind });
  }

  private handleRegularizationRate(event: Event): void {
    this.change({ regularizationRate: Number((event.target as HTMLSelectElement).value) });
  }

  private handleRegenerate(): void {
    this.change({ seed: this.settings.seed + 1 });
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

  private handleStep(): void {
    // Step = one epoch, as in the playground: every minibatch of the training set once.
    this.training.pause();
    const trainer = this.training.trainer;
    const run = this.run;
    if (!trainer || !run || trainer.divergence || this.training.done) return;
    const perEpoch = stepsPerEpoch(this.settings, run.data.train.inputs.length);
    trainer.step(Math.min(perEpoch, this.settings.epochs * perEpoch - trainer.steps));
    void trainer.readBack();
  }

  private renderControls() {
    const s = this.settings;
    const show = (name: Hideable) => !this.settings.hide.has(name);
    const stops = learningRateStops(s.learningRate);
    const rates = regularizationRateStops(s.regularizationRate);
    const canContinue = Boolean(this.training.trainer) && !this.training.divergence && !this.training.done;
    return html`<div class="bar">
      ${show('problem')
        ? html`<label class="field"><span>problem</span>
            <select aria-label="problem type" .value=${s.problem} @change=${this.handleProblem}>
              ${PROBLEMS.map((p) => html`<option value=${p} ?selected=${p === s.problem}>${p}</option>`)}
            </select></label>`
        : nothing}
      ${show('dataset')
        ? html`<label class="field"><span>dataset</span>
            <select aria-label="dataset" .value=${s.dataset} @change=${this.handleDataset}>
              ${DATASETS[s.problem].map((d) => html`<option value=${d} ?selected=${d === s.dataset}>${DATASET_LABELS[d]}</option>`)}
            </select></label>`
        : nothing}
      ${show('noise')
        ? html`<label class="field"><span>noise <b>${Math.round(s.noise * 100)} %</b></span>
            <input type="range" aria-label="noise" aria-valuetext=${`${Math.round(s.noise * 100)} %`} min="0" max="50" step="5" .value=${String(Math.round(s.noise * 100))} @change=${this.handleNoise} /></label>`
        : nothing}
      ${show('train-ratio')
        ? html`<label class="field"><span>train ratio <b>${Math.round(s.trainRatio * 100)} %</b></span>
            <input type="range" aria-label="train ratio" aria-valuetext=${`${Math.round(s.trainRatio * 100)} %`} min="10" max="90" step="10" .value=${String(Math.round(s.trainRatio * 100))} @change=${this.handleTrainRatio} /></label>`
        : nothing}
      ${show('batch-size')
        ? html`<label class="field"><span>batch size <b>${s.batchSize}</b></span>
            <input type="range" aria-label="batch size" aria-valuetext=${String(s.batchSize)} min="1" max=${Math.max(PLAYGROUND_LIMITS.batchSlider.max, s.batchSize)} step="1" .value=${String(s.batchSize)} @change=${this.handleBatchSize} /></label>`
        : nothing}
      ${show('regenerate') ? html`<button @click=${this.handleRegenerate}>Regenerate</button>` : nothing}
      ${show('learning-rate')
        ? html`<label class="field"><span>learning rate <b>${s.learningRate}</b></span>
            <input type="range" aria-label="learning rate" aria-valuetext=${String(s.learningRate)} min="0" max=${stops.length - 1} step="1" .value=${String(stops.indexOf(s.learningRate))} @change=${this.handleLearningRate} /></label>`
        : nothing}
      ${show('activation')
        ? html`<label class="field"><span>activation</span>
            <select aria-label="activation" .value=${s.activation} @change=${this.handleActivation}>
              ${ACTIVATIONS.map((a) => html`<option value=${a} ?selected=${a === s.activation}>${ACTIVATION_LABELS[a]}</option>`)}
            </select></label>`
        : nothing}
      ${show('regularization')
        ? html`<label class="field"><span>regularization</span>
            <select aria-label="regularization" .value=${s.regularization} @change=${this.handleRegularization}>
              ${REGULARIZATIONS.map((r) => html`<option value=${r} ?selected=${r === s.regularization}>${REGULARIZATION_LABELS[r]}</option>`)}
            </select></label>`
        : nothing}
      ${show('regularization-rate')
        ? html`<label class="field"><span>regularization rate</span>
            <select aria-label="regularization rate" .value=${String(s.regularizationRate)} ?disabled=${s.regularization === 'none'} @change=${this.handleRegularizationRate}>
              ${rates.map((r) => html`<option value=${String(r)} ?selected=${r === s.regularizationRate}>${r}</option>`)}
            </select></label>`
        : nothing}
      ${transportControls({
        running: this.training.running,
        canContinue,
        onPlay: () => this.training.play(),
        onPause: () => this.training.pause(),
        onStep: () => this.handleStep(),
        onReset: () => this.restart(false),
      })}
    </div>`;
  }

  private renderNetwork() {
    const picture = this.picture;
    const oneD = isOneDimensional(this.settings.dataset);
    return networkDiagram({
      settings: this.settings,
      active: this.run?.features ?? activeFeatures(this.settings),
      featureThumbs: this.run?.featureThumbs,
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
    const shades = Float64Array.from(picture.view, (v) => outputShade(this.settings.problem, v, run.scale, discretize));
    const href = shadesToPng(shades, HEATMAP_CELLS);
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
      heatmap: oneD ? undefined : this.heatmapHref(),
      onShowTest: (event) => this.handleShowTest(event),
      onDiscretize: (event) => this.handleDiscretize(event),
    });
  }

  private renderStatus() {
    const picture = this.picture;
    if (this.training.error) return html`<span>no training: ${this.training.error}</span>`;
    const diverged = Boolean(this.training.divergence);
    const epoch = picture?.epoch ?? 0;
    const trainLoss = picture ? (diverged ? 'diverged' : formatLoss(picture.trainLoss)) : '…';
    const testLoss = picture ? (diverged ? 'diverged' : formatLoss(picture.testLoss)) : '…';
    const accuracyText = this.settings.problem === 'classification' && picture && !diverged && Number.isFinite(picture.testAccuracy) ? ` · test accuracy ${Math.round(picture.testAccuracy * 100)} %` : '';
    const done = picture && picture.epoch >= this.settings.epochs ? ' · done' : '';
    // The separators read in the text (and in screen readers' one-line status); the lines show them as breaks.
    return html`<span>epoch ${epoch}${done}</span><span><i class="sep"> · </i>train loss ${trainLoss}</span><span><i class="sep"> · </i>test loss ${testLoss}</span>${accuracyText ? html`<span><i class="sep"> · </i>${accuracyText.slice(3)}</span>` : nothing}`;
  }

  override render() {
    const s = this.settings;
    const run = this.run;
    const trainCount = run?.data.train.inputs.length ?? 0;
    const testCount = run?.data.test.inputs.length ?? 0;
    const warnings = this.warnings;
    const editable = !this.settings.hide.has('layers');
    const layerCount = s.hiddenLayers.length;
    return html`
      ${warnings.length ? html`<p class="warning" role="alert">&lt;nn-playground&gt; ${warnings.join('; ')}</p>` : nothing}
      ${this.training.error ? html`<p class="warning" role="alert">&lt;nn-playground&gt; ${this.training.error}</p>` : nothing}
      ${this.renderControls()}
      <div class="main">
        <div class="network">
          <div class="net-head">
            ${editable
              ? html`<button class="tool" aria-label="Add layer" ?disabled=${layerCount >= PLAYGROUND_LIMITS.layers.max} @click=${this.handleAddLayer}>+</button>
                  <button class="tool" aria-label="Remove layer" ?disabled=${layerCount === 0} @click=${this.handleRemoveLayer}>−</button>`
              : nothing}
            <span class="count">${layerCount} hidden ${layerCount === 1 ? 'layer' : 'layers'}${layerCount === 0 ? ' (a linear model)' : ''}</span>
            ${this.settings.hide.has('code') ? nothing : html`<axon-code-panel .code=${pytorchCode(s, Math.max(trainCount, 1))}></axon-code-panel>`}
          </div>
          ${this.renderNetwork()}
        </div>
        ${this.renderOutput()}
        <div class="side">
          <p role="status">${this.renderStatus()}</p>
          ${divergenceWarning(this.training.divergence)}
          ${this.settings.hide.has('loss') ? nothing : lossPlot(this.lossCurves, this.settings.epochs, this.picture)}
          ${s.problem === 'regression' && !this.settings.hide.has('pred-vs-true') ? predVsTruePlot(this.run?.data, this.picture, s.showTest) : nothing}
          <p class="settings">${describeTraining(s, trainCount, testCount)}</p>
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
