/*
 * Which front-matter keys mean something, so that a mistyped or unsupported one is reported (once, at its line)
 * instead of silently doing nothing. Three kinds are known: Axon's own keys (options.ts), reveal.js options
 * (kebab-case or camelCase, handed to reveal), and Quarto keys that Axon ignores on purpose because they
 * concern rendering Axon does not do (code execution, the editor, Pandoc filters, other formats).
 */

/** reveal.js 6's top-level options (js/config.ts `defaultConfig`), plus its bundled plugins' option blocks. */
const REVEAL_OPTIONS = new Set([
  'width', 'height', 'margin', 'minScale', 'maxScale', 'controls', 'controlsTutorial', 'controlsLayout',
  'controlsBackArrows', 'progress', 'slideNumber', 'showSlideNumber', 'hashOneBasedIndex', 'hash',
  'respondToHashChanges', 'jumpToSlide', 'history', 'keyboard', 'keyboardCondition', 'disableLayout', 'overview',
  'center', 'touch', 'loop', 'rtl', 'navigationMode', 'shuffle', 'fragments', 'fragmentInURL', 'embedded', 'help',
  'pause', 'showNotes', 'showHiddenSlides', 'autoPlayMedia', 'preloadIframes', 'mouseWheel', 'previewLinks',
  'viewDistance', 'mobileViewDistance', 'display', 'hideInactiveCursor', 'hideCursorTime', 'sortFragmentsOnSync',
  'autoAnimate', 'autoAnimateMatcher', 'autoAnimateEasing', 'autoAnimateDuration', 'autoAnimateUnmatched',
  'autoAnimateStyles', 'autoSlide', 'autoSlideStoppable', 'autoSlideMethod', 'defaultTiming', 'postMessage',
  'postMessageEvents', 'focusBodyOnPageVisibilityChange', 'transition', 'transitionSpeed', 'backgroundTransition',
  'parallaxBackgroundImage', 'parallaxBackgroundSize', 'parallaxBackgroundRepeat', 'parallaxBackgroundPosition',
  'parallaxBackgroundHorizontal', 'parallaxBackgroundVertical', 'view', 'scrollLayout', 'scrollSnap',
  'scrollProgress', 'scrollActivationWidth', 'pdfMaxPagesPerSlide', 'pdfSeparateFragments', 'pdfPageHeightOffset',
  'dependencies', 'plugins', 'markdown', 'highlight', 'katex', 'mathjax2', 'mathjax3', 'math', 'notes', 'zoom', 'search',
]);

/**
 * Quarto keys Axon reads elsewhere or ignores on purpose: code execution (`execute`, `jupyter`, `engine`,
 * `knitr`), the editor, filters, output files, and formatting Axon does its own way. A deck written for Quarto
 * keeps them without a warning; what they would change is listed in the README's compatibility table.
 */
const QUARTO_IGNORED = new Set([
  'execute', 'jupyter', 'engine', 'knitr', 'editor', 'editor_options', 'filters', 'params', 'draft', 'lang',
  'date-format', 'keywords', 'abstract', 'institute', 'copyright', 'license', 'citation', 'funding', 'crossref',
  'link-citations', 'nocite', 'reference-location', 'cap-location', 'citation-location', 'output-file',
  'embed-resources', 'self-contained', 'standalone', 'html-math-method', 'highlight-style', 'slide-level',
  'code-fold', 'code-copy', 'code-overflow', 'code-line-numbers', 'code-annotations', 'code-block-bg',
  'code-block-border-left', 'echo', 'eval', 'warning', 'error', 'message', 'output', 'include', 'fig-width',
  'fig-height', 'fig-align', 'fig-dpi', 'fig-format', 'fig-responsive', 'fig-cap-location', 'tbl-cap-location',
  'lightbox', 'callout-appearance', 'callout-icon', 'mermaid', 'mermaid-format', 'resources', 'auto-stretch',
  'hash-type', 'image', 'affiliations', 'toc-title', 'number-depth', 'mainfont', 'fontsize', 'linestretch',
  'brand',
]);

/**
 * Quarto keys that change a deck in a way Axon does not reproduce: a deck using them renders, but differently,
 * so each gets a warning saying so.
 */
const QUARTO_UNSUPPORTED: Record<string, string> = {
  'include-in-header': 'put the HTML on a slide instead',
  'include-before-body': 'put the HTML on a slide instead',
  'include-after-body': 'put the HTML on a slide instead',
  toc: 'write the outline as a slide',
  'number-sections': 'number the headings by hand',
  chalkboard: 'remove it; Axon has no chalkboard',
  multiplex: 'remove it; Axon has no multiplex server',
  menu: 'remove it; the ☰ button opens the deck index',
  'revealjs-plugins': 'name reveal.js plugins with `plugins:` instead',
  'title-slide-attributes': 'style the title slide with CSS (`#title-slide`)',
};

export type KeyVerdict = { known: true } | { known: false; message: string; hint: string };

/** Whether a front-matter key means something to Axon, reveal.js or (knowingly ignored) Quarto. */
export function checkFrontMatterKey(key: string, axonKeys: ReadonlySet<string>, camelCase: (key: string) => string): KeyVerdict {
  if (axonKeys.has(key) || QUARTO_IGNORED.has(key) || REVEAL_OPTIONS.has(camelCase(key))) return { known: true };
  const unsupported = QUARTO_UNSUPPORTED[key];
  if (unsupported !== undefined) {
    return { known: false, message: `Quarto's \`${key}\` is not supported by Axon, so it has no effect`, hint: unsupported };
  }
  return {
    known: false,
    message: `\`${key}\` is not a deck option Axon or reveal.js knows, so it has no effect`,
    hint: 'check the spelling against the README (deck options) or reveal.js\'s configuration page',
  };
}
