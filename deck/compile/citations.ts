import type { CiteprocCitation, CslEntry } from '@citation-js/core';
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import Token from 'markdown-it/lib/token.mjs';
import { isCrossrefKey } from './crossref.ts';
import type { CompileEnv } from './env.ts';
import { footnoteTokens } from './footnotes.ts';
import { escapeHtml, newlineCounter } from './text.ts';
import type { CompileOptions, Slide } from './types.ts';

/*
 * Pandoc citations: `[@key]`, `[see @a, p. 3; @b]`, `[-@key]` and in-text `@key`, formatted by citeproc-js
 * through citation-js (BibTeX and CSL-JSON in, CSL styles out) and listed on a references slide. The compiler
 * reads no files: the caller reads the `bibliography:` and `csl:` files (citationFiles) and passes their text.
 * Keys that are Quarto cross-references (`@eq-x`, `@fig-x`, …; crossref.ts) are left for equations.ts.
 *
 * Default style: APA, which citation-js ships. Quarto's default is Chicago author-date; both are author-date
 * styles ("(Hoerl & Kennard, 1970)" against "(Hoerl and Kennard 1970)"), and Chicago's CSL file is not in any
 * package Axon can depend on. A deck that wants Chicago (or any style) names its `.csl` file with `csl:`.
 */

/** One cited work inside a citation. */
interface CitedItem {
  key: string;
  prefix: string;
  suffix: string;
  locator: string;
  label: string;
  suppressAuthor: boolean;
}

/** What one deck's citations need while it compiles. */
interface CitationContext {
  /** The deck names a bibliography: only then is a bare `@word` a citation (see README). */
  hasBibliography: boolean;
  entries: CslEntry[];
  style: string;
  keyLines: Record<string, number>;
  /** The bibliography's HTML once resolved; undefined when nothing was cited. */
  bibliography?: string;
  /** True once a `::: {#refs}` div has received the bibliography. */
  placed: boolean;
}

const contexts = new WeakMap<CompileEnv, CitationContext>();

type CitationJs = typeof import('@citation-js/core');
let citationJs: CitationJs | undefined;

/** citation-js and citeproc take about 0.3 s to load: only a deck with a bibliography pays for that. */
function loadCitationJs(): CitationJs {
  if (!citationJs) {
    const require = createRequire(import.meta.url);
    citationJs = require('@citation-js/core') as CitationJs;
    require('@citation-js/plugin-bibtex');
    require('@citation-js/plugin-csl');
  }
  return citationJs;
}

const KEY = String.raw`(?:\{([^}\s]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))`;
const BARE = new RegExp(`^@${KEY}`, 'u');
const ITEM = new RegExp(`^([^]*?)(-?)@${KEY}([^]*)$`, 'u');
const LOCATOR = /^,?\s*(p|pp|page|pages|chap|chapter|sec|section|para|paragraph|fig|figure|vol|volume|line|lines|n|note)\.?\s+([\w\-–,:]+)(.*)$/i;
const LABELS: Record<string, string> = {
  p: 'page', pp: 'page', pages: 'page', chap: 'chapter', sec: 'section', para: 'paragraph', fig: 'figure',
  vol: 'volume', lines: 'line', n: 'note',
};

export function citationPlugin(md: MarkdownIt): void {
  let counted: { src: string; count: (offset: number) => number } | undefined;
  const lineAt = (state: StateInline): number => {
    const env = state.env as CompileEnv;
    if (counted?.src !== state.src) counted = { src: state.src, count: newlineCounter(state.src) };
    return env.fixedLine ?? env.inlineStartLine + counted.count(state.pos) + 1;
  };
  const push = (state: StateInline, items: CitedItem[], inText: boolean, source: string): void => {
    const token = state.push('citation', '', 0);
    token.content = source;
    token.meta = { items, inText, axonLine: lineAt(state) };
  };

  md.inline.ruler.before('link', 'axon_citation', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
    // A window, not the rest of the paragraph: a paragraph of ten thousand `[` must stay linear.
    const close = state.src.slice(state.pos, state.pos + 2000).indexOf(']');
    if (close === -1) return false;
    const end = state.pos + close;
    const inside = state.src.slice(state.pos + 1, end);
    const after = state.src.charAt(end + 1);
    if (!inside.includes('@') || inside.includes('[') || after === '(' || after === '[') return false;
    const items = inside.split(';').map(readItem);
    if (items.some((item) => !item || isCrossrefKey(item.key))) return false;
    if (!silent) push(state, items as CitedItem[], false, state.src.slice(state.pos, end + 1));
    state.pos = end + 1;
    return true;
  });

  md.inline.ruler.before('text', 'axon_citation_bare', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
    // An `@` after a letter or a dot is an e-mail address or a handle, never a citation (Pandoc's rule).
    if (state.pos > 0 && /[\p{L}\p{N}_.+\-@]/u.test(state.src.charAt(state.pos - 1))) return false;
    if (!contexts.get(state.env as CompileEnv)?.hasBibliography) return false;
    const match = BARE.exec(state.src.slice(state.pos, state.pos + 300));
    const key = match?.[1] ?? match?.[2];
    if (!match || !key || isCrossrefKey(key)) return false;
    if (!silent) push(state, [{ key, prefix: '', suffix: '', locator: '', label: '', suppressAuthor: false }], true, match[0]);
    state.pos += match[0].length;
    return true;
  });

  md.renderer.rules.citation = (tokens, index) => {
    const token = tokens[index]!;
    const html = token.meta?.html as string | undefined;
    return html ?? escapeHtml(token.content);
  };
}

