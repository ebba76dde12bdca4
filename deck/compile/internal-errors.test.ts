// compileDeck throws only DeckError: a failure inside markdown-it, a plugin or Axon's own rules is named at
// file:line like any other problem, and a plugin's logged failure becomes a diagnostic.
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileDeck, DeckError } from './index.ts';
import { markdown } from './markdown.ts';

/** An inline rule that throws on `BOOM`, as a buggy plugin might (markdown-it is shared: the rule stays for this file). */
markdown().inline.ruler.before('text', 'test_fail_on_boom', (state) => {
  if (state.src.startsWith('BOOM', state.pos)) throw new TypeError('cannot read properties of undefined');
  return false;
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('an unexpected exception while compiling', () => {
  afterEach(() => vi.restoreAllMocks());

  it('while markdown-it reads a paragraph: a DeckError at that paragraph, naming the original error', () => {
    const error = thrown(() => compileDeck('## One\n\ntext\n\n## Two\n\nBOOM here\n\nlater text\n', 'slides/x.md'));
    expect(error).toBeInstanceOf(DeckError);
    expect(error).toMatchObject({ file: 'slides/x.md', line: 7 });
    expect((error as DeckError).message).toMatch(
      /^slides\/x\.md:7: the compiler failed here \(TypeError: cannot read properties of undefined\) — this is a bug in Axon, please report it/,
    );
  });

  it('while building a slide: at that slide\'s line', () => {
    // A token markdown-it-attrs never made: `attrs` holds something that is not a list of pairs.
    markdown().core.ruler.push('test_bad_attrs', (state: StateCore) => {
      for (const token of state.tokens) if (token.type === 'heading_open' && token.map?.[0] === 4) token.attrs = [['x'] as unknown as [string, string], null as unknown as [string, string]];
    });
    try {
      const error = thrown(() => compileDeck('## One\n\ntext\n\n## Two\n', 'y.md'));
      expect(error).toMatchObject({ name: 'DeckError', line: 5 });
    } finally {
      markdown().core.ruler.disable('test_bad_attrs');
    }
  });

  it('a markdown-it-attrs failure (rowspan past the table) is a warning, not console noise', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const deck = compileDeck('## Table\n\n| a | b |\n|---|---|\n| 1 {rowspan=9} | 2 |\n', 'z.md');
    expect(console).not.toHaveBeenCalled();
    expect(deck.diagnostics).toEqual([
      expect.objectContaining({ line: 5, severity: 'warning', kind: 'markdown', message: expect.stringContaining('could not be applied (markdown-it-attrs, tables tbody calculate') }),
    ]);
    expect(deck.slides[0]!.html).toContain('<table>');
  });
});
