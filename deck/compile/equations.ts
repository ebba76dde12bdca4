import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { parseAttributes } from './attributes.ts';
import { crossrefLabel, crossrefType, findCitations, type CitationItem } from './crossref.ts';
import type { CompileEnv } from './env.ts';
import { blockLine, lineOf } from './lines.ts';
import { warnUnclosedDollar } from './math.ts';

/**
 * Quarto's numbered equations: `$$ … $$ {#eq-ridge}` is display math numbered in deck order ("(1)" at the
 * right, through KaTeX's `\tag`, as Quarto does with KaTeX and MathJax), and `@eq-ridge`, `[@eq-ridge]`,
 * `-@eq-ridge` and `[Eq @eq-ridge]` become links to its slide reading "Equation 1", "1" and "Eq 1".
 *
 * The display-math block rules of @mdit/plugin-tex are replaced because they read on to the next line that
 * ends in `$$`: the `{#eq-…}` after a closing `$$` (or one missing `$$`) made every later slide one formula.
 * Here a display formula ends at its first closing delimiter, and one that has none before a blank line (where
 * Pandoc and LaTeX would stop too) is an error holding only its own lines.
 */
export function equations(md: MarkdownIt): void {
  const alt = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };
  md.block.ruler.at('math_block_dollar', displayMath('$$', '$$', true), alt);
  // `\[` that never closes is Markdown's escaped bracket (`\[1\]`-style prose), so it is left to the paragraph.
  md.block.ruler.at('math_block_bracket', displayMath('\\[', '\\]', false), alt);
  md.inline.ruler.before('math_inline_dollar', 'axon_unclosed_dollar', warnUnclosedDollar);
  md.core.ruler.push('axon_equations', numberEquations);
}

/** What a display formula carries on its token's `meta.axonEquation`. */
export interface EquationMeta {
  /** `eq-ridge` for a labelled equation; '' when it has none. */
  label: string;
  /** Deck-wide number from 1, set by the numbering pass for labelled equations. */
  number?: number;
  /** Whether the element may take the label as its id (false for the second equation with a label). */
  ownsId: boolean;
  /** Set when the formula has no closing delimiter: the message, and the formula is not given to KaTeX. */
  unclosed?: string;
  /** The `{…}` written after the closing delimiter, to show the formula as written in an error box. */
  attributes: string;
}

export function equationOf(token: Token): EquationMeta | undefined {
  return token.meta?.axonEquation as EquationMeta | undefined;
}

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

function displayMath(open: string, close: string, unclosedIsError: boolean): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
    const src = state.src;
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    if (!src.startsWith(open, start)) return false;
    if (silent) return true;

    const parts: string[] = [];
    let line = startLine;
    let from = start + open.length;
    let after: string | undefined;
    for (;;) {
      const end = state.eMarks[line]!;
      const closeAt = findClose(src, from, end, close);
      if (closeAt !== -1) {
        parts.push(src.slice(from, closeAt));
        after = src.slice(closeAt + close.length, end).trim();
        break;
      }
      parts.push(src.slice(from, end));
      line++;
      // A blank line, a line less indented than the list or quote holding the formula, or the end.
      if (line >= endLine || state.isEmpty(line) || state.sCount[line]! < state.blkIndent) break;
      from = state.bMarks[line]! + state.tShift[line]!;
    }
    if (after === undefined && !unclosedIsError) return false;

    const token = state.push('math_block', 'math', 0);
    token.block = true;
    token.markup = open;
    token.content = formulaText(parts);
    token.map = [startLine, after === undefined ? line : line + 1];
    const equation: EquationMeta = { label: '', ownsId: true, attributes: '' };
    token.meta = { ...token.meta, axonEquation: equation };
    const env = state.env as CompileEnv;
    if (after === undefined) {
      const where = line >= endLine ? 'before the end of its block' : `before the blank line at line ${line + 1}`;
      equation.unclosed = `unclosed \`${open}\`: this display formula has no closing \`${close}\` ${where}`;
    } else if (after.startsWith('{') && after.endsWith('}')) {
      equation.attributes = after;
      equation.label = labelOf(after, env, startLine + 1);
    } else if (after) {
      pushParagraph(state, after, line);
    } else if (labelOnNextLine(state, line + 1, endLine)) {
      // Quarto reads a label only on the closing line; here it is taken, and said, rather than left as `<p id>`.
      equation.attributes = labelOnNextLine(state, line + 1, endLine)!;
      equation.label = labelOf(equation.attributes, env, line + 2);
      env.diagnostics.push({
        file: env.file,
        line: line + 2,
        severity: 'warning',
        kind: 'math',
        message: `\`${equation.attributes}\` is on the line after the closing \`$$\`; Quarto reads a label only on the same line`,
        hint: `write \`$$ ${equation.attributes}\` on one line`,
      });
      line++;
      token.map[1] = line + 1;
    }
    state.line = after === undefined ? line : line + 1;
    return true;
  };
}

