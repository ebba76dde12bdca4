/**
 * Drawing on slides, as a presenter does it: `D`, a stroke across a widget's slide with the mouse (the widget
 * underneath is not driven), the stroke stays on its slide, survives a reload, reaches the speaker view, is
 * rubbed out by the eraser and brought back by Undo, goes out as a file and comes back in; the widget works
 * again once draw mode is left. A PDF export prints the stroke only when given `--drawings FILE`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openDeck, showSlide, watchPage } from './support.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const out = mkdtempSync(join(tmpdir(), 'axon-drawing-test-'));
test.afterAll(() => rmSync(out, { recursive: true, force: true }));

const RED_PEN = [0xe5, 0x38, 0x3b] as const;
const strokes = (page: Page) => page.locator('.reveal .slides > .axon-drawing-layer path');
const tool = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Drawing tools' }).getByRole('button', { name });

/** Where the perceptron widget's slide is, and the page box of its bias slider. */
async function openPerceptronSlide(page: Page) {
  await openDeck(page, 'sample.html');
  const where = await page.evaluate(() => {
    const reveal = window.axon!.reveal;
    const slide = reveal.getSlides().find((s) => s.querySelector('perceptron-boundary'))!;
    const { h, v } = reveal.getIndices(slide);
    return { h, v: v ?? 0, number: reveal.getSlides().indexOf(slide) + 1 };
  });
  await showSlide(page, where.h, where.v);
  return where;
}

/** A wavy stroke with the mouse from (x, y), 300 px wide, in page pixels. */
async function drawWave(page: Page, x: number, y: number) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 15; i += 1) await page.mouse.move(x + i * 20, y + Math.sin(i / 2) * 30);
  await page.mouse.up();
}

/** The widget's readout, "w = (1.00, 1.00) · b = −1.00 · accuracy 65 % …": it changes when the bias does. */
const biasValue = (page: Page) => page.locator('section.present perceptron-boundary').getByText(/accuracy/).first().textContent();

let exported = '';
let slideNumber = 0;
// One browser context for the whole story: the strokes live in its storage from one test to the next.
let context: BrowserContext;
let page: Page;
test.beforeAll(async ({ browser }, info) => {
  context = await browser.newContext({ baseURL: info.project.use.baseURL, viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
});
test.afterAll(async () => context?.close());

test('a stroke drawn over a widget stays on its slide, survives a reload and is not the widget’s', async () => {
  const problems = await watchPage(page);
  const where = await openPerceptronSlide(page);
  slideNumber = where.number;
  await expect(strokes(page)).toHaveCount(0);
  const slider = page.locator('section.present perceptron-boundary').getByRole('slider', { name: /bias/i });
  const before = await biasValue(page);
  const box = (await slider.boundingBox())!;

  // The toolbar appears only in draw mode; `D` is in reveal's keyboard help.
  await expect(page.getByRole('toolbar', { name: 'Drawing tools' })).toBeHidden();
  await page.evaluate(() => window.axon!.reveal.toggleHelp(true));
  await expect(page.locator('.reveal .r-overlay-help')).toContainText('Draw on the slide');
  await page.evaluate(() => window.axon!.reveal.toggleHelp(false));
  await page.keyboard.press('d');
  await expect(page.getByRole('toolbar', { name: 'Drawing tools' })).toBeVisible();
  await expect(tool(page, 'Red pen')).toHaveAttribute('aria-pressed', 'true');

  // Across the bias slider: a stroke, and the slider does not move.
  await drawWave(page, box.x - 40, box.y + box.height / 2);
  await expect(strokes(page)).toHaveCount(1);
  expect(await biasValue(page)).toBe(before);
  await expect(strokes(page).first()).toHaveAttribute('fill', '#e5383b');

  // The stroke is in slide coordinates: its box scales with the window.
  const wide = (await strokes(page).first().boundingBox())!;
  await page.setViewportSize({ width: 640, height: 360 });
  await expect.poll(async () => (await strokes(page).first().boundingBox())!.width).toBeCloseTo(wide.width / 2, -1);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Next slide: none there; back: it is.
  await page.keyboard.press('ArrowRight');
  await expect(strokes(page)).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(strokes(page)).toHaveCount(1);

  // A reload keeps it (the browser's storage), on its slide only.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true');
  await showSlide(page, where.h, where.v);
  await expect(strokes(page)).toHaveCount(1);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('axon-drawings:sample') ?? '{}'));
  expect(stored).toMatchObject({ format: 'axon-drawings', version: 1, deck: 'sample' });
  expect(Object.keys(stored.slides)).toEqual(['the-perceptron-s-boundary']);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.externalRequests).toEqual([]);
});

