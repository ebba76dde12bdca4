import { describe, expect, it } from 'vitest';
import { compileDeck, formatDiagnostic, renderSlides } from './index.ts';
import type { FragmentSource } from './types.ts';
import source from '../../slides/sample.md?raw';
import { widgetTags } from '../../components/registry.ts';
import neuronSvg from '../../slides/img/neuron.svg?raw';
import { findLocalWidgets } from '../vite/local-widgets.ts';

// slides/sample.md is the newcomer's reference, so it must stay clean and keep showing every feature.
describe('slides/sample.md', () => {
  // The folder's own widgets (slides/widgets/<tag>.ts) are known to its decks, as axon build makes them.
  const localTags = findLocalWidgets('slides', widgetTags).widgets.map((widget) => widget.tag);
  const deck = compileDeck(source, 'slides/sample.md', { widgets: [...widgetTags, ...localTags] });
  const html = renderSlides(deck);
  const content = deck.slides.filter((slide) => slide.kind === 'content');

  it('compiles without diagnostics', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('is a short lecture with a title slide and section slides', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(15);
    // Short: the tour's own slides (about 20) and one slide per widget at most, as it shows every widget.
    expect(deck.slides.length).toBeLessThanOrEqual(20 + widgetTags.length + localTags.length);
    expect(deck.slides[0]).toMatchObject({ kind: 'title', title: 'Axon in one deck: a tour' });
    expect(deck.slides.filter((slide) => slide.kind === 'section').length).toBeGreaterThanOrEqual(1);
    expect(deck.revealOptions).toMatchObject({ slideNumber: true });
  });

  it('has speaker notes on every content slide', () => {
    expect(content.filter((slide) => slide.notes.trim() === '').map((slide) => slide.title)).toEqual([]);
  });

  it('uses every registered widget, and the folder\'s own', () => {
    expect(localTags).toEqual(['relu-unit']);
    expect([...deck.widgets].sort()).toEqual([...widgetTags, ...localTags].sort());
    expect(html).toContain('<demo-sigmoid value="0"></demo-sigmoid>');
  });

  it('has fragments of every source', () => {
    const sources = new Set(deck.slides.flatMap((slide) => slide.fragments.map((fragment) => fragment.source)));
    const all: FragmentSource[] = ['pause', 'incremental', 'class', 'element', 'code-step'];
    expect([...sources].sort()).toEqual([...all].sort());
    const effects = new Set(deck.slides.flatMap((slide) => slide.fragments.flatMap((fragment) => fragment.effects)));
    expect(effects.size).toBeGreaterThanOrEqual(3);
  });

  it('shows math, code, mermaid, columns, every callout, a figure and a vertical stack', () => {
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain('<span class="katex">');
    expect(deck.usesCode).toBe(true);
    expect(html).toContain('<code class="language-python" data-line-numbers="');
    expect(deck.usesMermaid).toBe(true);
    expect(html).toContain('<pre class="mermaid">');
    expect(html).toMatch(/<div class="columns">\n<div class="column" style="width:\d+%;">/);
    for (const type of ['note', 'tip', 'warning', 'important', 'caution']) {
      expect(html).toContain(`<div class="callout callout-${type}" role="note">`);
    }
    expect(html).toMatch(/<figure><img src="img\/neuron\.svg" [^>]*style="width:[^"]+"><figcaption>/);
    expect(deck.slides.some((slide) => slide.v > 0)).toBe(true);
    expect(html).not.toContain('katex-error');
    expect(html).not.toContain('axon-error');
  });

  it('uses heading attributes, a .slide comment, .incremental and .nonincremental lists', () => {
    const attrs = deck.slides.map((slide) => slide.attrs);
    expect(attrs.some((a) => a.class?.split(' ').includes('smaller'))).toBe(true);
    expect(attrs.some((a) => a['data-background-color'] && a['data-transition'])).toBe(true);
    expect(source).toMatch(/<!-- \.slide: /);
    expect(html).toContain('<div class="incremental">');
    expect(html).toContain('<div class="nonincremental">');
  });

  it('uses deck macros and \\newcommand, and ships its image', () => {
    expect(source).toContain('\\newcommand');
    expect(deck.slides.flatMap((slide) => slide.assets.map((asset) => asset.url))).toContain('img/neuron.svg');
    expect(neuronSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
