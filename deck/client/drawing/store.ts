/**
 * The strokes of one deck, by slide, kept in the browser's storage under `axon-drawings:<deck>` (so they
 * survive a reload, stay on their own deck, and reach the speaker view, which reads the same storage), with
 * an undo history. No DOM: the storage is passed in, so the tests give it a Map.
 */
import { drawingsFile, parseDrawingsText, type DrawingsFile, type SlideStrokes, type Stroke } from './format.ts';

/** The part of `localStorage` the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The storage key of a deck's drawings. */
export function storageKey(deck: string): string {
  return `axon-drawings:${deck}`;
}

/** The slides' strokes before one change, to put back on undo. */
type UndoStep = SlideStrokes;

/** How many changes undo goes back. */
const UNDO_LIMIT = 200;

export class DrawingStore {
  private slides: SlideStrokes = {};
  private history: UndoStep[] = [];
  /** Why the strokes could not be read from or written to the storage, when that happened last. */
  problem: string | undefined;

  /** Opens the deck's strokes in `storage` (none: kept in memory only, e.g. storage turned off). */
  constructor(
    readonly deck: string,
    private readonly storage?: KeyValueStorage,
  ) {
    this.reload();
  }

  /** Reads the strokes again from the storage (another window of the deck changed them). */
  reload(): void {
    this.problem = undefined;
    let text: string | null = null;
    try {
      text = this.storage?.getItem(storageKey(this.deck)) ?? null;
    } catch (error) {
      this.problem = `the browser refused to read the saved drawings (${String(error)})`;
    }
    if (text === null) {
      this.slides = {};
      return;
    }
    try {
      this.slides = parseDrawingsText(text, `the saved drawings of ${this.deck}`).slides;
    } catch (error) {
      // Never throw away what was there: the damaged value stays in the storage until a new stroke replaces it.
      this.slides = {};
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  /** The strokes of one slide, oldest first. */
  strokes(slide: string): readonly Stroke[] {
    return this.slides[slide] ?? [];
  }

  /** Every slide that has strokes. */
  slideKeys(): string[] {
    return Object.keys(this.slides).filter((key) => this.slides[key]!.length > 0);
  }

  /** True when undo has something to take back. */
  get canUndo(): boolean {
    return this.history.length > 0;
  }

  /** Adds a finished stroke to a slide. */
  add(slide: string, stroke: Stroke): void {
    this.change([slide], () => (this.slides[slide] = [...this.strokes(slide), stroke]));
  }

  /** Removes the strokes at `indices` of a slide (what the eraser touched); false when there were none. */
  erase(slide: string, indices: readonly number[]): boolean {
    if (indices.length === 0) return false;
    const gone = new Set(indices);
    this.change([slide], () => (this.slides[slide] = this.strokes(slide).filter((_, i) => !gone.has(i))));
    return true;
  }

  /** Removes every stroke of a slide; false when it had none. */
  clear(slide: string): boolean {
    if (this.strokes(slide).length === 0) return false;
    this.change([slide], () => (this.slides[slide] = []));
    return true;
  }

  /** Replaces all the deck's strokes with an imported file's (undo brings the old ones back). */
  replaceAll(file: DrawingsFile): void {
    const keys = new Set([...this.slideKeys(), ...Object.keys(file.slides)]);
    this.change([...keys], () => (this.slides = structuredClone(file.slides)));
  }

  /** Takes back the last change; returns the slides it touched (empty when there was nothing to undo). */
  undo(): string[] {
    const step = this.history.pop();
    if (!step) return [];
    for (const [key, strokes] of Object.entries(step)) this.slides[key] = strokes;
    this.save();
    return Object.keys(step);
  }

  /** The deck's strokes as a drawings file (what Export downloads). */
  toFile(): DrawingsFile {
    return drawingsFile(this.deck, this.slides);
  }

  private change(keys: readonly string[], apply: () => void): void {
    const before: UndoStep = {};
    for (const key of keys) before[key] = [...this.strokes(key)];
    apply();
    this.history.push(before);
    if (this.history.length > UNDO_LIMIT) this.history.shift();
    this.save();
  }

  private save(): void {
    if (!this.storage) return;
    this.problem = undefined;
    const file = this.toFile();
    try {
      if (Object.keys(file.slides).length === 0) this.storage.removeItem(storageKey(this.deck));
      else this.storage.setItem(storageKey(this.deck), JSON.stringify(file));
    } catch (error) {
      this.problem = `the drawings could not be saved in the browser (${error instanceof Error ? error.name : String(error)}) — use Export to keep them in a file`;
    }
  }
}
