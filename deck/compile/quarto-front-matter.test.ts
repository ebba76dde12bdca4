import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import type { CompiledDeck } from './types.ts';

const messages = (deck: CompiledDeck): string[] => deck.diagnostics.map((d) => `${d.line}: ${d.message}`);
const compile = (frontMatter: string, body = '## A\n\n::: footer\nOwn\n:::\n\n## B\n\nText\n'): CompiledDeck =>
  compileDeck(`---\n${frontMatter}\n---\n\n${body}`, 'f.md');

describe('Quarto front matter: footer, logo, authors, unknown keys', () => {
  it('footer: inline Markdown for every slide; logo: a deck asset at its line', () => {
    const deck = compile('footer: "Week 3 · *ridge*"\nlogo: images/logo.png');
    expect(deck.footer).toBe('Week 3 · <em>ridge</em>');
    expect(deck.logo).toBe('images/logo.png');
    expect(deck.slides[0]!.assets).toContainEqual({ url: 'images/logo.png', line: 3 });
    expect(deck.revealOptions).toEqual({});
  });

  it('each slide carries a print copy of footer and logo, except the footer of a slide with its own', () => {
    const deck = compile('footer: Deck foot\nlogo: logo.png');
    const [own, plain] = deck.slides;
    expect(plain!.html).toContain('<div class="axon-print-footer" aria-hidden="true"><p>Deck foot</p></div>');
    expect(own!.html).not.toContain('axon-print-footer');
    expect(own!.html).toContain('<img class="axon-print-logo" src="logo.png" alt="">');
  });

  it('reads footer and logo under format: revealjs: as well', () => {
    const deck = compile('format:\n  revealjs:\n    footer: Nested\n    logo:\n      light: l.png\n      dark: d.png');
    expect([deck.footer, deck.logo]).toEqual(['Nested', 'l.png']);
  });

  it('lists authors with affiliation, e-mail and ORCID on the title slide, as Quarto does', () => {
    const deck = compile(
      'title: T\nauthor:\n  - name: Ada Lovelace\n    affiliation: University of London\n    email: ada@example.org\n    orcid: 0000-0002-1825-0097\n  - name:\n      given: Alan\n      family: Turing\n    affiliations:\n      - name: Manchester\n      - Bletchley Park',
    );
    const title = deck.slides[0]!.html;
    expect(title).toContain('<div class="quarto-title-author-name">Ada Lovelace <a class="quarto-title-author-orcid" href="https://orcid.org/0000-0002-1825-0097"');
    expect(title).toContain('<a href="mailto:ada@example.org">ada@example.org</a>');
    expect(title).toContain('<p class="quarto-title-affiliation">University of London</p>');
    expect(title).toContain('<div class="quarto-title-author-name">Alan Turing</div>\n<p class="quarto-title-affiliation">Manchester</p>\n<p class="quarto-title-affiliation">Bletchley Park</p>');
    expect(deck.meta.author).toBe('Ada Lovelace, Alan Turing');
  });

  it('one warning per unknown key, at its line; reveal options and Quarto keys Axon ignores pass quietly', () => {
    const deck = compile('title: T\nslide-number: true\nexecute:\n  echo: false\njupyter: python3\ncolour-scheme: dark\ntoc: true\nformat:\n  revealjs:\n    transitoin: fade');
    expect(messages(deck)).toEqual([
      '7: `colour-scheme` is not a deck option Axon or reveal.js knows, so it has no effect',
      '8: Quarto\'s `toc` is not supported by Axon, so it has no effect',
      '9: `transitoin` is not a deck option Axon or reveal.js knows, so it has no effect',
    ]);
  });
});
