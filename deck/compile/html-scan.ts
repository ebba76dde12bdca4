import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/*
 * Raw HTML in a deck (html_block and html_inline tokens) is read with htmlparser2's tokenizer: a state
 * machine that reads each character once, as a browser does, so a hostile block (`<div class="x" ` repeated,
 * `<!--` repeated, a tag that never closes) costs time in proportion to its length. The regular expressions
 * this replaces rescanned the rest of the block from every `<`, which made such blocks take minutes.
 */

/** One attribute of an opening tag, its value as written (entities left alone). */
export interface HtmlAttribute {
  /** Lower-cased name. */
  name: string;
  value: string;
  /** Offset of the attribute's name in the scanned HTML. */
  offset: number;
}

/** An opening or closing tag. */
export interface HtmlTag {
  kind: 'open' | 'close';
  /** Lower-cased tag name. */
  name: string;
  /** Offset of the `<`. */
  start: number;
  /** Offset just after the tag name as written: where an attribute can be inserted. */
  nameEnd: number;
  /** Offset just after the tag's `>` (the end of the HTML when the tag is cut off). */
  end: number;
  /** Only for opening tags. */
  attributes: HtmlAttribute[];
}

/** What a reader sees: visible text runs and tags, in order (comments are dropped). */
export type HtmlItem = HtmlTag | { kind: 'text'; start: number; end: number } | { kind: 'other'; start: number };

/** Splits raw HTML into tags and text, as a browser's tokenizer would; never throws, linear in the length. */
export function scanHtml(html: string): HtmlItem[] {
  const items: HtmlItem[] = [];
  let tag: HtmlTag | undefined;
  let attribute: { name: string; offset: number; value: string } | undefined;
  const finishTag = (endIndex: number): void => {
    if (!tag) return;
    tag.end = endIndex;
    items.push(tag);
    tag = undefined;
  };
  const callbacks: TokenizerCallbacks = {
    ontext: (start, end) => {
      const last = items.at(-1);
      // The tokenizer hands text over in pieces (around `&`); one run reads more simply.
      if (last?.kind === 'text' && last.end === start) last.end = end;
      else items.push({ kind: 'text', start, end });
    },
    ontextentity: () => undefined,
    onopentagname: (start, end) => {
      tag = { kind: 'open', name: html.slice(start, end).toLowerCase(), start: start - 1, nameEnd: end, end, attributes: [] };
    },
    onattribname: (start, end) => {
      attribute = { name: html.slice(start, end).toLowerCase(), offset: start, value: '' };
    },
    onattribdata: (start, end) => {
      if (attribute) attribute.value += html.slice(start, end);
    },
    onattribentity: () => undefined,
    onattribend: (_quote: QuoteType) => {
      if (attribute && tag) tag.attributes.push(attribute);
      attribute = undefined;
    },
    onopentagend: (endIndex) => finishTag(endIndex + 1),
    onselfclosingtag: (endIndex) => finishTag(endIndex + 1),
    onclosetag: (start, end) => {
      const close = html.indexOf('>', end);
      items.push({ kind: 'close', name: html.slice(start, end).toLowerCase(), start: start - 2, nameEnd: end, end: close === -1 ? html.length : close + 1, attributes: [] });
    },
    oncomment: () => undefined,
    oncdata: (start) => items.push({ kind: 'other', start }),
    ondeclaration: (start) => items.push({ kind: 'other', start }),
    onprocessinginstruction: (start) => items.push({ kind: 'other', start }),
    onend: () => undefined,
  };
  // Entities stay as written: callers decode the few they need, and offsets must match the source.
  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return items;
}

/** The value of an opening tag's attribute, undefined when absent. */
export function attributeOf(tag: HtmlTag, name: string): string | undefined {
  return tag.attributes.find((attribute) => attribute.name === name)?.value;
}

/**
 * The text a reader sees in raw HTML, whitespace collapsed: tags count as a space, comments as nothing, and
 * the five entities markdown-it writes are decoded. `textStart[i]` is where item i's text begins in it, so the
 * text between two items is one `slice` however long the HTML is.
 */
export function visibleText(html: string, items: readonly HtmlItem[]): { text: string; textStart: number[] } {
  const parts: string[] = [];
  const textStart: number[] = [];
  let length = 0;
  let pendingSpace = false;
  const add = (piece: string): void => {
    // Runs of whitespace collapse across item boundaries, as `collapseWhitespace` would on the whole.
    for (const word of piece.split(/(\s+)/)) {
      if (word === '') continue;
      if (/^\s/.test(word)) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && length > 0) {
        parts.push(' ');
        length += 1;
      }
      pendingSpace = false;
      parts.push(word);
      length += word.length;
    }
  };
  for (const item of items) {
    textStart.push(length + (pendingSpace && length > 0 ? 1 : 0));
    if (item.kind === 'text') add(decodeEntities(html.slice(item.start, item.end)));
    else pendingSpace = true;
  }
  textStart.push(length + (pendingSpace && length > 0 ? 1 : 0));
  return { text: parts.join(''), textStart };
}

/** The entities `stripTags` has always decoded; `&amp;` last, so `&amp;lt;` stays `&lt;`. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/**
 * An attribute's value as a browser reads it: every character reference decoded (`&#108;2` → `l2`,
 * `&eacute;` → `é`), by the same tokenizer, where `decodeEntities` knows only the five markdown-it writes.
 */
export function decodeAttributeValue(value: string): string {
  if (!value.includes('&')) return value;
  // Quoted, the value is read whole; its own `"` written as a reference reads back as itself.
  const source = `<x a="${value.replaceAll('"', '&quot;')}">`;
  const pieces: string[] = [];
  const ignore = () => undefined;
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onattribdata: (start, end) => pieces.push(source.slice(start, end)),
      onattribentity: (codepoint) => pieces.push(String.fromCodePoint(codepoint)),
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      onclosetag: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onopentagend: ignore,
      onopentagname: ignore,
      onprocessinginstruction: ignore,
      onselfclosingtag: ignore,
      ontext: ignore,
      ontextentity: ignore,
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  return pieces.join('');
}
