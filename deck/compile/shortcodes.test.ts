import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import type { CompiledDeck } from './types.ts';

const messages = (deck: CompiledDeck): string[] => deck.diagnostics.map((d) => `${d.line}: ${d.message}`);
const FRONT = '---\ntitle: Week 3\nfooter: "Deep *learning*"\nformat:\n  revealjs:\n    footer: Nested\n---\n\n## S\n\n';

describe('shortcodes', () => {
  it('kbd: the generic keys as <kbd>, else a platform\'s', () => {
    const html = compileDeck('## S\n\n{{< kbd Ctrl-S mac=Cmd-S >}} and {{< kbd mac=Cmd-Q >}}\n', 's.md').slides[0]!.html;
    expect(html).toContain('<kbd>Ctrl-S</kbd> and <kbd>Cmd-Q</kbd>');
  });

  it('meta: the front-matter value, Markdown rendered, dotted keys for nested values', () => {
    const html = compileDeck(`${FRONT}{{< meta title >}} / {{< meta footer >}} / {{< meta format.revealjs.footer >}}\n`, 's.md').slides[1]!.html;
    expect(html).toContain('Week 3 / Deep <em>learning</em> / Nested');
  });

  it('meta: an unknown key warns at its line and shows ?meta:key', () => {
    const deck = compileDeck(`${FRONT}Text\n{{< meta nope.deeper >}}\n`, 's.md');
    expect(deck.slides[1]!.html).toContain('?meta:nope.deeper');
    expect(messages(deck)).toEqual([
      '12: `{{< meta nope.deeper >}}`: neither the front matter nor the Quarto project (_quarto.yml, _metadata.yml) has a text value `nope.deeper`, so it shows as ?meta:nope.deeper here and wherever else it is used',
    ]);
  });

  it('video: a local file plays in the slide and is a deck asset; a remote one is a link with a warning', () => {
    const deck = compileDeck('## S\n\n{{< video clip.mp4 width="400" title="A clip" >}}\n\n{{< video https://www.youtube.com/watch?v=x >}}\n', 's.md');
    const slide = deck.slides[0]!;
    expect(slide.html).toContain('<video class="axon-video" controls preload="metadata" src="clip.mp4" width="400" title="A clip" aria-label="A clip"></video>');
    expect(slide.assets).toEqual([{ url: 'clip.mp4', line: 3 }]);
    expect(slide.html).toContain('<a class="axon-video-link" href="https://www.youtube.com/watch?v=x">');
    expect(messages(deck)).toEqual(['5: the video https://www.youtube.com/watch?v=x is on the web: it will not play offline, so it is shown as a link']);
  });

  it('pagebreak: nothing', () => {
    expect(compileDeck('## S\n\nA {{< pagebreak >}}B\n', 's.md').slides[0]!.html).toContain('<p>A B</p>');
  });

  it('any other shortcode shows as written, with one warning per name at its first line', () => {
    const deck = compileDeck('## S\n\n{{< include a.qmd >}}\n\n{{< include b.qmd >}} {{< lipsum 2 >}}\n', 's.md');
    expect(deck.slides[0]!.html).toContain('{{&lt; include a.qmd &gt;}}');
    expect(messages(deck)).toEqual([
      '3: the Quarto shortcode `{{< include >}}` is not one Axon knows, so it is shown as text',
      '5: the Quarto shortcode `{{< lipsum >}}` is not one Axon knows, so it is shown as text',
    ]);
  });

  it('is never read inside code, and {{{< … >}}} shows the shortcode itself', () => {
    const deck = compileDeck('## S\n\n`{{< kbd X >}}` and {{{< kbd Y >}}}\n\n```\n{{< include z >}}\n```\n', 's.md');
    expect(deck.slides[0]!.html).toContain('<code>{{&lt; kbd X &gt;}}</code> and {{&lt; kbd Y &gt;}}');
    expect(deck.diagnostics).toEqual([]);
  });
});
