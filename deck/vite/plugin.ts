/**
 * The Vite plugin: serves each deck as `<name>.html` and the deck index as `index.html`, from compiled
 * Markdown, in dev (with hot updates that keep the current slide) and in build (a static site).
 * It is an adapter only: compiling lives in deck/compile, file access in deck-files.ts / site.ts.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';
import { formatDiagnostic } from '../compile/index.ts';
import type { Diagnostic } from '../compile/types.ts';
import { DeckCompiler } from './deck-compiler.ts';
import { deckAssets, isDeckName, type DeckEntry, type LoadedDeck } from './deck-files.ts';
import { watchDeckFolder } from './deck-watcher.ts';
import { deckGuard } from './dev-guard.ts';
import { externalName } from './external.ts';
import { fixedLines, type LastCompile } from './fixed.ts';
import { LOCAL_WIDGETS_FOLDER, LOCAL_WIDGETS_MODULE, WIDGET_API_MODULE, findLocalWidgets, isInLocalWidgetsFolder, localWidgetsModule } from './local-widgets.ts';
import { publishedAssets } from './published.ts';
import { CLIENT_ENTRY, INDEX_ENTRY, SLIDES_MARKER, deckConfig, deckPageShell, deckSlides, escapeHtml, indexPage } from './pages.ts';
import { isBroken, type DeckResult, type DeckSite } from './site.ts';
import type { DeckPageConfig } from '../client/config.ts';

/** The repository root of Axon itself (where deck/, components/ and assets/ live). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The folders of Axon the client bundle is served from in dev (`/@fs/…`): its runtime, widgets, engine, theme
 * and dependencies (with Vite's dependency cache). Not the whole checkout: its .git, tests and sources for Node
 * have no business on the network. When Axon is installed as a package, its dependencies may sit in the
 * node_modules folder that holds it.
 */
export const CLIENT_FOLDERS: readonly string[] = [
  ...['deck/client', 'components', 'engine', 'assets', 'node_modules'].map((folder) => join(PACKAGE_ROOT, folder)),
  ...enclosingNodeModules(PACKAGE_ROOT),
];

/** The node_modules folder that holds `folder` (`…/node_modules/axon`, `…/node_modules/@scope/axon`), if any. */
function enclosingNodeModules(folder: string): string[] {
  for (let dir = dirname(folder); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) === 'node_modules') return [dir];
  }
  return [];
}

/** Vite's default fs.deny (replaced, not extended, when set), plus every hidden file: `.ssh/…` is covered by dev-guard.ts. */
const FS_DENY = ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**', '.*'];

/** The URL of the script of the page shown for a deck that does not compile (dev only). */
const ERROR_PAGE_ENTRY = '/@axon/error-page.ts';

const VIRTUAL_MODULES: Record<string, string> = {
  [CLIENT_ENTRY]: join(PACKAGE_ROOT, 'deck/client/main.ts'),
  [INDEX_ENTRY]: join(PACKAGE_ROOT, 'deck/client/index-page.ts'),
  [ERROR_PAGE_ENTRY]: join(PACKAGE_ROOT, 'deck/client/error-page.ts'),
};

/** The virtual module of the deck folder's own widgets, as Vite knows it (local-widgets.ts). */
const LOCAL_WIDGETS_ID = '\0axon-local-widgets';
/** What a deck-local widget's `import … from 'axon/widget'` reaches. */
const WIDGET_API_FILE = join(PACKAGE_ROOT, 'components/shared/runtime/widget-api.ts');

