import { tex } from '@mdit/plugin-tex';
import MarkdownIt, { type PluginSimple } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import bracketedSpans from 'markdown-it-bracketed-spans';
import container from 'markdown-it-container';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import { parseFenceInfo, renderFence, renderIndentedCode } from './code.ts';
import { isDivInfo, shapeDivs } from './divs.ts';
import { trackInlineLines } from './lines.ts';
import { renderMathToken, renderMathTokens } from './math.ts';

let instance: MarkdownIt | undefined;

/** The one configured markdown-it; all per-deck state travels in the `CompileEnv` passed as `env`. */
export function markdown(): MarkdownIt {
  instance ??= createMarkdown();
  return instance;
}

function createMarkdown(): MarkdownIt {
  // Typographer stays off: it would turn reveal's `--` separator and `. . .` pauses into dashes and ellipses.
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

  md.use(tex, {
    delimiters: 'all',
    // Formulas are rendered by the `axon_math` core rule, which needs the token (line, markup); see math.ts.
    render: (content: string) => content,
  });
  container(md, 'div', {
    validate: isDivInfo,
    render: (tokens, index, options, _env, renderer) => renderer.renderToken(tokens, index, options),
  });
  // Both plugins type themselves against markdown-it's CommonJS typings, which TypeScript sees as a
  // different class from the ESM one; the casts bridge that, the runtime objects are the same.
  md.use(bracketedSpans as unknown as PluginSimple);
  md.use(attrs as unknown as PluginSimple);

  trackInlineLines(md, ['math_inline_dollar', 'math_inline_bracket', 'html_inline', 'image']);
  md.core.ruler.after('block', 'axon_block_info', readBlockInfo);
  md.core.ruler.push('axon_math', renderMathTokens);

  md.renderer.rules.math_inline = renderMathToken;
  md.renderer.rules.math_block = renderMathToken;
  md.renderer.rules.fence = renderFence;
  md.renderer.rules.code_block = renderIndentedCode;
  return md;
}

/** Reads fence and div info strings before markdown-it-attrs, which takes any `{…}` info string for itself. */
function readBlockInfo(state: StateCore): void {
  shapeDivs(state);
  for (const token of state.tokens) {
    if (token.type !== 'fence') continue;
    const info = parseFenceInfo(token.info);
    token.meta = { ...token.meta, axonFence: info };
    token.info = info.language;
  }
}
