/**
 * Quarto's numbered equations on a built deck (e2e/fixtures/problems/math-equations.md): `$$ … $$ {#eq-…}` shows
 * its number at the right of its own box (a column's, not the slide's), `@eq-…` links move reveal.js to the slide
 * holding the equation, and raw `{=tex}` math shows without KaTeX's own row numbers (which would clash).
 * Screenshots in /tmp/p4/shots/math-e2e-*.png.
 */
import { expect, test } from '@playwright/test';
import { currentIndices, findSlide, openDeck, showSlide, watchPage } from './support.ts';

const DECK = 'problems/math-equations.html?transition=none&backgroundTransition=none';
const SHOTS = '/tmp/p4/shots';

test('a reference link moves the deck to the slide holding the equation', async ({ page }) => {
  const problems = await watchPage(page);
  await openDeck(page, DECK);
  const why = await findSlide(page, 'a.quarto-xref');
  await showSlide(page, why.h, why.v);
  const links = page.locator('section.present a.quarto-xref');
  await expect(links).toHaveText(['Equation\u00a01', '2', 'Equation\u00a01', 'Equation\u00a02']);
  await page.screenshot({ path: `${SHOTS}/math-e2e-references.png` });

  for (const [index, label] of [
    [0, 'eq-ridge'],
    [1, 'eq-lasso'],
  ] as const) {
    await showSlide(page, why.h, why.v);
    const target = await findSlide(page, `#${label}`);
    await links.nth(index).click();
    await expect.poll(() => currentIndices(page).then(({ h, v }) => ({ h, v }))).toEqual(target);
    await expect(page.locator(`section.present #${label}`)).toBeVisible();
  }
  expect(problems.consoleErrors).toEqual([]);
});

test('the number sits at the right of the equation, inside its column', async ({ page }) => {
  await openDeck(page, DECK);
  for (const label of ['eq-ridge', 'eq-lasso']) {
    const where = await findSlide(page, `#${label}`);
    await showSlide(page, where.h, where.v);
    const equation = page.locator(`section.present #${label}`);
    const tag = equation.locator('.katex-tag');
    await expect(tag).toHaveText(label === 'eq-ridge' ? '(1)' : '(2)');
    const [box, tagBox, formulaBox] = await Promise.all([equation.boundingBox(), tag.boundingBox(), equation.locator('.katex-html > .katex-base').first().boundingBox()]);
    expect(box && tagBox && formulaBox).toBeTruthy();
    // Right-aligned in the equation's own box, after the formula, never past the box's edge.
    expect(Math.abs(box!.x + box!.width - (tagBox!.x + tagBox!.width))).toBeLessThan(4);
    expect(tagBox!.x).toBeGreaterThan(formulaBox!.x + formulaBox!.width);
    await page.screenshot({ path: `${SHOTS}/math-e2e-${label}.png` });
  }
});

test('raw {=tex} math renders without KaTeX row numbers', async ({ page }) => {
  await openDeck(page, DECK);
  const where = await findSlide(page, '.katex-display .mtable');
  await showSlide(page, where.h, where.v);
  await expect(page.locator('section.present .katex-display')).toBeVisible();
  await expect(page.locator('section.present .katex .eqn-num').first()).toBeHidden();
});
