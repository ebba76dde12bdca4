import { tex } from '@mdit/plugin-tex';
import MarkdownIt, { type PluginSimple, type PluginWithOptions } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import bracketedSpans from 'markdown-it-bracketed-spans';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import { parseFenceInfo, renderFence, renderIndentedCode, shapeQuartoFences } from './code.ts';
import { shapeDivs } from './divs.ts';
import type { CompileEnv } from './env.ts';
import { equations } from './equations.ts';
import { fencedDivs } from './fenced-divs.ts';
import { citationPlugin } from './citations.ts';
import { footnotePlugin } from './footnotes.ts';
import { applyInlineAttributes } from './inline-attributes.ts';
import { trackInlineLines } from './lines.ts';
import { renderMathToken, renderMathTokens } from './math.ts';
import { keepTooDeepBlocks } from './nesting.ts';
import { shortcodePlugin } from './shortcodes.ts';

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
  // Bounded display math, `{#eq-…}` labels, `@eq-…` references and the unclosed-`$` warning (equations.ts).
  md.use(equations);
  // Pandoc's rules, not markdown-it-container's: a bare `:::` closes the innermost div (see fenced-divs.ts).
  fencedDivs(md);
  // Both plugins type themselves against markdown-it's CommonJS typings, which TypeScript sees as a
  // different class from the ESM one; the casts bridge that, the runtime objects are the same.
  md.use(bracketedSpans as unknown as PluginSimple);
  // Quarto's footnotes, citations and shortcodes (footnotes.ts, citations.ts, shortcodes.ts).
  footnotePlugin(md);
  citationPlugin(md);
  shortcodePlugin(md);
  // The plugin logs a failing pattern to the console and goes on; a deck's author should hear of it instead,
  // once per deck (a table-heavy deck could fail the same way a thousand times).
  let attrsState: StateCore | undefined;
  let reported = false;
  md.use(attrs as unknown as PluginWithOptions<{ errorHandler: (error: Error, pattern: string) => void }>, {
    errorHandler: (error, pattern) => {
      if (attrsState && !reported) reportAttributesError(attrsState, error, pattern);
      reported = true;
    },
  });
  md.core.ruler.before('curly_attributes', 'axon_inline_attributes', (state) => {
    attrsState = state;
    reported = false;
    applyInlineAttributes(state);
  });
  keepTooDeepBlocks(md);

  trackInlineLines(md, ['math_inline_dollar', 'math_inline_bracket', 'html_inline', 'image']);
  md.core.ruler.after('block', 'axon_block_info', readBlockInfo);
  md.core.ruler.after('axon_block_info', 'axon_quarto_fences', shapeQuartoFences);
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

/**
 * The plugin's handler is not told which `{…}` failed. The one failure seen so far is a table cell whose
 * rowspan runs past the table's end, so a table failure is placed at the first row with a spanning cell.
 */
function reportAttributesError(state: StateCore, error: Error, pattern: string): void {
  const env = state.env as CompileEnv;
  let line = env.fixedLine ?? 1;
  if (pattern.startsWith('tables')) {
    let rowLine: number | undefined;
    for (const token of state.tokens) {
      if (token.type === 'tr_open' && token.map) rowLine = token.map[0] + 1;
      if ((token.type === 'td_open' || token.type === 'th_open') && (token.attrGet('rowspan') ?? token.attrGet('colspan')) !== null) {
        line = rowLine ?? line;
        break;
      }
    }
  }
  env.diagnostics.push({
    file: env.file,
    line,
    severity: 'warning',
    kind: 'markdown',
    message: `some \`{…}\` attributes could not be applied (markdown-it-attrs, ${pattern}: ${error.message})`,
    hint: pattern.startsWith('tables') ? 'check the rowspan and colspan values in the tables' : 'check the `{…}` attribute lists',
  });
}
