import Token from 'markdown-it/lib/token.mjs';
import { removeAttribute } from './attributes.ts';
import { placeAbsolute } from './absolute.ts';

/**
 * `![alt](x.png){width="60%"}`: percentages are not valid HTML width attributes, so sizes become CSS.
 * A bare number means pixels, as in Pandoc. `{.absolute top=… left=…}` places the image (quarto-layout.ts).
 */
export function sizeImage(image: Token): void {
  placeAbsolute(image);
  let style = '';
  for (const name of ['width', 'height']) {
    const value = image.attrGet(name);
    if (value === null) continue;
    removeAttribute(image, name);
    style += `${name}:${/^\d+(\.\d+)?$/.test(value) ? `${value}px` : value};`;
  }
  style += alignStyle(image);
  if (style) image.attrSet('style', style + (image.attrGet('style') ?? ''));
}

const ALIGN_MARGINS: Record<string, string> = { left: '0 auto 0 0', center: '0 auto', right: '0 0 0 auto' };

/**
 * Quarto's `fig-align="left|center|right"` on an image: a block with the margins that place it, so it works
 * with or without a caption (Quarto's demo deck centres its speaker-view screenshot this way). `default` and
 * unknown values leave the image as it is.
 */
function alignStyle(image: Token): string {
  const align = image.attrGet('fig-align');
  if (align === null) return '';
  removeAttribute(image, 'fig-align');
  const margin = ALIGN_MARGINS[align.trim().toLowerCase()];
  return margin ? `display:block;margin:${margin};` : '';
}

/**
 * An image alone in its paragraph with alt text is a figure whose caption is that alt text (Quarto's rule).
 * Paragraphs hidden inside tight lists stay inline.
 */
export function makeFigures(tokens: readonly Token[]): void {
  tokens.forEach((token, index) => {
    if (token.type !== 'inline' || !token.children) return;
    const open = tokens[index - 1];
    const close = tokens[index + 1];
    if (open?.type !== 'paragraph_open' || close?.type !== 'paragraph_close' || open.hidden) return;
    const visible = token.children.filter((child) => !(child.type === 'text' && child.content.trim() === ''));
    const image = visible[0];
    if (visible.length !== 1 || image?.type !== 'image' || image.content.trim() === '') return;
    open.tag = 'figure';
    close.tag = 'figure';
    token.children = [image, inlineHtml('<figcaption>'), ...(image.children ?? []), inlineHtml('</figcaption>')];
  });
}

function inlineHtml(content: string): Token {
  const token = new Token('html_inline', '', 0);
  token.content = content;
  return token;
}

/** Files the deck ships with: not a URL with a scheme, not protocol-relative, not absolute, not an anchor. */
export function isLocalAsset(url: string): boolean {
  const trimmed = url.trim();
  return trimmed !== '' && !/^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/|#)/.test(trimmed);
}

// `data=`: a data widget's CSV (components/shared/data/data-attributes.ts), or an <object>'s file.
const HTML_ASSET = /\b(?:src|poster|data|data-background-image|data-background-video)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** `src=`, `poster=` and `data=` values in raw HTML, with their offsets in it. */
export function htmlAssetUrls(html: string): Array<{ url: string; offset: number }> {
  const urls: Array<{ url: string; offset: number }> = [];
  for (const match of html.matchAll(HTML_ASSET)) {
    const url = match[1] ?? match[2] ?? match[3] ?? '';
    if (isLocalAsset(url)) urls.push({ url, offset: match.index });
  }
  return urls;
}
