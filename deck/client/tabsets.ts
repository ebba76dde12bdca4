/**
 * Quarto tabsets on the slides (markup from deck/compile/tabsets.ts), as the WAI-ARIA Tabs pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): a click or Left/Right/Home/End selects a tab and shows its
 * panel; only the selected tab is in the Tab order (roving tabindex). reveal.js never sees those arrow keys:
 * a focused `role=tab` is a control, so keyboard.ts's `keyboardCondition` keeps them from the deck, and the
 * deck's arrows move slides again once focus leaves the tablist (or on Esc).
 *
 * The compiler leaves every panel shown, each under its heading; this module takes a tabset over by marking it
 * `data-axon-tabset-ready` (the theme then shows the tab buttons and hides the headings) and hiding the panels
 * not selected. The print view is never taken over, so a handout prints every tab under its title.
 *
 * A widget in a hidden panel is treated as one on a hidden slide: the deck's "your slide is shown" is held back
 * from it until its tab is shown, and it hears "hidden" when its tab is left.
 */
import { widgetTags } from '../../components/registry.ts';
import { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../../components/shared/visibility.ts';

/** Set on a tabset once the client runs it: the theme shows tabs instead of stacked sections. */
export const TABSET_READY = 'data-axon-tabset-ready';

const TABSET = '[data-axon-tabset]';

/** The tabs of this tabset only (not those of a tabset nested in one of its panels). */
function tabsOf(tabset: Element): HTMLElement[] {
  return Array.from(tabset.querySelectorAll<HTMLElement>(':scope > [role=tablist] > [role=tab]'));
}

function panelOf(tabset: Element, tab: Element): HTMLElement | null {
  const id = tab.getAttribute('aria-controls');
  return id ? tabset.querySelector<HTMLElement>(`#${CSS.escape(id)}`) : null;
}

/** The tab an event happened on, if it belongs to a tabset this module runs. */
function tabAt(target: EventTarget | null): { tab: HTMLElement; tabset: Element } | undefined {
  const tab = target instanceof Element ? target.closest<HTMLElement>('[role=tab]') : null;
  const tabset = tab?.closest(TABSET);
  if (!tab || !tabset?.hasAttribute(TABSET_READY) || !tabsOf(tabset).includes(tab)) return undefined;
  return { tab, tabset };
}

/**
 * Runs every tabset under `root` (the deck's `.slides`), now and as slides are swapped in (dev saves).
 * `onLayoutChange` is called after a tab change (the deck lays the slide out again: its height changed).
 * Returns a function that stops it.
 */
export function installTabsets(root: Element, onLayoutChange: () => void = () => {}): () => void {
  /** What the deck last said about each widget's slide (shown or not). */
  const slideShown = new WeakMap<Element, boolean>();
  /** What each widget last heard (from the deck or from here). */
  const heard = new WeakMap<Element, boolean>();
  /** The events sent from here, which the interceptor lets through. */
  const ownEvents = new WeakSet<Event>();

  const inHiddenPanel = (element: Element) => element.closest('[role=tabpanel][hidden]') !== null;

  const tell = (widget: Element): void => {
    const visible = (slideShown.get(widget) ?? false) && !inHiddenPanel(widget);
    if ((heard.get(widget) ?? false) === visible) return;
    heard.set(widget, visible);
    const detail: SlideVisibilityDetail = { visible };
    const event = new CustomEvent(SLIDE_VISIBILITY_EVENT, { detail });
    ownEvents.add(event);
    widget.dispatchEvent(event);
  };

  // NOTE - capture phase on an ancestor runs before the widget's own listener, so "shown" can be held back
  // from a widget whose tab is hidden; the deck (deck/client/widgets.ts) need not know about tabs.
  const onVisibility = (event: Event): void => {
    const widget = event.target;
    if (ownEvents.has(event) || !(widget instanceof Element) || !widget.closest(TABSET)) return;
    const { visible } = (event as CustomEvent<SlideVisibilityDetail>).detail;
    slideShown.set(widget, visible);
    const effective = visible && !inHiddenPanel(widget);
    heard.set(widget, effective);
    if (effective !== visible) event.stopImmediatePropagation();
  };

  const select = (tabset: Element, chosen: HTMLElement, { focus = false, follow = true } = {}): void => {
    const tabs = tabsOf(tabset);
    if (!tabs.includes(chosen)) return;
    const changed = chosen.getAttribute('aria-selected') !== 'true';
    for (const tab of tabs) {
      const selected = tab === chosen;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = panelOf(tabset, tab);
      if (panel) panel.hidden = !selected;
    }
    if (focus) chosen.focus({ preventScroll: true });
    if (!changed) return;
    if (widgetTags.length > 0) tabset.querySelectorAll(widgetTags.join(',')).forEach(tell);
    if (follow) followGroup(tabset, chosen);
  };

  /** Quarto's `group="…"`: every tabset of the group shows the tab of the same title. */
  const followGroup = (tabset: Element, chosen: HTMLElement): void => {
    const group = tabset.getAttribute('data-tabset-group');
    if (group === null) return;
    const title = chosen.textContent?.trim();
    for (const other of root.querySelectorAll(`${TABSET}[${TABSET_READY}]`)) {
      if (other === tabset || other.getAttribute('data-tabset-group') !== group) continue;
      const match = tabsOf(other).find((tab) => tab.textContent?.trim() === title);
      if (match) select(other, match, { follow: false });
    }
  };

  const takeOver = (): void => {
    for (const tabset of root.querySelectorAll(`${TABSET}:not([${TABSET_READY}])`)) {
      const tabs = tabsOf(tabset);
      const chosen = tabs.find((tab) => tab.getAttribute('aria-selected') === 'true') ?? tabs[0];
      if (!chosen) continue;
      tabset.setAttribute(TABSET_READY, '');
      select(tabset, chosen, { follow: false });
    }
  };

  const onClick = (event: Event): void => {
    const at = tabAt(event.target);
    if (!at) return;
    select(at.tabset, at.tab, { focus: true });
    onLayoutChange();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const at = tabAt(event.target);
    if (!at || event.altKey || event.ctrlKey || event.metaKey) return;
    const tabs = tabsOf(at.tabset);
    const index = tabs.indexOf(at.tab);
    const next: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = tabs[next[event.key] ?? -1];
    if (!target) return;
    // reveal.js already ignores these keys here (keyboard.ts); this keeps the page from scrolling too.
    event.preventDefault();
    select(at.tabset, target, { focus: true });
    onLayoutChange();
  };

  const observer = new MutationObserver(takeOver);
  takeOver();
  observer.observe(root, { childList: true, subtree: true });
  root.addEventListener(SLIDE_VISIBILITY_EVENT, onVisibility, { capture: true });
  root.addEventListener('click', onClick);
  root.addEventListener('keydown', onKeyDown as EventListener);
  return () => {
    observer.disconnect();
    root.removeEventListener(SLIDE_VISIBILITY_EVENT, onVisibility, { capture: true });
    root.removeEventListener('click', onClick);
    root.removeEventListener('keydown', onKeyDown as EventListener);
  };
}
