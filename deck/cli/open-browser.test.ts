/** `--open` on a machine with no desktop browser: the URL and one line, never a stack trace. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand, openInBrowser } from './open-browser.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('browserCommand', () => {
  it('is none on Linux without a display, and follows BROWSER', () => {
    expect(browserCommand('linux', {})).toBeUndefined();
    expect(browserCommand('linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(browserCommand('linux', { BROWSER: 'firefox' })).toEqual({ command: 'firefox', args: [] });
    expect(browserCommand('darwin', { BROWSER: 'none' })).toBeUndefined();
    expect(browserCommand('darwin', {})?.command).toBe('open');
  });
});

describe('openInBrowser', () => {
  it('says where to go when the opener is missing or fails', async () => {
    const lines: string[] = [];
    expect(await openInBrowser('http://localhost:5173/', (l) => lines.push(l), { command: join(ROOT, 'no-such-opener'), args: [] })).toBe(false);
    expect(await openInBrowser('http://localhost:5173/', (l) => lines.push(l), { command: 'false', args: [] })).toBe(false);
    expect(await openInBrowser('http://localhost:5173/', (l) => lines.push(l), undefined)).toBe(false);
    expect(lines).toEqual([
      `  No browser to open (${join(ROOT, 'no-such-opener')} not found); visit http://localhost:5173/`,
      '  No browser to open (false exited with 1); visit http://localhost:5173/',
      '  No browser to open (no desktop on this machine); visit http://localhost:5173/',
    ]);
  });

  it('axon dev --open on a machine without a desktop prints the URL and one line', async () => {
    // A PATH without xdg-open and no display: a server, a container, CI.
    const env = { ...process.env, PATH: '/nonexistent', DISPLAY: '', WAYLAND_DISPLAY: '', BROWSER: '' };
    const child = spawn(process.execPath, [join(ROOT, 'bin/axon.js'), 'dev', join(ROOT, 'deck/cli/fixtures/good'), '--open', '--port', '4791', '--host', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      const deadline = Date.now() + 60_000;
      while (!/No browser to open/.test(output) && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Give a late stack trace the chance to show before judging.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      child.kill('SIGTERM');
    }
    expect(output).toContain('No browser to open (no desktop on this machine); visit http://127.0.0.1:4791/');
    expect(output).not.toMatch(/^\s+at .+:\d+/m);
    expect(output).not.toMatch(/ENOENT/);
  }, 90_000);
});
