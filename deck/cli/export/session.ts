/**
 * What one export holds while it runs — a scratch folder (the built site, Chromium's own temporary files),
 * the browser, the preview server, the output folders it created — and the one way all of it is let go:
 * at the end of the export, or when the user interrupts it (Ctrl-C is SIGINT; a closed terminal SIGHUP; a
 * service manager or `kill` SIGTERM).
 *
 * NOTE - Playwright's own signal handlers are turned off at launch (page.ts): they exit the process as soon
 * as the browser is closed, before any `finally` of ours runs, which left the built site (9 MB) and
 * Chromium's folders in TMPDIR. Here the signal closes the browser and the server, removes every folder,
 * prints one line and exits 128 + the signal's number, as a shell expects of an interrupted command.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { displayPath } from '../../vite/deck-files.ts';
import { settleWithin } from './deadline.ts';
import type { Progress } from './progress.ts';

/** The signals that end an export early, with the exit status a shell gives each (128 + its number). */
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type ExitSignal = keyof typeof SIGNALS;

/** How long closing may take before the process goes anyway (Playwright's exit handler then kills Chromium). */
const BROWSER_CLOSE_MS = 10_000;
const SERVER_CLOSE_MS = 3_000;
/** Long enough for file operations already handed to libuv's threads to finish. */
const IN_FLIGHT_MS = 300;

export class ExportSession {
  /** The scratch folder: the site is built in `site/`, Chromium's TMPDIR is `chromium/`. */
  readonly work = mkdtempSync(join(tmpdir(), 'axon-export-'));
  /** Chromium's TMPDIR (its singleton socket, shared memory files), inside `work`. */
  readonly chromiumTemp = join(this.work, 'chromium');
  /** The browser, once `adoptBrowser` was given it. */
  browser?: Browser;
  server?: PreviewServer;
  /** Files written whole so far, for the line an interrupt prints. */
  readonly written: string[] = [];
  /** The signal that interrupted the export, once one has. */
  interruptedBy?: ExitSignal;
  private readonly createdFolders: string[] = [];
  private releasing?: Promise<void>;
  private readonly handlers = new Map<ExitSignal, () => void>();
  // NOTE - a last resort for any exit this code does not see coming (a second Ctrl-C, a process.exit
  // elsewhere): 'exit' listeners must be synchronous, and by then Playwright's own has killed Chromium.
  private readonly onExit = () => this.removeFolders();

  constructor() {
    mkdirSync(this.chromiumTemp);
    process.on('exit', this.onExit);
  }

  /** Takes the launched browser into the session. */
  adoptBrowser(browser: Browser): void {
    this.browser = browser;
    // NOTE - moved behind Playwright's own 'exit' listener, added at launch, which kills Chromium: the
    // folders go after Chromium can no longer write into them.
    process.off('exit', this.onExit);
    process.on('exit', this.onExit);
  }

  /** Creates an output folder, remembering the part that did not exist so an export that writes nothing leaves nothing. */
  makeFolder(dir: string): void {
    const first = mkdirSync(dir, { recursive: true });
    if (first) this.createdFolders.push(first, ...ancestorsBetween(first, dir));
  }

  /**
   * Until `stop()`: a SIGINT, SIGTERM or SIGHUP releases everything, prints one line saying what was
   * written, and exits. A second signal while that runs exits at once (the folders still go, see onExit).
   */
  watchSignals(progress: Progress): void {
    for (const signal of Object.keys(SIGNALS) as ExitSignal[]) {
      const handler = () => {
        if (this.interruptedBy) {
          process.stderr.write(`axon export: interrupted again (${signal}) — stopped at once; ${this.writtenSoFar()}\n`);
          process.exit(SIGNALS[signal]);
        }
        this.interruptedBy = signal;
        progress.stop();
        void this.release().finally(() => {
          // NOTE - a build interrupted while it writes the site has file operations queued on libuv's
          // threads, which go on after the folder is removed and can bring it back. The event loop is held
          // still here, so nothing new starts while those land; then the folder goes again and the process
          // exits without giving the build another turn.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, IN_FLIGHT_MS);
          this.removeFolders();
          process.stderr.write(`axon export: interrupted (${signal}) — ${this.writtenSoFar()}\n`);
          process.exit(SIGNALS[signal]);
        });
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** Never resolves: the interrupt handler ends the process (keeps an export's failing calls quiet meanwhile). */
  untilExit(): Promise<never> {
    return new Promise<never>(() => {});
  }

  /** Closes the browser and the server and removes every folder; safe to call more than once. */
  release(): Promise<void> {
    this.releasing ??= (async () => {
      // Chromium first: closed gracefully it removes its profile folder and stops writing into its TMPDIR.
      await settleWithin(this.browser?.close(), BROWSER_CLOSE_MS);
      await settleWithin(this.server?.close(), SERVER_CLOSE_MS);
      this.removeFolders();
    })();
    return this.releasing;
  }

  /** Stops watching for signals and for the exit (after `release`, on the ordinary way out). */
  stop(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
    process.off('exit', this.onExit);
  }

  private removeFolders(): void {
    // NOTE - rmSync retries a folder that an interrupted build's last writes filled again while it was emptied.
    rmSync(this.work, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    // Output folders this export created and left empty, deepest first; one holding a file stays.
    for (const dir of [...this.createdFolders].reverse()) {
      try {
        if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
      } catch {
        // not ours to force
      }
    }
  }

  private writtenSoFar(): string {
    // NOTE - no partial file can be left: writeWhole writes and renames synchronously, and a signal handler
    // only runs between two turns of the event loop, so a file is either whole or was never started.
    const files = this.written;
    if (files.length === 0) return 'nothing was written';
    const first = displayPath(files[0]!);
    return files.length === 1 ? `only ${first} was written, the rest was not` : `only ${files.length} files were written (${first}, …), the rest was not`;
  }
}

/** The folders from just below `first` down to `dir` (mkdirSync's recursive answer is the topmost made). */
function ancestorsBetween(first: string, dir: string): string[] {
  const chain: string[] = [];
  for (let d = dir; relative(first, d) && !relative(first, d).startsWith('..'); d = dirname(d)) chain.unshift(d);
  return chain;
}
