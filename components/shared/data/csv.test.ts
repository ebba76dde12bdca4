import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoryColumn, CsvError, numericColumn, parseCsv } from './csv.ts';

/** The error `run` throws, as `line: message`. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return `${(error as CsvError).line}: ${(error as CsvError).message}`;
  }
  throw new Error('expected a CsvError');
}

describe('reading a CSV file', () => {
  it('keeps the file line of every row, past blank lines, a byte-order mark, CRLF and quoted line breaks', () => {
    const table = parseCsv('\uFEFF\r\nname, mpg\r\n\r\n"ford\r\ntorino",17\r\nvw,26\r\n\r\n', 'cars.csv');
    expect(table.header).toEqual(['name', 'mpg']);
    expect(table.rows).toEqual([['ford\r\ntorino', '17'], ['vw', '26']]);
    expect(table.lines).toEqual([4, 6]);
  });

  it('pads short rows and refuses long ones, naming the line', () => {
    expect(parseCsv('a,b\n1\n', 'f.csv').rows).toEqual([['1', '']]);
    expect(failure(() => parseCsv('a,b\n1,2\n1,2,3\n', 'f.csv'))).toBe(
      '3: f.csv:3: this row has 3 cells but the header has 2 columns — remove the extra cells or quote a cell that holds a comma.',
    );
  });

  it('refuses an empty file, a nameless or repeated column and an unclosed quote', () => {
    expect(failure(() => parseCsv('\n\n', 'e.csv'))).toMatch(/^1: e\.csv: the file is empty/);
    expect(failure(() => parseCsv('\na,,b\n1,2,3\n', 'f.csv'))).toBe('2: f.csv:2: column 2 of the header has no name — name it.');
    expect(failure(() => parseCsv('a,a\n1,2\n', 'f.csv'))).toMatch(/^1: f\.csv:1: the header names column "a" twice/);
    expect(failure(() => parseCsv('a,b\n1,2\n"3,4\n', 'q.csv'))).toMatch(/^3: q\.csv:3: a quoted cell is never closed/);
  });
});

describe('columns', () => {
  const table = parseCsv('x,y,kind\n1,2.5,a\n\n-3e2, 4 ,b\n5,NA,c\n', 'data/t.csv');

  it('reads numbers, and names the file line, column and cell of one that is not', () => {
    expect(numericColumn(table, 'x')).toEqual([1, -300, 5]);
    expect(failure(() => numericColumn(table, 'y'))).toBe('5: data/t.csv:5: column "y" holds "NA", not a number — fix the cell or remove the row.');
    expect(failure(() => numericColumn(parseCsv('x,y\n1,2\n\n,3\n', 's.csv'), 'x'))).toMatch(/^4: s\.csv:4: column "x" holds an empty cell/);
  });

  it('reads class labels trimmed, and names a missing column with the ones there are', () => {
    expect(categoryColumn(table, 'kind')).toEqual(['a', 'b', 'c']);
    expect(failure(() => categoryColumn(table, 'species'))).toBe('1: data/t.csv:1: no column "species" — the header has "x", "y", "kind".');
  });

  it('reads the shipped tables whole: 392 cars and 333 penguins, no missing value', () => {
    const cars = parseCsv(readFileSync('slides/data/cars.csv', 'utf8'), 'cars.csv');
    expect(cars.rows).toHaveLength(392);
    for (const column of ['mpg', 'horsepower', 'weight', 'displacement', 'acceleration', 'year']) expect(numericColumn(cars, column)).toHaveLength(392);
    // A row of the package, by hand: the first car of the file.
    expect(cars.rows[0]).toEqual(['chevrolet chevelle malibu', '18', '8', '307', '130', '3504', '12', '1970', 'USA']);
    const penguins = parseCsv(readFileSync('slides/data/penguins.csv', 'utf8'), 'penguins.csv');
    expect(penguins.rows).toHaveLength(333);
    expect(new Set(categoryColumn(penguins, 'species'))).toEqual(new Set(['Adelie', 'Chinstrap', 'Gentoo']));
    expect(numericColumn(penguins, 'body_mass_g').every((g) => g > 2000 && g < 7000)).toBe(true);
  });
});
