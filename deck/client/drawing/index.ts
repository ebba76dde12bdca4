/**
 * Drawing on slides: `D` (or the pen button) enters draw mode, `D` or `Esc` leaves it. Strokes are kept per
 * slide in the browser's storage, so they survive a reload and show in the speaker view (its windows read
 * the same storage and hear each change). The print view never reads the storage — a student's scribbles
 * stay out of handouts — and draws only the strokes `axon export --drawings FILE` hands it (print.ts).
 */
import type { RevealApi } from 'reveal.js';
import { DrawingLayer } from './layer.ts';
import { DrawingStore, storageKey, type KeyValueStorage } from './store.ts';
import { DrawingToolbar } from './toolbar.ts';

/** The key that enters and leaves draw mode (reveal leaves D free; shown in reveal's `?` help). */
const DRAW_KEY = { keyCode: 68, key: 'D', description: 'Draw on the slide (D or Esc to stop)' };

/** The browser's storage, or none where it is turned off (then strokes last until the page closes). */
function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** True in the speaker view's windows onto the deck (reveal's notes plugin opens them with `?receiver`). */
function isSpeakerViewFrame(search = location.search): boolean {
  return /(^|[?&])receiver(&|=|$)/.test(search);
}

/** The running drawing feature, for tests and the console. */
export interface DeckDrawing {
  layer: DrawingLayer;
  toolbar?: DrawingToolbar;
  setDrawing(on: boolean): void;
}

/** Starts drawing on a deck shown on screen (not the print view). */
export function installDrawing(reveal: RevealApi, deckName: string, revealElement: HTMLElement, slidesElement: HTMLElement): DeckDrawing {
  const store = new DrawingStore(deckName, browserStorage());
  const layer = new DrawingLayer(reveal, slidesElement, store);
  let toolbar: DrawingToolbar | undefined;
  reveal.on('slidechanged', () => layer.render());
  // A deck reloaded in dev replaces the slides, and the layer with them: it comes back at once.
  new MutationObserver(() => {
    if (!layer.svg.isConnected) layer.render();
  }).observe(slidesElement, { childList: true });
  reveal.on('resize', () => {
    layer.render();
    toolbar?.update();
  });
  // Another window of this deck (the presenter's, the speaker view) changed the strokes.
  window.addEventListener('storage', (event) => {
    if (event.key !== storageKey(deckName) && event.key !== null) return;
    store.reload();
    layer.render();
    toolbar?.update();
  });
  if (isSpeakerViewFrame()) return { layer, setDrawing: () => {} };

  const setDrawing = (on: boolean) => {
    if (on && reveal.isScrollView()) return; // the reading view scrolls with a finger: nothing to draw on
    layer.setDrawing(on);
    revealElement.classList.toggle('axon-drawing', on);
    shown.update(on);
    if (!on && document.activeElement && shown.element.contains(document.activeElement)) {
      // Focus leaves the hidden toolbar for the deck, so the keys go on turning slides.
      if (!revealElement.hasAttribute('tabindex')) revealElement.setAttribute('tabindex', '-1');
      revealElement.focus({ preventScroll: true });
    }
  };
  // The pen button follows reveal's own controls (a deck, or an export's PNG, without controls has none),
  // and the reading view (a phone) has none.
  const shown = new DrawingToolbar(layer, setDrawing, () => reveal.getConfig().controls !== false && !reveal.isScrollView());
  toolbar = shown;
  revealElement.append(shown.element, shown.launcher);
  reveal.addKeyBinding(DRAW_KEY, () => setDrawing(!layer.drawing));
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !layer.drawing) return;
      // NOTE - capture phase, before reveal's own Esc (the overview) and the widgets' Esc.
      event.preventDefault();
      event.stopImmediatePropagation();
      setDrawing(false);
    },
    true,
  );
  return { layer, toolbar: shown, setDrawing };
}
