/**
 * The lectures on a phone (390×844, touch), as a student reads them at home: reveal's scroll view laid out for
 * reading (deck/client/reading-view.ts) — slide text at least 16 px, no page that is mostly blank, every widget
 * inside the screen's width, the deck's own controls full touch targets, the slide at the top the current one,
 * and the presenter's slides back when the phone is turned sideways.
 *
 * Each widget's controls are measured and reported (the test's annotations, and its output), with its smallest
 * text: every widget has the phone layout of components/shared/views/phone-styles.ts, so for every one the test
 * asserts that nothing inside sticks out of the screen, that every control — those behind a closed "More
 * settings" too — is a touch target, and that its text (labels, values, status) is at least 16 px.
 */
import { expect, test, type Page } from '@playwright/test';
import { openDeck } from './support.ts';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

/** The course's lectures (as in lectures.spec.ts). */
const LECTURES = ['intro-deep-learning.html', 'linear-to-mlp.html', 'linear-neuron.html', 'perceptron-mlp.html', 'architectures.html'];

/** The smallest size a finger can hit (WCAG 2.5.5, Apple's and Google's guides), in CSS pixels. */
const TOUCH_TARGET = 44;

/** The smallest text a student reads in the hand, in CSS px on the screen (as the slides' own prose). */
const READING_TEXT = 16;

/** What a page of the scroll view holds: its height against the height of what its slide shows. */
interface PageFill {
  slide: string;
  pageHeight: number;
  contentHeight: number;
}

async function pageFills(page: Page): Promise<PageFill[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.reveal .scroll-page'), (scrollPage) => {
      const slide = scrollPage.querySelector('section')!;
      let top = Infinity;
      let bottom = -Infinity;
      for (const child of slide.children) {
        if (child.matches('aside.notes, script, style')) continue;
        const box = child.getBoundingClientRect();
        if (box.height === 0) continue;
        top = Math.min(top, box.top);
        bottom = Math.max(bottom, box.bottom);
      }
      return { slide: slide.id, pageHeight: scrollPage.getBoundingClientRect().height, contentHeight: Math.max(0, bottom - top) };
    }),
  );
}

/** The smallest text of the slides' own prose (paragraphs, list items, tables, code, captions), in CSS px on screen. */
async function smallestSlideText(page: Page): Promise<{ px: number; where: string }> {
  return page.evaluate(() => {
    let smallest = { px: Infinity, where: '' };
    for (const element of document.querySelectorAll<HTMLElement>('.reveal .slides section :is(p, li, td, th, figcaption, pre code, blockquote)')) {
      if (element.closest('aside.notes') || !element.textContent?.trim()) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || element.offsetWidth === 0) continue;
      // The slide is drawn scaled: what the eye gets is the font size times the drawn-to-laid-out ratio.
      const px = (parseFloat(getComputedStyle(element).fontSize) * box.width) / element.offsetWidth;
      if (px < smallest.px) smallest = { px, where: `${element.closest('section')?.id} <${element.localName}> "${element.textContent.trim().slice(0, 40)}"` };
    }
    return smallest;
  });
}

/** One widget on the phone: its box, what sticks out of the screen inside it, and its controls' sizes. */
interface WidgetFigures {
  tag: string;
  slide: string;
  left: number;
  right: number;
  sticksOut: string[];
  controls: Array<{ name: string; width: number; height: number }>;
  /** Controls drawn over one another (a finger cannot tell them apart). */
  overlaps: string[];
  /** The smallest HTML text the widget shows (its SVG pictures aside), in CSS px as drawn. */
  smallestText: { px: number; where: string };
}

