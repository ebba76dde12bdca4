/**
 * `axon build --single-file`: each deck as one `.html` that holds everything it needs (code, styles, KaTeX fonts,
 * the WebAssembly backends, the training worker, pictures, data files), so it opens from disk (`file://`), a USB
 * stick or an e-mail attachment with no server and no network. The folder gets `<deck>.html` per deck and an
 * `index.html` linking them.
 *
 * How: one Vite build per page, with that page as its only input, so the bundle can be one script (no code
 * splitting: a `file://` page may not load other files) and leave out what this deck never uses (mermaid, the
 * highlighter, other widgets). Files the build writes beside the page are then put inside it
 * (single-file-inline.ts). The training worker comes from a Blob URL holding its classic (iife) script: a
 * module worker from a `blob:` URL is refused on a `file://` page, a classic one is not.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as viteBuild, mergeConfig, type InlineConfig, type Plugin } from 'vite';
import { trainingWidgets, widgetTags } from '../../components/registry.ts';
import type { CompiledDeck } from '../compile/types.ts';
import { axonViteConfig } from './config.ts';
import type { DeckEntry } from './deck-files.ts';
import { PACKAGE_ROOT } from './plugin.ts';
import { isBroken, type DeckSite } from './site.ts';
import { dataUrlText, dropFontFacesFromCode, inlineBundle, inlineFileUrls, keepWidgets, keepWoff2Only, webResources } from './single-file-inline.ts';

/** One page of a single-file site: a deck, or the index (no deck). */
export interface SingleFilePage {
  name: string;
  entry?: DeckEntry;
  deck?: CompiledDeck;
}

/** What was written for one page. */
export interface SingleFileOutput {
  name: string;
  /** The file written (absolute). */
  file: string;
  bytes: number;
  /** Its size gzip-compressed (what a web server would send; a measure of what it really weighs). */
  gzipBytes: number;
}

const SPAWN_FILE = join(PACKAGE_ROOT, 'engine/worker/spawn.ts');
const DECK_ENGINE_FILE = join(PACKAGE_ROOT, 'deck/client/engine.ts');
const REGISTRY_FILE = join(PACKAGE_ROOT, 'components/registry.ts');
const STUB_PREFIX = '\0axon-single-file:';

/**
 * engine/worker/spawn.ts for a single file: the worker's script is bundled into the page (Vite's `?worker&inline`,
 * a string) and started from a Blob URL. The worker bundle is iife (worker.format below), so the worker is
 * classic, which a `file://` page may start from a Blob URL.
 */
const SPAWN_MODULE = `import TrainingWorker from './entry.ts?worker&inline';
export function spawnTrainingWorker(onError) {
  const worker = new TrainingWorker({ name: 'axon-training' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onError(new Error(event.message || 'the training worker failed to start'));
  });
  worker.addEventListener('messageerror', () => onError(new Error('a message from the worker could not be read')));
  return worker;
}
`;

/** Stand-ins for libraries a deck never calls, so the single file does not carry them. */
const STUBS: Record<string, string> = {
  mermaid: `export default { initialize() {}, async render() { throw new Error('this single-file deck was built without mermaid (it had no diagram)'); } };`,
  highlight: `export default () => ({ id: 'highlight', init() {} });`,
  empty: `export default '';`,
  // deck/client/main.ts starts the engine only for a training widget or a backend request, and carries on without one.
  'no-engine': `export async function startDeckEngine() { throw new Error('this single-file deck was built without the training engine: none of its widgets trains'); }`,
  'no-threads': `export default 'data:application/wasm;base64,';`,
};

/** True when the deck's page loads the code highlighter (see codePlugins in deck/client/main.ts). */
function usesHighlighter(deck: CompiledDeck): boolean {
  const plugins = deck.revealOptions.plugins;
  return deck.usesCode || (Array.isArray(plugins) && plugins.includes('highlight'));
}

/**
 * True when the deck never starts the training engine (TF.js, its WebAssembly, the worker: half a single file):
 * every widget on it is one of Axon's that does not train, and the front matter asks for no backend.
 */
export function needsNoEngine(deck: CompiledDeck): boolean {
  return !deck.backend && deck.widgets.every((tag) => widgetTags.includes(tag) && !trainingWidgets.has(tag));
}

/** The Vite plugin that makes one page's build a single script with only what the page uses. */
export function singleFilePlugin(page: SingleFilePage, siteRoot: string): Plugin {
  const deck = page.deck;
  const withoutMermaid = !deck?.usesMermaid;
  const withoutHighlighter = !deck || !usesHighlighter(deck);
  const withoutEngine = !deck || needsNoEngine(deck);
  return {
    name: 'axon-single-file',
    enforce: 'pre',
    // One input per build: a bundle without code splitting can have only one.
    options(options) {
      return { ...options, input: { [page.name]: join(siteRoot, `${page.name}.html`) } };
    },
    resolveId(id) {
      if (id === 'mermaid' && withoutMermaid) return `${STUB_PREFIX}mermaid`;
      if (id === 'reveal.js/plugin/highlight' && withoutHighlighter) return `${STUB_PREFIX}highlight`;
      if (id === 'highlight.js/styles/a11y-dark.css' && withoutHighlighter) return `${STUB_PREFIX}empty`;
      // Threads need a cross-origin isolated page, which a file:// page never is: TF.js never asks for this one.
      if (id.endsWith('tfjs-backend-wasm-threaded-simd.wasm?url')) return `${STUB_PREFIX}no-threads`;
      return undefined;
    },
    load(id) {
      if (id.startsWith(STUB_PREFIX)) return STUBS[id.slice(STUB_PREFIX.length)];
      if (id.split('?')[0] === SPAWN_FILE) return SPAWN_MODULE;
      if (id.split('?')[0] === DECK_ENGINE_FILE && withoutEngine) return STUBS['no-engine'];
      return undefined;
    },
    transform(code, id) {
      if (deck && id.split('?')[0] === REGISTRY_FILE) return { code: keepWidgets(code, new Set(deck.widgets)), map: null };
      return undefined;
    },
  };
}

