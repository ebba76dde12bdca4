/**
 * Dev only: when a deck's Markdown is saved, the server sends its new slides; swap them in place and stay
 * on the same slide and fragment, so writing a lecture feels like editing the slide you are looking at.
 * On a phone the deck stays in its reading view: the new options go through the reading view, which keeps its
 * narrower slide and its fragments shown at once rather than the presenter's 1280×720.
 */
import type { HighlightPlugin } from 'reveal.js/plugin/highlight';
import type { DeckUpdate } from '../vite/plugin.ts';
import type { AxonDeck } from './main.ts';
import { revealConfig } from './config.ts';
import { renderMermaid } from './mermaid.ts';
import { hideDevError, showDevError, type DevError } from './overlay.ts';
import type { ReadingView } from './reading-view.ts';
import { loadWidgets, type WidgetVisibility } from './widgets.ts';

/** Swaps in each saved version of this deck's slides; `readingView` decides the layout options on this screen. */
export function acceptDeckUpdates(
  deck: AxonDeck,
  slidesElement: Element,
  visibility: WidgetVisibility,
  readingView: ReadingView,
  onSlideShown: () => void,
): void {
  // Vite's own overlay is off (plugin.ts): its advice is about vite.config.js. Axon's says what to do in the deck.
  import.meta.hot?.on('vite:error', (payload: { err: DevError }) => showDevError(payload.err));
  import.meta.hot?.on('axon:deck-update', async (update: DeckUpdate) => {
    if (update.name !== deck.config.name) return;
    await deck.ready;
    const highlighter = deck.reveal.getPlugin('highlight') as HighlightPlugin | undefined;
    if (update.config.usesCode && !highlighter) {
      // The first code block in a deck that had none: the highlighter was never loaded; start afresh.
      location.reload();
      return;
    }
    // A good save after a bad one: take down the error overlay (Axon's, and Vite's should one be up).
    hideDevError();
    document.querySelectorAll('vite-error-overlay').forEach((overlay) => overlay.remove());
    const { h, v, f } = deck.reveal.getIndices();
    visibility.update([]);
    visibility.reset();
    slidesElement.innerHTML = update.slides;
    deck.config = update.config;
    document.title = update.config.title;
    document.documentElement.dataset.axonTheme = update.config.theme;
    await Promise.all([loadWidgets(update.config.widgets), renderMermaid(slidesElement, update.config.theme)]);
    slidesElement.querySelectorAll<HTMLElement>('pre code').forEach((block) => highlighter?.highlightBlock(block));
    deck.reveal.configure(readingView.reconfigure(revealConfig(update.config)));
    deck.reveal.sync();
    deck.reveal.slide(h, v ?? 0, f);
    onSlideShown();
  });
}
