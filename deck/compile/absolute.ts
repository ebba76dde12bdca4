import type Token from 'markdown-it/lib/token.mjs';
import { hasClass, removeAttribute } from './attributes.ts';

const BOX_EDGES = ['top', 'left', 'right', 'bottom', 'width', 'height'] as const;

/**
 * `{.absolute top=200 left=0 width="350"}` on an image or a div: the edges become CSS (a bare number is px,
 * as in Quarto), measured from the slide's own box (the deck's width × height, 1280 × 720 by default).
 */
export function placeAbsolute(token: Token): void {
  if (!hasClass(token, 'absolute')) return;
  let style = '';
  for (const name of BOX_EDGES) {
    const value = token.attrGet(name);
    if (value === null) continue;
    removeAttribute(token, name);
    style += `${name}:${cssLength(value)};`;
  }
  if (style) token.attrSet('style', style + (token.attrGet('style') ?? ''));
}

/** A bare number means pixels in Quarto and Pandoc; anything else (`50%`, `2em`) is CSS already. */
export function cssLength(value: string): string {
  const trimmed = value.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? `${trimmed}px` : trimmed;
}
