/**
 * `<dna-onehot>` driven as a student drives it — through its accessible names, with mouse and keyboard, on
 * a real deck (e2e/fixtures/problems/dna-onehot.md). The expected matrices are computed here, letter by
 * letter, independently of the widget's model.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, openDeck, seriousAxeViolations, showSlide, showWidget, slideIndices, watchPage } from './support.ts';

const DECK = 'problems/dna-onehot.html?transition=none&backgroundTransition=none';
const DEFAULT = 'dna-onehot:not([sequence]):not([order])';
const LONG = 'dna-onehot[max-length="30"]';
const BAD = 'dna-onehot[order="AAGC"]';

/** The one-hot row of a letter for a column order, by hand: "1" in the letter's column, "0" elsewhere. */
function expectedRow(letter: string, order: string): string[] {
  return order.split('').map((column) => (column === letter.toUpperCase() ? '1' : '0'));
}

async function openWidget(page: Page, selector = DEFAULT, query = ''): Promise<{ widget: Locator; where: { h: number; v: number } }> {
  const { widget, where } = await showWidget(page, `${DECK}${query}`, selector);
  await expect(widget).toBeVisible();
  await widget.evaluate((element: HTMLElement & { settled?: Promise<void> }) => element.settled);
  return { widget, where };
}

/** The matrix's body rows as text: [position, letter, …the four entries]. */
async function matrixRows(widget: Locator): Promise<string[][]> {
  return widget.getByRole('table').locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].slice(0, 6).map((cell) => (cell.textContent ?? '').trim())),
  );
}

/** The column headers' texts, in order. */
async function columnHeaders(widget: Locator): Promise<string[]> {
  return (await widget.getByRole('columnheader').allTextContents()).map((text) => text.trim());
}

/** The page's own query (the URL state), once the widget's batched write has happened. */
async function widgetQuery(page: Page, key: string): Promise<string | null> {
  return page.evaluate((key) => new URLSearchParams(location.search).get(key), key);
}

test('the default sequence gives the lecture’s 8 × 4 matrix, columns A, T, G, C', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page);
  expect(await columnHeaders(widget)).toEqual(['pos', 'letter', 'A', 'T', 'G', 'C', 'note']);
  const rows = await matrixRows(widget);
  const sequence = 'ACGTTGCA';
  expect(rows).toHaveLength(sequence.length);
  rows.forEach((row, i) => expect(row, `position ${i + 1}`).toEqual([String(i + 1), sequence[i], ...expectedRow(sequence[i]!, 'ATGC')]));
  await expect(widget.getByRole('status')).toHaveText('L = 8, so the matrix is 8 × 4 — every row has exactly one 1.');
  await expect(widget.getByRole('table')).toContainText('L × 4 = 8 × 4');
  await expect(widget).toContainText('position weight matrix (PWM)');
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('typing flags invalid letters in place, reads lower case, and keeps every key from the deck', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  const field = widget.getByRole('textbox', { name: 'sequence' });
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  // Letters that are reveal shortcuts (f: fullscreen, b: pause, o: overview, s: speaker view) and a space.
  const typed = 'gatNb 7fosA';
  await page.keyboard.type(typed);
  await expect(field).toHaveValue(typed);
  expect(await currentIndices(page)).toMatchObject(where);
  const rows = await matrixRows(widget);
  expect(rows).toHaveLength(typed.length); // nothing dropped
  rows.forEach((row, i) => {
    const letter = typed[i]!;
    const valid = 'ACGT'.includes(letter.toUpperCase());
    expect(row.slice(2), `position ${i + 1} (${letter})`).toEqual(valid ? expectedRow(letter, 'ATGC') : ['0', '0', '0', '0']);
  });
  // Invalid rows are marked in text, not by colour alone.
  const flagged = widget.getByRole('table').locator('tbody tr', { hasText: '✗' });
  await expect(flagged).toHaveCount([...typed].filter((c) => !'ACGT'.includes(c.toUpperCase())).length);
  const status = widget.getByRole('status');
  await expect(status).toContainText(`L = ${typed.length}, so the matrix is ${typed.length} × 4`);
  await expect(status).toContainText("position 4: 'N' is not A, C, G or T");
  await expect(status).toContainText("position 5: 'b' is not A, C, G or T");
  await expect(status).toContainText('position 6: a space is not A, C, G or T');
  await expect(status).toContainText('and 4 more');
});

