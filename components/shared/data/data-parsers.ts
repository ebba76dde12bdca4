/**
 * The parsers of a data widget's attributes (`data`, and the column attributes), for the widgets' settings tables.
 * No CSV code here: the settings tables load in Node with the CLI, and only the page reads the file.
 */
import { columnNames } from './data-attributes.ts';
import type { Parser } from '../runtime/parsers.ts';

/** True for a path a deck ships with: no scheme (`https:`, `data:`), not absolute, not protocol-relative. */
export function isDeckFile(path: string): boolean {
  const trimmed = path.trim();
  return trimmed !== '' && !/^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/|#)/.test(trimmed);
}

/** `data="data/cars.csv"`: a CSV file beside the deck (relative to the page); '' (the default) reads none. */
export function dataPath(): Parser<string> {
  return {
    read(written) {
      const path = written.trim();
      if (path === '') return null;
      // A `data:` URL is the file itself, inlined (a single-file build may write one): no request leaves the page.
      if (!isDeckFile(path) && !/^data:/i.test(path)) return { refusal: 'is not a file beside the deck (a deck loads no data from the network)' };
      return { value: path };
    },
    write: String,
    show: (value) => (value === '' ? '"" (the built-in data)' : `"${value}"`),
  };
}

/** Column names, as written: `features="horsepower, weight"`; '' when not given. */
export function columnList(): Parser<string> {
  return {
    read: (written) => (written.trim() === '' ? null : { value: columnNames(written).join(',') }),
    write: String,
    show: (value) => `"${value}"`,
  };
}

