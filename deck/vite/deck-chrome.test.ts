import { describe, expect, it } from 'vitest';
import { compileDeck } from '../compile/index.ts';
import { deckPageShell } from './pages.ts';

describe('the deck page shows front-matter footer and logo outside the slides, as Quarto does', () => {
  it('renders both after the slides, inside .reveal', () => {
    const page = deckPageShell('talk', compileDeck('---\nfooter: "Week *3*"\nlogo: "img/logo & co.png"\n---\n\n## A\n', 'talk.md'));
    expect(page).toContain('<div class="slides"><!--axon:slides--></div>\n<div class="footer footer-default axon-deck-footer"><p>Week <em>3</em></p></div>\n<img class="slide-logo axon-deck-logo" src="img/logo &#38; co.png" alt="">\n</div>');
  });

  it('adds nothing when neither is set', () => {
    expect(deckPageShell('talk', compileDeck('## A\n', 'talk.md'))).toContain('<div class="slides"><!--axon:slides--></div>\n</div>');
  });
});
