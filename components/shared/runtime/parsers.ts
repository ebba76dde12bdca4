/**
 * How a setting's text (an attribute, or a value in the page address) becomes a value, and back. Each parser
 * says why it refuses a text in words that follow `lr="abc"` in a warning ("is not a number"); the settings
 * table adds the attribute, the source and the value used instead. A blank text reads as "nothing written".
 */

/** A numeric range, ends included. */
export interface NumberRange {
  min: number;
  max: number;
}

/**
 * Reading one setting: its value, the reason it was refused, or null for "nothing written". A value may come
 * with a note: what of the text was left out of it (a list that keeps the words it knows, such as
 * nn-playground's `hide`), shown as a warning while the value is used.
 */
export type Reading<T> = { value: T; note?: string } | { refusal: string } | null;

export interface Parser<T> {
  /** The value `text` means, why it is refused, or null when it is blank; `spelling` is the attribute as written. */
  read(text: string, spelling?: string): Reading<T>;
  /** The text that reads back as `value` (for the URL and for warnings). */
  write(value: T): string;
  /** How a warning names the value used instead, where `write` alone would read badly (`"4,2"`, `""`). */
  show?(value: T): string;
  /** The range, when the setting is a number in one (the README check compares it). */
  range?: NumberRange;
  /** The words it accepts, when it is a choice (the README check knows them). */
  choices?: readonly string[];
}

const outside = (range: NumberRange) => `is outside ${range.min}…${range.max}`;

/** A number, optionally in a range; `whole` also refuses fractions (a count, a seed). */
function numeric(range: NumberRange | undefined, whole: boolean): Parser<number> {
  return {
    range,
    read(text) {
      if (text.trim() === '') return null;
      const value = Number(text);
      if (!Number.isFinite(value)) return { refusal: 'is not a number' };
      if (whole && !Number.isInteger(value)) return { refusal: 'is not a whole number' };
      if (range && (value < range.min || value > range.max)) return { refusal: outside(range) };
      return { value };
    },
    write: String,
  };
}

/** A number, optionally in a range. */
export function number(range?: NumberRange): Parser<number> {
  return numeric(range, false);
}

/** A whole number (a count, a seed), optionally in a range. */
export function wholeNumber(range?: NumberRange): Parser<number> {
  return numeric(range, true);
}

/** A seed: any 32-bit whole number (a range no one needs to read about, so it is not shown as one). */
export function seed(): Parser<number> {
  const { read, write } = wholeNumber({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  return { read, write };
}

/** One of a few words, in any case. */
export function choice<T extends string>(choices: readonly T[]): Parser<T> {
  return {
    choices,
    read(text) {
      const clean = text.trim().toLowerCase();
      if (clean === '') return null;
      const match = choices.find((word) => word.toLowerCase() === clean);
      return match ? { value: match } : { refusal: `is not one of ${choices.join(', ')}` };
    },
    write: String,
  };
}

/**
 * A switch: the bare attribute (`autoplay`), "true" or the attribute's own name (`autoplay="autoplay"`)
 * mean on; "false" off.
 * Unlike the others, a blank text is a value here: it is how HTML writes a bare attribute.
 */
export function boolean(): Parser<boolean> {
  return {
    read(text, spelling) {
      const clean = text.trim().toLowerCase();
      if (clean === '' || clean === 'true' || clean === spelling) return { value: true };
      if (clean === 'false') return { value: false };
      return { refusal: 'is not true or false' };
    },
    write: String,
  };
}

/** A comma list of numbers, each in `range`, with `length` entries (one count or min…max). */
export function numberList(options: { range?: NumberRange; length?: number | NumberRange; whole?: boolean } = {}): Parser<number[]> {
  const item = options.whole ? wholeNumber(options.range) : number(options.range);
  const { length } = options;
  return {
    read(text) {
      if (text.trim() === '') return null;
      const parts = text.split(',');
      const values: number[] = [];
      for (const part of parts) {
        const reading = item.read(part);
        if (reading === null) return { refusal: 'has an empty entry' };
        if ('refusal' in reading) return { refusal: `has "${part.trim()}", which ${reading.refusal}` };
        values.push(reading.value);
      }
      if (typeof length === 'number' && values.length !== length) return { refusal: `needs ${length} numbers` };
      if (typeof length === 'object' && (values.length < length.min || values.length > length.max)) {
        return { refusal: `needs ${length.min}…${length.max} numbers` };
      }
      return { value: values };
    },
    write: (values) => values.join(','),
  };
}

/**
 * Any text, kept as written: for settings that only make sense together (mp-neuron's gate, weights and
 * threshold), which the widget's model reads after the table has merged attributes and URL.
 */
export function text(): Parser<string> {
  return {
    read: (written) => (written.trim() === '' ? null : { value: written }),
    write: String,
  };
}
