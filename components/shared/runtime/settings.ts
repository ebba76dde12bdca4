/**
 * A widget's settings table: for each setting, its attribute (and the other spellings it answers to), how
 * its text is read, its range, its default and its key in the page address. Everything a widget used to
 * write by hand for each attribute comes from the table:
 *
 * - the Lit property declarations (`static properties = { ...settings.properties, … }`),
 * - reading them in one stated order, defaults < attributes < the URL, where a refused value shows a
 *   warning naming the attribute (and "(from the URL)" when the address held it) and falls back,
 * - the URL state: what a student changed with the controls, written as the difference from the page's
 *   own attributes (rows marked `always`: whatever their value), so a copied address reopens the same configuration,
 * - the README's attribute column, checked against the table by a test (components/readme-settings.test.ts).
 *
 * ```ts
 * const settings = defineSettings({
 *   learningRate: { attribute: 'lr', aliases: ['learning-rate'], parse: number({ min: 1e-4, max: 1 }), default: 0.1 },
 *   optimizer: { attribute: 'optimizer', parse: choice(['sgd', 'adam']), default: 'sgd' },
 * });
 * const { values, warnings } = settings.resolve(element);   // values.learningRate: number
 * settings.keep(element, { ...values, learningRate: 0.3 });   // → ?tag=lr%3D0.3
 * ```
 */
import type { PropertyDeclarations, PropertyValues } from 'lit';
import { readUrlState, writeUrlState, type UrlState } from '../url-state.ts';
import { fireChange } from './events.ts';
import type { Parser } from './parsers.ts';

export * from './parsers.ts';

/** One row of the table. */
export interface Setting<T> {
  /** The attribute as written in a deck, e.g. `lr` or `steps-per-second`. */
  attribute: string;
  /** Other spellings that mean the same setting (`learning-rate` for `lr`); the main attribute wins. */
  aliases?: readonly string[];
  /**
   * How its text is read and written back. A function gives the parser from the settings above it in the
   * table, for a range that depends on them (gd-modes' batch size, 1…samples).
   */
  parse: Parser<T> | ((above: Record<string, unknown>) => Parser<T>);
  /**
   * The value when nothing is written. A function computes it from the settings above it in the table
   * (ua-fitter's learning rate depends on its optimizer).
   */
  default: T | ((above: Record<string, unknown>) => T);
  /** Its key in the widget's URL parameter (default: the attribute). */
  url?: string;
  /**
   * Written to the URL whatever its value, not only where it differs from the page's own: for a widget whose
   * links have always held its whole configuration (nn-playground), so a shared link still reopens it after
   * the slide's attributes are edited.
   */
  always?: boolean;
  /**
   * The Lit property holding the attribute's text, where the attribute's own name would hide one of
   * HTMLElement's (`dataset`, whose property is `datasetName`: `element.dataset` must stay the data-* map).
   */
  property?: string;
}

/** A table: setting names (the lecture's words, `learningRate`) to rows (of any value type: hence `any`). */
export type SettingsTable = Record<string, Setting<any>>;

/** The values a table describes. */
export type SettingValues<Table extends SettingsTable> = { [Name in keyof Table]: Table[Name] extends Setting<infer T> ? T : never };

/** Where the text of a table's settings comes from: the attributes (null when absent) and the URL's pairs. */
export interface SettingsSource {
  attribute(name: string): string | null | undefined;
  url?: Map<string, string>;
}

/** The outcome of reading: the values, the ones the attributes set (the URL's baseline), the warnings. */
export interface ResolvedSettings<Values> {
  values: Values;
  written: Partial<Values>;
  warnings: string[];
}

export interface Settings<Table extends SettingsTable> {
  readonly table: Table;
  /**
   * Lit declarations: one string property per attribute and alias, named as written (`el['steps-per-second']`)
   * or as its row's `property` says.
   */
  readonly properties: PropertyDeclarations;
  /** Whether a Lit update touched any of the table's attributes. */
  touches(changed: PropertyValues): boolean;
  /** Reads the settings from plain text (Node tests, models): defaults < attributes < `source.url`. */
  read(source: SettingsSource): ResolvedSettings<SettingValues<Table>>;
  /** Reads an element's settings: its attributes, then its parameter in the page address. */
  resolve(element: Element): ResolvedSettings<SettingValues<Table>>;
  /**
   * The URL pairs for `values`: each setting that differs from what the page gives without the URL (its
   * attribute, or else its default, computed from `values` above it), so a reload lands on `values`.
   */
  urlState(values: SettingValues<Table>, written: Partial<SettingValues<Table>>): UrlState;
  /**
   * Puts `values` into the address bar under the element's parameter (batched; see url-state.ts) and fires
   * `axon-change` with them (runtime/events.ts): every widget calls this after a change a student makes.
   */
  keep(element: Element, values: SettingValues<Table>): void;
}

