/**
 * The built sample site, as a student or an instructor meets it: the index, every slide of every deck,
 * presenting features, keyboard safety, deep links, accessibility and offline-ness.
 */
import { expect, test } from '@playwright/test';
import { currentIndices, findSlide, openDeck, seriousAxeViolations, showSlide, slideIndices, watchPage } from './support.ts';

/** Deck pages linked from the index of the built slides/ folder. */
async function deckLinks(page: import('@playwright/test').Page): Promise<string[]> {
  await page.goto('index.html');
  return page.locator('.axon-deck-card :is(h2, h3) a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

test('the index lists every deck with its title, details and slide count', async ({ page }) => {
  const problems = await watchPage(page);
  await page.goto('index.html');
  const cards = page.locator('.axon-deck-card');
  await expect(cards.first()).toBeVisible();
  const sample = cards.filter({ has: page.locator('a[href="sample.html"]') });
  await expect(sample).toHaveCount(1);
  await expect(sample.locator('.axon-deck-details')).toContainText(/\d+ slides/);
  const total = await sample.locator('.axon-deck-details').innerText();
  await sample.locator('a').click();
  await page.waitForFunction(() => document.documentElement.dataset.axonReady === 'true');
  const slides = await page.evaluate(() => window.axon!.reveal.getTotalSlides());
  expect(total).toContain(`${slides} slides`);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
});

test("the index lists the course's lectures by date and the tour apart; every deck links back to it", async ({ page }) => {
  await page.goto('index.html');
  const lectures = page.getByRole('region', { name: 'Lectures' });
  const dates = await lectures.locator('.axon-deck-details').allInnerTexts();
  const isoDates = dates.map((d) => /\d{4}-\d{2}-\d{2}/.exec(d)?.[0] ?? '');
  expect(isoDates.length).toBeGreaterThan(1);
  expect(isoDates).toEqual([...isoDates].sort());
  await expect(lectures.locator('a[href="sample.html"]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'About Axon' }).locator('a[href="sample.html"]')).toHaveCount(1);

  await openDeck(page, 'sample.html');
  const home = page.getByRole('link', { name: /All lectures/ });
  await expect(home).toBeVisible();
  const box = (await home.boundingBox())!;
  for (const selector of ['.reveal > .controls', '.reveal > .slide-number', '.reveal > .axon-engine-badge']) {
    const other = await page.locator(selector).boundingBox();
    if (!other) continue;
    const apart = box.x + box.width <= other.x || other.x + other.width <= box.x || box.y + box.height <= other.y || other.y + other.height <= box.y;
    expect(apart, `${selector} overlaps the link home`).toBe(true);
  }
  await home.click();
  await expect(page).toHaveURL(/index\.html$/);
});

test('every slide of every deck shows with no console error, no failed request and nothing fetched from outside', async ({ page }) => {
  test.setTimeout(180_000);
  const links = await deckLinks(page);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    const problems = await watchPage(page);
    await openDeck(page, link);
    const slides = await slideIndices(page);
    for (const { h, v } of slides) {
      await showSlide(page, h, v);
      // Show every fragment too: some content (and its errors) only appears step by step.
      await page.evaluate(() => {
        const reveal = window.axon!.reveal;
        while (reveal.availableFragments().next) reveal.nextFragment();
      });
    }
    await expect(page.locator('.katex-error'), `${link} has a KaTeX error`).toHaveCount(0);
    await expect(page.locator('.axon-math-error'), `${link} has a math error`).toHaveCount(0);
    await expect(page.locator('[data-axon-unknown-widget]'), `${link} has an unknown widget`).toHaveCount(0);
    expect(problems, link).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }
});

test('the sample deck renders math, a diagram, highlighted code, a figure and speaker notes', async ({ page }) => {
  await openDeck(page, 'sample.html');
  expect(await page.locator('.katex').count()).toBeGreaterThan(3);
  // No KaTeX JavaScript runs in the page: formulas arrive as HTML.
  expect(await page.evaluate(() => 'katex' in window)).toBe(false);
  await expect(page.locator('.axon-mermaid svg').first()).toBeAttached();
  // The diagram wears the deck's colours (boxes in the code background, framed in the accent), not mermaid's lavender.
  const node = await page.locator('.axon-mermaid svg .node :is(rect, polygon, path)').first().evaluate((shape) => {
    const style = getComputedStyle(shape);
    return { fill: style.fill, stroke: style.stroke };
  });
  expect(node).toEqual({ fill: 'rgb(243, 244, 246)', stroke: 'rgb(29, 78, 216)' });
  await expect(page.locator('pre code.hljs').first()).toBeAttached();
  await expect(page.locator('figure figcaption').first()).toBeAttached();
  const slides = await page.locator('.slides section:not(.stack)').count();
  const withNotes = await page.locator('.slides section:not(.stack):has(> aside.notes)').count();
  expect(withNotes).toBeGreaterThan(slides / 2);
});

test('code steps (code-line-numbers) step with the arrow keys, though the highlighter arrives after the first slide', async ({ page }) => {
  await openDeck(page, 'sample.html?transition=none');
  const where = await findSlide(page, 'pre code[data-line-numbers]');
  await showSlide(page, where.h, where.v);
  // "|1-3|5-6|7-9": the whole block, then three steps that each highlight some lines.
  const code = page.locator('.reveal .slides section.present pre code[data-line-numbers]');
  await expect(code).toHaveCount(4);
  const highlighted = () =>
    page.locator('.reveal .slides section.present pre code.current-fragment tr.highlight-line td.hljs-ln-numbers [data-line-number]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-line-number') ?? ''));
  for (const lines of [['1', '2', '3'], ['5', '6'], ['7', '8', '9']]) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await highlighted()).map((l) => l.trim())).toEqual(lines);
    expect((await currentIndices(page)).h).toBe(where.h);
  }
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await currentIndices(page)).h).not.toBe(where.h);
});

