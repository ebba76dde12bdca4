import { describe, expect, it } from 'vitest';
import { compileDeck, formatDiagnostic } from './index.ts';
import { compileFixture, withoutTexSource } from './test-support.ts';

/** The KaTeX renderings of a paragraph's formulas, in order, without their TeX-source annotation. */
function formulasOf(paragraph: string): string[] {
  return [...paragraph.matchAll(/<span class="katex">[\s\S]*?(?=<span class="katex">|<\/p>| and | then )/g)].map((m) =>
    withoutTexSource(m[0]),
  );
}

describe('math', () => {
  const slide = compileFixture('math').slides[0]!;

  it('renders $…$, \\(…\\), \\[…\\] and $$…$$ with KaTeX', () => {
    expect(slide.html.match(/<span class="katex">/g)).toHaveLength(6);
    expect(slide.html.match(/<span class="katex-display">/g)).toHaveLength(2);
  });

  it('does not let Markdown eat math: no <em> from *, braces kept', () => {
    expect(slide.html).not.toContain('<em>');
    expect(slide.html).toContain('<annotation encoding="application/x-tex">a_1 * b_2</annotation>');
    expect(slide.html).toContain('<annotation encoding="application/x-tex">\\{x\\}</annotation>');
    expect(slide.html).toContain('<annotation encoding="application/x-tex">x*y*z</annotation>');
  });

  it('leaves currency alone', () => {
    expect(slide.html).toContain('<p>It costs $5 and $10, no math here.</p>');
  });

  it('renders math in headings and keeps the TeX in the plain title', () => {
    const deck = compileDeck('## Loss $L(\\theta)$\n', 'x.md');
    expect(deck.slides[0]!.title).toBe('Loss L(\\theta)');
    expect(deck.slides[0]!.html).toMatch(/^<h2>Loss <span class="katex">/);
  });

  it('never produces katex-error in a good deck', () => {
    expect(slide.html).not.toContain('katex-error');
    expect(compileFixture('math').diagnostics).toEqual([]);
  });
});

describe('macros', () => {
  const deck = compileFixture('macros');
  const paragraphs = deck.slides[0]!.html.split('<p>').slice(1);

  it('compile without diagnostics', () => {
    expect(deck.diagnostics).toEqual([]);
  });

  // \reals is also a KaTeX built-in, so the \prob row is what proves front-matter macros reach KaTeX.
  it.each([
    ['front-matter \\reals', 0],
    ['\\newcommand \\indic', 1],
    ['\\newcommand \\Earg', 2],
    ['front-matter key written with a backslash, \\prob', 3],
  ])('%s renders the same HTML as its expansion', (_, index) => {
    const [macro, expansion] = formulasOf(paragraphs[index]!);
    expect(macro).toBeDefined();
    expect(macro).toBe(expansion);
  });

  it('\\def defines a macro for later formulas, and \\renewcommand redefines one', () => {
    const [defining, later, expansion] = formulasOf(paragraphs[4]!);
    expect(defining).toBe(expansion);
    expect(later).toBe(expansion);
    const [redefining, laterReals, rationals] = formulasOf(paragraphs[5]!);
    expect(redefining).toBe(rationals);
    expect(laterReals).toBe(rationals);
  });

  it('applies only to later formulas, in document order', () => {
    const before = compileDeck('$\\half$\n\n$\\def\\half{\\tfrac12}$\n\n$\\half$\n', 'x.md');
    expect(before.diagnostics.map((d) => d.line)).toEqual([1]);
  });

  it('does not leak from one deck to the next', () => {
    compileDeck('$\\def\\leaky{x}$\n', 'a.md');
    expect(compileDeck('$\\leaky$\n', 'b.md').diagnostics).toHaveLength(1);
  });

  it('tolerates \\newcommand of a name KaTeX already knows, as MathJax does', () => {
    const deck = compileDeck('$\\newcommand{\\reals}{\\mathbb{R}}$ $\\reals$\n', 'x.md');
    expect(deck.diagnostics).toEqual([]);
  });
});

