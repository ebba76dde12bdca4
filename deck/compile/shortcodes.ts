import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type { CompileEnv } from './env.ts';
import { isLocalAsset } from './images.ts';
import { escapeHtml, newlineCounter } from './text.ts';

/*
 * Quarto shortcodes, `{{< name args >}}`. Axon runs no Lua and no filters, so only the shortcodes a lecture
 * deck uses are understood; every other one is shown as written, with one warning per shortcode name. Each
 * becomes raw inline HTML, so what follows (the asset scan for `<video src>`, widget checks) sees it like any
 * other HTML. Shortcodes in code spans and code blocks are never read: markdown-it does not parse inside them.
 */

/** The metadata each deck's `{{< meta >}}` reads, and what was already warned about (shortcode names, keys). */
interface ShortcodeContext {
  /** The front matter first, then the Quarto project's metadata files, nearest first (see setShortcodeMeta). */
  meta: readonly Record<string, unknown>[];
  warned: Set<string>;
}

const contexts = new WeakMap<CompileEnv, ShortcodeContext>();

/**
 * Gives the deck's front matter to `{{< meta … >}}`; call once per compile, before parsing. `project` is the
 * metadata of the Quarto project the deck sits in (`_metadata.yml` of its folder, then `_quarto.yml`, nearest
 * first; CompileOptions.projectMeta): Quarto merges it under the front matter, so a key the front matter lacks
 * is looked up there (quarto-web's own decks read `{{< meta prerelease-subdomain >}}` from its `_quarto.yml`).
 */
export function setShortcodeMeta(env: CompileEnv, frontMatter: Record<string, unknown>, project: readonly Record<string, unknown>[] = []): void {
  contexts.set(env, { meta: [frontMatter, ...project], warned: new Set() });
}

const SHORTCODE = /^\{\{<\s*([A-Za-z][\w.-]*)([^\n]*?)\s*>\}\}/;
/** `{{{< kbd x >}}}`: Quarto's way to show a shortcode as text. */
const ESCAPED = /^\{\{\{<([^\n]*?)>\}\}\}/;
const ARGUMENT = /([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|'([^']*)'|(\S+)/g;

interface Shortcode {
  name: string;
  /** Positional arguments in order. */
  words: string[];
  /** `key=value` arguments. */
  named: Record<string, string>;
  /** 1-based file line. */
  line: number;
  /** The shortcode as written. */
  source: string;
}

export function shortcodePlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'axon_shortcode_link_targets', expandInLinkTargets);
  let counted: { src: string; count: (offset: number) => number } | undefined;
  md.inline.ruler.before('text', 'axon_shortcode', (state: StateInline, silent: boolean) => {
    if (state.src.charCodeAt(state.pos) !== 0x7b || state.src.charCodeAt(state.pos + 1) !== 0x7b) return false;
    const rest = state.src.slice(state.pos, state.pos + 2000);
    const escaped = ESCAPED.exec(rest);
    const match = escaped ? undefined : SHORTCODE.exec(rest);
    if (!escaped && !match) return false;
    if (!silent) {
      const env = state.env as CompileEnv;
      if (counted?.src !== state.src) counted = { src: state.src, count: newlineCounter(state.src) };
      const line = env.fixedLine ?? env.inlineStartLine + counted.count(state.pos) + 1;
      const token = state.push('html_inline', '', 0);
      token.meta = { axonLine: line };
      token.content = escaped
        ? escapeHtml(`{{<${escaped[1]}>}}`)
        : renderShortcode({ name: match![1]!, ...readArguments(match![2]!), line, source: match![0] }, md, env);
    }
    state.pos += (escaped ?? match)![0].length;
    return true;
  });
}

function readArguments(text: string): Pick<Shortcode, 'words' | 'named'> {
  const words: string[] = [];
  const named: Record<string, string> = {};
  for (const match of text.matchAll(ARGUMENT)) {
    if (match[1]) named[match[1]] = match[2] ?? match[3] ?? match[4] ?? '';
    else words.push(match[5] ?? match[6] ?? match[7] ?? '');
  }
  return { words, named };
}

function renderShortcode(shortcode: Shortcode, md: MarkdownIt, env: CompileEnv): string {
  switch (shortcode.name) {
    case 'kbd':
      return renderKbd(shortcode);
    case 'meta':
      return renderMeta(shortcode, md, env);
    case 'video':
      return renderVideo(shortcode, env);
    case 'pagebreak':
      // A page break means nothing on a slide; the handout breaks pages between slides already.
      return '';
    default:
      warnOnce(env, shortcode, `the Quarto shortcode \`{{< ${shortcode.name} >}}\` is not one Axon knows, so it is shown as text`, 'Axon understands `kbd`, `meta`, `video` and `pagebreak`; write the content out instead');
      return escapeHtml(shortcode.source);
  }
}

/** `{{< kbd Shift-Ctrl-P mac=Shift-Command-P >}}`: the generic keys, else the first platform's. */
function renderKbd({ words, named }: Shortcode): string {
  const keys = words[0] ?? named.win ?? named.linux ?? named.mac ?? '';
  return `<kbd>${escapeHtml(keys)}</kbd>`;
}

