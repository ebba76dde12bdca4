import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { citationFileTexts, loadDeck, type DeckEntry } from './deck-files.ts';

describe('the bibliography a deck names is read next to the deck and passed to the compiler', () => {
  const folder = mkdtempSync(join(tmpdir(), 'axon-cite-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const entry: DeckEntry = { name: 'talk', file: join(folder, 'talk.md'), displayFile: 'talk.md' };
  const deckText = '---\nbibliography: refs.bib\ncsl: missing.csl\n---\n\n## A\n\nAs [@knuth1984].\n';
  writeFileSync(entry.file, deckText);
  writeFileSync(join(folder, 'refs.bib'), '@book{knuth1984, author={Knuth, Donald E.}, title={The TeXbook}, publisher={Addison-Wesley}, year={1984}}\n');

  it('reads the files that exist, relative to the deck', () => {
    expect(Object.keys(citationFileTexts(entry, deckText))).toEqual(['refs.bib']);
  });

  it('cites from it, and names a missing file at its front-matter line', () => {
    const { deck, diagnostics } = loadDeck(entry, []);
    expect(deck.slides[0]!.html).toContain('(Knuth, 1984)');
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual(['talk.md:3: the citation style missing.csl was not found, so APA is used']);
  });
});
