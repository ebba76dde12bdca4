/**
 * `<nn-playground>`: the TensorFlow neural-network playground inside a slide, trained by the shared engine.
 * Pick a problem and a dataset, switch input features on and off, add layers and neurons, and watch the
 * network learn: every neuron shows a thumbnail of its output over the input plane, links are coloured by
 * their weight's sign (blue +, orange −) and as thick as its size; the output view is the heatmap of the
 * network's output with the data (2-D) or its fitted curve (the 1-D cubic); train and test loss per epoch;
 * a Pred vs True scatter for regression.
 *
 * Attributes (a bad value shows a warning naming it, role=alert, and its default is used). The whole
 * configuration is also kept in the page URL (one query parameter per widget, see url-state.ts), so a
 * student can share it: defaults < attributes < URL.
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
 * - `regularization` — `none` (default), `l1`, `l2`; `regularization-rate` λ, 0…10 (default 0).
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
 * @fires nn-playground-done — when a run uses up its epoch budget; detail `{ epoch, trainLoss, testLoss }`.
 */
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { LayerWeights } from '../../engine/mlp.ts';
import type { Readout, Trainer } from '../../engine/trainer.ts';
import '../shared/code-panel.ts';
import { nextTask, type HandoutWidget } from '../shared/handout.ts';
import { LossCurves } from '../shared/loss-curves.ts';
import { TrainingController } from '../shared/training-controller.ts';
import { divergenceWarning, transportControls, transportStyles } from '../shared/transport.ts';
import { readUrlState, writeUrlState } from '../shared/url-state.ts';
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  DATASETS,
  DATASET_LABELS,
  FEATURES,
  FEATURE_FUNCTIONS,
  FEATURE_LABELS,
  PLAYGROUND_LIMITS,
  PROBLEMS,
  REGULARIZATIONS,
  REGULARIZATION_LABELS,
  STATE_KEYS,
  X2_FEATURES,
  accuracy,
  activeFeatures,
  cssColour,
  dataLoss,
  describeTraining,
  domainOf,
  featureRows,
  formatLoss,
  forwardAll,
  isOneDimensional,
  learningRateStops,
  makeData,
  normalisedShades,
  outputShade,
  parseHide,
  parsePlaygroundAttributes,
  problemOf,
  pytorchCode,
  regularizationRateStops,
  shadePixels,
  stepsPerEpoch,
  targetScale,
  trainerSpec,
  trainingData,
  urlStateOf,
  viewGrid,
  type Feature,
  type Hideable,
  type PlaygroundActivation,
  type PlaygroundData,
  type PlaygroundDataset,
  type PlaygroundSettings,
  type Problem,
  type RegularizationKind,
} from './nn-playground.model.ts';
import { warningStyles } from '../shared/warning.ts';

/** Detail of `nn-playground-done`. */
export interface NnPlaygroundDoneDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
}

/** The output view (SVG units ≈ slide pixels). */
const OUT = { width: 330, height: 330, left: 34, right: 6, top: 6, bottom: 28 } as const;
/** Cells per side of the output heatmap. */
const HEATMAP_CELLS = 48;
/** Points on the 1-D fitted curve. */
const CURVE_POINTS = 160;
/** Cells per side of a neuron's thumbnail (2-D) / points on its little curve (1-D). */
const THUMB_CELLS = 20;
/** The network diagram. */
const NET = { width: 540, height: 400, top: 78, bottom: 392, featureX: 112, outputX: 505, node: 34 } as const;
/** The loss and Pred vs True plots. */
const LOSS = { width: 300, height: 150, left: 50, right: 8, top: 8, bottom: 26 } as const;
const PVT = { width: 300, height: 170, left: 50, right: 8, top: 8, bottom: 30 } as const;
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

type Scale = (value: number) => number;

