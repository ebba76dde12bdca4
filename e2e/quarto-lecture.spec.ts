/**
 * Issue 20's "Done when": a Quarto lecture as an instructor writes it every week
 * (e2e/fixtures/quarto/regularisation.qmd — `format: revealjs:` with footer and logo, three-colon nested
 * columns with callouts, numbered equations and their references, footnotes, a tabset, asides, an `.absolute`
 * image, citations from references.bib, four widgets in columns) presents as Quarto presents it: on every
 * slide at 1280×720 nothing runs past the slide's right or bottom edge (widgets' shadow DOM included), with no
 * console error and no failed request; `@eq-ridge` goes to the equation's slide; the tabset works by keyboard;
 * footnotes sit on their slide; the references list what is cited. On a phone it reads. `axon export` prints it:
 * a page per slide, with the footnote, every tab and the references. The build's warnings are
 * deck/cli/quarto-lecture.test.ts's. Screenshots in /tmp/p4/shots/reg-*.png.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { currentIndices, findSlide, openDeck, showSlide, slideIndices, watchPage } from './support.ts';

const DECK = 'quarto/regularisation.html?transition=none&backgroundTransition=none';
const SHOTS = '/tmp/p4/shots';
/** The slides the lecture has: its title slide, eleven slides of content and the references. */
const SLIDES = 13;

/**
 * What on the slide shown now ends past the slide's right or bottom edge (more than 1 px), walking into the
 * widgets' shadow DOM. A part inside a box that scrolls or clips is within that box's reach, not past the slide.
 */
async function pastTheSlide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('.reveal .slides')!.getBoundingClientRect();
    const section = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
    const parentOf = (element: Element): Element | null => element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
    const clipped = (element: Element): boolean => {
      for (let up = parentOf(element); up && up !== section.parentElement; up = parentOf(up)) {
        const style = getComputedStyle(up);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') return true;
      }
      return false;
    };
    const past: string[] = [];
    const walk = (root: ParentNode): void => {
      for (const element of root.querySelectorAll('*')) {
        if (element.closest('aside.notes')) continue;
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden' && !clipped(element)) {
          const right = box.right - frame.right;
          const bottom = box.bottom - frame.bottom;
          if (right > 1 || bottom > 1) {
            past.push(`<${element.localName} class="${element.getAttribute('class') ?? ''}"> ${right > 1 ? `${Math.round(right)} px past the right` : ''}${bottom > 1 ? ` ${Math.round(bottom)} px past the bottom` : ''}`);
          }
        }
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(section);
    return past;
  });
}

/** Waits until every widget on the slide shown now has drawn its shadow DOM. */
async function widgetsDrawn(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll('.reveal .slides section.present *')]
          .filter((element) => element.localName.includes('-') && customElements.get(element.localName))
          .every((widget) => (widget.shadowRoot?.childElementCount ?? 0) > 0),
      ),
    )
    .toBe(true);
}

test('every slide at 1280×720: nothing past the slide, no console error, no failed request', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const problems = await watchPage(page);
  await openDeck(page, DECK);
  const slides = await slideIndices(page);
  expect(slides).toHaveLength(SLIDES);
  const overflowing: Record<string, string[]> = {};
  for (const [index, { h, v }] of slides.entries()) {
    await showSlide(page, h, v);
    await widgetsDrawn(page);
    // Fragments shown, as the slide looks once the instructor has stepped through it.
    await page.evaluate(() => {
      const reveal = window.axon!.reveal;
      while (reveal.availableFragments().next) reveal.nextFragment();
    });
    await page.waitForTimeout(400);
    const id = await page.evaluate(() => document.querySelector('.reveal .slides section.present')!.id);
    const past = await pastTheSlide(page);
    if (past.length > 0) overflowing[`${index + 1} #${id}`] = past.slice(0, 5);
    await page.screenshot({ path: join(SHOTS, `reg-${String(index + 1).padStart(2, '0')}.png`) });
  }
  expect(overflowing).toEqual({});
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.externalRequests).toEqual([]);
});

/**
 * What the slide's foot (its footnotes, aside and own footer, the deck's footer and logo) is drawn over on the
 * slide shown now: content (text blocks, callouts, code, pictures, widgets) whose visible part — clipped to the
 * slide and to a scrolling slide's box — meets a foot element by more than 2 px each way; and the footnotes or
 * aside that run under reveal's arrows.
 */
