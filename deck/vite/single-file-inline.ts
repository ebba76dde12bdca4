/**
 * The string work behind `axon build --single-file` (single-file.ts): turning a built deck page and the files
 * beside it into one self-contained `.html`. Pure functions of text and bytes, tested in Node.
 *
 * NOTE - a page opened from `file://` may not load module scripts, stylesheets, fetches or Workers from other
 * files, so everything goes into the page: the bundle as a JSON string run through a Blob URL (JSON escapes
 * every `<`, so no byte of the code can end the <script> element early, whatever it holds), CSS in a <style>,
 * fonts, pictures, WebAssembly and data files as `data:` URLs.
 */

/** Media types of the files a deck may inline, by extension; anything else is `application/octet-stream`. */
const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  mp4: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  json: 'application/json',
  pdf: 'application/pdf',
  wasm: 'application/wasm',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  css: 'text/css',
  js: 'text/javascript',
  py: 'text/x-python',
  ipynb: 'application/x-ipynb+json',
};

/** The media type a file name implies. */
export function mediaType(fileName: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

/** A `data:` URL holding these bytes. */
export function dataUrl(bytes: Uint8Array, fileName: string): string {
  return `data:${mediaType(fileName)};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** Text as a JSON string that is safe inside any <script> element (no `<` survives, so no `</script` or `<!--`). */
export function scriptSafeJson(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}

/** The text of a `data:` URL (base64 or percent-encoded); undefined for any other URL. */
export function dataUrlText(url: string): string | undefined {
  const match = /^data:[^,]*?(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  return match[1] ? Buffer.from(match[2]!, 'base64').toString('utf8') : decodeURIComponent(match[2]!);
}

/** The id of the <script> that carries the page's code. */
export const CODE_ELEMENT_ID = 'axon-code';

/**
 * Runs the code carried as JSON in #axon-code as a module, through a Blob URL: an inline module script may
 * run there, and a module from a `blob:` URL may be imported from a `file://` page (Chromium, Firefox, Safari).
 */
const BOOTSTRAP = `const code = JSON.parse(document.getElementById('${CODE_ELEMENT_ID}').textContent);
const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
try { await import(url); } finally { URL.revokeObjectURL(url); }`;

/** A stylesheet's text, safe inside <style> (`\/` is `/` to CSS, so `</style` cannot close the element early). */
export function styleSafeCss(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * The page with its one module script and its stylesheets put inside it. `read` gives the text of a script or
 * stylesheet the page names (`./assets/x.js`), or undefined when there is none. Throws when the page names a script or
 * stylesheet it cannot read, or has several module scripts: a half-inlined page would not work from disk.
 */
export function inlineBundle(html: string, read: (url: string, kind: 'script' | 'style') => string | undefined): string {
  const need = (url: string, kind: 'script' | 'style'): string => {
    const text = read(url, kind);
    if (text === undefined) throw new Error(`the built page names ${url.slice(0, 80)}, which the build did not write`);
    return text;
  };
  let scripts = 0;
  const withScript = html.replace(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"[^>]*>\s*<\/script>/g, (_tag, url: string) => {
    scripts += 1;
    return `<script type="application/json" id="${CODE_ELEMENT_ID}">${scriptSafeJson(need(url, 'script'))}</script>\n<script type="module">${BOOTSTRAP}</script>`;
  });
  if (scripts > 1) throw new Error(`the built page has ${scripts} module scripts; a single file can carry one`);
  const withStyles = withScript.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const url = /\bhref="([^"]+)"/.exec(tag)?.[1];
    return url ? `<style>${styleSafeCss(need(url, 'style'))}</style>` : tag;
  });
  // Preload hints for files that are now inside the page would only be failed requests from disk.
  return withStyles.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>\n?/g, '');
}

/** Attributes whose value is one URL of a file the page shows or uses (a widget's `data=` CSV included). */
const URL_ATTRIBUTES = new Set(['src', 'href', 'poster', 'data', 'data-src', 'data-background', 'data-background-image', 'data-background-video', 'data-background-iframe', 'data-preview-image']);

