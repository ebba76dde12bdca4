// Property tests: decks assembled at random from the deck grammar's pieces (and from hostile repetitions
// of them) never make the compiler throw anything but a DeckError, and always give slides. Seeded, so a
// failure reproduces; fast-check prints the shrunk deck that broke it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import { DeckError, type CompiledDeck } from './types.ts';

const SEED = 20_261_207;

const BLOCK_PIECES = [
  '# Section',
  '## Exercise',
  '## Title {#intro .center background-color="#123"}',
  '---',
  '--',
  '. . .',
  '```python {code-line-numbers="|2|4-5"}',
  '```js [1|2-3]',
  '```{mermaid}',
  '```',
  '::: {.fragment .fade-in}',
  '::: {.columns}',
  '::: {.column width="40%"}',
  '::: notes',
  '::: {.callout-note title="Careful"}',
  '::: incremental',
  ':::',
  '::::',
  '<!-- .slide: class="dark" data-background-color="#123" -->',
  '<!-- .slide: data-background-image="img/a.png" -->',
  '<!-- .element: class="fragment" data-fragment-index="2" -->',
  '<div class="fragment fade-up">',
  '<div class="r-stack">',
  '</div>',
  '<ua-fitter seed="3" width="400"></ua-fitter>',
  '<x-unknown a="1">',
  '</x-unknown>',
  '<!--',
  '-->',
  '$$',
  '\\frac{a}{b} + \\newcommand{\\R}{\\mathbb{R}} \\R',
  '- item one',
  '  - nested item',
  '1. first',
  '> quote',
  '| a | b |',
  '|---|---|',
  '| 1 {rowspan=9} | 2 |',
  'Note: speaker notes',
  '![A figure](img/a.png){width=50%}',
  '    indented code',
  '[ref]: https://example.com',
  '',
];

const INLINE_PIECES = [
  'text',
  ' ',
  '$x^2$',
  '$',
  '\\(a\\)',
  '`code`',
  '`',
  '**bold**',
  '*',
  '_',
  '[span]{.fragment}',
  '[link](https://example.com)',
  '[',
  ']',
  '{',
  '}',
  '{.fragment}',
  '<span class="fragment">',
  '</span>',
  '<x-w>',
  '<!-- .element: class="fragment" -->',
  '<!-- .slide: class="x" -->',
  '<',
  '&amp;',
  '\\',
  'é',
  '\t',
];

const YAML_PIECES = [
  'title: A lecture',
  'subtitle: "with **bold** and $x$"',
  'author: [Ada, Alan]',
  'incremental: true',
  'incremental: maybe',
  'theme: dark',
  'macros: {R: "\\\\mathbb{R}"}',
  'macros: 3',
  'format: {revealjs: {slide-number: true}}',
  'a: &a [1, 2]',
  'b: *a',
  'c: *missing',
  ': no key',
  '  - stray item',
  '[',
  'title: {',
  'key: "unclosed',
  '\t tab',
  '',
];

const inlineRun = fc.array(fc.oneof(fc.constantFrom(...INLINE_PIECES), fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join(''));
const line = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...BLOCK_PIECES) }, { weight: 2, arbitrary: inlineRun });
const lineBreak = fc.constantFrom('\n', '\n', '\n\n', '\r\n', '\r');
const body = fc.array(fc.tuple(line, lineBreak), { maxLength: 40 }).map((pairs) => pairs.map(([text, end]) => text + end).join(''));
const frontMatter = fc.option(
  fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 6 }).map((lines) => `---\n${lines.join('\n')}\n---\n`),
  { nil: '' },
);
const deck = fc.tuple(frontMatter, body).map(([yaml, text]) => yaml + text);

/** One piece repeated many times: the shape of input that used to take minutes. */
const hostile = fc
  .tuple(fc.constantFrom(...BLOCK_PIECES, ...INLINE_PIECES), fc.constantFrom('', ' ', '\n', '\n\n'), fc.integer({ min: 50, max: 800 }))
  .map(([piece, separator, count]) => (piece + separator).repeat(count));

/** Compiles, and fails the property if anything but a DeckError escapes or no slides come back. */
function compiles(markdown: string): CompiledDeck | DeckError {
  let deck: CompiledDeck;
  try {
    deck = compileDeck(markdown, 'prop.md', { widgets: ['ua-fitter'] });
  } catch (error) {
    if (!(error instanceof DeckError)) throw error;
    expect(error.message).toMatch(/^prop\.md:\d+: .+ — .+/);
    expect(error.message).not.toContain('\n');
    return error;
  }
  expect(Array.isArray(deck.slides)).toBe(true);
  if (/\S/.test(markdown)) expect(deck.slides.length).toBeGreaterThan(0);
  for (const slide of deck.slides) expect(typeof slide.html).toBe('string');
  return deck;
}

describe('any deck compiles or fails with a DeckError', () => {
  it('random decks built from the grammar (front matter, separators, divs, comments, HTML, math, attributes)', () => {
    fc.assert(
      fc.property(deck, (markdown) => {
        compiles(markdown);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('one piece of the grammar repeated hundreds of times', () => {
    fc.assert(
      fc.property(hostile, (markdown) => {
        compiles(markdown);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('CRLF and CR-only line endings compile exactly as LF', () => {
    const lfDeck = fc.tuple(frontMatter, fc.array(line, { maxLength: 30 })).map(([yaml, lines]) => yaml + lines.join('\n'));
    fc.assert(
      fc.property(lfDeck, fc.constantFrom('\r\n', '\r'), (markdown, ending) => {
        const lf = compiles(markdown);
        const other = compiles(markdown.replace(/\n/g, ending));
        if (lf instanceof DeckError || other instanceof DeckError) {
          expect(String(other)).toBe(String(lf));
        } else {
          expect(other.slides).toEqual(lf.slides);
          expect(other.diagnostics).toEqual(lf.diagnostics);
          expect(other.meta).toEqual(lf.meta);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