/**
 * A refusal as it follows the quoted text: after a space, except one that starts with a colon (a parser quoting
 * the part at fault, as param-counter does: `layers="2,0,1": "0" is not a positive whole number`).
 */
const spaced = (refusal: string) => (refusal.startsWith(':') ? refusal : ` ${refusal}`);

/** Builds a widget's settings from its table (see the header for what comes out). */
export function defineSettings<Table extends SettingsTable>(table: Table): Settings<Table> {
  type Values = SettingValues<Table>;
  const rows = Object.entries(table);
  const spellings = rows.flatMap(([, row]) => [row.attribute, ...(row.aliases ?? [])]);
  // Each spelling's Lit property: named as written, unless the row names its own (see Setting.property).
  const propertyOf = new Map(spellings.map((name) => [name, name]));
  for (const [, row] of rows) if (row.property) propertyOf.set(row.attribute, row.property);
  const properties: PropertyDeclarations = Object.fromEntries([...propertyOf].map(([name, property]) => [property, { type: String, attribute: name }]));
  // What the attributes set at the last resolve, per element: keep() writes the difference from it.
  const baselines = new WeakMap<Element, Partial<Values>>();
  const parserOf = (row: Setting<unknown>, above: Record<string, unknown>): Parser<unknown> => (typeof row.parse === 'function' ? row.parse(above) : row.parse);
  const defaultOf = (row: Setting<unknown>, above: Record<string, unknown>) =>
    typeof row.default === 'function' ? (row.default as (above: Record<string, unknown>) => unknown)(above) : row.default;

  const read = (source: SettingsSource): ResolvedSettings<Values> => {
    const values: Record<string, unknown> = {};
    const written: Record<string, unknown> = {};
    const warnings: string[] = [];
    for (const [name, row] of rows) {
      const parse = parserOf(row, values);
      const fallback = defaultOf(row, values);
      let base = fallback;
      const given = [row.attribute, ...(row.aliases ?? [])]
        .map((spelling) => ({ spelling, text: source.attribute(spelling) }))
        .find(({ text }) => text !== null && text !== undefined);
      const show = (value: unknown) => (parse.show ?? parse.write)(value);
      if (given) {
        const outcome = parse.read(given.text!, given.spelling);
        if (outcome && 'value' in outcome) {
          base = written[name] = outcome.value;
          if (outcome.note) warnings.push(`${given.spelling}="${given.text}"${spaced(outcome.note)}`);
        } else if (outcome) warnings.push(`${given.spelling}="${given.text}"${spaced(outcome.refusal)} — using ${show(fallback)}`);
      }
      values[name] = base;
      const urlKey = row.url ?? row.attribute;
      const urlText = source.url?.get(urlKey);
      if (urlText !== undefined) {
        const outcome = parse.read(urlText, urlKey);
        if (outcome && 'value' in outcome) {
          values[name] = outcome.value;
          if (outcome.note) warnings.push(`${urlKey}="${urlText}" (from the URL)${spaced(outcome.note)}`);
        } else if (outcome) warnings.push(`${urlKey}="${urlText}" (from the URL)${spaced(outcome.refusal)} — using ${show(base)}`);
      }
    }
    return { values: values as Values, written: written as Partial<Values>, warnings };
  };

  const urlState = (values: Values, written: Partial<Values>): UrlState => {
    const state: UrlState = {};
    for (const [name, row] of rows) {
      const parse = parserOf(row, values);
      const text = parse.write(values[name]);
      const without = name in written ? written[name] : defaultOf(row, values);
      if (row.always || text !== parse.write(without)) state[row.url ?? row.attribute] = text;
    }
    return state;
  };

  return {
    table,
    properties,
    touches: (changed) => [...propertyOf.values()].some((property) => changed.has(property)),
    read,
    resolve(element) {
      const own = element as unknown as Record<string, unknown>;
      const resolved = read({
        // The property, not getAttribute: it holds the attribute's text, or what a script assigned.
        attribute: (name) => {
          const value = own[propertyOf.get(name) ?? name];
          return value === undefined || value === null ? null : String(value);
        },
        url: readUrlState(element),
      });
      baselines.set(element, resolved.written);
      return resolved;
    },
    urlState,
    keep(element, values) {
      const state = urlState(values, baselines.get(element) ?? {});
      writeUrlState(element, Object.keys(state).length ? state : undefined);
      fireChange(element, values);
    },
  };
}