test('KaTeX fonts are bundled and load from the site itself', async ({ page }) => {
  const fonts: string[] = [];
  page.on('response', (response) => {
    if (/\.(woff2?|ttf)$/.test(new URL(response.url()).pathname)) fonts.push(`${response.status()} ${response.url()}`);
  });
  await openDeck(page, 'sample.html');
  const math = await findSlide(page, '.katex');
  await showSlide(page, math.h, math.v);
  await page.evaluate(() => document.fonts.ready);
  await expect.poll(() => fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(font).toMatch(/^200 http:\/\/127\.0\.0\.1/);
});

test('body text is at least 28 px on a 1280×720 screen', async ({ page }) => {
  await openDeck(page, 'sample.html');
  const slide = await findSlide(page, 'li');
  await showSlide(page, slide.h, slide.v);
  const size = await page.evaluate(() => {
    const li = window.axon!.reveal.getCurrentSlide().querySelector('li')!;
    return li.getBoundingClientRect().height > 0 ? parseFloat(getComputedStyle(li).fontSize) * window.axon!.reveal.getScale() : 0;
  });
  expect(size).toBeGreaterThanOrEqual(28);
});

test('a deep link opens the slide it names, and the URL follows the deck', async ({ page }) => {
  await openDeck(page, 'sample.html');
  const target = await page.evaluate(() => {
    const slide = window.axon!.reveal.getSlides().filter((s) => s.id && !s.id.startsWith('title'))[3]!;
    return slide.id;
  });
  await openDeck(page, `sample.html#/${target}`);
  expect(await page.evaluate(() => window.axon!.reveal.getCurrentSlide().id)).toBe(target);
  await page.keyboard.press('ArrowRight');
  await expect(page).not.toHaveURL(new RegExp(`#/${target}$`));
});

test('a focused slider keeps its arrow keys; Esc gives the keys back to the deck', async ({ page }) => {
  await openDeck(page, 'sample.html');
  const where = await findSlide(page, 'demo-sigmoid');
  await showSlide(page, where.h, where.v);
  const slider = page.locator('demo-sigmoid').first().getByRole('slider', { name: 'x' });
  await expect(slider).toBeVisible();
  const status = page.locator('demo-sigmoid').first().getByRole('status');
  await slider.focus();
  const before = Number(await slider.inputValue());
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.keyboard.press('PageUp'); // on a range: a big step up
  const after = Number(await slider.inputValue());
  expect(after).toBeGreaterThan(before);
  expect(await currentIndices(page)).toMatchObject({ h: where.h, v: where.v });
  await expect(status).toContainText(`σ(${after.toFixed(2)})`);

  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => document.querySelector('.reveal .slides section.present')?.classList.contains('overview'))).toBeFalsy();
  expect(await page.evaluate(() => window.axon!.reveal.isOverview())).toBe(false);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await currentIndices(page)).h).not.toBe(where.h);
});

