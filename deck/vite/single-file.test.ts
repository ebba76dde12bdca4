/**
 * The single-file build's inlining helpers (single-file-inline.ts) and its warnings: what goes into the page, what
 * stays a link, and that nothing in the code can end the page's <script> early. The whole build, opened from disk
 * with the network blocked, is e2e/single-file.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from './plugin.ts';
import type { CompiledDeck } from '../compile/types.ts';
import { needsNoEngine, webResourceWarnings } from './single-file.ts';
import {
  CODE_ELEMENT_ID,
  dataUrl,
  dataUrlText,
  dropFontFacesFromCode,
  inlineBundle,
  inlineFileUrls,
  keepWidgets,
  keepWoff2Only,
  mediaType,
  scriptSafeJson,
  styleSafeCss,
  webResources,
} from './single-file-inline.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('inlineBundle', () => {
  const page = `<!doctype html><html><head>
<script type="module" crossorigin src="./assets/deck-abc.js"></script>
<link rel="modulepreload" crossorigin href="./assets/dep.js">
<link rel="stylesheet" crossorigin href="./assets/style-x.css">
</head><body></body></html>`;
  const files: Record<string, string> = {
    './assets/deck-abc.js': 'const tag = "</script><!--<script>"; window.ran = tag;',
    './assets/style-x.css': 'a::after{content:"</style>"}',
  };

  it('puts the code in as JSON that holds no "<" (so no </script> or <!-- inside it) and decodes to the same text', () => {
    const html = inlineBundle(page, (url) => files[url]);
    const json = new RegExp(`<script type="application/json" id="${CODE_ELEMENT_ID}">(.*?)</script>`, 's').exec(html)?.[1];
    expect(json).toBeDefined();
    expect(json).not.toContain('<');
    expect(JSON.parse(json!)).toBe(files['./assets/deck-abc.js']);
    // One bootstrap module script runs it; nothing is left that names the files beside the page.
    expect(html.match(/<script type="module">/g)).toHaveLength(1);
    expect(html).not.toContain('./assets/');
    expect(html).not.toContain('modulepreload');
  });

  it('puts the stylesheet in a <style> that its text cannot close early', () => {
    const html = inlineBundle(page, (url) => files[url]);
    expect(html).toContain('<style>a::after{content:"<\\/style>"}</style>');
    expect(styleSafeCss('x</STYLE>')).toBe('x<\\/STYLE>');
  });

  it('tells the reader which kind it asks for, and fails naming the file it cannot read', () => {
    const kinds: string[] = [];
    inlineBundle(page, (url, kind) => (kinds.push(kind), files[url]));
    expect(kinds).toEqual(['script', 'style']);
    expect(() => inlineBundle(page, () => undefined)).toThrow(/names \.\/assets\/deck-abc\.js, which the build did not write/);
  });

  it('refuses a page with two module scripts (a single file carries one)', () => {
    const two = `${page}<script type="module" src="./assets/b.js"></script>`;
    expect(() => inlineBundle(two, () => 'x')).toThrow(/2 module scripts/);
  });

  it('scriptSafeJson survives a round trip of any text', () => {
    const text = 'a</script>b<!--c\u2028d"e\\f`g${h}';
    expect(JSON.parse(scriptSafeJson(text))).toBe(text);
    expect(scriptSafeJson(text)).not.toContain('<');
  });
});

describe('inlineFileUrls', () => {
  const files: Record<string, string> = { 'img/a.png': 'PNG', 'img/b c.svg': '<svg/>', 'data/points.csv': 'x,y\n1,2\n', '_external/images/logo.png': 'LOGO' };
  const load = (url: string) => (files[url] === undefined ? undefined : bytes(files[url]!));

  it('turns pictures, backgrounds, srcset, style url() and a widget data= file into data: URLs', () => {
    const html = [
      '<img src="img/a.png" alt="">',
      '<img src="img/b%20c.svg">',
      '<section data-background-image="img/a.png"></section>',
      '<img srcset="img/a.png 1x, img/b%20c.svg 2x">',
      '<div style="background: url(\'img/a.png\')"></div>',
      '<ua-fitter data="data/points.csv"></ua-fitter>',
      '<img class="slide-logo" src="_external/images/logo.png">',
    ].join('\n');
    const { html: out, inlined } = inlineFileUrls(html, load);
    const png = dataUrl(bytes('PNG'), 'a.png');
    expect(out).toContain(`<img src="${png}" alt="">`);
    expect(out).toContain(`src="${dataUrl(bytes('<svg/>'), 'b c.svg')}"`);
    expect(out).toContain(`data-background-image="${png}"`);
    expect(out).toContain(`srcset="${png} 1x, data:image/svg+xml;base64,`);
    expect(out).toContain(`url('${png}')`);
    expect(out).toContain(`data="data:text/csv;base64,${Buffer.from('x,y\n1,2\n').toString('base64')}"`);
    expect(out).toContain('data:image/png;base64,TE9HTw==');
    expect(inlined.sort()).toEqual(['_external/images/logo.png', 'data/points.csv', 'img/a.png', 'img/b c.svg']);
  });

  it('leaves links to pages, anchors, web addresses and files the build did not write as they are', () => {
    const html = '<a href="index.html">All</a><a href="#/intro">x</a><a href="https://example.org/a.png">w</a><img src="img/missing.png"><a href="other.html#/2">o</a>';
    expect(inlineFileUrls(html, load).html).toBe(html);
  });
});

describe('webResources and their warnings', () => {
  const html = `<section><img src="https://example.org/cat.png"><a href="https://example.org/">a link is fine</a>
<video poster="//cdn.example.org/p.jpg"></video><section data-background-image="http://example.org/bg.jpg"></section>
<iframe src="https://www.youtube.com/embed/x"></iframe><img src="img/local.png"></section>`;

  it('finds what a slide loads from the web, not the links a reader may follow', () => {
    expect(webResources(html)).toEqual([
      { tag: 'img', url: 'https://example.org/cat.png' },
      { tag: 'video', url: '//cdn.example.org/p.jpg' },
      { tag: 'section', url: 'http://example.org/bg.jpg' },
      { tag: 'iframe', url: 'https://www.youtube.com/embed/x' },
    ]);
  });

  it('names the deck file and the line the address is on, and what to do', () => {
    const source = '---\ntitle: x\n---\n\n## Cats\n\n![](https://example.org/cat.png)\n';
    const [first] = webResourceWarnings('<img src="https://example.org/cat.png">', { name: 'cats', file: '/d/cats.md', displayFile: 'slides/cats.md' }, source);
    expect(first).toBe(
      'slides/cats.md:7: <img> loads https://example.org/cat.png from the web; the single file shows it only when online — save the file beside the deck and refer to it by its path',
    );
  });
});

describe('fonts', () => {
  const face = (family: string) =>
    `@font-face{font-family:${family};src:url(data:font/woff2;base64,AAAA)format("woff2"),url(data:font/woff;base64,BBBB)format("woff"),url(data:font/ttf;base64,CCCC)format("truetype")}`;

  it('keeps only the WOFF2 source of a face that offers one', () => {
    expect(keepWoff2Only(face('KaTeX_Main'))).toBe('@font-face{font-family:KaTeX_Main;src:url(data:font/woff2;base64,AAAA)format("woff2")}');
    const only = '@font-face{font-family:X;src:url(x.ttf) format("truetype")}';
    expect(keepWoff2Only(only)).toBe(only);
  });

  it("drops the code's copies of inlined font faces and nothing else", () => {
    const code = `const css = \`.katex{font:1em KaTeX_Main}${face('KaTeX_Main')}.x{color:red}\`;`;
    expect(dropFontFacesFromCode(code)).toBe('const css = `.katex{font:1em KaTeX_Main}.x{color:red}`;');
  });
});

describe('keepWidgets', () => {
  const registry = readFileSync(join(PACKAGE_ROOT, 'components/registry.ts'), 'utf8');

  it("keeps the deck's widgets' imports and replaces every other one (checked on the real registry)", () => {
    const kept = keepWidgets(registry, new Set(['ua-fitter', 'nn-playground']));
    expect(kept).toContain("import('./ua-fitter/ua-fitter.ts')");
    expect(kept).toContain("import('./nn-playground/nn-playground.ts')");
    expect(kept).not.toContain("import('./conv-explorer/conv-explorer.ts')");
    expect(kept).toContain("'conv-explorer': { load: () => Promise.reject(new Error('<conv-explorer> is not in this single-file deck");
    // Every registered widget but the two is left out: no other dynamic import remains.
    expect(kept.match(/import\('\.\//g)).toHaveLength(2);
  });
});

describe('needsNoEngine', () => {
  const deck = (widgets: string[], backend = '') => ({ widgets, backend }) as unknown as CompiledDeck;

  it('leaves the engine out only when no widget trains and no backend is asked for', () => {
    expect(needsNoEngine(deck([]))).toBe(true);
    expect(needsNoEngine(deck(['mp-neuron', 'activation-explorer']))).toBe(true);
    expect(needsNoEngine(deck(['mp-neuron', 'ua-fitter']))).toBe(false);
    expect(needsNoEngine(deck([], 'wasm'))).toBe(false);
    // A deck folder's own widget may train through the engine: it stays.
    expect(needsNoEngine(deck(['my-own-widget']))).toBe(false);
  });
});

describe('small helpers', () => {
  it('media types and data: URLs', () => {
    expect(mediaType('a/B.PNG')).toBe('image/png');
    expect(mediaType('x.unknown')).toBe('application/octet-stream');
    expect(dataUrl(bytes('hi'), 'x.csv')).toBe('data:text/csv;base64,aGk=');
    expect(dataUrlText('data:text/javascript;base64,YWxlcnQoMSk=')).toBe('alert(1)');
    expect(dataUrlText('data:text/plain,a%20b')).toBe('a b');
    expect(dataUrlText('./assets/x.js')).toBeUndefined();
  });
});
