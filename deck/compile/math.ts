import katex, { type KatexOptions } from 'katex';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import type { CompileEnv } from './env.ts';
import type { EquationMeta } from './equations.ts';
import { blockLine, lineOf } from './lines.ts';
import { escapeHtml } from './text.ts';

/**
 * Core rule: renders every formula with KaTeX at parse time, in document order, with one macros object
 * for the whole deck (KaTeX writes `\newcommand`s into it because of `globalGroup`). Rendering here
 * rather than in the renderer keeps that order even though notes and slides are rendered separately.
 */
export function renderMathTokens(state: StateCore): void {
  const env = state.env as CompileEnv;
  for (const token of state.tokens) {
    if (token.type === 'math_block') {
      renderFormula(token, true, env.fixedLine ?? blockLine(token, 1), env);
    } else if (token.type === 'inline') {
      const paragraphLine = blockLine(token, 1);
      for (const child of token.children ?? []) {
        if (child.type === 'math_inline') renderFormula(child, false, lineOf(child) ?? paragraphLine, env);
      }
    }
  }
}

/** The renderer rule: the HTML was made by `renderMathTokens`. */
export function renderMathToken(tokens: Token[], index: number): string {
  const token = tokens[index]!;
  const html: unknown = token.meta?.axonHtml;
  return typeof html === 'string' ? html : escapeHtml(token.content);
}

function renderFormula(token: Token, displayMode: boolean, line: number, env: CompileEnv): void {
  const equation = token.meta?.axonEquation as EquationMeta | undefined;
  let html: string;
  try {
    if (equation?.unclosed) throw new Error(equation.unclosed);
    html = renderNumbered(token.content, displayMode, equation?.number, env);
    // A raw `{=tex}` block of `\newcommand`s only defines macros for later formulas; it shows nothing itself.
    if (token.meta?.axonDefinitionsOnly === true) html = '';
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    env.diagnostics.push({
      file: env.file,
      line,
      severity: 'error',
      kind: 'math',
      message,
      hint: equation?.unclosed
        ? 'end the formula with `$$` (a label goes after it: `$$ {#eq-name}`); only this formula is shown as source'
        : 'fix the formula; it is shown as source on the slide',
    });
    html = mathErrorHtml(sourceAsWritten(token, displayMode), message, displayMode);
  }
  // The id lets `@eq-…` links (`#/eq-…`) find the slide; Quarto wraps a numbered equation the same way.
  if (equation?.label && equation.ownsId) html = `<div id="${escapeHtml(equation.label)}" class="axon-equation">${html}</div>`;
  token.meta = { ...token.meta, axonHtml: displayMode ? `${html}\n` : html };
}

/**
 * Quarto numbers an equation for KaTeX and MathJax with `\tag{n}`: the number sits at the right margin. A formula
 * that KaTeX rejects is rendered again without the tag, so the error quoted is about the formula as written; one
 * that fails only with the tag keeps its number beside it.
 */
function renderNumbered(tex: string, displayMode: boolean, number: number | undefined, env: CompileEnv): string {
  if (number === undefined || /\\tag\b/.test(tex)) return renderTex(tex, displayMode, env);
  try {
    return renderTex(`${tex.trimEnd()} \\tag{${number}}`, true, env);
  } catch {
    return `${renderTex(tex, true, env)}<span class="axon-equation-number">(${number})</span>`;
  }
}

const REDEFINITION = /attempting to redefine (\\[A-Za-z]+); use \\renewcommand/;

/**
 * Lecture notes written for MathJax happily `\newcommand` a name KaTeX already knows (`\reals` is built in),
 * which KaTeX rejects. Such a definition is retried as `\renewcommand`, as MathJax would treat it.
 */
function renderTex(tex: string, displayMode: boolean, env: CompileEnv): string {
  let source = tex;
  for (let attempt = 0; ; attempt++) {
    try {
      return katex.renderToString(source, {
        displayMode,
        throwOnError: true,
        macros: env.macros as KatexOptions['macros'],
        globalGroup: true,
        strict: 'ignore',
        trust: false,
      });
    } catch (error) {
      const name = error instanceof Error ? REDEFINITION.exec(error.message)?.[1] : undefined;
      const definition = name && `\\newcommand{${name}}`;
      if (!definition || !source.includes(definition) || attempt > 20) throw error;
      source = source.replace(definition, `\\renewcommand{${name}}`);
    }
  }
}

function sourceAsWritten(token: Token, displayMode: boolean): string {
  const tex = token.content.trim();
  const equation = token.meta?.axonEquation as EquationMeta | undefined;
  if (equation?.unclosed) return `${token.markup}${tex}`;
  const label = equation?.attributes ? ` ${equation.attributes}` : '';
  if (token.markup === '\\(') return `\\(${tex}\\)`;
  if (token.markup === '\\[') return `\\[${tex}\\]${label}`;
  return displayMode ? `$$${tex}$$${label}` : `$${tex}$`;
}

