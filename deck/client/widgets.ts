/**
 * Widgets on a deck: load the ones the deck uses (one dynamic import each, so a deck never downloads
 * widgets it does not show) and tell each widget when its slide is shown or hidden.
 */
import { widgetTags, widgets } from '../../components/registry.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../../components/shared/visibility.ts';

/** Loads the widgets the deck uses; a widget that fails to load is shown as such on its slides. */
export async function loadWidgets(tags: readonly string[]): Promise<void> {
  await Promise.all(
    tags.map(async (tag) => {
      const entry = widgets[tag as keyof typeof widgets];
      if (!entry || customElements.get(tag)) return;
      try {
        await entry.load();
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
  return widgetTags.length ? Array.from(root.querySelectorAll(widgetTags.join(','))) : [];
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
