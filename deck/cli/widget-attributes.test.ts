/**
 * `axon build` checks widget attributes against the widgets' settings tables: a mistyped name or a refused
 * value is a `file:line` warning in the terminal, and fails `--strict`, before anything is bundled.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function deckFolder(markdown: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'axon-widget-attrs-'));
  folders.push(folder);
  writeFileSync(join(folder, 'deck.md'), markdown);
  return folder;
}

describe('axon build --strict and widget attributes', () => {
  it('fails on a mistyped attribute and a refused value, naming deck.md:LINE for each', { timeout: 120_000 }, () => {
    const folder = deckFolder(
      [
        '---', // 1
        'title: Regularisation',
        '---',
        '',
        '## Weight decay', // 5
        '',
        '<nn-playground regularisation="l2" regularisation-rate="0.01"', // 7: the British spellings are aliases
        '  layer="3"', // 8
        '  learning-rate="50"></nn-playground>', // 9
        '',
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), 'build', folder, '--strict', '--out', join(folder, 'site')], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('deck.md:8: widget attribute warning: `layer` is not an attribute of <nn-playground> — did you mean `layers`?');
    expect(result.stderr).toMatch(/deck\.md:9: widget attribute warning: <nn-playground> learning-rate="50" is outside 0\.00001…10 — using 0\.03/);
    expect(result.stderr).not.toMatch(/regularisation/);
    expect(result.stderr).toMatch(/2 problems \(listed above\) and --strict is set/);
  });
});