/** True for a URL that names a file beside the page: not a web address, a `data:` URL, an anchor or a page. */
function isLocalFileUrl(url: string): boolean {
  if (!url || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return false;
  return !/\.html?(?:[?#]|$)/i.test(url);
}

/**
 * The page with every attribute (and `url(…)` in a style attribute, every `srcset` candidate) that names a file
 * beside it replaced by that file as a `data:` URL. `load` gives the bytes of a local URL (relative to the
 * page), or undefined for a URL that is no file of the build (it is then left as it is).
 */
export function inlineFileUrls(html: string, load: (url: string) => Uint8Array | undefined): { html: string; inlined: string[] } {
  const inlined = new Set<string>();
  const replace = (url: string): string => {
    const trimmed = url.trim();
    if (!isLocalFileUrl(trimmed)) return url;
    let path = trimmed.split(/[?#]/)[0] ?? trimmed;
    try {
      path = decodeURI(path);
    } catch {
      return url;
    }
    const bytes = load(path);
    if (!bytes) return url;
    inlined.add(path);
    return dataUrl(bytes, path);
  };
  const attributes = /(\s)([a-zA-Z][\w:-]*)=("([^"]*)"|'([^']*)')/g;
  const out = html.replace(/<[a-zA-Z][^>]*>/g, (tag) =>
    tag.replace(attributes, (whole, space: string, name: string, _quoted, double?: string, single?: string) => {
      const value = double ?? single ?? '';
      const quote = double !== undefined ? '"' : "'";
      const lower = name.toLowerCase();
      let next = value;
      if (URL_ATTRIBUTES.has(lower)) next = replace(decodeEntities(value));
      else if (lower === 'srcset') next = value.split(',').map((candidate) => candidate.replace(/^(\s*)(\S+)/, (_m, lead: string, url: string) => lead + replace(url))).join(',');
      else if (lower === 'style') next = value.replace(/url\((['"]?|&quot;)([^'")&]+)\1\)/g, (m, q: string, url: string) => `url(${q}${replace(url)}${q})`);
      return next === value || next === decodeEntities(value) ? whole : `${space}${name}=${quote}${next}${quote}`;
    }),
  );
  return { html: out, inlined: [...inlined] };
}

/** The few entities a compiled URL attribute may hold. */
function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&#38;/g, '&').replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&#39;/g, "'");
}

/** A web resource a slide shows (not a link to follow): it will be missing when the single file is opened offline. */
export interface WebResource {
  /** The element's tag, e.g. `img`. */
  tag: string;
  url: string;
}

/** Tags whose `href` is a resource the page loads, not a link a reader follows. */
const RESOURCE_HREF_TAGS = new Set(['link', 'image', 'use']);

/** The web addresses (http, https, protocol-relative) that slides load as pictures, videos, frames or styles. */
export function webResources(html: string): WebResource[] {
  const found: WebResource[] = [];
  const seen = new Set<string>();
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)\b([^>]*)>/g)) {
    const tag = match[1]!.toLowerCase();
    for (const attribute of match[2]!.matchAll(/\s([a-zA-Z][\w:-]*)=("([^"]*)"|'([^']*)')/g)) {
      const name = attribute[1]!.toLowerCase();
      const value = decodeEntities(attribute[3] ?? attribute[4] ?? '');
      if (name === 'href' && !RESOURCE_HREF_TAGS.has(tag)) continue;
      const urls = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : name === 'style' ? [...value.matchAll(/url\(['"]?([^'")]+)/g)].map((m) => m[1]!) : URL_ATTRIBUTES.has(name) ? [value] : [];
      for (const url of urls) {
        if (!/^(https?:)?\/\//i.test(url.trim()) || seen.has(url)) continue;
        seen.add(url);
        found.push({ tag, url: url.trim() });
      }
    }
  }
  return found;
}

/**
 * CSS (or code holding CSS) with each `@font-face` that offers WOFF2 reduced to its WOFF2 sources. Every browser
 * that runs the deck reads WOFF2; the WOFF and TrueType copies KaTeX lists after it would triple the fonts' weight
 * in a file that carries them inline.
 */
export function keepWoff2Only(text: string): string {
  return text.replace(/(src:\s*)((?:url\([^)]*\)\s*(?:format\([^)]*\))?\s*,?\s*)+)/g, (whole, lead: string, list: string) => {
    const sources = list.match(/url\([^)]*\)\s*(?:format\([^)]*\))?/g) ?? [];
    const woff2 = sources.filter((source) => /format\(\\?["']?woff2|data:font\/woff2|\.woff2/i.test(source));
    if (woff2.length === 0 || woff2.length === sources.length) return whole;
    return `${lead}${woff2.join(',')}${/\s*$/.exec(list)?.[0] ?? ''}`;
  });
}

/**
 * Code with the `@font-face` rules of the stylesheets it carries as strings (KaTeX's CSS for widgets' shadow roots)
 * taken out. On a deck page the document's own stylesheet declares the same fonts, which is where a browser looks
 * for them (an `@font-face` inside a shadow root is ignored), so the copies in the code are dead weight.
 */
export function dropFontFacesFromCode(code: string): string {
  return code.replace(/@font-face\{[^{}]*?data:font\/[^{}]*\}/g, '');
}

/**
 * The widget registry's source with every widget not in `keep` left out of the bundle: its `import('./x/x.ts')`
 * becomes a rejected promise naming the tag (the deck never asks for it; a page that did would say why).
 */
export function keepWidgets(registrySource: string, keep: ReadonlySet<string>): string {
  return registrySource.replace(
    /(['"])([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\1(\s*:\s*\{\s*load:\s*\(\)\s*=>\s*)import\((['"][^'"]+['"])\)/g,
    (whole, quote: string, tag: string, middle: string) =>
      keep.has(tag) ? whole : `${quote}${tag}${quote}${middle}Promise.reject(new Error('<${tag}> is not in this single-file deck: build it again with the deck that uses it'))`,
  );
}