/** A package name (`lit`, `d3-scale/x`, `@scope/name`), not a path, a URL or a virtual id. */
const isBareImport = (id: string) => /^(@[\w.-]+\/)?[\w][\w.-]*(\/.*)?$/.test(id) && !id.includes(':');

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
  /** Dev only: compiles saved decks off the event loop (deck-compiler.ts). */
  let compiler: DeckCompiler | undefined;
  let isBuild = false;
  /** Dev: what each deck's last compile left, so that the next one can say what a save fixed (fixed.ts). */
  const lastCompile = new Map<string, LastCompile>();
  const reportAll = (result: LoadedDeck) => {
    if (report) report(result.diagnostics);
    else for (const d of result.diagnostics) (server?.config.logger ?? console).warn(formatDiagnostic(d));
    const before = lastCompile.get(result.entry.file);
    lastCompile.set(result.entry.file, result.diagnostics);
    for (const line of fixedLines(result.entry.displayFile, before, result.diagnostics)) (server?.config.logger ?? console).info(line);
  };

  /** What each compiled deck may publish; kept with the compiled deck, so a save recomputes it. */
  const publishedByDeck = new WeakMap<LoadedDeck, ReturnType<typeof publishedAssets>>();
  function published(result: LoadedDeck): ReturnType<typeof publishedAssets> {
    let files = publishedByDeck.get(result);
    if (!files) publishedByDeck.set(result, (files = publishedAssets(site.root, deckAssets(result.entry, result.deck))));
    return files;
  }

  /** The decks, compiled (in dev, by the compile worker, so the server goes on answering meanwhile). */
  function compiled(entries: readonly DeckEntry[]): Promise<DeckResult[]> {
    return Promise.all(entries.map((entry) => site.loadAsync(entry, compiler)));
  }

  /** True for a file (absolute) that a deck that compiles refers to and may publish. */
  async function isReferenced(path: string): Promise<boolean> {
    // The deck folder's own widgets, and the modules they import, are code the page loads (and the build bundles).
    if (isInLocalWidgetsFolder(site.root, path)) return true;
    const results = await compiled(site.decks);
    return results.some((result) => !isBroken(result) && published(result).files.some((asset) => asset.path === path));
  }

  /** The page for a URL path like `/`, `/intro.html` or `/intro`; undefined when it is not a page of ours. */
  function pageName(path: string): string | undefined {
    let clean: string;
    try {
      clean = decodeURIComponent(path.split(/[?#]/)[0] ?? '/');
    } catch {
      return undefined;
    }
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
    return deckPageShell(name, result.deck, site.root);
  }

  async function onDeckChanged(entry: DeckEntry): Promise<void> {
    site.invalidate(entry);
    const generation = site.generation(entry);
    const result = await site.loadAsync(entry, compiler);
    // Saved again while this compiled: the newer compile reports, and the page never shows this older one.
    if (site.generation(entry) !== generation) return;
    if (isBroken(result)) {
      lastCompile.set(entry.file, 'broken');
      server?.config.logger.error(result.error.message);
      if (process.env.AXON_DEBUG) server?.config.logger.error(result.error.stack ?? '');
      const { line } = 'line' in result.error ? result.error : { line: 1 };
      server?.ws.send({
        type: 'error',
        err: { message: result.error.message, stack: '', id: entry.file, plugin: 'axon', loc: { file: entry.file, line, column: 1 } },
      });
      return;
    }
    reportAll(result);
    const update: DeckUpdate = { name: entry.name, slides: deckSlides(result.deck, site.root), config: deckConfig(entry.name, result.deck) };
    server?.ws.send({ type: 'custom', event: 'axon:deck-update', data: update });
  }

  /**
   * Dev: a widget file added to or removed from the deck folder's `widgets/` changes which tags the decks know
   * (a red box becomes a widget) and what the virtual module lists: the decks are compiled again, their
   * diagnostics printed (with what the change fixed), and the open pages reload. No restart.
   */
  function watchLocalWidgets(devServer: ViteDevServer): void {
    const folder = join(site.root, LOCAL_WIDGETS_FOLDER);
    devServer.watcher.add(folder);
    const changed = (path: string) => {
      if (path !== folder && dirname(path) !== folder) return;
      const module = devServer.moduleGraph.getModuleById(LOCAL_WIDGETS_ID);
      if (module) devServer.moduleGraph.invalidateModule(module);
      recompileAll(devServer, "reloading the deck folder's widgets");
    };
    for (const event of ['add', 'unlink', 'addDir', 'unlinkDir'] as const) devServer.watcher.on(event, changed);
  }

  /**
   * Dev: a CSV file saved, added or removed in the deck folder may fix or break a data widget's columns
   * (`data="data/cars.csv"`): the decks are checked again (the terminal says what the save fixed) and the open
   * pages reload, so the widgets fetch the new rows. The Markdown need not be saved again.
   */
  function watchDataFiles(devServer: ViteDevServer): void {
    const changed = (path: string) => {
      if (!path.toLowerCase().endsWith('.csv') || relative(site.root, path).startsWith('..')) return;
      recompileAll(devServer, `checking ${relative(site.root, path)}`);
    };
    for (const event of ['change', 'add', 'unlink'] as const) devServer.watcher.on(event, changed);
  }

  /** Compiles every deck again, prints what changed in their diagnostics, and reloads the open pages. */
  function recompileAll(devServer: ViteDevServer, what: string): void {
    void (async () => {
      for (const entry of site.decks) site.invalidate(entry);
      for (const result of await compiled(site.decks)) {
        if (!isBroken(result)) reportAll(result);
        else {
          lastCompile.set(result.entry.file, 'broken');
          devServer.config.logger.error(result.error.message);
        }
      }
      devServer.ws.send({ type: 'full-reload' });
    })().catch((error: unknown) => devServer.config.logger.error(`axon: ${what} failed: ${String(error)} — save again`));
  }

  return {
    name: 'axon',

    config(_config, env) {
      isBuild = env.command === 'build';
      const input: Record<string, string> = { index: pageFile('index') };
      for (const entry of site.decks) input[entry.name] = pageFile(entry.name);
      return {
        root: site.root,
        // The decks' folder is the site root; Axon's client code lives beside it and must be reachable.
        // Inside the deck folder dev-guard.ts narrows this down to the pages and the files the decks use.
        // Vite's error overlay ends with advice about vite.config.js, a file an Axon user does not have: it is
        // off, and the deck runtime shows Axon's own (deck/client/overlay.ts).
        server: { fs: { allow: [...CLIENT_FOLDERS, site.root], deny: FS_DENY }, hmr: { overlay: false } },
        build: { rollupOptions: { input } },
      };
    },

    buildStart() {
      if (!isBuild) return;
      for (const result of site.loadAll()) {
        if (isBroken(result)) this.error(result.error.message);
      }
    },

    async resolveId(id, importer) {
      if (VIRTUAL_MODULES[id]) return VIRTUAL_MODULES[id];
      if (id === LOCAL_WIDGETS_MODULE) return LOCAL_WIDGETS_ID;
      if (id === WIDGET_API_MODULE) return WIDGET_API_FILE;
      if (importer && isBareImport(id) && isInLocalWidgetsFolder(site.root, importer.split('?')[0] ?? importer)) {
        // A deck folder anywhere on disk has no node_modules of its own (or lacks Axon's packages): what its
        // widgets import (lit, d3-scale) comes from Axon's, unless the folder has it.
        const own = await this.resolve(id, importer, { skipSelf: true });
        return own ?? (await this.resolve(id, join(PACKAGE_ROOT, 'package.json'), { skipSelf: true }));
      }
      if (id.endsWith('.html')) {
        const name = basename(id, '.html');
        if (resolve(id) === pageFile(name) && (name === 'index' || site.entry(name))) return pageFile(name);
      }
      return undefined;
    },

    load(id) {
      if (id === LOCAL_WIDGETS_ID) return localWidgetsModule(site.root, findLocalWidgets(site.root, site.widgets).widgets);
      if (!id.endsWith('.html') || dirname(id) !== site.root) return undefined;
      const name = basename(id, '.html');
      if (name !== 'index' && !site.entry(name)) return undefined;
      return pageHtml(name);
    },

    transformIndexHtml: {
      // NOTE - after Vite's own pass, so Vite never rewrites URLs inside slide content; slide assets are
      // copied as they are (generateBundle) and keep their paths relative to the deck (those outside its
      // folder go to _external/, and deckSlides points their URLs there).
      order: 'post',
      handler(html, ctx) {
        if (!html.includes(SLIDES_MARKER)) return html;
        const entry = site.entry(basename(ctx.path.split('?')[0] ?? '', '.html'));
        const result = entry && site.load(entry);
        if (!result || isBroken(result)) return html;
        return html.replace(SLIDES_MARKER, () => deckSlides(result.deck, site.root));
      },
    },

    generateBundle() {
      for (const result of site.loadAll()) {
        if (isBroken(result)) continue;
        // NOTE - a symlink to ~/private/x.png would copy that file into dist/; a hidden file is never meant to
        // be public. Both are left out (the deck's diagnostics warn about them): the rest is fine to publish.
        const { files } = published(result);
        for (const asset of files) {
          // A file outside the deck folder goes under _external/ (external.ts), where its slide URL points.
          const fileName = externalName(site.root, asset.path) ?? relative(site.root, asset.path).split(sep).join('/');
          let source: Buffer;
          try {
            source = readFileSync(asset.path);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            const why = code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'cannot be read (no permission)' : 'not found';
            this.error(`${result.entry.displayFile}:${asset.line}: ${asset.url} ${why} — check the path; it is relative to the deck file`);
          }
          this.emitFile({ type: 'asset', fileName, source });
        }
      }
    },

    configureServer(devServer) {
      server = devServer;
      for (const result of site.loadAll()) {
        if (isBroken(result)) lastCompile.set(result.entry.file, 'broken');
        else reportAll(result);
      }
      compiler = new DeckCompiler(site.widgets);
      devServer.httpServer?.once('close', () => void compiler?.close());

      /** A watcher callback runs in a timer: an exception there would end the server, so it is logged instead. */
      const guarded = (what: string, action: () => void | Promise<void>) => {
        const failed = (error: unknown) => {
          devServer.config.logger.error(`axon: ${what} failed: ${error instanceof Error ? error.message : String(error)} — save again; set AXON_DEBUG=1 for the stack`);
          if (process.env.AXON_DEBUG && error instanceof Error) devServer.config.logger.error(error.stack ?? '');
        };
        try {
          void Promise.resolve(action()).catch(failed);
        } catch (error) {
          failed(error);
        }
      };
      const stopWatching = watchDeckFolder(site.root, site.decks.map((d) => d.file), (file) => Boolean(site.entryForFile(file)), {
        changed: (file) =>
          guarded(`updating ${relative(site.root, file)}`, async () => {
            const entry = site.entryForFile(file);
            if (entry) await onDeckChanged(entry);
          }),
        addedOrRemoved: () =>
          guarded('looking for decks', () => {
            const before = site.decks.map((d) => d.file).join('\n');
            const problem = site.rescan();
            if (problem) devServer.config.logger.error(problem.message);
            if (site.decks.map((d) => d.file).join('\n') !== before) devServer.ws.send({ type: 'full-reload' });
          }),
      });
      devServer.httpServer?.once('close', stopWatching);
      watchLocalWidgets(devServer);
      watchDataFiles(devServer);

      devServer.middlewares.use(
        deckGuard({
          root: site.root,
          axonFolders: CLIENT_FOLDERS,
          cacheDir: devServer.config.cacheDir,
          isPage: (rel) => rel === '' || pageName(`/${rel.split(sep).join('/')}`) !== undefined,
          isReferenced,
          isDeckFile: (file) => site.entryForFile(file) !== undefined,
        }),
      );

      devServer.middlewares.use(async (req, res, next) => {
        try {
          const name = (req.method === 'GET' || req.method === 'HEAD') && req.url ? pageName(req.url) : undefined;
          if (!name) return next();
          const entry = site.entry(name);
          await compiled(entry ? [entry] : site.decks);
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
      if (isDeckName(file) && dirname(file) === site.root) return [];
      return undefined;
    },
  };
}

/** Shown in dev instead of a deck that does not compile; reloads itself when the file is fixed. */
function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Deck error</title>
<script type="module" src="${ERROR_PAGE_ENTRY}"></script></head>
<body class="axon-index"><main><h1>This deck does not compile</h1>
<pre class="axon-error" role="alert">${escapeHtml(message)}</pre>
<p>Fix the file and save: this page reloads by itself.</p></main></body></html>
`;
}
