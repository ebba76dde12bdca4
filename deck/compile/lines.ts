import type MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import type { CompileEnv } from './env.ts';
import { newlineCounter } from './text.ts';

/*
 * markdown-it gives block tokens a `map` but inline tokens none. Math errors and unknown widgets must be
 * reported at their own line (a formula on a paragraph's third line is on the third line), so the inline
 * rules that make such tokens are wrapped to stamp each token with its 1-based file line.
 */

export function lineOf(token: Token): number | undefined {
  const line: unknown = token.meta?.axonLine;
  return typeof line === 'number' ? line : undefined;
}

/** The 1-based line of a block token; `fallback` for tokens markdown-it made without a map. */
export function blockLine(token: Token, fallback: number): number {
  return token.map ? token.map[0] + 1 : fallback;
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;

interface RuleEntry {
  name: string;
  fn: InlineRule;
}

export function trackInlineLines(md: MarkdownIt, ruleNames: readonly string[]): void {
  md.core.ruler.at('inline', (state: StateCore) => {
    const env = state.env as CompileEnv;
    for (const token of state.tokens) {
      // Table cells have no map of their own; the row's `tr_open` before them does.
      if (token.map) env.inlineStartLine = token.map[0];
      if (token.type !== 'inline') continue;
      state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
    }
    // Past this rule no paragraph is being read: a failure in a later rule must not be blamed on the last one.
    env.inlineStartLine = -1;
  });

  // Counting from the start of the paragraph for every token made long paragraphs quadratic; one counter per
  // inline source answers each token in O(log n).
  let counted: { src: string; count: (offset: number) => number } | undefined;
  const newlinesBefore = (src: string, offset: number): number => {
    if (counted?.src !== src) counted = { src, count: newlineCounter(src) };
    return counted.count(offset);
  };

  // Ruler exposes no getter for one rule's function; `__rules__` is the only way to wrap it in place.
  const entries = (md.inline.ruler as unknown as { __rules__: RuleEntry[] }).__rules__;
  for (const name of ruleNames) {
    const original = entries.find((entry) => entry.name === name)?.fn;
    if (!original) throw new Error(`markdown-it inline rule '${name}' not found`);
    md.inline.ruler.at(name, (state, silent) => {
      const start = state.pos;
      const before = state.tokens.length;
      const matched = original(state, silent);
      if (matched && !silent) {
        const env = state.env as CompileEnv;
        const line = env.fixedLine ?? env.inlineStartLine + newlinesBefore(state.src, start) + 1;
        for (const token of state.tokens.slice(before)) token.meta = { ...token.meta, axonLine: line };
      }
      return matched;
    });
  }
}
