/**
 * The regression widgets on a real table (slides/data/cars.csv): their closed forms checked against an
 * independent least-squares fit with an intercept, solved here by Gaussian elimination on the raw columns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curvature, descentPath, optimum, tableHouses, tableTrainRows, verdict, pytorchCode, SCALING_DEFAULTS } from '../../feature-scaling/feature-scaling.model.ts';
import { problemFromTable, pytorchData } from '../regression/regression-problem.ts';
import { numericColumn, parseCsv } from './csv.ts';
import { checkDataAttributes } from './check-data.ts';
import { shortTicks } from '../../feature-scaling/feature-scaling.views.ts';

const table = parseCsv(readFileSync('slides/data/cars.csv', 'utf8'), 'slides/data/cars.csv');
const horsepower = numericColumn(table, 'horsepower');
const weight = numericColumn(table, 'weight');
const mpg = numericColumn(table, 'mpg');
const cars = { inputs: horsepower.map((h, i) => [h, weight[i]!]), targets: mpg.map((y) => [y]), inputNames: ['horsepower', 'weight'], targetNames: ['mpg'], file: 'data/cars.csv' };

/** Solves A x = b by Gaussian elimination with partial pivoting (A small and square). */
function solve(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  const n = b.length;
  for (let c = 0; c < n; c++) {
    const pivot = m.slice(c).reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? c + k : best), c);
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (m[r]![n]! - m[r]!.slice(r + 1, n).reduce((s, v, k) => s + v * x[r + 1 + k]!, 0)) / m[r]![r]!;
  return x;
}

