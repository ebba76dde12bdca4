/**
 * `<nn-playground>` on a CSV: the attributes, the seeded split, the standardisation with the training rows'
 * statistics only (checked by hand against the raw cells), the plane's extent and names, the notebook's data
 * cell, and a network trained on the penguins as the widget trains it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainTestSplit } from '../../engine/data/index.ts';
import { Trainer } from '../../engine/trainer.ts';
import { parseCsv } from '../shared/data/csv.ts';
import { useCpuBackend } from '../shared/test-support.ts';
import { csvDomain, makeCsvData } from './nn-playground.csv.ts';
import { PLAYGROUND_DEFAULTS, accuracy, featureRows, parsePlaygroundAttributes, stepsPerEpoch, trainerSpec, trainingData, type PlaygroundSettings } from './nn-playground.model.ts';
import { viewGrid } from './nn-playground.picture.ts';
import { pytorchCode } from './nn-playground.pytorch.ts';
import { prepareRun } from './nn-playground.run.ts';

useCpuBackend();

const read = (name: string) => parseCsv(readFileSync(new URL(`../../slides/data/${name}`, import.meta.url), 'utf8'), name);
const PENGUINS = read('penguins.csv');
const CARS = read('cars.csv');

const penguinSettings: PlaygroundSettings = {
  ...PLAYGROUND_DEFAULTS,
  data: 'data/penguins.csv',
  x1: 'bill_length_mm',
  x2: 'flipper_length_mm',
  label: 'species',
  positive: 'Gentoo',
  negative: 'Adelie',
};

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const sd = (values: number[]) => Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));

describe('the attributes', () => {
  it('label makes it classification, y regression (on a 2-D dataset); problem, dataset and noise do not apply', () => {
    const classes = parsePlaygroundAttributes({ data: 'data/penguins.csv', x1: 'bill_length_mm', x2: 'flipper_length_mm', label: 'species', problem: 'regression' });
    expect(classes.settings.problem).toBe('classification');
    expect(classes.warnings).toEqual([]);
    const cars = parsePlaygroundAttributes({ data: 'data/cars.csv', x1: 'horsepower', x2: 'weight', y: 'mpg', dataset: 'cubic' });
    expect(cars.settings.problem).toBe('regression');
    expect(cars.settings.dataset).toBe('plane');
  });

  it('what is missing or stray is named, and the generated dataset is used', () => {
    const missing = parsePlaygroundAttributes({ data: 'data/penguins.csv', x1: 'bill_length_mm' });
    expect(missing.warnings).toEqual(['data="data/penguins.csv" needs x2="column" and label="class column" (classification) or y="column" (regression) — using the generated dataset until then']);
    expect(missing.settings.dataset).toBe('circle');
    expect(parsePlaygroundAttributes({ label: 'species' }).warnings).toEqual(['label is read from a CSV, but there is no data="file.csv" — ignored']);
  });
});

describe('the data', () => {
  it('splits with the seed as the generated datasets do, then standardises with the training rows only', () => {
    const { data, info } = makeCsvData(PENGUINS, penguinSettings);
    expect(info.rows).toBe(265);
    expect(data.train.inputs.length).toBe(132);
    expect(data.test.inputs.length).toBe(133);
    // The training inputs: mean 0 and sd 1 per column.
    for (const j of [0, 1]) {
      const column = data.train.inputs.map((row) => row[j]!);
      expect(mean(column)).toBeCloseTo(0, 12);
      expect(sd(column)).toBeCloseTo(1, 12);
    }
    // The same shuffle as the engine's split of the raw rows; each row standardised with the raw training columns.
    const raw = PENGUINS.rows.filter((row) => row[0] === 'Adelie' || row[0] === 'Gentoo');
    const rawSplit = trainTestSplit(
      { inputs: raw.map((row) => [Number(row[2]), Number(row[4])]), targets: raw.map((row) => [row[0] === 'Gentoo' ? 1 : 0]), inputNames: [], targetNames: [], kind: 'classification' },
      { trainFraction: 0.5, random: '1:split' },
    );
    const trainMean = [0, 1].map((j) => mean(rawSplit.train.inputs.map((row) => row[j]!)));
    const trainSd = [0, 1].map((j) => sd(rawSplit.train.inputs.map((row) => row[j]!)));
    rawSplit.test.inputs.forEach((row, i) => {
      expect(data.test.inputs[i]![0]).toBeCloseTo((row[0]! - trainMean[0]!) / trainSd[0]!, 10);
      expect(data.test.inputs[i]![1]).toBeCloseTo((row[1]! - trainMean[1]!) / trainSd[1]!, 10);
    });
    expect(data.test.targets).toEqual(rawSplit.test.targets);
    expect(info.classes).toEqual({ positive: 'Gentoo', negative: 'Adelie', both: true });
  });

  it('a regression target is standardised too; another seed, another split', () => {
    const settings = { ...PLAYGROUND_DEFAULTS, data: 'data/cars.csv', x1: 'horsepower', x2: 'weight', y: 'mpg' };
    const { data } = makeCsvData(CARS, settings);
    const targets = data.train.targets.map(([y]) => y!);
    expect(mean(targets)).toBeCloseTo(0, 10);
    expect(sd(targets)).toBeCloseTo(1, 10);
    expect(makeCsvData(CARS, { ...settings, seed: 2 }).data.train.inputs).not.toEqual(data.train.inputs);
  });

  it('a column that is not there names the columns there are; a bad cell its file line', () => {
    expect(() => makeCsvData(PENGUINS, { ...penguinSettings, x2: 'flipper' })).toThrow(/no column "flipper" — the header has "species", "island", "bill_length_mm"/);
    expect(() => makeCsvData(parseCsv('a,b,k\n1,2,u\n3,oops,v\n', 't.csv'), { ...penguinSettings, x1: 'a', x2: 'b', label: 'k', positive: '', negative: '' })).toThrow(/t\.csv:3: column "b" holds "oops"/);
  });

  it('the plane spans every z-score (at least −3…3), its grid too; the tiles x₁ and x₂ name the columns', () => {
    const run = prepareRun(penguinSettings, PENGUINS);
    const half = csvDomain(run.data);
    expect(run.half).toBe(half);
    const largest = Math.max(...run.data.dataset.inputs.flat().map(Math.abs));
    expect(half).toBeGreaterThanOrEqual(Math.max(3, largest));
    expect(half).toBeLessThan(Math.max(3, largest) + 1.05);
    const grid = viewGrid(penguinSettings.dataset, 4, half);
    expect(grid[0]).toEqual([-half + half / 4, half - half / 4]);
    expect(run.featureLabels.x1).toBe('x₁ bill_length_mm');
    expect(run.featureLabels.x2).toBe('x₂ flipper_length_mm');
    expect(run.featureLabels.x1sq).toBe('x₁²');
  });
});

describe('Show code', () => {
  it('reads the CSV by name with pandas, keeps the two classes, splits and standardises with the training rows', () => {
    const run = prepareRun({ ...penguinSettings, data: '../_data/penguins.csv' }, PENGUINS);
    const code = pytorchCode(penguinSettings, run.data.train.inputs.length, run.csv);
    expect(code).toContain('table = pd.read_csv("penguins.csv")');
    expect(code).toContain('table = table[table["species"].isin(["Gentoo", "Adelie"])]');
    expect(code).toContain('y = torch.tensor((table["species"] == "Gentoo").to_numpy(dtype="float32")).unsqueeze(1)');
    expect(code).toContain('X = (X - X.mean(0)) / X.std(0, unbiased=False)');
    expect(code).toContain('x1, x2 = X[:, 0], X[:, 1]');
    expect(code).toContain('x = torch.stack([x1, x2], dim=1)');
    expect(code).not.toContain('U = lambda');
  });
});

describe('training on the penguins, as the widget does', () => {
  it('a linear model (no hidden layer) tells Adelie from Gentoo by bill and flipper length: test accuracy ≥ 97 %', async () => {
    const settings = { ...penguinSettings, hiddenLayers: [], learningRate: 0.1 };
    const run = prepareRun(settings, PENGUINS);
    const trainCount = run.data.train.inputs.length;
    const trainer = new Trainer(trainerSpec(settings, trainCount), trainingData(run.data, run.features));
    try {
      trainer.step(settings.epochs * stepsPerEpoch(settings, trainCount));
      await trainer.readBack();
      const test = (await trainer.predict(featureRows(run.data.test.inputs, run.features))).map(([p]) => p!);
      // One of the 265 penguins is on the wrong side of every line (perceptron-boundary.data.test.ts): ≥ 129 of 133.
      expect(accuracy(test, run.data.test.targets)).toBeGreaterThanOrEqual(0.97);
    } finally {
      trainer.dispose();
    }
  });
});