test('the eraser rubs out a whole stroke, Undo brings it back, and the widget works again after drawing', async () => {
  await openPerceptronSlide(page);
  await expect(strokes(page)).toHaveCount(1);
  const stroke = (await strokes(page).first().boundingBox())!;
  await page.keyboard.press('d');
  await tool(page, 'Eraser: rub out whole strokes').click();
  // A rub across the stroke's middle, top to bottom.
  const x = stroke.x + stroke.width / 2;
  await page.mouse.move(x, stroke.y - 30);
  await page.mouse.down();
  await page.mouse.move(x, stroke.y + stroke.height + 30, { steps: 4 });
  await page.mouse.up();
  await expect(strokes(page)).toHaveCount(0);
  await tool(page, 'Undo').click();
  await expect(strokes(page)).toHaveCount(1);

  // The toolbar is labelled and axe-clean; Esc leaves draw mode and the pointer is the widget's again.
  const axe = await new AxeBuilder({ page }).include('.axon-draw-toolbar').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  for (const button of await page.locator('.axon-draw-toolbar button').all()) {
    const size = (await button.boundingBox())!;
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(44);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar', { name: 'Drawing tools' })).toBeHidden();
  expect(await page.evaluate(() => window.axon!.reveal.isOverview())).toBe(false);
  const before = await biasValue(page);
  const slider = page.locator('section.present perceptron-boundary').getByRole('slider', { name: /bias/i });
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  await expect.poll(() => biasValue(page)).not.toBe(before);
  await expect(strokes(page)).toHaveCount(1);
});

test('the speaker view shows the strokes and follows each change live', async () => {
  await openPerceptronSlide(page);
  // reveal's notes plugin opens the deck with ?receiver in its windows; one such window, on this slide.
  const speaker = await context.newPage();
  await openDeck(speaker, `sample.html?receiver&controls=false#/the-perceptron-s-boundary`);
  await expect(strokes(speaker)).toHaveCount(1);
  await expect(speaker.locator('.axon-draw-launcher')).toHaveCount(0);
  // The presenter's window in front again (a tab behind gets its input a frame a second).
  await page.bringToFront();
  await page.keyboard.press('d');
  await tool(page, 'Blue pen').click();
  await drawWave(page, 700, 450);
  await expect(strokes(page)).toHaveCount(2);
  await expect(strokes(speaker)).toHaveCount(2);
  await expect(strokes(speaker).nth(1)).toHaveAttribute('fill', '#3a7bd5');
  await tool(page, 'Undo').click();
  await expect(strokes(speaker)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await speaker.close();
});

test('Export saves the strokes as a file and Import brings them back; a file of another deck is refused', async () => {
  await openPerceptronSlide(page);
  await page.keyboard.press('d');
  const download = page.waitForEvent('download');
  await tool(page, 'Export drawings (.json)').click();
  const file = join(out, 'sample-drawings.json');
  await (await download).saveAs(file);
  exported = readFileSync(file, 'utf8');
  expect((await download).suggestedFilename()).toBe('sample-drawings.json');
  expect(JSON.parse(exported).slides['the-perceptron-s-boundary']).toHaveLength(1);

  await tool(page, 'Clear this slide').click();
  await expect(strokes(page)).toHaveCount(0);
  const chooser = page.waitForEvent('filechooser');
  await tool(page, 'Import drawings (.json)').click();
  await (await chooser).setFiles(file);
  await expect(strokes(page)).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Imported sample-drawings.json' })).toBeVisible();

  const other = join(out, 'other.json');
  writeFileSync(other, exported.replace('"deck": "sample"', '"deck": "lecture-2"'));
  const second = page.waitForEvent('filechooser');
  await tool(page, 'Import drawings (.json)').click();
  await (await second).setFiles(other);
  await expect(page.getByRole('status').filter({ hasText: 'holds drawings of the deck "lecture-2", not of "sample"' })).toBeVisible();
  await expect(strokes(page)).toHaveCount(1);
});

test('a finger draws instead of swiping to the next slide, and a pen’s pressure widens its line', async ({ browser }, info) => {
  const touch = await browser.newContext({ baseURL: info.project.use.baseURL, viewport: { width: 1280, height: 720 }, hasTouch: true });
  const tablet = await touch.newPage();
  try {
    await openPerceptronSlide(tablet);
    const before = await tablet.evaluate(() => window.axon!.reveal.getIndices());
    const cdp = await touch.newCDPSession(tablet);
    // reveal turns the slide on a horizontal swipe; in draw mode the same gesture is a stroke.
    await tablet.keyboard.press('d');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 900, y: 500 }] });
    for (let i = 1; i <= 10; i += 1) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 900 - i * 50, y: 500 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(strokes(tablet)).toHaveCount(1);
    expect(await tablet.evaluate(() => window.axon!.reveal.getIndices())).toEqual(before);

    // A pen pressing harder as it goes: its pressures are kept, and the line is wider where it pressed harder.
    await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: 300, y: 620, button: 'left', clickCount: 1, pointerType: 'pen', force: 0.1 });
    for (let i = 1; i <= 12; i += 1) {
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 300 + i * 40, y: 620, button: 'left', buttons: 1, pointerType: 'pen', force: 0.1 + (0.9 * i) / 12 });
    }
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: 780, y: 620, button: 'left', clickCount: 1, pointerType: 'pen', force: 1 });
    await expect(strokes(tablet)).toHaveCount(2);
    const pressures = await tablet.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem('axon-drawings:sample')!);
      return (saved.slides['the-perceptron-s-boundary'][1].points as number[][]).map((p) => p[2]!);
    });
    expect(pressures[0]!).toBeLessThan(0.3);
    expect(pressures[pressures.length - 1]!).toBeGreaterThan(0.8);
    // Thickness near the start and near the end, measured on the drawn outline (slide pixels).
    const thickness = await tablet.evaluate(() => {
      const path = document.querySelectorAll<SVGPathElement>('.reveal .slides > .axon-drawing-layer path')[1]!;
      const box = (x: number) => {
        const ys = [...path.getAttribute('d')!.matchAll(/([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]).filter(([px]) => Math.abs(px! - x) < 25).map(([, py]) => py!);
        return Math.max(...ys) - Math.min(...ys);
      };
      const layer = document.querySelector('.reveal .slides > .axon-drawing-layer')!.getBoundingClientRect();
      const toSlide = (x: number) => ((x - layer.left) * 1280) / layer.width;
      return { start: box(toSlide(380)), end: box(toSlide(700)) };
    });
    expect(thickness.end).toBeGreaterThan(thickness.start * 1.5);
  } finally {
    await touch.close();
  }
});

