/**
 * The instructor's CSV as labelled points, for the classification widgets (`<perceptron-boundary>`,
 * `<nn-playground>`): numeric input columns, a class column turned into two classes (or a numeric target), and
 * the z-scores the widgets train on. Pure: the widgets fetch the file (widget-data.ts `loadTable`); no DOM, no fs.
 *
 * Which class is which (`positive` / `negative`, both optional):
 * - neither: the label column must hold exactly two classes; the first in file order is class 1 (+1);
 * - `positive` only: that class is 1, every other class 0 (one against the rest);
 * - `negative` only: that class is 0, every other class 1;
 * - both: only the rows of those two classes are used (Adelie against Gentoo, the Chinstraps left out).
 */
import { CsvError, categoryColumn, numericColumn, type CsvTable } from './csv.ts';

/** Which classes the two sides are. */
export interface ClassChoice {
  /** The class drawn as +1 (class 1). */
  positive?: string;
  /** The class drawn as −1 (class 0). */
  negative?: string;
}

/** The rows of a CSV a classifier learns from. */
export interface LabelledRows {
  /** The input columns, in order (x₁ first). */
  columns: string[];
  /** One row of raw column values per sample kept. */
  inputs: number[][];
  /** 1 for the positive class, 0 for the negative one. */
  labels: (0 | 1)[];
  /** The file line of each sample kept. */
  lines: number[];
  /** What class 1 is called: "Gentoo". */
  positive: string;
  /** What class 0 is called: "Adelie", or "not Gentoo" for one against the rest. */
  negative: string;
  /** Every class of the label column, in file order. */
  classes: string[];
}

/** The rows of a CSV a regression learns from. */
export interface TargetRows {
  columns: string[];
  inputs: number[][];
  targets: number[];
  lines: number[];
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/** The numeric columns as rows: rows[i] = [table[columns[0]][i], table[columns[1]][i], …]. Throws a CsvError. */
function inputRows(table: CsvTable, columns: readonly string[]): number[][] {
  const values = columns.map((column) => numericColumn(table, column));
  return table.rows.map((_, i) => values.map((column) => column[i]!));
}

/**
 * Reads `columns` (numeric) and `label` (classes) of `table` as two classes, as the header says (positive /
 * negative). Throws a CsvError saying what to write when the classes cannot be told apart.
 */
export function labelledRows(table: CsvTable, columns: readonly string[], label: string, choice: ClassChoice = {}): LabelledRows {
  const inputs = inputRows(table, columns);
  const names = categoryColumn(table, label);
  const classes = [...new Set(names)];
  const { positive, negative } = choice;
  for (const [attribute, value] of [['positive', positive], ['negative', negative]] as const) {
    if (value !== undefined && !classes.includes(value)) {
      throw new CsvError(`${table.source}: ${attribute}="${value}" is not a class of column "${label}" — its classes are ${quoted(classes)}.`);
    }
  }
  if (positive !== undefined && positive === negative) throw new CsvError(`${table.source}: positive and negative are both "${positive}" — name two different classes.`);
  if (classes.length < 2) throw new CsvError(`${table.source}: column "${label}" holds one class only (${quoted(classes)}) — a classifier needs two.`);
  if (positive === undefined && negative === undefined && classes.length > 2) {
    throw new CsvError(
      `${table.source}: label="${label}" has ${classes.length} classes (${classes.join(', ')}) — add positive="…" (that class against the rest), ` +
        'or positive="…" negative="…" (two classes; the other rows left out).',
    );
  }
  const one = positive ?? (negative === undefined ? classes[0]! : undefined);
  const zero = negative ?? (positive === undefined ? classes[1]! : undefined);
  const kept: LabelledRows = { columns: [...columns], inputs: [], labels: [], lines: [], positive: one ?? `not ${zero}`, negative: zero ?? `not ${one}`, classes };
  names.forEach((name, i) => {
    const isOne = one !== undefined ? name === one : name !== zero;
    const isZero = zero !== undefined ? name === zero : name !== one;
    if (!isOne && !isZero) return;
    kept.inputs.push(inputs[i]!);
    kept.labels.push(isOne ? 1 : 0);
    kept.lines.push(table.lines[i]!);
  });
  return kept;
}

/** Reads `columns` and the numeric target `y` of `table`. Throws a CsvError naming the file line of a bad cell. */
export function targetRows(table: CsvTable, columns: readonly string[], y: string): TargetRows {
  return { columns: [...columns], inputs: inputRows(table, columns), targets: numericColumn(table, y), lines: [...table.lines] };
}

/** Per-column statistics of the rows a widget standardises with: z = (x − mean) / deviation. */
export interface ColumnScale {
  mean: number[];
  /** Population standard deviation (divide by n); 1 for a constant column. */
  deviation: number[];
}

/** The mean and population standard deviation of each column of `rows` (fitted on these rows only). */
export function fitColumnScale(rows: readonly (readonly number[])[]): ColumnScale {
  const width = rows[0]?.length ?? 0;
  const mean: number[] = [];
  const deviation: number[] = [];
  for (let j = 0; j < width; j += 1) {
    const values = rows.map((row) => row[j]!);
    const m = values.reduce((sum, v) => sum + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
    mean.push(m);
    deviation.push(sd > 0 ? sd : 1);
  }
  return { mean, deviation };
}

/** `rows` standardised with `scale`. */
export function standardiseRows(rows: readonly (readonly number[])[], scale: ColumnScale): number[][] {
  return rows.map((row) => row.map((v, j) => (v - scale.mean[j]!) / scale.deviation[j]!));
}

/**
 * What a data widget says when its CSV cannot be used: the error with the file named as the deck wrote it
 * (`resolved`, the address it was fetched from, is replaced by `path`), prefixed `data="…": ` unless it starts with it (`data/cars.csv:12: …`).
 */
export function dataWarning(path: string, error: unknown, resolved?: string): string {
  let message = error instanceof Error ? error.message : String(error);
  if (resolved) message = message.replaceAll(resolved, path);
  return message.startsWith(path) ? message : `data="${path}": ${message}`;
}
