import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numericColumn, parseCsv } from '../shared/data/csv.ts';
import { pytorchTrainingLoop } from '../shared/pytorch.ts';
import { FIT_DEFAULTS, parseFitAttributes, pytorchSettings } from './ua-fitter.model.ts';
import { fitTable, sampleRange, spanGrid, tablePytorchData } from './ua-fitter.table.ts';

const cars = parseCsv(readFileSync('slides/data/cars.csv', 'utf8'), 'cars.csv');
const horsepower = numericColumn(cars, 'horsepower');
const mpg = numericColumn(cars, 'mpg');
const table = fitTable({ file: 'data/cars.csv', xName: 'horsepower', yName: 'mpg', x: horsepower, y: mpg }, 1);

describe('ua-fitter on a table (horsepower → mpg)', () => {
  it('reads data, x and y as attributes', () => {
    const { settings, warnings } = parseFitAttributes({ data: 'data/cars.csv', x: 'horsepower', y: 'mpg' });
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({ data: 'data/cars.csv', xColumn: 'horsepower', yColumn: 'mpg' });
    expect(parseFitAttributes({ data: 'https://example.com/a.csv' }).warnings).toEqual([expect.stringMatching(/^data="https:\/\/example\.com\/a\.csv" is not a file beside the deck/)]);
  });

  it('splits 75 / 25 with the seed, every row once, each split sorted by x', () => {
    expect(table.train.inputs).toHaveLength(294);
    expect(table.test.inputs).toHaveLength(98);
    expect(new Set(table.trainRows).size).toBe(294);
    const xs = table.train.inputs.map(([x]) => x!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(fitTable({ file: 'f', xName: 'a', yName: 'b', x: horsepower, y: mpg }, 2).trainRows).not.toEqual(table.trainRows);
  });

  it('standardises x and y with the training rows alone: mean 0 and s.d. 1 there, in the file’s units back', () => {
    const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const trainHp = table.trainRows.map((i) => horsepower[i]!);
    expect(table.xMean).toBeCloseTo(meanOf(trainHp), 10);
    const xs = table.train.inputs.map(([x]) => x!);
    const ys = table.train.targets.map(([y]) => y!);
    expect(meanOf(xs)).toBeCloseTo(0, 10);
    expect(meanOf(xs.map((x) => x * x))).toBeCloseTo(1, 10);
    expect(meanOf(ys.map((y) => y * y))).toBeCloseTo(1, 10);
    // The first training row (sorted) is the least horsepower among the training rows, as recorded in the file.
    expect(xs[0]! * table.xDeviation + table.xMean).toBeCloseTo(Math.min(...trainHp), 9);
    expect(table.interval[0] * table.xDeviation + table.xMean).toBeCloseTo(46, 9);
    expect(table.interval[1] * table.xDeviation + table.xMean).toBeCloseTo(230, 9);
  });

  it('draws over the data: a grid over its x span and a padded y range', () => {
    const grid = spanGrid(table.interval, 5);
    expect(grid[0]).toBeCloseTo(table.interval[0], 5);
    expect(grid[4]).toBeCloseTo(table.interval[1], 5);
    const [low, high] = sampleRange([[0], [10]]);
    expect([low, high]).toEqual([-1, 11]);
  });

  it('writes a notebook that reads the same file and trains on the same rows', () => {
    const code = pytorchTrainingLoop(pytorchSettings({ ...FIT_DEFAULTS, data: 'data/cars.csv', xColumn: 'horsepower', yColumn: 'mpg' }, tablePytorchData(table)));
    expect(code).toContain('table = pd.read_csv("data/cars.csv")');
    expect(code).toContain(`train_rows = [${table.trainRows.slice(0, 20).join(', ')},`);
    expect(code).toContain('x = torch.tensor(table["horsepower"].values[train_rows]');
    expect(code).toContain('nn.Linear(1, 3)');
  });
});