async function widgetFigures(page: Page): Promise<WidgetFigures[]> {
  return page.evaluate(() => {
    const widgets = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section *')).filter(
      (element) => element.localName.includes('-') && element.shadowRoot,
    );
    return widgets.map((widget) => {
      // On screen, so that a widget that lays itself out when shown has done so.
      widget.scrollIntoView({ block: 'start' });
      // The settings behind a closed disclosure are driven on the phone too: open them to measure them.
      const opened: HTMLDetailsElement[] = [];
      const openAll = (root: Element | ShadowRoot) => {
        for (const element of root.querySelectorAll('*')) {
          if (element instanceof HTMLDetailsElement && !element.open) {
            element.open = true;
            opened.push(element);
          }
          if (element.shadowRoot) openAll(element.shadowRoot);
        }
      };
      openAll(widget.shadowRoot!);
      const box = widget.getBoundingClientRect();
      // The slide is drawn scaled: what the eye gets is a font size times the drawn-to-laid-out ratio.
      const scale = widget.offsetWidth ? box.width / widget.offsetWidth : 1;
      const sticksOut: string[] = [];
      const controls: WidgetFigures['controls'] = [];
      const hits: Array<{ name: string; rect: DOMRect; element: Element }> = [];
      let smallestText = { px: Infinity, where: '' };
      // `scrolled`: inside a box that scrolls sideways, where being wider than the screen is the point.
      const visit = (element: Element, scrolled = false) => {
        const style = getComputedStyle(element);
        if (style.display === 'none' || style.visibility === 'hidden') return;
        const rect = element.getBoundingClientRect();
        if (!scrolled && rect.width > 0 && (rect.right > innerWidth + 1 || rect.left < -1)) {
          sticksOut.push(`<${element.localName}> ${Math.round(rect.left)}…${Math.round(rect.right)} px`);
          return;
        }
        if (rect.width > 0 && element.matches('button, input, select, textarea, summary, [role="slider"], [role="button"]') && !element.closest('svg')) {
          const label = element.getAttribute('aria-label') ?? element.textContent?.trim().replace(/\s+/g, ' ') ?? '';
          const type = element instanceof HTMLInputElement ? `[${element.type}]` : '';
          // A checkbox or radio button is hit through the label around it.
          const target = element.matches('input[type="checkbox"], input[type="radio"]') ? (element.closest('label') ?? element) : element;
          const hit = target.getBoundingClientRect();
          const name = `${element.localName}${type}${label ? ` "${label.slice(0, 24)}"` : ''}`;
          controls.push({ name, width: Math.round(hit.width), height: Math.round(hit.height) });
          hits.push({ name, rect: hit, element: target });
        }
        const text = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
        // (Text in a box that scrolls sideways is not measured: KaTeX's subscripts in a formula that scrolls.)
        if (text && !scrolled && rect.width > 0 && !element.closest('svg') && !element.closest('.sr-only, [aria-hidden="true"]')) {
          const px = parseFloat(style.fontSize) * scale;
          if (px < smallestText.px) smallestText = { px, where: `<${element.localName}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ')[0]}` : ''}> "${element.textContent!.trim().slice(0, 24)}"` };
        }
        // What it clips, it scrolls: its controls are still measured and must not overlap.
        const scrolls = scrolled || (style.overflowX !== 'visible' && element !== widget);
        for (const child of element.shadowRoot?.children ?? element.children) visit(child, scrolls);
      };
      visit(widget);
      const overlaps: string[] = [];
      hits.forEach((a, i) =>
        hits.slice(i + 1).forEach((b) => {
          if (a.element.contains(b.element) || b.element.contains(a.element)) return; // a field inside its label
          // A disclosure opened here for measuring may be a panel over the rest (the playground's "More settings").
          const inOpened = (element: Element) => opened.some((details) => details.contains(element));
          if (inOpened(a.element) !== inOpened(b.element)) return;
          const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (across > 2 && down > 2) overlaps.push(`${a.name} and ${b.name} overlap by ${Math.round(across)}×${Math.round(down)} px`);
        }),
      );
      for (const details of opened) details.open = false;
      return { tag: widget.localName, slide: widget.closest('section')?.id ?? '', left: box.left, right: box.right, sticksOut, controls, overlaps, smallestText };
    });
  });
}

for (const deck of LECTURES) {
  test(`${deck}: reads on a phone — scroll view, text ≥ 16 px, no page mostly blank`, async ({ page }) => {
    await openDeck(page, deck);
    expect(await page.evaluate(() => window.axon!.reveal.isScrollView())).toBe(true);
    await expect(page.locator('html.axon-reading')).toHaveCount(1);
    // Drawn at two-thirds rather than the 0.29 a 1280 px slide would get.
    expect(await page.evaluate(() => window.axon!.reveal.getScale())).toBeGreaterThanOrEqual(0.6);

    const smallest = await smallestSlideText(page);
    expect(smallest.px, `smallest slide text: ${smallest.where}`).toBeGreaterThanOrEqual(16);

    const fills = await pageFills(page);
    expect(fills.length).toBeGreaterThan(5);
    const mostlyBlank = fills
      .filter((fill) => fill.contentHeight < 0.6 * fill.pageHeight)
      .map((fill) => `${fill.slide}: ${Math.round(fill.contentHeight)} of ${Math.round(fill.pageHeight)} px`);
    expect(mostlyBlank).toEqual([]);
    // Nothing makes the page scroll sideways.
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  test(`${deck}: every widget fits the phone's width (its controls measured)`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await openDeck(page, deck);
    const figures = await widgetFigures(page);
    expect(figures.length).toBeGreaterThan(0);
    const report: string[] = [];
    const outside: string[] = [];
    const small: string[] = [];
    const smallText: string[] = [];
    const overlapping: string[] = [];
    for (const widget of figures) {
      overlapping.push(...widget.overlaps.map((what) => `<${widget.tag}> on ${widget.slide}: ${what}`));
      if (widget.left < -1 || widget.right > PHONE.width + 1) outside.push(`<${widget.tag}> on ${widget.slide}: ${Math.round(widget.left)}…${Math.round(widget.right)} px`);
      const tooSmall = widget.controls.filter((control) => control.height < TOUCH_TARGET || control.width < TOUCH_TARGET);
      report.push(
        `<${widget.tag}> on ${widget.slide}: ${widget.sticksOut.length ? `sticks out: ${widget.sticksOut.slice(0, 3).join(', ')}; ` : 'fits; '}` +
          `controls ${widget.controls.map((control) => `${control.name} ${control.width}×${control.height}`).join(', ') || 'none'}; ` +
          `smallest text ${widget.smallestText.px.toFixed(1)} px ${widget.smallestText.where}`,
      );
      outside.push(...widget.sticksOut.map((what) => `<${widget.tag}> on ${widget.slide}: ${what}`));
      small.push(...tooSmall.map((control) => `<${widget.tag}> on ${widget.slide}: ${control.name}: ${control.width}×${control.height}`));
      if (widget.smallestText.px < READING_TEXT) smallText.push(`<${widget.tag}> on ${widget.slide}: ${widget.smallestText.px.toFixed(1)} px ${widget.smallestText.where}`);
    }
    testInfo.annotations.push(...report.map((description) => ({ type: 'phone', description })));
    console.log(`${deck} at ${PHONE.width}×${PHONE.height}:\n  ${report.join('\n  ')}`);
    expect(outside).toEqual([]);
    expect(small).toEqual([]);
    expect(overlapping).toEqual([]);
    expect(smallText).toEqual([]);
  });
}

test('the deck’s own controls are touch targets on a phone', async ({ page }) => {
  await openDeck(page, 'linear-neuron.html');
  const home = await page.locator('.axon-home').boundingBox();
  expect(home!.width).toBeGreaterThanOrEqual(TOUCH_TARGET);
  expect(home!.height).toBeGreaterThanOrEqual(TOUCH_TARGET);
  const badge = page.locator('.axon-engine-badge');
  await expect(badge).toBeVisible();
  const mark = await badge.boundingBox();
  expect(mark!.width).toBeGreaterThanOrEqual(TOUCH_TARGET);
  expect(mark!.height).toBeGreaterThanOrEqual(TOUCH_TARGET);
  // Clear of each other, and in reach while the student scrolls.
  expect(mark!.x).toBeGreaterThanOrEqual(home!.x + home!.width);
  await page.evaluate(() => (window.axon!.reveal.getViewportElement()!.scrollTop = 3000));
  expect((await badge.boundingBox())!.y).toBeCloseTo(mark!.y, 0);
});

test('the marks in the corner never cover a widget’s bottom row reached by the keyboard', async ({ page }) => {
  await openDeck(page, 'linear-neuron.html');
  const widget = page.locator('.reveal .slides gd-modes');
  const lastButton = widget.locator('button').last();
  const home = (await page.locator('.axon-home').boundingBox())!;
  // The widget's last button just inside the screen's bottom edge: under the marks, on screen all the same.
  const bottom = async () => {
    const box = (await lastButton.boundingBox())!;
    return box.y + box.height;
  };
  await page.evaluate(() => document.querySelector('.reveal .slides gd-modes')!.scrollIntoView({ block: 'start' }));
  const under = PHONE.height - 4 - (await bottom());
  await page.evaluate((by) => (window.axon!.reveal.getViewportElement()!.scrollTop -= by), under);
  expect(await bottom()).toBeGreaterThan(home.y);
  // Tabbing to it scrolls it clear of them.
  await lastButton.focus();
  await expect.poll(async () => (await bottom()) <= home.y).toBe(true);
});

test('the slide at the top of the screen is the current one, and a link to a slide opens on it', async ({ page }) => {
  await openDeck(page, 'linear-neuron.html');
  const slides = await page.evaluate(() => window.axon!.reveal.getSlides().map((slide) => slide.id));
  const onTop = () =>
    page.evaluate(() => {
      const first = Array.from(document.querySelectorAll('.reveal .scroll-page')).find((scrollPage) => scrollPage.getBoundingClientRect().bottom > 1)!;
      return { top: first.querySelector('section')!.id, current: window.axon!.reveal.getCurrentSlide()?.id };
    });
  for (const index of [3, 13, slides.length - 10]) {
    await page.evaluate((index) => {
      const viewport = window.axon!.reveal.getViewportElement()!;
      viewport.scrollTop += document.querySelectorAll('.reveal .scroll-page')[index]!.getBoundingClientRect().top;
    }, index);
    await expect.poll(onTop).toEqual({ top: slides[index], current: slides[index] });
  }

  // A link shared with the student, opened in a new tab (reveal brings a reloaded tab back to where it was).
  const target = slides[12]!;
  const linked = await page.context().newPage();
  await openDeck(linked, `linear-neuron.html#/${target}`);
  expect(await linked.evaluate(() => window.axon!.reveal.getCurrentSlide()?.id)).toBe(target);
  const top = await linked.evaluate((id) => document.getElementById(id)!.closest('.scroll-page')!.getBoundingClientRect().top, target);
  expect(Math.abs(top)).toBeLessThan(PHONE.height / 4);
});

test('a widget is told it is shown while it is on screen, and hidden once scrolled away', async ({ page }) => {
  await openDeck(page, 'linear-neuron.html');
  await page.evaluate(() => {
    const widget = document.querySelector('.reveal .slides gd-modes')!;
    (window as unknown as { heard: boolean[] }).heard = [];
    widget.addEventListener('axon-slide-visibility', (event) => (window as unknown as { heard: boolean[] }).heard.push((event as CustomEvent<{ visible: boolean }>).detail.visible));
  });
  const heard = () => page.evaluate(() => (window as unknown as { heard: boolean[] }).heard.at(-1));
  await page.evaluate(() => document.querySelector('.reveal .slides gd-modes')!.scrollIntoView());
  await expect.poll(heard).toBe(true);
  await page.evaluate(() => (window.axon!.reveal.getViewportElement()!.scrollTop = 0));
  await expect.poll(heard).toBe(false);
});

test('turned sideways the phone shows the presenter’s slides, and turned back the reading view', async ({ page }) => {
  await openDeck(page, 'linear-neuron.html');
  const view = () =>
    page.evaluate(() => ({
      scroll: window.axon!.reveal.isScrollView(),
      width: window.axon!.reveal.getConfig().width,
      reading: document.documentElement.classList.contains('axon-reading'),
      hiddenFragments: document.querySelectorAll('.reveal .slides .fragment:not(.visible)').length > 0,
    }));
  // Reading: every fragment shown.
  expect(await view()).toEqual({ scroll: true, width: expect.any(Number), reading: true, hiddenFragments: false });
  await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
  await expect.poll(view).toEqual({ scroll: false, width: 1280, reading: false, hiddenFragments: true });
  await page.setViewportSize(PHONE);
  await expect.poll(view).toEqual({ scroll: true, width: expect.any(Number), reading: true, hiddenFragments: false });
});

test('pictures of the reading view', async ({ page }, testInfo) => {
  await openDeck(page, 'linear-neuron.html');
  for (const selector of ['#title-slide', '#why-the-1-2', 'gd-modes']) {
    await page.evaluate((selector) => document.querySelector(`.reveal .slides ${selector}`)!.closest('.scroll-page')!.scrollIntoView(), selector);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await testInfo.attach(`phone ${selector}`, { body: await page.screenshot(), contentType: 'image/png' });
  }
});

test.describe('on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 720 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test('?view=scroll keeps reveal’s scroll view of the 1280×720 slide', async ({ page }) => {
    await openDeck(page, 'linear-neuron.html?view=scroll');
    expect(await page.evaluate(() => window.axon!.reveal.isScrollView())).toBe(true);
    await expect(page.locator('html.axon-reading')).toHaveCount(0);
    expect(await page.evaluate(() => [window.axon!.reveal.getConfig().width, window.axon!.reveal.getScale()])).toEqual([1280, 0.96]);
  });
});
