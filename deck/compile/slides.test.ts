import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import { compileFixture, slideTitled } from './test-support.ts';

describe('Quarto slide splitting', () => {
  const deck = compileFixture('quarto-slides');

  it('splits on top-level #, ## and ---, dropping slides that end up empty', () => {
    expect(deck.slides.map((s) => [s.kind, s.title])).toEqual([
      ['content', ''],
      ['section', 'Part one'],
      ['content', 'Neurons'],
      ['content', 'Neurons'],
      ['content', ''],
      ['content', 'Right after a rule'],
      ['content', 'Last one'],
    ]);
    expect(deck.slides.map((s) => s.h)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(deck.slides.every((s) => s.v === 0)).toBe(true);
  });

  it('keeps content before the first heading as an untitled slide', () => {
    expect(deck.slides[0]!.html).toBe('<p>Welcome before any heading.</p>\n');
    expect(deck.slides[0]!.attrs).toEqual({});
  });

  it('marks # slides as section slides', () => {
    expect(slideTitled(deck, 'Part one').attrs).toEqual({ id: 'part-one', class: 'axon-section-slide center' });
    expect(slideTitled(deck, 'Part one').html).toBe('<h1>Part one</h1>\n');
  });

  it('gives slugged, unique ids, explicit {#id} winning, and none to untitled slides', () => {
    expect(deck.slides.map((s) => s.attrs.id)).toEqual([
      undefined,
      'part-one',
      'neurons',
      'neurons-2',
      undefined,
      'custom-id',
      'last-one',
    ]);
  });

  it('does not split at a heading inside a div', () => {
    const slide = slideTitled(deck, 'Right after a rule');
    expect(slide.html).toContain('<div class="box">\n<h2>Not a slide split</h2>');
  });

  it('records the line each slide starts on', () => {
    expect(deck.slides.map((s) => s.source.line)).toEqual([1, 3, 5, 9, 13, 17, 28]);
    expect(deck.slides[2]!.source.file).toBe('deck/compile/fixtures/quarto-slides.md');
  });

  it('slugs titles with punctuation and math to readable ids', () => {
    const titled = compileDeck('## Why σ(x)? A *first* look at $\\nabla L$!\n', 'x.md');
    expect(titled.slides[0]!.title).toBe('Why σ(x)? A first look at \\nabla L!');
    expect(titled.slides[0]!.attrs.id).toBe('why-σ-x-a-first-look-at-nabla-l');
  });
});

describe('reveal.js Markdown splitting', () => {
  const deck = compileFixture('reveal-markdown');

  it('stacks slides after -- vertically and moves right after ---', () => {
    expect(deck.slides.map((s) => [s.h, s.v, s.title])).toEqual([
      [0, 0, 'reveal.js Markdown'],
      [1, 0, 'Horizontal A'],
      [1, 1, 'Vertical A.1'],
      [1, 2, ''],
      [2, 0, 'Horizontal B'],
    ]);
  });

  it('puts <!-- .slide: --> attributes on the section and removes the comment', () => {
    const slide = slideTitled(deck, 'Vertical A.1');
    expect(slide.attrs).toEqual({ id: 'vertical-a-1', class: 'special', 'data-background': '#123456' });
    expect(slide.html).not.toContain('.slide:');
  });

  it('takes Note: and everything after it as speaker notes', () => {
    const slide = deck.slides[3]!;
    expect(slide.html).toBe('<p>Untitled vertical slide.</p>\n');
    expect(slide.notes).toMatch(/^<p>Remember to point at the arrow.<\/p>\n<p>It is <span class="katex">/);
  });

  it('lets a .slide comment before a heading style that heading\'s slide', () => {
    const mixed = compileDeck('---\n\n<!-- .slide: class="intro" -->\n## Hello\n\nText\n', 'x.md');
    expect(mixed.slides).toHaveLength(1);
    expect(mixed.slides[0]!.attrs).toEqual({ id: 'hello', class: 'intro' });
  });

  it('keeps a slide that has only attributes', () => {
    const onlyAttributes = compileDeck('## A\n\n---\n\n<!-- .slide: data-background-color="red" -->\n', 'x.md');
    expect(onlyAttributes.slides).toHaveLength(2);
    expect(onlyAttributes.slides[1]!.attrs).toEqual({ 'data-background-color': 'red' });
  });

  it('keeps the slide a `--` opened vertical when a ## heading titles it', () => {
    const mixed = compileDeck('## Top\n\n--\n\n## Below\n\n---\n\n## Right\n', 'x.md');
    expect(mixed.slides.map((s) => [s.h, s.v, s.title])).toEqual([
      [0, 0, 'Top'],
      [0, 1, 'Below'],
      [1, 0, 'Right'],
    ]);
  });
});