/** `{{< meta key >}}` and `{{< meta format.revealjs.footer >}}`: the front-matter value, read as Markdown. */
function renderMeta(shortcode: Shortcode, md: MarkdownIt, env: CompileEnv): string {
  const key = shortcode.words[0] ?? '';
  const value = metaText(env, key);
  if (value !== undefined) {
    // A copy of env: the value is parsed on its own (its own footnote list, its own lines), problems at this line.
    return md.renderInline(value, { ...env, fixedLine: shortcode.line, footnotes: undefined });
  }
  warnMissingMeta(env, key, shortcode.line);
  return `<strong class="axon-missing">?meta:${escapeHtml(key)}</strong>`;
}

/** The text value of a metadata key (dotted for nested values), from the front matter or else the project. */
function metaText(env: CompileEnv, key: string): string | undefined {
  for (const source of contexts.get(env)?.meta ?? []) {
    let value: unknown = source;
    for (const part of key.split('.')) value = isRecord(value) ? value[part] : undefined;
    if (value instanceof Date) value = value.toISOString().slice(0, 10);
    if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) value = value.join(', ');
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}

/** Once per key: a deck that writes the same key in every footer needs to hear of it once, at its first use. */
function warnMissingMeta(env: CompileEnv, key: string, line: number): void {
  const context = contexts.get(env);
  if (context?.warned.has(`meta ${key}`)) return;
  context?.warned.add(`meta ${key}`);
  warn(
    env,
    line,
    `\`{{< meta ${key} >}}\`: neither the front matter nor the Quarto project (_quarto.yml, _metadata.yml) has a text value \`${key}\`, so it shows as ?meta:${key} here and wherever else it is used`,
    'check the key (dotted for nested values, e.g. `format.revealjs.footer`), or define it in the front matter',
  );
}

/** A link target, `](…)`, holding a shortcode; no spaces or parentheses other than the shortcode's own. */
const LINK_TARGET_WITH_SHORTCODE = /\]\(([^()\s]*\{\{<[^()\n]*?>\}\}[^()\s]*)\)/g;
const META_SHORTCODE = /\{\{<\s*meta\s+([^\s>]+)\s*>\}\}/g;

/**
 * Quarto expands shortcodes everywhere, link targets included: `[docs](https://{{< meta sub >}}quarto.org)`.
 * markdown-it reads a link target as one run without spaces, before any inline rule, so the shortcode's spaces
 * would make it no link at all (the whole `[…](…)` shown as text). So `{{< meta >}}` in a target is replaced by
 * its text, URL-encoded, first; an unknown key leaves `?meta:key` there, as Quarto does, and is warned about.
 */
function expandInLinkTargets(state: StateCore): void {
  const env = state.env as CompileEnv;
  for (const token of state.tokens) {
    if (token.type !== 'inline' || !token.content.includes('{{<')) continue;
    const firstLine = env.fixedLine ?? (token.map ? token.map[0] + 1 : 1);
    const newlinesBefore = newlineCounter(token.content);
    const inCode = codeSpanTest(token.content);
    token.content = token.content.replace(LINK_TARGET_WITH_SHORTCODE, (whole: string, target: string, offset: number) => {
      if (inCode(offset)) return whole;
      const expanded = target.replace(META_SHORTCODE, (_shortcode: string, key: string) => {
        const value = metaText(env, key);
        if (value === undefined) warnMissingMeta(env, key, env.fixedLine ?? firstLine + newlinesBefore(offset));
        return value === undefined ? `?meta:${key}` : encodeURI(value);
      });
      return `](${expanded})`;
    });
  }
}

/** `{{< video local.mp4 width=… height=… title=… start=… >}}`; a remote video becomes a link. */
function renderVideo({ words, named, line }: Shortcode, env: CompileEnv): string {
  const src = words[0] ?? named.src ?? '';
  const title = named.title ?? '';
  if (!src) {
    warn(env, line, '`{{< video >}}` names no file', 'write `{{< video my-clip.mp4 >}}`');
    return '';
  }
  if (!isLocalAsset(src)) {
    warn(env, line, `the video ${src} is on the web: it will not play offline, so it is shown as a link`, 'download it next to the deck and write `{{< video clip.mp4 >}}` to play it in the slide');
    return `<a class="axon-video-link" href="${escapeHtml(src)}">▶ ${escapeHtml(title || src)}</a>`;
  }
  const start = named.start ? `#t=${encodeURIComponent(named.start)}` : '';
  const size = ['width', 'height'].map((name) => (named[name] ? ` ${name}="${escapeHtml(named[name])}"` : '')).join('');
  const label = title ? ` title="${escapeHtml(title)}" aria-label="${escapeHtml(title)}"` : '';
  return `<video class="axon-video" controls preload="metadata" src="${escapeHtml(src + start)}"${size}${label}></video>`;
}

/** Whether an offset lies in a code span (`` `…` ``), where a shortcode is text, as markdown-it will read it. */
function codeSpanTest(text: string): (offset: number) => boolean {
  let spans: Array<[number, number]> | undefined; // found on the first question only: most tokens have no target
  return (offset) => {
    spans ??= [...text.matchAll(/(?<!\\)(`+)[\s\S]*?(?<!`)\1(?!`)/g)].map((match): [number, number] => [match.index, match.index + match[0].length]);
    return spans.some(([start, end]) => offset >= start && offset < end);
  };
}

function warnOnce(env: CompileEnv, shortcode: Shortcode, message: string, hint: string): void {
  const context = contexts.get(env);
  if (context?.warned.has(shortcode.name)) return;
  context?.warned.add(shortcode.name);
  warn(env, shortcode.line, message, hint);
}

function warn(env: CompileEnv, line: number, message: string, hint: string): void {
  env.diagnostics.push({ file: env.file, line, severity: 'warning', kind: 'markdown', message, hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
