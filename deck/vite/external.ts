/**
 * Files a deck refers to outside its folder (`../images/x.png`, as Quarto projects keep their images beside the
 * deck's folder): where they go in the site, and the slide URLs that point there.
 *
 * The site root is the deck folder, so a browser cannot follow `../` out of it (`/lecture.html` + `../images/x.png`
 * is `/images/x.png`), and Vite refuses to emit a file above its output folder. Such a file is therefore
 * published under `_external/up-K/P`, K the number of `..` steps and P the rest of the path:
 *   `../images/x.png`      → `_external/up-1/images/x.png`
 *   `../../shared/y.png`   → `_external/up-2/shared/y.png`
 * NOTE - a mapping that depends on the file alone (not on which other decks use which files) keeps a URL stable
 * while a deck is edited in dev, and it is one-to-one: the pair (K, P) names one file, and P never starts with
 * `..`, so no two files collide and nothing is written outside the output folder.
 */
import { extname, posix, relative, resolve, sep } from 'node:path';
import { decodeAssetUrl } from './deck-files.ts';

/** The folder of the site that holds files from outside the deck folder. */
export const EXTERNAL_DIR = '_external';

/** The `..` steps out of `root` and the rest of the path, for a file outside `root`; undefined for one inside. */
function climb(root: string, path: string): { up: number; rest: string[] } | undefined {
  const parts = relative(root, path).split(sep).filter(Boolean);
  let up = 0;
  while (parts[up] === '..') up += 1;
  if (up === 0 || up === parts.length) return undefined;
  return { up, rest: parts.slice(up) };
}

/** True for an absolute path that lies outside the deck folder `root` (below one of its ancestors). */
export function isExternal(root: string, path: string): boolean {
  return climb(root, path) !== undefined;
}

/** The site path (`/`-separated, relative to the site root) of a file outside `root`; undefined for one inside. */
export function externalName(root: string, path: string): string | undefined {
  const steps = climb(root, path);
  return steps && posix.join(EXTERNAL_DIR, `up-${steps.up}`, ...steps.rest);
}

/** The file a site path under `_external/` stands for (the inverse of externalName); undefined for any other path. */
export function externalFile(root: string, sitePath: string): string | undefined {
  const parts = sitePath.split('/').filter(Boolean);
  const up = /^up-([1-9]\d{0,2})$/.exec(parts[1] ?? '');
  if (parts[0] !== EXTERNAL_DIR || !up || parts.length < 3 || parts.slice(2).some((part) => part === '..' || part === '.')) return undefined;
  return resolve(root, ...Array<string>(Number(up[1])).fill('..'), ...parts.slice(2));
}

/** The attributes whose local URLs are deck assets (as deck/compile/images.ts and section-attributes.ts collect them). */
const ASSET_ATTRIBUTE = /(\s(?:src|poster|data|data-background-image|data-background-video)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The slide HTML with every URL that points outside `root` (relative, with `..` steps out of it) turned into its
 * `_external/…` URL; everything else is left exactly as it was. `root` is the deck's folder.
 */
export function rewriteExternalUrls(html: string, root: string): string {
  if (!html.includes('..')) return html;
  return html.replace(ASSET_ATTRIBUTE, (whole, before: string, double?: string, single?: string, bare?: string) => {
    const raw = double ?? single ?? bare ?? '';
    const url = unescapeHtml(raw);
    if (!url.includes('..') || /^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(url.trim())) return whole;
    const file = decodeAssetUrl(url.trim());
    const name = file === undefined ? undefined : externalName(root, resolve(root, file));
    if (!name) return whole;
    const suffix = /[?#].*$/s.exec(url.trim())?.[0] ?? '';
    const value = `${encodeURI(name).replace(/[?#']/g, encodeURIComponent)}${suffix}`;
    return `${before}"${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  });
}

/** Media types of the files slides show, for the dev server (a static server or Vite's preview knows them itself). */
const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.bmp': 'image/bmp',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.ogv': 'video/ogg', '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.wav': 'audio/wav', '.m4a': 'audio/mp4',
  '.pdf': 'application/pdf', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type to serve a file with. */
export function mediaType(file: string): string {
  return MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
