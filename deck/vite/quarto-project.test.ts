/**
 * Quarto's own demo deck is `demo/index.qmd` inside the quarto-web project, and reads
 * `{{< meta prerelease-subdomain >}}` from the project's `_quarto.yml`. Both must work unchanged.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AxonError, findDecks, loadDeck, pageName, quartoProjectMeta } from './deck-files.ts';

const root = mkdtempSync(join(tmpdir(), 'axon-quarto-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('a deck named index (Quarto: demo/index.qmd)', () => {
  it('becomes a page named after its folder, since index.html is the deck index', () => {
    expect(pageName('/talks/demo/index.qmd')).toBe('demo');
    expect(pageName('/talks/demo/INDEX.md')).toBe('demo');
    expect(pageName('/talks/demo/intro.qmd')).toBe('intro');
  });

  it('is found as a deck file and in a folder', () => {
    const file = write('site/demo/index.qmd', '## Hello\n');
    expect(findDecks(file).decks.map((d) => d.name)).toEqual(['demo']);
    expect(findDecks(join(root, 'site/demo')).decks.map((d) => d.name)).toEqual(['demo']);
  });

  it('beside a deck already named after the folder, both are named in the error', () => {
    write('clash/demo/index.md', '## A\n');
    write('clash/demo/demo.md', '## B\n');
    expect(() => findDecks(join(root, 'clash/demo'))).toThrow(AxonError);
    expect(() => findDecks(join(root, 'clash/demo'))).toThrow(/demo\.md and .*index\.md would both be demo\.html/);
  });
});

describe('the Quarto project metadata {{< meta >}} falls back to', () => {
  write('web/_quarto.yml', "project:\n  type: website\nsub: ''\nhost: project.example.org\n");
  write('web/docs/_metadata.yml', 'host: docs.example.org\n');
  const deck = write('web/docs/talks/index.qmd', '---\ntitle: T\n---\n\n## Links\n\n[site](https://{{< meta sub >}}quarto.org) on {{< meta host >}}\n');

  it('is each _metadata.yml from the deck up to the project root, nearest first, then _quarto.yml', () => {
    expect(quartoProjectMeta(join(root, 'web/docs/talks'))).toEqual([{ host: 'docs.example.org' }, { project: { type: 'website' }, sub: '', host: 'project.example.org' }]);
  });

  it('outside a project there is none (a stray _metadata.yml is not read)', () => {
    write('loose/_metadata.yml', 'host: x\n');
    expect(quartoProjectMeta(join(root, 'loose'))).toEqual([]);
  });

  it('fills the shortcodes of a deck, with no warning', () => {
    const { deck: compiled, diagnostics } = loadDeck(findDecks(deck).decks[0]!, []);
    const html = compiled.slides.find((s) => s.title === 'Links')!.html;
    expect(html).toContain('<a href="https://quarto.org">site</a> on docs.example.org');
    expect(diagnostics).toEqual([]);
  });
});

describe('css: a deck\'s stylesheets are read next to it for the compiler', () => {
  it('puts the file\'s rules on the first slide', () => {
    write('styled/theme/look.css', '.border { border: 1px solid #dee2e6; }\n');
    const file = write('styled/talk.qmd', '---\nformat:\n  revealjs:\n    css: theme/look.css\n---\n\n## A\n');
    const { deck, diagnostics } = loadDeck(findDecks(file).decks[0]!, []);
    expect(deck.slides[0]!.html).toContain('<style data-axon-css="theme/look.css">\n.border { border: 1px solid #dee2e6; }');
    expect(diagnostics).toEqual([]);
  });
});
