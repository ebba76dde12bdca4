/**
 * Reading widget attributes the way every Axon widget does: a bad value never breaks the widget; it falls
 * back to the default and says, in one sentence naming the attribute, what was wrong (shown on the widget).
 */

/** A numeric range, ends included. */
export interface NumberRange {
  min: number;
  max: number;
}

/** A parsed numeric attribute: its value, or the default with the reason it was refused. */
export type Parsed = { value: number; warning?: undefined } | { value: number; warning: string };

/** Parses a number attribute; anything unusable falls back to the default with a message saying why. */
export function parseNumberAttribute(name: string, raw: string | null, fallback: number, range?: NumberRange): Parsed {
  if (raw === null || raw.trim() === '') return { value: fallback };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { value: fallback, warning: `${name}="${raw}" is not a number — using ${fallback}` };
  if (range && (value < range.min || value > range.max)) {
    return { value: fallback, warning: `${name}="${raw}" is outside ${range.min}…${range.max} — using ${fallback}` };
  }
  return { value };
}

/** Parses an attribute that must be one of a few words; anything else falls back with a message. */
export function parseChoiceAttribute<T extends string>(name: string, raw: string | null, choices: readonly T[], fallback: T): { value: T; warning?: string } {
  if (raw === null || raw.trim() === '') return { value: fallback };
  const clean = raw.trim().toLowerCase();
  const match = choices.find((choice) => choice.toLowerCase() === clean);
  if (match) return { value: match };
  return { value: fallback, warning: `${name}="${raw}" is not one of ${choices.join(', ')} — using ${fallback}` };
}
