/**
 * Widgets for pages that are not decks: the second Vite build of `axon build`, into `<out>/widgets/`.
 *
 * It writes `axon-widgets.js` (every widget, each loaded when a page first shows its tag) and `<tag>.js` per
 * widget (that widget alone), under names without a content hash, so a page that imports them keeps working
 * after the next build; their chunks, the training worker, the WASM files and KaTeX's fonts go to
 * `widgets/assets/` under hashed names, which only these modules know. The base is always relative: every
 * address is resolved from the importing module's URL, so the folder works wherever it is copied or served
 * from, whatever the site's --base. deck/client/standalone.ts is the runtime the entries share.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InlineConfig, Plugin } from 'vite';
import { PACKAGE_ROOT } from './plugin.ts';

/** The folder of the site the widgets go to. */
export const WIDGETS_FOLDER = 'widgets';

/** The module (file name without `.js`) that defines every widget. */
export const ALL_WIDGETS_ENTRY = 'axon-widgets';

/** Module ids of the one-widget entries: `axon-widget:<tag>` (virtual: they are three lines each). */
const ONE_WIDGET_PREFIX = 'axon-widget:';

const STANDALONE_RUNTIME = join(PACKAGE_ROOT, 'deck/client/standalone.ts');

/** The bundle's entries by output name: `axon-widgets` and one per tag. */
export function widgetEntries(tags: readonly string[]): Record<string, string> {
  const entries: Record<string, string> = { [ALL_WIDGETS_ENTRY]: join(PACKAGE_ROOT, 'deck/client/standalone-widgets.ts') };
  for (const tag of tags) entries[tag] = `${ONE_WIDGET_PREFIX}${tag}`;
  return entries;
}

/**
 * The module `widgets/<tag>.js` is built from: importing it defines `<tag>` (and starts the engine first when
 * the widget trains), then looks after that tag's elements as `axon-widgets.js` does.
 */
export function oneWidgetModule(tag: string): string {
  const runtime = JSON.stringify(STANDALONE_RUNTIME);
  const tags = JSON.stringify([tag]);
  return `import { defineWidgets, watchPage } from ${runtime};
export { defineWidgets, trainingEngine, widgetTags } from ${runtime};
await defineWidgets(${tags});
await watchPage(${tags});
`;
}

/** Serves the one-widget entries, and refuses to write over a file the deck build already put in the folder. */
function widgetEntriesPlugin(tags: readonly string[], outDir: string): Plugin {
  const known = new Set(tags);
  return {
    name: 'axon-widget-entries',
    resolveId(id) {
      return id.startsWith(ONE_WIDGET_PREFIX) && known.has(id.slice(ONE_WIDGET_PREFIX.length)) ? `\0${id}` : undefined;
    },
    load(id) {
      return id.startsWith(`\0${ONE_WIDGET_PREFIX}`) ? oneWidgetModule(id.slice(ONE_WIDGET_PREFIX.length + 1)) : undefined;
    },
    generateBundle(_options, bundle) {
      // NOTE - the deck build ran first: a deck that refers to its own widgets/… file has it copied here, and
      // Vite would overwrite it without a word.
      const taken = Object.keys(bundle).find((fileName) => existsSync(join(outDir, fileName)));
      if (taken) {
        this.error(`${WIDGETS_FOLDER}/${taken} is both a file a deck refers to and one of Axon's widget modules — rename the deck's ${WIDGETS_FOLDER}/ folder (e.g. to figures/) and build again`);
      }
    },
  };
}

export interface WidgetsBundleOptions {
  /** The site's output folder; the bundle goes to its `widgets/` folder. */
  siteOutDir: string;
  /** The widget tags to build (the registry's). */
  tags: readonly string[];
  /** Vite's log level. */
  logLevel?: InlineConfig['logLevel'];
}

/** The Vite configuration of the widgets bundle. */
export function widgetsBundleConfig({ siteOutDir, tags, logLevel }: WidgetsBundleOptions): InlineConfig {
  const outDir = join(siteOutDir, WIDGETS_FOLDER);
  return {
    configFile: false,
    root: PACKAGE_ROOT,
    // Relative: Vite then writes every asset address as `new URL(…, import.meta.url)`, so it follows the module.
    base: './',
    cacheDir: join(PACKAGE_ROOT, 'node_modules/.vite-axon'),
    publicDir: false,
    logLevel: logLevel ?? 'warn',
    plugins: [widgetEntriesPlugin(tags, outDir)],
    // As in the deck build (config.ts): the training worker splits TF.js's backends into chunks.
    worker: { format: 'es' },
    build: {
      outDir,
      // The deck build already emptied the site folder (deck/cli/out-dir.ts) and may have put deck files here.
      emptyOutDir: false,
      assetsDir: 'assets',
      chunkSizeWarningLimit: 4096,
      reportCompressedSize: false,
      rollupOptions: {
        input: widgetEntries(tags),
        // An app build may drop an entry's exports; these entries are modules a page imports from.
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: '[name].js' },
      },
    },
  };
}
