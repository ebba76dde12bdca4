/**
 * What `<nn-playground>` fixes when a run starts, and the pictures it draws from the trainer's read-backs: the
 * data and the feature rows of every point the views need (one predictMany per picture), the features'
 * thumbnails, the colour scale; then, per read-back, the losses, the accuracy and every neuron's thumbnail.
 * Plain functions: the element (nn-playground.ts) owns the trainer and when to draw.
 */
import type { LayerWeights } from '../../engine/mlp.ts';
import type { CsvTable } from '../shared/data/csv.ts';
import { csvDomain, csvFeatureLabels, makeCsvData, usesCsv, type CsvInfo } from './nn-playground.csv.ts';
import { shadesToPng } from '../shared/views/heatmap.ts';
import {
  FEATURES,
  FEATURE_FUNCTIONS,
  FEATURE_LABELS,
  X2_FEATURES,
  accuracy,
  activeFeatures,
  dataLoss,
  featureRows,
  isOneDimensional,
  makeData,
  type Feature,
  type PlaygroundData,
  type PlaygroundSettings,
} from './nn-playground.model.ts';
import { forwardAll, normalisedShades, outputShade, targetScale, viewGrid } from './nn-playground.picture.ts';
import { validationSplit, type ValidationSplit } from './nn-playground.training.ts';
import { NET, thumbPath } from './network-diagram.ts';
import { CURVE_POINTS } from './output-view.ts';

/** Cells per side of the output heatmap. */
const HEATMAP_CELLS = 48;
/** Cells per side of a neuron's thumbnail (2-D). */
const THUMB_CELLS = 20;
/** Points on a neuron's little curve (1-D). */
const THUMB_POINTS = 40;

/** Everything fixed for one run: data, feature rows, the grids. */
export interface RunData {
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
  /** The train and test points' feature rows, train first (the hidden-space view's points). */
  pointRows: number[][];
  /** With early stopping: the training samples the trainer trains on and those it holds out for validation. */
  split: ValidationSplit | undefined;
  /** The plane's half-width on a CSV (its z-scores); undefined for the generated datasets (domainOf). */
  half: number | undefined;
  /** The CSV the data came from, if any. */
  csv: CsvInfo | undefined;
  /** What the feature tiles say: on a CSV, x₁ and x₂ name their columns. */
  featureLabels: Record<Feature, string>;
}

