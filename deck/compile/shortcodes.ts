import type MarkdownIt from 'markdown-it';
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

/** The front matter each deck's `{{< meta >}}` reads, and the shortcode names already warned about. */
interface ShortcodeContext {
  meta: Record<string, unknown>;
  warned: Set<string>;
}

const contexts = new WeakMap<CompileEnv, ShortcodeContext>();

/** Gives the deck's front matter to `{{< meta … >}}`; call once per compile, before parsing. */
export function setShortcodeMeta(env: CompileEnv, frontMatter: Record<string, unknown>): void {
  contexts.set(env, { meta: frontMatter, warned: new Set() });
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
  const context = contexts.get(env);
  let value: unknown = context?.meta;
  for (const part of key.split('.')) value = isRecord(value) ? value[part] : undefined;
  if (value instanceof Date) value = value.toISOString().slice(0, 10);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) value = value.join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    // A copy of env: the value is parsed on its own (its own footnote list, its own lines), problems at this line.
    return md.renderInline(String(value), { ...env, fixedLine: shortcode.line, footnotes: undefined });
  }
  warn(env, shortcode.line, `\`{{< meta ${key} >}}\`: the front matter has no text value \`${key}\`, so it shows as ?meta:${key}`, 'check the key (dotted for nested values, e.g. `format.revealjs.footer`)');
  return `<strong class="axon-missing">?meta:${escapeHtml(key)}</strong>`;
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
