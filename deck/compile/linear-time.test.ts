// Inputs that used to take the compiler from seconds to minutes (issue 15), now linear in their length.
// These tests assert what comes out, never how long it took (`npm run bench -- --only compile` has the
// timings); before the fix each of them ran past the test timeout.
import { describe, expect, it } from 'vitest';
import { FRAGMENT_TEXT_MAX } from './fragments.ts';
import { compileDeck } from './index.ts';

const compile = (markdown: string) => compileDeck(markdown, 'hostile.md', { widgets: ['ua-fitter'] });

describe('hostile raw HTML', () => {
  it('`<div class="fragment" ` repeated, never closed: one slide, no fragment (the browser shows no tag either)', () => {
    const deck = compile('<div class="fragment" '.repeat(3_000));
    expect(deck.slides).toHaveLength(1);
    expect(deck.slides[0]!.fragments).toEqual([]);
  });

  it('`<div class="fragment">` nested 5,000 deep: 5,000 fragments, each label cut to a readable length', () => {
    const deck = compile(`<div class="fragment">${'<div class="fragment"> word'.repeat(5_000)}`);
    const fragments = deck.slides[0]!.fragments;
    expect(fragments).toHaveLength(5_001);
    expect(fragments.every((fragment) => fragment.text.length <= FRAGMENT_TEXT_MAX + 1)).toBe(true);
    expect(fragments[0]!.text).toMatch(/^word word .*…$/);
    expect(fragments.at(-1)!.text).toBe('word');
  });

  it('`<!--` repeated 80,000 times is one comment, kept as written', () => {
    const deck = compile('<!--'.repeat(80_000));
    expect(deck.slides).toHaveLength(1);
    expect(deck.slides[0]!.html.length).toBe(4 * 80_000);
  });

  it('`<!-- .slide:` repeated 60,000 times, never closed, is no directive', () => {
    const deck = compile('<!-- .slide:'.repeat(60_000));
    expect(deck.slides).toHaveLength(1);
    expect(deck.slides[0]!.attrs).toEqual({});
  });

  it('`<div>` then `<a` repeated 80,000 times compiles to one slide', () => {
    const deck = compile(`<div>${'<a'.repeat(80_000)}`);
    expect(deck.slides).toHaveLength(1);
    expect(deck.slides[0]!.widgets).toEqual([]);
  });

  it('40,000 images in one paragraph are each listed at their own line', () => {
    const deck = compile(Array.from({ length: 40_000 }, (_, i) => `a ![](img/${i}.png)`).join('\n'));
    const assets = deck.slides[0]!.assets;
    expect(assets).toHaveLength(40_000);
    expect(assets.every((asset, i) => asset.line === i + 1 && asset.url === `img/${i}.png`)).toBe(true);
  });

  it('20,000 `.element` comments after a quote of 20,000 lines each apply to the quote', () => {
    const deck = compile(`${'> a\n>\n'.repeat(20_000)}\n${'<!-- .element: class="fragment" data-x="1" -->\n\n'.repeat(20_000)}`);
    expect(deck.slides[0]!.html).toMatch(/^<blockquote class="fragment" data-x="1">/);
    expect(deck.slides[0]!.html).not.toContain('.element');
  });
});

describe('hostile Markdown', () => {
  it('20,000 slides titled `## Exercise` get ids exercise, exercise-2, … exercise-20001, skipping one taken explicitly', () => {
    const deck = compile(`## Exercise {#exercise-3}\n\n${'## Exercise\n\n'.repeat(20_000)}`);
    const ids = deck.slides.map((slide) => slide.attrs.id);
    expect(ids).toHaveLength(20_001);
    expect(ids.slice(0, 4)).toEqual(['exercise-3', 'exercise', 'exercise-2', 'exercise-4']);
    expect(ids.slice(3).every((id, i) => id === `exercise-${i + 4}`)).toBe(true);
  });

  it('a fence info string of 50,000 unclosed `[` and `{` keeps its language and no line numbers', () => {
    const deck = compile(`\`\`\`python ${'['.repeat(50_000)}${'{a'.repeat(25_000)}\nprint(1)\n\`\`\`\n`);
    expect(deck.slides[0]!.html).toMatch(/^<pre><code class="language-python">print\(1\)<\/code><\/pre>/);
  });

  it('`[a]{.b}` 6,000 times in one paragraph: 6,000 spans with class b (markdown-it-attrs rescanned after each)', () => {
    const deck = compile(`x ${'[a]{.b}'.repeat(6_000)}`);
    expect(deck.slides[0]!.html.match(/<span class="b">a<\/span>/g)).toHaveLength(6_000);
  });

  it('`` `x`{.c} `` and `*x*{.c}` 5,000 times each keep every attribute', () => {
    const deck = compile(`x ${'`x`{.c}'.repeat(5_000)} ${'*y*{.d}'.repeat(5_000)}`);
    expect(deck.slides[0]!.html.match(/<code class="c">x<\/code>/g)).toHaveLength(5_000);
    expect(deck.slides[0]!.html.match(/<em class="d">y<\/em>/g)).toHaveLength(5_000);
  });

  it('a div with 150,000 classes compiles (spreading them as arguments overflowed the call stack)', () => {
    const classes = Array.from({ length: 150_000 }, (_, i) => `c${i}`);
    const deck = compile(`::: ${classes.join(' ')}\ninside\n:::\n`);
    expect(deck.slides[0]!.html.startsWith(`<div class="${classes.join(' ')}">`)).toBe(true);
  });
});
