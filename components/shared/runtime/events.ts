/**
 * The events every widget fires, in one vocabulary, so a page (a deck script, an exporter, a test) listens
 * the same way to any tag:
 *
 * - `axon-change` — a student changed a setting with the controls; detail `{ tag, settings }`, the widget's
 *   settings as its table names them (the same values the page address keeps). Fired by the settings table's
 *   `keep()` (components/shared/runtime/settings.ts), which every widget calls after such a change.
 * - `axon-settled` — the widget's `settled` resolved: it shows its handout state (components/shared/handout.ts).
 *   Fired by the handout latch (components/shared/runtime/handout-latch.ts).
 *
 * Both bubble and are composed, so a listener on the deck or the document hears every widget. A widget may
 * fire its own events too (what it computed: `mp-neuron-change`'s output, `ua-fitter-done`'s MSE).
 */

/** A student changed a setting with the widget's controls. */
export const CHANGE_EVENT = 'axon-change';

/** The widget's `settled` resolved: it shows its handout state. */
export const SETTLED_EVENT = 'axon-settled';

/** `axon-change`'s detail. */
export interface AxonChangeDetail<Settings extends object = Record<string, unknown>> {
  /** The widget's tag, lower case (`ua-fitter`). */
  tag: string;
  /** Every setting's value now, named as in the widget's settings table. */
  settings: Settings;
}

/** Fires `axon-change` on `element` with its settings now. */
export function fireChange(element: Pick<Element, 'tagName' | 'dispatchEvent'>, settings: object): void {
  // NOTE - a copy: a listener that keeps the detail must not see the widget's later changes.
  const detail: AxonChangeDetail = { tag: element.tagName.toLowerCase(), settings: { ...settings } };
  element.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail, bubbles: true, composed: true }));
}

/** Fires `axon-settled` on `element`. */
export function fireSettled(element: Pick<Element, 'dispatchEvent'>): void {
  element.dispatchEvent(new CustomEvent(SETTLED_EVENT, { bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    [CHANGE_EVENT]: CustomEvent<AxonChangeDetail>;
    [SETTLED_EVENT]: CustomEvent<undefined>;
  }
}
