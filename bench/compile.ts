/**
 * `npm run bench -- --only compile`: how long `compileDeck` takes per KB of deck at 10 KB, 100 KB and 1 MB,
 * for a real lecture repeated and for each hostile input of issue 15 (and the markdown-it plugin checks made
 * for it). Linear code shows a flat ms/KB across a row; the last column divides the 1 MB figure by the
 * 10 KB one. Runs in Node, no browser. A benchmark, not a test: it prints numbers and never fails on them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileDeck } from '../deck/compile/index.ts';
import { columns, fmt } from './report.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One kind of deck text, grown to any size. */
export interface CompilePattern {
  name: string;
  /** What the text is, for the table's legend. */
  description: string;
  /** Text of about `bytes` characters (at least that many). */
  build(bytes: number): string;
}

/** `unit` repeated until the text is at least `bytes` long, after `prefix`. */
function repeat(unit: string, prefix = ''): (bytes: number) => string {
  return (bytes) => prefix + unit.repeat(Math.max(1, Math.ceil((bytes - prefix.length) / unit.length)));
}

/** Lines from `line(i)` until the text is at least `bytes` long. */
function lines(line: (i: number) => string): (bytes: number) => string {
  return (bytes) => {
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < bytes; i++) {
      const text = line(i);
      parts.push(text);
      length += text.length + 1;
    }
    return parts.join('\n');
  };
}

const lecture = (): string => readFileSync(join(ROOT, 'slides/intro-deep-learning.md'), 'utf8');

export const COMPILE_PATTERNS: readonly CompilePattern[] = [
  {
    name: 'lecture',
    description: 'slides/intro-deep-learning.md repeated and cut to size (only the first copy\'s front matter is front matter)',
    build: (bytes) => {
      const text = lecture();
      return text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes);
    },
  },
  { name: 'fragment-div', description: '`<div class="fragment" ` repeated, never closed (issue 15: 7,000 took over 300 s)', build: repeat('<div class="fragment" ') },
  { name: 'comment-open', description: '`<!--` repeated (issue 15: 80,000 took 20 s)', build: repeat('<!--') },
  { name: 'slide-comment', description: '`<!-- .slide:` repeated, never closed (issue 15: 80,000 took 31 s)', build: repeat('<!-- .slide:') },
  { name: 'div-then-a', description: '`<div>` then `<a` repeated (issue 15: 80,000 took 19.5 s)', build: repeat('<a', '<div>') },
  { name: 'exercise-slides', description: '`## Exercise` slides, all the same title (issue 15: 20,000 took 43 s)', build: repeat('## Exercise\n\n') },
  { name: 'fence-info', description: 'a code fence whose info string is `[` repeated', build: (bytes) => `\`\`\`python ${'['.repeat(bytes)}\nprint(1)\n\`\`\`\n` },
  { name: 'span-attrs', description: '`[a]{.b}` repeated in one paragraph (markdown-it-attrs rescanned after each)', build: repeat('[a]{.b}', 'x ') },
  { name: 'widget-lines', description: '`a <x-w>` lines in one paragraph (each unknown widget reported at its line)', build: repeat('a <x-w>\n') },
  { name: 'callouts-notes', description: 'callout and notes divs on one slide', build: repeat('::: callout-note\nx\n:::\n\n::: notes\nn\n:::\n\n', '## Many\n\n') },
  {
    name: 'inline-math',
    description: 'a paragraph of distinct formulas `$x_{i}^2$` (KaTeX renders each)',
    build: (bytes) => {
      const parts: string[] = [];
      for (let i = 0, length = 0; length < bytes; i++) {
        parts.push(`$x_{${i}}^2$ `);
        length += parts.at(-1)!.length;
      }
      return parts.join('');
    },
  },
  { name: 'unclosed-dollar', description: '`$a ` repeated: unclosed inline math (@mdit/plugin-tex)', build: repeat('$a ') },
  { name: 'brackets', description: '`[` repeated (link labels, bracketed spans)', build: repeat('[') },
  { name: 'braces', description: '`a{` repeated (markdown-it-attrs)', build: repeat('a{') },
  { name: 'colons', description: '`::: x` lines, never closed (the fenced-div rule)', build: repeat('::: x\n') },
  { name: 'stars', description: '`*a ` repeated (emphasis delimiters)', build: repeat('*a ') },
  { name: 'backticks', description: '`` `a `` repeated (code spans)', build: repeat('`a') },
  { name: 'deep-lists', description: 'lists nested 300 deep, again and again (past the nesting limit: a warning each time)', build: lines((i) => `${' '.repeat(2 * (i % 300))}- a`) },
  { name: 'deep-quotes', description: '`>` quotes nested 300 deep, again and again', build: lines((i) => `${'>'.repeat(1 + (i % 300))} a`) },
];

