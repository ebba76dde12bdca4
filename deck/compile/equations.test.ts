import { describe, expect, it } from 'vitest';
import { crossrefType, findCitations, isCrossrefKey } from './crossref.ts';
import { compileDeck } from './index.ts';
import { slideTitled } from './test-support.ts';
import type { CompiledDeck } from './types.ts';

const fixtures = import.meta.glob<string>('./fixtures/quarto/math-*.md', { query: '?raw', import: 'default', eager: true });

function compileQuarto(name: string): CompiledDeck {
  const text = fixtures[`./fixtures/quarto/${name}.md`];
  if (text === undefined) throw new Error(`no fixture deck/compile/fixtures/quarto/${name}.md`);
  return compileDeck(text, `deck/compile/fixtures/quarto/${name}.md`);
}

/** The visible number KaTeX's `\tag` prints at the right of a display equation: "(1)". */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<span class="katex-tag">([\s\S]*?)<\/span><\/span><\/span><\/span>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ''),
  );
}

describe('numbered equations, Quarto style', () => {
  const deck = compileQuarto('math-equations');

  it('keeps every slide: the label after $$ no longer swallows the rest of the deck', () => {
    expect(deck.slides.map((slide) => slide.title)).toEqual(['Regularisation', 'Why shrink', 'Ridge', 'Lasso', 'Closing']);
    expect(deck.diagnostics).toEqual([]);
  });

  it('numbers labelled equations in deck order, at the right (KaTeX \\tag), with the label as the id', () => {
    const ridge = slideTitled(deck, 'Ridge').html;
    const lasso = slideTitled(deck, 'Lasso').html;
    expect(ridge).toContain('<div id="eq-ridge" class="axon-equation"><span class="katex-display">');
    expect(tagsOf(ridge)).toEqual(['(1)']);
    expect(lasso).toContain('<div id="eq-lasso" class="axon-equation">');
    expect(tagsOf(lasso)).toEqual(['(2)']);
    expect(ridge).not.toContain('{#eq-ridge}');
  });

  it('turns @eq-…, [@eq-…], -@eq-… and [Eq. @eq-…] into links to the slide, read before the label is', () => {
    const html = slideTitled(deck, 'Why shrink').html;
    expect(html).toContain('Ridge regression (<a href="#/eq-ridge" class="quarto-xref">Equation\u00a01</a>) adds');
    expect(html).toContain('<a href="#/eq-lasso" class="quarto-xref">Equation\u00a02</a> swaps');
    expect(html).toContain(
      'Compare <a href="#/eq-ridge" class="quarto-xref">Equation\u00a01</a>, <a href="#/eq-lasso" class="quarto-xref">Equation\u00a02</a>, or',
    );
    expect(html).toContain('or <a href="#/eq-ridge" class="quarto-xref">1</a> alone');
    expect(html).toContain('or <a href="#/eq-lasso" class="quarto-xref">Eq.\u00a02</a>.');
  });

  it('leaves e-mail addresses and prices alone', () => {
    expect(slideTitled(deck, 'Lasso').html).toContain('mail me at someone@eq-lasso.org.');
    expect(slideTitled(deck, 'Ridge').html).toContain('it costs $5 and $6.');
  });

  it('numbers the one-line form and accepts \\[…\\] {#eq-…}', () => {
    const one = compileDeck('$$a$$ {#eq-a}\n\n\\[b\\] {#eq-b}\n\nSee @eq-b.\n', 'x.md');
    expect(tagsOf(one.slides[0]!.html)).toEqual(['(1)', '(2)']);
    expect(one.slides[0]!.html).toContain('See <a href="#/eq-b" class="quarto-xref">Equation\u00a02</a>.');
  });

  it('prints ?@eq-x in bold for an unknown label, with a warning at its line and a "did you mean"', () => {
    const unknown = compileDeck('## A\n\n$$x$$ {#eq-ridge}\n\nFirst line,\nsee @eq-rigde.\n', 'x.md');
    expect(unknown.slides[0]!.html).toContain('see <strong class="axon-missing-ref">?@eq-rigde</strong>.');
    expect(unknown.diagnostics).toEqual([
      expect.objectContaining({ line: 6, severity: 'warning', message: '`@eq-rigde` refers to no equation in this deck (did you mean `@eq-ridge`?)' }),
    ]);
  });

  it('warns about a label used twice and about attributes that are not an equation label', () => {
    const twice = compileDeck('$$a$$ {#eq-a}\n\n$$b$$ {#eq-a}\n\n$$c$$ {.big}\n', 'x.md');
    expect(twice.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, '`#eq-a` labels a second equation (the first is at line 1); references go to the first'],
      [5, '`{.big}` after `$$` is not an equation label, so it is ignored'],
    ]);
    // The second keeps its number but not the id, which stays unique.
    expect(twice.slides[0]!.html.match(/id="eq-a"/g)).toHaveLength(1);
    expect(tagsOf(twice.slides[0]!.html)).toEqual(['(1)', '(2)']);
  });

  it('takes a label written on the line under the closing $$, with a warning (Quarto needs it on that line)', () => {
    const below = compileDeck('$$\nx\n$$\n{#eq-x}\n\nSee @eq-x.\n', 'x.md');
    expect(below.slides[0]!.html).toContain('<div id="eq-x" class="axon-equation">');
    expect(below.slides[0]!.html).toContain('See <a href="#/eq-x" class="quarto-xref">Equation\u00a01</a>.');
    expect(below.slides[0]!.html).not.toContain('<p id="eq-x">');
    expect(below.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [4, '`{#eq-x}` is on the line after the closing `$$`; Quarto reads a label only on the same line'],
    ]);
  });

  it('keeps text written after the closing $$ as a paragraph', () => {
    const after = compileDeck('$$a$$ where a is one.\n', 'x.md');
    expect(after.slides[0]!.html).toMatch(/<\/span>\n<p>where a is one.<\/p>/);
  });
});

