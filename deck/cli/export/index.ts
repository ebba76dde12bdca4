/**
 * `axon export`: decks → a PDF per deck (slides, or handout sheets with notes) or one PNG per slide, with
 * every widget settled (the `settled` contract in DESIGN.md) before it is printed.
 *
 * How: the decks are built as `axon build` builds them into a temporary folder, served on a free port of
 * 127.0.0.1, and printed by a headless Chromium (the system one; nothing is downloaded) that can reach
 * nothing else. Output files are written under a temporary name and renamed once whole, so a failure
 * leaves no partial file behind. Each deck has --timeout as a deadline (deadline.ts); an interrupt closes
 * the browser and removes every temporary folder before the process exits (session.ts).
 */
import { accessSync, constants, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { widgetTags } from '../../../components/registry.ts';
import { displayPath } from '../../vite/deck-files.ts';
import { CliError } from '../errors.ts';
import { DeckAbandoned } from './deadline.ts';
import { findExportDecks, type DeckRef } from './decks.ts';
import { readDrawingsOption } from './drawings.ts';
import { exportTargets, parseSettings, parseSlideList, type ExportOptions, type ExportSettings, type ExportTarget } from './options.ts';
import { checkReplaceable, markPng } from './overwrite.ts';
import { launchBrowser } from './page.ts';
import { printDeckPdf, type DeckOutcome, type SiteRef } from './pdf.ts';
import { shootDeckPngs } from './png.ts';
import { Progress } from './progress.ts';
import { ExportSession } from './session.ts';

export type { ExportOptions } from './options.ts';
export type { DeckOutcome, PlacedWidget } from './pdf.ts';

/** Creates the output folder and checks it can be written to; one line when it cannot. */
function prepareFolder(dir: string, session: ExportSession): void {
  try {
    session.makeFolder(dir);
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
function prepareJobs(decks: readonly DeckRef[], options: ExportOptions, format: 'pdf' | 'png', session: ExportSession): DeckJob[] {
  const targets = exportTargets(
    decks.map((d) => d.name),
    format,
    options.out,
  );
  const jobs = decks.map((deck, i) => ({ deck, target: targets[i]!, slides: parseSlideList(options.slides, deck.slideCount, deck.displayFile) }));
  for (const dir of new Set(targets.map((t) => t.dir))) prepareFolder(dir, session);
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
  const drawings = readDrawingsOption(options.drawings, source.decks.map((deck) => deck.name));
  const session = new ExportSession();
  session.watchSignals(progress);
  const outcomes: DeckOutcome[] = [];
  const abandoned: DeckAbandoned[] = [];
  let jobs: DeckJob[];
  try {
    jobs = prepareJobs(source.decks, options, settings.format, session);
    // Before the long part: a PDF that is in the way is known now (PNG names are known once shot).
    await checkReplaceable(jobs.flatMap((job) => (job.target.file ? [job.target.file] : [])));
    session.adoptBrowser(await launchBrowser(session.chromiumTemp));
    progress.update(`building ${jobs.length === 1 ? jobs[0]!.deck.name : `${jobs.length} decks`}`);
    const served = await source.serve(session.work);
    session.server = served.server;
    const site = { base: served.base };
    for (const job of jobs) {
      try {
        const deckSettings = drawings?.deck === job.deck.name ? { ...settings, drawings } : settings;
        outcomes.push(await exportDeck(job, session, site, deckSettings, progress));
      } catch (error) {
        // A deck given up on at its deadline costs that deck only: the others are still printed.
        if (!(error instanceof DeckAbandoned) || jobs.length === 1) throw error;
        progress.warn(error.message);
        abandoned.push(error);
      }
    }
  } catch (error) {
    // Interrupted: the pages closing under the export make its calls fail; the signal handler speaks.
    if (session.interruptedBy) return session.untilExit();
    throw error;
  } finally {
    progress.clear();
    if (!session.interruptedBy) {
      await session.release();
      session.stop();
    }
  }
  // A signal that came after the last page was printed still ends the export the interrupted way.
  if (session.interruptedBy) return session.untilExit();
  if (outcomes.length > 0) summarise(outcomes, jobs, settings.format, progress);
  if (abandoned.length > 0) {
    throw new CliError(`${abandoned.length} of ${jobs.length} decks abandoned at the --timeout (listed above) — raise --timeout or check them in axon dev`);
  }
  return outcomes;
}

/** Axon's widget tags and the deck's own (`widgets/<tag>.ts` beside it): every one is settled and measured. */
function deckWidgetTags(deck: DeckRef): string[] {
  return [...new Set([...widgetTags, ...(deck.widgets ?? [])])];
}

/** Prints one deck and writes its file(s). */
async function exportDeck(job: DeckJob, session: ExportSession, site: SiteRef, settings: ExportSettings, progress: Progress): Promise<DeckOutcome> {
  const browser = session.browser!;
  if (settings.format === 'pdf') {
    const { bytes, outcome } = await printDeckPdf(browser, site, job.deck, job.slides, settings, deckWidgetTags(job.deck), progress);
    writeWhole(job.target.file!, bytes);
    session.written.push(job.target.file!);
    return { ...outcome, files: [job.target.file!], bytes: bytes.length };
  }
  const { shots, notConverged } = await shootDeckPngs(browser, site, job.deck, job.slides, job.target.dir, settings, deckWidgetTags(job.deck), progress);
  // Written only once every slide is shot: a failure above leaves no PNG of this export behind.
  await checkReplaceable(shots.map((shot) => shot.file));
  for (const shot of shots) {
    writeWhole(shot.file, markPng(shot.png));
    session.written.push(shot.file);
  }
  return { files: shots.map((s) => s.file), pages: shots.length, bytes: shots.reduce((sum, s) => sum + s.png.length, 0), notConverged, widgets: [] };
}

/** The last line: what was written, how big, how long, and how many widgets are not in their handout state. */
function summarise(outcomes: readonly DeckOutcome[], jobs: readonly DeckJob[], format: 'pdf' | 'png', progress: Progress): void {
  const pages = outcomes.reduce((sum, o) => sum + o.pages, 0);
  const bytes = outcomes.reduce((sum, o) => sum + o.bytes, 0);
  const stale = outcomes.reduce((sum, o) => sum + o.notConverged, 0);
  const files = outcomes.flatMap((o) => o.files);
  const where =
    format === 'pdf'
      ? files.map((f) => displayPath(f)).join(', ')
      : `${files.length} PNG${files.length === 1 ? '' : 's'} in ${displayPath(jobs[0]!.target.dir)}/`;
  const warning = stale ? ` (${stale} widget${stale > 1 ? 's' : ''} not converged, listed above)` : '';
  console.log(`Exported ${where}: ${pages} page${pages === 1 ? '' : 's'}, ${formatSize(bytes)}, ${progress.seconds()} s${warning}`);
}