function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  return (value) => r0 + ((value - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

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

/** A unit's values along x as a path in a node box of `size` (1-D thumbnails), scaled by its largest |value|. */
function thumbPath(values: ArrayLike<number>, size: number): string {
  const shades = normalisedShades(values);
  let d = '';
  for (let i = 0; i < shades.length; i += 1) {
    const v = shades[i]!;
    if (!Number.isFinite(v)) continue;
    d += `${d ? 'L' : 'M'}${((i / (shades.length - 1)) * size).toFixed(1)},${(size / 2 - v * (size / 2 - 2)).toFixed(1)}`;
  }
  return d;
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
    problem: { type: String },
    datasetName: { type: String, attribute: 'dataset' },
    noise: { type: String },
    trainRatio: { type: String, attribute: 'train-ratio' },
    features: { type: String },
    layers: { type: String },
    activation: { type: String },
    learningRate: { type: String, attribute: 'learning-rate' },
    lr: { type: String },
    batchSize: { type: String, attribute: 'batch-size' },
    regularization: { type: String },
    regularizationRate: { type: String, attribute: 'regularization-rate' },
    epochs: { type: String },
    samples: { type: String },
    seed: { type: String },
    showTest: { type: String, attribute: 'show-test' },
    discretize: { type: String },
    autoplay: { type: Boolean },
    hide: { type: String },
    settings: { state: true },
  };

  /** `classification` | `regression`, as written (default classification). */
  declare problem: string | null;
  /** The `dataset` attribute, as written (default circle, or plane for regression); `dataset` is HTMLElement's data-* map. */
  declare datasetName: string | null;
  /** Noise fraction 0…0.5, as written (default 0). */
  declare noise: string | null;
  /** Training fraction 0.1…0.9, as written (default 0.5). */
  declare trainRatio: string | null;
  /** Input features, e.g. "x1,x2,x1sq", as written (default "x1,x2"). */
  declare features: string | null;
  /** Hidden layer sizes, e.g. "4,2" or "" for none, as written (default "4,2"). */
  declare layers: string | null;
  /** `relu` | `tanh` | `sigmoid` | `linear`, as written (default tanh). */
  declare activation: string | null;
  /** Learning rate 0.00001…10, as written (default 0.03). */
  declare learningRate: string | null;
  /** Short for `learning-rate`. */
  declare lr: string | null;
  /** Minibatch size, as written (default 10). */
  declare batchSize: string | null;
  /** `none` | `l1` | `l2`, as written (default none). */
  declare regularization: string | null;
  /** λ 0…10, as written (default 0). */
  declare regularizationRate: string | null;
  /** Epoch budget, as written (default 300). */
  declare epochs: string | null;
  /** Samples generated, as written (default 200). */
  declare samples: string | null;
  /** Seed, as written (default 1). */
  declare seed: string | null;
  /** Show the test points (boolean attribute). */
  declare showTest: string | null;
  /** Colour the output by class only (boolean attribute). */
  declare discretize: string | null;
  /** Train as soon as the slide is shown. */
  declare autoplay: boolean;
  /** Controls to leave out, e.g. "noise,batch-size". */
  declare hide: string | null;
  /** The settings of the current run (attributes, the URL, then the controls). */
  declare private settings: PlaygroundSettings;

  private warnings: string[] = [];
  private hiddenControls = new Set<Hideable>();
  private hideWarning: string | undefined;
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
  private settledPromise!: Promise<void>;
  private settledDone = true;
  private resolveSettled: () => void = () => {};
  /** `settle()` was called: a run restarted by putting the widget back on the page trains to its budget too. */
  private handoutAsked = false;

  private readonly training = new TrainingController(this, {
    autoplay: () => this.autoplay,
    onReadout: (_readout: Readout, trainer: Trainer) => this.requestDraw(trainer),
    pace: { seconds: WATCH_SECONDS, minStepsPerSecond: MIN_STEPS_PER_SECOND },
  });

  constructor() {
    super();
    this.problem = null;
    this.datasetName = null;
    this.noise = null;
    this.trainRatio = null;
    this.features = null;
    this.layers = null;
    this.activation = null;
    this.learningRate = null;
    this.lr = null;
    this.batchSize = null;
    this.regularization = null;
    this.regularizationRate = null;
    this.epochs = null;
    this.samples = null;
    this.seed = null;
    this.showTest = null;
    this.discretize = null;
    this.autoplay = false;
    this.hide = null;
    this.settings = parsePlaygroundAttributes({}).settings;
    this.newSettled();
  }

  /** Resolves once the current run has reached its epoch budget and is drawn, or stopped on divergence. */
  get settled(): Promise<void> {
    return this.settledPromise;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after being removed (its trainer was freed): train afresh.
    if (!this.hasUpdated) return;
    this.restart(false);
    if (this.handoutAsked) void this.settle();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const attributes = ['problem', 'datasetName', 'noise', 'trainRatio', 'features', 'layers', 'activation', 'learningRate', 'lr', 'batchSize', 'regularization', 'regularizationRate', 'epochs', 'samples', 'seed', 'showTest', 'discretize'] as const;
    if (changed.has('hide')) {
      const { value, warning } = parseHide(this.hide);
      this.hiddenControls = value;
      this.hideWarning = warning;
    }
    if (attributes.some((name) => changed.has(name)) || !this.run) {
      const written: Record<string, string | null> = {
        problem: this.problem,
        dataset: this.datasetName,
        noise: this.noise,
        'train-ratio': this.trainRatio,
        features: this.features,
        layers: this.layers,
        activation: this.activation,
        'learning-rate': this.learningRate,
        lr: this.lr,
        'batch-size': this.batchSize,
        regularization: this.regularization,
        'regularization-rate': this.regularizationRate,
        epochs: this.epochs,
        samples: this.samples,
        seed: this.seed,
        'show-test': this.showTest,
        discretize: this.discretize,
      };
      // NOTE - the URL holds what a student set (shared configuration): it wins over the attributes.
      const url = readUrlState(this);
      if (url) {
        for (const key of STATE_KEYS) if (url.has(key)) written[key] = url.get(key)!;
        if (url.has('learning-rate')) written.lr = null;
      }
      const { settings, warnings } = parsePlaygroundAttributes(written);
      this.warnings = warnings;
      this.settings = settings;
      this.restart(this.training.running);
    }
  }

  /** Trains the current run to the end of its epoch budget as fast as possible; resolves with `settled`. */
  async settle(): Promise<void> {
    this.handoutAsked = true;
    await this.started;
    this.training.pause();
    const trainer = this.training.trainer;
    const run = this.run;
    if (trainer && run) {
      const perEpoch = stepsPerEpoch(this.settings, run.data.train.inputs.length);
      const budget = this.settings.epochs * perEpoch;
      // Whole epochs per chunk, so the same settings always draw the same loss curves.
      const chunk = Math.min(20, Math.max(1, Math.floor(SETTLE_CHUNK_STEPS / perEpoch))) * perEpoch;
      while (trainer === this.training.trainer && !trainer.isDisposed && !trainer.divergence && trainer.steps < budget) {
        trainer.step(Math.min(chunk, budget - trainer.steps));
        await trainer.readBack();
        await this.drawing; // every chunk drawn: the loss curves get their points
        await nextTask();
      }
      await this.drawing;
    }
    return this.settled;
  }

  private newSettled(): void {
    if (!this.settledDone) return; // a pending promise carries over to the new run
    this.settledDone = false;
    this.settledPromise = new Promise((resolve) => {
      this.resolveSettled = () => {
        this.settledDone = true;
        resolve();
      };
    });
  }

  /** Starts a fresh run with the current settings; keeps training if `keepPlaying`. */
  private restart(keepPlaying: boolean): void {
    if (!keepPlaying) this.training.pause();
    const settings = this.settings;
    this.newSettled();
    this.run = this.prepareRun(settings);
    this.picture = undefined;
    this.heatmapCache = undefined;
    this.lossCurves = new LossCurves(['train', 'test']);
    this.announcedDone = false;
    const run = this.run;
    this.started = this.training.start(trainerSpec(settings, run.data.train.inputs.length), trainingData(run.data, run.features), settings.epochs).then(() => {
      if (this.training.error) this.resolveSettled();
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
      await this.updateComplete;
      this.resolveSettled();
    }
    if (diverged) {
      await this.updateComplete;
      this.resolveSettled();
    }
  }

  /** Applies a change from a control: new settings in the URL, and a fresh run unless only the view changed. */
  private change(changes: Partial<PlaygroundSettings>, retrain = true): void {
    this.settings = { ...this.settings, ...changes };
    writeUrlState(this, urlStateOf(this.settings));
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
    const show = (name: Hideable) => !this.hiddenControls.has(name);
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

  /** Vertical centres of `count` nodes in a column. */
  private nodeYs(count: number): number[] {
    const span = NET.bottom - NET.top;
    const gap = span / Math.max(count, 1);
    return Array.from({ length: count }, (_, i) => NET.top + gap * (i + 0.5));
  }

  private nodeSize(count: number): number {
    return Math.min(NET.node, (NET.bottom - NET.top) / Math.max(count, 1) - 6);
  }

  private renderNetwork() {
    const s = this.settings;
    const run = this.run;
    const picture = this.picture;
    const oneD = isOneDimensional(s.dataset);
    const active = run?.features ?? activeFeatures(s);
    const shownFeatures = [...FEATURES];
    const featureYs = this.nodeYs(shownFeatures.length);
    const featureSize = this.nodeSize(shownFeatures.length);
    const hiddenLayers = s.hiddenLayers;
    const columns = hiddenLayers.length + 1; // hidden layers, then the output
    const columnX = (i: number) => NET.featureX + ((NET.outputX - NET.featureX) * (i + 1)) / columns;
    const layerYs = hiddenLayers.map((n) => this.nodeYs(n));
    const layerSizes = hiddenLayers.map((n) => this.nodeSize(n));
    const outputY = (NET.top + NET.bottom) / 2;
    const outputSize = 40;
    const weights = picture?.weights;
    // Where each column's nodes are, inputs first: [x, ys].
    const activeYs = active.map((f) => featureYs[shownFeatures.indexOf(f)]!);
    const columnsYs: number[][] = [activeYs, ...layerYs, [outputY]];
    const columnsX = [NET.featureX, ...hiddenLayers.map((_, i) => columnX(i)), NET.outputX];
    const links = [];
    if (weights && weights.length === columnsYs.length - 1) {
      for (let layer = 0; layer < weights.length; layer += 1) {
        const fromYs = columnsYs[layer]!;
        const toYs = columnsYs[layer + 1]!;
        for (let i = 0; i < fromYs.length; i += 1) {
          for (let j = 0; j < toYs.length; j += 1) {
            const w = weights[layer]!.weights[i]?.[j];
            if (w === undefined) continue;
            const finite = Number.isFinite(w);
            const width = finite ? 0.6 + Math.min(Math.abs(w), 4) * 1.6 : 1;
            const x1 = columnsX[layer]! + (layer === 0 ? featureSize / 2 : layerSizes[layer - 1]! / 2);
            const x2 = columnsX[layer + 1]! - (layer + 1 === columnsYs.length - 1 ? outputSize / 2 : layerSizes[layer]! / 2);
            const mid = (x1 + x2) / 2;
            links.push(
              svg`<path class="link" d=${`M${x1},${fromYs[i]}C${mid},${fromYs[i]} ${mid},${toYs[j]} ${x2},${toYs[j]}`} stroke=${finite ? cssColour(w > 0 ? 1 : -1) : '#888'} stroke-width=${width.toFixed(2)} stroke-opacity="0.75"></path>`,
            );
          }
        }
      }
    }
    const node = (x: number, y: number, size: number, content: string | undefined, off = false) =>
      oneD
        ? svg`<g class=${off ? 'node-off' : ''}><rect class="node" x=${x - size / 2} y=${y - size / 2} width=${size} height=${size} fill="var(--axon-bg, #ffffff)"></rect>
            ${content ? svg`<path class="thumb-line" transform=${`translate(${x - size / 2} ${y - size / 2}) scale(${size / NET.node})`} d=${content}></path>` : nothing}</g>`
        : svg`<g class=${off ? 'node-off' : ''}><rect class="node" x=${x - size / 2} y=${y - size / 2} width=${size} height=${size} fill="#e8eaeb"></rect>
            ${content ? svg`<image href=${content} x=${x - size / 2} y=${y - size / 2} width=${size} height=${size} preserveAspectRatio="none"></image>` : nothing}</g>`;
    const featureNodes = shownFeatures.map((f, i) => node(NET.featureX, featureYs[i]!, featureSize, run?.featureThumbs.get(f), !active.includes(f)));
    const hiddenNodes = hiddenLayers.map((n, layer) =>
      Array.from({ length: n }, (_, unit) => node(columnX(layer), layerYs[layer]![unit]!, layerSizes[layer]!, picture?.thumbnails[layer]?.[unit])),
    );
    const outputHref = oneD ? undefined : this.heatmapHref();
    const outputNode = oneD ? node(NET.outputX, outputY, outputSize, picture ? thumbPath(picture.view, NET.node) : undefined) : node(NET.outputX, outputY, outputSize, outputHref);
    const label = `Network: ${active.length} input ${active.length === 1 ? 'feature' : 'features'} (${active.map((f) => FEATURE_LABELS[f]).join(', ')}), ${hiddenLayers.length ? `hidden layers of ${hiddenLayers.join(', ')} ${ACTIVATION_LABELS[s.activation]} units` : 'no hidden layer'}, one output; links coloured by the weight's sign, as thick as its size`;
    const editable = !this.hiddenControls.has('layers');
    const featuresEditable = !this.hiddenControls.has('features');
    const pct = (value: number, of: number) => `${((value / of) * 100).toFixed(3)}%`;
    return html`<div class="diagram">
      <svg viewBox="0 0 ${NET.width} ${NET.height}" role="img" aria-label=${label}>
        <text class="layer-label" x=${NET.featureX} y=${NET.top - 14} text-anchor="middle">features</text>
        ${hiddenLayers.map((n, i) => svg`<text class="layer-label" x=${columnX(i)} y=${NET.top - 14} text-anchor="middle">${n} ${n === 1 ? 'unit' : 'units'}</text>`)}
        <text class="layer-label" x=${NET.outputX} y=${NET.top - 14} text-anchor="middle">output</text>
        ${links}
        ${featureNodes}
        ${hiddenNodes}
        ${outputNode}
      </svg>
      ${shownFeatures.map((f, i) => {
        const size = featureSize;
        const disabledX2 = oneD && X2_FEATURES.has(f);
        const lastOne = active.length === 1 && active[0] === f;
        return html`<button class="overlay feature" aria-pressed=${String(active.includes(f))} ?disabled=${!featuresEditable || disabledX2 || lastOne}
            title=${disabledX2 ? 'needs x₂: the cubic has one input x₁' : lastOne ? 'the network needs at least one input' : `${active.includes(f) ? 'stop feeding' : 'feed'} ${FEATURE_LABELS[f]} to the network`}
            style=${`left: 0; top: ${pct(featureYs[i]! - size / 2, NET.height)}; width: ${pct(NET.featureX + size / 2, NET.width)}; height: ${pct(size, NET.height)}`}
            @click=${() => this.handleFeature(f)}>${FEATURE_LABELS[f]}</button>`;
      })}
      ${editable
        ? hiddenLayers.map(
            (n, layer) => html`<div class="overlay neuron-buttons" style=${`left: ${pct(columnX(layer) - 30, NET.width)}; width: ${pct(60, NET.width)}; top: ${pct(4, NET.height)}`}>
              <button aria-label=${`Add neuron to layer ${layer + 1}`} ?disabled=${n >= PLAYGROUND_LIMITS.neuronsControl.max} @click=${() => this.handleNeurons(layer, 1)}>+</button>
              <button aria-label=${`Remove neuron from layer ${layer + 1}`} ?disabled=${n <= PLAYGROUND_LIMITS.neuronsControl.min} @click=${() => this.handleNeurons(layer, -1)}>−</button>
            </div>`,
          )
        : nothing}
    </div>
    ${oneD ? html`<p class="note">The cubic has one input x₁: the features with x₂ are off.</p>` : nothing}`;
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
    const s = this.settings;
    const run = this.run;
    const picture = this.picture;
    const { width, height, left, right, top, bottom } = OUT;
    const oneD = isOneDimensional(s.dataset);
    const [low, high] = domainOf(s.dataset);
    const x = linear([low, high], [left, width - right]);
    const plotHeight = height - top - bottom;
    const y = oneD ? linear(run?.yRange ?? [-1, 1], [height - bottom, top]) : linear([low, high], [height - bottom, top]);
    const shade = (target: number) => (s.problem === 'classification' ? (target >= 0.5 ? 1 : -1) : target / (run?.scale ?? 1));
    const points = (set: 'train' | 'test') => {
      if (!run) return nothing;
      const part = run.data[set];
      return part.inputs.map((p, i) => {
        const target = part.targets[i]![0]!;
        const cx = x(p[0]!);
        const cy = oneD ? y(target) : y(p[1]!);
        return svg`<circle class=${`point ${set}`} cx=${cx.toFixed(1)} cy=${cy.toFixed(1)} r=${oneD ? 3.6 : 3.8} fill=${oneD ? (set === 'train' ? '#1d4ed8' : '#ffffff') : cssColour(shade(target))}></circle>`;
      });
    };
    const xTicks = oneD ? [-3, -2, -1, 0, 1, 2, 3] : [-6, -3, 0, 3, 6];
    let view;
    if (oneD) {
      const grid = viewGrid(s.dataset, CURVE_POINTS);
      const [y0, y1] = run?.yRange ?? [-1, 1];
      const step = Math.pow(10, Math.floor(Math.log10((y1 - y0) / 4)));
      const yTicks: number[] = [];
      const unit = [1, 2, 5, 10].map((m) => m * step).find((u) => (y1 - y0) / u <= 6) ?? step * 10;
      for (let t = Math.ceil(y0 / unit) * unit; t <= y1; t += unit) yTicks.push(Number(t.toPrecision(6)));
      let d = '';
      if (picture) {
        let pen = false;
        grid.forEach(([gx], i) => {
          const v = picture.view[i]!;
          if (!Number.isFinite(v)) {
            pen = false;
            return;
          }
          const py = Math.max(top - 40, Math.min(height + 40, y(v)));
          d += `${pen ? 'L' : 'M'}${x(gx!).toFixed(1)},${py.toFixed(1)}`;
          pen = true;
        });
      }
      view = svg`<defs><clipPath id="view-clip"><rect x=${left} y=${top} width=${width - left - right} height=${plotHeight}></rect></clipPath></defs>
        ${yTicks.map((t) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(t)} y2=${y(t)}></line><text class="tick" x=${left - 5} y=${y(t) + 5} text-anchor="end">${String(t).replace('-', '−')}</text>`)}
        <g clip-path="url(#view-clip)">
          ${points('train')}
          ${s.showTest ? points('test') : nothing}
          ${d ? svg`<path class="curve-halo" d=${d}></path><path class="curve" d=${d}></path>` : nothing}
        </g>`;
    } else {
      const href = this.heatmapHref();
      view = svg`<defs><clipPath id="view-clip"><rect x=${left} y=${top} width=${width - left - right} height=${plotHeight}></rect></clipPath></defs>
        ${href ? svg`<image href=${href} x=${left} y=${top} width=${width - left - right} height=${plotHeight} preserveAspectRatio="none"></image>` : svg`<rect x=${left} y=${top} width=${width - left - right} height=${plotHeight} fill="#e8eaeb"></rect>`}
        ${[-6, -3, 0, 3, 6].map((t) => svg`<text class="tick" x=${left - 5} y=${y(t) + 5} text-anchor="end">${String(t).replace('-', '−')}</text>`)}
        <g clip-path="url(#view-clip)">${points('train')}${s.showTest ? points('test') : nothing}</g>`;
    }
    const what = oneD ? `the fitted curve over x₁ from −3 to 3 with the ${s.showTest ? 'train and test' : 'training'} points` : `a heatmap of the network's ${s.problem === 'classification' ? 'P(class 1), orange = class 0, blue = class 1' : 'output, orange = low, blue = high'}${s.discretize ? ', discretized' : ''}, over x₁, x₂ from −6 to 6, with the ${s.showTest ? 'train and test' : 'training'} points`;
    return html`<div class="output">
      <svg class="view" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Output: ${what}`}>
        ${view}
        <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${plotHeight}></rect>
        ${xTicks.map((t) => svg`<text class="tick" x=${x(t)} y=${height - bottom + 18} text-anchor="middle">${String(t).replace('-', '−')}</text>`)}
      </svg>
      <div class="switches">
        ${this.hiddenControls.has('show-test') ? nothing : html`<label><input type="checkbox" role="switch" aria-label="Show test data" .checked=${s.showTest} @change=${this.handleShowTest} />Show test data</label>`}
        ${this.hiddenControls.has('discretize') || oneD ? nothing : html`<label><input type="checkbox" role="switch" aria-label="Discretize output" .checked=${s.discretize} @change=${this.handleDiscretize} />Discretize output</label>`}
      </div>
      ${oneD
        ? html`<p class="legend">dots: ${s.showTest ? 'filled train, hollow test' : 'training data'} · line: the network</p>`
        : html`<p class="legend"><span>${s.problem === 'classification' ? 'class 0' : 'low'}</span><span class="bar-colours"></span><span>${s.problem === 'classification' ? 'class 1' : 'high'}</span>${s.showTest ? html`<span>· ringed: test</span>` : nothing}</p>`}
    </div>`;
  }

  private renderLossPlot() {
    const { width, height, left, right, top, bottom } = LOSS;
    const [lowDecade, highDecade] = this.lossCurves.decades([-2, 0]);
    const x = linear([0, this.settings.epochs], [left, width - right]);
    const y = linear([lowDecade, highDecade], [height - bottom, top]);
    const path = (key: 'train' | 'test') => this.lossCurves.path(key, x, y);
    const decades = Array.from({ length: highDecade - lowDecade + 1 }, (_, i) => lowDecade + i);
    const every = Math.ceil(decades.length / 4);
    const last = this.picture;
    return html`<svg class="loss-plot" viewBox="0 0 ${width} ${height}" role="img"
        aria-label=${last ? `Loss: train (solid) and test (dashed) against epoch on a log scale, now ${formatLoss(last.trainLoss)} and ${formatLoss(last.testLoss)} at epoch ${last.epoch}` : 'Loss against epoch: not trained yet'}>
        ${decades.map((d, i) => svg`<line class="grid" x1=${left} x2=${width - right} y1=${y(d)} y2=${y(d)}></line>${i % every === 0 ? svg`<text class="tick" x=${left - 5} y=${y(d) + 5} text-anchor="end">${decadeLabel(d)}</text>` : nothing}`)}
        <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
        <text class="tick" x=${left} y=${height - 6} text-anchor="start">0</text>
        <text class="axis-label" x=${(left + width - right) / 2} y=${height - 6} text-anchor="middle">epoch</text>
        <text class="tick" x=${width - right} y=${height - 6} text-anchor="end">${this.settings.epochs}</text>
        <path class="loss-test" d=${path('test')}></path>
        <path class="loss-train" d=${path('train')}></path>
      </svg>
      <p class="plot-legend" aria-hidden="true"><span>— train loss</span><span style="color: #b45309">- - test loss</span></p>`;
  }

  private renderPredVsTrue() {
    const { width, height, left, right, top, bottom } = PVT;
    const run = this.run;
    const picture = this.picture;
    const ys = run ? run.data.dataset.targets.map(([t]) => t!) : [-1, 1];
    const low = Math.min(...ys);
    const high = Math.max(...ys);
    const pad = 0.05 * (high - low || 1);
    const domain: [number, number] = [low - pad, high + pad];
    const x = linear(domain, [left, width - right]);
    const y = linear(domain, [height - bottom, top]);
    const dots = (set: 'train' | 'test') => {
      if (!run || !picture) return nothing;
      const outputs = set === 'train' ? picture.trainOutputs : picture.testOutputs;
      return run.data[set].targets.map(([t], i) => {
        const p = outputs[i]!;
        if (!Number.isFinite(p)) return nothing;
        const cy = Math.max(top, Math.min(height - bottom, y(p)));
        return svg`<circle class=${set === 'train' ? 'pvt-train' : 'pvt-test'} cx=${x(t!).toFixed(1)} cy=${cy.toFixed(1)} r="3"></circle>`;
      });
    };
    return html`<svg class="pvt" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Pred vs True: each ${this.settings.showTest ? 'train (filled) and test (ring)' : 'training'} point's prediction against its true value; on the dashed diagonal the fit is perfect`}>
      <defs><clipPath id="pvt-clip"><rect x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect></clipPath></defs>
      <rect class="axis" x=${left} y=${top} width=${width - left - right} height=${height - top - bottom}></rect>
      <g clip-path="url(#pvt-clip)"><line class="diagonal" x1=${x(domain[0])} y1=${y(domain[0])} x2=${x(domain[1])} y2=${y(domain[1])}></line>
      ${this.settings.showTest ? dots('test') : nothing}${dots('train')}</g>
      <text class="tick" x=${left - 5} y=${top + 12} text-anchor="end">${shortNumber(domain[1])}</text>
      <text class="tick" x=${left - 5} y=${height - bottom} text-anchor="end">${shortNumber(domain[0])}</text>
      <text class="tick" x=${left} y=${height - 8} text-anchor="start">${shortNumber(domain[0])}</text>
      <text class="tick" x=${width - right} y=${height - 8} text-anchor="end">${shortNumber(domain[1])}</text>
      <text class="axis-label" x=${(left + width - right) / 2} y=${height - 8} text-anchor="middle">true</text>
      <text class="axis-label" transform=${`translate(14 ${(top + height - bottom) / 2}) rotate(-90)`} text-anchor="middle">predicted</text>
    </svg>`;
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
    const warnings = [...this.warnings, ...(this.hideWarning ? [this.hideWarning] : [])];
    const editable = !this.hiddenControls.has('layers');
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
            ${this.hiddenControls.has('code') ? nothing : html`<axon-code-panel .code=${pytorchCode(s, Math.max(trainCount, 1))}></axon-code-panel>`}
          </div>
          ${this.renderNetwork()}
        </div>
        ${this.renderOutput()}
        <div class="side">
          <p role="status">${this.renderStatus()}</p>
          ${divergenceWarning(this.training.divergence)}
          ${this.hiddenControls.has('loss') ? nothing : this.renderLossPlot()}
          ${s.problem === 'regression' && !this.hiddenControls.has('pred-vs-true') ? this.renderPredVsTrue() : nothing}
          <p class="settings">${describeTraining(s, trainCount, testCount)}</p>
        </div>
      </div>
    `;
  }
}

/** "10⁻³" for −3: a decade's label. */
function decadeLabel(exponent: number): string {
  const digits: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return `10${String(exponent)
    .split('')
    .map((c) => digits[c] ?? c)
    .join('')}`;
}

/** A short axis label: 2 significant digits, a true minus sign. */
function shortNumber(value: number): string {
  return String(Number(value.toPrecision(2))).replace('-', '−');
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
