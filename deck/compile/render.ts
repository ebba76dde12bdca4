import { escapeHtml } from './text.ts';
import type { CompiledDeck, Diagnostic, Slide } from './types.ts';

/**
 * The HTML inside reveal's `<div class="slides">`: one `<section>` per slide, slides sharing `h` wrapped in
 * an outer `<section>` (a vertical stack). `data-axon-line` lets the client map a slide back to its source.
 */
export function renderSlides(deck: CompiledDeck): string {
  const stacks: Slide[][] = [];
  for (const slide of deck.slides) {
    const stack = stacks.at(-1);
    if (stack && stack[0]!.h === slide.h) stack.push(slide);
    else stacks.push([slide]);
  }
  return stacks
    .map((stack) => {
      if (stack.length === 1) return renderSection(stack[0]!);
      return `<section>\n${stack.map(renderSection).join('')}</section>\n`;
    })
    .join('');
}

function renderSection(slide: Slide): string {
  const attributes = Object.entries({ ...slide.attrs, 'data-axon-line': String(slide.source.line) })
    .filter(([name]) => /^[^\s"'<>/=]+$/.test(name))
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  const notes = slide.notes ? `<aside class="notes">\n${slide.notes}</aside>\n` : '';
  return `<section${attributes}>\n${slide.html}${notes}</section>\n`;
}

/** `file:line: <kind> <severity>: <message> — <hint>`, the one-line form editors and terminals link up. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.kind} ${d.severity}: ${d.message} — ${d.hint}`;
}
