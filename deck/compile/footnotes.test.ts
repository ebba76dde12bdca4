import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';

const warnings = (deck: ReturnType<typeof compileDeck>): string[] => deck.diagnostics.map((d) => `${d.line}: ${d.message}`);

describe('footnotes', () => {
  const deck = compileDeck(
    [
      '## One', // 1
      '',
      'Ridge[^ridge] and an inline note.^[Inline text.]', // 3
      '',
      '[^ridge]: Tikhonov regularisation.', // 5
      '',
      '## Two', // 7
      '',
      'Again[^ridge], and a third[^third].', // 9
      '',
      '[^third]: Third note.',
      '',
      '## Three', // 13
      '',
      'No notes here, but [^nowhere] is undefined.', // 15
      '',
      '[^spare]: Never cited.', // 17
    ].join('\n'),
    'notes.md',
  );
  const [one, two, three] = deck.slides;

  it('puts each slide\'s footnotes at its own foot, numbered through the deck', () => {
    expect(one!.html).toMatch(/<aside class="footnotes axon-footnotes"[^>]*>\n<ol class="footnotes-list">\n<li id="fn1" class="footnote-item" value="1"><p>Tikhonov regularisation.<\/p>\n<\/li>\n<li id="fn2" class="footnote-item" value="2"><p>Inline text.<\/p>/);
    expect(two!.html).toContain('value="3"><p>Third note.</p>');
    expect(two!.html).toContain('<sup class="footnote-ref"><a href="#fn3"');
  });

  it('lists a note cited again on a later slide there too, without repeating its id', () => {
    expect(two!.html).toContain('<li class="footnote-item" value="1"><p>Tikhonov regularisation.</p>');
    expect(two!.html).not.toContain('Inline text.');
  });

  it('never puts the footnotes on the last slide (markdown-it-footnote\'s default)', () => {
    expect(three!.html).not.toContain('footnotes');
  });

  it('warns at file:line about a note cited but undefined, and one defined but never cited', () => {
    expect(warnings(deck)).toEqual([
      '15: footnote `[^nowhere]` is cited but never defined, so it shows as text',
      '17: footnote `[^spare]` is defined but never cited, so it is not shown',
    ]);
  });

  it('shows a slide\'s notes from its first step, outside its pauses', () => {
    const paused = compileDeck('## P\n\nFirst^[note]\n\n. . .\n\nSecond\n', 'p.md').slides[0]!.html;
    expect(paused.indexOf('<aside class="footnotes')).toBeGreaterThan(paused.lastIndexOf('</div>'));
  });

  it('renders math, attributes and shortcodes inside notes like anywhere else', () => {
    const html = compileDeck('## M\n\nA^[Math $x^2$ and [red]{.r}.] B[^n]\n\n[^n]: Keys {{< kbd K >}}.\n', 'm.md').slides[0]!.html;
    expect(html).toMatch(/<li id="fn1"[^>]*><p>Math <span class="katex">/);
    expect(html).toContain('<span class="r">red</span>');
    expect(html).toContain('<kbd>K</kbd>');
  });

  it('a front-matter value parsed after the body does not list the deck\'s notes', () => {
    const deck = compileDeck('---\nfooter: Foot\n---\n\n## F\n\nA^[note]\n', 'f.md');
    expect(deck.footer).toBe('Foot');
  });

  it('keeps speaker notes\' footnotes in the notes', () => {
    const slide = compileDeck('## S\n\nText\n\n::: notes\nSay this^[a note for the speaker]\n:::\n', 's.md').slides[0]!;
    expect(slide.notes).toContain('a note for the speaker');
    expect(slide.html).not.toContain('a note for the speaker');
  });
});
