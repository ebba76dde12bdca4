/**
 * What a data widget needs in the page: one fetch per file however many widgets read it, and the columns its
 * attributes name as numbers, with errors that name the widget and the attribute. The build checks the same file
 * first (check-data.ts), so these errors are for a deck that was not built with Axon, or a file edited since.
 */
import { CsvError, fetchCsv, numericColumn, type CsvTable } from './csv.ts';

const tables = new Map<string, Promise<CsvTable>>();

/** The table at `path` (resolved against the page), fetched once per page; a failed fetch is tried again next time. */
export function loadTable(path: string): Promise<CsvTable> {
  const url = new URL(path, document.baseURI).href;
  let table = tables.get(url);
  if (!table) {
    table = fetchCsv(url);
    tables.set(url, table);
    table.catch(() => tables.delete(url));
  }
  return table;
}

/** A widget's regression data from a table: inputs (one row per data row) and targets, with their column names. */
export interface TableData {
  inputs: number[][];
  targets: number[][];
  inputNames: string[];
  targetNames: string[];
  /** The file, as the widget's `data` attribute names it. */
  file: string;
}

/**
 * The numeric columns `inputs` (each a column name) and `target` of `table`, for `<tag>`. A missing column or a
 * bad cell throws an Error whose message starts with the widget and attribute (`<gd-modes> y="mpg": …`).
 */
export function regressionColumns(table: CsvTable, tag: string, file: string, inputs: { attribute: string; names: string[] }, target: { attribute: string; name: string }): TableData {
  const read = (attribute: string, value: string, name: string) => {
    try {
      return numericColumn(table, name);
    } catch (error) {
      if (error instanceof CsvError) throw new Error(`<${tag}> ${attribute}="${value}": ${error.message}`);
      throw error;
    }
  };
  const columns = inputs.names.map((name) => read(inputs.attribute, inputs.names.join(','), name));
  const targets = read(target.attribute, target.name, target.name);
  return {
    inputs: targets.map((_, row) => columns.map((column) => column[row]!)),
    targets: targets.map((y) => [y]),
    inputNames: inputs.names,
    targetNames: [target.name],
    file,
  };
}

/** A widget's message when its data cannot be read: the widget, the attribute and what to do. */
export function dataFailure(tag: string, file: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return reason.startsWith(`<${tag}>`) ? reason : `<${tag}> data="${file}": ${reason}`;
}
