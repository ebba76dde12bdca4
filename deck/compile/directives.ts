import type Token from 'markdown-it/lib/token.mjs';
import { applyAttributes, hasClass, parseAttributes } from './attributes.ts';
import { blockLine, lineOf } from './lines.ts';

/*
 * reveal.js Markdown's attribute comments:
 *   <!-- .slide: data-background="#123" class="x" -->   attributes for the slide's <section>
 *   <!-- .element: class="fragment" -->                  attributes for the element the comment follows
 */

/** After `<!--`: the words that make a comment a `.slide` directive (sticky, so it is tried at one place only). */
const SLIDE_HEAD = /\s*\.slide:/y;
const ELEMENT_HEAD = /^<!--\s*\.element:/;

/**
 * Replaces every `<!-- .slide: … -->` in `html` by what `replace` returns for its body. Comments are found
 * with `indexOf`: the regular expression this replaces rescanned the rest of the text from every `<!--`.
 */
function replaceSlideComments(html: string, replace: (body: string) => string): string {
  const pieces: string[] = [];
  let copied = 0;
  for (let open = html.indexOf('<!--'); open !== -1; ) {
    SLIDE_HEAD.lastIndex = open + 4;
    if (!SLIDE_HEAD.test(html)) {
      open = html.indexOf('<!--', open + 1);
      continue;
    }
    const close = html.indexOf('-->', SLIDE_HEAD.lastIndex);
    // No `-->` after this one means none after any later `<!--` either.
    if (close === -1) break;
    pieces.push(html.slice(copied, open), replace(html.slice(SLIDE_HEAD.lastIndex, close)));
    copied = close + 3;
    open = html.indexOf('<!--', copied);
  }
  if (copied === 0) return html;
  pieces.push(html.slice(copied));
  return pieces.join('');
}

/** The body of a comment that is exactly `<!-- .element: … -->` (trailing whitespace allowed). */
function elementCommentBody(html: string): string | undefined {
  const head = ELEMENT_HEAD.exec(html);
  if (!head) return undefined;
  const end = html.trimEnd();
  if (!end.endsWith('-->')) return undefined;
  return html.slice(head[0].length, end.length - 3);
}

export function isDirectiveOnly(html: string): boolean {
  if (!html.includes('.slide:')) return html.trim() === '';
  return replaceSlideComments(html, () => '').trim() === '';
}

/** A `.slide` comment's attributes and the line it sits on. */
export interface SlideDirective {
  attributes: Array<[string, string]>;
  classes: string[];
  line: number;
}

function slideDirective(body: string, line: number): SlideDirective {
  const list = parseAttributes(body);
  const classes = [...list.classes];
  const attributes: Array<[string, string]> = [];
  for (const [key, value] of list.pairs) {
    // A loop, not push(...): a class list of a hundred thousand names must not overflow the call stack.
    if (key === 'class') {
      for (const name of value.split(/\s+/)) if (name) classes.push(name);
    } else {
      attributes.push([key, value]);
    }
  }
  if (list.id) attributes.push(['id', list.id]);
  for (const word of list.words) attributes.push([word, '']);
  return { attributes, classes, line };
}

/** Removes every `.slide` comment from the slide's tokens and returns what they asked for, in document order. */
export function takeSlideDirectives(tokens: Token[], slideLine: number): SlideDirective[] {
  const directives: SlideDirective[] = [];
  const take = (token: Token, line: number): void => {
    token.content = replaceSlideComments(token.content, (body) => {
      directives.push(slideDirective(body, line));
      return '';
    });
  };
  const isSlideComment = (child: Token): boolean => child.type === 'html_inline' && child.content.includes('.slide:');

  // Filtered in one pass: splicing each comment out of a long slide made it quadratic.
  let kept = 0;
  for (const token of tokens) {
    if (token.type === 'html_block' && token.content.includes('.slide:')) {
      take(token, blockLine(token, slideLine));
      if (token.content.trim() === '') continue;
    } else if (token.type === 'inline' && token.children?.some(isSlideComment)) {
      token.children = token.children.filter((child) => {
        if (!isSlideComment(child)) return true;
        take(child, lineOf(child) ?? blockLine(token, slideLine));
        return child.content.trim() !== '';
      });
    }
    tokens[kept++] = token;
  }
  tokens.length = kept;
  return directives;
}