function readItem(text: string): CitedItem | undefined {
  const match = ITEM.exec(text.trim());
  if (!match) return undefined;
  const [, prefix = '', dash = '', braced, plain, rest = ''] = match;
  if (prefix && !/\s$/.test(prefix)) return undefined;
  const key = braced ?? plain ?? '';
  const locator = LOCATOR.exec(rest);
  return {
    key,
    prefix: prefix.trim(),
    suffix: (locator ? locator[3]! : rest).replace(/^,\s*/, '').trim(),
    locator: locator ? locator[2]! : '',
    label: locator ? (LABELS[locator[1]!.toLowerCase()] ?? locator[1]!.toLowerCase()) : '',
    suppressAuthor: dash === '-',
  };
}

/** The files a deck's front matter names for citations, as written (relative to the deck). */
export function citationFiles(frontMatter: Record<string, unknown>): { bibliography: string[]; csl?: string } {
  const format = frontMatter.format;
  const revealjs = isRecord(format) && isRecord(format.revealjs) ? format.revealjs : {};
  const bibliography = frontMatter.bibliography ?? revealjs.bibliography;
  const csl = frontMatter.csl ?? revealjs.csl;
  const list = (Array.isArray(bibliography) ? bibliography : [bibliography]).filter((item): item is string => typeof item === 'string');
  return typeof csl === 'string' ? { bibliography: list, csl } : { bibliography: list };
}

/**
 * Reads the bibliography and style the caller passed in (`options.files`); called once per compile, before
 * parsing. A file named but not passed, or unreadable as BibTeX/CSL-JSON, is a warning at its key's line.
 */
export function prepareCitations(env: CompileEnv, frontMatter: Record<string, unknown>, keyLines: Record<string, number>, options: CompileOptions): void {
  const named = citationFiles(frontMatter);
  const files = options.files ?? {};
  const warn = (key: string, message: string, hint: string): void => {
    env.diagnostics.push({ file: env.file, line: keyLines[key] ?? keyLines.format ?? 1, severity: 'warning', kind: 'front matter', message, hint });
  };
  const entries: CslEntry[] = [];
  for (const path of named.bibliography) {
    const text = files[path];
    if (typeof text !== 'string') {
      warn('bibliography', `the bibliography ${path} was not found`, 'check the path; it is relative to the deck file');
      continue;
    }
    try {
      const data = /\.json$/i.test(path) ? (JSON.parse(text) as object) : text;
      entries.push(...new (loadCitationJs().Cite)(data).data);
    } catch (error) {
      warn('bibliography', `the bibliography ${path} cannot be read (${messageOf(error)})`, 'give a BibTeX (.bib) or CSL-JSON (.json) file');
    }
  }
  let style = 'apa';
  if (named.csl) {
    const xml = files[named.csl];
    if (typeof xml !== 'string') warn('csl', `the citation style ${named.csl} was not found, so APA is used`, 'check the path; it is relative to the deck file');
    else if (!/<style[\s>]/.test(xml)) warn('csl', `${named.csl} is not a CSL style, so APA is used`, 'give a .csl file, e.g. from zotero.org/styles');
    else {
      style = `axon-${hashOf(xml)}`;
      const styles = loadCitationJs().plugins.config.get('@csl').styles;
      if (!styles.has(style)) styles.add(style, xml);
    }
  }
  contexts.set(env, { hasBibliography: named.bibliography.length > 0, entries, style, keyLines, placed: false });
}

/**
 * Formats every citation of the deck in document order (citeproc needs them all: "2020a"/"2020b", numbering),
 * and fills a `::: {#refs}` div with the bibliography. `tokenLists` are the slides' top-level tokens, in order.
 */
