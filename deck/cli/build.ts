/** `axon build`: decks → a static site that works from any static file server with no network. */
import { resolve } from 'node:path';
import { build as viteBuild } from 'vite';
import { widgetTags } from '../../components/registry.ts';
import { axonViteConfig } from '../vite/config.ts';
import { displayPath } from '../vite/deck-files.ts';
import { DeckSite, isBroken } from '../vite/site.ts';
import { CliError, bundlerError } from './errors.ts';
import { prepareOutDir } from './out-dir.ts';
import { DiagnosticReport } from './report.ts';

export interface BuildOptions {
  path: string;
  outDir: string;
  base?: string;
  strict: boolean;
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
  try {
    // Diagnostics were printed above; Vite's recompiles would only repeat them.
    await viteBuild({ ...axonViteConfig(site, { base, outDir, report: () => {}, logLevel: 'warn' }), configFile: false });
  } catch (error) {
    throw bundlerError(error);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const decks = site.decks.length;
  const problems = report.total ? `, ${report.total} problem${report.total > 1 ? 's' : ''} (listed above)` : '';
  console.log(`Built ${decks} deck${decks > 1 ? 's' : ''} (${slides} slides) into ${displayPath(outDir)}/ in ${seconds} s${problems}. Open ${displayPath(outDir)}/index.html through a web server, e.g. axon serve ${displayPath(outDir)}`);
  return 0;
}
