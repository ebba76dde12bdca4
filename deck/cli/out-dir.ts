/**
 * The output folder of `axon build`: checked before anything is written, and emptied only when Axon made it.
 *
 * A build tool must never delete what it did not create. Vite's `emptyOutDir: true` empties any folder it is
 * given (it even bypasses Vite's own "outside root" guard), so `axon build --out .` once wiped a course folder.
 * Axon therefore empties the folder itself, and only a folder that carries the marker an earlier `axon build`
 * wrote into it.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, relative, resolve } from 'node:path';
import { CliError } from './errors.ts';

/** The file `axon build` leaves in every folder it makes; its presence is what allows emptying the folder next time. */
export const BUILD_MARKER = '.axon-build';

const MARKER_TEXT = `This folder was made by \`axon build\`. The next \`axon build\` into it empties it first.
Delete this file to keep axon build from ever emptying the folder.
`;

/** What the checks compare the output folder with. */
export interface OutDirContext {
  /** The folder the decks live in (the site root). */
  deckFolder: string;
  /** The folder the command runs in. */
  cwd?: string;
  /** The user's home folder. */
  home?: string;
}

/**
 * The path with symlinks resolved as far as it exists, so `--out link-to-home` is seen for what it is; the
 * part that does not exist yet is appended unchanged.
 */
export function realPathSoFar(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let existing = absolute;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(basename(existing));
    existing = parent;
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // An unreadable ancestor: compare the path as given.
  }
  return join(real, ...missing);
}

/** True when `inner` is `outer` or lies inside it. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !parse(rel).root);
}

/** Why `outDir` may not be an output folder at all, whatever it holds; undefined when it may. */
export function forbiddenOutDir(outDir: string, context: OutDirContext): string | undefined {
  const out = realPathSoFar(outDir);
  const deckFolder = realPathSoFar(context.deckFolder);
  const cwd = realPathSoFar(context.cwd ?? process.cwd());
  const home = realPathSoFar(context.home ?? homedir());
  // What it is first, then what it holds: "is the current folder" says more than "contains the deck folder".
  if (parse(out).root === out) return 'is the root of the file system';
  if (out === home) return 'is your home folder';
  if (out === deckFolder) return 'is the deck folder';
  if (out === cwd) return 'is the current folder';
  if (isInside(home, out)) return 'contains your home folder';
  if (isInside(deckFolder, out)) return 'contains the deck folder';
  if (isInside(cwd, out)) return 'contains the current folder';
  return undefined;
}

/**
 * Makes `outDir` ready for a build: refuses (CliError) a folder that must never be emptied or one that holds
 * files Axon did not make, empties a folder an earlier build made, creates a missing one, and marks it.
 */
export function prepareOutDir(outDir: string, context: OutDirContext): void {
  // As the user typed it: `--out .` reads better than the absolute path it stands for.
  const shown = outDir;
  const reason = forbiddenOutDir(outDir, context);
  if (reason) {
    throw new CliError(`--out ${shown} ${reason}; a build empties its output folder — give a new folder, e.g. --out dist`);
  }
  const out = resolve(outDir);
  if (existsSync(out)) {
    if (!lstatSync(out).isDirectory() && !isFolderLink(out)) {
      throw new CliError(`--out ${shown} is a file, not a folder — give a folder, e.g. --out dist`);
    }
    const entries = readdirSync(out);
    if (entries.length > 0 && !isMarked(out)) {
      throw new CliError(
        `--out ${shown} holds files that axon build did not make (${describe(entries)}); nothing was deleted — give an empty or new folder, or delete it yourself first`,
      );
    }
    // Ours: empty it as a build would, but leave the folder itself (a server may be serving it).
    for (const entry of entries) rmSync(join(out, entry), { recursive: true, force: true });
  }
  try {
    mkdirSync(out, { recursive: true });
    // Marked before the build writes anything, so a build that fails half-way leaves a folder the next one may empty.
    writeFileSync(join(out, BUILD_MARKER), MARKER_TEXT);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new CliError(`cannot write to --out ${shown}${code} — give a folder you can write to`);
  }
}

function isMarked(dir: string): boolean {
  try {
    return lstatSync(join(dir, BUILD_MARKER)).isFile();
  } catch {
    return false;
  }
}

function isFolderLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && lstatSync(realpathSync(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A few of the folder's entries, so the user sees what would have been lost. */
function describe(entries: readonly string[]): string {
  const shown = entries.slice(0, 3).join(', ');
  return entries.length > 3 ? `${shown} and ${entries.length - 3} more` : shown;
}