/** Ordinary least squares of y on [1, x1, x2]: [intercept, b1, b2]. */
function leastSquares(rows: number[][], y: number[]): number[] {
  const design = rows.map(([x1, x2]) => [1, x1!, x2!]);
  const xtx = [0, 1, 2].map((i) => [0, 1, 2].map((j) => design.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  const xty = [0, 1, 2].map((i) => design.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  return solve(xtx, xty);
}

describe('feature-scaling on cars.csv (horsepower, weight → mpg)', () => {
  const houses = tableHouses(cars, 1);

  it('splits every row 75 / 25 with the seed, and the notebook names the same training rows', () => {
    expect(houses.train.inputs).toHaveLength(294);
    expect(houses.test.inputs).toHaveLength(98);
    const rows = tableTrainRows(392, 1);
    expect(rows.map((i) => cars.inputs[i])).toEqual(houses.train.inputs);
    expect(tableHouses(cars, 2).train.inputs).not.toEqual(houses.train.inputs);
    const code = pytorchCode({ ...SCALING_DEFAULTS, data: 'data/cars.csv', features: 'horsepower,weight', target: 'mpg' }, 392);
    expect(code).toContain('table = pd.read_csv("data/cars.csv")');
    expect(code).toContain('table[["horsepower","weight"]]');
    expect(code).toContain(`train_rows = [${rows.slice(0, 20).join(', ')},`);
  });

  it('finds the least-squares weights of an independent fit, in both panels', () => {
    const [, b1, b2] = leastSquares(houses.train.inputs, houses.train.targets.map(([y]) => y!));
    const raw = optimum(houses.raw.train, houses.raw.trainTargets);
    expect(raw[0]).toBeCloseTo(b1!, 8);
    expect(raw[1]).toBeCloseTo(b2!, 10);
    const standardised = optimum(houses.standardised.train, houses.standardised.trainTargets);
    expect(standardised[0]).toBeCloseTo(b1! * houses.featureDeviation[0], 6);
    expect(standardised[1]).toBeCloseTo(b2! * houses.featureDeviation[1], 6);
  });

  it('tells the lecture’s story on real data: raw κ in the thousands, NaN at η = 0.25, a crawl at the raw limit; standardised converges', () => {
    const raw = curvature(houses.raw.train);
    const standardised = curvature(houses.standardised.train);
    expect(raw.condition).toBeGreaterThan(1000);
    expect(standardised.condition).toBeLessThan(20);
    expect(verdict(raw, 0.25, 40)).toBe('diverges');
    expect(descentPath(houses.raw, 0.25, 40).at(-1)!.every((w) => !Number.isFinite(w) || Math.abs(w) > 1e100)).toBe(true);
    expect(verdict(raw, 0.9 * raw.stableRate, 40)).toBe('crawls');
    expect(verdict(standardised, 0.25, 40)).toBe('converges');
  });
});

describe('gd-trajectory and gd-modes on cars.csv', () => {
  it('fit the standardised columns: β̂ is the raw least-squares slope times each s.d.', () => {
    const problem = problemFromTable(cars);
    const [, b1, b2] = leastSquares(cars.inputs, mpg);
    const { inputDeviation, targetMean } = problem.table!;
    expect(problem.samples).toBe(392);
    expect(problem.estimate[0]).toBeCloseTo(b1! * inputDeviation[0], 6);
    expect(problem.estimate[1]).toBeCloseTo(b2! * inputDeviation[1], 6);
    expect(targetMean).toBeCloseTo(mpg.reduce((s, v) => s + v, 0) / 392, 10);
    expect(pytorchData({ samples: 50, noise: 10, seed: 1, coefficients: undefined, data: 'data/cars.csv', features: 'horsepower,weight', target: 'mpg' })).toContain(
      'table = pd.read_csv("data/cars.csv")',
    );
  });
});

describe('the build-time check on the shipped tables', () => {
  const attributes = (values: Record<string, string>) => (name: string) => values[name];
  it('accepts the decks’ uses and refuses a text column as a number', () => {
    expect(checkDataAttributes('feature-scaling', attributes({ data: 'data/cars.csv', features: 'horsepower,weight', y: 'mpg' }), { table })).toEqual([]);
    const problems = checkDataAttributes('gd-modes', attributes({ data: 'data/cars.csv', features: 'horsepower,origin', y: 'mpg' }), { table });
    expect(problems).toEqual([expect.objectContaining({ attribute: 'features', message: 'slides/data/cars.csv:2: column "origin" holds "USA", not a number — fix the cell or remove the row.' })]);
  });

  it('checks the classifiers’ columns and class names against the label column (penguins)', () => {
    const penguins = parseCsv(readFileSync('slides/data/penguins.csv', 'utf8'), 'slides/data/penguins.csv');
    const use = { data: 'data/penguins.csv', x1: 'bill_length_mm', x2: 'flipper_length_mm', label: 'species', positive: 'Gentoo' };
    expect(checkDataAttributes('nn-playground', attributes(use), { table: penguins })).toEqual([]);
    expect(checkDataAttributes('nn-playground', attributes({ ...use, y: 'body_mass_g' }), { table: penguins })).toEqual([
      expect.objectContaining({ attribute: 'y', message: '<nn-playground> with data= takes exactly one of `label` or `y`; both are given' }),
    ]);
    expect(checkDataAttributes('perceptron-boundary', attributes({ data: 'p.csv', features: 'bill_length_mm,body_mass_g', label: 'species', negative: 'Emperor' }), { table: penguins })).toEqual([
      expect.objectContaining({ attribute: 'negative', message: 'no row of slides/data/penguins.csv has species "Emperor"', hint: 'the classes there are "Adelie", "Chinstrap", "Gentoo"' }),
    ]);
    // Neither positive nor negative: the label column must hold exactly two classes.
    expect(checkDataAttributes('perceptron-boundary', attributes({ data: 'p.csv', features: 'bill_length_mm,body_mass_g', label: 'species' }), { table: penguins })).toEqual([
      expect.objectContaining({ attribute: 'label', message: 'label="species" has 3 classes ("Adelie", "Chinstrap", "Gentoo"); <perceptron-boundary> tells two apart' }),
    ]);
    expect(checkDataAttributes('nn-playground', attributes({ data: 'p.csv', x1: 'bill_length_mm', x2: 'body_mass_g', label: 'sex' }), { table: penguins })).toEqual([]);
    // nn-playground's own `features` (its input tiles) is not a column attribute: no `data` needed for it.
    expect(checkDataAttributes('nn-playground', attributes({ features: 'x1,x2,x1x2' }), undefined)).toEqual([]);
  });
});

describe('the raw map’s tick labels on a table', () => {
  it('write small weights in a power of ten named in the axis title, and leave short ones alone', () => {
    const ticks = [0, -0.002, -0.004, -0.006].map((value, i) => ({ value, label: String(value).replace('-', '−'), at: i }));
    expect(shortTicks(ticks)).toEqual({ ticks: ['0', '−2', '−4', '−6'].map((label, at) => ({ label, at })), factor: ' × 10⁻³' });
    const short = [0, 10, 20].map((value, at) => ({ value, label: String(value), at }));
    expect(shortTicks(short)).toEqual({ ticks: short, factor: '' });
  });
});
