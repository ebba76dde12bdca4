/**
 * `<hh-simulator>` on a built deck, driven as a person would: by the controls' accessible names, with the
 * keyboard and the slider, reading the status and the downloaded CSV.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { reopenCopiedAddress } from './copied-address.ts';
import { currentIndices, seriousAxeViolations, showSlide, showWidget, watchPage } from './support.ts';

const DECK = 'problems/hh-simulator.html?transition=none&backgroundTransition=none';

/** Opens the deck on the slide holding the widget that matches `selector`; returns that widget. */
async function openWidget(page: Page, selector = 'hh-simulator:not([current])'): Promise<Locator> {
  const { widget } = await showWidget(page, DECK, selector);
  await widget.evaluate((el: HTMLElement & { settled?: Promise<void> }) => el.settled);
  return widget;
}

/** Downloads the trace through the "Download CSV" button and returns its text. */
async function downloadCsv(page: Page, widget: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), widget.getByRole('button', { name: 'Download CSV' }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** Spikes recounted from the CSV: upward crossings of 0 mV in the V_mV column. */
function spikesInCsv(text: string): { header: string; rows: number; spikes: number } {
  const lines = text.trimEnd().split('\n');
  const V = lines.slice(1).map((line) => Number(line.split(',')[1]));
  let spikes = 0;
  for (let i = 1; i < V.length; i += 1) if (V[i - 1]! < 0 && V[i]! >= 0) spikes += 1;
  return { header: lines[0]!, rows: lines.length - 1, spikes };
}

test('spike counts at several currents, in the status and recounted from the downloaded CSV', async ({ page }) => {
  const problems = await watchPage(page);
  const widget = await openWidget(page);
  const slider = widget.getByRole('slider', { name: 'injected current' });
  const status = widget.getByRole('status');
  await expect(status).toHaveText('6 spikes in 100 ms · 66.7 Hz');

  // Expected counts from the model tests' independent reference: silent, one spike, a train.
  const cases = [
    { current: 0, spikes: 0, text: '0 spikes in 100 ms · 0.0 Hz' },
    { current: 4, spikes: 1, text: '1 spike in 100 ms · 11.1 Hz' },
    { current: 10, spikes: 6, text: '6 spikes in 100 ms · 66.7 Hz' },
    { current: 20, spikes: 8, text: '8 spikes in 100 ms · 88.9 Hz' },
  ];
  for (const { current, spikes, text } of cases) {
    await slider.fill(String(current));
    await expect(status).toHaveText(text);
    const csv = await downloadCsv(page, widget);
    const counted = spikesInCsv(csv.text);
    expect(counted.header).toBe('t_ms,V_mV,m,h,n');
    expect(counted.rows).toBe(100 / 0.01 + 1);
    expect(counted.spikes, `CSV at ${current} µA/cm²`).toBe(spikes);
    expect(csv.name).toMatch(/\.csv$/);
  }
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test('arrow keys on the focused slider change the current, not the slide', async ({ page }) => {
  const widget = await openWidget(page);
  const slider = widget.getByRole('slider', { name: 'injected current' });
  const before = await currentIndices(page);
  await slider.focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('10.3');
  await expect(slider).toHaveAttribute('aria-valuetext', '10.3 µA/cm²');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('9.8');
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await expect(widget.getByRole('status')).toHaveText('0 spikes in 100 ms · 0.0 Hz');
  expect(await currentIndices(page)).toEqual(before);
});

test('the rate-function picker switches the plot; the replay moves the marker only while shown', async ({ page }) => {
  const widget = await openWidget(page);
  const ratePlot = widget.getByRole('img', { name: /rate function/i });
  await expect(ratePlot).toHaveAttribute('aria-label', /β_m/);
  const picker = widget.getByRole('combobox', { name: 'rate functions' });
  await picker.selectOption({ label: 'αₙ: n opens' });
  await expect(ratePlot).toHaveAttribute('aria-label', /α_n/);
  await picker.focus();
  await page.keyboard.press('ArrowUp');
  await expect(ratePlot).toHaveAttribute('aria-label', /β_h/);

  const replay = widget.getByRole('button', { name: 'Replay' });
  await expect(replay).toHaveAttribute('aria-pressed', 'true');
  const marker = widget.locator('svg.rates circle.marker');
  const positions = new Set<string>();
  for (let i = 0; i < 6; i += 1) {
    positions.add(`${await marker.getAttribute('cx')},${await marker.getAttribute('cy')}`);
    await page.waitForTimeout(120);
  }
  expect(positions.size).toBeGreaterThan(2);

  // Pressing Replay stops the cursor where it is.
  await replay.click();
  await expect(replay).toHaveAttribute('aria-pressed', 'false');
  const stopped = await marker.getAttribute('cx');
  await page.waitForTimeout(300);
  expect(await marker.getAttribute('cx')).toBe(stopped);

  // Running again, then leaving the slide: the widget stops animating while hidden.
  await replay.click();
  const where = await currentIndices(page);
  await showSlide(page, where.h + 1, 0);
  const offSlide = page.locator('hh-simulator:not([current]) svg.rates circle.marker');
  const hidden = await offSlide.getAttribute('cx');
  await page.waitForTimeout(300);
  expect(await offSlide.getAttribute('cx')).toBe(hidden);
  // …and runs again when its slide comes back.
  await showSlide(page, where.h, where.v);
  await expect.poll(() => offSlide.getAttribute('cx')).not.toBe(hidden);
});

test('with reduced motion the cursor rests at the end of the window until Replay is pressed', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const widget = await openWidget(page);
  const replay = widget.getByRole('button', { name: 'Replay' });
  await expect(replay).toHaveAttribute('aria-pressed', 'false');
  const cursor = widget.locator('svg').first().locator('line.cursor');
  const x = await cursor.getAttribute('x1');
  await page.waitForTimeout(300);
  expect(await cursor.getAttribute('x1')).toBe(x);
  // The end of the window: the cursor is on the right edge of the time axis.
  const edge = await widget.locator('svg').first().locator('rect.band').evaluate((rect) => {
    const r = rect as SVGRectElement;
    return r.x.baseVal.value + r.width.baseVal.value;
  });
  expect(Number(x)).toBeCloseTo(edge, 1);
});

test('a bad attribute warns on the widget, naming it, and the widget falls back to 10 µA/cm²', async ({ page }) => {
  const widget = await openWidget(page, 'hh-simulator[current="900"]');
  await expect(widget.getByRole('alert')).toContainText('current="900"');
  await expect(widget.getByRole('alert')).toContainText('0…50');
  await expect(widget.getByRole('slider', { name: 'injected current' })).toHaveValue('10');
  await expect(widget.getByRole('status')).toHaveText('6 spikes in 100 ms · 66.7 Hz');
});

test('both slides pass an axe scan (no serious or critical violations)', async ({ page }) => {
  for (const selector of ['hh-simulator:not([current])', 'hh-simulator[current="900"]']) {
    await openWidget(page, selector);
    expect(await seriousAxeViolations(page), selector).toEqual([]);
  }
});

test('works outside a deck: the same module on a plain page simulates and animates', async ({ page }) => {
  await openWidget(page);
  const moduleUrl = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).find((name) => /hh-simulator[^/]*\.js$/.test(name)),
  );
  expect(moduleUrl).toBeTruthy();
  await page.goto('problems/index.html');
  await page.evaluate(async (url) => {
    document.body.innerHTML = '<hh-simulator current="4"></hh-simulator>';
    await import(url);
    await (document.querySelector('hh-simulator') as HTMLElement & { settled: Promise<void> }).settled;
  }, moduleUrl!);
  const widget = page.locator('hh-simulator');
  await expect(widget.getByRole('status')).toHaveText('1 spike in 100 ms · 11.1 Hz');
  const marker = widget.locator('svg.rates circle.marker');
  const first = await marker.getAttribute('cx');
  await expect.poll(() => marker.getAttribute('cx')).not.toBe(first);
});

