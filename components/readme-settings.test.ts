/**
 * The README's Widgets table documents each widget's attributes; the widget's settings table is what the
 * widget reads. This test keeps the two in agreement for every widget on a settings table: each attribute
 * and alias is named in its README row, every attribute-like name in the row is one the widget reads, and
 * each number's range and fixed default are the ones written next to it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Settings, SettingsTable } from './shared/runtime/settings.ts';
import { widgetTags } from './registry.ts';

/** Words a widget's README row may show in backticks besides its attributes and their choices. */
const OTHER_WORDS: Record<string, string[]> = {
  'mp-neuron': ['and', 'or', 'nand', 'nor', 'not', 'xor'],
  'activation-explorer': ['all'],
  'param-counter': ['true', 'false'],
};

/** Whether a module's export is a settings table (`defineSettings`). */
function isSettings(value: unknown): value is Settings<SettingsTable> {
  return typeof value === 'object' && value !== null && 'table' in value && typeof (value as { read?: unknown }).read === 'function';
}

/**
 * Every registered widget with the settings table its model exports (`components/<tag>/<tag>.model.ts`): a new
 * widget is checked against its README row with no line added here.
 */
const WIDGETS = await Promise.all(
  widgetTags.map(async (tag) => {
    const model = (await import(`./${tag}/${tag}.model.ts`)) as Record<string, unknown>;
    const tables = Object.values(model).filter(isSettings);
    if (tables.length !== 1) throw new Error(`components/${tag}/${tag}.model.ts exports ${tables.length} settings tables (defineSettings); it should export one`);
    return { tag, settings: tables[0]!, values: OTHER_WORDS[tag] };
  }),
);

/** The attributes cell of a widget's row in the README's Widgets table, minus signs made plain. */
function readmeCell(tag: string): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith(`| \`<${tag}>\``));
  if (!row) throw new Error(`README.md has no row for <${tag}> in its Widgets table`);
  const cells = row.split(' | ');
  return cells[cells.length - 1]!.replace(/\|\s*$/, '').replaceAll('−', '-');
}

/** The numbers written in a stretch of README text ("0.0001…10 (default 0.1)" → 0.0001, 10, 0.1). */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((match) => Number(match[0]));
}

/**
 * What the README says about one attribute: from its name to the next attribute's name, passing over names
 * listed together ("`x`, `y` −100…100", "`lr` or `learning-rate` …"), which share what follows them.
 */
function describedAfter(cell: string, spelling: string, spellings: Set<string>, ownWords: ReadonlySet<string> = new Set()): string {
  // The attribute's own choice words do not end its description, even where one is another attribute's name
  // (gd-modes' `x-axis` `epochs` (default) / `updates` beside its `epochs` budget).
  const tokens = [...cell.matchAll(/`([^`]+)`/g)].filter((match) => spellings.has(match[1]!) && (match[1] === spelling || !ownWords.has(match[1]!)));
  // A name that is also a choice word (`momentum` in `sgd`/`momentum`/`adam`) is described where it stands alone.
  const inList = (match: RegExpMatchArray) => cell[match.index! - 1] === '/' || cell[match.index! + match[0].length] === '/';
  const index = tokens.findIndex((match) => match[1] === spelling && !inList(match));
  let stop = index + 1;
  while (stop < tokens.length) {
    const between = cell.slice(tokens[stop - 1]!.index! + tokens[stop - 1]![0].length, tokens[stop]!.index);
    if (!/^(\s*,\s*|\s+or\s+)$/.test(between)) break;
    stop += 1;
  }
  return cell.slice(tokens[index]!.index!, stop < tokens.length ? tokens[stop]!.index! : cell.length);
}

describe("the README's attribute column agrees with each widget's settings table", () => {
  for (const { tag, settings, values = [] } of WIDGETS) {
    it(`<${tag}>`, () => {
      const cell = readmeCell(tag);
      const rows = Object.values(settings.table);
      const spellings = new Set(rows.flatMap((row) => [row.attribute, ...(row.aliases ?? [])]));
      const named = new Set([...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
      for (const spelling of spellings) expect(named, `README names \`${spelling}\` for <${tag}>`).toContain(spelling);
      // A parser given by a function (a range that follows other settings) has no fixed range or words to check.
      const parserOf = (row: (typeof rows)[number]) => (typeof row.parse === 'function' ? undefined : row.parse);
      const words = new Set([...values, ...rows.flatMap((row) => parserOf(row)?.choices ?? [])]);
      const attributeLike = [...named].filter((name) => /^[a-z][a-z0-9-]*$/.test(name) && !words.has(name));
      expect(attributeLike.filter((name) => !spellings.has(name)), `attributes the README lists but <${tag}> does not read`).toEqual([]);
      for (const row of rows) {
        const said = describedAfter(cell, row.attribute, spellings, new Set(parserOf(row)?.choices ?? []));
        const numbers = numbersIn(said);
        const range = parserOf(row)?.range;
        if (range) {
          expect(numbers, `range of \`${row.attribute}\` in "${said}"`).toEqual(expect.arrayContaining([range.min, range.max]));
        }
        if (typeof row.default === 'number') expect(numbers, `default of \`${row.attribute}\` in "${said}"`).toContain(row.default);
        if (typeof row.default === 'string' && row.default !== '') expect(said, `default of \`${row.attribute}\``).toContain(row.default);
      }
    });
  }
});
