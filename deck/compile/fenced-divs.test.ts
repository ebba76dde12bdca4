import { describe, expect, it } from 'vitest';
import source from './fixtures/quarto/divs-nesting.md?raw';
import { readFence } from './fenced-divs.ts';
import { compileDeck } from './index.ts';
import { slideTitled } from './test-support.ts';

const deck = compileDeck(source, 'deck/compile/fixtures/quarto/divs-nesting.md');
const html = (markdown: string): string => compileDeck(markdown, 'x.md').slides.map((slide) => slide.html).join('');

describe('Pandoc fenced divs: a bare ::: closes the innermost open div', () => {
  it('nests columns > column > callout with four colons outside, as Pandoc does', () => {
    expect(slideTitled(deck, 'Four colons outside').html).toBe(
      '<h2>Four colons outside</h2>\n<div class="columns">\n<div class="column" style="width:60%;">\n' +
        '<div class="callout callout-note" role="note">\n<div class="callout-title">Note</div>\n<div class="callout-body">\n' +
        '<p>Inside the callout.</p>\n</div>\n</div>\n</div>\n</div>\n',
    );
  });

  it('nests the same with three colons everywhere (markdown-it-container closed the outer div at the first :::)', () => {
    expect(slideTitled(deck, 'Three colons everywhere').html).toBe(
      '<h2>Three colons everywhere</h2>\n<div class="columns">\n<div class="column" style="width:60%;">\n<p>Left text.</p>\n</div>\n' +
        '<div class="column" style="width:40%;">\n<p>Right text.</p>\n</div>\n</div>\n',
    );
  });

  it('takes a ::: inside a fenced code block for code, not a closer', () => {
    const slide = slideTitled(deck, 'A fence in a div').html;
    expect(slide).toMatch(/^<h2>A fence in a div<\/h2>\n<div class="box">\n<pre[^]*:::[^]*<\/pre>\n<\/div>\n$/);
  });

  it('reads trailing colons as decoration and :::{.x} without a space as an opener', () => {
    expect(slideTitled(deck, 'Trailing colons and no space').html).toBe(
      '<h2>Trailing colons and no space</h2>\n<div class="Warning">\n<p>Outer.</p>\n<div class="danger">\n<p>Inner.</p>\n</div>\n</div>\n',
    );
  });

  it('gives no warning for a well-formed deck, and no stray ::: anywhere', () => {
    expect(deck.diagnostics).toEqual([]);
    for (const slide of deck.slides) expect(slide.html).not.toContain(':::</p>');
  });

  it('keeps a div inside a list item or a quote inside it', () => {
    expect(html('::: outer\n- ::: inner\n  text\n  :::\n- b\n:::\nafter\n')).toBe(
      '<div class="outer">\n<ul>\n<li>\n<div class="inner">\n<p>text</p>\n</div>\n</li>\n<li>b</li>\n</ul>\n</div>\n<p>after</p>\n',
    );
    expect(html('> ::: q\n> in\n> :::\n\nout\n')).toBe('<blockquote>\n<div class="q">\n<p>in</p>\n</div>\n</blockquote>\n<p>out</p>\n');
  });

  it('ends a paragraph at a closer written right under it', () => {
    expect(html('::: x\ntext\n:::\nafter\n')).toBe('<div class="x">\n<p>text</p>\n</div>\n<p>after</p>\n');
  });
});

describe('fence mistakes are file:line warnings', () => {
  it('leaves out a stray closer and names its line', () => {
    const stray = compileDeck('## A\n\nText.\n\n:::\n\nMore.\n', 'x.md');
    expect(stray.slides[0]!.html).toBe('<h2>A</h2>\n<p>Text.</p>\n<p>More.</p>\n');
    expect(stray.diagnostics).toMatchObject([{ file: 'x.md', line: 5, severity: 'warning', kind: 'markdown' }]);
    expect(stray.diagnostics[0]!.message).toContain('closes no div');
  });

  it('warns once, at its opening line, about a div never closed', () => {
    const unclosed = compileDeck('## A\n\n::: {.columns}\n::: {.column}\nText\n:::\n', 'x.md');
    expect(unclosed.diagnostics).toMatchObject([{ line: 3, severity: 'warning' }]);
    expect(unclosed.diagnostics[0]!.message).toContain('never closed');
  });

  it('counts the closers: one too many is the stray one', () => {
    const extra = compileDeck('::: a\n::: b\nx\n:::\n:::\n:::\n', 'x.md');
    expect(extra.diagnostics.map((d) => d.line)).toEqual([6]);
  });
});

describe('readFence', () => {
  it('tells openers from closers', () => {
    expect(readFence(':::')).toEqual({ kind: 'close', colons: ':::' });
    expect(readFence('::::::   ')).toEqual({ kind: 'close', colons: '::::::' });
    expect(readFence('::: notes')).toEqual({ kind: 'open', colons: ':::', info: 'notes' });
    expect(readFence('::: {.x key="a:"} :::')).toEqual({ kind: 'open', colons: ':::', info: '{.x key="a:"}' });
    expect(readFence('::: {.x}:::')).toEqual({ kind: 'open', colons: ':::', info: '{.x}' });
    expect(readFence(':: x')).toBeUndefined();
  });
});
