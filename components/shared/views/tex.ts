/**
 * Formulas inside a widget, typeset by KaTeX at run time like the slide's own (issue 17: no "yhat" or
 * "dL/dw2" in plain or monospace text beside the slide's typeset maths). A widget lists `KATEX_STYLES` in its
 * styles (KaTeX's rules, for its shadow root), calls `ensureKatexFonts()` once when connected, and renders
 * `tex(…)` where the formula goes.
 *
 * The room's floor (type-scale.ts) applies to sub- and superscripts too: KaTeX draws a script at 0.7 of its
 * formula, and `.katex` at 1.21em of its container, so a formula with scripts needs its container at
 * `TEX_SCRIPT_SAFE_PX` or more. Avoid second-level scripts (a subscript inside an exponent, drawn at 0.5):
 * write `\exp(z_i / T)` rather than `e^{z_i / T}`.
 */
import katex from 'katex';
import katexCss from 'katex/dist/katex.min.css?inline';
import { html, unsafeCSS } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

// NOTE - read through a template literal: in a build with a relative base Vite inlines the CSS as a sum of
// strings and URLs, and a method called on the import directly applied to the sum's last piece only.
const KATEX_CSS = `${katexCss}`;

/** KaTeX's fonts are declared by the page (a deck loads them); in a shadow root @font-face is ignored. */
const FONT_FACES = KATEX_CSS.match(/@font-face\s*\{[^}]*\}/g) ?? [];

/** KaTeX's styles without its @font-face rules, for a widget's shadow root. */
export const KATEX_STYLES = unsafeCSS(
  KATEX_CSS.replace(/@font-face\s*\{[^}]*\}/g, '') +
    // NOTE - KaTeX's `.vlist-s` cells hold a zero-width space at font-size 2px (a Safari table fix): they draw
    // nothing, but a text-size check reads them as 2-px text. Hidden, they keep their box and the layout.
    '.katex .vlist-s { visibility: hidden; }',
);

/** The container size (CSS px) at which KaTeX's first-level scripts draw at 21 CSS px: 21 / 0.7 / 1.21, rounded up. */
export const TEX_SCRIPT_SAFE_PX = 25;

/** Outside a deck nobody declares KaTeX's fonts: declare them once on the page. */
export function ensureKatexFonts(): void {
  if (typeof document === 'undefined' || document.querySelector('style[data-axon-katex-fonts]')) return;
  const declared = Array.from(document.fonts as unknown as Iterable<FontFace>).some((face) => face.family.replace(/["']/g, '') === 'KaTeX_Main');
  if (declared) return;
  const style = document.createElement('style');
  style.dataset.axonKatexFonts = '';
  style.textContent = FONT_FACES.join('\n');
  document.head.append(style);
}

/**
 * A formula typeset in place (inline, `\displaystyle` unless `display` is false: full-size fractions). With
 * `output` 'htmlAndMathml' (the default) KaTeX adds MathML for screen readers; 'html' draws only, for a widget
 * that gives screen readers the formula in words beside it. A TeX error is drawn as its source in red.
 */
export function tex(source: string, display = true, output: 'html' | 'htmlAndMathml' = 'htmlAndMathml') {
  const rendered = katex.renderToString(display ? `\\displaystyle ${source}` : source, { output, throwOnError: false });
  return html`${unsafeHTML(rendered)}`;
}
