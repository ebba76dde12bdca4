/**
 * Issue 20's "Done when", the build half: the regularisation lecture (e2e/fixtures/quarto/, a Quarto deck as an
 * instructor writes it, with one misspelled widget attribute) builds with exactly one warning — that attribute,
 * at its `file:line`, with "did you mean" — and `--strict` fails because of it and only it: the same lecture
 * with the spelling fixed builds clean under `--strict`. Every Quarto construct in it (nested `:::` columns,
 * callouts, labelled equations, footnotes, a tabset, asides, `.absolute`, citations, footer and logo) is thus
 * also checked to raise no warning. Runs on a copy in a temporary folder. e2e/quarto-lecture.spec.ts presents
 * and exports it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'e2e/fixtures/quarto');
const DECK = 'regularisation.qmd';
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The lecture's files: the deck, its bibliography and pictures (other decks may share the fixture folder). */
const FILES = [DECK, 'references.bib', 'logo.svg', 'constraints.svg'];

/** A copy of the lecture's files in `lecture/` of a temporary folder. */
function lectureCopy(): string {
  const folder = mkdtempSync(join(tmpdir(), 'axon-quarto-lecture-'));
  folders.push(folder);
  mkdirSync(join(folder, 'lecture'));
  for (const file of FILES) copyFileSync(join(FIXTURE, file), join(folder, 'lecture', file));
  return folder;
}

/** `axon build lecture` run in `folder` as the instructor types it; what it printed, split into lines. */
function build(folder: string, ...flags: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), 'build', 'lecture', '--out', 'site', ...flags], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status, stdout: lines(result.stdout), stderr: lines(result.stderr) };
}

/** The line (1-based) of the misspelled attribute, found in the fixture so an edit above it does not break the test. */
function misspelledLine(): number {
  const lines = readFileSync(join(FIXTURE, DECK), 'utf8').split('\n');
  const matches = lines.flatMap((line, index) => (/^\s*layer="/.test(line) ? [index + 1] : []));
  expect(matches, 'the lecture has exactly one misspelled `layer=` attribute').toHaveLength(1);
  return matches[0]!;
}

const WARNING = (line: number) => `lecture/${DECK}:${line}: widget attribute warning: \`layer\` is not an attribute of <nn-playground> — did you mean \`layers\`?`;

describe('the regularisation lecture', () => {
  it('builds with exactly one warning: the misspelled attribute, at its line, with "did you mean"', { timeout: 120_000 }, () => {
    const folder = lectureCopy();
    const { status, stdout, stderr } = build(folder);
    expect(status).toBe(0);
    expect(stderr).toEqual([WARNING(misspelledLine())]);
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatch(/^Built 1 deck \(13 slides\) into .* 1 problem \(listed above\)/);
  });

  it('fails --strict because of that attribute, and only it: fixed, the lecture builds clean under --strict', { timeout: 240_000 }, () => {
    const folder = lectureCopy();
    const strict = build(folder, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toEqual([WARNING(misspelledLine()), 'axon build: 1 problem (listed above) and --strict is set — fix them or build without --strict']);

    const path = join(folder, 'lecture', DECK);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^(\s*)layer="/m, '$1layers="'));
    const fixed = build(folder, '--strict');
    expect(fixed.stderr).toEqual([]);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout[0]).toMatch(/^Built 1 deck \(13 slides\)/);
    expect(fixed.stdout[0]).not.toMatch(/problem/);
  });
});
