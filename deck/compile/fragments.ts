import Token from 'markdown-it/lib/token.mjs';
import { addClasses, classList, hasClass } from './attributes.ts';
import { codeStepCount } from './code.ts';
import { DIV_CLOSE, DIV_OPEN } from './divs.ts';
import { collapseWhitespace, plainText, stripTags } from './text.ts';
import type { Fragment, FragmentSource } from './types.ts';

const PAUSE = '. . .';

/**
 * Marks list items as fragments where lists are incremental: inside `::: {.incremental}`, or everywhere
 * when the deck sets `incremental: true`, except inside `::: {.nonincremental}`.
 */
export function markIncrementalLists(tokens: readonly Token[], deckIncremental: boolean): void {
  const stack: Array<boolean | undefined> = [];
  for (const token of tokens) {
    if (token.type === DIV_OPEN) {
      stack.push(hasClass(token, 'nonincremental') ? false : hasClass(token, 'incremental') ? true : undefined);
    } else if (token.type === DIV_CLOSE) {
      stack.pop();
    } else if (token.type === 'list_item_open') {
      const innermost = stack.findLast((setting) => setting !== undefined);
      if (innermost ?? deckIncremental) {
        addClasses(token, ['fragment']);
        token.meta = { ...token.meta, axonFragmentSource: 'incremental' };
      }
    }
  }
}

/**
 * `. . .` (a paragraph of its own) wraps what follows it, up to the next pause or the end of the enclosing
 * block, in `<div class="fragment">`. Works at any depth, so a pause inside a column steps that column.
 */
export function wrapPauses(tokens: readonly Token[]): Token[] {
  const result: Token[] = [];
  const openLevels: number[] = [];
  const close = (): void => {
    openLevels.pop();
    result.push(pauseToken(-1));
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    while (openLevels.length > 0 && token.level < openLevels.at(-1)!) close();
    if (isPause(tokens, i)) {
      if (openLevels.at(-1) === token.level) close();
      result.push(pauseToken(1));
      openLevels.push(token.level);
      i += 2;
      continue;
    }
    result.push(token);
  }
  while (openLevels.length > 0) close();
  return result;
}

function isPause(tokens: readonly Token[], index: number): boolean {
  return (
    tokens[index]?.type === 'paragraph_open' &&
    tokens[index + 1]?.content.trim() === PAUSE &&
    tokens[index + 2]?.type === 'paragraph_close'
  );
}

function pauseToken(nesting: 1 | -1): Token {
  const token = new Token(nesting === 1 ? 'axon_pause_open' : 'axon_pause_close', 'div', nesting);
  token.block = true;
  if (nesting === 1) {
    token.attrSet('class', 'fragment');
    token.meta = { axonFragmentSource: 'pause' };
  }
  return token;
}

/** Pandoc-style `fragment-index=2` means reveal's `data-fragment-index="2"`. */
export function renameFragmentIndex(token: Token): void {
  for (const attribute of token.attrs ?? []) {
    if (attribute[0] === 'fragment-index') attribute[0] = 'data-fragment-index';
  }
}

/** Every fragment reveal will step through on this slide, in document order. */
export function collectFragments(tokens: readonly Token[]): Fragment[] {
  const fragments: Fragment[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'inline') {
      fragments.push(...collectFragments(token.children ?? []));
    } else if (token.type === 'html_block' || token.type === 'html_inline') {
      fragments.push(...htmlFragments(tokens, index));
    } else if (token.type === 'fence') {
      for (let step = 0; step < codeStepCount(token); step++) fragments.push({ source: 'code-step', effects: [], text: '' });
    }
    if (token.nesting === -1 || !hasClass(token, 'fragment')) return;
    const source: FragmentSource = (token.meta?.axonFragmentSource as FragmentSource | undefined) ?? 'class';
    const effects = classList(token.attrGet('class')).filter((name) => name !== 'fragment');
    const text = token.nesting === 0 ? plainText([token]) : plainText(tokens.slice(index + 1, closingIndex(tokens, index)));
    fragments.push({ source, effects, text });
  });
  return fragments;
}

function closingIndex(tokens: readonly Token[], openIndex: number): number {
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length;
}

const HTML_FRAGMENT_TAG = /<([a-zA-Z][\w-]*)\b[^>]*\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/g;

/** Raw HTML such as `<div class="fragment fade-up">` is a fragment too (source `class`). */
function htmlFragments(tokens: readonly Token[], index: number): Fragment[] {
  const token = tokens[index]!;
  const fragments: Fragment[] = [];
  for (const match of token.content.matchAll(HTML_FRAGMENT_TAG)) {
    const classes = classList(match[2] ?? match[3]);
    if (!classes.includes('fragment')) continue;
    const tag = match[1]!;
    const after = token.content.slice(match.index + match[0].length);
    const closeAt = after.search(new RegExp(`</${tag}\\s*>`, 'i'));
    const text =
      token.type === 'html_inline' && closeAt === -1
        ? inlineTextUntilClose(tokens, index, tag)
        : collapseWhitespace(stripTags(closeAt === -1 ? after : after.slice(0, closeAt)));
    fragments.push({ source: 'class', effects: classes.filter((name) => name !== 'fragment'), text });
  }
  return fragments;
}

/** Text between an inline HTML opening tag and its closing tag, which markdown-it keeps as separate tokens. */
function inlineTextUntilClose(tokens: readonly Token[], openIndex: number, tag: string): string {
  const closing = new RegExp(`^</${tag}\\s*>$`, 'i');
  const end = tokens.findIndex((token, i) => i > openIndex && token.type === 'html_inline' && closing.test(token.content));
  return plainText(tokens.slice(openIndex + 1, end === -1 ? tokens.length : end));
}
