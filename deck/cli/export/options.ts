/**
 * `axon export`'s options, parsed and checked before any browser starts: each wrong value is one line
 * that says what to type instead. Pure (no files, no browser), so the CLI tests cover it in Node.
 */
import { dirname, join, resolve } from 'node:path';
import type { DrawingsFile } from '../../client/drawing/format.ts';
import { CliError } from '../errors.ts';

/** What the user typed, as strings (parseArgs gives strings). */
export interface ExportOptions {
  path: string;
  out?: string;
  format?: string;
  notes?: string;
  fragments?: string;
  layout?: string;
  paper?: string;
  slides?: string;
  timeout?: string;
  backend?: string;
  theme?: string;
  /** A drawings file (the drawing toolbar's Export) whose strokes are printed on their slides. */
  drawings?: string;
  quiet: boolean;
}

export const EXPORT_FORMATS = ['pdf', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Where speaker notes go: nowhere, under each slide, or on a page of their own after it. */
export const NOTES_MODES = ['none', 'below', 'page'] as const;
export type NotesMode = (typeof NOTES_MODES)[number];
/** Each slide in its final state (every fragment shown), or one page per fragment step. */
export const FRAGMENT_MODES = ['final', 'each'] as const;
export type FragmentMode = (typeof FRAGMENT_MODES)[number];
/** One slide per page at the slide's size, or 2, 3 or 6 slide frames on a sheet of paper. */
export const LAYOUTS = ['slide', '2up', '3up', '6up'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];
export const EXPORT_BACKENDS = ['cpu', 'wasm', 'webgl', 'webgpu', 'auto'] as const;
/**
 * The colours a deck is printed in: light (dark text on white, whatever the deck's theme), dark, or deck (as its
 * front matter says). Paper handouts default to light: a dark deck printed as it is spends a cartridge of black
 * ink on every sheet and its grey text reads poorly on paper.
 */
export const EXPORT_THEMES = ['light', 'dark', 'deck'] as const;
export type ExportTheme = (typeof EXPORT_THEMES)[number];

export const DEFAULT_TIMEOUT_S = 120;

/** Every option checked and in its own type. */
export interface ExportSettings {
  format: ExportFormat;
  notes: NotesMode;
  fragments: FragmentMode;
  layout: Layout;
  paper: Paper;
  timeoutMs: number;
  backend?: string;
  theme: ExportTheme;
  /** The strokes to print on this deck (read by drawings.ts, for the deck they belong to). */
  drawings?: DrawingsFile;
}

function oneOf<T extends string>(option: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${option} ${value} is not one of ${choices.join(', ')} — give e.g. --${option} ${choices[choices.length > 1 ? 1 : 0]}`);
}

/** --timeout in seconds → milliseconds. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_S * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout ${value} is not a time — give seconds, e.g. --timeout 300`);
  return seconds * 1000;
}

/** Checks every option; PNG pictures are slides, so page layouts and notes apply to PDF only. */
export function parseSettings(options: Omit<ExportOptions, 'path' | 'out' | 'slides' | 'quiet' | 'drawings'>): ExportSettings {
  const settings: ExportSettings = {
    format: oneOf('format', options.format, EXPORT_FORMATS, 'pdf'),
    notes: oneOf('notes', options.notes, NOTES_MODES, 'none'),
    fragments: oneOf('fragments', options.fragments, FRAGMENT_MODES, 'final'),
    layout: oneOf('layout', options.layout, LAYOUTS, 'slide'),
    paper: oneOf('paper', options.paper, PAPERS, 'a4'),
    timeoutMs: parseTimeout(options.timeout),
    backend: options.backend === undefined ? undefined : oneOf('backend', options.backend, EXPORT_BACKENDS, 'auto'),
    theme: 'deck',
  };
  // Handout sheets (2up, 3up, 6up) are paper: light unless asked otherwise; a page per slide keeps the deck's look.
  settings.theme = oneOf('theme', options.theme, EXPORT_THEMES, settings.layout === 'slide' ? 'deck' : 'light');
  if (settings.format === 'png') {
    if (settings.layout !== 'slide') throw new CliError(`--layout ${settings.layout} lays slides out on paper, which only a PDF has — drop --layout or use --format pdf`);
    if (settings.notes !== 'none') throw new CliError(`--notes ${settings.notes} puts notes on PDF pages — drop --notes or use --format pdf`);
    if (options.paper !== undefined) throw new CliError('--paper sizes PDF handout pages — drop --paper or use --format pdf');
  }
  return settings;
}

/**
 * `1-5,8` → the 0-based indices of those slides (1-based, in deck order, vertical slides counted), sorted,
 * each once. Undefined selects every slide.
 */
export function parseSlideList(spec: string | undefined, count: number, deck: string): number[] {
  if (spec === undefined) return Array.from({ length: count }, (_, i) => i);
  const chosen = new Set<number>();
  for (const part of spec.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) throw new CliError(`--slides ${spec}: '${part}' is not a slide number or range — give e.g. --slides 1-5,8`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < from) throw new CliError(`--slides ${spec}: '${part.trim()}' is not a range — slides count from 1, e.g. 2-4`);
    if (to > count) throw new CliError(`--slides ${spec}: ${deck} has ${count} slide${count === 1 ? '' : 's'} — give numbers from 1 to ${count}`);
    for (let n = from; n <= to; n += 1) chosen.add(n - 1);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Where one deck's export goes: a PDF file, or a folder for PNGs. */
export interface ExportTarget {
  /** The output folder (created if missing). */
  dir: string;
  /** The PDF file, for --format pdf. */
  file?: string;
}

/**
 * The output of each deck. PDF: `--out X.pdf` names the file (one deck only); any other --out is a folder
 * that gets `<deck>.pdf`; no --out writes `<deck>.pdf` in the current folder. PNG: `--out` is the folder
 * (default: the current folder) that gets `<deck>-NN.png`.
 */
export function exportTargets(names: readonly string[], format: ExportFormat, out: string | undefined): ExportTarget[] {
  const namesFile = out !== undefined && out.toLowerCase().endsWith('.pdf');
  if (namesFile && format === 'png') throw new CliError(`--out ${out}: PNG export writes one file per slide — give --out a folder`);
  if (namesFile && names.length > 1) throw new CliError(`--out ${out}: a folder of decks gives one PDF per deck — give --out a folder`);
  if (namesFile) return [{ dir: dirname(resolve(out)), file: resolve(out) }];
  const dir = resolve(out ?? '.');
  return names.map((name) => (format === 'pdf' ? { dir, file: join(dir, `${name}.pdf`) } : { dir }));
}

/**
 * The PNG file of slide `index` (0-based) of a deck with `count` slides: `name-07.png`; with fragment steps
 * (`--fragments each`), step k of that slide is `name-07-k.png`, k counted from 0 (nothing shown yet).
 */
export function pngName(name: string, index: number, count: number, step?: number): string {
  const number = String(index + 1).padStart(Math.max(2, String(count).length), '0');
  return `${name}-${number}${step === undefined ? '' : `-${step}`}.png`;
}
