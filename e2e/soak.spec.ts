/**
 * A whole term in one go: each lecture stepped through three times with every widget playing while its
 * slide shows. Nothing may go wrong quietly: no console error, every tensor a widget took while shown given
 * back once its slide is left, and the JavaScript heap not growing from one pass to the next.
 */
import { expect, test, type Page } from '@playwright/test';
import { openDeck, showSlide, slideIndices, watchPage } from './support.ts';

const LECTURES = ['intro-deep-learning.html', 'linear-to-mlp.html', 'linear-neuron.html', 'perceptron-mlp.html', 'architectures.html'];
const CYCLES = 3;
/** How long each widget slide trains before the deck moves on. */
const PLAY_MS = 1_200;

/** The engine's live tensor count. */
function tensorCount(page: Page): Promise<number> {
  return page.evaluate(() => window.axon!.engine!.tensorCount);
}

/** The JS heap in use after a full garbage collection (Chromium's DevTools protocol). */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Presses every enabled Play button on the slide shown now; returns how many. */
async function playEverything(page: Page): Promise<number> {
  const buttons = page.locator('.reveal .slides section.present:not(.stack)').getByRole('button', { name: 'Play', exact: true });
  let pressed = 0;
  for (const button of await buttons.all()) {
    if ((await button.isVisible()) && (await button.isEnabled()) && (await button.getAttribute('aria-disabled')) !== 'true') {
      // A widget still loading (its digits, its trainer in the worker) may disable Play between the look and
      // the click: that one is not pressed this pass, rather than the click waiting out the test.
      pressed += await button.click({ timeout: 3_000 }).then(
        () => 1,
        () => 0,
      );
    }
  }
  return pressed;
}

for (const deck of LECTURES) {
  test(`${deck}: three passes with every widget playing — no errors, tensors given back, heap flat`, async ({ page }) => {
    test.setTimeout(420_000);
    const problems = await watchPage(page);
    await openDeck(page, `${deck}?transition=none&backgroundTransition=none`);
    const slides = await slideIndices(page);
    const widgetSlides = await page.evaluate(() =>
      window
        .axon!.reveal.getSlides()
        .map((slide, index) => ({ index, widgets: Array.from(slide.querySelectorAll('*')).filter((el) => el.localName.includes('-') && customElements.get(el.localName)).length }))
        .filter(({ widgets }) => widgets > 0)
        .map(({ index }) => index),
    );
    expect(widgetSlides.length).toBeGreaterThan(0);

    const leaks: string[] = [];
    const heaps: number[] = [];
    let played = 0;
    // Tensors are counted on a slide without widgets next to each widget slide: the widgets around it are
    // all hidden there, so every trainer should be suspended and the count is the deck's resting count.
    const restFor = (index: number) => {
      for (let distance = 1; distance < slides.length; distance += 1) {
        for (const candidate of [index + distance, index - distance]) {
          if (candidate >= 0 && candidate < slides.length && !widgetSlides.includes(candidate)) return slides[candidate]!;
        }
      }
      throw new Error('a deck of widget slides only');
    };
    const restingCount = async () => {
      // Settled when two reads 700 ms apart agree (hidden trainers suspend within about 600 ms).
      let previous = -1;
      for (;;) {
        const count = await tensorCount(page);
        if (count === previous) return count;
        previous = count;
        await page.waitForTimeout(700);
      }
    };
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      for (const [index, { h, v }] of slides.entries()) {
        if (!widgetSlides.includes(index)) {
          await showSlide(page, h, v);
          continue;
        }
        const rest = restFor(index);
        await showSlide(page, rest.h, rest.v);
        const baseline = await restingCount();
        await showSlide(page, h, v);
        played += await playEverything(page);
        await page.waitForTimeout(PLAY_MS);
        await showSlide(page, rest.h, rest.v);
        const after = await restingCount();
        if (after !== baseline) leaks.push(`pass ${cycle}, slide ${h}.${v}: ${after - baseline} tensors still held after leaving`);
      }
      if (cycle === 1 || cycle === CYCLES) heaps.push(await heapAfterGc(page));
    }

    expect(played, 'Play buttons pressed').toBeGreaterThan(0);
    expect(leaks).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
    const [first, last] = heaps as [number, number];
    const growth = (last - first) / first;
    test.info().annotations.push({ type: 'heap', description: `${(first / 1e6).toFixed(1)} MB after pass 1, ${(last / 1e6).toFixed(1)} MB after pass ${CYCLES} (${(growth * 100).toFixed(1)} %)` });
    expect(Math.abs(growth), `heap ${first} → ${last} bytes`).toBeLessThanOrEqual(0.1);
  });
}
