import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import Token from 'markdown-it/lib/token.mjs';
import { applyAttributes, classList, hasClass, parseAttributes, removeAttribute } from './attributes.ts';
import type { CompileEnv } from './env.ts';
import { placeAbsolute } from './absolute.ts';
import { escapeHtml } from './text.ts';

/** Token types of Pandoc fenced divs (`::: {.x}`), read by fenced-divs.ts under markdown-it-container's old names. */
export const DIV_OPEN = 'container_div_open';
export const DIV_CLOSE = 'container_div_close';

const CALLOUT_TYPES = ['note', 'tip', 'warning', 'important', 'caution'] as const;

/**
 * Turns a div's info string into attributes: `::: notes` → class notes, `{.a #b k="v"}` as Pandoc reads it.
 * Runs before markdown-it-attrs, which would otherwise take `{…}` info strings for itself.
 */
export function shapeDiv(token: Token, env: CompileEnv): void {
  const list = parseAttributes(token.info);
  // Not unshift(...words): a div line of a hundred thousand words must not overflow the call stack.
  list.classes = list.words.concat(list.classes);
  list.words = [];
  token.info = '';
  applyAttributes(token, list);

  // A percentage is not a valid HTML width attribute; Quarto columns mean a CSS width.
  const width = token.attrGet('width');
  if (hasClass(token, 'column') && width !== null) {
    removeAttribute(token, 'width');
    token.attrSet('style', `width:${width};${token.attrGet('style') ?? ''}`);
  }
  placeAbsolute(token);

  // fenced-divs.ts closes an unclosed div at the end of its parent (the slide's list item, quote or file).
  if (token.meta?.fencedDivClosed === false) {
    env.diagnostics.push({
      file: env.file,
      line: (token.map?.[0] ?? 0) + 1,
      severity: 'warning',
      kind: 'markdown',
      message: `the div \`${token.markup}\` opened here is never closed, so it runs to the end of its block`,
      hint: 'close it with a line of three or more colons: `:::`',
    });
  }
}

export function calloutType(token: Token): string | undefined {
  const classes = classList(token.attrGet('class'));
  return CALLOUT_TYPES.find((type) => classes.includes(`callout-${type}`));
}

/**
 * For every opening token, the index of the token that closes it (-1 for tokens that open nothing, or never
 * close). One pass with a stack, so that every caller asking about every opener stays linear.
 */
export function closingIndexes(tokens: readonly Token[]): Int32Array {
  const closes = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((token, index) => {
    if (token.nesting === 1) open.push(index);
    else if (token.nesting === -1) {
      const opener = open.pop();
      if (opener !== undefined) closes[opener] = index;
    }
  });
  return closes;
}

/**
 * Rewrites Quarto callouts into the markup the theme styles:
 * `<div class="callout callout-note" role="note"><div class="callout-title">…</div><div class="callout-body">…</div></div>`.
 * The title comes from `title="…"`, else from a heading that opens the callout, else the capitalised type
 * (a `simple` or `minimal` callout has no title unless given one, as in Quarto).
 * `collapse="true"` makes it a `<details>` whose `<summary>` is the title (`"false"`: open at first);
 * `appearance="simple|minimal"` and `icon=false` become classes (`callout-style-…`, `no-icon`).
 * Builds a new list in one pass (splicing into the old one made a slide of many callouts quadratic).
 */
export function expandCallouts(tokens: readonly Token[]): Token[] {
  const closes = closingIndexes(tokens);
  /** Indexes of the closing tokens that need the body's `</div>` before them. */
  const bodyEnds = new Set<number>();
  const result: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const openIndex = i;
    const open = tokens[i]!;
    if (bodyEnds.has(i)) result.push(htmlToken('</div>\n'));
    result.push(open);
    const type = open.type === DIV_OPEN ? calloutType(open) : undefined;
    if (!type) continue;

    const look = takeCalloutLook(open);
    let title: Token | undefined;
    const titleAttribute = open.attrGet('title');
    removeAttribute(open, 'title');
    if (titleAttribute !== null) {
      title = htmlToken(escapeHtml(titleAttribute));
    } else if (tokens[i + 1]?.type === 'heading_open' && tokens[i + 2]?.type === 'inline') {
      title = tokens[i + 2]!;
      i += 3;
    } else if (look.appearance === 'default' || look.collapse) {
      title = htmlToken(type.charAt(0).toUpperCase() + type.slice(1));
    }
    const classes = classList(open.attrGet('class')).filter((name) => name !== 'callout');
    if (look.appearance !== 'default') classes.push(`callout-style-${look.appearance}`);
    if (!look.icon) classes.push('no-icon');
    open.attrSet('class', ['callout', ...classes].join(' '));
    open.attrSet('role', 'note');

    const close = closes[openIndex]!;
    bodyEnds.add(close === -1 ? tokens.length - 1 : close);
    const titleTag = look.collapse ? 'summary' : 'div';
    if (look.collapse) {
      open.tag = 'details';
      if (close !== -1) tokens[close]!.tag = 'details';
      if (look.collapse === 'open') open.attrSet('open', '');
    }
    if (title) result.push(htmlToken(`<${titleTag} class="callout-title">`), title, htmlToken(`</${titleTag}>\n`));
    result.push(htmlToken('<div class="callout-body">\n'));
  }
  return result;
}

interface CalloutLook {
  /** From `collapse="true"` (closed) or `"false"` (open); absent: not collapsible. */
  collapse?: 'closed' | 'open';
  appearance: 'default' | 'simple' | 'minimal';
  icon: boolean;
}

/** Reads (and removes) Quarto's callout options; values Quarto does not know leave its defaults. */
function takeCalloutLook(open: Token): CalloutLook {
  const read = (name: string): string | undefined => {
    const value = open.attrGet(name);
    removeAttribute(open, name);
    return value?.trim().toLowerCase();
  };
  const collapse = read('collapse');
  const appearance = read('appearance');
  const icon = read('icon');
  const look: CalloutLook = {
    appearance: appearance === 'simple' || appearance === 'minimal' ? appearance : 'default',
    // Quarto: `minimal` is `simple` without the icon.
    icon: icon !== 'false' && appearance !== 'minimal',
  };
  if (collapse === 'true') look.collapse = 'closed';
  else if (collapse === 'false') look.collapse = 'open';
  return look;
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
