/**
 * The build-time check of a data widget's CSV: the file parses, every column its attributes name is there and
 * holds what the widget needs (numbers, or class labels), and there are enough rows. Pure: the caller reads the
 * file (deck/vite/data-files.ts) and says where the attributes are written; each problem names the attribute it
 * concerns and, for a bad cell, the CSV's own `file:line`.
 */
import { categoryColumn, CsvError, numericColumn, type CsvTable } from './csv.ts';
import { classAttributes, columnNames, dataWidgets, type ColumnAttribute } from './data-attributes.ts';

/** One problem with a data widget's attributes or file. */
export interface DataProblem {
  /** The attribute the problem concerns (`data`, `features`, …): the diagnostic points at it. */
  attribute: string;
  /** What is wrong, one sentence. */
  message: string;
  /** What to do, one sentence. */
  hint: string;
}

/** The file as the check found it: its parsed table, or the CsvError that stopped the parse. */
export type DataFile = { table: CsvTable } | { error: CsvError };

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/**
 * Checks one use of a data widget. `attribute(name)` is the attribute's value as written (undefined when absent);
 * `file` is the CSV its `data` attribute names, or undefined when that file could not be read (the caller reports
 * a missing file itself). Widgets that read no CSV, and uses without `data`, have nothing to check but stray
 * column attributes.
 */
export function checkDataAttributes(tag: string, attribute: (name: string) => string | undefined, file: DataFile | undefined): DataProblem[] {
  const spec = dataWidgets[tag];
  if (!spec) return [];
  const data = attribute(spec.file);
  if (data === undefined) {
    return spec.columns
      .filter((column) => attribute(column.attribute) !== undefined)
      .map((column) => ({
        attribute: column.attribute,
        message: `\`${column.attribute}\` names a column, but <${tag}> has no \`data\` file`,
        hint: 'add data="path/to.csv" (relative to the deck), or delete the attribute',
      }));
  }
  if (!file) return [];
  if ('error' in file) return [{ attribute: spec.file, message: file.error.message, hint: 'fix the file; Axon reads a CSV with a header row' }];
  const { table } = file;
  const problems: DataProblem[] = [];
  for (const group of spec.oneOf ?? []) {
    const given = group.filter((name) => attribute(name) !== undefined);
    if (given.length !== 1) {
      problems.push({
        attribute: given[1] ?? spec.file,
        message: `<${tag}> with data= takes exactly one of ${group.map((name) => `\`${name}\``).join(' or ')}; ${given.length === 0 ? 'none is' : 'both are'} given`,
        hint: `${group.map((name) => `\`${name}\``).join(' for one column, or ')} — pick one`,
      });
    }
  }
  for (const column of spec.columns) problems.push(...checkColumn(tag, column, attribute(column.attribute), table));
  for (const named of classAttributes[tag] ?? []) problems.push(...checkClass(named, attribute(named.column), attribute(named.attribute), table));
  const named = classAttributes[tag] ?? [];
  if (named.length > 0 && named.every((n) => attribute(n.attribute) === undefined)) problems.push(...checkTwoClasses(tag, attribute(named[0]!.column), table));
  if (table.rows.length < spec.minRows) {
    problems.push({
      attribute: spec.file,
      message: `${table.source} has ${table.rows.length} data row${table.rows.length === 1 ? '' : 's'}; <${tag}> needs at least ${spec.minRows}`,
      hint: 'add rows to the file (the header row does not count)',
    });
  }
  return problems;
}

/** One column attribute: given when required, naming the right number of columns, each present and well-typed. */
function checkColumn(tag: string, column: ColumnAttribute, value: string | undefined, table: CsvTable): DataProblem[] {
  const what = column.kind === 'numeric' ? 'numeric' : 'class-label';
  const count = column.count === 1 ? `a ${what} column` : `${column.count} ${what} columns`;
  if (value === undefined) {
    if (column.optional) return [];
    return [{ attribute: 'data', message: `<${tag}> with data= needs \`${column.attribute}\`: ${count} of ${table.source}`, hint: `add ${column.attribute}="…"; the header has ${quoted(table.header)}` }];
  }
  const names = columnNames(value);
  if (names.length !== column.count) {
    return [{ attribute: column.attribute, message: `\`${column.attribute}\` names ${names.length} column${names.length === 1 ? '' : 's'}; <${tag}> needs ${count}`, hint: column.count === 1 ? `write one column name, e.g. ${column.attribute}="${table.header[0] ?? 'x'}"` : `write ${column.count} names separated by commas, e.g. ${column.attribute}="${table.header.slice(0, column.count).join(',')}"` }];
  }
  const problems: DataProblem[] = [];
  for (const name of names) {
    if (!table.header.includes(name)) {
      problems.push({ attribute: column.attribute, message: `${table.source} has no column "${name}"`, hint: `the header has ${quoted(table.header)}` });
      continue;
    }
    try {
      if (column.kind === 'numeric') numericColumn(table, name);
      else categoryColumn(table, name);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      problems.push({ attribute: column.attribute, message: error.message, hint: `\`${column.attribute}\` needs ${count}; fix the cell, or drop the row` });
    }
  }
  return problems;
}

/** A class name (`positive="Gentoo"`): it must be one of the label column's classes. */
function checkClass(named: { attribute: string; column: string }, column: string | undefined, wanted: string | undefined, table: CsvTable): DataProblem[] {
  if (column === undefined || wanted === undefined || !table.header.includes(column.trim())) return [];
  let classes: string[];
  try {
    classes = [...new Set(categoryColumn(table, column.trim()))];
  } catch {
    return []; // the empty cell is reported by checkColumn
  }
  if (classes.includes(wanted.trim())) return [];
  return [
    {
      attribute: named.attribute,
      message: `no row of ${table.source} has ${column.trim()} "${wanted.trim()}"`,
      hint: `the classes there are ${quoted(classes.slice(0, 8))}${classes.length > 8 ? ', …' : ''}`,
    },
  ];
}

/** With neither `positive` nor `negative`, the label column itself must hold exactly two classes. */
function checkTwoClasses(tag: string, column: string | undefined, table: CsvTable): DataProblem[] {
  if (column === undefined || !table.header.includes(column.trim())) return [];
  let classes: string[];
  try {
    classes = [...new Set(categoryColumn(table, column.trim()))];
  } catch {
    return []; // the empty cell is reported by checkColumn
  }
  if (classes.length === 2) return [];
  return [
    {
      attribute: 'label',
      message: `label="${column.trim()}" has ${classes.length} class${classes.length === 1 ? '' : 'es'} (${quoted(classes.slice(0, 8))}${classes.length > 8 ? ', …' : ''}); <${tag}> tells two apart`,
      hint: classes.length === 1 ? 'label a column that holds two classes' : 'add positive="…" (that class against the rest), or positive="…" negative="…" (those two classes, other rows left out)',
    },
  ];
}
