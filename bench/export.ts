/**
 * The exporter's timing for `npm run bench`: `axon export` of the largest lecture (by slide count) to a
 * PDF in a temporary folder — build, print view, every widget settled, printing — timed end to end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { widgetTags } from '../components/registry.ts';
import { exportDecks } from '../deck/cli/export/index.ts';
import { compileDeck } from '../deck/compile/index.ts';

export interface ExportTiming {
  deck: string;
  seconds: number;
  pages: number;
  widgets: number;
  notConverged: number;
}

/** The deck of `folder` with the most slides. */
export function largestDeck(folder: string): string {
  const decks = readdirSync(folder)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => {
      const file = join(folder, name);
      return { file, slides: compileDeck(readFileSync(file, 'utf8'), file, { widgets: widgetTags }).slides.length };
    });
  decks.sort((a, b) => b.slides - a.slides);
  if (!decks[0]) throw new Error(`no decks in ${folder}`);
  return decks[0].file;
}

export async function timeExport(folder: string): Promise<ExportTiming> {
  const deck = largestDeck(folder);
  const out = mkdtempSync(join(tmpdir(), 'axon-bench-export-'));
  try {
    const started = performance.now();
    const [outcome] = await exportDecks({ path: deck, out: join(out, 'deck.pdf'), quiet: true });
    const seconds = (performance.now() - started) / 1000;
    return { deck, seconds, pages: outcome!.pages, widgets: outcome!.widgets.length, notConverged: outcome!.notConverged };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
