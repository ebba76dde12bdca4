/**
 * What of a deck's folder may leave the machine: the deck pages and the files the decks refer to, and nothing
 * else. The dev server (dev-guard.ts) and the build (generateBundle in plugin.ts) both ask here, so what an
 * instructor sees in `axon dev` is what `axon build` publishes.
 *
 * NOTE - the folder is often a home or course folder with private neighbours (`~/.ssh`, `.env`, notes): a file
 * is published only when a deck refers to it, its path has no hidden part, and it really lies in the folder
 * (a symlink pointing out of it is refused, since following it would publish whatever it points at).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../compile/types.ts';
import type { DeckAsset, DeckEntry } from './deck-files.ts';

/** A file a deck refers to that is not served or published, and why. */
export interface RefusedAsset extends DeckAsset {
  /** Why, as a clause: "a hidden file …", "a link to … outside the deck folder". */
  reason: string;
}

/** True when `path` is `folder` or lies inside it (both absolute and normalised). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path, or the path itself when it does not exist (nothing to follow then). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** True when some part of `rel` (a path relative to a served folder) is hidden: `.ssh/…`, `.env`. */
export function hasHiddenPart(rel: string): boolean {
  return rel.split(/[\\/]/).some((part) => part.startsWith('.') && part !== '.');
}

/**
 * Why the file at `path` (absolute) must not be served or published from the deck folder `root`;
 * undefined when it may be. A file that does not exist may be (it is reported as missing elsewhere).
 */
export function privateReason(root: string, path: string): string | undefined {
  if (!isInside(root, path)) return 'outside the deck folder';
  if (hasHiddenPart(relative(root, path))) return 'a hidden file (a part of its path starts with ".")';
  const real = realPath(path);
  if (real !== path && !isInside(realPath(root), real)) return `a link to ${real}, outside the deck folder`;
  return undefined;
}

/** The files one deck refers to, split into those that may be published and those that may not. */
export function publishedAssets(root: string, assets: readonly DeckAsset[]): { files: DeckAsset[]; refused: RefusedAsset[] } {
  const files: DeckAsset[] = [];
  const refused: RefusedAsset[] = [];
  for (const asset of assets) {
    // Paths that climb out (`../images/x.png`) are published under `_external/` (external.ts): the deck names
    // them on purpose, so only a hidden part below the folder they climb to keeps them back.
    const reason = isInside(root, asset.path) ? privateReason(root, asset.path) : hiddenOutside(root, asset.path);
    if (reason) refused.push({ ...asset, reason });
    else files.push(asset);
  }
  return { files, refused };
}

/**
 * For a file outside `root` (`../images/x.png`): refused when its path below the folder it climbs to has a hidden
 * part, or when it is a link out of that folder (the same rules as inside the deck folder, one level up).
 */
function hiddenOutside(root: string, path: string): string | undefined {
  const parts = relative(root, path).split(/[\\/]/);
  const up = parts.filter((part) => part === '..').length;
  if (hasHiddenPart(parts.slice(up).join('/'))) return 'a hidden file (a part of its path starts with ".")';
  const top = resolve(root, ...parts.slice(0, up));
  const real = realPath(path);
  if (real !== path && !isInside(realPath(top), real)) return `a link to ${real}, outside ${top}`;
  return undefined;
}

/**
 * The warning for a refused file, as a diagnostic like any other (printed with file:line, counted by the build's
 * summary and by --strict): the file, why, and what to do.
 */
export function refusedDiagnostic(entry: DeckEntry, asset: RefusedAsset): Diagnostic {
  const hint = asset.reason.startsWith('a hidden')
    ? 'rename it (or its folder) without the leading "."'
    : 'copy the file into the deck folder instead of linking to it';
  return { severity: 'warning', kind: 'image', file: entry.displayFile, line: asset.line, message: `${asset.url} is not served or published: it is ${asset.reason}`, hint };
}