async function footOverContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('.reveal .slides')!.getBoundingClientRect();
    const section = document.querySelector<HTMLElement>('.reveal .slides section.present:not(.stack)')!;
    const view = section.getBoundingClientRect();
    const clip = { left: frame.left, top: Math.max(frame.top, view.top), right: frame.right, bottom: Math.min(frame.bottom, view.bottom) };
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const name = (element: Element) => `<${element.localName}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ')[0]}` : ''}> "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const notes = [...section.querySelectorAll(':scope aside.axon-footnotes, :scope aside.aside, :scope .axon-slide-footer')].filter(shown);
    const foot = [...notes, ...[...document.querySelectorAll('.reveal .axon-deck-footer, .reveal .axon-deck-logo')].filter(shown)];
    const content = [...section.querySelectorAll('h2, p, li, pre, table, img, .callout, .katex-display, *')]
      .filter((element) => element.matches('h2, p, li, pre, table, img, .callout, .katex-display') || (element.localName.includes('-') && customElements.get(element.localName)))
      .filter((element) => !element.closest('aside, .footer, .callout p, .callout li') && shown(element));
    const found: string[] = [];
    // Every slide with a footnote or an aside has one here, and the deck's footer and logo show: the check has something to check.
    if (!document.querySelector('.reveal .axon-deck-footer') || !document.querySelector('.reveal .axon-deck-logo')) found.push('no deck footer or logo');
    for (const arrow of [...document.querySelectorAll('.reveal .controls button')].filter(shown)) {
      const a = arrow.getBoundingClientRect();
      for (const note of notes) {
        const b = note.getBoundingClientRect();
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2) found.push(`${name(note)} under reveal's arrow`);
      }
    }
    for (const over of foot) {
      const a = over.getBoundingClientRect();
      for (const under of content) {
        const b = under.getBoundingClientRect();
        const width = Math.min(a.right, b.right, clip.right) - Math.max(a.left, b.left, clip.left);
        const height = Math.min(a.bottom, b.bottom, clip.bottom) - Math.max(a.top, b.top, clip.top);
        if (width > 2 && height > 2) found.push(`${name(over)} over ${name(under)}`);
      }
    }
    return found;
  });
}

test('the slide\'s foot (footnotes, aside, footer, logo) is drawn over no content on any slide', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeck(page, DECK);
  const covered: Record<string, string[]> = {};
  for (const [index, { h, v }] of (await slideIndices(page)).entries()) {
    await showSlide(page, h, v);
    await widgetsDrawn(page);
    await page.waitForTimeout(300);
    const found = await footOverContent(page);
    if (found.length > 0) covered[`${index + 1}`] = found.slice(0, 4);
  }
  expect(covered).toEqual({});
});

test('the footer and the logo show on the slides; the title slide names the author and affiliation', async ({ page }) => {
  await openDeck(page, DECK);
  await expect(page.locator('.reveal .slides section.present')).toContainText('Sam Okafor');
  await expect(page.locator('.reveal .slides section.present')).toContainText('Department of Statistics');
  const where = await findSlide(page, '.callout-tip');
  await showSlide(page, where.h, where.v);
  await expect(page.locator('.reveal > .footer')).toBeVisible();
  await expect(page.locator('.reveal > .footer')).toHaveText('ML · week 6 · Regularisation');
  const logo = page.locator('.reveal .slide-logo');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
});

test('@eq-ridge is a link with the equation\'s number that goes to the equation\'s slide', async ({ page }) => {
  const problems = await watchPage(page);
  await openDeck(page, DECK);
  const equation = await findSlide(page, '#eq-ridge');
  const citing = await page.evaluate(() => {
    const slides = window.axon!.reveal.getSlides();
    return slides.findIndex((slide) => slide.querySelector('h2')?.textContent === 'What the penalty does');
  });
  expect(citing).toBeGreaterThan(equation.h);
  await showSlide(page, citing, 0);
  const link = page.locator('section.present a.quarto-xref[href="#/eq-ridge"]');
  await expect(link).toHaveText('Equation 1');
  await link.click();
  await expect.poll(async () => (await currentIndices(page)).h).toBe(equation.h);
  await expect(page.locator('section.present #eq-ridge')).toBeVisible();
  await expect(page.locator('section.present #eq-ridge')).toContainText('(1)');
  expect(problems.consoleErrors).toEqual([]);
});

test('the tabset switches by keyboard and leaves the deck where it is', async ({ page }) => {
  await openDeck(page, DECK);
  const where = await findSlide(page, '[data-axon-tabset]');
  await showSlide(page, where.h, where.v);
  const tabset = page.locator('section.present [data-axon-tabset]');
  const tabs = tabset.getByRole('tab');
  await expect(tabs).toHaveText(['Ridge', 'Lasso', 'Elastic net']);
  await tabs.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabset.getByRole('tabpanel', { name: 'Lasso' })).toBeVisible();
  await expect(tabset.getByRole('tabpanel', { name: 'Lasso' })).toContainText('sets the rest to zero');
  await page.keyboard.press('End');
  await expect(tabs.nth(2)).toBeFocused();
  await expect(tabset.getByRole('tabpanel', { name: 'Elastic net' })).toBeVisible();
  await expect(tabset.getByRole('tabpanel', { name: 'Ridge' })).toBeHidden();
  expect((await currentIndices(page)).h).toBe(where.h);
});

