import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';

const TABSET = [
  '## Loss functions', // line 1
  '',
  '::: {.panel-tabset}',
  '### Squared error',
  '',
  'Penalises big misses: $(y - \\hat y)^2$.',
  '',
  '### Cross-entropy',
  '',
  'For probabilities.',
  '',
  '#### A deeper heading stays in its tab',
  ':::',
  '',
].join('\n');

/** The parsed slide: its HTML as a document fragment, so tests read roles and ids as a browser would. */
function slideHtml(markdown: string, file = 'deck.md'): { html: string; warnings: string[] } {
  const deck = compileDeck(markdown, file);
  return {
    html: deck.slides.map((slide) => slide.html).join('\n'),
    warnings: deck.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`),
  };
}

/** Every `attr="value"` of the first tag matching `pattern`. */
function attributesOf(html: string, pattern: RegExp): Record<string, string> {
  const tag = html.match(pattern)?.[0];
  if (!tag) throw new Error(`no tag matching ${pattern} in:\n${html}`);
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('panel-tabset', () => {
  const { html, warnings } = slideHtml(TABSET);

  it('turns each heading of the first level into a tab, titled by the heading', () => {
    const tabs = [...html.matchAll(/<button[^>]*role="tab"[^>]*>([\s\S]*?)<\/button>/g)].map((m) => m[1]);
    expect(tabs).toEqual(['Squared error', 'Cross-entropy']);
    expect(html).toMatch(/<div class="axon-tablist" role="tablist">/);
    expect(warnings).toEqual([]);
  });

  it('links tabs and panels both ways (aria-controls, aria-labelledby), first tab selected and in the tab order', () => {
    const first = attributesOf(html, /<button[^>]*>/);
    const second = attributesOf(html, /<button[^>]*>(?=Cross)/);
    expect(first).toMatchObject({ 'aria-selected': 'true', tabindex: '0' });
    expect(second).toMatchObject({ 'aria-selected': 'false', tabindex: '-1' });
    for (const tab of [first, second]) {
      const panel = attributesOf(html, new RegExp(`<div[^>]*id="${tab['aria-controls']}"[^>]*>`));
      expect(panel).toMatchObject({ role: 'tabpanel', 'aria-labelledby': tab.id });
    }
  });

  it('keeps every panel shown with its heading (stacked without the client, and on paper), deeper headings inside', () => {
    expect(html).not.toMatch(/\shidden[\s>=]/);
    expect(html).toContain('<h3 class="axon-tab-heading">Squared error</h3>');
    const secondPanel = html.slice(html.indexOf('<h3 class="axon-tab-heading">Cross-entropy'));
    expect(secondPanel).toMatch(/^[\s\S]*<h4>A deeper heading stays in its tab<\/h4>\n<\/div>\n<\/div>/);
    // The formula in the first tab is rendered, and sits inside its panel.
    expect(html).toMatch(/role="tabpanel"[^>]*>\n<h3[^>]*>Squared error<\/h3>\n<p>Penalises big misses: <span class="katex">/);
  });

  it('gives ids unique in the deck, even for two tabsets on two slides and a slide named like them', () => {
    const twice = `${TABSET}\n## tabset-2-0-1\n\n${TABSET.replace('## Loss functions', '## Again')}`;
    const { html } = slideHtml(twice);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses the tabset’s own #id for its tab ids, and turns Quarto’s group= into data-tabset-group', () => {
    const { html } = slideHtml('::: {.panel-tabset #langs group="language"}\n## R\nr\n## Python\npy\n:::\n');
    expect(html).toMatch(/<div class="panel-tabset axon-tabset" id="langs" data-axon-tabset="" data-tabset-group="language">/);
    expect(attributesOf(html, /<button[^>]*>/)).toMatchObject({ id: 'langs-tab-1', 'aria-controls': 'langs-panel-1' });
  });

  it('keeps headings of nested divs (a callout) inside the tab, and handles a tabset in a tab', () => {
    const nested = [
      '::: {.panel-tabset}',
      '### Outer A',
      '::: {.callout-note}',
      '### Callout title',
      'body',
      ':::',
      '::: {.panel-tabset}',
      '#### Inner 1',
      'one',
      '#### Inner 2',
      'two',
      ':::',
      '### Outer B',
      'b',
      ':::',
      '',
    ].join('\n');
    const { html, warnings } = slideHtml(nested);
    const tabs = [...html.matchAll(/role="tab"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(tabs).toEqual(['Outer A', 'Outer B', 'Inner 1', 'Inner 2']);
    expect(html).toContain('<div class="callout-title">Callout title</div>');
    expect(html.match(/role="tabpanel"/g)).toHaveLength(4);
    // Balanced markup: as many <div as </div>.
    expect(html.match(/<div[\s>]/g)!.length).toBe(html.match(/<\/div>/g)!.length);
    expect(warnings).toEqual([]);
  });

  it('warns at file:line about a tabset with no headings, and leaves it a plain div', () => {
    const { html, warnings } = slideHtml('## Slide\n\n::: {.panel-tabset}\nJust text.\n:::\n', 'lecture.md');
    expect(warnings).toEqual([expect.stringMatching(/^lecture\.md:3: this `panel-tabset` has no headings/)]);
    expect(html).not.toContain('role="tab');
    expect(html).toContain('<p>Just text.</p>');
  });

  it('warns about content before the first heading and keeps it above the tabs', () => {
    const { html, warnings } = slideHtml('## S\n\n::: {.panel-tabset}\nIntro.\n\n### A\na\n:::\n');
    expect(warnings).toEqual([expect.stringMatching(/^deck\.md:3: .*content before its first heading/)]);
    expect(html).toMatch(/<\/div>\n<p>Intro.<\/p>\n<div class="axon-tabpanel"/);
  });

  it('leaves slides without tabsets as they were', () => {
    const { html } = slideHtml('## Plain\n\n::: {.columns}\n### Not a tab\n:::\n');
    expect(html).toBe('<h2>Plain</h2>\n<div class="columns">\n<h3>Not a tab</h3>\n</div>\n');
  });
});
