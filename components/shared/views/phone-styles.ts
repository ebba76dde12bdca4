/**
 * Every widget on a phone (issue 17): the rules that make a widget readable and drivable in the deck's reading
 * view (deck/client/reading-view.ts), part of `baseStyles`, so no widget has to repeat them.
 *
 * They apply only inside a slide of the reading view — a size container named `axon-reading`, 540–650 slide px
 * wide on a phone (assets/theme/axon.css) — which no slide on a projector or a printed page is. The slide is
 * drawn there at about two-thirds (`--slide-scale`), so sizes in slide pixels are divided by it to come out at a
 * size on the phone's screen:
 *
 * - every control is a touch target, at least 44 CSS px each way (WCAG 2.5.5): buttons, selects, summaries,
 *   text and number fields, range sliders (the whole track's box answers a finger, the thumb follows it), and
 *   the label around a checkbox or radio button (tapping the label toggles it);
 * - the widget's text (labels, values, the status line) is at least 16 CSS px, through `--axon-text`, which
 *   every widget's text is sized from;
 * - a picture is never wider than the widget, and a row of controls wraps instead of running off the screen.
 *
 * Sizes are `!important` here because they are floors, not a look: a widget's own `button { padding: … }` or
 * `input[type='range'] { height: … }` stays as it is wherever it already meets them, but none may fall below
 * them on a phone. e2e/phone.spec.ts measures every widget of every lecture at 390×844.
 */
import { css } from 'lit';

export const phoneStyles = css`
  @container axon-reading (width < 800px) {
    /* 16 CSS px on the screen, in slide px (24 px at the reading view's two-thirds), never below the room's 21. */
    :host { --axon-text: max(21px, calc(16.5px / var(--slide-scale, 1))); }

    :where(button, select, summary, textarea, input:not([type='checkbox'], [type='radio'], [type='range'], [type='hidden'])),
    :where([role='button'], [role='slider']):not(svg *) {
      min-height: var(--axon-touch-target, 44px) !important;
      min-width: var(--axon-touch-target, 44px) !important;
      box-sizing: border-box;
    }
    :where(input[type='range']) {
      min-height: var(--axon-touch-target, 44px) !important;
      min-width: var(--axon-touch-target, 44px) !important;
    }
    /* A checkbox is too small to hit: the label around it is the target. */
    :where(label:has(> input:is([type='checkbox'], [type='radio']))) {
      display: inline-flex; align-items: center;
      min-height: var(--axon-touch-target, 44px) !important;
      min-width: var(--axon-touch-target, 44px) !important;
    }

    /*
     * Text a widget sized in fixed pixels rather than from --axon-text, keyed by the widget (its own styles are
     * another's to change): mp-neuron's subscripts and bits, backprop-walkthrough's parameter names (22 px,
     * 15 CSS px).
     */
    :host(mp-neuron) :is(sub, sup, .controls .name, .bit) { font-size: var(--axon-text) !important; }
    :host(backprop-walkthrough) .settings .name { font-size: var(--axon-text) !important; }

    /* Pictures at the widget's width at most; rows of controls wrap. */
    :where(svg:not(svg svg), img, canvas) { max-width: 100%; }
    :where(.row, .transport, .controls) { flex-wrap: wrap; }
  }
`;