/**
 * Moves `.element` comments' attributes onto their element. Inline, the target is the inline element the
 * comment directly follows (image, code, strong, em, link, span); otherwise the enclosing block — the `li`
 * of a tight list, else the paragraph. A comment block on its own line targets the block before it.
 *
 * One forward pass that remembers, per nesting level, the block a comment there would follow: looking back
 * from every comment (and splicing it out) made a slide of many comments quadratic.
 */
export function applyElementDirectives(tokens: Token[]): void {
  const kept: Token[] = [];
  const open: Token[] = [];
  /** `previous[level]`: the last complete block at that level since its parent opened. */
  const previous: Array<Token | undefined> = [];
  for (const token of tokens) {
    if (token.type === 'inline' && token.children) {
      applyInlineElementDirectives(token, kept);
    } else if (token.type === 'html_block') {
      const body = elementCommentBody(token.content.trim());
      if (body !== undefined) {
        const target = previous[token.level];
        if (target) applyElementAttributes(target, body);
        continue;
      }
    }
    kept.push(token);
    if (token.nesting === 0) previous[token.level] = token;
    else if (token.nesting === -1) previous[token.level] = open.pop();
    else open.push(token);
    // A comment deeper than this token would find this token (a shallower one) first, and stop.
    previous.length = token.level + 1;
  }
  tokens.length = 0;
  for (const token of kept) tokens.push(token);
}

function applyInlineElementDirectives(inline: Token, blocksBefore: readonly Token[]): void {
  const children = inline.children ?? [];
  if (!children.some((child) => child.type === 'html_inline' && child.content.includes('.element:'))) return;
  const kept: Token[] = [];
  const open: Token[] = [];
  const openerOf = new Map<Token, Token>();
  /** The last kept child that is not blank text: what a comment "directly follows". */
  let lastSolid: Token | undefined;
  for (const child of children) {
    const body = child.type === 'html_inline' ? elementCommentBody(child.content) : undefined;
    if (body === undefined) {
      kept.push(child);
      if (child.nesting === 1) open.push(child);
      else if (child.nesting === -1) {
        const opener = open.pop();
        if (opener) openerOf.set(child, opener);
      }
      if (!(child.type === 'text' && child.content.trim() === '')) lastSolid = child;
      continue;
    }
    const target = inlineTarget(lastSolid, openerOf) ?? blockTarget(blocksBefore);
    if (target) applyElementAttributes(target, body);
    const before = kept.at(-1);
    if (before?.type === 'text') before.content = before.content.replace(/\s+$/, '');
  }
  inline.children = kept;
}

function applyElementAttributes(target: Token, body: string): void {
  const list = parseAttributes(body);
  applyAttributes(target, list);
  if (hasClass(target, 'fragment')) target.meta = { ...target.meta, axonFragmentSource: 'element' };
}

function inlineTarget(previous: Token | undefined, openerOf: ReadonlyMap<Token, Token>): Token | undefined {
  if (!previous) return undefined;
  if (previous.type === 'image' || previous.type === 'code_inline') return previous;
  return previous.nesting === -1 ? openerOf.get(previous) : undefined;
}

/** `blocksBefore` ends with the inline token's opener (and, in a tight list, the list item before that). */
function blockTarget(blocksBefore: readonly Token[]): Token | undefined {
  const opener = blocksBefore.at(-1);
  if (!opener) return undefined;
  if (opener.type === 'paragraph_open' && opener.hidden) {
    const item = blocksBefore.at(-2);
    return item?.type === 'list_item_open' ? item : opener;
  }
  return opener;
}
