import { describe, expect, it } from 'vitest';
import { compileDeck } from './index.ts';
import { parseLayout } from './quarto-layout.ts';

const slide = (markdown: string) => compileDeck(markdown, 'x.md').slides[0]!;

describe('callout options', () => {
  it('collapse="true" is a closed <details> whose <summary> is the title', () => {
    expect(slide('::: {.callout-note collapse="true"}\n## Open me\nHidden.\n:::\n').html).toBe(
      '<details class="callout callout-note" role="note">\n<summary class="callout-title">Open me</summary>\n' +
        '<div class="callout-body">\n<p>Hidden.</p>\n</div>\n</details>\n',
    );
  });

  it('collapse="false" is an open <details>, titled by its type when it has no title', () => {
    const html = slide('::: {.callout-tip collapse=false}\nShown.\n:::\n').html;
    expect(html).toMatch(/^<details class="callout callout-tip" role="note" open="">\n<summary class="callout-title">Tip<\/summary>/);
    expect(html).not.toContain('collapse');
  });

  it('appearance="simple" and "minimal" become classes; untitled, they show no type name (as Quarto)', () => {
    const simple = slide('::: {.callout-warning appearance="simple"}\nx\n:::\n').html;
    expect(simple).toBe('<div class="callout callout-warning callout-style-simple" role="note">\n<div class="callout-body">\n<p>x</p>\n</div>\n</div>\n');
    const minimal = slide('::: {.callout-warning appearance="minimal" title="T"}\nx\n:::\n').html;
    expect(minimal).toContain('<div class="callout callout-warning callout-style-minimal no-icon" role="note">\n<div class="callout-title">T</div>');
  });

  it('icon=false drops the icon; the default callout is unchanged', () => {
    expect(slide('::: {.callout-important icon=false}\nx\n:::\n').html).toContain('<div class="callout callout-important no-icon" role="note">\n<div class="callout-title">Important</div>');
    expect(slide('::: {.callout-important}\nx\n:::\n').html).toContain('<div class="callout callout-important" role="note">\n<div class="callout-title">Important</div>');
  });
});

describe('aside and a slide footer', () => {
  const deck = compileDeck('## A\n\n::: aside\nSmall print.\n:::\n\nBody.\n\n::: footer\nOwn footer\n:::\n\nMore.\n\n## B\n\nNo footer.\n', 'x.md');

  it('moves ::: aside to the end of the slide as <aside class="aside">', () => {
    expect(deck.slides[0]!.html).toMatch(/<p>More\.<\/p>\n<aside class="aside">\n<p>Small print\.<\/p>\n<\/aside>\n/);
  });

  it('makes ::: footer the slide\'s own footer, last, and marks the slide has-footer', () => {
    expect(deck.slides[0]!.html).toMatch(/<div class="axon-slide-footer">\n<p>Own footer<\/p>\n<\/div>\n$/);
    expect(deck.slides[0]!.attrs.class).toBe('has-footer');
    expect(deck.slides[1]!.attrs.class).toBeUndefined();
  });

  it('leaves an aside inside a column where it is', () => {
    const html = slide('::: columns\n::: column\n::: aside\nIn the column.\n:::\n:::\n:::\n\nAfter.\n').html;
    expect(html.indexOf('<aside class="aside">')).toBeLessThan(html.indexOf('<p>After.</p>'));
  });
});

describe('.absolute', () => {
  it('places an image: bare numbers are px, the rest is CSS', () => {
    expect(slide('![](a.png){.absolute top=200 left=0 width="350"}\n').html).toBe(
      '<p><img src="a.png" alt="" class="absolute" style="top:200px;left:0px;width:350px;"></p>\n',
    );
  });

  it('places a div', () => {
    expect(slide('::: {.absolute bottom=10 right="5%" height=100}\nBox\n:::\n').html).toBe(
      '<div class="absolute" style="right:5%;bottom:10px;height:100px;">\n<p>Box</p>\n</div>\n',
    );
  });

  it('leaves top= alone on anything that is not .absolute', () => {
    expect(slide('![](a.png){top=5}\n').html).toContain('top="5"');
  });
});

describe('layout grids', () => {
  it('layout-ncol=2: a two-column grid whose cells are the figures', () => {
    expect(slide('::: {layout-ncol=2}\n![One](a.png)\n\n![Two](b.png)\n:::\n').html).toBe(
      '<div class="quarto-layout quarto-layout-grid" style="grid-template-columns:minmax(0,1fr) minmax(0,1fr);">\n' +
        '<figure><img src="a.png" alt="One"><figcaption>One</figcaption></figure>\n' +
        '<figure><img src="b.png" alt="Two"><figcaption>Two</figcaption></figure>\n</div>\n',
    );
  });

  it('layout="[1,20]": those fractions; images in one paragraph are one cell each', () => {
    const html = slide('::: {layout="[1,20]"}\n![](a.png)\n![](b.png)\n:::\n').html;
    expect(html).toBe(
      '<div class="quarto-layout quarto-layout-grid" style="grid-template-columns:minmax(0,1fr) minmax(0,20fr);">\n' +
        '<p><img src="a.png" alt=""></p>\n<p><img src="b.png" alt=""></p>\n</div>\n',
    );
  });

  it('layout-nrow=2 with four cells: two columns', () => {
    expect(slide('::: {layout-nrow=2}\na\n\nb\n\nc\n\nd\n:::\n').html).toContain('grid-template-columns:minmax(0,1fr) minmax(0,1fr);');
  });

  it('layout="[[1,1],[1]]": two cells on the first row, one filling the second', () => {
    const html = slide('::: {layout="[[1,1],[1]]"}\n![A](a.png)\n![B](b.png)\n![C](c.png)\n:::\n').html;
    expect(html).toContain('<div class="quarto-layout quarto-layout-rows">');
    expect(html.match(/<figure style="[^"]*"/g)).toEqual(['<figure style="flex:0 0 50%;"', '<figure style="flex:0 0 50%;"', '<figure style="flex:0 0 100%;"']);
  });

  it('a negative width is space before the next cell', () => {
    expect(slide('::: {layout="[40,-20,40]"}\nleft\n\nright\n:::\n').html).toContain('<p style="flex:0 0 40%;margin-left:20%;">right</p>');
  });

  it('parseLayout reads rows and rejects what is not a layout', () => {
    expect(parseLayout('[1, 20]')).toEqual([[1, 20]]);
    expect(parseLayout('[[1,1],[1]]')).toEqual([[1, 1], [1]]);
    expect(parseLayout('[1, "a"]')).toBeUndefined();
    expect(parseLayout('[]')).toBeUndefined();
    expect(parseLayout('nonsense')).toBeUndefined();
  });
});
