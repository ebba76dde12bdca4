/**
 * The one message a deck sends its widgets: "your slide is now shown / hidden". A widget stays idle
 * until shown and pauses when hidden. Outside a deck nobody sends it, so a widget that never hears it
 * behaves as visible.
 */

/** Event name dispatched on each widget element by the deck runtime. */
export const SLIDE_VISIBILITY_EVENT = 'axon-slide-visibility';

/** The event's detail. */
export interface SlideVisibilityDetail {
  visible: boolean;
}

declare global {
  interface HTMLElementEventMap {
    [SLIDE_VISIBILITY_EVENT]: CustomEvent<SlideVisibilityDetail>;
  }
}
