/**
 * A deck site: the decks found at a path, compiled on demand and cached until their file changes.
 * The dev server, the build and the CLI share one of these so a deck is compiled once per change.
 */
import { DeckError } from '../compile/types.ts';
import { CompilerUnavailable, type DeckCompiler } from './deck-compiler.ts';
import { AxonError, findDecks, loadDeck, type DeckEntry, type LoadedDeck } from './deck-files.ts';

/** A deck that failed to compile: the one-line reason and where. */
export interface BrokenDeck {
  entry: DeckEntry;
  error: DeckError | AxonError;
}

export type DeckResult = LoadedDeck | BrokenDeck;

export function isBroken(result: DeckResult): result is BrokenDeck {
  return 'error' in result;
}

export class DeckSite {
  /** The folder served as the site root (the deck file's folder, or the deck folder). */
  readonly root: string;
  private entries: DeckEntry[];
  private readonly cache = new Map<string, DeckResult>();
  /** Compiles under way in a DeckCompiler, by deck name. */
  private readonly pending = new Map<string, Promise<DeckResult>>();
  /** Counts each deck's changes, so a compile that a newer save overtook is not cached. */
  private readonly generations = new Map<string, number>();

  constructor(
    /** The deck file or folder the user named. */
    readonly path: string,
    /** Registered widget tags (anything else is reported as unknown). */
    readonly widgets: readonly string[],
  ) {
    const found = findDecks(path);
    this.root = found.root;
    this.entries = found.decks;
  }

  /** The decks, in file-name order. */
  get decks(): readonly DeckEntry[] {
    return this.entries;
  }

  /** The deck whose page is `name.html`, if any. */
  entry(name: string): DeckEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The deck whose Markdown file is `file` (absolute), if any. */
  entryForFile(file: string): DeckEntry | undefined {
    return this.entries.find((e) => e.file === file);
  }

  /** Compiles (or returns the cached) deck; never throws: any failure becomes a BrokenDeck naming file:line. */
  load(entry: DeckEntry): DeckResult {
    const cached = this.cache.get(entry.name);
    if (cached) return cached;
    let result: DeckResult;
    try {
      result = loadDeck(entry, this.widgets);
    } catch (error) {
      result = { entry, error: deckProblem(entry, error) };
    }
    this.cache.set(entry.name, result);
    return result;
  }

  /**
   * As load, but compiled by `compiler` (off this thread) when there is one; several callers share one compile.
   * Falls back to load when the compiler's worker cannot start.
   */
  loadAsync(entry: DeckEntry, compiler: DeckCompiler | undefined): Promise<DeckResult> {
    const cached = this.cache.get(entry.name);
    if (cached) return Promise.resolve(cached);
    if (!compiler) return Promise.resolve(this.load(entry));
    const inFlight = this.pending.get(entry.name);
    if (inFlight) return inFlight;
    const generation = this.generation(entry);
    const compiling: Promise<DeckResult> = compiler.compile(entry).then(
      (loaded) => this.settle(entry, generation, compiling, loaded),
      (error: unknown) =>
        error instanceof CompilerUnavailable ? this.load(entry) : this.settle(entry, generation, compiling, { entry, error: deckProblem(entry, error) }),
    );
    this.pending.set(entry.name, compiling);
    return compiling;
  }

  /** How many times this deck has changed since the site was made; compare before and after an await. */
  generation(entry: DeckEntry): number {
    return this.generations.get(entry.name) ?? 0;
  }

  private settle(entry: DeckEntry, generation: number, compiling: Promise<DeckResult>, result: DeckResult): DeckResult {
    if (this.pending.get(entry.name) === compiling) this.pending.delete(entry.name);
    if (this.generation(entry) === generation) this.cache.set(entry.name, result);
    return result;
  }

  /** Every deck, compiled. */
  loadAll(): DeckResult[] {
    return this.entries.map((e) => this.load(e));
  }

  /** Forgets a deck's compiled form after its file changed. */
  invalidate(entry: DeckEntry): void {
    this.cache.delete(entry.name);
    this.pending.delete(entry.name);
    this.generations.set(entry.name, this.generation(entry) + 1);
  }

  /**
   * Looks for decks again after files were added or removed. Returns why the folder has no decks now
   * (`x.md` and `x.qmd` side by side, the last deck removed), for the dev server to say.
   */
  rescan(): AxonError | undefined {
    let problem: AxonError | undefined;
    try {
      this.entries = findDecks(this.path).decks;
    } catch (error) {
      this.entries = [];
      problem = error instanceof AxonError ? error : new AxonError(String(error));
    }
    for (const name of new Set([...this.cache.keys(), ...this.pending.keys()])) this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
    this.cache.clear();
    this.pending.clear();
    return problem;
  }
}

function deckProblem(entry: DeckEntry, error: unknown): DeckError | AxonError {
  return error instanceof DeckError || error instanceof AxonError ? error : internalError(entry, error);
}

/**
 * Any other exception from compiling (a bug in Axon or a library it uses, e.g. the YAML parser refusing an
 * alias bomb) as a deck error: it must not end `axon dev` (it is thrown inside the watcher's timer) nor reach
 * the user as a bare "URI malformed" without the file. Line 1: a foreign error's own line numbers, if any,
 * count from something we do not know (the front matter, a code block), so they would point at the wrong line.
 */
function internalError(entry: DeckEntry, error: unknown): DeckError {
  const cause = error instanceof Error ? error : new Error(String(error));
  const what = `${cause.name}: ${cause.message.split('\n')[0] ?? ''}`.trim();
  const wrapped = new DeckError(
    entry.displayFile,
    1,
    `internal error while compiling (${what})`,
    'undo the last change or cut the deck down to find what triggers it, and report it; set AXON_DEBUG=1 for the stack',
  );
  // The original stack, for AXON_DEBUG=1 (the CLI prints `error.stack`) and for whoever reads the report.
  wrapped.stack = `${wrapped.name}: ${wrapped.message}\nCaused by: ${cause.stack ?? what}`;
  return wrapped;
}
