/**
 * `axon export --drawings FILE`: the strokes a presenter exported from the deck's drawing toolbar, printed on
 * their slides. Without the flag nothing drawn is printed: the export's browser starts with empty storage,
 * and the print view reads strokes only from what is handed to it here.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DrawingsFormatError, parseDrawingsText, type DrawingsFile } from '../../client/drawing/format.ts';
import { storageKey } from '../../client/drawing/store.ts';
import { displayPath } from '../../vite/deck-files.ts';
import { CliError } from '../errors.ts';

/** Reads and checks the file before any browser starts; it must belong to one of the decks exported. */
export function readDrawingsOption(file: string | undefined, decks: readonly string[]): DrawingsFile | undefined {
  if (file === undefined) return undefined;
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new CliError(`--drawings ${shown}: cannot read it${code} — give the .json file the drawing toolbar's Export button saved`);
  }
  let drawings: DrawingsFile;
  try {
    drawings = parseDrawingsText(text, `--drawings ${shown}`);
  } catch (error) {
    if (error instanceof DrawingsFormatError) throw new CliError(error.message);
    throw error;
  }
  if (!decks.includes(drawings.deck)) {
    const exporting = decks.map((name) => `"${name}"`).join(', ');
    throw new CliError(`--drawings ${shown} holds drawings of the deck "${drawings.deck}", not of ${exporting} — export that deck, or the drawings of this one`);
  }
  return drawings;
}

/**
 * Hands the drawings to a deck page before its code runs: the print view reads `window.axonPrintDrawings`
 * (deck/client/drawing/print.ts); a deck shown on screen (PNG export) reads its storage, which is seeded.
 */
export async function handDrawings(page: Page, drawings: DrawingsFile | undefined, view: 'print' | 'screen'): Promise<void> {
  if (!drawings) return;
  if (view === 'print') {
    await page.addInitScript((given) => {
      window.axonPrintDrawings = given;
    }, drawings);
    return;
  }
  await page.addInitScript(({ key, text }) => localStorage.setItem(key, text), { key: storageKey(drawings.deck), text: JSON.stringify(drawings) });
}