test('fits a 1280×720 slide under its heading, with readable text (screenshots in /tmp)', async ({ page }) => {
  const widget = await openWidget(page);
  await widget.getByRole('button', { name: 'Replay' }).click();
  const box = (await widget.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  expect(box.height).toBeLessThanOrEqual(560);
  const smallest = await widget.evaluate((el) => {
    let min = Infinity;
    for (const text of el.shadowRoot!.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      const scale = (text.ownerSVGElement!.getScreenCTM()?.a ?? 1);
      min = Math.min(min, size * scale);
    }
    return min;
  });
  // The room's floor (issue 17): 20 px drawn on a 1280×720 screen.
  expect(smallest).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: '/tmp/hh-light.png' });
  await page.evaluate(() => (document.documentElement.dataset.axonTheme = 'dark'));
  await page.screenshot({ path: '/tmp/hh-dark.png' });
  const where = await currentIndices(page);
  await showSlide(page, where.h + 1, 0);
  await page.screenshot({ path: '/tmp/hh-warning.png' });
});

test('the current a student sets is in the address: a copied link shows the same current and spike count', async ({ page }) => {
  const widget = await openWidget(page);
  const slider = widget.getByRole('slider', { name: 'injected current' });
  const status = widget.getByRole('status');
  const before = (await status.textContent())!.trim();
  await slider.fill('25');
  await expect(status).not.toHaveText(before);
  const again = await reopenCopiedAddress(widget, { current: '25' }, 'hh-simulator:not([current])');
  await expect(again.getByRole('slider', { name: 'injected current' })).toHaveValue('25');
  await expect(again.getByRole('status')).toHaveText((await status.textContent())!.trim());
});
