/**
 * Reading one widget attribute by hand, for widgets not yet on a settings table (runtime/settings.ts): a bad
 * value never breaks the widget; it falls back to the default and says, in one sentence naming the
 * attribute, what was wrong (shown on the widget). The parsing itself is the table's (runtime/parsers.ts).
 */
import { choice, number, type NumberRange, type Parser } from './runtime/parsers.ts';

export type { NumberRange } from './runtime/parsers.ts';

/** A parsed numeric attribute: its value, or the default with the reason it was refused. */
export type Parsed = { value: number; warning?: undefined } | { value: number; warning: string };

/** One attribute through a parser: the value, or the fallback with a warning naming the attribute. */
export function parseAttribute<T>(name: string, raw: string | null | undefined, parser: Parser<T>, fallback: T): { value: T; warning?: string } {
  const reading = raw === null || raw === undefined ? null : parser.read(raw, name);
  if (reading === null) return { value: fallback };
  if ('value' in reading) return { value: reading.value };
  return { value: fallback, warning: `${name}="${raw}" ${reading.refusal} — using ${parser.write(fallback)}` };
}

/** Parses a number attribute; anything unusable falls back to the default with a message saying why. */
export function parseNumberAttribute(name: string, raw: string | null, fallback: number, range?: NumberRange): Parsed {
  return parseAttribute(name, raw, number(range), fallback) as Parsed;
}

/** Parses an attribute that must be one of a few words; anything else falls back with a message. */
export function parseChoiceAttribute<T extends string>(name: string, raw: string | null, choices: readonly T[], fallback: T): { value: T; warning?: string } {
  return parseAttribute(name, raw, choice(choices), fallback);
}
