/**
 * The `axon` command as a user runs it: exit codes, one-line messages naming file:line, no stack traces,
 * and a built site that carries everything it needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(stderr.trim()).toBe('axon build: slides/no-such-deck.md: no such deck file or folder — give a .md or .qmd file or a folder of them (default: slides/)');
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

/** A course folder as Quarto keeps one: the deck in slides/, its pictures in images/ beside it. */
function quartoCourse(deck: string, name = 'lecture.qmd'): { course: string; slides: string } {
  const course = mkdtempSync(join(tmpdir(), 'axon-quarto-'));
  outDirs.push(course);
  const slides = join(course, 'slides');
  mkdirSync(join(course, 'images'), { recursive: true });
  mkdirSync(join(slides, 'img'), { recursive: true });
  writeFileSync(join(course, 'images/menu.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
  writeFileSync(join(slides, 'img/local.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>');
  writeFileSync(join(slides, name), deck);
  return { course, slides };
}

describe('Quarto files as they are', () => {
  it('builds a .qmd deck into <name>.html, copying files outside its folder under _external/ and pointing the slides there', { timeout: 180_000 }, () => {
    const { slides } = quartoCourse(
      '---\ntitle: Quarto lecture\nplugins: [search, menu]\n---\n\n## Pictures\n\n![menu](../images/menu.svg)\n\n<img src="../images/menu.svg" alt="again">\n\n![local](img/local.svg)\n',
    );
    const out = tempOut();
    const { code, stdout, stderr } = axon('build', slides, '--out', out);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Built 1 deck \(2 slides\)/);
    // The plugin the deck names that Axon does not have is a file:line warning, not silence.
    expect(stderr).toMatch(/lecture\.qmd:3: front matter warning: unknown reveal\.js plugin `menu`/);
    const page = readFileSync(join(out, 'lecture.html'), 'utf8');
    expect(page).toContain('src="_external/up-1/images/menu.svg"');
    expect(page).not.toMatch(/src="\.\.\//);
    expect(page).toContain('src="img/local.svg"');
    expect(existsSync(join(out, '_external/up-1/images/menu.svg'))).toBe(true);
    expect(existsSync(join(out, 'img/local.svg'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="lecture.html"');
  });

  it('x.md and x.qmd side by side: one line naming both', () => {
    const { slides } = quartoCourse('## A\n');
    writeFileSync(join(slides, 'lecture.md'), '## B\n');
    const { code, stderr } = axon('build', slides, '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^axon build: \S*lecture\.md and \S*lecture\.qmd would both be lecture\.html — rename one/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing file outside the deck folder is still a file:line error', () => {
    const { slides } = quartoCourse('## A\n\n![gone](../images/gone.png)\n');
    const { code, stderr } = axon('build', slides, '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toContain('lecture.qmd:3: image error: ../images/gone.png not found');
  });

  it('a bundler error shows its whole cause with the deck line, not "Build failed with 1 error:"', { timeout: 120_000 }, () => {
    const { slides } = quartoCourse('## A\n\n![folder](../images)\n');
    const { code, stderr } = axon('build', slides, '--out', tempOut());
    expect(code).toBe(1);
    expect(stderr).toMatch(/axon build: build failed: \S*lecture\.qmd:3: \.\.\/images is a folder, not a file — check the path/);
    expect(stderr).not.toMatch(/Build failed with \d+ errors?:\s*$/m);
    expectNoStack(stderr);
  });

  it('export --help documents --theme', () => {
    const { code, stdout } = axon('export', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--theme T +light: dark text on white, even for a dark deck \(default for 2up, 3up, 6up\)/);
  });
});

