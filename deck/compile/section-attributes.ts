import type Token from 'markdown-it/lib/token.mjs';
import { classList } from './attributes.ts';
import type { SlideDirective } from './directives.ts';
import { isLocalAsset } from './images.ts';

/** Heading attributes reveal reads from `<section>` as `data-…` (Quarto writes them without the prefix). */
const REVEAL_DATA_KEYS = new Set([
  'transition',
  'transition-speed',
  'auto-animate',
  'auto-animate-easing',
  'auto-animate-duration',
  'auto-animate-unmatched',
  'auto-animate-id',
  'auto-animate-restart',
  'autoslide',
  'visibility',
  'state',
  'timing',
]);

const ASSET_KEYS = new Set(['data-background-image', 'data-background-video', 'background-image', 'background-video']);

/** Collects a slide's `<section>` attributes from its heading's `{…}` and its `.slide` comments. */
export class SectionAttributes {
  private readonly classes: string[] = [];
  /** The same names, for a constant-time "already there?" in long class lists. */
  private readonly classSet = new Set<string>();
  private readonly values = new Map<string, string>();
  readonly assets: Array<{ url: string; line: number }> = [];

  constructor(baseClasses: readonly string[]) {
    this.addClasses(baseClasses);
  }

  get id(): string | undefined {
    return this.values.get('id');
  }

  set id(value: string) {
    this.values.set('id', value);
  }

  /** Takes the heading's attributes; the heading itself keeps none, as in Quarto. */
  takeFromHeading(heading: Token, line: number): void {
    for (const [key, value] of heading.attrs ?? []) {
      if (key === 'class') this.addClasses(classList(value));
      else if (key === 'id') this.values.set('id', value);
      else if (key.startsWith('background') || REVEAL_DATA_KEYS.has(key)) this.set(`data-${key}`, value, line);
      else this.set(key, value, line);
    }
    heading.attrs = null;
  }

  addDirective(directive: SlideDirective): void {
    this.addClasses(directive.classes);
    for (const [key, value] of directive.attributes) this.set(key, value, directive.line);
  }

  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    const id = this.values.get('id');
    if (id) record.id = id;
    if (this.classes.length > 0) record.class = this.classes.join(' ');
    for (const [key, value] of this.values) if (key !== 'id') record[key] = value;
    return record;
  }

  private addClasses(classes: readonly string[]): void {
    for (const name of classes) {
      if (this.classSet.has(name)) continue;
      this.classSet.add(name);
      this.classes.push(name);
    }
  }

  private set(key: string, value: string, line: number): void {
    this.values.set(key, value);
    // reveal's plain `data-background` takes a colour or an image; only a file-like value is an asset.
    const isBackgroundFile = key === 'data-background' && /\.[a-zA-Z0-9]{2,5}$/.test(value);
    if ((ASSET_KEYS.has(key) || isBackgroundFile) && isLocalAsset(value)) this.assets.push({ url: value, line });
  }
}
