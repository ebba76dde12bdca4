/** `plugins:` in the front matter: reveal.js's own plugin names load; anything else is a warning, not silence. */
import { describe, expect, it } from 'vitest';
import { readRevealPlugins } from './reveal-plugins.ts';
import { compileDeck } from './index.ts';

describe('readRevealPlugins', () => {
  const read = (value: unknown) => {
    const warnings: string[] = [];
    return { names: readRevealPlugins(value, (message) => warnings.push(message)), warnings };
  };

  it('keeps the plugins reveal.js ships, once each, whatever their case or RevealX spelling', () => {
    expect(read(['search', 'Zoom', 'RevealHighlight', 'math', 'search'])).toEqual({ names: ['search', 'zoom', 'highlight', 'math'], warnings: [] });
    expect(read('notes').names).toEqual(['notes']);
    expect(read(undefined).names).toEqual([]);
  });

  it('warns about every other name, saying which ones Axon has', () => {
    const { names, warnings } = read(['menu', 'zoom', 3]);
    expect(names).toEqual(['zoom']);
    expect(warnings).toEqual(['unknown reveal.js plugin `menu` in `plugins`: it is not loaded', 'unknown reveal.js plugin 3 in `plugins`: it is not loaded']);
  });
});

describe('plugins in a deck', () => {
  it('an unknown plugin is a file:line warning at the plugins line; known ones reach the page', () => {
    const deck = compileDeck('---\ntitle: T\nplugins: [search, chalkboard]\n---\n\n## A\n', 'deck.qmd');
    expect(deck.diagnostics).toEqual([expect.objectContaining({ file: 'deck.qmd', line: 3, severity: 'warning', message: expect.stringContaining('`chalkboard`') })]);
    expect(deck.revealOptions.plugins).toEqual(['search']);
  });

  it('also under Quarto’s format: revealjs:', () => {
    const deck = compileDeck('---\ntitle: T\nformat:\n  revealjs:\n    plugins: [zoom, menu]\n---\n\n## A\n', 'deck.qmd');
    expect(deck.revealOptions.plugins).toEqual(['zoom']);
    expect(deck.diagnostics).toHaveLength(1);
  });
});
