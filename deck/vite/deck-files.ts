/**
 * The deck files on disk: finding them, reading them, compiling them and checking what they refer to.
 * This is the one place outside the CLI that touches the file system for decks; the compiler stays pure.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { widgetSettings } from '../../components/widget-settings.ts';
import { citationFiles } from '../compile/citations.ts';
import { readFrontMatter } from '../compile/front-matter.ts';
import { isLocalAsset } from '../compile/images.ts';
import { stylesheetFiles } from '../compile/stylesheets.ts';
import { compileDeck, decodeDeck } from '../compile/index.ts';
import type { CompiledDeck, Diagnostic } from '../compile/types.ts';
import { publishedAssets, refusedDiagnostic } from './published.ts';
import { findLocalWidgets } from './local-widgets.ts';
import { widgetDataCheck } from './data-files.ts';

/** A problem the user must fix before anything can run; `message` is one line naming the place and the fix. */
export class AxonError extends Error {
  override name = 'AxonError';
}

/** One deck file and the page it becomes. */
export interface DeckEntry {
  /** Page name: `intro` for `intro.md` (or `intro.qmd`), served as `intro.html`. */
  name: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** The path as messages show it (relative to the working directory). */
  displayFile: string;
}

/** Where the decks live: the folder that becomes the site root, and the decks in it. */
export interface DeckSet {
  root: string;
  decks: DeckEntry[];
}

const NOT_DECKS = new Set(['readme.md', 'license.md', 'changelog.md']);

/** The path as a user would type it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function entryFor(file: string): DeckEntry {
  return { name: pageName(file), file, displayFile: displayPath(file) };
}

/**
 * The page a deck file becomes: `intro.md` → `intro`. `index.html` is the deck index, so a deck named
 * `index` (Quarto's convention: its own demo deck is `demo/index.qmd`) takes its folder's name instead,
 * `demo/index.qmd` → `demo.html`, and the file works unchanged.
 */
export function pageName(file: string): string {
  const name = basename(file, extname(file));
  if (name.toLowerCase() !== 'index') return name;
  const folder = basename(dirname(resolve(file)));
  return folder && folder.toLowerCase() !== 'index' ? folder : 'deck';
}

/**
 * Finds the decks at PATH: one Markdown file, or every `*.md` and `*.qmd` directly inside a folder
 * (README/LICENSE/CHANGELOG and files starting with `_` are not decks).
 */
export function findDecks(path: string): DeckSet {
  const target = resolve(path);
  if (!existsSync(target)) {
    throw new AxonError(`${path}: no such deck file or folder — give a .md or .qmd file or a folder of them (default: slides/)`);
  }
  if (statSync(target).isFile()) {
    if (!isDeckName(target)) {
      throw new AxonError(`${path}: not a Markdown deck — a deck is a .md or .qmd file`);
    }
    return { root: dirname(target), decks: [entryFor(target)] };
  }
  const decks = readdirSync(target)
    .filter((name) => isDeckName(name) && !name.startsWith('_') && !NOT_DECKS.has(name.toLowerCase()))
    .sort()
    .map((name) => entryFor(join(target, name)));
  if (decks.length === 0) {
    throw new AxonError(`${path}: no decks in this folder — add a .md or .qmd file (see slides/sample.md)`);
  }
  checkOnePagePerName(decks);
  return { root: target, decks };
}

/** Quarto's `.qmd` files are decks exactly as `.md` files are (the same Markdown, the same page name). */
export const DECK_EXTENSIONS: readonly string[] = ['.md', '.qmd'];

/** True for a file name (or path) a deck may have: `lecture.md`, `lecture.qmd`. */
export function isDeckName(file: string): boolean {
  return DECK_EXTENSIONS.includes(extname(file).toLowerCase());
}

/** `lecture.md` and `lecture.qmd` would both be `lecture.html`: which one the user meant cannot be guessed. */
function checkOnePagePerName(decks: readonly DeckEntry[]): void {
  const byName = new Map<string, DeckEntry>();
  for (const entry of decks) {
    const other = byName.get(entry.name);
    if (other) {
      throw new AxonError(
        `${other.displayFile} and ${entry.displayFile} would both be ${entry.name}.html — rename one, or start its name with _ to leave it out`,
      );
    }
    byName.set(entry.name, entry);
  }
}



/** A compiled deck with the diagnostics that need the file system (missing images) added. */
export interface LoadedDeck {
  entry: DeckEntry;
  deck: CompiledDeck;
  diagnostics: Diagnostic[];
}

/** Reads and compiles one deck; throws `DeckError` (from the compiler) or `AxonError` when it cannot. */
export function loadDeck(entry: DeckEntry, widgets: readonly string[]): LoadedDeck {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(entry.file);
  } catch {
    throw new AxonError(`${entry.displayFile}: cannot read the deck file — check that it exists and is readable`);
  }
  // Bytes, not 'utf8': Node would quietly turn a Latin-1 or UTF-16 file into replacement characters.
  const text = decodeDeck(bytes, entry.displayFile);
  const deck = compileDeck(text, entry.displayFile, {
    widgets: [...widgets, ...localWidgetTags(entry, widgets)],
    widgetSettings,
    checkWidgetData: widgetDataCheck(entry),
    files: citationFileTexts(entry, text),
    projectMeta: quartoProjectMeta(dirname(entry.file)),
  });
  // Decks live directly in the site root (findDecks), so the deck's folder is the folder that is published.
  const refused = publishedAssets(dirname(entry.file), deckAssets(entry, deck)).refused.map((asset) => refusedDiagnostic(entry, asset));
  const diagnostics = [...deck.diagnostics, ...missingAssets(entry, deck), ...refused];
  return { entry, deck, diagnostics };
}

