import katex, { type KatexOptions } from 'katex';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import type { CompileEnv } from './env.ts';
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
  let html: string;
  try {
    html = renderTex(token.content, displayMode, env);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    env.diagnostics.push({
      file: env.file,
      line,
      severity: 'error',
      kind: 'math',
      message,
      hint: 'fix the formula; it is shown as source on the slide',
    });
    html = mathErrorHtml(sourceAsWritten(token, displayMode), message, displayMode);
  }
  token.meta = { ...token.meta, axonHtml: displayMode ? `${html}\n` : html };
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
  if (token.markup === '\\(') return `\\(${tex}\\)`;
  if (token.markup === '\\[') return `\\[${tex}\\]`;
  return displayMode ? `$$${tex}$$` : `$${tex}$`;
}

/** The visible stand-in for a formula KaTeX rejected (never KaTeX's own `katex-error`, which tests forbid). */
export function mathErrorHtml(source: string, message: string, displayMode: boolean): string {
  const tag = displayMode ? 'div' : 'span';
  return (
    `<${tag} class="axon-error axon-math-error" role="note"><code>${escapeHtml(source)}</code> ` +
    `<span class="axon-error-message">${escapeHtml(message)}</span></${tag}>`
  );
}
