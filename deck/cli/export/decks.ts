/**
 * What `axon export PATH` prints: a deck file or a folder of decks (built first, as `axon build` builds
 * them, into a temporary folder), or a site `axon build` made (served as it is). Either way the result is
 * a local web server and the decks on it; all a printed page needs (titles, notes, metadata) is then read
 * from the deck pages themselves.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build as viteBuild, preview, type PreviewServer } from 'vite';
import { axonViteConfig } from '../../vite/config.ts';
import { displayPath } from '../../vite/deck-files.ts';
import { DeckSite, isBroken } from '../../vite/site.ts';
import { CliError, bundlerError } from '../errors.ts';
import { DiagnosticReport } from '../report.ts';

/** One deck to export. */
export interface DeckRef {
  /** The page's name: `<name>.html` on the site, `<name>.pdf` out. */
  name: string;
  /** The file as the user knows it, for messages. */
  displayFile: string;
  slideCount: number;
  /** The slide size in CSS pixels: reveal's `width` and `height` (Axon's default 1280×720). */
  size: { width: number; height: number };
  /** The widget tags it uses, deck-local ones (deck/vite/local-widgets.ts) included: the export settles them all. */
  widgets?: readonly string[];
}

/** The slide size a deck's reveal options ask for, where they give numbers; Axon's 1280×720 otherwise. */
export function slideSize(revealOptions: Record<string, unknown>): { width: number; height: number } {
  const { width, height } = revealOptions;
  return { width: typeof width === 'number' && width > 0 ? width : 1280, height: typeof height === 'number' && height > 0 ? height : 720 };
}

/** The decks, and how to put them on a local server. */
export interface DeckSource {
  decks: DeckRef[];
  /** Serves the decks on a free port of 127.0.0.1 (`work` is a scratch folder); the base URL ends in '/'. */
  serve(work: string): Promise<{ server: PreviewServer; base: string }>;
}

/** A deck page made by `axon build` carries its configuration in `<script id="axon-deck">`. */
const DECK_PAGE = /<script type="application\/json" id="axon-deck">([^<]*)<\/script>/;

async function servePreview(dir: string): Promise<{ server: PreviewServer; base: string }> {
  const sigterm = new Set(process.listeners('SIGTERM'));
  const stdinEnd = new Set(process.stdin.listeners('end'));
  const server = await preview({
    configFile: false,
    logLevel: 'silent',
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1', strictPort: true, open: false },
  });
  // NOTE - Vite's preview server exits the process on SIGTERM (and when stdin ends) as soon as it has
  // closed itself, before the export has closed Chromium and removed its folders: the export handles
  // that signal itself (session.ts), so Vite's listeners are taken off again.
  for (const listener of process.listeners('SIGTERM')) if (!sigterm.has(listener)) process.off('SIGTERM', listener);
  for (const listener of process.stdin.listeners('end')) if (!stdinEnd.has(listener)) process.stdin.off('end', listener as () => void);
  const { port } = server.httpServer.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}/` };
}

/** A folder holding a built site: its deck pages, or undefined when the folder is not one. */
function builtSite(path: string): DeckSource | undefined {
  if (!existsSync(path) || !statSync(path).isDirectory() || !existsSync(join(path, 'index.html'))) return undefined;
  const decks: DeckRef[] = [];
  for (const file of readdirSync(path).sort()) {
    if (!file.endsWith('.html') || file === 'index.html') continue;
    const html = readFileSync(join(path, file), 'utf8');
    const config = DECK_PAGE.exec(html)?.[1];
    if (config === undefined) continue;
    let revealOptions: Record<string, unknown> = {};
    let widgets: string[] = [];
    try {
      const parsed = JSON.parse(config) as { revealOptions?: Record<string, unknown>; widgets?: unknown };
      revealOptions = parsed.revealOptions ?? {};
      widgets = Array.isArray(parsed.widgets) ? parsed.widgets.filter((tag): tag is string => typeof tag === 'string') : [];
    } catch {
      throw new CliError(`${displayPath(join(path, file))}: its deck configuration is not JSON — rebuild the site with axon build`);
    }
    decks.push({
      name: file.slice(0, -'.html'.length),
      displayFile: displayPath(join(path, file)),
      slideCount: html.match(/<section\b[^>]*\bdata-axon-line=/g)?.length ?? 0,
      size: slideSize(revealOptions),
      widgets,
    });
  }
  if (decks.length === 0) throw new CliError(`${path}: a site without deck pages — give a deck file, a folder of decks, or a folder made by axon build`);
  return { decks, serve: () => servePreview(path) };
}

/** Deck files: compiled and checked now (a missing image stops the export), built when served. */
function markdownDecks(path: string, widgets: readonly string[]): DeckSource {
  const site = new DeckSite(path, widgets);
  const report = new DiagnosticReport();
  const decks: DeckRef[] = [];
  for (const result of site.loadAll()) {
    if (isBroken(result)) throw result.error;
    report.add(result.diagnostics);
    decks.push({ name: result.entry.name, displayFile: result.entry.displayFile, slideCount: result.deck.slides.length, size: slideSize(result.deck.revealOptions), widgets: result.deck.widgets });
  }
  if (report.missingFiles > 0) {
    throw new CliError(`${report.missingFiles} missing file${report.missingFiles > 1 ? 's' : ''} (listed above) — fix the paths and export again`);
  }
  return {
    decks,
    async serve(work) {
      const dir = join(work, 'site');
      try {
        await viteBuild({ ...axonViteConfig(site, { base: './', outDir: dir, report: () => {}, logLevel: 'error' }), configFile: false });
      } catch (error) {
        throw bundlerError(error);
      }
      return servePreview(dir);
    },
  };
}

/** The decks at `path`: a built site when the folder is one, else deck files. */
export function findExportDecks(path: string, widgets: readonly string[]): DeckSource {
  return builtSite(path) ?? markdownDecks(path, widgets);
}
