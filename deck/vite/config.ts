/** The Vite configuration of a deck site, shared by `axon dev`, `axon build` and the repository's vite.config.ts. */
import { join } from 'node:path';
import type { InlineConfig } from 'vite';
import type { Diagnostic } from '../compile/types.ts';
import { PACKAGE_ROOT, axonPlugin } from './plugin.ts';
import type { DeckSite } from './site.ts';

export interface AxonViteOptions {
  /** Public base path of the built site; './' (the default) works from any sub-path. */
  base?: string;
  /** Build output folder. */
  outDir?: string;
  /** Receives compile diagnostics (default: Vite's logger prints them). */
  report?: (diagnostics: Diagnostic[]) => void;
  /** Vite's log level. */
  logLevel?: InlineConfig['logLevel'];
}

export function axonViteConfig(site: DeckSite, options: AxonViteOptions = {}): InlineConfig {
  return {
    root: site.root,
    base: options.base ?? './',
    // NOTE - the site root is the user's deck folder; keep Vite's cache in Axon's node_modules, not there.
    cacheDir: join(PACKAGE_ROOT, 'node_modules/.vite-axon'),
    publicDir: false,
    logLevel: options.logLevel ?? 'info',
    plugins: [axonPlugin({ site, report: options.report })],
    // The engine's training worker (engine/worker/spawn.ts) imports TF.js's backends on demand: code splitting
    // needs module workers (Vite's default worker format, iife, cannot split).
    worker: { format: 'es' },
    optimizeDeps: {
      // Pre-bundle what the runtime imports (mermaid and the highlighter included) before the first page
      // asks for it; discovering a dependency later makes Vite reload the page. Entries, not `include`:
      // `include` resolves from the deck folder, which may be anywhere and have no node_modules.
      entries: [join(PACKAGE_ROOT, 'deck/client/main.ts'), join(PACKAGE_ROOT, 'components/registry.ts')],
    },
    build: {
      outDir: options.outDir ?? join(site.root, '..', 'dist'),
      // NOTE - never let Vite empty a folder: `axon build` checks and empties only a folder it made itself
      // (deck/cli/out-dir.ts); `true` here once let `--out .` delete a course folder.
      emptyOutDir: false,
      assetsDir: 'assets',
      // Mermaid and the highlighter are large but load only on decks that use them.
      chunkSizeWarningLimit: 4096,
      reportCompressedSize: false,
    },
  };
}