describe('one bad formula isolated', () => {
  const deck = compileQuarto('math-broken');
  const file = 'deck/compile/fixtures/quarto/math-broken.md';

  it('keeps every slide and every paragraph after a broken formula', () => {
    expect(deck.slides.map((slide) => slide.title)).toEqual(['Brace', 'Align', 'Unclosed', 'Inline', 'Still here']);
    for (const [title, text] of [
      ['Brace', 'After the brace.'],
      ['Align', 'After the align.'],
      ['Unclosed', 'After the unclosed one.'],
    ]) {
      expect(slideTitled(deck, title!).html).toContain(`<p>${text}</p>`);
    }
    expect(slideTitled(deck, 'Still here').html).toContain('<span class="katex">');
  });

  it('shows each broken formula alone in its red box, reported at its own line', () => {
    expect(slideTitled(deck, 'Brace').html).toContain('<code>$$\\frac{1}{2$$ {#eq-brace}</code>');
    expect(slideTitled(deck, 'Align').html).toContain('<code>$$\\begin{align}\na &amp;= b \\\\\nc &amp;= d$$</code>');
    expect(slideTitled(deck, 'Unclosed').html).toContain('<code>$$x^2 + y^2</code>');
    expect(deck.diagnostics.every((d) => d.file === file)).toBe(true);
    // The error quotes the formula as written, not with the `\tag{1}` that numbers it.
    expect(deck.diagnostics[0]!.message).not.toContain('tag');
    expect(deck.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [3, 'error', expect.stringContaining('Unexpected end of input')],
      [11, 'error', expect.stringContaining('Expected & or \\\\ or \\cr or \\end')],
      [21, 'error', 'unclosed `$$`: this display formula has no closing `$$` before the blank line at line 23'],
      [28, 'warning', 'unclosed `$`: the formula that starts at `$x^2 is neve…` has no closing `$`, so it shows as text'],
      [28, 'warning', '`@eq-missing` refers to no equation in this deck'],
    ]);
  });
});

describe('findCitations (shared with the citations)', () => {
  it.each([
    ['see @smith2020, p. 3', [['smith2020', false, false]]],
    ['[@eq-a; -@eq-b]', [['eq-a', true, false], ['eq-b', true, true]]],
    ['ends a sentence @eq-ridge.', [['eq-ridge', false, false]]],
    ['-@eq-ridge', [['eq-ridge', false, true]]],
    ['@{weird key}x', []],
    ['@{weird:key}', [['weird:key', false, false]]],
    ['mail a@b.org', []],
    ['[a link] and @x', [['x', false, false]]],
  ] as const)('%s', (text, expected) => {
    expect(findCitations(text).map((run) => run.items.map((item) => [item.key, run.bracketed, item.suppressAuthor])).flat()).toEqual(expected);
  });

  it('reads prefix and suffix inside brackets', () => {
    expect(findCitations('[see @a, p. 3; also @b]')[0]!.items).toEqual([
      { key: 'a', prefix: 'see', suffix: ', p. 3', suppressAuthor: false },
      { key: 'b', prefix: 'also', suffix: '', suppressAuthor: false },
    ]);
  });

  it('tells cross-references from citations by their prefix', () => {
    expect(['eq-a', 'Eq-a', 'fig-x', 'tbl-x', 'sec-x'].every(isCrossrefKey)).toBe(true);
    expect(['smith2020', 'equation-x', 'eq', 'knuth-84'].some(isCrossrefKey)).toBe(false);
    expect(crossrefType('Eq-ridge')).toBe('eq');
  });
});