/** The tags of the widgets beside the deck (`widgets/<tag>.ts`); a widget file that cannot be used stops the deck, naming it. */
function localWidgetTags(entry: DeckEntry, builtIn: readonly string[]): string[] {
  const { widgets, problems } = findLocalWidgets(dirname(entry.file), builtIn);
  const problem = problems[0];
  if (problem) throw new AxonError(`${displayPath(problem.file)}:1: ${problem.message}`);
  return widgets.map((widget) => widget.tag);
}

/**
 * The `bibliography:`, `csl:` and `css:` files the deck names, read for the compiler (which reads no files). A
 * file that cannot be read is left out; the compiler then reports it at its front-matter line.
 */
export function citationFileTexts(entry: DeckEntry, text: string): Record<string, string> {
  let paths: string[];
  try {
    const data = readFrontMatter(text, entry.displayFile).data;
    const named = citationFiles(data);
    paths = [...named.bibliography, ...(named.csl ? [named.csl] : []), ...stylesheetFiles(data).filter(isLocalAsset)];
  } catch {
    return {}; // the compiler reports the front matter itself
  }
  const files: Record<string, string> = {};
  for (const path of paths) {
    try {
      files[path] = readFileSync(resolve(dirname(entry.file), path), 'utf8');
    } catch {
      // not found or unreadable: reported by the compiler
    }
  }
  return files;
}

/**
 * The metadata of the Quarto project a deck's folder is in, nearest first: each `_metadata.yml` from the deck's
 * folder up to the project root, then the root's `_quarto.yml` (Quarto's merge order, reversed). Outside a
 * project (no `_quarto.yml` in the folder or above) there is none. Only `{{< meta >}}` reads it; a file that
 * cannot be read or parsed is left out (Quarto itself would refuse to render, and Axon does not need it).
 */
export function quartoProjectMeta(folder: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const metadata = readYamlObject(join(dir, '_metadata.yml'));
    if (metadata) found.push(metadata);
    if (existsSync(join(dir, '_quarto.yml'))) {
      const project = readYamlObject(join(dir, '_quarto.yml'));
      return project ? [...found, project] : found;
    }
    if (dirname(dir) === dir) return [];
  }
}

function readYamlObject(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value: unknown = parseYaml(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A local file a slide refers to: the URL as decoded, its absolute path, and the deck line. */
export interface DeckAsset {
  url: string;
  path: string;
  line: number;
}

/** Every local file a slide refers to, resolved against the deck's folder (URLs with a bad %-escape are left out: see missingAssets). */
export function deckAssets(entry: DeckEntry, deck: CompiledDeck): DeckAsset[] {
  const seen = new Set<string>();
  const assets: DeckAsset[] = [];
  for (const { url, line } of assetUrls(deck)) {
    const clean = decodeAssetUrl(url);
    if (!clean || seen.has(clean)) continue;
    seen.add(clean);
    assets.push({ url: clean, path: resolve(dirname(entry.file), clean), line });
  }
  return assets;
}

function* assetUrls(deck: CompiledDeck): Generator<{ url: string; line: number }> {
  for (const slide of deck.slides) yield* slide.assets;
}

/** The file part of an asset URL, decoded; undefined when a %-escape in it is malformed (`caf%E9.png`, `100%.png`). */
export function decodeAssetUrl(url: string): string | undefined {
  try {
    return decodeURI(url.split(/[?#]/)[0] ?? '');
  } catch {
    return undefined;
  }
}

function missingAssets(entry: DeckEntry, deck: CompiledDeck): Diagnostic[] {
  const missing = deckAssets(entry, deck)
    .filter((asset) => !existsSync(asset.path))
    .map((asset) => ({
      severity: 'error' as const,
      kind: 'image' as const,
      file: entry.displayFile,
      line: asset.line,
      message: `${asset.url} not found`,
      hint: `check the path; it is relative to ${basename(entry.file)}`,
    }));
  return [...badEscapes(entry, deck), ...missing];
}

/** A URL that cannot be decoded names no file: say so, with the spelling that would work. */
function badEscapes(entry: DeckEntry, deck: CompiledDeck): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { url, line } of assetUrls(deck)) {
    if (decodeAssetUrl(url) !== undefined) continue;
    const file = url.split(/[?#]/)[0] ?? url;
    // NOTE - such escapes usually come from a Latin-1 encoder (%E9 for é); read them that way to suggest the name.
    const asLatin1 = file.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    diagnostics.push({
      severity: 'error',
      kind: 'image',
      file: entry.displayFile,
      line,
      message: `${file} has a malformed %-escape (a %-escape must be a UTF-8 byte sequence, and a bare % is written %25)`,
      hint: `if the file is ${asLatin1}, write ${asLatin1} or ${encodeURI(asLatin1)}`,
    });
  }
  return diagnostics;
}
