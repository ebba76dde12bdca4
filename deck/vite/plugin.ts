/**
 * The Vite plugin: serves each deck as `<name>.html` and the deck index as `index.html`, from compiled
 * Markdown, in dev (with hot updates that keep the current slide) and in build (a static site).
 * It is an adapter only: compiling lives in deck/compile, file access in deck-files.ts / site.ts.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';
import { formatDiagnostic } from '../compile/index.ts';
import type { Diagnostic } from '../compile/types.ts';
import { deckAssets, type DeckEntry } from './deck-files.ts';
import { watchDeckFolder } from './deck-watcher.ts';
import { CLIENT_ENTRY, INDEX_ENTRY, SLIDES_MARKER, deckConfig, deckPageShell, deckSlides, escapeHtml, indexPage } from './pages.ts';
import { isBroken, type DeckSite } from './site.ts';
import type { DeckPageConfig } from '../client/config.ts';

/** The repository root of Axon itself (where deck/, components/ and assets/ live). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const VIRTUAL_MODULES: Record<string, string> = {
  [CLIENT_ENTRY]: join(PACKAGE_ROOT, 'deck/client/main.ts'),
  [INDEX_ENTRY]: join(PACKAGE_ROOT, 'deck/client/index-page.ts'),
};

/** Hot-update message: a deck's new slides and config. */
export interface DeckUpdate {
  name: string;
  slides: string;
  config: DeckPageConfig;
}

export interface AxonPluginOptions {
  site: DeckSite;
  /** Told about every diagnostic of a deck when it is (re)compiled. Default: printed as warnings. */
  report?: (diagnostics: Diagnostic[]) => void;
}