test('footnotes are at the foot of the slide that cites them; the references list what is cited', async ({ page }) => {
  await openDeck(page, DECK);
  const ridge = await findSlide(page, '#eq-ridge');
  await showSlide(page, ridge.h, ridge.v);
  const notes = page.locator('section.present aside.footnotes');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('millimetres');
  await expect(notes).not.toContainText('heuristic'); // the early-stopping slide's own note
  const noteBox = (await notes.boundingBox())!;
  const frame = (await page.locator('.reveal .slides').boundingBox())!;
  expect(noteBox.y, 'the footnote sits in the lower half of the slide').toBeGreaterThan(frame.y + frame.height / 2);

  const refs = await findSlide(page, '.references');
  expect(refs.h).toBe(SLIDES - 1);
  await showSlide(page, refs.h, refs.v);
  // The list of entries (Axon's `::: {#refs}` holds citation-js's own `#refs.references` list).
  const list = page.locator('section.present .references');
  await expect(list.locator('.csl-entry')).toHaveCount(4);
  const text = (await list.textContent())!;
  for (const author of ['Hoerl', 'Tibshirani', 'Srivastava', 'Loshchilov']) expect(text).toContain(author);
  expect(text).toContain('Technometrics');
  // Citations in the text are author–year, not raw keys.
  await expect(page.locator('.reveal .slides')).not.toContainText('@hoerl1970');
  await expect(page.locator('.citation[data-cites="hoerl1970"]').first()).toContainText('1970');
});

// Known to fail (reported to the lead): `::: {#refs}` keeps its own id="refs" and the bibliography inserted
// into it (deck/compile/citations.ts) has id="refs" too. Remove `.fail` once the id is there once.
test('every id in the lecture is there once', async ({ page }) => {
  await openDeck(page, DECK);
  const repeated = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  });
  expect(repeated).toEqual([]);
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the lecture reads: every slide there, widgets drawn, no console error', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = await watchPage(page);
    await openDeck(page, DECK);
    const reading = await page.evaluate(() => document.documentElement.classList.contains('axon-reading'));
    expect(reading, 'the phone gets the reading view').toBe(true);
    const titles = page.locator('.reveal .slides section h2');
    await expect(titles.first()).toHaveText('Why regularise?');
    await expect(titles).toHaveCount(SLIDES - 1);
    // Scroll through the whole lecture as a student would, so every widget is shown once.
    for (const widget of await page.locator('.reveal .slides section :is(ua-fitter, nn-playground, gd-trajectory)').all()) {
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.evaluate((host) => host.shadowRoot?.childElementCount ?? 0)).toBeGreaterThan(0);
    }
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'reg-phone-last-widget.png') });
    await page.locator('.references').scrollIntoViewIfNeeded();
    await expect(page.locator('.references .csl-entry')).toHaveCount(4);
    // Footnotes and asides come after their slide's content, not over it.
    const covered = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides section :is(aside.axon-footnotes, aside.aside)')].flatMap((foot) => {
        const top = foot.getBoundingClientRect().top;
        return [...foot.parentElement!.children]
          .filter((other) => other !== foot && !other.contains(foot) && other.localName !== 'aside')
          .filter((other) => other.getBoundingClientRect().height > 0 && other.getBoundingClientRect().bottom > top + 1)
          .map((other) => `${foot.className} over ${other.localName} on "${foot.closest('section')?.querySelector('h2')?.textContent}"`);
      }),
    );
    expect(covered).toEqual([]);
    // An equation's number is never drawn over its formula: a formula wider than the phone scrolls, number at its end.
    const numbered = await page.evaluate(() =>
      [...document.querySelectorAll('.katex-display .katex-tag')].map((tag) => {
        const parts = [...tag.parentElement!.querySelectorAll(':scope > .katex-base')].map((base) => base.getBoundingClientRect().right);
        return Math.round(tag.getBoundingClientRect().left - Math.max(...parts));
      }),
    );
    expect(numbered.length).toBeGreaterThan(0);
    expect(numbered.filter((gap) => gap < 0)).toEqual([]);
    // Nothing wider than the phone makes the page scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });
});

test('axon export prints the lecture: a page per slide, the footnote, every tab, the references', async () => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), 'axon-quarto-export-'));
  try {
    const pdf = join(out, 'regularisation.pdf');
    const run = spawnSync('node', ['bin/axon.js', 'export', 'e2e/fixtures/quarto/regularisation.qmd', '--out', pdf], { encoding: 'utf8', timeout: 280_000 });
    expect(run.status, run.stderr).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBe(SLIDES);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('millimetres'); // the footnote
    for (const tab of ['keeps every feature', 'sets the rest to zero', 'sparse and stable']) expect(text).toContain(tab);
    for (const author of ['Hoerl', 'Tibshirani', 'Srivastava', 'Loshchilov']) expect(text).toContain(author);
    expect(text).toContain('ML · week 6 · Regularisation'); // the footer, on paper too
    expect(text).not.toMatch(/^:::|\s:::\s/m);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
