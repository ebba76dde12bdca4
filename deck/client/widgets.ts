/**
 * Widgets on a deck: load the ones the deck uses (one dynamic import each, so a deck never downloads
 * widgets it does not show) and tell each widget when its slide is shown or hidden.
 */
import { localWidgets } from 'virtual:axon-local-widgets';
import { widgets } from '../../components/registry.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../../components/shared/visibility.ts';

/** Every widget this deck may use: Axon's, then the deck folder's own (`widgets/<tag>.ts`, deck/vite/local-widgets.ts). */
const loaders: ReadonlyMap<string, () => Promise<unknown>> = new Map([
  ...Object.entries(widgets).map(([tag, entry]) => [tag, entry.load] as const),
  ...Object.entries(localWidgets).map(([tag, entry]) => [tag, entry.load] as const),
]);
/** Every widget tag this deck may use, Axon's and the deck folder's own. */
export const knownWidgetTags: readonly string[] = [...loaders.keys()];

/** Loads the widgets the deck uses; a widget that fails to load is shown as such on its slides. */
export async function loadWidgets(tags: readonly string[]): Promise<void> {
  await Promise.all(
    tags.map(async (tag) => {
      const load = loaders.get(tag);
      if (!load || customElements.get(tag)) return;
      try {
        await load();
        const local = localWidgets[tag];
        if (local && !customElements.get(tag)) {
          throw new Error(`${local.file} did not define <${tag}> — end it with customElements.define('${tag}', YourClass)`);
        }
      } catch (error) {
        console.error(`Axon: widget <${tag}> failed to load`, error);
        for (const element of document.querySelectorAll(tag)) element.setAttribute('data-axon-widget-failed', tag);
      }
    }),
  );
}

/** The registered widget tags used in these slides, each once. */
export function widgetTagsIn(slides: readonly Element[]): string[] {
  return [...new Set(slides.flatMap((slide) => widgetsIn(slide).map((element) => element.localName)))];
}

/** The widget elements inside an element (registered tags only). */
function widgetsIn(root: ParentNode): Element[] {
  return knownWidgetTags.length ? Array.from(root.querySelectorAll(knownWidgetTags.join(','))) : [];
}

/**
 * Tells widgets whether their slide is the one being shown. Widgets stay idle until they hear
 * `visible: true`, and pause on `visible: false` (slide change, tab hidden).
 */
export class WidgetVisibility {
  /** What each widget was last told; a widget never told anything hears its state on the next update. */
  private told = new Map<Element, boolean>();

  constructor(private readonly slidesElement: Element) {}

  /** The slides now on screen are `shown` (one, or several in scroll view); every other widget is hidden. */
  update(shown: readonly Element[]): void {
    const pageVisible = document.visibilityState !== 'hidden';
    const visible = new Set(pageVisible ? shown.flatMap((slide) => widgetsIn(slide)) : []);
    for (const widget of widgetsIn(this.slidesElement)) {
      const isVisible = visible.has(widget);
      if (this.told.get(widget) === isVisible) continue;
      this.told.set(widget, isVisible);
      const detail: SlideVisibilityDetail = { visible: isVisible };
      widget.dispatchEvent(new CustomEvent(SLIDE_VISIBILITY_EVENT, { detail }));
    }
  }

  /** Forgets every widget (their elements were replaced). */
  reset(): void {
    this.told.clear();
  }
}
