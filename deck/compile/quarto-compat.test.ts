/**
 * The README's Quarto compatibility table is kept true by tests: each row names the tests that check its
 * feature (its last column), and this test holds the table to that — every row names at least one test file,
 * every file named exists and is a test, and no row is left without its feature. A row added without a test,
 * or a test renamed under it, fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const README = readFileSync(new URL('README.md', ROOT), 'utf8');

/** The table's rows: feature, what Axon does, and the files named in "Checked by". */
function compatibilityRows(): Array<{ feature: string; axon: string; checkedBy: string[] }> {
  const start = README.indexOf('### Quarto compatibility');
  if (start < 0) throw new Error('README.md has no "### Quarto compatibility" section');
  const section = README.slice(start, README.indexOf('\n## ', start));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Quarto feature') && !line.startsWith('|---'))
    .map((line) => {
      const cells = line.slice(2, -2).split(' | ');
      const last = cells.at(-1) ?? '';
      return {
        feature: cells[0] ?? '',
        axon: cells.slice(1, -1).join(' | '),
        checkedBy: [...last.matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
      };
    });
}

describe('the README’s Quarto compatibility table', () => {
  const rows = compatibilityRows();

  it('has a row for each Quarto staple the issue lists', () => {
    const features = rows.map((row) => row.feature).join('\n');
    for (const staple of ['.qmd', 'footer:', 'logo:', 'fenced divs', 'panel-tabset', 'aside', '.absolute', 'layout-ncol', '{#eq-x}', 'footnotes', 'bibliography:', '{{< kbd >}}', '{{< video >}}', '{=tex}', '{python}', 'window.Reveal', 'plugins', 'affiliation']) {
      expect(features, `a row about ${staple}`).toContain(staple);
    }
  });

  it.each(rows.map((row) => [row.feature, row] as const))('%s: names tests that exist', (_feature, row) => {
    expect(row.axon.trim(), 'what Axon does').not.toBe('');
    expect(row.checkedBy.length, 'at least one test').toBeGreaterThan(0);
    for (const file of row.checkedBy) {
      expect(file, 'a test file').toMatch(/\.(test|spec)\.ts$/);
      expect(existsSync(new URL(file, ROOT)), `${file} exists`).toBe(true);
    }
  });
});
