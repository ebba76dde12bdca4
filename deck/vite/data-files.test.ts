import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { widgetSettings } from '../../components/widget-settings.ts';
import { formatDiagnostic } from '../compile/index.ts';
import { findDecks, loadDeck } from './deck-files.ts';
import { rewriteExternalUrls } from './external.ts';

/** Builds a deck folder with `deck.md` and the given files, loads the deck, and returns its diagnostics as text. */
function diagnostics(markdown: string, files: Record<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'axon-data-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'deck.md'), markdown);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const [entry] = findDecks(join(root, 'deck.md')).decks;
  return loadDeck(entry!, Object.keys(widgetSettings)).diagnostics.map((d) => formatDiagnostic({ ...d, file: 'deck.md' }));
}

const deck = (widget: string) => `---\ntitle: T\n---\n\n## Fit\n\nSome text.\n\n${widget}\n`;
const good = 'name,hp,weight,mpg\na,130,3504,18\nb,165,3693,15\nc,150,3436,18\nd,150,3433,16\ne,140,3449,17\nf,198,4341,15\ng,220,4354,14\nh,215,4312,14\n';

describe('a data widget’s CSV, checked when the deck is built', () => {
  it('accepts a good file and its columns', () => {
    expect(diagnostics(deck('<feature-scaling data="data/cars.csv" features="hp,weight" y="mpg"></feature-scaling>'), { 'data/cars.csv': good })).toEqual([]);
  });

  it("names a bad cell by the CSV's own file:line, at the deck line of the attribute", () => {
    const bad = good.replace('c,150,3436,18', 'c,150,3436,?');
    const found = diagnostics(deck('<feature-scaling data="data/cars.csv"\n  features="hp,weight"\n  y="mpg"></feature-scaling>'), { 'data/cars.csv': bad });
    expect(found).toHaveLength(1);
    // deck.md line 11 holds y="mpg"; the bad cell is on line 4 of the CSV.
    expect(found[0]).toMatch(/^deck\.md:11: widget data error: .*data\/cars\.csv:4: column "mpg" holds "\?", not a number/);
  });

  it('names a missing column, a wrong count of columns, a missing attribute and too few rows', () => {
    const found = diagnostics(deck('<feature-scaling data="data/cars.csv" features="hp,wieght" y="mpg"></feature-scaling>\n\n<gd-modes data="data/short.csv" features="hp"></gd-modes>'), {
      'data/cars.csv': good,
      'data/short.csv': 'hp,mpg\n1,2\n',
    });
    expect(found).toEqual([
      expect.stringMatching(/^deck\.md:9: widget data error: .*data\/cars\.csv has no column "wieght" .*the header has "name", "hp", "weight", "mpg"/),
      expect.stringMatching(/^deck\.md:11: widget data error: `features` names 1 column; <gd-modes> needs 2 numeric columns/),
      expect.stringMatching(/^deck\.md:11: widget data error: <gd-modes> with data= needs `y`/),
      expect.stringMatching(/^deck\.md:11: widget data error: .*data\/short\.csv has 1 data row; <gd-modes> needs at least 8/),
    ]);
  });

  it('reports a missing file once, at the widget line, as for an image', () => {
    const found = diagnostics(deck('<gd-trajectory data="data/nope.csv" features="a,b" y="c"></gd-trajectory>'), {});
    expect(found).toEqual([expect.stringMatching(/^deck\.md:9: image error: data\/nope\.csv not found/)]);
  });

  it('refuses a network address and column attributes without a file', () => {
    const found = diagnostics(deck('<gd-trajectory data="https://example.com/x.csv"></gd-trajectory>\n\n<gd-modes features="hp"></gd-modes>'), {});
    expect(found).toEqual([
      expect.stringMatching(/^deck\.md:9: widget attribute warning: <gd-trajectory> data="https:\/\/example\.com\/x\.csv" is not a file beside the deck/),
      expect.stringMatching(/^deck\.md:11: widget data error: `features` names a column, but <gd-modes> has no `data` file/),
    ]);
  });

  it('publishes a file outside the deck folder under _external/, as it does images', () => {
    expect(rewriteExternalUrls('<gd-modes data="../shared/cars.csv" x="hp" y="mpg">', '/course/slides')).toBe(
      '<gd-modes data="_external/up-1/shared/cars.csv" x="hp" y="mpg">',
    );
  });
});
