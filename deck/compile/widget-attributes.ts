import { decodeAttributeValue, type HtmlAttribute, type HtmlTag } from './html-scan.ts';

/*
 * A widget's attributes, checked when the deck is built against the widget's own settings table, so that a
 * mistyped name or a refused value shows in the terminal (and fails `--strict`) instead of only in the
 * browser, in front of the class. The compiler loads no widget code: the caller hands it each widget's table
 * (components/widget-settings.ts), and the table's own `read` judges the values, so the warning is the very
 * one the widget shows on the slide and there is no second parser to drift from the first.
 */

/**
 * What the check needs of a widget's settings table (components/shared/runtime/settings.ts, `Settings`): its
 * rows' spellings, and its reading of attribute text. Written out here so the compiler imports no widget code.
 */
export interface WidgetSettingsTable {
  readonly table: Readonly<Record<string, { readonly attribute: string; readonly aliases?: readonly string[] }>>;
  read(source: { attribute(name: string): string | null | undefined }): { warnings: string[] };
}

/** One problem with a widget's attributes: where it is (an offset into the scanned HTML) and what to say. */
export interface AttributeFinding {
  offset: number;
  message: string;
  hint: string;
}

/** Attributes every HTML element takes (the global attributes), besides the `aria-*`, `data-*` and `on*` families. */
const GLOBAL_ATTRIBUTES = new Set([
  'accesskey',
  'autocapitalize',
  'autofocus',
  'class',
  'contenteditable',
  'dir',
  'draggable',
  'enterkeyhint',
  'exportparts',
  'hidden',
  'id',
  'inert',
  'inputmode',
  'is',
  'itemid',
  'itemprop',
  'itemref',
  'itemscope',
  'itemtype',
  'lang',
  'nonce',
  'part',
  'popover',
  'role',
  'slot',
  'spellcheck',
  'style',
  'tabindex',
  'title',
  'translate',
  'writingsuggestions',
  'xml:lang',
]);

/**
 * Whether any element takes `name`: the global attributes, ARIA, `data-*` (reveal.js's and Axon's own, such
 * as `data-fragment-index`, `data-id` for auto-animate, `data-axon-unknown-widget`) and event handlers.
 */
export function isStandardAttribute(name: string): boolean {
  return GLOBAL_ATTRIBUTES.has(name) || /^(aria|data)-./.test(name) || /^on[a-z]+$/.test(name);
}

/**
 * Edit distance with adjacent swaps counted as one edit (optimal string alignment): `regularizaton` is 1
 * from `regularization`, `lyaers` 1 from `layers`. Names are short, so the plain table is fast enough.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate `word` most likely meant, or undefined when none is close: within one edit for short words
 * (`lr`), two from five letters, three from ten, so a wild guess is not offered as a correction.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length < 5 ? 1 : word.length < 10 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/**
 * A value the deck does not state as text: a template placeholder (`{lr}`, `${lr}`, `{{< meta lr >}}`) that
 * something else fills in. Only static text is the deck's own to check.
 */
function isComputed(value: string): boolean {
  return /^\s*\{[\s\S]*\}\s*$/.test(value) || value.includes('${') || value.includes('{{');
}

const list = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/**
 * Checks one use of a widget: names its table does not know (with the closest one it does), names written
 * twice (HTML keeps the first), two spellings of one setting, and values its table refuses (in the words the
 * widget shows on the slide). Never throws; returns the problems in the order they are written.
 */
export function checkWidgetAttributes(element: Pick<HtmlTag, 'name' | 'start' | 'attributes'>, settings: WidgetSettingsTable): AttributeFinding[] {
  const { name: tag, attributes } = element;
  const findings: AttributeFinding[] = [];
  const rows = Object.values(settings.table);
  // Each spelling the table reads, to the row's main attribute.
  const mainOf = new Map(rows.flatMap((row) => [row.attribute, ...(row.aliases ?? [])].map((spelling) => [spelling, row.attribute] as const)));
  const first = new Map<string, HtmlAttribute>();
  const bySetting = new Map<string, HtmlAttribute>();
  for (const attribute of attributes) {
    const { name, offset } = attribute;
    const earlier = first.get(name);
    if (earlier) {
      findings.push({
        offset,
        message: `\`${name}\` is written twice on <${tag}>`,
        hint: `HTML keeps the first, ${name}="${earlier.value}", and ignores this one: delete the one you do not mean`,
      });
      continue;
    }
    first.set(name, attribute);
    const main = mainOf.get(name);
    if (main === undefined) {
      if (isStandardAttribute(name)) continue;
      const near = closestWord(name, mainOf.keys());
      findings.push({
        offset,
        message: `\`${name}\` is not an attribute of <${tag}>`,
        hint: near ? `did you mean \`${near}\`?` : `<${tag}> reads ${list(rows.map((row) => row.attribute))} (see the README's Widgets table)`,
      });
      continue;
    }
    const other = bySetting.get(main);
    if (other) {
      // The table reads the main attribute, else the first alias written (settings.ts, `read`).
      const used = first.get(main) ?? other;
      findings.push({
        offset,
        message: `\`${other.name}\` and \`${name}\` on <${tag}> are the same setting`,
        hint: `<${tag}> uses ${used.name}="${used.value}": delete the other`,
      });
      continue;
    }
    bySetting.set(main, attribute);
  }
  // The table reads the values exactly as the widget will: the static text only, entities decoded as a browser does.
  const written = (name: string) => {
    const attribute = first.get(name);
    return attribute && !isComputed(attribute.value) ? decodeAttributeValue(attribute.value) : null;
  };
  for (const warning of settings.read({ attribute: written }).warnings) {
    // Each warning starts with the attribute as written (`lr="5" is outside 0.0001…1 — using 0.1`).
    const source = [...first.values()].find(({ name }) => warning.startsWith(`${name}="`));
    findings.push({
      offset: source?.offset ?? element.start,
      message: `<${tag}> ${warning}`,
      hint: `the slide shows the same warning: write a value <${tag}> accepts (see the README's Widgets table)`,
    });
  }
  return findings.sort((a, b) => a.offset - b.offset);
}
