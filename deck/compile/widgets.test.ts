import { describe, expect, it } from 'vitest';
import { compileDeck, formatDiagnostic } from './index.ts';
import { compileFixture, slideTitled } from './test-support.ts';

describe('widgets', () => {
  const deck = compileFixture('widgets', { widgets: ['demo-sigmoid'] });

  it('passes registered widgets through untouched and lists them', () => {
    const slide = slideTitled(deck, 'A live widget');
    expect(slide.html).toContain('<demo-sigmoid value="0"></demo-sigmoid>');
    expect(slide.widgets).toEqual(['demo-sigmoid']);
    expect(deck.widgets).toEqual(['demo-sigmoid']);
  });

  it('lists every custom element per slide, once each, ignoring reserved SVG names, comments and code', () => {
    expect(slideTitled(deck, 'Unknown ones').widgets).toEqual(['demo-sigmod', 'fancy-chart', 'demo-sigmoid']);
  });

  it('marks unknown widgets for the placeholder CSS', () => {
    const html = slideTitled(deck, 'Unknown ones').html;
    expect(html).toContain('<demo-sigmod data-axon-unknown-widget="demo-sigmod" value="1"></demo-sigmod>');
    expect(html).toContain('<fancy-chart data-axon-unknown-widget="fancy-chart" data="x"></fancy-chart>');
    expect(html).toContain('<demo-sigmoid></demo-sigmoid>');
    expect(html).toContain('<font-face></font-face>');
  });

  it('warns about each unknown widget at the line of its tag: "did you mean" for a close one, else the registered list', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'deck/compile/fixtures/widgets.md:11: unknown widget warning: <demo-sigmod> is not a registered widget — did you mean <demo-sigmoid>?',
      'deck/compile/fixtures/widgets.md:14: unknown widget warning: <fancy-chart> is not a registered widget — check the spelling or write it beside the deck with `axon new widget fancy-chart`; registered widgets: <demo-sigmoid>',
    ]);
  });

  it('treats every custom element as unknown when none are registered', () => {
    const bare = compileDeck('<demo-sigmoid></demo-sigmoid>\n', 'x.md');
    expect(bare.widgets).toEqual([]);
    expect(bare.diagnostics).toMatchObject([{ kind: 'unknown widget', line: 1, hint: expect.stringMatching(/no widgets are registered/) }]);
  });
});
