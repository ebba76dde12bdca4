/**
 * `<perceptron-boundary>` on the instructor's CSV (`data`, `features`, `label`, `positive`, `negative`): the
 * table's rows as labelled points of the plot, and the notebook lines that read the same rows.
 *
 * The plot spans −4…4 and the perceptron's w starts at (1, 1): raw columns (a bill of 45 mm, a flipper of
 * 200 mm) would sit far off it and make the rule crawl. So each column is standardised, z = (x − mean) / sd,
 * with the mean and population sd of the rows used (every row: the widget has no test set), and the plot's
 * axes are those z-scores, named by their columns.
 */
import { fitColumnScale, labelledRows, standardiseRows, type ColumnScale, type LabelledRows } from '../shared/data/labelled.ts';
import type { CsvTable } from '../shared/data/csv.ts';
import type { BoundarySettings, LabelledPoint } from './perceptron-boundary.model.ts';

/** The CSV as the widget shows it. */
export interface CsvPoints {
  /** The rows kept (raw values, classes, file lines). */
  rows: LabelledRows;
  /** The mean and sd each column was standardised with. */
  scale: ColumnScale;
  /** The standardised points, +1 for the positive class. */
  points: LabelledPoint[];
}

/** Reads the CSV the settings name into points. Throws a CsvError (file:line, what to do) for a bad table. */
export function csvPoints(table: CsvTable, settings: Pick<BoundarySettings, 'features' | 'label' | 'positive' | 'negative'>): CsvPoints {
  const rows = labelledRows(table, settings.features, settings.label, { positive: settings.positive || undefined, negative: settings.negative || undefined });
  const scale = fitColumnScale(rows.inputs);
  const z = standardiseRows(rows.inputs, scale);
  const points = z.map((x, i): LabelledPoint => ({ x: [x[0]!, x[1]!], y: rows.labels[i] === 1 ? 1 : -1 }));
  return { rows, scale, points };
}

/** The file's name without its folders: the notebook reads it from beside itself. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop()!.split('?')[0]!;
}

const py = (text: string) => JSON.stringify(text);

/** The notebook's data cell for a CSV: pandas reads it, keeps the two classes, standardises as the widget does. */
export function csvDataCode(settings: Pick<BoundarySettings, 'data' | 'features' | 'label'>, csv: CsvPoints): string[] {
  const { rows } = csv;
  const [x1, x2] = settings.features;
  const label = py(settings.label);
  const both = rows.classes.includes(rows.positive) && rows.classes.includes(rows.negative);
  const positiveIsClass = rows.classes.includes(rows.positive);
  const keep = both ? [`table = table[table[${label}].isin([${py(rows.positive)}, ${py(rows.negative)}])]  # the two classes only`] : [];
  const isPositive = positiveIsClass ? `table[${label}] == ${py(rows.positive)}` : `table[${label}] != ${py(rows.negative.replace(/^not /, ''))}`;
  return [
    `# The widget's data: ${fileName(settings.data)} (put it beside this notebook), ${rows.inputs.length} rows: ${rows.positive} +1, ${rows.negative} -1`,
    `table = pd.read_csv(${py(fileName(settings.data))})`,
    ...keep,
    `X = table[[${py(x1!)}, ${py(x2!)}]].to_numpy(dtype=float)`,
    'X = (X - X.mean(axis=0)) / X.std(axis=0)  # standardised, as the widget plots them (population sd)',
    `y = np.where(${isPositive}, 1, -1)`,
  ];
}
