/**
 * The widgets bundle's shape: stable entry names, one module per widget, a relative base, and never a file of
 * the deck's written over. e2e/widgets-anywhere.spec.ts loads what it builds on a plain page.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { widgetTags } from '../../components/registry.ts';
import { PACKAGE_ROOT } from './plugin.ts';
import { ALL_WIDGETS_ENTRY, WIDGETS_FOLDER, oneWidgetModule, widgetEntries, widgetsBundleConfig } from './widgets-bundle.ts';

const made: string[] = [];
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('widgetEntries', () => {
  it('names axon-widgets and every registered widget by its tag, nothing else', () => {
    const entries = widgetEntries(widgetTags);
    expect(Object.keys(entries).sort()).toEqual([ALL_WIDGETS_ENTRY, ...widgetTags].sort());
    expect(entries[ALL_WIDGETS_ENTRY]).toBe(join(PACKAGE_ROOT, 'deck/client/standalone-widgets.ts'));
    expect(entries['ua-fitter']).toBe('axon-widget:ua-fitter');
  });
});

describe('oneWidgetModule', () => {
  it('defines that tag alone, then looks after its elements, through the shared runtime', () => {
    const code = oneWidgetModule('dna-onehot');
    const runtime = JSON.stringify(join(PACKAGE_ROOT, 'deck/client/standalone.ts'));
    expect(code).toContain(`from ${runtime}`);
    expect(code).toContain('await defineWidgets(["dna-onehot"]);');
    expect(code).toContain('await watchPage(["dna-onehot"]);');
    expect(code).not.toContain('ua-fitter');
  });
});

describe('widgetsBundleConfig', () => {
  it('builds into <out>/widgets with a relative base, unhashed entry names and no emptying', () => {
    const config = widgetsBundleConfig({ siteOutDir: '/tmp/site', tags: ['ua-fitter'] });
    expect(config.base).toBe('./');
    expect(config.configFile).toBe(false);
    expect(config.build?.outDir).toBe(join('/tmp/site', WIDGETS_FOLDER));
    expect(config.build?.emptyOutDir).toBe(false);
    const rollup = config.build?.rollupOptions;
    expect(rollup?.preserveEntrySignatures).toBe('exports-only');
    expect(rollup?.output).toEqual({ entryFileNames: '[name].js' });
    expect(rollup?.input).toEqual(widgetEntries(['ua-fitter']));
  });

  it('refuses to write over a file the deck build put in widgets/, and leaves it as it was', { timeout: 120_000 }, async () => {
    const site = mkdtempSync(join(tmpdir(), 'axon-widgets-bundle-'));
    made.push(site);
    mkdirSync(join(site, WIDGETS_FOLDER));
    const deckFile = join(site, WIDGETS_FOLDER, 'demo-sigmoid.js');
    writeFileSync(deckFile, '// the deck author’s own file\n');
    await expect(build(widgetsBundleConfig({ siteOutDir: site, tags: ['demo-sigmoid'], logLevel: 'silent' }))).rejects.toThrow(
      /widgets\/demo-sigmoid\.js is both a file a deck refers to and one of Axon's widget modules — rename the deck's widgets\/ folder/,
    );
    expect(readFileSync(deckFile, 'utf8')).toBe('// the deck author’s own file\n');
  });
});
