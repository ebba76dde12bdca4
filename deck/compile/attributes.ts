import type Token from 'markdown-it/lib/token.mjs';

/** Attributes written Pandoc-style (`{.a #b key="v"}`) or reveal-style (`key="v" key2=v`). */
export interface AttributeList {
  classes: string[];
  id: string;
  /** key/value pairs in the order written, keys as written. */
  pairs: Array<[string, string]>;
  /** Bare words such as the `notes` in `::: notes` or the `python` in ```` ```{python} ````. */
  words: string[];
}

const ATTRIBUTE_PART = /([.#]?)([^\s={}"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}"']+)))?/g;

/** Reads an attribute list; surrounding braces are optional. Unparseable bits are skipped, never fatal. */
export function parseAttributes(text: string): AttributeList {
  const result: AttributeList = { classes: [], id: '', pairs: [], words: [] };
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  for (const match of inner.matchAll(ATTRIBUTE_PART)) {
    const [, prefix, name = '', doubleQuoted, singleQuoted, bare] = match;
    const value = doubleQuoted ?? singleQuoted ?? bare;
    if (prefix === '.') result.classes.push(name);
    else if (prefix === '#') result.id = name;
    else if (value !== undefined) result.pairs.push([name, value]);
    else result.words.push(name);
  }
  return result;
}

export function classList(value: string | null | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

export function hasClass(token: Token, name: string): boolean {
  return classList(token.attrGet('class')).includes(name);
}

/** Adds classes after the existing ones, each once (a set: `includes` per class was quadratic in long lists). */
export function addClasses(token: Token, classes: readonly string[]): void {
  const merged = new Set(classList(token.attrGet('class')));
  for (const name of classes) merged.add(name);
  if (merged.size > 0) token.attrSet('class', [...merged].join(' '));
}

export function removeAttribute(token: Token, name: string): void {
  if (!token.attrs) return;
  token.attrs = token.attrs.filter(([key]) => key !== name);
  if (token.attrs.length === 0) token.attrs = null;
}

/** Applies a parsed list to a token: classes merge, everything else overwrites. */
export function applyAttributes(token: Token, list: AttributeList): void {
  addClasses(token, list.classes);
  if (list.id) token.attrSet('id', list.id);
  for (const [key, value] of list.pairs) {
    if (key === 'class') addClasses(token, value.split(/\s+/));
    else token.attrSet(key, value);
  }
}
