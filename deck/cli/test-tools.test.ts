/**
 * `npm test` starts with deck/cli/test-tools.ts: on a machine without a Chromium or poppler's PDF tools it stops
 * with one line naming the Debian packages to install, not Playwright's advice to download a browser.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'deck', 'cli', 'test-tools.ts');
/** A PATH holding node and nothing else: no chromium, no pdftoppm. */
const bare = mkdtempSync(join(tmpdir(), 'axon-bare-path-'));
symlinkSync(process.execPath, join(bare, 'node'));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

function check(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, encoding: 'utf8', env });
}

describe('npm test’s first step', () => {
  it('stops with one line naming what to install when the browser and the PDF tools are missing', () => {
    const { CHROMIUM_PATH: _unset, ...rest } = process.env;
    // Playwright's own browser would count as a browser: point its cache at an empty folder.
    const result = check({ ...rest, PATH: bare, PLAYWRIGHT_BROWSERS_PATH: bare });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('apt-get install chromium poppler-utils');
    expect(result.stderr).not.toContain('npx playwright install');
  });

  it('names only the PDF tools when a browser is given by CHROMIUM_PATH', () => {
    const result = check({ ...process.env, PATH: bare, CHROMIUM_PATH: process.execPath, PLAYWRIGHT_BROWSERS_PATH: bare });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('lacks poppler-utils');
    expect(result.stderr).not.toContain('chromium and');
  });

  it('passes quietly on a machine that has both', () => {
    const result = check({ ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