test('the caret, the pointer and the arrow keys each match a letter with its row', async ({ page }) => {
  const { widget, where } = await openWidget(page);
  const highlightedRow = widget.locator('tbody tr.on th');
  const highlightedTile = widget.locator('.strip .tile.on');
  // Caret: Home, then two steps right — the letter just left of the caret (position 2, C) is matched.
  const field = widget.getByRole('textbox', { name: 'sequence' });
  await field.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(highlightedRow).toHaveText('2');
  await expect(highlightedTile).toHaveText('C');
  await expect(widget.locator('.pointed')).toHaveText('Position 2: C → A 0 · T 0 · G 0 · C 1');
  expect(await currentIndices(page)).toMatchObject(where);

  // Pointer: hovering a tile matches its row; hovering a row matches its tile.
  await widget.locator('.strip .tile').nth(3).hover();
  await expect(highlightedRow).toHaveText('4');
  await widget.getByRole('table').locator('tbody tr').nth(5).hover();
  await expect(highlightedTile).toHaveText('G');
  await expect(widget.locator('.pointed')).toContainText('Position 6: G');

  // Keyboard on the matrix: ↓ moves the row, End goes to the last; the deck stays.
  const matrix = widget.getByRole('region', { name: 'one-hot matrix' });
  await matrix.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(highlightedRow).toHaveText('3');
  await page.keyboard.press('End');
  await expect(highlightedRow).toHaveText('8');
  await page.keyboard.press('ArrowLeft');
  await expect(highlightedRow).toHaveText('7');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.keyboard.press('PageDown');
  expect(await currentIndices(page)).toMatchObject(where);
  await expect(highlightedRow).toHaveText('8');
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a tap on a tile or a row matches the pair', async ({ page }) => {
    const { widget } = await openWidget(page);
    await widget.locator('.strip .tile').nth(4).tap();
    await expect(widget.locator('tbody tr.on th')).toHaveText('5');
    await widget.getByRole('table').locator('tbody tr').nth(1).tap();
    await expect(widget.locator('.strip .tile.on')).toHaveText('C');
  });
});

test('column order and N = 0.25 change the matrix, and both go into the URL', async ({ page }) => {
  const { widget } = await openWidget(page);
  await widget.getByRole('combobox', { name: 'column order' }).selectOption('ACGT');
  expect(await columnHeaders(widget)).toEqual(['pos', 'letter', 'A', 'C', 'G', 'T', 'note']);
  const sequence = 'ACGTTGCA';
  (await matrixRows(widget)).forEach((row, i) => expect(row.slice(2)).toEqual(expectedRow(sequence[i]!, 'ACGT')));

  const field = widget.getByRole('textbox', { name: 'sequence' });
  await field.fill('CNA');
  const toggle = widget.getByRole('button', { name: 'N = 0.25 each' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect((await matrixRows(widget))[1]!.slice(2)).toEqual(['0', '0', '0', '0']);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect((await matrixRows(widget))[1]!.slice(2)).toEqual(['0.25', '0.25', '0.25', '0.25']);
  await expect(widget.getByRole('status')).toContainText("position 2: 'N' is not A, C, G or T (N = any base: 0.25 each)");

  await expect.poll(() => widgetQuery(page, 'dna-onehot')).toBe('order=ACGT&sequence=CNA&uniformN=true');
  // The address, opened again, gives the same widget (defaults < attributes < URL).
  const search = await page.evaluate(() => location.search);
  const { widget: again } = await openWidget(page, DEFAULT, `&${search.slice(1)}`);
  await expect(again.getByRole('textbox', { name: 'sequence' })).toHaveValue('CNA');
  expect(await columnHeaders(again)).toEqual(['pos', 'letter', 'A', 'C', 'G', 'T', 'note']);
  await expect(again.getByRole('button', { name: 'N = 0.25 each' })).toHaveAttribute('aria-pressed', 'true');
});

test('a typed sequence and a column order are in the address: a copied link shows the same field, select and status', async ({ page }) => {
  const { widget } = await openWidget(page);
  await widget.getByRole('textbox', { name: 'sequence' }).fill('GATTACAN');
  await widget.getByRole('combobox', { name: 'column order' }).selectOption('ACGT');
  const status = widget.getByRole('status');
  await expect(status).toContainText("position 8: 'N' is not A, C, G or T");
  const again = await reopenCopiedAddress(widget, { sequence: 'GATTACAN', order: 'ACGT' }, DEFAULT);
  await expect(again.getByRole('textbox', { name: 'sequence' })).toHaveValue('GATTACAN');
  await expect(again.getByRole('combobox', { name: 'column order' })).toHaveValue('ACGT');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});

test('a sequence longer than max-length shows its first rows with a note, and the box scrolls to the end', async ({ page }) => {
  const { widget } = await openWidget(page, LONG);
  const sequence = 'ACGTACGTNNACGTacgtGGCCTTAAGATTACAGATTACA';
  const rows = await matrixRows(widget);
  expect(rows).toHaveLength(30);
  rows.forEach((row, i) => {
    const letter = sequence[i]!;
    expect(row.slice(2), `position ${i + 1}`).toEqual('ACGT'.includes(letter.toUpperCase()) ? expectedRow(letter, 'ACGT') : ['0', '0', '0', '0']);
  });
  await expect(widget.getByRole('status')).toContainText(`L = ${sequence.length}, so the matrix is ${sequence.length} × 4 (rows 1–30 shown)`);
  await expect(widget).toContainText('+10 more, not encoded (max-length 30)');
  const matrix = widget.getByRole('region', { name: 'one-hot matrix' });
  const scroll = () => matrix.evaluate((box) => ({ top: box.scrollTop, overflow: box.scrollHeight > box.clientHeight }));
  expect(await scroll()).toEqual({ top: 0, overflow: true });
  await matrix.focus();
  await page.keyboard.press('End');
  await expect(widget.locator('tbody tr.on th')).toHaveText('30');
  await expect.poll(async () => (await scroll()).top).toBeGreaterThan(100);
  // The highlighted row is inside the box, below the sticky header — going down, then back up.
  const inside = () =>
    matrix.evaluate((box) => {
      const row = box.querySelector('tbody tr.on')!.getBoundingClientRect();
      const frame = box.getBoundingClientRect();
      const head = box.querySelector('thead')!.getBoundingClientRect();
      return row.bottom <= frame.bottom + 1 && row.top >= head.bottom - 1;
    });
  await expect.poll(inside).toBe(true);
  await page.keyboard.press('Home');
  await expect(widget.locator('tbody tr.on th')).toHaveText('1');
  await expect.poll(inside).toBe(true);
  await page.keyboard.press('PageDown');
  await expect(widget.locator('tbody tr.on th')).toHaveText('11');
  await expect.poll(inside).toBe(true);
});

test('a bad attribute shows a warning naming it, and the widget still works on the defaults', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await openWidget(page, BAD);
  const alert = widget.getByRole('alert');
  await expect(alert).toContainText('order="AAGC" is not an order of the four letters A, C, G, T — using ATGC');
  await expect(alert).toContainText('max-length="zero" is not a number — using 60');
  expect(await columnHeaders(widget)).toEqual(['pos', 'letter', 'A', 'T', 'G', 'C', 'note']);
  await widget.getByRole('textbox', { name: 'sequence' }).fill('TA');
  expect((await matrixRows(widget)).map((r) => r.slice(2))).toEqual([expectedRow('T', 'ATGC'), expectedRow('A', 'ATGC')]);
  expect(problems.consoleErrors).toEqual([]);
});

test('works outside a deck, and settles after its first render', async ({ page }) => {
  await openDeck(page, DECK);
  const status = await page.evaluate(async () => {
    const element = document.createElement('dna-onehot');
    element.setAttribute('sequence', 'GATTACA');
    element.setAttribute('order', 'acgt');
    document.body.append(element);
    await (element as HTMLElement & { settled: Promise<void> }).settled;
    const text = element.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
    element.remove();
    return text;
  });
  expect(status).toBe('L = 7, so the matrix is 7 × 4 — every row has exactly one 1.');
});

test('in reveal’s print view every widget settles with its matrix drawn', async ({ page }) => {
  await openDeck(page, `${DECK}&print-pdf`);
  const settled = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('dna-onehot')] as Array<HTMLElement & { settled: Promise<void> }>;
    await Promise.all(widgets.map((el) => el.settled));
    return widgets.map((el) => el.shadowRoot!.querySelectorAll('tbody tr').length);
  });
  expect(settled).toEqual([8, 30, 8]);
});

