/**
 * One deck to PNG pictures: the deck opened as a student sees it, slide by slide, each widget on the slide
 * settled, then a screenshot at the slide's size (Axon's 1280×720 unless the deck sets another) — of the
 * final state, or of every fragment step with `each`.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { DeckRef } from './decks.ts';
import type { ExportSettings } from './options.ts';
import { pngName } from './options.ts';
import { nextFrames, openDeck, openPage, settleWidgets } from './page.ts';
import { deckUrl, type SiteRef } from './pdf.ts';
import type { Progress } from './progress.ts';

/** Shoots the selected slides; returns each picture and its file, not yet written. */
export async function shootDeckPngs(
  browser: Browser,
  site: SiteRef,
  deck: DeckRef,
  selected: readonly number[],
  dir: string,
  settings: ExportSettings,
  tags: readonly string[],
  progress: Progress,
): Promise<{ shots: Array<{ file: string; png: Buffer }>; notConverged: number }> {
  const deadline = performance.now() + settings.timeoutMs;
  const page = await openPage(browser, progress, deck.name, deck.size);
  const shots: Array<{ file: string; png: Buffer }> = [];
  const count = deck.slideCount;
  let notConverged = 0;
  const shoot = async () => {
    await nextFrames(page);
    return page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
  };
  try {
    progress.update(`${deck.name}: opening the deck`);
    const url = deckUrl(site.base, deck.name, { margin: '0', transition: 'none', backgroundTransition: 'none', controls: 'false', progress: 'false', backend: settings.backend });
    await openDeck(page, url, deck.name, deadline);
    for (const index of selected) {
      progress.update(`${deck.name}: slide ${index + 1}/${count}`);
      const widgets = await page.evaluate(
        ({ index, tags, first, final }) => {
          const reveal = window.axon!.reveal;
          const slide = reveal.getSlides()[index];
          if (!slide) return { list: [], title: '' };
          const { h, v } = reveal.getIndices(slide);
          // The final state shows every fragment; `each` starts before the first.
          reveal.slide(h, v ?? 0, final ? Number.MAX_SAFE_INTEGER : -1);
          const list = Array.from(slide.querySelectorAll<HTMLElement>(tags.join(','))).map((element, k) => {
            element.dataset.axonExport = String(first + k);
            return { slide: index, tag: element.localName, id: first + k };
          });
          return { list, title: (slide.querySelector('h1, h2, h3')?.textContent ?? '').replace(/\s+/g, ' ').trim() };
        },
        { index, tags: [...tags], first: index * 1000, final: settings.fragments === 'final' },
      );
      notConverged += await settleWidgets(page, widgets.list, deadline, progress, () => `${deck.displayFile}: slide ${index + 1}/${count}${widgets.title ? ` (${widgets.title})` : ''}`);
      if (settings.fragments === 'final') {
        shots.push({ file: join(dir, pngName(deck.name, index, count)), png: await shoot() });
        continue;
      }
      for (let step = 0; ; step += 1) {
        shots.push({ file: join(dir, pngName(deck.name, index, count, step)), png: await shoot() });
        if (!(await page.evaluate(() => window.axon!.reveal.nextFragment()))) break;
      }
    }
  } finally {
    await page.context().close();
  }
  return { shots, notConverged };
}
