/**
 * The four lectures of slides/ as an instructor walks into class with them: every slide fits the
 * 1280×720 frame with every fragment shown, and every live widget named by the course is on its slide.
 */
import { expect, test, type Page } from '@playwright/test';
import { openDeck, showSlide, slideIndices } from './support.ts';

/** The course's decks and the widgets each must carry live (issue 7). */
const LECTURES: Record<string, readonly string[]> = {
  'intro-deep-learning.html': ['mp-neuron', 'hh-simulator', 'activation-explorer', 'loss-landscape', 'backprop-walkthrough', 'ua-fitter', 'nn-playground'],
  'linear-to-mlp.html': ['gd-trajectory', 'nn-playground', 'param-counter', 'dna-onehot'],
  'linear-neuron.html': ['gd-modes', 'feature-scaling'],
  'perceptron-mlp.html': ['perceptron-boundary', 'nn-playground', 'activation-explorer', 'softmax-temperature'],
  'architectures.html': ['motif-scan', 'conv-explorer', 'autoencoder-latent', 'rnn-euler', 'norm-layers', 'nn-playground', 'dna-onehot', 'param-counter'],
};

/**
 * What sticks out of the present slide's 1280×720 box, one line per element (empty when it all fits). An
 * element that clips its own content (a scrolling code block) is checked as a box; what it clips is not.
 */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('.reveal .slides')!.getBoundingClientRect();
    // reveal scales the 1280×720 frame to the window; one CSS pixel of the slide is `scale` screen pixels.
    const scale = frame.width / 1280;
    const tolerance = 1.5 * scale;
    const slide = document.querySelector('.reveal .slides section.present:not(.stack)')!;
    const found: string[] = [];
    const visit = (element: Element) => {
      if (element.matches('aside.notes, script, style')) return;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.position === 'fixed') return;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) {
        const out = box.bottom > frame.bottom + tolerance || box.right > frame.right + tolerance || box.left < frame.left - tolerance || box.top < frame.top - tolerance;
        if (out) {
          const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
          const by = Math.round(Math.max(box.bottom - frame.bottom, box.right - frame.right, frame.left - box.left, frame.top - box.top) / scale);
          found.push(`<${element.localName}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}> "${text}" sticks out by ${by} px`);
          return; // its children would only repeat the finding
        }
      }
      if (style.overflow !== 'visible' && element !== slide) return;
      for (const child of element.children) visit(child);
    };
    visit(slide);
    return found;
  });
}

for (const [deck, widgets] of Object.entries(LECTURES)) {
  test(`${deck}: every slide fits 1280×720 with all its fragments shown`, async ({ page }) => {
    test.setTimeout(240_000);
    await openDeck(page, `${deck}?transition=none&backgroundTransition=none`);
    const failures: string[] = [];
    for (const { h, v } of await slideIndices(page)) {
      await showSlide(page, h, v);
      await page.evaluate(() => {
        const reveal = window.axon!.reveal;
        while (reveal.availableFragments().next) reveal.nextFragment();
      });
      // Widgets lay out after their first update; fonts and diagrams after load.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const title = await page.locator('section.present:not(.stack) :is(h1, h2)').first().textContent().catch(() => '');
      for (const problem of await overflowingElements(page)) failures.push(`slide ${h}.${v} "${title?.trim()}": ${problem}`);
    }
    expect(failures).toEqual([]);
  });

  test(`${deck}: carries its live widgets`, async ({ page }) => {
    await openDeck(page, deck);
    for (const tag of widgets) {
      const widget = page.locator(`.reveal .slides ${tag}`).first();
      await expect(widget, `${deck} should have <${tag}>`).toBeAttached();
      // Registered and rendered: the element upgraded and drew its shadow root.
      expect(await widget.evaluate((element) => Boolean(customElements.get(element.localName)) && Boolean(element.shadowRoot?.childElementCount)), tag).toBe(true);
    }
  });
}

test('the fit check catches content that spills out of the slide', async ({ page }) => {
  await openDeck(page, 'perceptron-mlp.html?transition=none');
  await showSlide(page, 1, 0);
  expect(await overflowingElements(page)).toEqual([]);
  await page.evaluate(() => {
    const spill = document.createElement('p');
    spill.textContent = 'a line far too wide for the slide';
    spill.style.width = '1400px';
    document.querySelector('.reveal .slides section.present:not(.stack)')!.append(spill);
  });
  expect(await overflowingElements(page)).toEqual([expect.stringContaining('"a line far too wide for the slide" sticks out by')]);
});
