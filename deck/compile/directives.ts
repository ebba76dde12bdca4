import type Token from 'markdown-it/lib/token.mjs';
import { applyAttributes, hasClass, parseAttributes } from './attributes.ts';
import { matchingClose } from './divs.ts';
import { blockLine, lineOf } from './lines.ts';

/*
 * reveal.js Markdown's attribute comments:
 *   <!-- .slide: data-background="#123" class="x" -->   attributes for the slide's <section>
 *   <!-- .element: class="fragment" -->                  attributes for the element the comment follows
 */

const SLIDE_COMMENT = /<!--\s*\.slide:([\s\S]*?)-->/g;
const ELEMENT_COMMENT = /^<!--\s*\.element:([\s\S]*?)-->\s*$/;

export function isDirectiveOnly(html: string): boolean {
  return html.replace(SLIDE_COMMENT, '').trim() === '';
}

/** A `.slide` comment's attributes and the line it sits on. */
export interface SlideDirective {
  attributes: Array<[string, string]>;
  classes: string[];
  line: number;
}

/** Removes every `.slide` comment from the slide's tokens and returns what they asked for. */
export function takeSlideDirectives(tokens: Token[], slideLine: number): SlideDirective[] {
  const directives: SlideDirective[] = [];
  const take = (token: Token, line: number): void => {
    token.content = token.content.replace(SLIDE_COMMENT, (_, body: string) => {
      const list = parseAttributes(body);
      const classes = [...list.classes];
      const attributes: Array<[string, string]> = [];
      for (const [key, value] of list.pairs) {
        if (key === 'class') classes.push(...value.split(/\s+/).filter(Boolean));
        else attributes.push([key, value]);
      }
      if (list.id) attributes.push(['id', list.id]);
      for (const word of list.words) attributes.push([word, '']);
      directives.push({ attributes, classes, line });
      return '';
    });
  };

  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.type === 'html_block' && token.content.includes('.slide:')) {
      take(token, blockLine(token, slideLine));
      if (token.content.trim() === '') tokens.splice(i, 1);
    } else if (token.type === 'inline' && token.children) {
      const children = token.children;
      for (let j = children.length - 1; j >= 0; j--) {
        const child = children[j]!;
        if (child.type !== 'html_inline' || !child.content.includes('.slide:')) continue;
        take(child, lineOf(child) ?? blockLine(token, slideLine));
        if (child.content.trim() === '') children.splice(j, 1);
      }
    }
  }
  return directives.reverse();
}

/**
 * Moves `.element` comments' attributes onto their element. Inline, the target is the inline element the
 * comment directly follows (image, code, strong, em, link, span); otherwise the enclosing block — the `li`
 * of a tight list, else the paragraph. A comment block on its own line targets the block before it.
 */
export function applyElementDirectives(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'inline' && token.children) {
      const children = token.children;
      for (let j = 0; j < children.length; j++) {
        const match = children[j]!.type === 'html_inline' ? ELEMENT_COMMENT.exec(children[j]!.content) : null;
        if (!match) continue;
        const target = inlineTarget(children, j) ?? blockTarget(tokens, i);
        if (target) applyElementAttributes(target, match[1] ?? '');
        children.splice(j, 1);
        trimTrailingSpace(children, j - 1);
        j--;
      }
    } else if (token.type === 'html_block') {
      const match = ELEMENT_COMMENT.exec(token.content.trim());
      if (!match) continue;
      const target = previousBlock(tokens, i);
      if (target) applyElementAttributes(target, match[1] ?? '');
      tokens.splice(i, 1);
      i--;
    }
  }
}

function applyElementAttributes(target: Token, body: string): void {
  const list = parseAttributes(body);
  applyAttributes(target, list);
  if (hasClass(target, 'fragment')) target.meta = { ...target.meta, axonFragmentSource: 'element' };
}

function inlineTarget(children: readonly Token[], commentIndex: number): Token | undefined {
  let k = commentIndex - 1;
  while (k >= 0 && children[k]!.type === 'text' && children[k]!.content.trim() === '') k--;
  const previous = children[k];
  if (!previous) return undefined;
  if (previous.type === 'image' || previous.type === 'code_inline') return previous;
  if (previous.nesting === -1) {
    const openType = previous.type.replace(/_close$/, '_open');
    let depth = 0;
    for (let m = k; m >= 0; m--) {
      const child = children[m]!;
      if (child.type === previous.type) depth++;
      else if (child.type === openType && --depth === 0) return child;
    }
  }
  return undefined;
}

function blockTarget(tokens: readonly Token[], inlineIndex: number): Token | undefined {
  const opener = tokens[inlineIndex - 1];
  if (!opener) return undefined;
  if (opener.type === 'paragraph_open' && opener.hidden) {
    const item = tokens[inlineIndex - 2];
    return item?.type === 'list_item_open' ? item : opener;
  }
  return opener;
}

function previousBlock(tokens: readonly Token[], index: number): Token | undefined {
  const level = tokens[index]!.level;
  for (let k = index - 1; k >= 0; k--) {
    const token = tokens[k]!;
    if (token.level < level) return undefined;
    if (token.level !== level) continue;
    if (token.nesting === 0) return token;
    if (token.nesting === -1) {
      for (let m = k - 1; m >= 0; m--) {
        if (tokens[m]!.nesting === 1 && tokens[m]!.level === level && matchingClose(tokens, m) === k) return tokens[m];
      }
      return undefined;
    }
  }
  return undefined;
}

function trimTrailingSpace(children: Token[], index: number): void {
  const previous = children[index];
  if (previous?.type === 'text') previous.content = previous.content.replace(/\s+$/, '');
}

