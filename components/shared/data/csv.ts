/**
 * The instructor's own data: a CSV file read into a table of strings, with the file line of every row
 * kept so that a bad cell can be reported as `cars.csv:12`. Parsing is Papa Parse's; this module only
 * adds line numbers, column look-ups and errors that say what to do.
 *
 * Pure apart from `fetchCsv` (which uses `fetch`): runs in Node for the build-time check and in the page.
 */
import Papa from 'papaparse';

/** A parsed CSV file: its header and its non-empty data rows, each with its 1-based line in the file. */
export interface CsvTable {
  /** Where the text came from (a file name or URL), used in every error message. */
  source: string;
  /** The column names of the header row, trimmed. */
  header: string[];
  /** The data rows, one string per header column (missing trailing cells are ''). */
  rows: string[][];
  /** lines[i]: the 1-based line of the file on which rows[i] starts. */
  lines: number[];
}

/** A problem with a CSV file or one of its cells; `line` is the 1-based file line where known. */
export class CsvError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Line number (1-based) at which each character offset starts: lineStarts[k] is the offset of line k+1. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line that holds character `offset`, by binary search over the line starts. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Parses CSV text whose first non-empty line is the header. Empty lines are skipped; quoted cells may
 * hold commas and line breaks. Throws a CsvError for an empty file, a duplicate or empty column name,
 * a row with more cells than the header, or an unterminated quote.
 */
export function parseCsv(text: string, source: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // NOTE - the byte-order mark is removed before parsing, so offsets below are into `body`.
  const starts = lineStarts(body);
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimiter: ',' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const line = quoteError.row !== undefined ? rowLine(body, starts, quoteError.row) : undefined;
    throw new CsvError(`${where(source, line)}: a quoted cell is never closed — add the closing ".`, line);
  }
  const records = parsed.data;
  if (records.length === 0) {
    throw new CsvError(`${source}: the file is empty — it needs a header row and data rows.`, 1);
  }
  const offsets = recordOffsets(body, records.length);
  const header = records[0]!.map((name) => name.trim());
  const headerLine = lineAt(starts, offsets[0] ?? 0);
  header.forEach((name, i) => {
    if (name === '') {
      throw new CsvError(`${source}:${headerLine}: column ${i + 1} of the header has no name — name it.`, headerLine);
    }
    if (header.indexOf(name) !== i) {
      throw new CsvError(`${source}:${headerLine}: the header names column "${name}" twice — rename one.`, headerLine);
    }
  });
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    const line = lineAt(starts, offsets[r] ?? 0);
    if (cells.length > header.length) {
      throw new CsvError(
        `${source}:${line}: this row has ${cells.length} cells but the header has ${header.length} columns — ` +
          'remove the extra cells or quote a cell that holds a comma.',
        line,
      );
    }
    rows.push(header.map((_, c) => cells[c] ?? ''));
    lines.push(line);
  }
  return { source, header, rows, lines };
}

/** `source:line`, or just `source` when the line is unknown. */
function where(source: string, line: number | undefined): string {
  return line === undefined ? source : `${source}:${line}`;
}

/** The 1-based line of record `row` (0-based, counting the header) — used for Papa Parse's errors. */
function rowLine(body: string, starts: number[], row: number): number {
  const offsets = recordOffsets(body, row + 1);
  return lineAt(starts, offsets[Math.min(row, offsets.length - 1)] ?? 0);
}

/**
 * Character offset at which each of the first `count` non-empty records starts. Papa Parse's step
 * callback reports a cursor (the offset after each record); we parse again in step mode to read it.
 */
function recordOffsets(body: string, count: number): number[] {
  const offsets: number[] = [];
  let previousEnd = 0;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      // The record starts at the first non-blank character after the previous record's end.
      let start = previousEnd;
      while (start < body.length && (body[start] === '\n' || body[start] === '\r' || body[start] === ' ' || body[start] === '\t')) {
        start++;
      }
      offsets.push(start);
      previousEnd = result.meta.cursor;
      if (offsets.length >= count) parser.abort();
    },
  });
  return offsets;
}

/** Fetches a CSV file in the page and parses it; errors name the URL. */
export async function fetchCsv(url: string): Promise<CsvTable> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new CsvError(`${url}: could not be fetched (${(error as Error).message}) — check the data= path.`);
  }
  if (!response.ok) {
    throw new CsvError(`${url}: the server answered ${response.status} — check the data= path.`);
  }
  return parseCsv(await response.text(), url);
}

/** The index of `column` in the header; throws naming the columns there are. */
function columnIndex(table: CsvTable, column: string): number {
  const index = table.header.indexOf(column.trim());
  if (index < 0) {
    throw new CsvError(
      `${table.source}:${table.lines.length > 0 ? headerLineOf(table) : 1}: no column "${column}" — ` +
        `the header has ${table.header.map((h) => `"${h}"`).join(', ')}.`,
      headerLineOf(table),
    );
  }
  return index;
}

/** The header's line: one before the first data row's, or 1 for a header-only file (a close estimate). */
function headerLineOf(table: CsvTable): number {
  return table.lines.length > 0 ? Math.max(1, table.lines[0]! - 1) : 1;
}

/** A numeric column: every cell must be a finite number (e.g. `3.5`, `-2e3`). */
export function numericColumn(table: CsvTable, column: string): number[] {
  const index = columnIndex(table, column);
  return table.rows.map((row, r) => {
    const cell = (row[index] ?? '').trim();
    const value = cell === '' ? NaN : Number(cell);
    if (!Number.isFinite(value)) {
      const line = table.lines[r];
      throw new CsvError(
        `${table.source}:${line}: column "${column}" holds ${cell === '' ? 'an empty cell' : `"${cell}"`}, ` +
          'not a number — fix the cell or remove the row.',
        line,
      );
    }
    return value;
  });
}

/** A category column (class labels): the trimmed cells; an empty cell is an error. */
export function categoryColumn(table: CsvTable, column: string): string[] {
  const index = columnIndex(table, column);
  return table.rows.map((row, r) => {
    const cell = (row[index] ?? '').trim();
    if (cell === '') {
      const line = table.lines[r];
      throw new CsvError(`${table.source}:${line}: column "${column}" has an empty cell — give every row a class.`, line);
    }
    return cell;
  });
}
