/**
 * Which widgets read the instructor's own CSV, and how: the attribute that names the file, the attributes
 * that name its columns, what each column must hold and how many rows the widget needs. The build reads
 * this table to check a deck's `data="…"` files before any student sees a slide (deck/vite/data-files.ts),
 * and the widgets read the same attribute names.
 *
 * Agreed shape (h3 ↔ h6, Dec 2026):
 * - every data widget takes `data="path/to.csv"` (relative to the deck; copied into the build);
 * - regression widgets (feature-scaling, gd-trajectory, gd-modes, ua-fitter) take numeric inputs and a numeric
 *   target `y`: feature-scaling, gd-trajectory and gd-modes two inputs (`features="horsepower,weight"`), ua-fitter
 *   one (`x="horsepower"`);
 * - nn-playground takes `x1` and `x2` (one numeric column each: x₁ across the plane, x₂ up — its `features`
 *   attribute already names the playground's input transforms, so it cannot name columns) and either `label`
 *   (a category column: classification) or `y` (a numeric column: regression) — exactly one of the two;
 * - perceptron-boundary takes `features` (two numeric columns) and `label` (a category column);
 * - both classifiers take `positive` and `negative`, optional class names checked against the label column:
 *   neither → the column must hold two classes, the first in file order +1; `positive` → that class against
 *   the rest; `negative` → the rest against that class; both → only rows of those two classes.
 *
 * Pure data: no DOM, no fs.
 */

/** What a column named by an attribute must hold. */
export type ColumnKind = 'numeric' | 'category';

/** One attribute that names a column (or, with `list`, several comma-separated columns). */
export interface ColumnAttribute {
  /** The attribute name on the widget, e.g. `features`. */
  attribute: string;
  /** What every cell of the column must be. */
  kind: ColumnKind;
  /** The number of columns the attribute must name: 1 for `x="horsepower"`, 2 for `features="a,b"`. */
  count: number;
  /** Whether the attribute may be left out (with `data=` given). */
  optional?: boolean;
}

/** How one widget reads a CSV file. */
export interface DataWidget {
  /** The attribute naming the file, relative to the deck. */
  file: 'data';
  /** The attributes naming columns. */
  columns: ColumnAttribute[];
  /** Groups of attributes of which exactly one must be given (nn-playground: `label` or `y`). */
  oneOf?: string[][];
  /** The fewest data rows the widget can use (after the header). */
  minRows: number;
  /** What the widget does with the rows, for the README and error messages. */
  summary: string;
}

/** The linear regressions' columns: two numeric inputs (`features="horsepower,weight"`) and a numeric `y`. */
const TWO_INPUTS_AND_Y: ColumnAttribute[] = [
  { attribute: 'features', kind: 'numeric', count: 2 },
  { attribute: 'y', kind: 'numeric', count: 1 },
];

/** The data widgets by tag. */
export const dataWidgets: Readonly<Record<string, DataWidget>> = {
  'feature-scaling': {
    file: 'data',
    columns: TWO_INPUTS_AND_Y,
    minRows: 8,
    summary: 'fits y from two raw inputs beside the same inputs standardised',
  },
  'gd-trajectory': {
    file: 'data',
    columns: TWO_INPUTS_AND_Y,
    minRows: 8,
    summary: 'fits y = w₁x₁ + w₂x₂ + b on the standardised inputs and draws the weights’ path',
  },
  'gd-modes': {
    file: 'data',
    columns: TWO_INPUTS_AND_Y,
    minRows: 8,
    summary: 'fits y = w₁x₁ + w₂x₂ + b on the standardised inputs by batch, stochastic and minibatch descent',
  },
  'ua-fitter': {
    file: 'data',
    columns: [
      { attribute: 'x', kind: 'numeric', count: 1 },
      { attribute: 'y', kind: 'numeric', count: 1 },
    ],
    minRows: 8,
    summary: 'fits y from x with one hidden layer, on a seeded train/test split',
  },
  'nn-playground': {
    file: 'data',
    columns: [
      { attribute: 'x1', kind: 'numeric', count: 1 },
      { attribute: 'x2', kind: 'numeric', count: 1 },
      { attribute: 'label', kind: 'category', count: 1, optional: true },
      { attribute: 'y', kind: 'numeric', count: 1, optional: true },
    ],
    oneOf: [['label', 'y']],
    minRows: 10,
    summary: 'classifies (label) or regresses (y) from two standardised inputs, on a seeded train/test split',
  },
  'perceptron-boundary': {
    file: 'data',
    columns: [
      { attribute: 'features', kind: 'numeric', count: 2 },
      { attribute: 'label', kind: 'category', count: 1 },
    ],
    minRows: 4,
    summary: 'separates the positive class from the rest with a line, on standardised inputs',
  },
};

/** The classifiers' `positive` and `negative`: each names a class of the `label` column. */
const CLASS_NAMES = [
  { attribute: 'positive', column: 'label' },
  { attribute: 'negative', column: 'label' },
] as const;

/** Attributes that are not columns but name a class of one: the classifiers' `positive` and `negative`. */
export const classAttributes: Readonly<Record<string, ReadonlyArray<{ attribute: string; column: string }>>> = {
  'nn-playground': CLASS_NAMES,
  'perceptron-boundary': CLASS_NAMES,
};

/** The column names an attribute value lists: `"area, rooms"` → ['area', 'rooms']. */
export function columnNames(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