export function axonPlugin({ site, report }: AxonPluginOptions): Plugin {
  const pageFile = (name: string) => join(site.root, `${name}.html`);
  let server: ViteDevServer | undefined;
  let isBuild = false;
  const reportAll = (diagnostics: Diagnostic[]) => {
    if (report) report(diagnostics);
    else for (const d of diagnostics) (server?.config.logger ?? console).warn(formatDiagnostic(d));
  };

  /** The page for a URL path like `/`, `/intro.html` or `/intro`; undefined when it is not a page of ours. */
  function pageName(path: string): string | undefined {
    const clean = decodeURIComponent(path.split(/[?#]/)[0] ?? '/');
    if (clean === '/' || clean === '/index.html') return 'index';
    const match = /^\/([^/]+?)(?:\.html|\/)?$/.exec(clean);
    return match?.[1] && site.entry(match[1]) ? match[1] : undefined;
  }

  function pageHtml(name: string): string {
    if (name === 'index') {
      return indexPage(
        site.decks.map((entry) => {
          const result = site.load(entry);
          return isBroken(result) ? { name: entry.name, error: result.error.message } : { name: entry.name, deck: result.deck };
        }),
      );
    }
    const entry = site.entry(name);
    if (!entry) throw new Error(`no deck named ${name}`);
    const result = site.load(entry);
    if (isBroken(result)) return errorPage(result.error.message);
    return deckPageShell(name, result.deck);
  }

  function onDeckChanged(entry: DeckEntry): void {
    site.invalidate(entry);
    const result = site.load(entry);
    if (isBroken(result)) {
      server?.config.logger.error(result.error.message);
      const { line } = 'line' in result.error ? result.error : { line: 1 };
      server?.ws.send({
        type: 'error',
        err: { message: result.error.message, stack: '', id: entry.file, plugin: 'axon', loc: { file: entry.file, line, column: 1 } },
      });
      return;
    }
    reportAll(result.diagnostics);
    const update: DeckUpdate = { name: entry.name, slides: deckSlides(result.deck), config: deckConfig(entry.name, result.deck) };
    server?.ws.send({ type: 'custom', event: 'axon:deck-update', data: update });
  }

  return {
    name: 'axon',

    config(_config, env) {
      isBuild = env.command === 'build';
      const input: Record<string, string> = { index: pageFile('index') };
      for (const entry of site.decks) input[entry.name] = pageFile(entry.name);
      return {
        root: site.root,
        // The decks' folder is the site root; Axon's own code lives beside it and must be reachable.
        server: { fs: { allow: [PACKAGE_ROOT, site.root] } },
        build: { rollupOptions: { input } },
      };
    },

    buildStart() {
      if (!isBuild) return;
      for (const result of site.loadAll()) {
        if (isBroken(result)) this.error(result.error.message);
      }
    },

    resolveId(id) {
      if (VIRTUAL_MODULES[id]) return VIRTUAL_MODULES[id];
      if (id.endsWith('.html')) {
        const name = basename(id, '.html');
        if (resolve(id) === pageFile(name) && (name === 'index' || site.entry(name))) return pageFile(name);
      }
      return undefined;
    },

    load(id) {
      if (!id.endsWith('.html') || dirname(id) !== site.root) return undefined;
      const name = basename(id, '.html');
      if (name !== 'index' && !site.entry(name)) return undefined;
      return pageHtml(name);
    },

    transformIndexHtml: {
      // NOTE - after Vite's own pass, so Vite never rewrites URLs inside slide content; slide assets are
      // copied as they are (generateBundle) and keep their paths relative to the deck.
      order: 'post',
      handler(html, ctx) {
        if (!html.includes(SLIDES_MARKER)) return html;
        const entry = site.entry(basename(ctx.path.split('?')[0] ?? '', '.html'));
        const result = entry && site.load(entry);
        if (!result || isBroken(result)) return html;
        return html.replace(SLIDES_MARKER, () => deckSlides(result.deck));
      },
    },

    generateBundle() {
      for (const result of site.loadAll()) {
        if (isBroken(result)) continue;
        for (const asset of deckAssets(result.entry, result.deck)) {
          const fileName = relative(site.root, asset.path);
          if (fileName.startsWith('..')) {
            this.error(`${result.entry.displayFile}:${asset.line}: ${asset.url} is outside the deck folder — move it next to the deck`);
          }
          let source: Buffer;
          try {
            source = readFileSync(asset.path);
          } catch {
            this.error(`${result.entry.displayFile}:${asset.line}: ${asset.url} not found — check the path; it is relative to the deck file`);
          }
          this.emitFile({ type: 'asset', fileName, source });
        }
      }
    },

    configureServer(devServer) {
      server = devServer;
      for (const result of site.loadAll()) if (!isBroken(result)) reportAll(result.diagnostics);

      const stopWatching = watchDeckFolder(site.root, site.decks.map((d) => d.file), (file) => Boolean(site.entryForFile(file)), {
        changed: (file) => {
          const entry = site.entryForFile(file);
          if (entry) onDeckChanged(entry);
        },
        addedOrRemoved: () => {
          const before = site.decks.map((d) => d.file).join('\n');
          site.rescan();
          if (site.decks.map((d) => d.file).join('\n') !== before) devServer.ws.send({ type: 'full-reload' });
        },
      });
      devServer.httpServer?.once('close', stopWatching);

      devServer.middlewares.use(async (req, res, next) => {
        const name = req.method === 'GET' && req.url ? pageName(req.url) : undefined;
        if (!name) return next();
        try {
          const url = name === 'index' ? '/index.html' : `/${name}.html`;
          const html = await devServer.transformIndexHtml(url, pageHtml(name), req.originalUrl);
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(html);
        } catch (error) {
          next(error);
        }
      });
    },

    handleHotUpdate({ file }) {
      // Decks are not modules and have their own watcher (deck-watcher.ts): keep Vite from reloading for them.
      if (file.endsWith('.md') && dirname(file) === site.root) return [];
      return undefined;
    },
  };
}

/** Shown in dev instead of a deck that does not compile; reloads itself when the file is fixed. */
function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Deck error</title>
<script type="module" src="${INDEX_ENTRY}"></script></head>
<body class="axon-index"><main><h1>This deck does not compile</h1>
<pre class="axon-error" role="alert">${escapeHtml(message)}</pre>
<p>Fix the file and save: this page reloads by itself.</p></main></body></html>
`;
}