test('a widget is driven with the mouse on a scaled slide', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 506 });
  await openDeck(page, 'sample.html');
  const where = await findSlide(page, 'demo-sigmoid');
  await showSlide(page, where.h, where.v);
  expect(await page.evaluate(() => window.axon!.reveal.getScale())).toBeLessThan(0.8);
  const slider = page.locator('demo-sigmoid').first().getByRole('slider', { name: 'x' });
  const box = (await slider.boundingBox())!;
  // Click at 90% of the track: x must land near 90% of the range (−6…6 → about 4.8) despite the scaling.
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  const value = Number(await slider.inputValue());
  expect(value).toBeGreaterThan(4);
  expect(value).toBeLessThan(5.6);
  const expected = 1 / (1 + Math.exp(-value));
  await expect(page.locator('demo-sigmoid').first().getByRole('status')).toContainText(`= ${expected.toFixed(3)}`);
});

test('S opens the speaker view with the current slide notes', async ({ page }) => {
  await openDeck(page, 'sample.html');
  const where = await findSlide(page, 'aside.notes');
  await showSlide(page, where.h, where.v);
  const notes = (await page.evaluate(() => window.axon!.reveal.getSlideNotes())) ?? '';
  expect(notes.length).toBeGreaterThan(10);
  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await speaker.waitForLoadState();
  const firstWords = notes.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 24);
  await expect(speaker.locator('.speaker-controls-notes')).toContainText(firstWords, { timeout: 15_000 });
  await expect(speaker.locator('.speaker-controls-time')).toBeVisible();
  await speaker.close();
});

test('overview, search and zoom are there', async ({ page }) => {
  await openDeck(page, 'sample.html');
  await page.locator('.reveal').focus();
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => window.axon!.reveal.isOverview())).toBe(true);
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => window.axon!.reveal.isOverview())).toBe(false);
  expect(await page.evaluate(() => ['search', 'zoom', 'notes'].every((id) => window.axon!.reveal.hasPlugin(id)))).toBe(true);
});

test('scroll view shows the slides one after another for reading at home', async ({ page }) => {
  await openDeck(page, 'sample.html?view=scroll');
  expect(await page.evaluate(() => window.axon!.reveal.isScrollView())).toBe(true);
  await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(1);
});

test('the sample deck passes an axe scan on every slide (no serious or critical violations)', async ({ page }) => {
  test.setTimeout(180_000);
  // No transition: axe must see each slide at rest, not half faded in.
  await openDeck(page, 'sample.html?transition=none&backgroundTransition=none');
  const failures: string[] = [];
  for (const { h, v } of await slideIndices(page)) {
    await showSlide(page, h, v);
    await page.evaluate(() => {
      const reveal = window.axon!.reveal;
      while (reveal.availableFragments().next) reveal.nextFragment();
    });
    // Let fragment fades finish: axe measures the colours as they are at this instant.
    await page.evaluate(() =>
      Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))),
    );
    for (const violation of await seriousAxeViolations(page)) failures.push(`slide ${h}/${v}: ${violation}`);
  }
  expect(failures).toEqual([]);
});

test('on screen, the widgets of the slides about to be shown load before the rest of the deck’s', async ({ page, browser }) => {
  // Where each widget first appears in the intro lecture.
  await openDeck(page, 'intro-deep-learning.html');
  const firstSlide = await page.evaluate(() => {
    const found: Record<string, { index: number; h: number; v: number }> = {};
    window.axon!.reveal.getSlides().forEach((slide, index) => {
      const { h, v } = window.axon!.reveal.getIndices(slide);
      for (const element of slide.querySelectorAll('*')) {
        if (element.localName.includes('-') && customElements.get(element.localName) && !found[element.localName]) found[element.localName] = { index, h, v: v ?? 0 };
      }
    });
    return found;
  });
  const [target, at] = Object.entries(firstSlide).sort((a, b) => b[1].index - a[1].index)[0]!;
  const far = Object.entries(firstSlide)
    .filter(([, place]) => Math.abs(place.index - at.index) > 3)
    .map(([tag]) => tag);
  expect(far.length).toBeGreaterThan(2);

  // Opened straight at the last widget's slide, as a student following a link would (a fresh context: no cache).
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const linked = await context.newPage();
  const requested: string[] = [];
  linked.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openDeck(linked, `intro-deep-learning.html#/${at.h}/${at.v}`);
  await context.close();
  const order = (tag: string) => requested.findIndex((path) => new RegExp(`/${tag}-[\\w-]+\\.js$`).test(path));
  expect(order(target), `<${target}>'s module was fetched`).toBeGreaterThanOrEqual(0);
  for (const tag of far) {
    expect(order(tag), `<${tag}> (far from the slide shown) was fetched too, for later`).toBeGreaterThan(0);
    expect(order(tag), `<${target}> (on the slide shown) before <${tag}>`).toBeGreaterThan(order(target));
  }
});
