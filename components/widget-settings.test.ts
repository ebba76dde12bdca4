/**
 * The build checks widget attributes against components/widget-settings.ts: it must hold the very table each
 * widget reads, for every registered widget, and load in plain Node (the CLI, the dev server's compile worker)
 * without Lit or TF.js.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { widgetTags } from './registry.ts';
import { widgetSettings } from './widget-settings.ts';

const ROOT = join(import.meta.dirname, '..');

describe('the widgets\' settings tables for the build', () => {
  it('has each registered widget\'s own table', async () => {
    for (const tag of widgetTags) {
      const model = (await import(`./${tag}/${tag}.model.ts`)) as Record<string, unknown>;
      expect(Object.values(model), `<${tag}>'s entry in components/widget-settings.ts is the table its model exports`).toContain(widgetSettings[tag]);
    }
    expect(Object.keys(widgetSettings).filter((tag) => !widgetTags.includes(tag))).toEqual([]);
  });

  it('loads in plain Node quickly, without Lit or TF.js', { timeout: 60_000 }, () => {
    const script = [
      "const started = performance.now();",
      "const { widgetSettings } = await import('./components/widget-settings.ts');",
      "console.log(JSON.stringify({ ms: performance.now() - started, tags: Object.keys(widgetSettings).length,",
      "  lit: 'litHtmlVersions' in globalThis || 'litElementVersions' in globalThis, tf: '_tfengine' in globalThis }));",
    ].join('\n');
    // Twice: the first run fills tsx's transform cache, as the first build on a machine does.
    let report = { ms: 0, tags: 0, lit: true, tf: true };
    for (let run = 0; run < 2; run++) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
      expect(child.stderr).toBe('');
      report = JSON.parse(child.stdout) as typeof report;
    }
    expect(report).toMatchObject({ tags: widgetTags.length, lit: false, tf: false });
    expect(report.ms).toBeLessThan(1500);
  });
});
