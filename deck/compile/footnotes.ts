import type MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import Token from 'markdown-it/lib/token.mjs';
import type { CompileEnv } from './env.ts';
import { newlineCounter } from './text.ts';

/*
 * Footnotes `^[inline]` and `[^1]` … `[^1]: text`, parsed by markdown-it-footnote. The plugin puts every
 * footnote at the end of the document, which on slides would be the last slide; Quarto shows a slide's notes at
 * the foot of that slide, numbered through the whole deck (Pandoc's numbering). So the plugin's list is taken
 * off the token stream once every core rule has run on it (math, attributes; takeFootnotes), and each slide
 * appends the notes it cites (appendFootnotes).
 */

/** Per compile: each footnote's tokens (footnote_open … footnote_close) by its deck-wide id, and ids shown so far. */
interface FootnoteStore {
  byId: Map<number, Token[]>;
  shown: Set<number>;
}

const stores = new WeakMap<CompileEnv, FootnoteStore>();

interface PluginEnv {
  footnotes?: { refs?: Record<string, number>; list?: unknown[] };
}

export function footnotePlugin(md: MarkdownIt): void {
  md.use(footnote);
  // A front-matter value (footer, title) parsed after the body must not list the deck's footnotes.
  md.core.ruler.after('footnote_tail', 'axon_footnotes_inline', (state) => {
    if (state.inlineMode) splitFootnoteList(state.tokens);
  });
  md.renderer.rules.footnote_caption = (tokens, index) => String((tokens[index]!.meta.id as number) + 1);
  md.renderer.rules.footnote_block_open = () => '<aside class="footnotes axon-footnotes" role="doc-endnotes">\n<ol class="footnotes-list">\n';
  md.renderer.rules.footnote_block_close = () => '</ol>\n</aside>\n';
  // `value`: a slide citing notes 3 and 4 shows 3 and 4, not 1 and 2. The id only once: a note cited on two
  // slides is listed on both, and ids must stay unique in the page.
  md.renderer.rules.footnote_open = (tokens, index) => {
    const token = tokens[index]!;
    const number = (token.meta.id as number) + 1;
    return `<li${token.meta.axonFirst ? ` id="fn${number}"` : ''} class="footnote-item" value="${number}">`;
  };
  // The back-link (↩) would jump out of the presentation's navigation; the number beside the text is enough.
  md.renderer.rules.footnote_anchor = () => '';
}

/**
 * Takes the footnote list markdown-it-footnote put at the end of the deck's tokens, keeping each note for the
 * slides that cite it, and reports notes cited but undefined or defined but never cited. Call on the tokens
 * of `md.parse` (after every core rule, so that math and attributes inside notes are done), before splitting.
 */
export function takeFootnotes(tokens: Token[], env: CompileEnv): Token[] {
  const store = storeOf(env);
  const { body, notes } = splitFootnoteList(tokens);
  for (const note of notes) store.byId.set(note[0]!.meta.id as number, note);
  reportUndefinedReferences(body, env);
  reportUnusedFootnotes(env);
  return body;
}

/** Cuts `footnote_block_open … footnote_block_close` off the end of `tokens` (in place), one list per note. */
function splitFootnoteList(tokens: Token[]): { body: Token[]; notes: Token[][] } {
  const start = tokens.findIndex((token) => token.type === 'footnote_block_open');
  if (start === -1) return { body: tokens, notes: [] };
  const notes: Token[][] = [];
  for (const token of tokens.slice(start + 1)) {
    if (token.type === 'footnote_block_close') break;
    if (token.type === 'footnote_open') notes.push([token]);
    else notes.at(-1)?.push(token);
  }
  tokens.length = start;
  return { body: tokens, notes };
}

function storeOf(env: CompileEnv): FootnoteStore {
  let store = stores.get(env);
  if (!store) stores.set(env, (store = { byId: new Map(), shown: new Set() }));
  return store;
}

/** Appends to a slide (or its notes) the footnotes its tokens cite, in the order they are cited. */
export function appendFootnotes(tokens: Token[], env: CompileEnv): void {
  const store = stores.get(env);
  if (!store) return;
  const cited = new Set<number>();
  const ids: number[] = [];
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.type === 'footnote_ref' && !cited.has(token.meta.id as number)) {
        cited.add(token.meta.id as number);
        ids.push(token.meta.id as number);
      }
      if (token.children) visit(token.children);
    }
  };
  visit(tokens);
  // A note may cite another note; its number must be listed too.
  for (let i = 0; i < ids.length; i++) visit(store.byId.get(ids[i]!) ?? []);
  if (ids.length === 0) return;
  const block = (type: string, nesting: 1 | -1): Token => {
    const token = new Token(type, '', nesting);
    token.block = true;
    return token;
  };
  tokens.push(block('footnote_block_open', 1));
  for (const id of ids.sort((a, b) => a - b)) {
    const note = store.byId.get(id);
    if (!note) continue;
    note[0]!.meta = { ...note[0]!.meta, axonFirst: !store.shown.has(id) };
    store.shown.add(id);
    tokens.push(...note);
  }
  tokens.push(block('footnote_block_close', -1));
}

/** All footnote bodies, so that a deck-wide pass (citations) sees what is inside them too. */
export function footnoteTokens(env: CompileEnv): Token[] {
  return [...(stores.get(env)?.byId.values() ?? [])].flat();
}

/**
 * Definitions never cited: markdown-it-footnote marks them -1 in `refs`. Their lines are found in the source,
 * since the plugin keeps no line for a definition it drops.
 */
function reportUnusedFootnotes(env: CompileEnv): void {
  const refs = (env as CompileEnv & PluginEnv).footnotes?.refs ?? {};
  for (const [key, id] of Object.entries(refs)) {
    if (id !== -1) continue;
    const label = key.slice(1);
    const index = env.lines.findIndex((line) => line.trimStart().startsWith(`[^${label}]:`));
    env.diagnostics.push({
      file: env.file,
      line: index + 1 || 1,
      severity: 'warning',
      kind: 'markdown',
      message: `footnote \`[^${label}]\` is defined but never cited, so it is not shown`,
      hint: `cite it in the text with \`[^${label}]\`, or delete the definition`,
    });
  }
}

const CITED_LABEL = /\[\^([^\]\s]+)\](?!:)/g;

/** `[^x]` left as text: the plugin found no `[^x]: …` definition. */
function reportUndefinedReferences(tokens: readonly Token[], env: CompileEnv): void {
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.map || !token.content.includes('[^')) continue;
    const asText = (token.children ?? []).filter((child) => child.type === 'text').map((child) => child.content).join('');
    const newlinesBefore = newlineCounter(token.content);
    let from = 0;
    for (const match of asText.matchAll(CITED_LABEL)) {
      const offset = token.content.indexOf(match[0], from);
      from = offset + 1;
      env.diagnostics.push({
        file: env.file,
        line: token.map[0] + 1 + (offset === -1 ? 0 : newlinesBefore(offset)),
        severity: 'warning',
        kind: 'markdown',
        message: `footnote \`[^${match[1]}]\` is cited but never defined, so it shows as text`,
        hint: `add a line \`[^${match[1]}]: the note's text\` (anywhere in the deck, after a blank line)`,
      });
    }
  }
}
