import type { Diagnostic } from './types.ts';

/** Per-compile state markdown-it threads through every rule (one markdown-it instance serves all decks). */
export interface CompileEnv {
  file: string;
  diagnostics: Diagnostic[];
  /** Shared by every formula in document order, so a `\newcommand` applies to all later ones. */
  macros: Record<string, unknown>;
  /** The deck body split into lines (a footnote's definition line, footnotes.ts). */
  lines: string[];
  /** 0-based line where the inline run being parsed starts (maintained by lines.ts); -1 once inline parsing is over. */
  inlineStartLine: number;
  /** Set while rendering a front-matter value: everything in it is reported at that key's line. */
  fixedLine?: number;
}

export function createEnv(file: string, body: string, macros: Record<string, unknown>, diagnostics: Diagnostic[]): CompileEnv {
  return { file, diagnostics, macros, lines: body.split('\n'), inlineStartLine: 0 };
}
