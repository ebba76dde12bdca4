import { describe, expect, it } from 'vitest';
import { compileDeck } from '../deck/compile/index.ts';
import { COMPILE_PATTERNS, compileTable, type CompileRow } from './compile.ts';

describe('the compile benchmark', () => {
  it.each(COMPILE_PATTERNS.map((pattern) => [pattern.name, pattern] as const))('%s builds a deck of the size asked for, which compiles to slides', (_name, pattern) => {
    const text = pattern.build(10 * 1024);
    expect(text.length).toBeGreaterThanOrEqual(10 * 1024);
    expect(text.length).toBeLessThan(11 * 1024);
    expect(compileDeck(text, `${pattern.name}.md`).slides.length).toBeGreaterThan(0);
  });

  it('tables ms per KB of the text actually compiled, and how much it grew from the first size to the last', () => {
    const rows: CompileRow[] = [
      {
        pattern: 'lecture',
        cells: [
          { kb: 10, bytes: 10 * 1024, ms: 20, runs: 5 },
          { kb: 100, bytes: 100 * 1024, ms: 200, runs: 2 },
          { kb: 1000, bytes: 1000 * 1024, ms: 4000, runs: 1 },
        ],
      },
      { pattern: 'quadratic', cells: [{ kb: 10, bytes: 10 * 1024, ms: 6000, runs: 1 }, { kb: 100, skipped: 'the size before took 6.00 s' }] },
    ];
    const table = compileTable(rows).split('\n');
    expect(table[0]).toMatch(/^deck text +10 KB ms +ms\/KB +100 KB ms +ms\/KB +1 MB ms +ms\/KB +1 MB ÷ 10 KB per KB$/);
    expect(table[2]).toMatch(/^lecture +20\.0 +2\.00 +200 +2\.00 +4000 +4\.00 +2\.00×$/);
    expect(table[3]).toMatch(/^quadratic +6000 +600 +— +skipped$/);
  });
});
