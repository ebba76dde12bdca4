/**
 * The `axon` command as a user runs it: exit codes, one-line messages naming file:line, no stack traces,
 * and a built site that carries everything it needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const outDirs: string[] = [];

function axon(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempOut(): string {
  const dir = mkdtempSync(join(tmpdir(), 'axon-cli-'));
  outDirs.push(dir);
  return join(dir, 'site');
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** No stack trace: no line looks like `    at foo (file:1:2)`. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/^\s+at .+:\d+/m);
}

describe('help', () => {
  it('lists the commands', () => {
    const { code, stdout } = axon('--help');
    expect(code).toBe(0);
    for (const command of ['dev', 'build', 'serve']) expect(stdout).toContain(command);
  });

  it.each(['dev', 'build', 'serve'])('%s --help shows its usage and options', (command) => {
    const { code, stdout } = axon(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: axon ${command}`));
  });

  it('rejects an unknown command or option in one line', () => {
    const unknown = axon('deploy');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const option = axon('build', '--outt', 'x');
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/--outt.*see axon build --help/);
  });
});

describe('build failures: one line naming the place, exit code 1, no stack trace', () => {
  it('a missing deck file', () => {
    const { code, stderr } = axon('build', 'slides/no-such-deck.md', '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('axon build: slides/no-such-deck.md: no such deck file or folder — give a .md file or a folder of them (default: slides/)');
  });

  it('broken front matter names the file and the line', () => {
    const { code, stderr } = axon('build', join(FIXTURES, 'bad-front-matter'), '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad-front-matter\/broken\.md:[23]: .+ — /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expectNoStack(stderr);
  });

  it('a missing image names the file and the line of the image', () => {
    const { code, stderr } = axon('build', join(FIXTURES, 'missing-image'), '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toContain('missing-image/deck.md:11: image error: img/nowhere.png not found');
    expectNoStack(stderr);
  });

  it('bad math fails only with --strict', () => {
    const { code, stderr } = axon('build', join(FIXTURES, 'bad-math'), '--strict', '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad-math\/deck\.md:9: math error: /);
    expect(stderr).toMatch(/--strict/);
  });

  it('a deck saved as Latin-1 names the file, the line and the encoding', () => {
    const folder = mkdtempSync(join(tmpdir(), 'axon-latin1-'));
    outDirs.push(folder);
    // "## Café" in Latin-1: é is the single byte 0xE9, which is not UTF-8.
    writeFileSync(join(folder, 'old.md'), Buffer.concat([Buffer.from('---\ntitle: Old\n---\n\n## Caf'), Buffer.from([0xe9]), Buffer.from('\n\nText.\n')]));
    const { code, stderr } = axon('build', folder, '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/old\.md:5: not UTF-8 \(looks like Latin-1\) — save it as UTF-8/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expectNoStack(stderr);
  });

  it('an image path with a malformed %-escape names the file and line instead of "URI malformed"', () => {
    const folder = mkdtempSync(join(tmpdir(), 'axon-escape-'));
    outDirs.push(folder);
    writeFileSync(join(folder, 'deck.md'), '## Pictures\n\n![p](img/caf%E9.png)\n');
    const { code, stderr } = axon('build', folder, '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/deck\.md:3: image error: img\/caf%E9\.png has a malformed %-escape/);
    expect(stderr).not.toMatch(/URI malformed/);
    expectNoStack(stderr);
  });

  it('a YAML alias bomb in the front matter names the file and line', () => {
    const folder = mkdtempSync(join(tmpdir(), 'axon-bomb-'));
    outDirs.push(folder);
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k < 10; k++) levels.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(9).fill(`*${String.fromCharCode(96 + k)}`).join(', ')}]`);
    writeFileSync(join(folder, 'bomb.md'), `---\ntitle: Bomb\n${levels.join('\n')}\n---\n\n## Slide\n`);
    const { code, stderr } = axon('build', folder, '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/bomb\.md:\d+: .*alias/i);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expectNoStack(stderr);
  });

  it('a --base that is not a path', () => {
    const { code, stderr } = axon('build', join(FIXTURES, 'good'), '--base', 'courses', '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/--base courses must start with \//);
  });
});

describe('a successful build', () => {
  it('writes an index, a page per deck and the deck images, with nothing loaded from elsewhere', { timeout: 180_000 }, () => {
    const out = tempOut();
    const { code, stdout, stderr } = axon('build', join(FIXTURES, 'good'), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Built 1 deck \(2 slides\)/);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('A good lecture');
    expect(index).toContain('Ada Lovelace');
    expect(index).toContain('2 slides');
    expect(index).toContain('href="lecture.html"');
    const page = readFileSync(join(out, 'lecture.html'), 'utf8');
    expect(page).toContain('class="katex');
    expect(page).toContain('src="img/dot.svg"');
    expect(existsSync(join(out, 'img/dot.svg'))).toBe(true);
    // Offline: no page or stylesheet refers to another host.
    const files = readdirSync(out, { recursive: true }) as string[];
    for (const file of files.filter((f) => /\.(html|css)$/.test(f))) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(text, file).not.toMatch(/url\((["']?)(https?:)?\/\//);
    }
    expect(files.some((f) => f.endsWith('.woff2'))).toBe(true);
  });

  it('bad math without --strict still builds, and says where the problem is', { timeout: 180_000 }, () => {
    const out = tempOut();
    const { code, stderr } = axon('build', join(FIXTURES, 'bad-math'), '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/bad-math\/deck\.md:9: math error: /);
    expect(readFileSync(join(out, 'deck.html'), 'utf8')).toContain('axon-math-error');
  });
});