/** Pixels of `png` within 40 of the red pen's colour, around the stroke's own points (slide → page offset). */
function redNearStroke(png: PNG, points: Array<[number, number, number]>, offset: { x: number; y: number }): number {
  let hits = 0;
  for (const [x, y] of points) {
    let red = false;
    for (let dy = -3; dy <= 3 && !red; dy += 1) {
      for (let dx = -3; dx <= 3 && !red; dx += 1) {
        const px = Math.round(x + offset.x + dx);
        const py = Math.round(y + offset.y + dy);
        if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue;
        const i = (py * png.width + px) * 4;
        red = Math.abs(png.data[i]! - RED_PEN[0]) < 40 && Math.abs(png.data[i + 1]! - RED_PEN[1]) < 40 && Math.abs(png.data[i + 2]! - RED_PEN[2]) < 40;
      }
    }
    if (red) hits += 1;
  }
  return hits;
}

test('axon export prints the strokes with --drawings FILE, and none without it', async () => {
  test.setTimeout(300_000);
  expect(exported).not.toBe('');
  const file = join(out, 'sample-drawings.json');
  const points = JSON.parse(exported).slides['the-perceptron-s-boundary'][0].points as Array<[number, number, number]>;
  const printed: Record<string, PNG> = {};
  for (const [name, extra] of [
    ['with', ['--drawings', file]],
    ['without', []],
  ] as const) {
    const pdf = join(out, `${name}.pdf`);
    const run = spawnSync('node', ['bin/axon.js', 'export', 'slides/sample.md', '--slides', String(slideNumber), '--out', pdf, '--quiet', ...extra], { encoding: 'utf8', timeout: 240_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    execFileSync('pdftoppm', ['-r', '96', '-singlefile', '-png', pdf, join(out, name)]);
    printed[name] = PNG.sync.read(readFileSync(join(out, `${name}.png`)));
  }
  // The page is the slide plus reveal's margin around it (4 %), at one pixel per CSS pixel.
  const page = printed.with!;
  const offset = { x: (page.width - 1280) / 2, y: (page.height - 720) / 2 };
  expect(redNearStroke(page, points, offset)).toBeGreaterThan(points.length * 0.9);
  expect(redNearStroke(printed.without!, points, offset)).toBeLessThan(points.length * 0.1);

  // A file for another deck is refused before anything is built, naming both decks.
  const other = join(out, 'other.json');
  const refused = spawnSync('node', ['bin/axon.js', 'export', 'slides/sample.md', '--drawings', other, '--out', join(out, 'no.pdf')], { encoding: 'utf8', timeout: 60_000 });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('holds drawings of the deck "lecture-2", not of "sample"');
});
