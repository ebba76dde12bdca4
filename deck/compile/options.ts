import type { DeckMeta, Diagnostic } from './types.ts';
import type { FrontMatter } from './front-matter.ts';
import { checkFrontMatterKey } from './front-matter-keys.ts';
import { readRevealPlugins } from './reveal-plugins.ts';

/** Everything the front matter decides, already checked and normalised. */
export interface DeckSettings {
  meta: DeckMeta;
  revealOptions: Record<string, unknown>;
  theme: 'light' | 'dark';
  backend: string;
  /** Deck-wide `incremental: true`: every list steps in, except inside `.nonincremental`. */
  incremental: boolean;
  /** KaTeX macros keyed `\name`; KaTeX adds the deck's `\newcommand`s to this same object. */
  macros: Record<string, unknown>;
  /** 1-based file line of each key, for diagnostics about values. */
  keyLines: Record<string, number>;
  /** `author:` as Quarto's records (a plain name gives a record with only `name`). */
  authors: Author[];
  /** `footer:` as written (inline Markdown), '' when unset. */
  footer: string;
  /** `logo:` image path as written, '' when unset. */
  logo: string;
}

/** One author as Quarto's title slide shows them. */
export interface Author {
  name: string;
  affiliations: string[];
  email: string;
  orcid: string;
  url: string;
}

/** Keys Axon reads itself; every other key is handed to reveal.js. */
const AXON_KEYS = new Set([
  'title',
  'subtitle',
  'author',
  'date',
  'description',
  'subject',
  'macros',
  'theme',
  'incremental',
  'backend',
  'format',
  'categories',
  'footer',
  'logo',
  'bibliography',
  'csl',
  'css',
]);

const DARK_THEMES = new Set(['dark', 'black', 'night', 'moon', 'blood', 'league']);

export function readDeckSettings(frontMatter: FrontMatter, file: string, diagnostics: Diagnostic[]): DeckSettings {
  const { keyLines } = frontMatter;
  // Quarto decks keep reveal options under `format: revealjs:`; the top level wins when both set a key.
  const options = { ...quartoRevealOptions(frontMatter.data), ...frontMatter.data };
  const warn = (key: string, message: string, hint: string): void => {
    diagnostics.push({ file, line: keyLines[key] ?? keyLines.format ?? 1, severity: 'warning', kind: 'front matter', message, hint });
  };

  const revealOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!AXON_KEYS.has(key)) revealOptions[camelCase(key)] = value;
    const verdict = checkFrontMatterKey(key, AXON_KEYS, camelCase);
    if (!verdict.known) warn(key, verdict.message, verdict.hint);
  }
  // Quarto's `preview-links: auto` (its default) previews links only in fullscreen, through Quarto's own script;
  // reveal.js takes any non-empty string as true and would open every link in an overlay. Links open normally.
  if (revealOptions.previewLinks === 'auto') revealOptions.previewLinks = false;
  // `plugins: [search, zoom]`: checked names only (reveal-plugins.ts); the client loads them, not reveal's option.
  if ('plugins' in revealOptions) revealOptions.plugins = readRevealPlugins(options.plugins, (message, hint) => warn('plugins', message, hint));

  const incremental = options.incremental ?? false;
  if (typeof incremental !== 'boolean') {
    warn('incremental', '`incremental` must be true or false', 'write `incremental: true` or remove the line');
  }

  return {
    meta: {
      title: text(options.title),
      subtitle: text(options.subtitle),
      author: authors(options.author),
      date: text(options.date),
      description: text(options.description ?? options.subject),
      categories: categories(options.categories, warn),
    },
    revealOptions,
    theme: DARK_THEMES.has(text(options.theme).toLowerCase()) ? 'dark' : 'light',
    backend: text(options.backend),
    incremental: incremental === true,
    macros: readMacros(options.macros, warn),
    keyLines,
    authors: authorRecords(options.author),
    footer: typeof options.footer === 'string' || typeof options.footer === 'number' ? String(options.footer) : '',
    logo: logoPath(options.logo, warn),
  };
}

function quartoRevealOptions(data: Record<string, unknown>): Record<string, unknown> {
  const format = data.format;
  if (!isRecord(format)) return {};
  const revealjs = format.revealjs;
  return isRecord(revealjs) ? revealjs : {};
}

export function camelCase(key: string): string {
  return key.replace(/[-_]+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Quarto accepts a string, a list of strings, or a list of `{name: …}` records. */
function authors(value: unknown): string {
  return authorRecords(value)
    .map((author) => author.name)
    .join(', ');
}

/**
 * Quarto's author records: `name` (a string, or `{given, family}` / `{literal}`), `affiliation(s)` (a string,
 * a `{name}` record, or a list of either), `email`, `orcid`, `url`.
 */
function authorRecords(value: unknown): Author[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const records: Author[] = [];
  for (const author of list) {
    const record: Record<string, unknown> = isRecord(author) ? author : { name: author };
    const name = isRecord(record.name)
      ? text(record.name.literal) || [text(record.name.given), text(record.name.family)].filter(Boolean).join(' ')
      : text(record.name);
    if (!name) continue;
    const given = record.affiliations ?? record.affiliation;
    const affiliations = (Array.isArray(given) ? given : given === undefined || given === null ? [] : [given])
      .map((affiliation) => (isRecord(affiliation) ? text(affiliation.name) : text(affiliation)))
      .filter(Boolean);
    records.push({ name, affiliations, email: text(record.email), orcid: text(record.orcid), url: text(record.url) });
  }
  return records;
}

/** `logo: x.png`, or Quarto's `{light: …, dark: …}` / `{path: …}` forms (the light or plain one is used). */
function logoPath(value: unknown, warn: (key: string, message: string, hint: string) => void): string {
  if (value === undefined || value === null) return '';
  const path = isRecord(value) ? (value.light ?? value.path ?? value.dark) : value;
  if (typeof path === 'string' && path.trim()) return path.trim();
  warn('logo', '`logo` must be the path of an image file', 'write e.g. `logo: images/logo.png`');
  return '';
}

/** Quarto's `categories`: one string or a list of them; anything else is warned about and ignored. */
function categories(value: unknown, warn: (key: string, message: string, hint: string) => void): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    warn('categories', '`categories` must be a word or a list of words', 'write e.g. `categories: [Guide]`');
    return [];
  }
  return list.map((item) => String(item).trim()).filter(Boolean);
}

function readMacros(value: unknown, warn: (key: string, message: string, hint: string) => void): Record<string, unknown> {
  const macros: Record<string, unknown> = {};
  if (value === undefined || value === null) return macros;
  if (!isRecord(value)) {
    warn('macros', '`macros` must be a mapping of names to TeX', 'write e.g. `macros: {reals: "\\\\mathbb{R}"}`');
    return macros;
  }
  for (const [name, expansion] of Object.entries(value)) {
    if (typeof expansion !== 'string') {
      warn('macros', `macro \`${name}\` must expand to a string of TeX`, 'quote the expansion, e.g. `reals: "\\\\mathbb{R}"`');
      continue;
    }
    macros[name.startsWith('\\') ? name : `\\${name}`] = expansion;
  }
  return macros;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
