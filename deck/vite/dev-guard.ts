/**
 * The dev server's gate, in front of every Vite middleware: `axon dev` serves the deck pages, the files the
 * decks refer to, and Axon's own client code, and nothing else.
 *
 * Why an allow-list and not only a deny-list: the deck folder is whatever folder the instructor ran `axon dev`
 * in, often a home or course folder, and with `--host 0.0.0.0` the whole room can ask for anything in it. Vite
 * would serve every file there (its fs.deny only knows `.env` and keys), and through its transform pipeline
 * even `/.ssh/id_ed25519` (a name without an extension looks like a module). The build publishes only the
 * pages and the decks' files (generateBundle), so serving exactly those in dev also means what works in dev
 * works once published: a file no deck refers to is a 404 in both.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { normalize, posix, relative, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXTERNAL_DIR, externalFile, mediaType } from './external.ts';
import { hasHiddenPart, isInside, privateReason } from './published.ts';

export interface DeckGuardOptions {
  /** The deck folder: the site root. */
  root: string;
  /** Axon's folders the client bundle is served from; inside them Vite's own fs.allow / fs.deny decide. */
  axonFolders: readonly string[];
  /** Vite's dependency cache: the one hidden folder the client needs (`node_modules/.vite-axon`). */
  cacheDir: string;
  /** True for a page path relative to the root: '', 'index.html', 'intro.html', 'intro', 'intro/'. */
  isPage(rel: string): boolean;
  /** True for a file (absolute path) that a deck refers to. */
  isReferenced(path: string): Promise<boolean>;
  /** True for a deck's Markdown file (absolute path): the only files the error overlay may open in an editor. */
  isDeckFile(path: string): boolean;
}

type Next = (error?: unknown) => void;

/** The middleware: answers 400, 403 or 404 itself, or passes the request on to Vite. */
export function deckGuard(options: DeckGuardOptions): (req: IncomingMessage, res: ServerResponse, next: Next) => Promise<void> {
  const { root, axonFolders, cacheDir } = options;

  /** Inside Axon's own folders: Vite's allow and deny lists apply, and hidden files stay hidden. */
  const inAxon = (path: string) => axonFolders.some((folder) => isInside(folder, path));
  const hiddenInAxon = (path: string) =>
    !isInside(cacheDir, path) && axonFolders.some((folder) => isInside(folder, path) && hasHiddenPart(relative(folder, path)));

  return async (req, res, next) => {
    try {
      const url = req.url ?? '/';
      const rawPath = url.split(/[?#]/)[0] ?? '/';
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        return refuse(res, 400, 'Bad request: the address has a malformed %-escape.');
      }
      if (path.includes('\0') || path.includes('\\') || !path.startsWith('/')) return refuse(res, 400, 'Bad request.');

      if (path === '/__open-in-editor') return openInEditor(url, res, next);
      if (path.startsWith('/@fs/')) {
        const target = posix.normalize(path.slice('/@fs'.length));
        if (isInside(root, target) && !inAxon(target)) return await deckFile(target);
        if (hiddenInAxon(target)) return refuse(res, 403, 'Forbidden: hidden files are not served.');
        // Inside Axon's client folders Vite's fs.allow and fs.deny decide. Outside them, refused here: Vite's
        // own 403 page would list its allow list, the instructor's folder paths, to whoever asked.
        return inAxon(target) ? next() : refuse(res, 403, 'Forbidden: axon dev serves the decks, their files and its own client code.');
      }
      // A file from outside the deck folder, under the name the slides give it (external.ts).
      if (path.startsWith(`/${EXTERNAL_DIR}/`)) return await externalDeckFile(path);
      const target = resolve(root, `.${normalize(path)}`);
      // Vite's own URLs (/@vite/client, /@id/…, /@axon/… and /__vite_ping) name modules, not files: Vite's to
      // answer, unless a file in the deck folder has that name (`@notes.txt`), which Vite would serve as it is.
      if ((path.startsWith('/@') || path.startsWith('/__')) && !existsSync(target)) return next();

      if (inAxon(target)) return hiddenInAxon(target) ? refuse(res, 403, 'Forbidden: hidden files are not served.') : next();
      if (!isInside(root, target)) return notServed(res);
      return await deckFile(target);
    } catch (error) {
      // A bug here must answer this request, not end the server.
      return next(error);
    }

    async function externalDeckFile(sitePath: string): Promise<void> {
      const file = externalFile(root, sitePath);
      if (!file || !(await options.isReferenced(file))) return notServed(res);
      try {
        const body = await readFile(file);
        res.setHeader('Content-Type', mediaType(file));
        res.setHeader('Cache-Control', 'no-cache');
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        notServed(res);
      }
    }

    async function deckFile(target: string): Promise<void> {
      const rel = relative(root, target);
      if (options.isPage(rel)) return next();
      if ((await options.isReferenced(target)) && !privateReason(root, target)) return next();
      return notServed(res);
    }
  };

  /** Vite's error overlay opens a deck at its line by this URL; any other file stays closed (it is a GET anyone can send). */
  function openInEditor(url: string, res: ServerResponse, next: Next): void {
    const file = new URL(url, 'http://localhost').searchParams.get('file') ?? '';
    const path = file.replace(/^file:\/\//, '').replace(/(:\d+){1,2}$/, '');
    if (path && options.isDeckFile(resolve(path))) return next();
    return refuse(res, 403, 'Forbidden: only deck files open in the editor.');
  }
}

function notServed(res: ServerResponse): void {
  refuse(res, 404, 'Not found. axon dev serves the decks and the files they refer to; nothing else in their folder.');
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(message);
}

