/**
 * What Quarto's own revealjs demo deck (quarto-web, docs/presentations/revealjs/demo/index.qmd) showed wrong
 * in Axon, each kept fixed on a deck of our own (fixtures/quarto/demo-constructs.md): shortcodes inside link
 * targets, project metadata for `{{< meta >}}`, a slide footer after a `. . .` pause, `fig-align`, inline code
 * on a dark slide, and the deck's own stylesheets (`css:`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import source from './fixtures/quarto/demo-constructs.md?raw';
import { compileDeck } from './index.ts';
import { slideTitled } from './test-support.ts';
import type { CompileOptions } from './types.ts';

const FILE = 'deck/compile/fixtures/quarto/demo-constructs.md';
const COURSE_CSS = '.framed { border: 2px solid #ccc; background: url(../pictures/paper.png); }\n/* </style><script>x</script> */';
const PROJECT: CompileOptions = {
  projectMeta: [{ 'site-host': 'teach.example.org' }, { 'site-host': 'outer.example.org' }],
  files: { 'theme/course.css': COURSE_CSS },
};
const deck = compileDeck(source, FILE, PROJECT);
const warnings = deck.diagnostics.filter((d) => d.severity === 'warning');

describe('{{< meta >}} inside a link target', () => {
  const html = slideTitled(deck, 'Reading list').html;

  it('is a link whose target holds the value (from the nearest project metadata)', () => {
    expect(html).toContain('<a href="https://teach.example.org/week-1.html#reading">Week one</a>');
    expect(html).not.toContain('](');
  });

  it('works in the deck footer and a slide footer', () => {
    expect(deck.footer).toContain('<a href="https://teach.example.org/notes">Course site</a>');
    expect(html).toContain('<a href="https://teach.example.org/archive">Archive</a>');
  });

  it('keeps the link when the key is unknown, showing ?meta:key as Quarto does, with one warning per key', () => {
    expect(html).toContain('<a href="https://?meta:missing-hostexample.org/week-2.html">Week two</a>');
    const missing = warnings.filter((d) => d.message.includes('missing-host'));
    expect(missing).toHaveLength(1);
    expect(missing[0]!.line).toBe(15);
    expect(missing[0]!.message).toContain('_quarto.yml');
  });

  it('is left as written inside a code span, where markdown-it shows shortcodes as text', () => {
    const shown = compileDeck('## Syntax\n\nWrite `[site](https://{{< meta site-host >}}/x)` in a deck.\n', FILE, PROJECT);
    expect(shown.slides[0]!.html).toContain('<code>[site](https://{{&lt; meta site-host &gt;}}/x)</code>');
  });

  it('reads the front matter before the project', () => {
    const own = compileDeck(source.replace('title: "Demo constructs"', 'title: "Demo constructs"\nsite-host: own.example.org'), FILE, PROJECT);
    expect(own.footer).toContain('https://own.example.org/notes');
  });

  it('without project metadata the key is missing (and warned once)', () => {
    const alone = compileDeck(source, FILE);
    expect(alone.diagnostics.filter((d) => d.message.includes('`site-host`'))).toHaveLength(1);
    expect(slideTitled(alone, 'Reading list').html).toContain('<a href="https://?meta:site-host/week-1.html#reading">');
  });
});

describe('a slide footer after a . . . pause', () => {
  const slide = slideTitled(deck, 'Revealed step by step');

  it('is not part of the step: it stays a direct part of the slide, pinned to its foot from the start', () => {
    const fragmentEnd = slide.html.lastIndexOf('</div>', slide.html.indexOf('axon-slide-footer'));
    expect(slide.html).toMatch(/<div class="fragment"[^>]*>\s*<p>Second thought, one click later.<\/p>\s*<\/div>\s*<div class="axon-slide-footer">/);
    expect(fragmentEnd).toBeGreaterThan(0);
    expect(slide.attrs.class).toContain('has-footer');
  });
});

describe('fig-align on an image', () => {
  const html = slideTitled(deck, 'A centred picture').html;

  it('centres, or puts right, with block margins, and the attribute itself is not passed on', () => {
    expect(html).toMatch(/<img src="pictures\/board.png" alt="" style="width:600px;display:block;margin:0 auto;"/);
    expect(html).toMatch(/<img src="pictures\/chalk.png" alt="" style="display:block;margin:0 0 0 auto;"/);
    expect(html).not.toContain('fig-align');
  });

  it('an unknown value leaves the image as it is', () => {
    expect(html).toMatch(/<img src="pictures\/eraser.png" alt="">/);
  });
});

describe('inline code on a slide with a dark background', () => {
  it('gets a dark chip (the light theme chip would hide its light text)', () => {
    // Read as text (Vite hands a test no CSS): the theme, not the compiler, is what this checks.
    const themeCss = readFileSync(new URL('../../assets/theme/axon.css', import.meta.url), 'utf8');
    const rule = /section\.has-dark-background\s*\{([^}]*)\}/.exec(themeCss)?.[1] ?? '';
    expect(rule).toMatch(/--axon-code-bg:\s*rgba\(15, 23, 42/);
    expect(slideTitled(deck, 'Dark slide').attrs['data-background']).toBe('#1f2430');
  });
});

describe('css: the deck\'s own stylesheets', () => {
  const first = deck.slides[0]!;

  it('are put, in order, at the start of the first slide, their url()s made relative to the deck and copied', () => {
    expect(first.html.startsWith('<style data-axon-css="theme/course.css">')).toBe(true);
    expect(first.html).toContain('.framed { border: 2px solid #ccc; background: url("pictures/paper.png"); }');
    expect(first.assets).toContainEqual({ url: 'pictures/paper.png', line: 4 });
  });

  it('cannot end their <style> element early', () => {
    expect(first.html).not.toContain('</style><script>');
  });

  it('a stylesheet on the web or not found is a warning at the css key (here its `format:`); neither is a reveal.js option', () => {
    const atCss = warnings.filter((d) => d.line === 4).map((d) => d.message);
    expect(atCss).toEqual([
      'the stylesheet https://cdn.example.org/remote.css is on the web: it is not loaded, so the deck works offline',
      'the stylesheet theme/absent.css was not found',
    ]);
    expect(deck.revealOptions).not.toHaveProperty('css');
  });
});

describe('preview links', () => {
  it('preview-links: auto (Quarto: only in fullscreen) is not handed to reveal.js as a true value', () => {
    expect(deck.revealOptions.previewLinks).toBe(false);
    expect(compileDeck('---\npreview-links: true\n---\n\n## A\n', FILE).revealOptions.previewLinks).toBe(true);
  });

  it('a link\'s preview-link attribute is reveal\'s data-preview-link', () => {
    expect(slideTitled(deck, 'Looking things up').html).toContain('<a href="https://glossary.example.org/" data-preview-link="true">The glossary</a>');
  });
});