/** The visible stand-in for a formula KaTeX rejected (never KaTeX's own `katex-error`, which tests forbid). */
export function mathErrorHtml(source: string, message: string, displayMode: boolean): string {
  const tag = displayMode ? 'div' : 'span';
  return (
    `<${tag} class="axon-error axon-math-error" role="note"><code>${escapeHtml(source)}</code> ` +
    `<span class="axon-error-message">${escapeHtml(message)}</span></${tag}>`
  );
}

/**
 * Inline rule placed before the tex plugin's `$` rule; it only reports, never consumes. A `$` that could open a
 * formula (Pandoc's rule: a non-space right after it) but has no closing `$` (a non-space right before it, no digit
 * right after it) is printed as a literal `$`, as Pandoc does — and said, since it is nearly always a formula left
 * open. A `$` followed by a digit is a price ("costs $5 and $6") and stays quiet.
 */
export function warnUnclosedDollar(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (silent || src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const next = src.charCodeAt(pos + 1);
  if (next === 0x24) {
    // Pandoc allows `$$…$$` inside a paragraph; the tex plugin prints it as text, so it is said.
    if (src.indexOf('$$', pos + 2) !== -1) {
      reportOnce(state, 'display', pos, 'display math `$$…$$` inside a paragraph shows as text', 'put `$$` on a line of its own (the formula may follow on the same line)');
    }
    return false;
  }
  if (Number.isNaN(next) || isSpaceOrTab(next) || isDigit(next)) return false;
  if (closingDollar(src, pos + 1) !== -1) return false;
  reportOnce(
    state,
    'unclosed',
    pos,
    `unclosed \`$\`: the formula that starts at \`${src.slice(pos, pos + 12).split('\n')[0]}…\` has no closing \`$\`, so it shows as text`,
    'close the formula with `$` (no space before it), or write `\\$` for a dollar sign',
  );
  return false;
}

/** Paragraphs already warned about, per kind: one warning each is enough, and a long run of `$`s stays linear. */
const reported = { display: new WeakSet<StateInline>(), unclosed: new WeakSet<StateInline>() };

function reportOnce(state: StateInline, kind: keyof typeof reported, pos: number, message: string, hint: string): void {
  const seen = reported[kind];
  if (seen.has(state)) return;
  seen.add(state);
  const env = state.env as CompileEnv;
  const newlines = state.src.slice(0, pos).split('\n').length - 1;
  env.diagnostics.push({
    file: env.file,
    line: env.fixedLine ?? Math.max(env.inlineStartLine, 0) + newlines + 1,
    severity: 'warning',
    kind: 'math',
    message,
    hint,
  });
}

/** Where the tex plugin would close an inline formula opened before `from`: the next unescaped `$`, if it can close. */
function closingDollar(src: string, from: number): number {
  let at = src.indexOf('$', from);
  while (at !== -1) {
    let backslashes = 0;
    for (let before = at - 1; src.charCodeAt(before) === 0x5c; before--) backslashes++;
    if (backslashes % 2 === 0) break;
    at = src.indexOf('$', at + 1);
  }
  if (at === -1 || at === from) return -1;
  const before = src.charCodeAt(at - 1);
  const after = src.charCodeAt(at + 1);
  return isSpaceOrTab(before) || isDigit(after) ? -1 : at;
}

/** markdown-it's `isSpace`, which is what the tex plugin tests: a newline next to a `$` does not count. */
function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

// KaTeX's display environments: a raw `{=tex}` block that is one of these is a formula.
const MATH_ENVIRONMENT =
  /^\\begin\{(equation|align|alignat|gather|multline|split|aligned|alignedat|gathered|cases|rcases|array|darray|matrix|pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|smallmatrix|CD)\*?\}[\s\S]*\\end\{\1\*?\}$/;
const MACRO_DEFINITION = /^\\(newcommand|renewcommand|providecommand|def|gdef|let)\b/;

/**
 * The TeX to give KaTeX for a raw ```` ```{=tex} ```` block (Quarto passes it to LaTeX and to MathJax in HTML):
 * the inside of `$$…$$` or `\[…\]`, a math environment, or macro definitions only (`\newcommand`, kept for later
 * formulas). Anything else is not a formula and undefined is returned.
 */
export function rawTexFormula(text: string): { tex: string; definitionsOnly: boolean } | undefined {
  const tex = text.trim();
  const delimited = /^\$\$([\s\S]*)\$\$$/.exec(tex) ?? /^\\\[([\s\S]*)\\\]$/.exec(tex);
  if (delimited && !delimited[1]!.includes('$$')) return { tex: delimited[1]!, definitionsOnly: false };
  if (MATH_ENVIRONMENT.test(tex)) return { tex, definitionsOnly: false };
  const lines = tex.split('\n').filter((line) => line.trim());
  if (lines.length > 0 && lines.every((line) => MACRO_DEFINITION.test(line.trim()) || /^[\s{}]/.test(line))) {
    return { tex, definitionsOnly: true };
  }
  return undefined;
}