/** The Vite configuration of one page's single-file build into the scratch folder `outDir`. */
export function singleFileViteConfig(site: DeckSite, page: SingleFilePage, outDir: string): InlineConfig {
  const normal = axonViteConfig(site, { base: './', outDir, report: () => {}, logLevel: 'warn' });
  return mergeConfig(normal, {
    configFile: false,
    plugins: [singleFilePlugin(page, site.root)],
    // Classic: a file:// page may start a classic worker from a Blob URL, not a module one (measured in Chromium).
    worker: { format: 'iife' },
    build: {
      // Every imported file (fonts, .wasm, pictures) as a data: URL, and the CSS as one stylesheet.
      assetsInlineLimit: () => true,
      cssCodeSplit: false,
      modulePreload: false,
      chunkSizeWarningLimit: 100_000,
      rolldownOptions: { output: { codeSplitting: false } },
    },
  } satisfies InlineConfig);
}

/** The bytes of `url` (relative to `root`), when it is a file inside `root`. */
function fileInside(root: string, url: string): Buffer | undefined {
  const path = resolve(root, url.replace(/^\.\//, ''));
  const rel = relative(root, path);
  if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined;
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return readFileSync(path);
}

/** The line of the deck's source where `url` first appears (1 when it cannot be found). */
function lineOf(source: string, url: string): number {
  const at = source.indexOf(url);
  return at < 0 ? 1 : source.slice(0, at).split('\n').length;
}

/**
 * Warnings for pictures, videos and frames a deck loads from the web: the single file shows them only online.
 * Each names the deck's file:line and what to do.
 */
export function webResourceWarnings(html: string, entry: DeckEntry, source: string): string[] {
  return webResources(html).map(
    ({ tag, url }) =>
      `${entry.displayFile}:${lineOf(source, url)}: <${tag}> loads ${url} from the web; the single file shows it only when online — save the file beside the deck and refer to it by its path`,
  );
}

/** Above this, a file put inside the page gets a warning: every reader then downloads it with the deck. */
const LARGE_FILE_BYTES = 20e6;

/** Warnings for big files (a video, a data set) that the single file now carries, naming the deck's file:line. */
function largeFileWarnings(inlined: readonly string[], scratch: string, entry: DeckEntry): string[] {
  const source = readFileSync(entry.file, 'utf8');
  return inlined.flatMap((url) => {
    const size = statSync(join(scratch, url)).size;
    if (size < LARGE_FILE_BYTES) return [];
    return [`${entry.displayFile}:${lineOf(source, url)}: ${url} (${megabytes(size)}) is inside the single file, which grows by a third more than that (base64) — shrink the file, or build without --single-file to keep it beside the deck`];
  });
}

/** Builds one page into `outDir/<name>.html`, through a scratch folder of its own that is removed afterwards. */
async function buildPage(site: DeckSite, page: SingleFilePage, outDir: string, warn: (line: string) => void): Promise<SingleFileOutput> {
  const scratch = mkdtempSync(join(tmpdir(), 'axon-single-file-'));
  try {
    await viteBuild(singleFileViteConfig(site, page, scratch));
    const built = readFileSync(join(scratch, `${page.name}.html`), 'utf8');
    if (page.entry) for (const line of webResourceWarnings(built, page.entry, readFileSync(page.entry.file, 'utf8'))) warn(line);
    // Slide files first, while the page is small; then the bundle, whose text is never searched for URLs.
    const { html: withFiles, inlined } = inlineFileUrls(built, (url) => fileInside(scratch, url));
    if (page.entry) for (const line of largeFileWarnings(inlined, scratch, page.entry)) warn(line);
    // Vite may have put the entry script in as a data: URL already (assetsInlineLimit); it is read back the same.
    const html = inlineBundle(withFiles, (url, kind) => {
      const text = dataUrlText(url) ?? fileInside(scratch, url)?.toString('utf8');
      if (text === undefined) return undefined;
      // The page's stylesheet keeps KaTeX's fonts (WOFF2 only); the code's copies of them go (see the helpers).
      return kind === 'style' ? keepWoff2Only(text) : dropFontFacesFromCode(text);
    });
    const file = join(outDir, `${page.name}.html`);
    writeFileSync(file, html);
    const bytes = Buffer.byteLength(html);
    return { name: page.name, file, bytes, gzipBytes: gzipSync(html).length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds every deck of the site, and its index, each as one self-contained page in `outDir` (already prepared). */
export async function buildSingleFiles(site: DeckSite, outDir: string, warn: (line: string) => void = console.warn): Promise<SingleFileOutput[]> {
  const pages: SingleFilePage[] = [];
  for (const entry of site.decks) {
    const result = site.load(entry);
    if (!isBroken(result)) pages.push({ name: entry.name, entry, deck: result.deck });
  }
  pages.push({ name: 'index' });
  const outputs: SingleFileOutput[] = [];
  for (const page of pages) outputs.push(await buildPage(site, page, outDir, warn));
  return outputs;
}

/** "12.3 MB" */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** One line per deck file written: its name, size and gzip size. */
export function singleFileSizes(outputs: readonly SingleFileOutput[]): string[] {
  return outputs.map((o) => `  ${`${o.name}.html`.padEnd(32)} ${megabytes(o.bytes).padStart(8)}  (${megabytes(o.gzipBytes)} gzip)`);
}