/** A line holding only `{#eq-…}`, right under a closing `$$`. */
function labelOnNextLine(state: StateBlock, line: number, endLine: number): string | undefined {
  if (line >= endLine || state.isEmpty(line) || state.sCount[line]! < state.blkIndent) return undefined;
  const text = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]).trim();
  return /^\{\s*#eq-[^{}]*\}$/.test(text) ? text : undefined;
}

/** The first `close` from `from`, skipping backslash escapes (`\$` is a dollar sign inside TeX), or -1. */
function findClose(src: string, from: number, end: number, close: string): number {
  for (let at = from; at < end; at++) {
    if (src.startsWith(close, at)) return at;
    if (src.charCodeAt(at) === 0x5c /* \ */) at++;
  }
  return -1;
}

/** Lines as @mdit/plugin-tex gave them: each ends with a newline; an empty first or last part is left out. */
function formulaText(parts: string[]): string {
  const lines = parts.map((part, index) => (index === 0 || index === parts.length - 1 ? part.trim() : part.trimEnd()));
  if (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((text) => `${text}\n`).join('');
}

/** `{#eq-ridge}` → `eq-ridge`; anything else after `$$` is reported, as Quarto would leave it as text. */
function labelOf(attributes: string, env: CompileEnv, line: number): string {
  const parsed = parseAttributes(attributes);
  const extra = parsed.classes.length + parsed.pairs.length + parsed.words.length > 0;
  if (parsed.id.startsWith('eq-') && !extra) return parsed.id;
  env.diagnostics.push({
    file: env.file,
    line,
    severity: 'warning',
    kind: 'math',
    message: parsed.id.startsWith('eq-')
      ? `only the label of \`${attributes}\` after \`$$\` is used; the other attributes are ignored`
      : `\`${attributes}\` after \`$$\` is not an equation label, so it is ignored`,
    hint: 'label a display equation as Quarto does: `$$ … $$ {#eq-name}` (the id starts with `eq-`)',
  });
  return parsed.id.startsWith('eq-') ? parsed.id : '';
}

/** Text after a closing `$$` on its line: its own paragraph, so it is neither lost nor read as TeX. */
function pushParagraph(state: StateBlock, text: string, line: number): void {
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [line, line + 1];
  const inline = state.push('inline', '', 0);
  inline.content = text;
  inline.map = [line, line + 1];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
}

/** One deck's labels. Kept per compile env, so text rendered apart from the body (a footer) still resolves. */
interface LabelTable {
  byLabel: Map<string, { number: number; line: number }>;
  count: number;
}

const tables = new WeakMap<CompileEnv, LabelTable>();

function labelTable(env: CompileEnv): LabelTable {
  let table = tables.get(env);
  if (!table) tables.set(env, (table = { byLabel: new Map(), count: 0 }));
  return table;
}

/**
 * Core rule, run once over the whole deck's tokens before it is split into slides: numbers labelled equations
 * in deck order, then turns references into links. Two passes, because a reference may come first.
 */
function numberEquations(state: StateCore): void {
  const env = state.env as CompileEnv;
  const table = labelTable(env);
  for (const token of state.tokens) {
    const equation = token.type === 'math_block' ? equationOf(token) : undefined;
    if (!equation?.label) continue;
    const line = env.fixedLine ?? blockLine(token, 1);
    const first = table.byLabel.get(equation.label);
    equation.number = ++table.count;
    if (!first) {
      table.byLabel.set(equation.label, { number: equation.number, line });
      continue;
    }
    equation.ownsId = false;
    env.diagnostics.push({
      file: env.file,
      line,
      severity: 'warning',
      kind: 'math',
      message: `\`#${equation.label}\` labels a second equation (the first is at line ${first.line}); references go to the first`,
      hint: 'give each equation its own label',
    });
  }
  for (const token of state.tokens) {
    if (token.type === 'inline' && token.children && token.content.includes('@')) {
      token.children = linkReferences(state, token.children, table, env.fixedLine ?? blockLine(token, 1));
    }
  }
}

function linkReferences(state: StateCore, children: Token[], table: LabelTable, paragraphLine: number): Token[] {
  const env = state.env as CompileEnv;
  const result: Token[] = [];
  let line = paragraphLine;
  let linkDepth = 0;
  for (const child of children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
    else line = env.fixedLine ?? lineOf(child) ?? line;
    if (child.type === 'link_open') linkDepth++;
    if (child.type === 'link_close') linkDepth--;
    const runs = child.type === 'text' && linkDepth === 0 ? equationRuns(child.content) : [];
    if (runs.length === 0) {
      result.push(child);
      continue;
    }
    let at = 0;
    for (const run of runs) {
      pushText(state, result, child.content.slice(at, run.start));
      run.items.forEach((item, index) => {
        if (index > 0) pushText(state, result, ', ');
        pushReference(state, result, item, table, line);
      });
      at = run.end;
    }
    pushText(state, result, child.content.slice(at));
  }
  return result;
}

/** Citation runs that are all equation references (a mixed `[@eq-a; @smith]` is left to the citations). */
function equationRuns(text: string): ReturnType<typeof findCitations> {
  return findCitations(text).filter((run) => run.items.every((item) => crossrefType(item.key) === 'eq'));
}

function pushText(state: StateCore, tokens: Token[], text: string): void {
  if (!text) return;
  const token = new state.Token('text', '', 0);
  token.content = text;
  tokens.push(token);
}

function pushReference(state: StateCore, tokens: Token[], item: CitationItem, table: LabelTable, line: number): void {
  const label = crossrefLabel(item.key);
  const target = table.byLabel.get(label);
  if (!target) {
    reportUnknownLabel(state.env as CompileEnv, label, table, line);
    // Quarto's look for a reference it cannot resolve.
    const strong = new state.Token('strong_open', 'strong', 1);
    strong.attrs = [['class', 'axon-missing-ref']];
    tokens.push(strong);
    pushText(state, tokens, `?@${label}`);
    tokens.push(new state.Token('strong_close', 'strong', -1));
    return;
  }
  const open = new state.Token('link_open', 'a', 1);
  // reveal.js reads `#/<id>` as "the slide holding the element with this id" (its links and the reading view).
  open.attrs = [
    ['href', `#/${label}`],
    ['class', 'quarto-xref'],
  ];
  tokens.push(open);
  const prefix = item.prefix || (item.suppressAuthor ? '' : 'Equation');
  pushText(state, tokens, prefix ? `${prefix}\u00a0${target.number}` : String(target.number));
  tokens.push(new state.Token('link_close', 'a', -1));
}

function reportUnknownLabel(env: CompileEnv, label: string, table: LabelTable, line: number): void {
  const known = [...table.byLabel.keys()];
  const near = known.find((candidate) => editDistance(candidate, label) <= 2);
  env.diagnostics.push({
    file: env.file,
    line,
    severity: 'warning',
    kind: 'math',
    message: `\`@${label}\` refers to no equation in this deck${near ? ` (did you mean \`@${near}\`?)` : ''}`,
    hint:
      known.length > 0
        ? `label the equation with \`$$ … $$ {#${label}}\`, or use one of: ${known.slice(0, 8).map((name) => `\`@${name}\``).join(', ')}`
        : `label the equation with \`$$ … $$ {#${label}}\` on the closing \`$$\` line`,
  });
}

/** Levenshtein distance, for "did you mean"; labels are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
