/**
 * Deck-local widgets as an instructor makes them: a course folder with a deck and `widgets/<tag>.ts` beside it —
 * one written by `axon new widget`, one copied from the sample lectures (slides/widgets/relu-unit.ts) — built
 * with `axon build --strict` (no red box, no warning), driven by keyboard with its numbers checked against an
 * independent computation and its state kept in the page address; then `axon dev` on a deck that uses a widget
 * not written yet, which appears once `axon new widget` writes it, with no restart; a clash with a built-in tag
 * shows the error naming `widgets/<tag>.ts:1`; and `axon export` prints the local widgets settled.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startDevServer, type DevServer } from './dev-server.ts';
import { openDeck, seriousAxeViolations, showWidget, watchPage } from './support.ts';

// The static site's port (playwright.config.ts) + 1010 and + 1011: ports of their own.
const SITE_PORT = Number(process.env.AXON_E2E_PORT ?? 4599) + 1010;
const DEV_PORT = SITE_PORT + 1;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const DEV = `http://127.0.0.1:${DEV_PORT}`;

const DECK = `---
title: Units of our own
---

## A ReLU unit

<relu-unit w="2"></relu-unit>

## A gauge

<my-gauge z="1.5"></my-gauge>
`;

let work = '';
let site: ChildProcess | undefined;

/** Runs the axon command; fails the test with what it printed when it fails. */
function axon(...args: string[]): string {
  const run = spawnSync(process.execPath, ['bin/axon.js', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`axon ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

/** The text of a widget's status line, spaces collapsed. */
const statusOf = (page: Page, tag: string) =>
  page
    .locator(`section.present ${tag}`)
    .evaluate((element) => element.shadowRoot?.querySelector('[role=status]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '', undefined, { timeout: 5_000 })
    .catch(() => '');

/** `question` asked of the page, false while the page is reloading (the dev server reloads it on a widget change). */
const asked = (page: Page, question: () => boolean) => () => page.evaluate(question).catch(() => false);

/** What relu-unit's status says for these numbers, computed here and written as the widget writes numbers. */
function expectedRelu(x: number, w: number, b: number): RegExp {
  const z = w * x + b;
  const n = (v: number) => String(Number(v.toPrecision(3))).replace('-', '−');
  return new RegExp(`^z = ${n(w)} · ${n(x)} ${b < 0 ? '−' : '\\+'} ${n(Math.abs(b))} = ${n(z)} · y = max\\(0, ${n(z)}\\) = ${n(Math.max(0, z))} · ${z > 0 ? 'on' : 'off'}`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  work = mkdtempSync(join(tmpdir(), 'axon-local-widgets-'));
  const course = join(work, 'course');
  mkdirSync(join(course, 'widgets'), { recursive: true });
  writeFileSync(join(course, 'units.md'), DECK);
  copyFileSync('slides/widgets/relu-unit.ts', join(course, 'widgets/relu-unit.ts'));
  expect(axon('new', 'widget', 'my-gauge', course)).toContain('widgets/my-gauge.ts');
  // --strict: an unknown-widget warning (the red box) would fail the build.
  axon('build', course, '--out', join(work, 'site'), '--strict');
  site = spawn(process.execPath, ['bin/axon.js', 'serve', join(work, 'site'), '--port', String(SITE_PORT), '--host', '127.0.0.1'], { stdio: 'ignore' });
  for (let tries = 0; tries < 120; tries++) {
    if (await fetch(`${SITE}/index.html`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('axon serve did not start');
});

test.afterAll(() => {
  site?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('built: a local widget renders (no red box), follows the keyboard with the right numbers, and keeps its state in the address', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await showWidget(page, `${SITE}/units.html`, 'relu-unit');
  await expect(widget).not.toHaveAttribute('data-axon-unknown-widget');
  await expect(widget).not.toHaveAttribute('data-axon-widget-failed');
  expect(await page.evaluate(() => customElements.get('relu-unit') !== undefined)).toBe(true);
  // x = 2 and b = −1 by default, w = 2 from the attribute.
  await expect.poll(() => statusOf(page, 'relu-unit')).toMatch(expectedRelu(2, 2, -1));
  expect(await seriousAxeViolations(page)).toEqual([]);
  const fontPx = await widget.evaluate((element) => parseFloat(getComputedStyle(element.shadowRoot!.querySelector('[role=status]')!).fontSize));
  expect(fontPx, 'status text at the projector floor (21 CSS px on the slide)').toBeGreaterThanOrEqual(21);

  // The input slider by keyboard: Home → x = −4, so z = −9 and the unit is off; the deck stays on its slide.
  const input = widget.getByRole('slider', { name: /input x/ });
  await input.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => statusOf(page, 'relu-unit')).toMatch(expectedRelu(-4, 2, -1));
  expect(await statusOf(page, 'relu-unit')).toContain('no gradient reaches w or b');
  // The bias slider, three steps of 0.1 up by arrow key: b = −0.7.
  const bias = widget.getByRole('slider', { name: /bias b/ });
  await bias.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => statusOf(page, 'relu-unit')).toMatch(expectedRelu(-4, 2, -0.7));
  const kept = () => Object.fromEntries(new URLSearchParams(new URL(page.url()).searchParams.get('relu-unit') ?? ''));
  await expect.poll(kept).toEqual({ x: '-4', b: '-0.7' });

  // A copied link reopens the same configuration.
  await openDeck(page, page.url());
  await expect.poll(() => statusOf(page, 'relu-unit')).toMatch(expectedRelu(-4, 2, -0.7));
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
});

test('built: the widget `axon new widget` writes works as it is: its attribute, its readout, its URL state', async ({ page }) => {
  const problems = await watchPage(page);
  const { widget } = await showWidget(page, `${SITE}/units.html`, 'my-gauge');
  await expect(widget).not.toHaveAttribute('data-axon-unknown-widget');
  const sigmoid = (z: number) => String(Number((1 / (1 + Math.exp(-z))).toPrecision(3)));
  await expect.poll(() => statusOf(page, 'my-gauge')).toBe(`σ(z) = 1 / (1 + e⁻ᶻ) = ${sigmoid(1.5)}`);
  const slider = widget.getByRole('slider');
  await slider.focus();
  await page.keyboard.press('End');
  await expect.poll(() => statusOf(page, 'my-gauge')).toBe(`σ(z) = 1 / (1 + e⁻ᶻ) = ${sigmoid(6)}`);
  await expect.poll(() => new URL(page.url()).searchParams.get('my-gauge')).toBe('z=6');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // settle() is there and resolves (printing calls it).
  expect(await widget.evaluate(async (element) => {
    await (element as unknown as { settle(): Promise<void> }).settle();
    await (element as unknown as { settled: Promise<void> }).settled;
    return 'settled';
  })).toBe('settled');
  expect(problems.consoleErrors).toEqual([]);
});

test('axon export prints the local widgets settled, their settings as text', async () => {
  test.setTimeout(180_000);
  const pdf = join(work, 'units.pdf');
  axon('export', join(work, 'course/units.md'), '--out', pdf, '--quiet');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('z = 2 · 2 − 1 = 3 · y = max(0, 3) = 3 · on');
  expect(text).toContain('σ(z) = 1 / (1 + e⁻ᶻ) = 0.818');
});

test.describe('axon dev', () => {
  let server: DevServer | undefined;
  let folder = '';

  test.beforeAll(async () => {
    folder = join(work, 'live');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'talk.md'), '---\ntitle: Live\n---\n\n## Soon\n\n<late-gauge z="-1"></late-gauge>\n');
    server = await startDevServer(folder, DEV_PORT);
  });

  test.afterEach(({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) console.log(`axon dev said:\n${server?.log}`);
  });

  test.afterAll(() => server?.stop());

  test('a widget file written while axon dev runs replaces the red box, with no restart; a built-in tag is an error naming the file', async ({ page }) => {
    test.setTimeout(120_000);
    const { widget } = await showWidget(page, `${DEV}/talk.html`, 'late-gauge');
    await expect(widget).toHaveAttribute('data-axon-unknown-widget', 'late-gauge');

    axon('new', 'widget', 'late-gauge', folder);
    await expect.poll(asked(page, () => customElements.get('late-gauge') !== undefined), { timeout: 30_000 }).toBe(true);
    const shown = page.locator('section.present late-gauge');
    await expect(shown).not.toHaveAttribute('data-axon-unknown-widget');
    await expect.poll(() => statusOf(page, 'late-gauge')).toBe(`σ(z) = 1 / (1 + e⁻ᶻ) = ${Number((1 / (1 + Math.exp(1))).toPrecision(3))}`);
    await expect.poll(() => server!.log).toContain('fixed — unknown widget warning');

    // An edit to the widget reloads the page with the new code (a custom element cannot be defined twice).
    const file = join(folder, 'widgets/late-gauge.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<p role="status">σ(z)', '<p role="status">edited: σ(z)'));
    await expect.poll(() => statusOf(page, 'late-gauge'), { timeout: 30_000 }).toMatch(/^edited: σ\(z\)/);

    // A widget file that takes a built-in tag: the page says which file, at line 1, and what to do.
    writeFileSync(join(folder, 'widgets/ua-fitter.ts'), 'export {};\n');
    await expect(page.locator('.axon-error')).toContainText('widgets/ua-fitter.ts:1: <ua-fitter> is a built-in widget of Axon — rename this file', { timeout: 30_000 });
    unlinkSync(join(folder, 'widgets/ua-fitter.ts'));
    await expect.poll(asked(page, () => customElements.get('late-gauge') !== undefined && document.querySelector('late-gauge') !== null), { timeout: 30_000 }).toBe(true);
  });
});
