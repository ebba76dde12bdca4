import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import { compileFixture, slideTitled } from './test-support.ts';

describe('columns and generic divs', () => {
  const slide = compileFixture('columns').slides[0]!;

  it('renders Quarto columns with CSS widths', () => {
    expect(slide.html).toContain(
      '<div class="columns">\n<div class="column" style="width:40%;">\n<p>Left side</p>\n</div>\n' +
        '<div class="column" style="width:60%;">\n<p>Right side</p>\n</div>\n</div>',
    );
  });

  it('turns ::: {.foo #bar key="v"} into a div with those attributes', () => {
    expect(slide.html).toContain('<div class="highlight" id="key-point" data-kind="demo">\n<p>A generic div.</p>\n</div>');
  });

  it('warns about a div that is never closed, at its opening line', () => {
    const deck = compileDeck('## A\n\n::: {.box}\nText\n', 'x.md');
    expect(deck.diagnostics).toMatchObject([{ kind: 'markdown', severity: 'warning', line: 3 }]);
  });
});

describe('speaker notes', () => {
  const deck = compileFixture('notes');

  it('takes ::: notes out of the slide into slide.notes, math rendered', () => {
    const slide = slideTitled(deck, 'Quarto notes');
    expect(slide.html).toBe('<h2>Quarto notes</h2>\n<p>Visible text.</p>\n');
    expect(slide.notes).toMatch(/^<p>Ask the class what <span class="katex">.*σ.* is.<\/p>\n$/s);
  });

  it('accepts ::: {.notes} too', () => {
    expect(slideTitled(deck, 'Notes with braces').notes).toBe("<p>Second slide's notes.</p>\n");
  });

  it('takes a Note: paragraph and what follows, without the prefix', () => {
    const slide = slideTitled(deck, 'reveal-style notes');
    expect(slide.html).toBe('<h2>reveal-style notes</h2>\n<p>Shown on the slide.</p>\n');
    expect(slide.notes).toBe('<p>Only the speaker sees this.</p>\n<p>And this paragraph too.</p>\n');
  });
});

describe('callouts', () => {
  const deck = compileFixture('callouts');
  const first = slideTitled(deck, 'Callouts');
  const second = slideTitled(deck, 'More callouts');

  it('renders the callout markup with the capitalised type as default title', () => {
    expect(first.html).toContain(
      '<div class="callout callout-note" role="note">\n<div class="callout-title">Note</div>\n' +
        '<div class="callout-body">\n<p>A plain note.</p>\n</div>\n</div>',
    );
  });

  it('takes the title from title="…" or from a heading opening the callout', () => {
    expect(first.html).toContain('<div class="callout-title">Pro tip</div>');
    expect(first.html).toContain('<div class="callout-title">Watch out</div>\n<div class="callout-body">\n<p>Titled by heading.</p>');
    expect(first.html).not.toContain('<h2>Watch out</h2>');
    expect(first.html).not.toContain('title="Pro tip"');
  });

  it('supports all five types', () => {
    const all = first.html + second.html;
    for (const type of ['note', 'tip', 'warning', 'important', 'caution']) {
      expect(all).toContain(`<div class="callout callout-${type}" role="note">`);
    }
    expect(second.html).toContain('<div class="callout-title">Important</div>');
    expect(second.html).toContain('<div class="callout-title">Caution</div>');
  });

  it('escapes a title attribute', () => {
    const deck = compileDeck('::: {.callout-tip title="a <b> & c"}\nx\n:::\n', 'x.md');
    expect(deck.slides[0]!.html).toContain('<div class="callout-title">a &lt;b&gt; &amp; c</div>');
  });
});

describe('heading attributes', () => {
  const deck = compileFixture('heading-attrs');

  it('move classes to the section; the heading keeps no attributes', () => {
    const slide = slideTitled(deck, 'Small print');
    expect(slide.attrs).toEqual({ id: 'small-print', class: 'smaller scrollable' });
    expect(slide.html).toMatch(/^<h2>Small print<\/h2>/);
  });

  it('turn background-* and transition into data- attributes, keep {#id} and data-*', () => {
    expect(slideTitled(deck, 'Coloured').attrs).toEqual({
      id: 'colour',
      'data-background-color': '#1e3a5f',
      'data-transition': 'zoom',
    });
    expect(slideTitled(deck, 'Pictured').attrs).toEqual({
      id: 'pictured',
      'data-background-image': 'img/bg.png',
      'data-background-size': 'cover',
      'data-state': 'dim',
    });
    expect(slideTitled(deck, 'Coloured').html).toBe('<h2>Coloured</h2>\n<p>On blue.</p>\n');
  });

  it('record a background image as an asset', () => {
    expect(slideTitled(deck, 'Pictured').assets).toEqual([{ url: 'img/bg.png', line: 9 }]);
  });
});
