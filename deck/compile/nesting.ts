import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type { CompileEnv } from './env.ts';

/**
 * markdown-it stops nesting blocks (lists, quotes, `:::` divs inside each other) at `maxNesting` levels and
 * silently drops everything deeper. Here the deeper lines are kept as a plain paragraph instead, and a
 * warning names the line where the limit was passed.
 */
export function keepTooDeepBlocks(md: MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  // Nested blocks call `state.md.block.tokenize` again, so replacing it on the instance reaches every depth.
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number): void => {
    const maxNesting = (state.md.options as { maxNesting?: number }).maxNesting ?? 100;
    const line = state.level >= maxNesting ? state.skipEmptyLines(startLine) : endLine;
    // markdown-it ends the block here too (nothing left, or a line that belongs to an outer block).
    if (state.level < maxNesting || line >= endLine || state.sCount[line]! < state.blkIndent) {
      tokenize(state, startLine, endLine);
      return;
    }
    const env = state.env as CompileEnv;
    env.diagnostics.push({
      file: env.file,
      line: line + 1,
      severity: 'warning',
      kind: 'markdown',
      message: `lists, quotes or divs are nested more than ${maxNesting} deep here; what is deeper is shown as plain text`,
      hint: 'nest less deeply',
    });
    const open = state.push('paragraph_open', 'p', 1);
    open.map = [line, endLine];
    const inline = state.push('inline', '', 0);
    inline.content = state.getLines(line, endLine, state.blkIndent, false).trim();
    inline.map = [line, endLine];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
    state.line = endLine;
  };
}
