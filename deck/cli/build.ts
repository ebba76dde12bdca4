/** `axon build`: decks → a static site that works from any static file server with no network. */
import { resolve } from 'node:path';
import { build as viteBuild } from 'vite';
import { widgetTags } from '../../components/registry.ts';
import { axonViteConfig } from '../vite/config.ts';
import { displayPath } from '../vite/deck-files.ts';
import { WIDGETS_FOLDER, widgetsBundleConfig } from '../vite/widgets-bundle.ts';
import { DeckSite, isBroken } from '../vite/site.ts';
import { buildSingleFiles, singleFileSizes } from '../vite/single-file.ts';
import { CliError, bundlerError } from './errors.ts';
import { prepareOutDir } from './out-dir.ts';
import { DiagnosticReport } from './report.ts';

export interface BuildOptions {
  path: string;
  outDir: string;
  base?: string;
  strict: boolean;
  /** Each deck as one self-contained .html that works from file:// (deck/vite/single-file.ts). */
  singleFile?: boolean;
}

/** A --base value as Vite wants it: './' or an absolute path or URL ending in '/'. */
export function normaliseBase(base: string | undefined): string {
  if (base === undefined || base === '' || base === '.' || base === './') return './';
  if (!/^(\/|https?:\/\/)/.test(base)) throw new CliError(`--base ${base} must start with / (e.g. /courses/dl/) or be a full URL`);
  return base.endsWith('/') ? base : `${base}/`;
}

export async function build(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const base = normaliseBase(options.base);
  if (options.singleFile && options.base) throw new CliError('--base has no effect with --single-file: a single-file deck works from any folder or address — drop --base');
  const site = new DeckSite(options.path, widgetTags);
  const report = new DiagnosticReport();
  let slides = 0;
  for (const result of site.loadAll()) {
    if (isBroken(result)) throw result.error;
    report.add(result.diagnostics);
    slides += result.deck.slides.length;
  }
  if (report.missingFiles > 0) {
    throw new CliError(`${report.missingFiles} missing file${report.missingFiles > 1 ? 's' : ''} (listed above) — fix the paths and build again`);
  }
  if (options.strict && report.total > 0) {
    throw new CliError(`${report.total} problem${report.total > 1 ? 's' : ''} (listed above) and --strict is set — fix them or build without --strict`);
  }
  prepareOutDir(options.outDir, { deckFolder: site.root });
  const outDir = resolve(options.outDir);
  if (options.singleFile) return buildSingle(site, outDir, started, slides);
  try {
    // Diagnostics were printed above; Vite's recompiles would only repeat them.
    await viteBuild({ ...axonViteConfig(site, { base, outDir, report: () => {}, logLevel: 'warn' }), configFile: false });
    // Then the widgets for pages that are not decks, under stable names (deck/vite/widgets-bundle.ts).
    await viteBuild(widgetsBundleConfig({ siteOutDir: outDir, tags: widgetTags, logLevel: 'warn' }));
  } catch (error) {
    throw bundlerError(error);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const decks = site.decks.length;
  const problems = report.total ? `, ${report.total} problem${report.total > 1 ? 's' : ''} (listed above)` : '';
  console.log(`Built ${decks} deck${decks > 1 ? 's' : ''} (${slides} slides) into ${displayPath(outDir)}/ in ${seconds} s${problems}. Open ${displayPath(outDir)}/index.html through a web server, e.g. axon serve ${displayPath(outDir)}; any other page can use the widgets from ${displayPath(outDir)}/${WIDGETS_FOLDER}/axon-widgets.js`);
  return 0;
}

/** `--single-file`: one .html per deck (and the index) with everything inside; prints each file's size. */
async function buildSingle(site: DeckSite, outDir: string, started: number, slides: number): Promise<number> {
  let outputs;
  try {
    outputs = await buildSingleFiles(site, outDir);
  } catch (error) {
    throw bundlerError(error);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const decks = site.decks.length;
  console.log(`Built ${decks} deck${decks > 1 ? 's' : ''} (${slides} slides) as single files into ${displayPath(outDir)}/ in ${seconds} s:`);
  for (const line of singleFileSizes(outputs)) console.log(line);
  console.log(`Open any of them straight from disk (no server, no network): ${displayPath(outDir)}/index.html`);
  return 0;
}