export function resolveCitations(tokenLists: readonly Token[][], env: CompileEnv): void {
  const context = contexts.get(env);
  if (!context) return;
  const citations: Token[] = [];
  const refsDivs: Array<{ list: Token[]; index: number }> = [];
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.type === 'citation') citations.push(token);
      if (token.children) visit(token.children);
    }
  };
  for (const list of tokenLists) {
    list.forEach((token, index) => {
      // Read without attrGet: this pass must not be the one to fail on a token some other rule broke.
      if (token.nesting === 1 && token.attrs?.some((attr) => attr?.[0] === 'id' && attr[1] === 'refs')) refsDivs.push({ list, index });
    });
    visit(list);
  }
  visit(footnoteTokens(env));
  if (citations.length === 0) return;

  const known = new Map(context.entries.map((entry) => [entry.id, entry]));
  const warned = new Set<string>();
  for (const token of citations) {
    for (const item of token.meta.items as CitedItem[]) {
      if (known.has(item.key) || warned.has(item.key)) continue;
      warned.add(item.key);
      env.diagnostics.push({
        file: env.file,
        line: token.meta.axonLine as number,
        severity: 'warning',
        kind: 'markdown',
        message: `no bibliography entry \`${item.key}\`, so the citation shows as ?${item.key}`,
        hint: context.hasBibliography ? 'check the key against the bibliography file' : 'name the file with the entries in the front matter: `bibliography: references.bib`',
      });
    }
  }

  const cited = [...new Set(citations.flatMap((token) => (token.meta.items as CitedItem[]).map((item) => item.key)))].filter((key) => known.has(key));
  if (cited.length > 0) formatCitations(citations, cited, known, context, env);
  for (const token of citations) {
    if (token.meta.html) continue;
    const missing = (token.meta.items as CitedItem[]).map((item) => `<strong>?${escapeHtml(item.key)}</strong>`).join('; ');
    token.meta.html = `<span class="citation axon-missing">${missing}</span>`;
  }
  const first = refsDivs[0];
  if (first && context.bibliography) {
    const marker = new Token('html_block', '', 0);
    marker.content = context.bibliography;
    first.list.splice(first.index + 1, 0, marker);
    context.placed = true;
  }
}

function formatCitations(citations: Token[], cited: string[], known: Map<string, CslEntry>, context: CitationContext, env: CompileEnv): void {
  try {
    const engine = loadCitationJs().plugins.config.get('@csl').engine(cited.map((key) => known.get(key)!), context.style, 'en-US', 'html');
    engine.updateItems(cited);
    const clusters: CiteprocCitation[] = [];
    const formatted: Token[] = [];
    citations.forEach((token, index) => {
      const items = (token.meta.items as CitedItem[]).filter((item) => known.has(item.key));
      if (items.length < (token.meta.items as CitedItem[]).length) return;
      formatted.push(token);
      clusters.push({
        citationID: `c${index}`,
        citationItems: items.map((item) => ({
          id: item.key,
          ...(item.prefix && { prefix: `${item.prefix} ` }),
          ...(item.suffix && { suffix: ` ${item.suffix}` }),
          ...(item.locator && { locator: item.locator, label: item.label }),
          ...(item.suppressAuthor && { 'suppress-author': true }),
        })),
        properties: token.meta.inText ? { noteIndex: 0, mode: 'composite' } : { noteIndex: 0 },
      });
    });
    const results = engine.rebuildProcessorState(clusters, 'html', []);
    results.forEach(([, , html], index) => {
      const token = formatted[index]!;
      const keys = (token.meta.items as CitedItem[]).map((item) => item.key).join(' ');
      token.meta.html = `<span class="citation" data-cites="${escapeHtml(keys)}">${html}</span>`;
    });
    const bibliography = engine.makeBibliography();
    if (bibliography) {
      const [meta, entries] = bibliography;
      const items = entries.map((entry, index) => {
        const id = meta.entry_ids[index]?.[0] ?? '';
        return entry.trim().replace(/^<div class="csl-entry">/, `<div id="ref-${escapeHtml(id)}" class="csl-entry" role="listitem">`);
      });
      // No id: in the author's `::: {#refs}` that div holds the id; the automatic slide has its own.
      context.bibliography = `<div class="references csl-bib-body hanging-indent" role="list">\n${items.join('\n')}\n</div>\n`;
    }
  } catch (error) {
    env.diagnostics.push({
      file: env.file,
      line: context.keyLines.csl ?? context.keyLines.bibliography ?? 1,
      severity: 'warning',
      kind: 'front matter',
      message: `the citations could not be formatted (${messageOf(error)})`,
      hint: 'check the `csl:` style file, or remove it to use APA',
    });
  }
}

/**
 * The final "References" slide, when something was cited and the deck has no `::: {#refs}` div to hold the
 * list (Pandoc would put it after the last slide's content, where it would overflow).
 */
export function referencesSlide(env: CompileEnv, last: Slide | undefined, usedIds: Set<string>): Slide | undefined {
  const context = contexts.get(env);
  if (!context?.bibliography || context.placed) return undefined;
  let id = 'references';
  for (let n = 2; usedIds.has(id); n++) id = `references-${n}`;
  usedIds.add(id);
  return {
    h: last ? last.h + 1 : 0,
    v: 0,
    kind: 'content',
    title: 'References',
    html: `<h2>References</h2>\n${context.bibliography}`,
    notes: '',
    attrs: { id, class: 'axon-references' },
    fragments: [],
    widgets: [],
    assets: [],
    source: { file: env.file, line: context.keyLines.bibliography ?? 1 },
  };
}

function hashOf(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().slice(0, 200);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
