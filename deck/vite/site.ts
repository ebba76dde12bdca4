/**
 * A deck site: the decks found at a path, compiled on demand and cached until their file changes.
 * The dev server, the build and the CLI share one of these so a deck is compiled once per change.
 */
import { DeckError } from '../compile/types.ts';
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

  /** Compiles (or returns the cached) deck; never throws for a deck's own errors. */
  load(entry: DeckEntry): DeckResult {
    const cached = this.cache.get(entry.name);
    if (cached) return cached;
    let result: DeckResult;
    try {
      result = loadDeck(entry, this.widgets);
    } catch (error) {
      if (error instanceof DeckError || error instanceof AxonError) result = { entry, error };
      else throw error;
    }
    this.cache.set(entry.name, result);
    return result;
  }

  /** Every deck, compiled. */
  loadAll(): DeckResult[] {
    return this.entries.map((e) => this.load(e));
  }

  /** Forgets a deck's compiled form after its file changed. */
  invalidate(entry: DeckEntry): void {
    this.cache.delete(entry.name);
  }

  /** Looks for decks again after files were added or removed. */
  rescan(): void {
    try {
      this.entries = findDecks(this.path).decks;
    } catch {
      this.entries = [];
    }
    this.cache.clear();
  }
}