/** The deck sizes of each row, in KB. */
export const COMPILE_SIZES_KB = [10, 100, 1000] as const;

export interface CompileRow {
  pattern: string;
  /**
   * One per size: milliseconds for one compile (fastest of the runs) of a text of `bytes` characters (the size
   * asked for, rounded up to whole repeats), or a reason it was not measured.
   */
  cells: Array<{ kb: number; bytes: number; ms: number; runs: number } | { kb: number; skipped: string }>;
}

/** Past this a size is not followed by the next, ten times larger: linear code is far below it. */
const SLOW_MS = 5_000;

/** Times `compileDeck` on every pattern at every size. `quick` gives each size less time to repeat in. */
export function runCompileBench(options: { quick: boolean; log: (line: string) => void }): CompileRow[] {
  const budgetMs = options.quick ? 150 : 500;
  // Warm up the compiler (markdown-it, KaTeX, the JIT) on the lecture first, so the first row is not penalised.
  for (let i = 0; i < 3; i++) compileDeck(lecture(), 'warm-up.md');
  const rows: CompileRow[] = [];
  for (const pattern of COMPILE_PATTERNS) {
    const row: CompileRow = { pattern: pattern.name, cells: [] };
    let previous: number | undefined;
    for (const kb of COMPILE_SIZES_KB) {
      if (previous !== undefined && previous > SLOW_MS) {
        row.cells.push({ kb, skipped: `the size before took ${fmt(previous / 1000)} s` });
        continue;
      }
      const text = pattern.build(kb * 1024);
      let fastest = Infinity;
      let runs = 0;
      const started = performance.now();
      // The fastest of a few runs: other work on the machine only ever adds time.
      do {
        const t = performance.now();
        compileDeck(text, `${pattern.name}.md`);
        fastest = Math.min(fastest, performance.now() - t);
        runs++;
      } while (performance.now() - started < budgetMs && runs < 20);
      previous = fastest;
      row.cells.push({ kb, bytes: text.length, ms: fastest, runs });
    }
    const perKb = row.cells.map((cell) => ('ms' in cell ? `${fmt(msPerKb(cell))} ms/KB` : 'skipped')).join(', ');
    options.log(`  ${pattern.name}: ${perKb}`);
    rows.push(row);
  }
  return rows;
}

/** The table: per size, ms for one compile and ms per KB; then how much the per-KB time grew from 10 KB to 1 MB. */
export function compileTable(rows: readonly CompileRow[]): string {
  const header = ['deck text', ...COMPILE_SIZES_KB.flatMap((kb) => [`${sizeName(kb)} ms`, 'ms/KB']), '1 MB ÷ 10 KB per KB'];
  const lines = rows.map((row) => {
    const cells = row.cells.flatMap((cell) => ('ms' in cell ? [fmt(cell.ms), fmt(msPerKb(cell))] : ['—', 'skipped']));
    const first = row.cells[0];
    const last = row.cells.at(-1);
    const growth = first && last && 'ms' in first && 'ms' in last ? `${fmt(msPerKb(last) / msPerKb(first))}×` : '';
    return [row.pattern, ...cells, growth];
  });
  const numeric = new Set(header.map((_, i) => i).filter((i) => i > 0));
  return columns(header, lines, numeric);
}

function msPerKb(cell: { bytes: number; ms: number }): number {
  return cell.ms / (cell.bytes / 1024);
}

function sizeName(kb: number): string {
  return kb >= 1000 ? `${kb / 1000} MB` : `${kb} KB`;
}