describe('bad math', () => {
  const deck = compileFixture('bad-math');
  const slide = deck.slides[0]!;

  it('does not stop the build: the rest of the slide renders', () => {
    expect(slide.html).toContain('Good math still works: <span class="katex">');
  });

  it('shows the source and KaTeX message in place, never katex-error', () => {
    expect(slide.html).toContain(
      '<span class="axon-error axon-math-error" role="note"><code>$\\frac{1}{$</code> <span class="axon-error-message">KaTeX parse error:',
    );
    expect(slide.html).toContain('<div class="axon-error axon-math-error" role="note"><code>$$\\left( x$$</code>');
    expect(slide.html).not.toContain('katex-error');
  });

  it('reports each error at the line of the formula itself, notes included', () => {
    // `$\frac{1}{$` is on the paragraph's third line (line 5), the display block opens on line 7,
    // the formula in the notes is on line 14.
    expect(deck.diagnostics.map((d) => [d.kind, d.severity, d.line])).toEqual([
      ['math', 'error', 5],
      ['math', 'error', 7],
      ['math', 'error', 14],
    ]);
    expect(formatDiagnostic(deck.diagnostics[0]!)).toBe(
      "deck/compile/fixtures/bad-math.md:5: math error: KaTeX parse error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}{ — fix the formula; it is shown as source on the slide",
    );
    expect(slide.notes).toContain('<code>$\\sqrt{$</code>');
  });

  it('reports errors in table cells at their row', () => {
    const table = compileDeck('## T\n\n| a | b |\n|---|---|\n| $x$ | ok |\n| 1 | $\\frac{$ |\n', 'x.md');
    expect(table.diagnostics.map((d) => d.line)).toEqual([6]);
  });

  it('reports math errors in the title at the front-matter line', () => {
    const titled = compileDeck('---\nauthor: Ada\ntitle: Broken $\\frac{$\n---\n', 'x.md');
    expect(titled.diagnostics).toMatchObject([{ kind: 'math', line: 3 }]);
  });
});

describe('unclosed $', () => {
  it('warns at the line of a $ that opens a formula and never closes, and shows it as text', () => {
    const deck = compileDeck('## A\n\nThe loss\nis $L(\\theta) = \\sum_i e_i^2 for all i.\n', 'x.md');
    expect(deck.slides[0]!.html).toContain('is $L(\\theta) = \\sum_i e_i^2 for all i.');
    expect(deck.diagnostics).toEqual([
      expect.objectContaining({ line: 4, severity: 'warning', kind: 'math', message: expect.stringContaining('unclosed `$`') }),
    ]);
  });

  it.each([
    ['prices (a digit after the $)', 'It costs $5 and $6.'],
    ['a $ with a space after it', 'US $ and more $ here'],
    ['an escaped \\$', 'Write \\$HOME and \\$PATH.'],
    ['a closed formula', 'Here $x$ and $y_1$.'],
    ['a formula in a code span', 'Type `$x` to start.'],
  ])('stays quiet for %s', (_, text) => {
    expect(compileDeck(`${text}\n`, 'x.md').diagnostics).toEqual([]);
  });

  it('warns once per paragraph, however many $ are left open', () => {
    const deck = compileDeck(`${'$a '.repeat(5000)}\n\nThen $b.\n`, 'x.md');
    expect(deck.diagnostics.map((d) => d.line)).toEqual([1, 3]);
  });

  it('warns for a closing $ with a space before it (Pandoc does not close there)', () => {
    expect(compileDeck('Here $x $ is text.\n', 'x.md').diagnostics).toMatchObject([{ line: 1, message: expect.stringContaining('unclosed `$`') }]);
  });
});

describe('$$ inside a paragraph', () => {
  it('is shown as text, with one warning per paragraph at its line (Pandoc would render it; the tex plugin does not)', () => {
    const deck = compileDeck('Text first\nthen $$x^2$$ {#eq-a} inline, $$y$$ too.\n\n$$y$$ {#eq-b}\n', 'x.md');
    expect(deck.slides[0]!.html).toContain('then $$x^2$$ {#eq-a} inline, $$y$$ too.');
    expect(deck.diagnostics.map((d) => [d.line, d.message])).toEqual([[2, 'display math `$$…$$` inside a paragraph shows as text']]);
  });
});
