/**
 * `<nn-playground>` on the instructor's CSV: `data="penguins.csv" x1="bill_length_mm" x2="flipper_length_mm"`
 * with `label="species"` (classification; `positive` / `negative` pick the two classes, see
 * components/shared/data/labelled.ts) or `y="mpg"` (regression). Pure: the table comes in already read.
 *
 * The two columns become the playground's plane (x₁ across, x₂ up). Its own datasets live in −6…6 and its
 * learning rates and feature transforms (x₁², sin x₁) are tuned for inputs of a few units; a column of
 * flipper lengths (170…230 mm) would saturate every tanh unit. So the rows are split into train and test with
 * the seed (as the generated datasets are), then each column is standardised, z = (x − mean) / sd, with the
 * mean and population sd of the training rows only (nothing of the test set leaks into training); a
 * regression target is standardised the same way. The plane then spans the z-scores' range (at least −3…3),
 * and its axes and the feature tiles name the columns.
 */
import { trainTestSplit, type Dataset } from '../../engine/data/index.ts';
import type { CsvTable } from '../shared/data/csv.ts';
import { fitColumnScale, labelledRows, standardiseRows, targetRows, type ColumnScale } from '../shared/data/labelled.ts';
import { pythonNumber } from '../shared/pytorch.ts';
import { FEATURE_LABELS, type Feature, type PlaygroundData, type PlaygroundSettings } from './nn-playground.model.ts';
import { csvProblem, type CsvSettings } from './nn-playground.csv-settings.ts';
export { usesCsv } from './nn-playground.csv-settings.ts';

/** What a run on a CSV knows about its source, for the views and the code. */
export interface CsvInfo {
  /** The path as written in `data`. */
  path: string;
  /** The columns on x₁ and x₂. */
  columns: [string, string];
  /** The target column (label or y). */
  target: string;
  /** Classification: the names of class 1 and class 0. */
  classes?: { positive: string; negative: string; both: boolean };
  /** Rows used (train + test). */
  rows: number;
  /** The training rows' mean and sd of each column (and of y for regression: index 2). */
  scale: ColumnScale;
}

/**
 * A run's data from the table: the rows as (x₁, x₂) and a target (0/1 class, or y), shuffled and cut at
 * `trainRatio` with the seed, then standardised with the training rows' statistics. Throws a CsvError (file:line,
 * what to do) for a missing column, a bad cell, or classes that cannot be told apart.
 */
export function makeCsvData(table: CsvTable, settings: CsvSettings & Pick<PlaygroundSettings, 'trainRatio' | 'seed'>): { data: PlaygroundData; info: CsvInfo } {
  const columns: [string, string] = [settings.x1, settings.x2];
  const classification = csvProblem(settings) === 'classification';
  let raw: Dataset;
  let classes: CsvInfo['classes'];
  if (classification) {
    const rows = labelledRows(table, columns, settings.label, { positive: settings.positive || undefined, negative: settings.negative || undefined });
    raw = { inputs: rows.inputs, targets: rows.labels.map((label) => [label]), inputNames: [...columns], targetNames: [settings.label], kind: 'classification' };
    classes = { positive: rows.positive, negative: rows.negative, both: rows.classes.includes(rows.positive) && rows.classes.includes(rows.negative) };
  } else {
    const rows = targetRows(table, columns, settings.y);
    raw = { inputs: rows.inputs, targets: rows.targets.map((y) => [y]), inputNames: [...columns], targetNames: [settings.y], kind: 'regression' };
  }
  const split = trainTestSplit(raw, { trainFraction: settings.trainRatio, random: `${settings.seed}:split` });
  // The statistics of the training rows only; for regression the target is a third column.
  const scale = fitColumnScale(split.train.inputs.map((row, i) => (classification ? row : [...row, split.train.targets[i]![0]!])));
  const inputScale = { mean: scale.mean.slice(0, 2), deviation: scale.deviation.slice(0, 2) };
  const standardise = (part: Dataset): Dataset => ({
    ...part,
    inputs: standardiseRows(part.inputs, inputScale),
    targets: classification ? part.targets.map((row) => [...row]) : part.targets.map(([y]) => [(y! - scale.mean[2]!) / scale.deviation[2]!]),
  });
  const data = { dataset: standardise(raw), train: standardise(split.train), test: standardise(split.test) };
  return { data, info: { path: settings.data, columns, target: classification ? settings.label : settings.y, classes, rows: raw.inputs.length, scale } };
}

/** The plane's half-width for a CSV run: the largest |z| of any point, rounded up to a whole unit, at least 3. */
export function csvDomain(data: PlaygroundData): number {
  let largest = 0;
  for (const row of data.dataset.inputs) for (const z of row) largest = Math.max(largest, Math.abs(z));
  return Math.max(3, Math.ceil(largest + 0.05));
}

/** The feature tiles' names on a CSV: x₁ and x₂ say their columns; the transforms keep their short names. */
export function csvFeatureLabels(columns: readonly [string, string]): Record<Feature, string> {
  return { ...FEATURE_LABELS, x1: `x₁ ${columns[0]}`, x2: `x₂ ${columns[1]}` };
}

const py = (text: string) => JSON.stringify(text);

/** The file's name without its folders: the notebook reads it from beside itself. */
export function csvFileName(path: string): string {
  return path.split(/[\\/]/).pop()!.split('?')[0]!;
}

/**
 * The notebook's data cell on a CSV: pandas reads the file by name, the seeded split (torch's own permutation,
 * not the widget's), the training rows' standardisation, and x1, x2, y as the feature line expects them.
 */
export function pytorchCsvData(settings: Pick<PlaygroundSettings, 'trainRatio' | 'seed'>, info: CsvInfo): string[] {
  const file = csvFileName(info.path);
  const [c1, c2] = info.columns;
  const target = py(info.target);
  const lines = [
    `# The data: ${file} (put it beside this notebook); x1 = ${c1}, x2 = ${c2}, ${info.classes ? `class 1 = ${info.classes.positive}, class 0 = ${info.classes.negative}` : `y = ${info.target}`}`,
    'import pandas as pd',
    `table = pd.read_csv(${py(file)})`,
  ];
  if (info.classes?.both) lines.push(`table = table[table[${target}].isin([${py(info.classes.positive)}, ${py(info.classes.negative)}])]  # the two classes only`);
  const positiveIsClass = info.classes && !info.classes.positive.startsWith('not ');
  const yValues = !info.classes
    ? `table[${target}].to_numpy(dtype="float32")`
    : positiveIsClass
      ? `(table[${target}] == ${py(info.classes.positive)}).to_numpy(dtype="float32")`
      : `(table[${target}] != ${py(info.classes.negative)}).to_numpy(dtype="float32")`;
  lines.push(
    `X = torch.tensor(table[[${py(c1)}, ${py(c2)}]].to_numpy(dtype="float32"))`,
    `y = torch.tensor(${yValues}).unsqueeze(1)`,
    `torch.manual_seed(${settings.seed})`,
    `train = torch.randperm(len(table))[: int(len(table) * ${pythonNumber(settings.trainRatio)})]  # the training split (torch's shuffle, not the widget's)`,
    'X, y = X[train], y[train]',
    'X = (X - X.mean(0)) / X.std(0, unbiased=False)  # standardised with the training rows, as the widget does',
  );
  if (!info.classes) lines.push('y = (y - y.mean()) / y.std(unbiased=False)  # the target too');
  lines.push('x1, x2 = X[:, 0], X[:, 1]');
  return lines;
}
