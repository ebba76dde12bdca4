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

// Comments are matched too so that a tag inside `<!-- … -->` is skipped rather than counted.
const TAG_OR_COMMENT = /<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9._]*-[a-zA-Z0-9._-]*)(?=[\s/>])/g;

export interface CustomElementUse {
  tag: string;
  /** Offset of the `<` in the scanned HTML. */
  offset: number;
}

export function findCustomElements(html: string): CustomElementUse[] {
  const uses: CustomElementUse[] = [];
  for (const match of html.matchAll(TAG_OR_COMMENT)) {
    const tag = match[1]?.toLowerCase();
    if (tag && !RESERVED_NAMES.has(tag)) uses.push({ tag, offset: match.index });
  }
  return uses;
}

/** Adds `data-axon-unknown-widget="tag"` to each opening tag of an unregistered custom element. */
export function markUnknownWidgets(html: string, registered: ReadonlySet<string>): string {
  return html.replace(TAG_OR_COMMENT, (whole, name: string | undefined) => {
    const tag = name?.toLowerCase();
    if (!tag || RESERVED_NAMES.has(tag) || registered.has(tag)) return whole;
    return `${whole} data-axon-unknown-widget="${tag}"`;
  });
}

export function unknownWidgetHint(registered: readonly string[]): string {
  if (registered.length === 0) return 'no widgets are registered; check the tag name or register the widget';
  const names = registered.map((tag) => `<${tag}>`).join(', ');
  return `check the spelling or register the widget; registered widgets: ${names}`;
}
