import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import { compileFixture, slideTitled } from './test-support.ts';

describe('fenced code', () => {
  const deck = compileFixture('code');

  it('renders Quarto {.lang code-line-numbers} as reveal highlight markup, source escaped', () => {
    expect(slideTitled(deck, 'Stepping through code').html).toContain(
      '<pre><code class="language-python" data-line-numbers="|2|4-5">import torch\nmodel = torch.nn.Linear(1, 1)\n',
    );
    expect(slideTitled(deck, 'Other forms').html).toContain(
      '<pre><code class="language-python" data-line-numbers="1,3">a = 1\nb = &lt;2&gt;\nc = 3</code></pre>',
    );
  });

  it('renders a plain fence with just the language class', () => {
    expect(slideTitled(deck, 'Other forms').html).toContain('<pre><code class="language-js">console.log(\'plain\');</code></pre>');
  });

  it('counts code steps and sets usesCode', () => {
    expect(slideTitled(deck, 'Stepping through code').fragments).toHaveLength(2);
    expect(slideTitled(deck, 'Other forms').fragments).toHaveLength(0);
    expect(deck.usesCode).toBe(true);
    expect(deck.usesMermaid).toBe(false);
  });

  it('accepts reveal.js [1|2-3] step syntax', () => {
    const reveal = compileDeck('```js [1|2-3]\na\nb\nc\n```\n', 'x.md');
    expect(reveal.slides[0]!.html).toBe('<pre><code class="language-js" data-line-numbers="1|2-3">a\nb\nc</code></pre>\n');
    expect(reveal.slides[0]!.fragments.map((f) => f.source)).toEqual(['code-step']);
  });

  it('leaves usesCode false for a deck without code', () => {
    expect(compileDeck('## A\n\n`inline` only\n', 'x.md').usesCode).toBe(false);
  });
});

describe('mermaid', () => {
  const deck = compileFixture('mermaid');

  it('renders ```mermaid and Quarto ```{mermaid} as <pre class="mermaid">', () => {
    expect(slideTitled(deck, 'Flow').html).toContain('<pre class="mermaid">flowchart LR\n  x --&gt; y</pre>');
    expect(slideTitled(deck, 'Quarto form').html).toContain('<pre class="mermaid">flowchart TD\n  a --&gt; b</pre>');
  });

  it('sets usesMermaid but not usesCode', () => {
    expect(deck.usesMermaid).toBe(true);
    expect(deck.usesCode).toBe(false);
  });
});

describe('Quarto raw blocks and executable cells', () => {
  const fence = (info: string, body: string): string => '```' + info + '\n' + body + '\n```\n';

  it('passes {=html} through as HTML, seen like any raw HTML (widgets, images)', () => {
    const deck = compileDeck(fence('{=html}', '<b class="x">bold</b>\n<img src="pic.png">'), 'x.md');
    expect(deck.slides[0]!.html).toBe('<b class="x">bold</b>\n<img src="pic.png">\n');
    expect(deck.slides[0]!.assets).toEqual([{ url: 'pic.png', line: 2 }]);
    expect(deck.diagnostics).toEqual([]);
  });

  it('renders {=tex} and {=latex} math with KaTeX: an environment, $$…$$, \\newcommand for later formulas', () => {
    const deck = compileDeck(
      fence('{=tex}', '\\begin{gather*}\na_1=b_1\n\\end{gather*}') +
        '\n' +
        fence('{=latex}', '$$\\sum_i x_i$$') +
        '\n' +
        fence('{=tex}', '\\newcommand{\\loss}{\\mathcal{L}}') +
        '\n$\\loss$ and $\\mathcal{L}$\n',
      'x.md',
    );
    const html = deck.slides[0]!.html;
    expect(html.match(/<span class="katex-display">/g)).toHaveLength(2);
    expect(html).not.toContain('<pre>');
    expect(html).toContain('<annotation encoding="application/x-tex">\\loss</annotation>');
    const [macro, expansion] = [...html.matchAll(/<span class="katex-html"[\s\S]*?<\/span><\/span><\/span>/g)].slice(-2).map((m) => m[0]);
    expect(macro).toBe(expansion);
    expect(deck.diagnostics).toEqual([]);
  });

  it('shows {=tex} text that is not math as code, with a warning; drops other raw formats with one warning each', () => {
    const deck = compileDeck(
      '## A\n\n' + fence('{=tex}', '\\vspace{1em}') + '\n' + fence('{=typst}', '#pagebreak()') + '\n' + fence('{=typst}', '#v(1em)') + '\n' + fence('{=openxml}', '<w:p/>'),
      'x.md',
    );
    expect(deck.slides[0]!.html).toBe('<h2>A</h2>\n<pre><code class="language-latex">\\vspace{1em}</code></pre>\n');
    expect(deck.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [3, 'warning', 'this `{=tex}` block is not a formula, so it is shown as code: Axon renders raw TeX only as math, with KaTeX'],
      [7, 'warning', '`{=typst}` blocks are left out: a reveal.js deck shows only `{=html}` and `{=tex}` math'],
      [15, 'warning', '`{=openxml}` blocks are left out: a reveal.js deck shows only `{=html}` and `{=tex}` math'],
    ]);
  });

  it('shows {python}, {r}, {ojs} cells as code without their #| options, one warning per kind at the first', () => {
    const deck = compileDeck(
      '## Cells\n\n' +
        fence('{python}', '#| echo: false\n#| label: fig-x\nimport numpy') +
        '\n' +
        fence('{python}', 'print(1)') +
        '\n' +
        fence('{r}', 'plot(cars)') +
        '\n' +
        fence('{ojs}', '//| echo: false\nviewof x = Inputs.range()') +
        '\n' +
        fence('python', 'not a cell') +
        '\n' +
        fence('{.python}', 'not a cell either'),
      'x.md',
    );
    expect(deck.slides[0]!.html).toContain('<pre><code class="language-python">import numpy</code></pre>');
    expect(deck.slides[0]!.html).toContain('<pre><code class="language-ojs">viewof x = Inputs.range()</code></pre>');
    expect(deck.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, '`{python}` cells are shown as code, not run: Axon does not execute code'],
      [13, '`{r}` cells are shown as code, not run: Axon does not execute code'],
      [17, '`{ojs}` cells are shown as code, not run: Axon does not execute code'],
    ]);
  });

  it('does not warn about {mermaid}, which Axon draws', () => {
    expect(compileDeck(fence('{mermaid}', 'flowchart LR\n  a --> b'), 'x.md').diagnostics).toEqual([]);
  });
});
