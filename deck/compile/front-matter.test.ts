import { describe, expect, it } from 'vitest';
import { compileDeck, DeckError } from './index.ts';
import { compileFixture, readFixture } from './test-support.ts';

describe('front matter', () => {
  const deck = compileFixture('front-matter');

  it('fills the deck metadata', () => {
    expect(deck.meta).toEqual({
      title: 'Deep *learning*, $\\reals$ edition',
      subtitle: 'Lecture 3',
      author: 'Ada Lovelace, Alan Turing',
      date: '2025-03-01',
      description: 'Neurons and gradients',
      categories: [],
    });
    expect(deck.theme).toBe('dark');
    expect(deck.backend).toBe('pytorch');
  });

  it('passes other keys to reveal.js in camelCase, merging Quarto format.revealjs (top level wins)', () => {
    expect(deck.revealOptions).toEqual({
      slideNumber: true,
      navigationMode: 'vertical',
      transition: 'fade',
      controls: false,
      width: 1280,
      height: 720,
    });
  });

  it('makes a Quarto title slide with rendered Markdown and math', () => {
    const title = deck.slides[0]!;
    expect(title.kind).toBe('title');
    expect(title.attrs).toEqual({ id: 'title-slide', class: 'axon-title-slide center' });
    expect(title.title).toBe('Deep learning, \\reals edition');
    expect(title.html).toMatch(/^<h1 class="title">Deep <em>learning<\/em>, <span class="katex">/);
    expect(title.html).toContain('<p class="subtitle">Lecture 3</p>');
    expect(title.html).toContain('<p class="author">Ada Lovelace, Alan Turing</p>');
    expect(title.html).toContain('<p class="date">2025-03-01</p>');
    expect(deck.slides[1]).toMatchObject({ h: 1, v: 0, title: 'First slide' });
  });

  it('keeps file lines: the first slide after the front matter starts on its real line', () => {
    expect(deck.slides[1]!.source.line).toBe(25);
  });

  it('applies deck-wide incremental lists', () => {
    expect(deck.slides[1]!.fragments.map((f) => f.source)).toEqual(['incremental', 'incremental']);
  });

  it('accepts authors as a string or a list of strings, and leaves out empty title-slide lines', () => {
    const single = compileDeck('---\ntitle: T\nauthor: Ada\n---\n', 'x.md');
    expect(single.meta.author).toBe('Ada');
    expect(single.slides[0]!.html).toBe('<h1 class="title">T</h1>\n<p class="author">Ada</p>\n');
    const list = compileDeck('---\ntitle: T\nauthor: [Ada, Alan]\n---\n', 'x.md');
    expect(list.meta.author).toBe('Ada, Alan');
  });

  it('defaults: light theme, no title slide without a title, subject as description', () => {
    const plain = compileDeck('---\nsubject: Gradients\ntheme: simple\n---\n\n## A\n', 'x.md');
    expect(plain.theme).toBe('light');
    expect(plain.meta.description).toBe('Gradients');
    expect(plain.slides.map((s) => s.kind)).toEqual(['content']);
    expect(plain.revealOptions).toEqual({});
  });

  it("reads Quarto's categories as one word or a list, and warns about anything else at the key's line", () => {
    expect(compileDeck('---\ncategories: Guides\n---\n\n## A\n', 'x.md').meta.categories).toEqual(['Guides']);
    expect(compileDeck('---\ncategories: [About Axon, 2026]\n---\n\n## A\n', 'x.md').meta.categories).toEqual(['About Axon', '2026']);
    const odd = compileDeck('---\ntitle: T\ncategories: {a: 1}\n---\n\n## A\n', 'x.md');
    expect(odd.meta.categories).toEqual([]);
    expect(odd.diagnostics).toContainEqual(expect.objectContaining({ line: 3, severity: 'warning', message: expect.stringContaining('categories') }));
    // Not a reveal.js option.
    expect(odd.revealOptions).toEqual({});
  });

  it('treats a leading `---` followed by a blank line as a slide separator, not front matter', () => {
    const deckWithRule = compileDeck('---\n\n## A\n', 'x.md');
    expect(deckWithRule.slides.map((s) => s.title)).toEqual(['A']);
  });

  it('throws a DeckError at the real file line for invalid YAML', () => {
    // The YAML error is on the YAML's 3rd line, which is line 4 of the file (after the opening `---`).
    const error = catchError(() => compileDeck(readFixture('bad-front-matter'), 'slides/bad.md'));
    expect(error).toBeInstanceOf(DeckError);
    expect(error).toMatchObject({ file: 'slides/bad.md', line: 4 });
    expect((error as DeckError).message).toMatch(/^slides\/bad\.md:4: front matter is not valid YAML: .+ — fix the YAML/);
  });

  it('throws a DeckError when the front matter is not a mapping', () => {
    const error = catchError(() => compileDeck('---\n- a\n- b\n---\n', 'x.md'));
    expect(error).toMatchObject({ name: 'DeckError', line: 2 });
  });

  it('reports a duplicate key at its line', () => {
    const error = catchError(() => compileDeck('---\ntitle: a\nsubtitle: b\ntitle: c\n---\n', 'x.md'));
    expect(error).toMatchObject({ line: 4 });
  });

  it('reports a bad `macros` value as a diagnostic at its key, not as a fatal error', () => {
    const bad = compileDeck('---\ntitle: T\nmacros: 3\n---\n', 'x.md');
    expect(bad.diagnostics).toMatchObject([{ kind: 'front matter', severity: 'warning', line: 3 }]);
  });
});

describe('front matter the YAML reader cannot cope with is a DeckError naming file:line and what to do', () => {
  it('an alias bomb ("billion laughs"): at the first alias, not a ReferenceError', () => {
    const error = catchError(() => compileDeck(readFixture('alias-bomb'), 'slides/laughs.md'));
    expect(error).toBeInstanceOf(DeckError);
    expect(error).toMatchObject({ file: 'slides/laughs.md', line: 4 });
    expect((error as DeckError).message).toMatch(
      /^slides\/laughs\.md:4: front matter has YAML aliases that cannot be used \(Excessive alias count.*\) — write the values out instead of `&anchor` and `\*alias`$/,
    );
  });

  it('an alias to an anchor that does not exist', () => {
    const error = catchError(() => compileDeck('---\ntitle: T\nauthor: *nobody\n---\n', 'x.md'));
    expect(error).toBeInstanceOf(DeckError);
    expect(error).toMatchObject({ line: 3 });
  });

  it('brackets nested thousands deep (they overflowed the YAML parser\'s stack)', () => {
    const error = catchError(() => compileDeck(`---\ntitle: T\nx: ${'['.repeat(10_000)}\n---\n`, 'x.md'));
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/^x\.md:3: front matter nests brackets more than 64 deep — /);
  });

  it('front matter over 64 KB', () => {
    const keys = Array.from({ length: 8_000 }, (_, i) => `key${i}: value ${i}`).join('\n');
    const error = catchError(() => compileDeck(`---\n${keys}\n---\n`, 'x.md'));
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/^x\.md:2: front matter is \d+ KB, more than the 64 KB Axon reads — move long text into the slides$/);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