/** One drawn state of the network: what the views and the status show. */
export interface Picture {
  epoch: number;
  /** The loss on the samples trained on (with early stopping, the validation samples are not among them). */
  trainLoss: number;
  /** With early stopping: the loss on the held-out validation samples (NaN without). */
  validationLoss: number;
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

/** A thumbnail of values over the thumbnail grid: a PNG of their shades (2-D) or their curve's path (1-D). */
function thumbnail(values: ArrayLike<number>, oneD: boolean): string {
  return oneD ? thumbPath(values, NET.node) : shadesToPng(normalisedShades(values), THUMB_CELLS);
}

/**
 * The data, the feature rows of every point the views need, and the features' thumbnails. `table`: the CSV the
 * settings name, already read (nn-playground.csv.ts; throws a CsvError for a bad one).
 */
export function prepareRun(settings: PlaygroundSettings, table?: CsvTable): RunData {
  const fromCsv = table && usesCsv(settings) ? makeCsvData(table, settings) : undefined;
  const data = fromCsv?.data ?? makeData(settings);
  const half = fromCsv ? csvDomain(data) : undefined;
  const features = activeFeatures(settings);
  const oneD = isOneDimensional(settings.dataset);
  const viewPoints = viewGrid(settings.dataset, oneD ? CURVE_POINTS : HEATMAP_CELLS, half);
  const all = [...featureRows(viewPoints, features), ...featureRows(data.train.inputs, features), ...featureRows(data.test.inputs, features)];
  const rows = Float32Array.from(all.flat());
  const thumbPoints = viewGrid(settings.dataset, oneD ? THUMB_POINTS : THUMB_CELLS, half);
  const featureThumbs = new Map<Feature, string>();
  for (const feature of FEATURES) {
    if (oneD && X2_FEATURES.has(feature)) continue;
    featureThumbs.set(feature, thumbnail(thumbPoints.map((p) => FEATURE_FUNCTIONS[feature](p[0]!, p[1] ?? 0)), oneD));
  }
  let yRange: [number, number] = [-1, 1];
  if (oneD) {
    const ys = data.dataset.targets.map(([y]) => y!);
    const low = Math.min(...ys);
    const high = Math.max(...ys);
    const pad = 0.08 * (high - low || 1);
    yRange = [low - pad, high + pad];
  }
  const pointRows = all.slice(viewPoints.length);
  const split = settings.earlyStopping && data.train.inputs.length > 1 ? validationSplit(data.train.inputs.length, settings.validation, settings.seed) : undefined;
  const featureLabels = fromCsv ? csvFeatureLabels(fromCsv.info.columns) : FEATURE_LABELS;
  return { data, features, rows, viewCount: viewPoints.length, thumbRows: featureRows(thumbPoints, features), featureThumbs, scale: targetScale(data), yRange, pointRows, split, half, csv: fromCsv?.info, featureLabels };
}

/**
 * The picture of one read-back: `outputs` are the network's on the run's rows (view grid, train, test, back to
 * back), `weights` as the engine reads them. A diverged run's losses are NaN (the status says "diverged").
 */
export function pictureOf(run: RunData, settings: PlaygroundSettings, read: { epoch: number; outputs: Float32Array; weights: LayerWeights[]; diverged: boolean }): Picture {
  const { epoch, outputs, weights, diverged } = read;
  const trainCount = run.data.train.inputs.length;
  const view = outputs.slice(0, run.viewCount);
  const trainOutputs = outputs.slice(run.viewCount, run.viewCount + trainCount);
  const testOutputs = outputs.slice(run.viewCount + trainCount);
  const problem = settings.problem;
  const targets = run.data.train.targets;
  const lossOn = (rows: readonly number[]) => dataLoss(problem, rows.map((i) => trainOutputs[i]!), rows.map((i) => targets[i]!));
  const trainLoss = diverged ? Number.NaN : run.split ? lossOn(run.split.train) : dataLoss(problem, trainOutputs, targets);
  const validationLoss = diverged || !run.split ? Number.NaN : lossOn(run.split.validation);
  const testLoss = diverged ? Number.NaN : dataLoss(problem, testOutputs, run.data.test.targets);
  const oneD = isOneDimensional(settings.dataset);
  const units = forwardAll(weights, settings.activation, problem, run.thumbRows).slice(0, -1);
  const thumbnails = units.map((layer) => layer.map((values) => thumbnail(values, oneD)));
  return { epoch, trainLoss, validationLoss, testLoss, testAccuracy: accuracy(testOutputs, run.data.test.targets), view, trainOutputs, testOutputs, weights, thumbnails };
}

/**
 * Cells per side of the output heatmap on a printed handout (issue 17): 48 cells drawn 2 in wide on paper are
 * 4 mm blocks, so print draws four times as many from the picture's weights (a float64 forward pass, ~37k rows).
 */
export const PRINT_HEATMAP_CELLS = 192;

/**
 * The output heatmap PNG of a picture (2-D datasets), coloured by class or sign only when `discretize`:
 * the engine's outputs over the view grid, or, at another `cells` (print), the weights' over that finer grid.
 */
export function heatmapPng(
  picture: Picture,
  run: RunData,
  settings: Pick<PlaygroundSettings, 'problem' | 'discretize' | 'dataset' | 'activation'>,
  cells = HEATMAP_CELLS,
): string {
  const view =
    cells === HEATMAP_CELLS
      ? picture.view
      : forwardAll(picture.weights, settings.activation, settings.problem, featureRows(viewGrid(settings.dataset, cells, run.half), run.features)).at(-1)![0]!;
  const shades = Float64Array.from(view, (v) => outputShade(settings.problem, v, run.scale, settings.discretize));
  return shadesToPng(shades, cells);
}
