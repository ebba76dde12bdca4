/**
 * `axon build --out` never deletes what it did not make. Every case runs in a temporary course folder, with
 * HOME pointed at a temporary folder too: a failure here must not be able to cost anyone a file.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILD_MARKER, forbiddenOutDir, prepareOutDir } from './out-dir.ts';

const ROOT = join(import.meta.dirname, '../..');
const GOOD_DECK = join(import.meta.dirname, 'fixtures/good');
const made: string[] = [];
// Each case starts a real `axon build`: seconds, not milliseconds.
vi.setConfig({ testTimeout: 120_000 });
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A course folder as an instructor has one: the lecture sources, a thesis beside them, a note. */
interface Course {
  root: string;
  home: string;
  slides: string;
}

function course(): Course {
  const root = mkdtempSync(join(tmpdir(), 'axon-outdir-'));
  made.push(root);
  const home = join(root, 'home');
  const slides = join(home, 'course/slides');
  mkdirSync(slides, { recursive: true });
  cpSync(GOOD_DECK, slides, { recursive: true });
  mkdirSync(join(home, 'course/thesis'));
  writeFileSync(join(home, 'course/thesis/chapter1.tex'), '\\chapter{One}');
  writeFileSync(join(home, 'course/notes.txt'), 'remember the projector');
  return { root, home, slides };
}

/** Every file under `dir`, relative, sorted: what a user would miss if it went. */
function inventory(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

function axon(c: Course, cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: c.home, AXON_DEBUG: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('axon build refuses an output folder it must not empty, and deletes nothing', () => {
  let c: Course;
  beforeEach(() => {
    c = course();
  });

  it.each([
    ['the current folder', 'course', 'slides', '.', /--out \S+ is the current folder/],
    ['the deck folder', 'course', 'slides', 'slides', /--out slides is the deck folder/],
    ['a folder containing the deck folder', '.', 'course/slides', 'course', /--out course contains the deck folder/],
    ['two levels up', 'course/thesis', '../slides', '../..', /--out \.\.\/\.\. is your home folder/],
    ['the home folder', 'course', 'slides', '~', /is your home folder/],
    ['the file-system root', 'course', 'slides', '/', /is the root of the file system/],
  ])('%s', (_name, from, deck, out, message) => {
    const cwd = join(c.home, from);
    const before = inventory(c.root);
    const { code, stdout, stderr } = axon(c, cwd, 'build', deck, '--out', out === '~' ? c.home : out);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/a build empties its output folder — give a new folder/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).not.toMatch(/Built/);
    expect(inventory(c.root)).toEqual(before);
  });

  it('a folder of the user’s own files, even when it is not in the way of the decks', () => {
    const cwd = join(c.home, 'course');
    const before = inventory(c.root);
    const { code, stderr } = axon(c, cwd, 'build', 'slides', '--out', 'thesis');
    expect(code).toBe(1);
    expect(stderr).toMatch(/--out thesis holds files that axon build did not make \(chapter1\.tex\); nothing was deleted/);
    expect(inventory(c.root)).toEqual(before);
  });

  it('a symlink that leads to the home folder is seen through', () => {
    const cwd = join(c.home, 'course');
    symlinkSync(c.home, join(cwd, 'site-link'));
    const before = inventory(c.root);
    const { code, stderr } = axon(c, cwd, 'build', 'slides', '--out', 'site-link');
    expect(code).toBe(1);
    expect(stderr).toMatch(/is your home folder/);
    expect(inventory(c.root)).toEqual(before);
  });

  it('builds into a new folder, marks it, and empties only that folder on the next build', () => {
    const cwd = join(c.home, 'course');
    const first = axon(c, cwd, 'build', 'slides', '--out', 'site');
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(cwd, 'site', BUILD_MARKER))).toBe(true);
    expect(existsSync(join(cwd, 'site', 'lecture.html'))).toBe(true);
    // A stale page from an earlier build goes; everything outside the output folder stays.
    writeFileSync(join(cwd, 'site', 'old-deck.html'), '<p>stale</p>');
    const second = axon(c, cwd, 'build', 'slides', '--out', 'site');
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(cwd, 'site', 'old-deck.html'))).toBe(false);
    expect(existsSync(join(cwd, 'site', 'lecture.html'))).toBe(true);
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('remember the projector');
    expect(existsSync(join(cwd, 'thesis/chapter1.tex'))).toBe(true);
    expect(inventory(c.slides)).toEqual(inventory(GOOD_DECK));
  });
});

describe('prepareOutDir', () => {
  it('empties a marked folder but keeps the folder, and refuses an unmarked one', () => {
    const c = course();
    const out = join(c.root, 'out');
    prepareOutDir(out, { deckFolder: c.slides, cwd: c.root, home: c.home });
    writeFileSync(join(out, 'page.html'), 'x');
    mkdirSync(join(out, 'assets'));
    prepareOutDir(out, { deckFolder: c.slides, cwd: c.root, home: c.home });
    expect(readdirSync(out)).toEqual([BUILD_MARKER]);

    const other = join(c.root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'keep.txt'), 'mine');
    expect(() => prepareOutDir(other, { deckFolder: c.slides, cwd: c.root, home: c.home })).toThrow(/did not make \(keep\.txt\)/);
    expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('takes an empty folder and a file is refused', () => {
    const c = course();
    const empty = join(c.root, 'empty');
    mkdirSync(empty);
    prepareOutDir(empty, { deckFolder: c.slides, cwd: c.root, home: c.home });
    expect(readdirSync(empty)).toEqual([BUILD_MARKER]);
    const file = join(c.root, 'file.html');
    writeFileSync(file, 'x');
    expect(() => prepareOutDir(file, { deckFolder: c.slides, cwd: c.root, home: c.home })).toThrow(/is a file/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a folder inside the deck folder is allowed; one around the current folder is not', () => {
    const c = course();
    const context = { deckFolder: c.slides, cwd: join(c.home, 'course'), home: c.home };
    expect(forbiddenOutDir(join(c.slides, 'dist'), context)).toBeUndefined();
    expect(forbiddenOutDir(join(c.home, 'course'), context)).toBe('is the current folder');
    expect(forbiddenOutDir(join(c.home, 'course'), { ...context, cwd: join(c.home, 'course/thesis') })).toBe('contains the deck folder');
    expect(forbiddenOutDir(join(c.home, 'course'), { ...context, cwd: join(c.home, 'course/thesis'), deckFolder: join(c.root, 'elsewhere') })).toBe(
      'contains the current folder',
    );
    expect(forbiddenOutDir(c.root, context)).toBe('contains your home folder');
    expect(forbiddenOutDir('/', context)).toBe('is the root of the file system');
  });
});
