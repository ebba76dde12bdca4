/**
 * `<perceptron-boundary>` on a CSV: which rows become +1 and −1, the z-scores, the errors that say what to
 * write, the notebook's data cell, and the lecture's penguins — the perceptron rule's run checked against the
 * same loop run in NumPy (numbers below), and the separable / not separable claims of the perceptron deck.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/data/csv.ts';
import { dataWarning } from '../shared/data/labelled.ts';
import { csvDataCode, csvPoints, fileName } from './perceptron-boundary.data.ts';
import { BOUNDARY_DEFAULTS, codeFor, evaluate, hasConverged, parseBoundaryAttributes, runPerceptron, startPerceptron, usesCsv } from './perceptron-boundary.model.ts';

const SMALL = parseCsv(['kind,a,b', 'cat,1,10', 'dog,3,30', 'cat,5,20', 'bird,7,40'].join('\n'), 'pets.csv');
const PENGUINS = parseCsv(readFileSync(new URL('../../slides/data/penguins.csv', import.meta.url), 'utf8'), 'penguins.csv');

const settings = (over: Partial<typeof BOUNDARY_DEFAULTS>) => ({ ...BOUNDARY_DEFAULTS, data: 'data/pets.csv', features: ['a', 'b'], label: 'kind', ...over });

describe('a CSV as ±1 points', () => {
  it('positive and negative keep those two classes only, standardised over the rows kept', () => {
    const { points, rows, scale } = csvPoints(SMALL, settings({ positive: 'dog', negative: 'cat' }));
    expect(rows.lines).toEqual([2, 3, 4]);
    expect(points.map((p) => p.y)).toEqual([-1, 1, -1]);
    // a = 1, 3, 5: mean 3, population sd √(8/3); b = 10, 30, 20: mean 20, sd √(200/3).
    expect(scale.mean).toEqual([3, 20]);
    expect(scale.deviation[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(points[0]!.x[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 12);
    expect(points[1]!.x[1]).toBeCloseTo(10 / Math.sqrt(200 / 3), 12);
  });

  it('positive alone is one class against the rest', () => {
    const { points, rows } = csvPoints(SMALL, settings({ positive: 'bird' }));
    expect(points.map((p) => p.y)).toEqual([-1, -1, -1, 1]);
    expect(rows.negative).toBe('not bird');
  });

  it('more than two classes and no positive: refused, saying what to write', () => {
    expect(() => csvPoints(SMALL, settings({}))).toThrow(/label="kind" has 3 classes \(cat, dog, bird\) — add positive="…"/);
  });

  it('a class that is not in the column, or a missing column, names the file and what is there', () => {
    expect(() => csvPoints(SMALL, settings({ positive: 'cow' }))).toThrow(/pets\.csv: positive="cow" is not a class of column "kind" — its classes are "cat", "dog", "bird"/);
    expect(() => csvPoints(SMALL, settings({ features: ['a', 'weight'], positive: 'dog' }))).toThrow(/no column "weight"/);
  });

  it('a non-numeric cell names its file line', () => {
    const bad = parseCsv('kind,a,b\ncat,1,2\ndog,x,3\n', 'bad.csv');
    expect(() => csvPoints(bad, settings({}))).toThrow(/bad\.csv:3: column "a" holds "x"/);
  });
});

describe('the warning a widget shows', () => {
  it('names the file as the deck wrote it, not the address it was fetched from', () => {
    const fetched = 'http://127.0.0.1:5000/course/data/pets.csv';
    expect(dataWarning('data/pets.csv', new Error(`${fetched}:1: no column "size"`), fetched)).toBe('data/pets.csv:1: no column "size"');
    expect(dataWarning('data/pets.csv', new Error('positive="cow" is not a class'))).toBe('data="data/pets.csv": positive="cow" is not a class');
  });
});

describe('the attributes', () => {
  it('data, features, label, positive and negative are read; the CSV is used only with its columns', () => {
    const { settings: read, warnings } = parseBoundaryAttributes({ data: 'data/penguins.csv', features: 'bill_length_mm, flipper_length_mm', label: 'species', positive: 'Gentoo' });
    expect(warnings).toEqual([]);
    expect(read.features).toEqual(['bill_length_mm', 'flipper_length_mm']);
    expect(usesCsv(read)).toBe(true);
    const missing = parseBoundaryAttributes({ data: 'data/penguins.csv', features: 'bill_length_mm' });
    expect(usesCsv(missing.settings)).toBe(false);
    expect(missing.warnings.join(' ')).toMatch(/features="bill_length_mm" needs 2 column names/);
    expect(missing.warnings.join(' ')).toMatch(/data="data\/penguins\.csv" needs features="column1,column2" and label="class column"/);
    expect(parseBoundaryAttributes({ label: 'species' }).warnings).toEqual(['label is read from a CSV, but there is no data="file.csv" — ignored']);
  });
});

describe('the penguins of the perceptron deck: Adelie (−1) against Gentoo (+1)', () => {
  const penguins = (features: string[]) => csvPoints(PENGUINS, settings({ data: 'data/penguins.csv', features, label: 'species', positive: 'Gentoo', negative: 'Adelie' }));

  it('bill length and flipper length: 265 penguins, no line separates them; the rule from w = (1, 1), b = −1 as NumPy runs it', () => {
    const { points } = penguins(['bill_length_mm', 'flipper_length_mm']);
    expect(points.length).toBe(265);
    expect(points.filter((p) => p.y === 1).length).toBe(119);
    const end = runPerceptron(startPerceptron([1, 1], -1), points, 0.1, 50);
    // NumPy, the same loop on the same z-scores: w = [0.24486324, 0.8312652], b = −0.2, 112 updates, 2 wrong.
    expect(hasConverged(end, points)).toBe(false);
    expect(end.updates).toBe(112);
    expect(end.w[0]).toBeCloseTo(0.24486324, 7);
    expect(end.w[1]).toBeCloseTo(0.8312652, 7);
    expect(end.b).toBeCloseTo(-0.2, 10);
    expect(evaluate(end.w, end.b, points).misclassified).toBe(2);
    // Still not converged after 2,000 passes: the rule only stops on separable data (a linear program finds the best line misses 1).
    expect(hasConverged(runPerceptron(startPerceptron([1, 1], -1), points, 0.1, 2000, 1_000_000), points)).toBe(false);
  });

  it('the one penguin no line gets right: without the Adélie of line 125 (44.1 mm bill, 210 mm flipper) the rule converges', () => {
    const { points, rows } = penguins(['bill_length_mm', 'flipper_length_mm']);
    const at = rows.lines.indexOf(125);
    expect(rows.inputs[at]).toEqual([44.1, 210]);
    expect(points[at]!.y).toBe(-1);
    const without = points.filter((_, i) => i !== at);
    expect(hasConverged(runPerceptron(startPerceptron([1, 1], -1), without, 0.1, 5000, 1_000_000), without)).toBe(true);
  });

  it('the slide’s exercise, bill length and bill depth: separable, converged after 14 updates (NumPy: 14)', () => {
    const { points } = penguins(['bill_length_mm', 'bill_depth_mm']);
    const end = runPerceptron(startPerceptron([1, 1], -1), points, 0.1, 50);
    expect(hasConverged(end, points)).toBe(true);
    expect(end.updates).toBe(14);
  });

  it('bill depth and flipper length: separable — the rule converges after 11 updates (NumPy: 11, w = [−0.53108253, 1.40402708], b = −0.5)', () => {
    const { points } = penguins(['bill_depth_mm', 'flipper_length_mm']);
    const end = runPerceptron(startPerceptron([1, 1], -1), points, 0.1, 50);
    expect(hasConverged(end, points)).toBe(true);
    expect(end.updates).toBe(11);
    expect(end.w[0]).toBeCloseTo(-0.53108253, 7);
    expect(end.w[1]).toBeCloseTo(1.40402708, 7);
    expect(evaluate(end.w, end.b, points).accuracy).toBe(1);
  });

  it('Show code reads the CSV by name with pandas, keeps the two classes, standardises as the widget does', () => {
    const csvSettings = settings({ data: '../_data/penguins.csv', features: ['bill_length_mm', 'flipper_length_mm'], label: 'species', positive: 'Gentoo', negative: 'Adelie' });
    const csv = csvPoints(PENGUINS, csvSettings);
    expect(fileName('../_data/penguins.csv')).toBe('penguins.csv');
    const code = codeFor(csvSettings, { w: [1, 1], b: -1 }, csvDataCode(csvSettings, csv));
    expect(code).toContain('import pandas as pd');
    expect(code).toContain('table = pd.read_csv("penguins.csv")');
    expect(code).toContain('table = table[table["species"].isin(["Gentoo", "Adelie"])]');
    expect(code).toContain('X = table[["bill_length_mm", "flipper_length_mm"]].to_numpy(dtype=float)');
    expect(code).toContain('y = np.where(table["species"] == "Gentoo", 1, -1)');
    expect(code).not.toContain('X = np.array(');
    const logistic = codeFor({ ...csvSettings, rule: 'logistic' }, { w: [1, 1], b: -1 }, csvDataCode(csvSettings, csv));
    expect(logistic).toContain('import pandas as pd');
    expect(logistic).toContain('pd.read_csv("penguins.csv")');
  });
});
