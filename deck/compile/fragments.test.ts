import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import { compileFixture, slideTitled } from './test-support.ts';

describe('pauses', () => {
  const slide = compileFixture('pauses').slides[0]!;

  it('wraps what follows each `. . .` in a sibling fragment div', () => {
    expect(slide.html).toMatch(
      /^<h2>Pauses<\/h2>\n<p>First thought.<\/p>\n<div class="fragment">\n<p>Second thought.<\/p>\n<\/div>\n<div class="fragment">\n<p>Third thought/,
    );
    expect(slide.html).toMatch(/<li>after the last pause<\/li>\n<\/ul>\n<\/div>\n$/);
    expect(slide.html).not.toContain('. . .');
  });

  it('lists one pause fragment per pause, with its text', () => {
    expect(slide.fragments).toEqual([
      { source: 'pause', effects: [], text: 'Second thought.' },
      { source: 'pause', effects: [], text: 'Third thought, with x^2. a list after the last pause' },
    ]);
  });

  it('pauses inside a div step only that div', () => {
    const deck = compileDeck('## A\n\n::: {.box}\nOne\n\n. . .\n\nTwo\n:::\n\nAfter\n', 'x.md');
    expect(deck.slides[0]!.html).toBe(
      '<h2>A</h2>\n<div class="box">\n<p>One</p>\n<div class="fragment">\n<p>Two</p>\n</div>\n</div>\n<p>After</p>\n',
    );
  });
});

describe('incremental lists', () => {
  it('makes items of a .incremental list fragments, leaving other lists alone', () => {
    const slide = slideTitled(compileFixture('incremental'), 'Steps in');
    expect(slide.html).toContain('<li class="fragment">Forward pass</li>');
    expect(slide.html).toContain('<li>Plain list stays put</li>');
    expect(slide.fragments).toEqual([
      { source: 'incremental', effects: [], text: 'Forward pass' },
      { source: 'incremental', effects: [], text: 'Loss' },
      { source: 'incremental', effects: [], text: 'Backward pass' },
    ]);
  });

  it('with `incremental: true`, every list steps in except inside .nonincremental', () => {
    const slide = compileFixture('incremental-deck').slides[0]!;
    expect(slide.fragments.map((f) => f.text)).toEqual(['Alpha', 'Beta']);
    expect(slide.html).toContain('<li>Gamma</li>');
  });

  it('a .nonincremental list has no fragments', () => {
    expect(slideTitled(compileFixture('incremental'), 'Deck-wide off by default').fragments).toEqual([]);
  });
});

describe('class fragments', () => {
  const slide = compileFixture('fragments').slides[0]!;

  it('renders [text]{.fragment} spans and ::: {.fragment} divs with their effects', () => {
    expect(slide.html).toContain('<span class="fragment">revealed</span>');
    expect(slide.html).toContain('<span class="fragment fade-in">this fades</span>');
    expect(slide.html).toContain('<div class="fragment fade-up">\n<p>A whole block.</p>\n</div>');
  });

  it('turns fragment-index= into data-fragment-index', () => {
    expect(slide.html).toContain('<span class="fragment highlight-red" data-fragment-index="1">Third, out of order</span>');
  });

  it('lists every fragment in document order, raw HTML ones included', () => {
    expect(slide.fragments).toEqual([
      { source: 'class', effects: [], text: 'revealed' },
      { source: 'class', effects: ['fade-in'], text: 'this fades' },
      { source: 'class', effects: ['highlight-red'], text: 'Third, out of order' },
      { source: 'class', effects: ['fade-up'], text: 'A whole block.' },
      { source: 'class', effects: ['grow'], text: 'Raw HTML fragment' },
    ]);
  });

  it('counts inline raw HTML fragments with their text', () => {
    const deck = compileDeck('Say <span class="fragment strike">it *loud*</span> now\n', 'x.md');
    expect(deck.slides[0]!.fragments).toEqual([{ source: 'class', effects: ['strike'], text: 'it loud' }]);
  });
});

describe('.element comments', () => {
  const slide = slideTitled(compileFixture('reveal-markdown'), 'Vertical A.1');

  it('put attributes on the li of a tight list, on an inline element it directly follows, classes merged', () => {
    expect(slide.html).toContain('<li class="fragment">Item one</li>');
    expect(slide.html).toContain('<li>Item <strong class="fragment fade-up" data-fragment-index="2">two</strong></li>');
    expect(slide.html).toContain('<img src="img/dot.png" alt="dot" class="fragment">');
    expect(slide.html).not.toContain('.element');
  });

  it('are listed as element fragments', () => {
    expect(slide.fragments).toEqual([
      { source: 'element', effects: [], text: 'Item one' },
      { source: 'element', effects: ['fade-up'], text: 'two' },
      { source: 'element', effects: [], text: 'dot' },
    ]);
  });

  it('target the paragraph when text comes between the element and the comment', () => {
    const deck = compileDeck('Some **bold** text <!-- .element: class="fragment grow" -->\n', 'x.md');
    expect(deck.slides[0]!.html).toBe('<p class="fragment grow">Some <strong>bold</strong> text</p>\n');
  });
});

describe('code steps', () => {
  it('count k-1 code-step fragments for k line-number steps, after earlier fragments', () => {
    const deck = compileDeck('## A\n\n[first]{.fragment}\n\n```{.python code-line-numbers="|2|4-5"}\nx\n```\n', 'x.md');
    expect(deck.slides[0]!.fragments).toEqual([
      { source: 'class', effects: [], text: 'first' },
      { source: 'code-step', effects: [], text: '' },
      { source: 'code-step', effects: [], text: '' },
    ]);
  });
});
