/**
 * `<ua-fitter>` on the instructor's own table (`data`, `x`, `y`): the CSV's two columns as the samples. Both are
 * standardised with the training split's mean and s.d. (a sigmoid unit sees x in a few units of 1, whatever the
 * column's scale), the rows split 75 / 25 with the seed, and each split sorted by x for drawing. Pure.
 */
import { trainTestSplit, type Dataset } from '../../engine/data/index.ts';
import { createRandom } from '../../engine/random.ts';
import { pythonRows } from '../shared/pytorch.ts';

/** Fraction of the rows the network trains on; the rest is the test split. */
export const TABLE_TRAIN_FRACTION = 0.75;

/** A table ready to fit: standardised train and test samples, and how to read them back in the file's units. */
export interface FitTable {
  /** The file and columns, as the attributes name them. */
  file: string;
  xName: string;
  yName: string;
  /** Rows of the file in each split, 0-based in file order (the notebook lists the training ones). */
  trainRows: number[];
  /** Standardised samples, sorted by x: the shape the trainer takes. */
  train: { inputs: number[][]; targets: number[][] };
  test: { inputs: number[][]; targets: number[][] };
  /** The x range the plot spans: every row's standardised x. */
  interval: [number, number];
  /** Training-split statistics: x' = (x − xMean) / xDeviation, y' likewise. */
  xMean: number;
  xDeviation: number;
  yMean: number;
  yDeviation: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const deviation = (values: readonly number[], m: number) => Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length) || 1;

/** Splits, standardises (training statistics) and sorts the columns `x` and `y` of a table. */
export function fitTable(columns: { file: string; xName: string; yName: string; x: readonly number[]; y: readonly number[] }, seed: number): FitTable {
  const rows = columns.x.length;
  const index: Dataset = { inputs: Array.from({ length: rows }, (_, i) => [i]), targets: Array.from({ length: rows }, () => [0]), inputNames: ['row'], targetNames: [''], kind: 'regression' };
  const split = trainTestSplit(index, { trainFraction: TABLE_TRAIN_FRACTION, random: createRandom(`ua-fitter:table:${seed}`) });
  const trainRows = split.train.inputs.map(([i]) => i!);
  const testRows = split.test.inputs.map(([i]) => i!);
  const xMean = mean(trainRows.map((i) => columns.x[i]!));
  const yMean = mean(trainRows.map((i) => columns.y[i]!));
  const xDeviation = deviation(trainRows.map((i) => columns.x[i]!), xMean);
  const yDeviation = deviation(trainRows.map((i) => columns.y[i]!), yMean);
  const samples = (indices: number[]) => {
    const sorted = [...indices].sort((a, b) => columns.x[a]! - columns.x[b]! || a - b);
    return { inputs: sorted.map((i) => [(columns.x[i]! - xMean) / xDeviation]), targets: sorted.map((i) => [(columns.y[i]! - yMean) / yDeviation]) };
  };
  const all = columns.x.map((x) => (x - xMean) / xDeviation);
  return {
    file: columns.file,
    xName: columns.xName,
    yName: columns.yName,
    trainRows,
    train: samples(trainRows),
    test: samples(testRows),
    interval: [Math.min(...all), Math.max(...all)],
    xMean,
    xDeviation,
    yMean,
    yDeviation,
  };
}

/** The notebook's data lines: pandas reads the file, the widget's training rows, standardised as it does. */
export function tablePytorchData(table: FitTable): string[] {
  return [
    'import pandas as pd',
    `# The widget's table, ${table.file} (put it beside this notebook, or give its path)`,
    `table = pd.read_csv(${JSON.stringify(table.file)})`,
    `# The rows the widget trains on (${TABLE_TRAIN_FRACTION * 100} %; 0-based, in file order); the rest are its test split`,
    `train_rows = ${pythonRows(table.trainRows, 20)}`,
    `x = torch.tensor(table[${JSON.stringify(table.xName)}].values[train_rows], dtype=torch.float64).unsqueeze(1)`,
    `y = torch.tensor(table[${JSON.stringify(table.yName)}].values[train_rows], dtype=torch.float64).unsqueeze(1)`,
    '# Standardised with the training rows’ mean and s.d., as the widget does',
    'x = ((x - x.mean()) / x.std(unbiased=False)).float()',
    'y = ((y - y.mean()) / y.std(unbiased=False)).float()',
  ];
}

/** `count` x's evenly spaced over `[low, high]`, both ends included (the drawn curve's grid). */
export function spanGrid([low, high]: [number, number], count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

/** The y range a plot of these samples shows, padded by a tenth. */
export function sampleRange(targets: readonly (readonly number[])[]): [number, number] {
  const ys = targets.map(([y]) => y!);
  const [low, high] = [Math.min(...ys), Math.max(...ys)];
  const pad = 0.1 * (high - low || 1);
  return [low - pad, high + pad];
}
