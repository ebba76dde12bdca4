/**
 * The lectures as the back row of a room of 200 sees them on a 1280×720 projector: every text a widget shows
 * is drawn at 20 px or more, before and after Play, and no widget runs under reveal's arrows or slide number.
 */
import { expect, test, type Page } from '@playwright/test';
import { openDeck, showSlide, slideIndices } from './support.ts';
import { chromeOverlaps, shownTexts } from './projector-support.ts';
import { widgets } from '../components/registry.ts';

/** The smallest text the back row can read on a 1280×720 projector (issue 17). */
const MIN_PX = 20;
const LECTURES = ['intro-deep-learning.html', 'linear-to-mlp.html', 'linear-neuron.html', 'perceptron-mlp.html', 'architectures.html'];
const TAGS = Object.keys(widgets).join(', ');

/** What is too small or overlapping on the present slide, one line per finding. */
async function findings(page: Page, label: string): Promise<string[]> {
  const found: string[] = [];
  const shown = page.locator(`.reveal .slides section.present:not(.stack)`).locator(TAGS);
  for (let i = 0; i < (await shown.count()); i += 1) {
    const widget = shown.nth(i);
    const tag = await widget.evaluate((element) => element.localName);
    const small = (await shownTexts(widget)).filter((t) => t.px < MIN_PX - 0.05);
    if (small.length) {
      const list = small.slice(0, 6).map((t) => `${t.where} "${t.text}" ${t.px} px`).join('; ');
      found.push(`${label} <${tag}>: ${small.length} texts under ${MIN_PX} px — ${list}`);
    }
    for (const overlap of await chromeOverlaps(page, widget)) found.push(`${label} <${tag}> runs under ${overlap}`);
  }
  return found;
}

/** Presses a widget's Play (or Train / Run) once, if it has one that is enabled (an autoplay widget is already running), and lets it run a moment. */
async function pressPlay(page: Page): Promise<void> {
  const play = page.locator('.reveal .slides section.present:not(.stack)').getByRole('button', { name: /^(Play|Train|Run)\b/ });
  if ((await play.count()) && (await play.first().isEnabled())) {
    await play.first().click();
    await page.waitForTimeout(1500);
  }
}

for (const deck of LECTURES) {
  test(`${deck}: every widget's text is ≥ ${MIN_PX} px at 1280×720 and clear of the arrows, before and after Play`, async ({ page }) => {
    test.setTimeout(300_000);
    await openDeck(page, `${deck}?transition=none&backgroundTransition=none`);
    const problems: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      const present = page.locator('.reveal .slides section.present:not(.stack)');
      if (!(await present.locator(TAGS).count())) continue;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const title = (await present.locator(':is(h1, h2)').first().textContent().catch(() => ''))?.trim();
      const label = `slide ${h}.${v} "${title}"`;
      problems.push(...(await findings(page, `${label} before Play`)));
      await pressPlay(page);
      problems.push(...(await findings(page, `${label} after Play`)));
    }
    expect(problems).toEqual([]);
  });
}
