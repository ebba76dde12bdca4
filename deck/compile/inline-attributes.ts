import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import attrsUtils from 'markdown-it-attrs/utils.js';

/*
 * markdown-it-attrs reads `*word*{.class}`, `[span]{.class}` and `` `code`{.class} `` in a core rule that, after
 * each match, searches the paragraph's tokens again from the first one. A paragraph of many such spans took
 * minutes (`[a]{.b}` 6,000 times: 18 s). This rule runs just before it and does the same two transforms in
 * one pass, with the plugin's own helpers, so the plugin then finds nothing left to do there.
 */

/** markdown-it-attrs' defaults, which Axon uses. */
const OPTIONS: attrsUtils.Options = { leftDelimiter: '{', rightDelimiter: '}', allowedAttributes: [], allowedAttributeValues: [] };
const startsWithAttributes = attrsUtils.hasDelimiters('start', OPTIONS);

export function applyInlineAttributes(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type === 'inline' && token.children?.some((child) => child.type === 'text' && child.content.startsWith('{'))) {
      token.children = withInlineAttributes(token.children);
    }
  }
}

function withInlineAttributes(children: readonly Token[]): Token[] {
  const kept: Token[] = [];
  // The plugin pairs a closing token with the nearest earlier opening token of the same type and level.
  const lastOpening = new Map<string, Token>();
  for (const child of children) {
    const previous = kept.at(-1);
    let keep = true;
    if (child.type === 'text' && previous && startsWithAttributes(child.content)) {
      if (previous.type === 'image' || previous.type === 'code_inline') {
        // Pattern 'inline nesting 0': the attributes go on the image or code; a text left empty is dropped.
        while (startsWithAttributes(child.content)) {
          const end = child.content.indexOf(OPTIONS.rightDelimiter);
          attrsUtils.addAttrs(attrsUtils.getAttrs(child.content, 0, OPTIONS), previous);
          if (child.content.length === end + 1) {
            keep = false;
            break;
          }
          child.content = child.content.slice(end + 1);
        }
      } else if (previous.nesting === -1) {
        // Pattern 'inline attributes': the attributes go on the opening token of what just closed.
        const opening = lastOpening.get(`${previous.type.replace('_close', '_open')} ${previous.level}`);
        while (opening && startsWithAttributes(child.content)) {
          attrsUtils.addAttrs(attrsUtils.getAttrs(child.content, 0, OPTIONS), opening);
          child.content = child.content.slice(child.content.indexOf(OPTIONS.rightDelimiter) + 1);
        }
      }
    }
    if (!keep) continue;
    kept.push(child);
    if (child.nesting === 1) lastOpening.set(`${child.type} ${child.level}`, child);
  }
  return kept;
}
