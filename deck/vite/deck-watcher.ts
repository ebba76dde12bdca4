/**
 * Watches the deck folder for saved Markdown. Vite's own watcher drops a save that comes soon after the
 * previous one while a page is connected (seen with Vite 8: a second save ~100 ms after an update never
 * arrives), and editors do save twice in a row (format on save). So decks get their own watcher: the
 * folder, not the file, so editors that save by renaming a temporary file are seen too.
 */
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { isDeckName } from './deck-files.ts';

export interface DeckWatcherEvents {
  /** A deck's content changed (called once per distinct content). */
  changed(file: string): void;
  /** A Markdown file (`.md`, `.qmd`) appeared in or vanished from the folder. */
  addedOrRemoved(file: string): void;
}

/** Quiet time after the last event before a file is read: one save can fire several events. */
const SETTLE_MS = 40;

export function watchDeckFolder(
  root: string,
  decks: readonly string[],
  isDeck: (file: string) => boolean,
  events: DeckWatcherEvents,
): () => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What each Markdown file held when last seen; null once it is gone. */
  const lastContent = new Map<string, string | null>(decks.map((file) => [file, read(file)]));

  const settle = (file: string) => {
    timers.delete(file);
    const content = read(file);
    const before = lastContent.get(file) ?? null;
    lastContent.set(file, content);
    if (content === before) return;
    if ((before === null) !== (content === null) || !isDeck(file)) events.addedOrRemoved(file);
    else events.changed(file);
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(root, (_event, name) => {
      if (!name || !isDeckName(name.toString())) return;
      const file = join(root, name.toString());
      clearTimeout(timers.get(file));
      timers.set(file, setTimeout(() => settle(file), SETTLE_MS));
    });
  } catch {
    return () => {};
  }
  return () => {
    watcher.close();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
