/**
 * Quarto's `css:` (top level or under `format: revealjs:`): the deck's own stylesheets. The compiler reads no
 * files, so the caller passes each file's text in `options.files` (deck/vite/deck-files.ts), keyed by the
 * path as written. Each becomes a `<style>` at the start of the first slide: styles in a page apply to every
 * slide, the page shell stays the same for every deck, and the handout and print view get them too.
 */
import { isLocalAsset } from './images.ts';
import type { CompileOptions, Diagnostic, Slide } from './types.ts';

/** The stylesheet paths the front matter names, in order (a string or a list). */
export function stylesheetFiles(frontMatter: Record<string, unknown>): string[] {
  const format = frontMatter.format;
  const revealjs = isRecord(format) && isRecord(format.revealjs) ? format.revealjs : {};
  const value = frontMatter.css ?? revealjs.css;
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

/** `url(…)` in CSS, quoted or not. */
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g;

/**
 * Puts the named stylesheets on the first slide and lists the files they refer to (`url(…)`, made relative to
 * the deck as the page sees them) with that slide's assets, so the build copies them and a missing one is
 * reported. A stylesheet on the web, or one not passed in, is a warning at the `css` key.
 */
export function attachStylesheets(
  frontMatter: Record<string, unknown>,
  slides: readonly Slide[],
  options: CompileOptions,
  report: { file: string; line: number; diagnostics: Diagnostic[] },
): void {
  const first = slides[0];
  const warn = (message: string, hint: string): void => {
    report.diagnostics.push({ file: report.file, line: report.line, severity: 'warning', kind: 'front matter', message, hint });
  };
  const styles: string[] = [];
  for (const path of stylesheetFiles(frontMatter)) {
    if (!isLocalAsset(path)) {
      warn(`the stylesheet ${path} is on the web: it is not loaded, so the deck works offline`, 'download it next to the deck and name the copy in `css:`');
      continue;
    }
    const text = options.files?.[path];
    if (typeof text !== 'string') {
      warn(`the stylesheet ${path} was not found`, 'check the path; it is relative to the deck file');
      continue;
    }
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const css = text.replace(CSS_URL, (whole, double?: string, single?: string, bare?: string) => {
      const url = (double ?? single ?? bare ?? '').trim();
      if (!isLocalAsset(url)) return whole;
      const fromDeck = normalize(folder + url);
      first?.assets.push({ url: fromDeck, line: report.line });
      return `url("${fromDeck.replace(/"/g, '%22')}")`;
    });
    // `</style` inside the text would end the element early; nothing legitimate in CSS needs it.
    styles.push(`<style data-axon-css="${path.replace(/[&"<>]/g, '')}">\n${css.replace(/<\/style/gi, '<\\/style')}\n</style>\n`);
  }
  if (first && styles.length > 0) first.html = styles.join('') + first.html;
}

/** `css/../img/a.png` → `img/a.png`; leading `..` steps (files outside the deck's folder) are kept. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
