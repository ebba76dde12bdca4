import { describe, expect, it } from 'vitest';
import { widgetSettings } from '../../components/widget-settings.ts';
import { boolean, choice, defineSettings, number } from '../../components/shared/runtime/settings.ts';
import { decodeAttributeValue, scanHtml, type HtmlTag } from './html-scan.ts';
import { compileDeck, formatDiagnostic } from './index.ts';
import { checkWidgetAttributes, closestWord, editDistance, isStandardAttribute } from './widget-attributes.ts';

/** A small table in the shape every widget's is (components/shared/runtime/settings.ts). */
const table = defineSettings({
  learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number({ min: 0.0001, max: 1 }), default: 0.1 },
  regularization: { attribute: 'regularization', aliases: ['regularisation'], parse: choice(['none', 'l1', 'l2']), default: 'none' },
  layers: { attribute: 'layers', parse: number(), default: 2 },
  autoplay: { attribute: 'autoplay', parse: boolean(), default: false },
});

/** The findings for the first tag of `html`, each as `attribute-or-tag: message — hint`. */
function check(html: string): string[] {
  const tag = scanHtml(html).find((item): item is HtmlTag => item.kind === 'open')!;
  return checkWidgetAttributes(tag, table).map((finding) => `${html.slice(finding.offset).match(/^[^\s=>]+/)![0]}: ${finding.message} — ${finding.hint}`);
}

describe('checking one widget use against its settings table', () => {
  it('accepts what the table reads, its aliases, bare switches and the standard attributes', () => {
    expect(check('<my-widget lr="0.3" regularisation="l2" layers="3" autoplay>')).toEqual([]);
    const standard = 'id="a" class="fragment" style="width: 50%" title="t" hidden lang="en" dir="ltr" tabindex="0" slot="s" part="p" role="img"';
    expect(check(`<my-widget ${standard} aria-label="x" data-fragment-index="2" data-id="w" onclick="go()">`)).toEqual([]);
  });

  it('names an unknown attribute with the closest one the widget reads', () => {
    expect(check('<my-widget regularizaton="l2">')).toEqual(['regularizaton: `regularizaton` is not an attribute of <my-widget> — did you mean `regularization`?']);
    expect(check('<my-widget layer="3">')).toEqual(['layer: `layer` is not an attribute of <my-widget> — did you mean `layers`?']);
  });

  it('lists what the widget reads when no attribute is close', () => {
    expect(check('<my-widget colour="red">')).toEqual([
      'colour: `colour` is not an attribute of <my-widget> — <my-widget> reads `lr`, `regularization`, `layers`, `autoplay` (see the README\'s Widgets table)',
    ]);
  });

  it("reports a refused value in the table's own words, the ones the slide shows", () => {
    const shown = table.read({ attribute: (name) => (name === 'lr' ? '5' : null) }).warnings;
    expect(shown).toEqual(['lr="5" is outside 0.0001…1 — using 0.1']);
    expect(check('<my-widget lr="5">')).toEqual([`lr: <my-widget> ${shown[0]} — the slide shows the same warning: write a value <my-widget> accepts (see the README's Widgets table)`]);
    expect(check('<my-widget regularisation="l3">')).toEqual([expect.stringMatching(/^regularisation: <my-widget> regularisation="l3" is not one of none, l1, l2 — using none — /)]);
  });

  it('reads the value as a browser does: entities decoded, the first of two kept', () => {
    expect(check('<my-widget regularization="&#108;2" lr="0&#46;5">')).toEqual([]);
    const twice = check('<my-widget lr="0.5" lr="7">');
    expect(twice).toEqual(['lr: `lr` is written twice on <my-widget> — HTML keeps the first, lr="0.5", and ignores this one: delete the one you do not mean']);
  });

  it('decodes every character reference in a value, as the browser does', () => {
    expect(decodeAttributeValue('caf&eacute; &#108;2 &#x41; &quot;q&quot; a&amp;b &nosuch;')).toBe('café l2 A "q" a&b &nosuch;');
    expect(decodeAttributeValue('say "hi"')).toBe('say "hi"');
  });

  it('says which of two spellings of one setting is used', () => {
    expect(check('<my-widget learning-rate="0.5" lr="0.2">')).toEqual([
      'lr: `learning-rate` and `lr` on <my-widget> are the same setting — <my-widget> uses lr="0.2": delete the other',
    ]);
  });

  it('leaves values that a template or a script fills in alone', () => {
    expect(check('<my-widget lr="{rate}" layers="${n}">')).toEqual([]);
  });
});

describe('words close to a misspelling', () => {
  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('lyaers', 'layers')).toBe(1);
    expect(editDistance('regularisation', 'regularization')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('offers only a close word, more leniently for long ones', () => {
    expect(closestWord('ua-fiter', ['nn-playground', 'ua-fitter'])).toBe('ua-fitter');
    expect(closestWord('lx', ['lr', 'layers'])).toBe('lr');
    expect(closestWord('zz', ['lr', 'layers'])).toBeUndefined();
    expect(closestWord('fancy-chart', ['ua-fitter', 'nn-playground', 'gd-parabola'])).toBeUndefined();
  });

  it('knows the standard attribute families', () => {
    for (const name of ['id', 'class', 'aria-hidden', 'data-x', 'onclick']) expect(isStandardAttribute(name)).toBe(true);
    for (const name of ['data', 'aria', 'layer', 'on']) expect(isStandardAttribute(name)).toBe(false);
  });
});

describe('a deck built with the widgets\' tables', () => {
  const deck = compileDeck(
    [
      '## Regularisation', // 1
      '',
      '<nn-playground regularisation="l2"', // 3
      '  layer="3" activation="relu"', // 4
      '  activation="tanh"', // 5
      '  learning-rate="50"></nn-playground>', // 6
      '',
      'Inline: <ua-fiter></ua-fiter> <ua-fitter optimiser="adam"></ua-fitter>', // 8
    ].join('\n'),
    'deck.md',
    { widgets: ['nn-playground', 'ua-fitter'], widgetSettings },
  );

  it('warns at the line of each attribute in a tag over several lines, as `widget attribute` warnings', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'deck.md:4: widget attribute warning: `layer` is not an attribute of <nn-playground> — did you mean `layers`?',
      'deck.md:5: widget attribute warning: `activation` is written twice on <nn-playground> — HTML keeps the first, activation="relu", and ignores this one: delete the one you do not mean',
      expect.stringMatching(/^deck\.md:6: widget attribute warning: <nn-playground> learning-rate="50" is outside 0\.00001…10 — using 0\.03 — /),
      'deck.md:8: unknown widget warning: <ua-fiter> is not a registered widget — did you mean <ua-fitter>?',
    ]);
    expect(deck.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('checks nothing when the caller gives no tables', () => {
    const bare = compileDeck('<nn-playground layer="3"></nn-playground>\n', 'deck.md', { widgets: ['nn-playground'] });
    expect(bare.diagnostics).toEqual([]);
  });
});
