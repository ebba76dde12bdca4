/**
 * `axon export`: decks → a PDF per deck (slides, or handout sheets with notes) or one PNG per slide, with
 * every widget settled (the `settled` contract in DESIGN.md) before it is printed.
 *
 * How: the decks are built as `axon build` builds them into a temporary folder, served on a free port of
 * 127.0.0.1, and printed by a headless Chromium (the system one; nothing is downloaded). Output files are
 * written under a temporary name and renamed once whole, so a failure leaves no partial file behind.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { PreviewServer } from 'vite';
import { widgetTags } from '../../../components/registry.ts';
import { displayPath } from '../../vite/deck-files.ts';
import { CliError } from '../errors.ts';
import { findExportDecks, type DeckRef } from './decks.ts';
import { exportTargets, parseSettings, parseSlideList, type ExportOptions, type ExportTarget } from './options.ts';
import { launchBrowser } from './page.ts';
import { printDeckPdf, type DeckOutcome } from './pdf.ts';
import { shootDeckPngs } from './png.ts';
import { Progress } from './progress.ts';

export type { ExportOptions } from './options.ts';
export type { DeckOutcome, PlacedWidget } from './pdf.ts';

/** Creates the output folder and checks it can be written to; one line when it cannot. */
function prepareFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new CliError(`cannot write to ${displayPath(dir)}${code} — give --out a folder you can write to`);
  }
}

/** Writes `bytes` to `file` through a temporary file beside it, so the file is whole or absent. */
function writeWhole(file: string, bytes: Uint8Array): void {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new CliError(`cannot write ${displayPath(file)}${code} — give --out a place you can write to`);
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface DeckJob {
  deck: DeckRef;
  target: ExportTarget;
  slides: number[];
}

/** Checks the outputs and the slide lists before any browser starts. */
function prepareJobs(decks: readonly DeckRef[], options: ExportOptions, format: 'pdf' | 'png'): DeckJob[] {
  const targets = exportTargets(
    decks.map((d) => d.name),
    format,
    options.out,
  );
  const jobs = decks.map((deck, i) => ({ deck, target: targets[i]!, slides: parseSlideList(options.slides, deck.slideCount, deck.displayFile) }));
  for (const dir of new Set(targets.map((t) => t.dir))) prepareFolder(dir);
  for (const job of jobs) {
    if (job.target.file && existsSync(job.target.file) && statSync(job.target.file).isDirectory()) {
      throw new CliError(`--out ${displayPath(job.target.file)} is a folder — give a file name ending in .pdf or a folder without .pdf`);
    }
  }
  return jobs;
}

/** Exports every deck at `options.path`; returns what each produced (the files are written). */
export async function exportDecks(options: ExportOptions): Promise<DeckOutcome[]> {
  const settings = parseSettings(options);
  const progress = new Progress(options.quiet);
  const source = findExportDecks(options.path, widgetTags);
  const jobs = prepareJobs(source.decks, options, settings.format);

  const browser = await launchBrowser();
  const work = mkdtempSync(join(tmpdir(), 'axon-export-'));
  let server: PreviewServer | undefined;
  const outcomes: DeckOutcome[] = [];
  try {
    progress.update(`building ${jobs.length === 1 ? jobs[0]!.deck.name : `${jobs.length} decks`}`);
    const served = await source.serve(work);
    server = served.server;
    const site = { base: served.base };
    for (const job of jobs) {
      if (settings.format === 'pdf') {
        const { bytes, outcome } = await printDeckPdf(browser, site, job.deck, job.slides, settings, widgetTags, progress);
        writeWhole(job.target.file!, bytes);
        outcomes.push({ ...outcome, files: [job.target.file!], bytes: bytes.length });
      } else {
        const { shots, notConverged } = await shootDeckPngs(browser, site, job.deck, job.slides, job.target.dir, settings, widgetTags, progress);
        // Written only once every slide is shot: a failure above leaves no PNG of this export behind.
        for (const shot of shots) writeWhole(shot.file, shot.png);
        outcomes.push({ files: shots.map((s) => s.file), pages: shots.length, bytes: shots.reduce((sum, s) => sum + s.png.length, 0), notConverged, widgets: [] });
      }
    }
  } finally {
    progress.clear();
    await browser.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }

  const pages = outcomes.reduce((sum, o) => sum + o.pages, 0);
  const bytes = outcomes.reduce((sum, o) => sum + o.bytes, 0);
  const stale = outcomes.reduce((sum, o) => sum + o.notConverged, 0);
  const files = outcomes.flatMap((o) => o.files);
  const where =
    settings.format === 'pdf'
      ? files.map((f) => displayPath(f)).join(', ')
      : `${files.length} PNG${files.length === 1 ? '' : 's'} in ${displayPath(jobs[0]!.target.dir)}/`;
  const warning = stale ? ` (${stale} widget${stale > 1 ? 's' : ''} not converged, listed above)` : '';
  console.log(`Exported ${where}: ${pages} page${pages === 1 ? '' : 's'}, ${formatSize(bytes)}, ${progress.seconds()} s${warning}`);
  return outcomes;
}
