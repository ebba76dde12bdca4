import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import Token from 'markdown-it/lib/token.mjs';
import { applyAttributes, classList, hasClass, parseAttributes, removeAttribute } from './attributes.ts';
import type { CompileEnv } from './env.ts';
import { escapeHtml } from './text.ts';

/** Token type markdown-it-container gives Pandoc fenced divs (`::: {.x}`), registered under the name `div`. */
export const DIV_OPEN = 'container_div_open';
export const DIV_CLOSE = 'container_div_close';

const CALLOUT_TYPES = ['note', 'tip', 'warning', 'important', 'caution'] as const;

/** Any non-empty info string opens a div; a bare `:::` only ever closes one. */
export function isDivInfo(info: string): boolean {
  return info.trim() !== '';
}

/**
 * Turns a div's info string into attributes: `::: notes` → class notes, `{.a #b k="v"}` as Pandoc reads it.
 * Runs before markdown-it-attrs, which would otherwise take `{…}` info strings for itself.
 */
export function shapeDiv(token: Token, env: CompileEnv): void {
  const list = parseAttributes(token.info);
  list.classes.unshift(...list.words);
  list.words = [];
  token.info = '';
  applyAttributes(token, list);

  // A percentage is not a valid HTML width attribute; Quarto columns mean a CSS width.
  const width = token.attrGet('width');
  if (hasClass(token, 'column') && width !== null) {
    removeAttribute(token, 'width');
    token.attrSet('style', `width:${width};${token.attrGet('style') ?? ''}`);
  }

  // markdown-it-container closes an unclosed div silently at the end of its parent; say so instead.
  const closed = token.map !== null && /^[\s>]*:{3,}\s*$/.test(env.lines[token.map[1]] ?? '');
  if (!closed) {
    env.diagnostics.push({
      file: env.file,
      line: (token.map?.[0] ?? 0) + 1,
      severity: 'warning',
      kind: 'markdown',
      message: `the div \`${token.markup}\` opened here is never closed, so it runs to the end of its block`,
      hint: `close it with a line of at least ${token.markup.length} colons`,
    });
  }
}

export function calloutType(token: Token): string | undefined {
  const classes = classList(token.attrGet('class'));
  return CALLOUT_TYPES.find((type) => classes.includes(`callout-${type}`));
}

/** Index of the token closing the one opened at `openIndex` (same type family, counted by nesting). */
export function matchingClose(tokens: readonly Token[], openIndex: number): number {
  const open = tokens[openIndex]!;
  const closeType = open.type.replace(/_open$/, '_close');
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === open.type) depth++;
    else if (token.type === closeType && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/**
 * Rewrites Quarto callouts into the markup the theme styles:
 * `<div class="callout callout-note" role="note"><div class="callout-title">…</div><div class="callout-body">…</div></div>`.
 * The title comes from `title="…"`, else from a heading that opens the callout, else the capitalised type.
 */
export function expandCallouts(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    const type = open.type === DIV_OPEN ? calloutType(open) : undefined;
    if (!type) continue;

    let title: Token;
    const titleAttribute = open.attrGet('title');
    removeAttribute(open, 'title');
    if (titleAttribute !== null) {
      title = htmlToken(escapeHtml(titleAttribute));
    } else if (tokens[i + 1]?.type === 'heading_open' && tokens[i + 2]?.type === 'inline') {
      title = tokens[i + 2]!;
      tokens.splice(i + 1, 3);
    } else {
      title = htmlToken(type.charAt(0).toUpperCase() + type.slice(1));
    }
    const classes = classList(open.attrGet('class')).filter((name) => name !== 'callout');
    open.attrSet('class', ['callout', ...classes].join(' '));
    open.attrSet('role', 'note');

    tokens.splice(matchingClose(tokens, i), 0, htmlToken('</div>\n'));
    tokens.splice(i + 1, 0, htmlToken('<div class="callout-title">'), title, htmlToken('</div>\n<div class="callout-body">\n'));
  }
}

export function htmlToken(content: string): Token {
  const token = new Token('html_block', '', 0);
  token.content = content;
  token.block = true;
  return token;
}

/** Core rule: reads the info string of every div once, right after block parsing. */
export function shapeDivs(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type === DIV_OPEN) shapeDiv(token, state.env as CompileEnv);
  }
}
