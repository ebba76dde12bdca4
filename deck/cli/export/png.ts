/**
 * One deck to PNG pictures: the deck opened as a student sees it, slide by slide, each widget on the slide
 * settled, then a screenshot at the slide's size (Axon's 1280×720 unless the deck sets another) — of the
 * final state, or of every fragment step with `each`.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { DeckRef } from './decks.ts';
import { Deadline } from './deadline.ts';
import { handDrawings } from './drawings.ts';
import type { ExportSettings } from './options.ts';
import { pngName } from './options.ts';
import { closePage, nextFrames, openDeck, openPage, settleWidgets } from './page.ts';
import { deckUrl, themeQuery, type SiteRef } from './pdf.ts';
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
  const deadline = new Deadline(settings.timeoutMs, deck.displayFile);
  const page = await openPage(browser, progress, deck.name, site.base, deck.size);
  const shots: Array<{ file: string; png: Buffer }> = [];
  const count = deck.slideCount;
  let notConverged = 0;
  const shoot = async (index: number) => {
    await nextFrames(page, deadline);
    const shot = page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide', timeout: Math.max(1, deadline.remaining()) });
    return deadline.within(`slide ${index + 1}/${count}: taking its picture`, shot);
  };
  try {
    progress.update(`${deck.name}: opening the deck`);
    const url = deckUrl(site.base, deck.name, { margin: '0', transition: 'none', backgroundTransition: 'none', controls: 'false', progress: 'false', backend: settings.backend, 'axon-theme': themeQuery(settings.theme) });
    await handDrawings(page, settings.drawings, 'screen');
    await openDeck(page, url, deadline, 'opening the deck');
    for (const index of selected) {
      progress.update(`${deck.name}: slide ${index + 1}/${count}`);
      const showing = page.evaluate(
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
      const widgets = await deadline.within(`slide ${index + 1}/${count}: showing it`, showing);
      notConverged += await settleWidgets(page, widgets.list, deadline, progress, () => `slide ${index + 1}/${count}${widgets.title ? ` (${widgets.title})` : ''}`);
      if (settings.fragments === 'final') {
        shots.push({ file: join(dir, pngName(deck.name, index, count)), png: await shoot(index) });
        continue;
      }
      for (let step = 0; ; step += 1) {
        shots.push({ file: join(dir, pngName(deck.name, index, count, step)), png: await shoot(index) });
        const next = page.evaluate(() => window.axon!.reveal.nextFragment());
        if (!(await deadline.within(`slide ${index + 1}/${count}: showing its next fragment`, next))) break;
      }
    }
  } finally {
    await closePage(page);
  }
  return { shots, notConverged };
}
