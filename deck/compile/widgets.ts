import { scanHtml, type HtmlTag } from './html-scan.ts';
import { closestWord } from './widget-attributes.ts';

/**
 * Custom elements in raw HTML are Axon's widgets. The compiler never loads widget code: it only learns the
 * registered tag names, records which tags each slide uses, and marks the rest so the theme can show a
 * placeholder instead of an empty gap.
 */

/** Names the HTML spec reserves although they contain a hyphen (SVG and MathML elements). */
const RESERVED_NAMES = new Set([
  'annotation-xml',
  'color-profile',
  'font-face',
  'font-face-src',
  'font-face-uri',
  'font-face-format',
  'font-face-name',
  'missing-glyph',
]);

/** A custom element's name as the HTML spec allows it (ASCII letters, digits, `._-`, at least one `-`). */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

export interface CustomElementUse {
  tag: string;
  /** Offset of the `<` in the scanned HTML. */
  offset: number;
  /** The opening tag as scanned, with its attributes and their offsets (for the attribute check). */
  element: HtmlTag;
}

/** Opening tags of custom elements; tags inside comments (and script or style text) are not counted. */
function customElementTags(html: string): HtmlTag[] {
  // Most HTML has no hyphenated tag at all; skip the tokenizer then.
  if (!/<[a-zA-Z][\w.]*-/.test(html)) return [];
  return scanHtml(html).filter(
    (item): item is HtmlTag => item.kind === 'open' && CUSTOM_ELEMENT_NAME.test(item.name) && !RESERVED_NAMES.has(item.name),
  );
}

export function findCustomElements(html: string): CustomElementUse[] {
  return customElementTags(html).map((tag) => ({ tag: tag.name, offset: tag.start, element: tag }));
}

/** Adds `data-axon-unknown-widget="tag"` to each opening tag of an unregistered custom element. */
export function markUnknownWidgets(html: string, registered: ReadonlySet<string>): string {
  const pieces: string[] = [];
  let copied = 0;
  for (const tag of customElementTags(html)) {
    if (registered.has(tag.name)) continue;
    pieces.push(html.slice(copied, tag.nameEnd), ` data-axon-unknown-widget="${tag.name}"`);
    copied = tag.nameEnd;
  }
  pieces.push(html.slice(copied));
  return pieces.join('');
}

/**
 * What to do about an unregistered `tag`: the registered tag it is closest to (`<ua-fiter>` → `<ua-fitter>`),
 * or, when none is close, the whole list to choose from.
 */
export function unknownWidgetHint(registered: readonly string[], tag?: string): string {
  if (registered.length === 0) return 'no widgets are registered; check the tag name or register the widget';
  const near = tag === undefined ? undefined : closestWord(tag, registered);
  if (near) return `did you mean <${near}>?`;
  const names = registered.map((name) => `<${name}>`).join(', ');
  // NOTE - a tag no one registers may be a widget the author means to write: say how (deck/vite/local-widgets.ts).
  const own = tag === undefined ? 'register the widget' : `write it beside the deck with \`axon new widget ${tag}\``;
  return `check the spelling or ${own}; registered widgets: ${names}`;
}
