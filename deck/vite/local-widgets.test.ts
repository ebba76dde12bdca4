import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AxonError, findDecks, loadDeck } from './deck-files.ts';
import { findLocalWidgets, isInLocalWidgetsFolder, localWidgetsModule, suggestedTag } from './local-widgets.ts';

const BUILT_IN = ['ua-fitter', 'demo-sigmoid'];
let folder: string;

/** Writes files (path relative to the deck folder → content) into a fresh deck folder. */
function write(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'axon-local-widgets-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('finding the widgets beside the decks', () => {
  it('takes widgets/<tag>.ts and .js, by tag, and leaves helpers, other files and subfolders alone', () => {
    write({
      'widgets/relu-unit.ts': '',
      'widgets/bar-chart.js': '',
      'widgets/maths.ts': '', // no hyphen: a helper
      'widgets/relu-unit.model.ts': '', // a dot: a helper
      'widgets/relu-unit.test.ts': '',
      'widgets/_draft-widget.ts': '',
      'widgets/notes-file.md': '',
      'widgets/parts/inner-part.ts': '',
    });
    const found = findLocalWidgets(folder, BUILT_IN);
    expect(found.problems).toEqual([]);
    expect(found.widgets).toEqual([
      { tag: 'bar-chart', file: join(folder, 'widgets/bar-chart.js') },
      { tag: 'relu-unit', file: join(folder, 'widgets/relu-unit.ts') },
    ]);
  });

  it('finds none where there is no widgets folder', () => {
    expect(findLocalWidgets(folder, BUILT_IN)).toEqual({ widgets: [], problems: [] });
  });

  it('refuses a built-in tag, a name that is no tag, and one tag in two files, each naming its file', () => {
    write({ 'widgets/ua-fitter.ts': '', 'widgets/Relu-Unit.ts': '', 'widgets/dup-tag.ts': '', 'widgets/dup-tag.js': '', 'widgets/fine-one.ts': '' });
    const found = findLocalWidgets(folder, BUILT_IN);
    expect(found.widgets.map((w) => w.tag)).toEqual(['fine-one']);
    expect(found.problems).toEqual([
      { file: join(folder, 'widgets/Relu-Unit.ts'), message: expect.stringMatching(/"Relu-Unit" cannot be a widget tag: .* rename the file \(e\.g\. relu-unit\.ts\)/) },
      { file: join(folder, 'widgets/ua-fitter.ts'), message: expect.stringMatching(/<ua-fitter> is a built-in widget of Axon — rename this file .*my-ua-fitter\.ts/) },
      { file: join(folder, 'widgets/dup-tag.ts'), message: 'dup-tag.js and dup-tag.ts both define <dup-tag> — keep one of them' },
    ]);
  });

  it('suggests a tag near what was written', () => {
    expect(suggestedTag('Relu_Unit')).toBe('relu-unit');
    expect(suggestedTag('2d-plot')).toBe('x2d-plot');
    expect(suggestedTag('gauge')).toBe('gauge-widget');
  });

  it('knows the files of the widgets folder (which the dev server serves), and nothing else', () => {
    expect(isInLocalWidgetsFolder(folder, join(folder, 'widgets/relu-unit.ts'))).toBe(true);
    expect(isInLocalWidgetsFolder(folder, join(folder, 'widgets/parts/x.ts'))).toBe(true);
    expect(isInLocalWidgetsFolder(folder, join(folder, 'widgets'))).toBe(false);
    expect(isInLocalWidgetsFolder(folder, join(folder, 'widgets-old/x.ts'))).toBe(false);
    expect(isInLocalWidgetsFolder(folder, join(folder, 'talk.md'))).toBe(false);
    expect(isInLocalWidgetsFolder(folder, join(folder, '../widgets/x.ts'))).toBe(false);
  });

  it('lists each widget in the virtual module with its own dynamic import', () => {
    const source = localWidgetsModule(folder, [{ tag: 'relu-unit', file: join(folder, 'widgets/relu-unit.ts') }]);
    expect(source).toContain(`"relu-unit": { file: "widgets/relu-unit.ts", load: () => import(${JSON.stringify(join(folder, 'widgets/relu-unit.ts'))}) },`);
    expect(localWidgetsModule(folder, [])).toContain('export const localWidgets = {\n\n};');
  });
});

describe('decks in a folder with widgets of its own', () => {
  const DECK = '## A unit\n\n<relu-unit w="2"></relu-unit>\n\n<nope-widget></nope-widget>\n';

  it('compiles a local tag as a widget (no red box, no warning) and still reports a tag no one defines', () => {
    write({ 'talk.md': DECK, 'widgets/relu-unit.ts': '' });
    const [entry] = findDecks(folder).decks;
    const loaded = loadDeck(entry!, BUILT_IN);
    expect(loaded.deck.widgets).toEqual(['relu-unit']);
    const html = loaded.deck.slides.map((slide) => slide.html).join('');
    expect(html).toContain('<relu-unit w="2"></relu-unit>');
    expect(html).toContain('data-axon-unknown-widget="nope-widget"');
    expect(loaded.diagnostics.map((d) => d.message)).toEqual(['<nope-widget> is not a registered widget']);
    expect(loaded.diagnostics[0]?.hint).toContain('axon new widget nope-widget');
  });

  it('without the widget file the same tag is an unknown widget', () => {
    write({ 'talk.md': DECK });
    const [entry] = findDecks(folder).decks;
    const loaded = loadDeck(entry!, BUILT_IN);
    expect(loaded.deck.widgets).toEqual([]);
    expect(loaded.diagnostics.map((d) => d.message)).toContain('<relu-unit> is not a registered widget');
  });

  it('stops the deck at widgets/<tag>.ts:1 when a local widget takes a built-in tag', () => {
    write({ 'talk.md': DECK, 'widgets/ua-fitter.ts': '' });
    const [entry] = findDecks(folder).decks;
    expect(() => loadDeck(entry!, BUILT_IN)).toThrow(AxonError);
    expect(() => loadDeck(entry!, BUILT_IN)).toThrow(/widgets\/ua-fitter\.ts:1: <ua-fitter> is a built-in widget of Axon — rename this file/);
  });
});
