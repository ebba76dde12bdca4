/**
 * The CSV files data widgets name (`<feature-scaling data="data/cars.csv" …>`), read when a deck is built so that
 * a missing column or a bad cell is a `deck.md:line` diagnostic (with the CSV's own line) in the terminal and the
 * dev panel, not a broken widget in front of the class. The compiler stays pure: it calls the check this module
 * builds, and this module reads the files. Copying the file into the site is the asset path's job (a `data=` value
 * is a deck asset, deck/compile/images.ts), which also reports a file that is not there.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkDataAttributes, type DataFile } from '../../components/shared/data/check-data.ts';
import { CsvError, parseCsv } from '../../components/shared/data/csv.ts';
import { dataWidgets } from '../../components/shared/data/data-attributes.ts';
import { isLocalAsset } from '../compile/images.ts';
import type { WidgetDataCheck } from '../compile/types.ts';
import { decodeAssetUrl, displayPath, type DeckEntry } from './deck-files.ts';

/** Reads and parses one CSV; undefined when it cannot be read (missingAssets reports that at the deck line). */
export function readDataFile(path: string): DataFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return { table: parseCsv(text, displayPath(path)) };
  } catch (error) {
    if (error instanceof CsvError) return { error };
    throw error;
  }
}

/** The check the compiler calls for each widget of `entry`; each file is read once per compile. */
export function widgetDataCheck(entry: DeckEntry): WidgetDataCheck {
  const files = new Map<string, DataFile | undefined>();
  const read = (path: string) => {
    if (!files.has(path)) files.set(path, readDataFile(path));
    return files.get(path);
  };
  return (tag, attribute) => {
    const spec = dataWidgets[tag];
    if (!spec) return [];
    const data = attribute(spec.file);
    if (data === undefined) return checkDataAttributes(tag, attribute, undefined);
    // A network address is refused by the widget's settings table (data-parsers.ts), as the slide refuses it.
    if (!isLocalAsset(data)) return checkDataAttributes(tag, attribute, undefined);
    const file = decodeAssetUrl(data);
    return checkDataAttributes(tag, attribute, file === undefined ? undefined : read(resolve(dirname(entry.file), file)));
  };
}
