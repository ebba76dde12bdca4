/**
 * Writes the two real tables the lectures use, from the npm package vega-datasets (BSD-3-Clause; read offline
 * from node_modules): slides/data/cars.csv and slides/data/penguins.csv. Rows with a missing value are dropped
 * (the counts are printed, and stated in slides/data/README.md). Run: `npm run build:tables`.
 *
 * The output is deterministic (the package's row order, plain number formatting), so running it again changes
 * nothing unless the package does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

// NOTE - the package's `exports` hide its files from require.resolve, so they are read from node_modules directly.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DATA = join(ROOT, 'node_modules', 'vega-datasets', 'data');
const OUT = join(ROOT, 'slides', 'data');

type Row = Record<string, unknown>;

/** One table: the package's file, and each output column with the field it comes from. */
interface TableSpec {
  source: string;
  out: string;
  columns: Array<[name: string, read: (row: Row) => unknown]>;
}

const field = (name: string) => (row: Row) => row[name];

const TABLES: TableSpec[] = [
  {
    source: 'cars.json',
    out: 'cars.csv',
    columns: [
      ['name', field('Name')],
      ['mpg', field('Miles_per_Gallon')],
      ['cylinders', field('Cylinders')],
      ['displacement', field('Displacement')],
      ['horsepower', field('Horsepower')],
      ['weight', field('Weight_in_lbs')],
      ['acceleration', field('Acceleration')],
      // The package writes the model year as a date ("1970-01-01"); the year is what the table means.
      ['year', (row) => (typeof row.Year === 'string' ? Number(row.Year.slice(0, 4)) : null)],
      ['origin', field('Origin')],
    ],
  },
  {
    source: 'penguins.json',
    out: 'penguins.csv',
    columns: [
      ['species', field('Species')],
      ['island', field('Island')],
      ['bill_length_mm', field('Beak Length (mm)')],
      ['bill_depth_mm', field('Beak Depth (mm)')],
      ['flipper_length_mm', field('Flipper Length (mm)')],
      ['body_mass_g', field('Body Mass (g)')],
      ['sex', field('Sex')],
    ],
  },
];

/** A value is missing when it is null, empty, NaN, or the package's "." placeholder. */
function missing(value: unknown): boolean {
  return value === null || value === undefined || value === '' || value === '.' || (typeof value === 'number' && !Number.isFinite(value));
}

for (const table of TABLES) {
  const rows = JSON.parse(readFileSync(join(DATA, table.source), 'utf8')) as Row[];
  const kept = rows.map((row) => table.columns.map(([, read]) => read(row))).filter((cells) => !cells.some(missing));
  const csv = Papa.unparse({ fields: table.columns.map(([name]) => name), data: kept }, { newline: '\n' });
  writeFileSync(join(OUT, table.out), `${csv}\n`);
  console.log(`${table.out}: ${kept.length} of ${rows.length} rows (${rows.length - kept.length} dropped for a missing value)`);
}
