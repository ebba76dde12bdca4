/**
 * Pandoc's citation syntax, which Quarto also uses for cross-references: `@key`, `-@key`, `[@key]`,
 * `[see @a, p. 3; -@b]`. Pure string functions, shared by the citations (`@smith2020`) and the equation
 * references (`@eq-ridge`) so that the two never disagree about what an `@` starts.
 *
 * Quarto tells the two apart by the key alone: a key that starts with a cross-reference type and a dash
 * (`eq-`, `fig-`, `tbl-`, `sec-`, …) is a cross-reference, any other key a citation.
 */

/** Quarto's cross-reference types (`#fig-x` labels a figure …); keys with these prefixes are never citations. */
export const CROSSREF_TYPES = ['eq', 'fig', 'tbl', 'sec', 'lst', 'thm', 'lem', 'cor', 'prp', 'cnj', 'def', 'exm', 'exr'] as const;

export type CrossrefType = (typeof CROSSREF_TYPES)[number];

/** One `@key` with what Pandoc reads around it inside brackets. */
export interface CitationItem {
  /** The key as written, without `@` (and without braces for `@{key}`). */
  key: string;
  /** Text before the `@` inside brackets (`see` in `[see @a]`), trimmed; '' for none or outside brackets. */
  prefix: string;
  /** Text after the key inside brackets (`, p. 3` in `[@a, p. 3]`), trimmed; ''. */
  suffix: string;
  /** `-@key`: Pandoc's "suppress author"; for a cross-reference, the number without "Equation". */
  suppressAuthor: boolean;
}

/** A citation as found in a run of text: `start`/`end` delimit what to replace (brackets included). */
export interface CitationRun {
  start: number;
  end: number;
  /** `[@a; @b]` rather than an in-text `@a`. */
  bracketed: boolean;
  items: CitationItem[];
}

// Pandoc: a key starts with a letter, digit or `_`; it may hold internal punctuation (`:.#$%&-+?<>~/`), which
// ends it when no key character follows ("see @eq-ridge." is the key `eq-ridge`).
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const KEY_REFERENCE = String.raw`(-?)@(?:\{([^{}\s]+)\}|(${KEY}))`;
// An `@` right after a letter, digit or `_` is an e-mail address or a handle, never a citation.
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}_@])`;
const BRACKETED = String.raw`\[([^\[\]]*@[^\[\]]*)\](?![(\[{])`;
const IN_TEXT = NOT_AFTER_WORD + KEY_REFERENCE;
const ANY = new RegExp(`${BRACKETED}|${IN_TEXT}`, 'gu');
const ITEM = new RegExp(`^([^@]*?)${NOT_AFTER_WORD}${KEY_REFERENCE}(.*)$`, 'su');

/**
 * Every citation in `text`, in order. A bracket whose `;`-separated parts do not each hold one `@key` is not a
 * citation (Pandoc reads it as text), but the in-text keys inside it still are.
 */
export function findCitations(text: string): CitationRun[] {
  if (!text.includes('@')) return [];
  const runs: CitationRun[] = [];
  for (const match of text.matchAll(ANY)) {
    const start = match.index;
    const [whole, bracketContent, dash, bracedKey, bareKey] = match;
    if (bracketContent === undefined) {
      const key = bracedKey ?? bareKey ?? '';
      runs.push({ start, end: start + whole.length, bracketed: false, items: [{ key, prefix: '', suffix: '', suppressAuthor: dash === '-' }] });
      continue;
    }
    const items = bracketItems(bracketContent);
    if (items) {
      runs.push({ start, end: start + whole.length, bracketed: true, items });
    } else {
      // Not a citation bracket: look for in-text keys inside it, offset past the `[`.
      for (const inner of findCitations(bracketContent)) runs.push({ ...inner, start: inner.start + start + 1, end: inner.end + start + 1 });
    }
  }
  return runs;
}

function bracketItems(content: string): CitationItem[] | undefined {
  const items: CitationItem[] = [];
  for (const part of content.split(';')) {
    const match = ITEM.exec(part);
    if (!match) return undefined;
    const [, prefix = '', dash, bracedKey, bareKey, suffix = ''] = match;
    items.push({ key: bracedKey ?? bareKey ?? '', prefix: prefix.trim(), suffix: suffix.trim(), suppressAuthor: dash === '-' });
  }
  return items;
}

/**
 * The cross-reference type a key names (`eq` for `eq-ridge`), undefined for a citation key. Quarto reads
 * `@Eq-ridge` (capitalised, for a sentence's start) as `@eq-ridge`.
 */
export function crossrefType(key: string): CrossrefType | undefined {
  const dash = key.indexOf('-');
  if (dash <= 0) return undefined;
  const type = key.slice(0, dash).toLowerCase();
  return (CROSSREF_TYPES as readonly string[]).includes(type) ? (type as CrossrefType) : undefined;
}

/** True for `eq-…`, `fig-…`, `tbl-…`, `sec-…` and Quarto's other cross-reference keys: not citations. */
export function isCrossrefKey(key: string): boolean {
  return crossrefType(key) !== undefined;
}

/** The label a reference key points at: Quarto lower-cases the first letter (`Eq-ridge` → `eq-ridge`). */
export function crossrefLabel(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}
