import { describe, expect, it } from 'vitest';
import { citationFiles } from './citations.ts';
import { compileDeck } from './index.ts';
import type { CompiledDeck } from './types.ts';

// Through Vite's `?raw`, so that the compiler's tests read no files themselves (as test-support.ts).
const fixtures = import.meta.glob<string>('./fixtures/quarto/text-*', { query: '?raw', import: 'default', eager: true });
const fixture = (name: string): string => fixtures[`./fixtures/quarto/${name}`] ?? '';
const bib = { 'refs.bib': fixture('text-refs.bib') };
const messages = (deck: CompiledDeck): string[] => deck.diagnostics.map((d) => `${d.line}: ${d.message}`);

const deckWith = (body: string, frontMatter = 'bibliography: refs.bib', files: Record<string, string> = bib): CompiledDeck =>
  compileDeck(`---\n${frontMatter}\n---\n\n${body}`, 'c.md', { files });

describe('citations', () => {
  it('formats [@key], locators, several keys and in-text @key (APA by default)', () => {
    const html = deckWith('## A\n\nOne [@hoerl1970, p. 56]. Two [see @hoerl1970; @tibshirani1996]. As @tibshirani1996 showed.\n').slides[0]!.html;
    expect(html).toContain('<span class="citation" data-cites="hoerl1970">(Hoerl &#38; Kennard, 1970, p. 56)</span>');
    expect(html).toContain('(see Hoerl &#38; Kennard, 1970; Tibshirani, 1996)');
    expect(html).toContain('As <span class="citation" data-cites="tibshirani1996">Tibshirani (1996)</span> showed');
  });

  it('[-@key] leaves the author out', () => {
    expect(deckWith('## A\n\nHoerl and Kennard [-@hoerl1970].\n').slides[0]!.html).toContain('(1970)</span>');
  });

  it('adds a References slide listing what was cited, in the style\'s order', () => {
    const deck = deckWith('## A\n\n[@tibshirani1996] and [@hoerl1970]\n');
    const last = deck.slides.at(-1)!;
    expect(last).toMatchObject({ title: 'References', h: 1, attrs: { id: 'references' } });
    expect(last.html.indexOf('ref-hoerl1970')).toBeLessThan(last.html.indexOf('ref-tibshirani1996'));
    expect(last.html).toContain('<i>Technometrics</i>');
  });

  it('fills a ::: {#refs} div instead, when the deck has one', () => {
    const deck = deckWith('## A\n\n[@hoerl1970]\n\n## Sources\n\n::: {#refs}\n:::\n');
    expect(deck.slides).toHaveLength(2);
    expect(deck.slides[1]!.html).toContain('<div id="ref-hoerl1970" class="csl-entry" role="listitem">Hoerl, A. E.');
  });

  it('reads CSL-JSON bibliographies too', () => {
    const deck = deckWith('## A\n\n[@goodfellow2016]\n', 'bibliography: refs.json', { 'refs.json': fixture('text-refs.json') });
    expect(deck.slides[0]!.html).toContain('(Goodfellow et al., 2016)');
    expect(deck.diagnostics).toEqual([]);
  });

  it('a csl: style wins over APA', () => {
    const numeric = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Numbers</title><id>numbers</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout></citation>
  <bibliography><layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography>
</style>`;
    const deck = deckWith('## A\n\n[@tibshirani1996] then [@hoerl1970]\n', 'bibliography: refs.bib\ncsl: numbers.csl', { ...bib, 'numbers.csl': numeric });
    expect(deck.slides[0]!.html).toMatch(/\[1\]<\/span> then .*\[2\]<\/span>/);
  });

  it('an unknown key is a warning at its line and shows as ?key', () => {
    const deck = deckWith('## A\n\nText\n[@nobody; @hoerl1970]\n');
    expect(messages(deck)).toEqual(['8: no bibliography entry `nobody`, so the citation shows as ?nobody']);
    expect(deck.slides[0]!.html).toContain('<strong>?nobody</strong>');
  });

  it('a bibliography the caller could not read is a warning at the bibliography: line', () => {
    const deck = deckWith('## A\n\nNothing cited.\n', 'title: T\nbibliography: missing.bib', {});
    expect(messages(deck)).toEqual(['3: the bibliography missing.bib was not found']);
  });

  it('leaves e-mail addresses, code, link text and cross-references alone', () => {
    const html = deckWith('## A\n\nMail ada@example.org, `[@hoerl1970]`, see @fig-loss and [@eq-ridge], [a link](https://x.org/@hoerl1970).\n').slides[0]!.html;
    expect(html).not.toContain('class="citation');
    expect(html).toContain('ada@example.org');
    expect(html).toContain('<code>[@hoerl1970]</code>');
  });

  it('without a bibliography, a bare @word stays text, but [@key] still warns', () => {
    const deck = compileDeck('## A\n\nFollow @axon on the web; see [@hoerl1970].\n', 'n.md');
    expect(deck.slides[0]!.html).toContain('Follow @axon on');
    expect(messages(deck)).toEqual(['3: no bibliography entry `hoerl1970`, so the citation shows as ?hoerl1970']);
  });

  it('names the files to read from the front matter, also under format: revealjs:', () => {
    expect(citationFiles({ bibliography: ['a.bib', 'b.json'], csl: 'x.csl' })).toEqual({ bibliography: ['a.bib', 'b.json'], csl: 'x.csl' });
    expect(citationFiles({ format: { revealjs: { bibliography: 'r.bib' } } })).toEqual({ bibliography: ['r.bib'] });
  });
});