test('under prefers-reduced-motion nothing animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { widget } = await openWidget(page);
  const durations = await widget.evaluate((el) => {
    const cell = el.shadowRoot!.querySelector('td.one')!;
    const box = el.shadowRoot!.querySelector('.matrix')!;
    return [getComputedStyle(cell).transitionDuration, getComputedStyle(box).scrollBehavior];
  });
  expect(durations).toEqual(['0s', 'auto']);
});

for (const theme of ['light', 'dark'] as const) {
  test(`every dna-onehot slide passes axe in the ${theme} theme, fits 1280×720, and reads at slide scale`, async ({ page }) => {
    await openDeck(page, DECK);
    if (theme === 'dark') await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      const widget = page.locator('section.present dna-onehot');
      if (!(await widget.count())) continue;
      for (const state of ['start', 'flagged'] as const) {
        if (state === 'flagged') {
          await widget.getByRole('textbox', { name: 'sequence' }).fill('ACGTN X7acgtNNGGCCTTAA');
          await widget.getByRole('button', { name: 'N = 0.25 each' }).click();
          await widget.getByRole('region', { name: 'one-hot matrix' }).focus();
          await page.keyboard.press('ArrowDown');
        }
        for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h} (${state}): ${violation}`);
        const layout = await widget.evaluate((element) => {
          const s = document.querySelector('.reveal .slides')!.getBoundingClientRect();
          const w = element.getBoundingClientRect();
          const scale = s.width / 1280;
          let smallest = Infinity;
          for (const node of element.shadowRoot!.querySelectorAll('td, th, p, label, button, input, select, caption')) {
            smallest = Math.min(smallest, parseFloat(getComputedStyle(node).fontSize));
          }
          return { spills: w.bottom > s.bottom + 1 || w.right > s.right + 1 || w.left < s.left - 1, smallest: smallest * scale };
        });
        if (layout.spills) failures.push(`slide ${h} (${state}): the widget spills out of the 1280×720 slide`);
        if (layout.smallest < 16) failures.push(`slide ${h} (${state}): text of ${layout.smallest.toFixed(1)} px`);
        await page.screenshot({ path: `/tmp/dna-onehot-${theme}-${h}-${state}.png` });
      }
    }
    expect(failures).toEqual([]);
  });
}
