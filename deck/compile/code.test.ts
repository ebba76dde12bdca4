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
