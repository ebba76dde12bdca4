/**
 * The printed handout: in reveal's print view (`?print-pdf`) nobody presses Play, so the deck asks every
 * widget for its handout state (components/shared/handout.ts). It must ask once reveal has laid the pages
 * out: reveal moves each slide into a page wrapper (and, with pdfSeparateFragments, clones it), and a widget
 * taken off the page and put back starts a fresh run — a widget that settled before the move would be
 * printed at step 0.
 */
import { isHandoutWidget } from '../../components/shared/handout.ts';
import { knownWidgetTags } from './widgets.ts';

/** True when the page was opened for printing (reveal's `?print-pdf`). */
export function isPrintLayout(search = location.search): boolean {
  return /(^|[?&])print-pdf(&|=|$)/.test(search);
}

/** The attribute a printed widget carries: the shared styles then print its settings, not its controls. */
export const PRINTED_ATTRIBUTE = 'data-axon-print';

/**
 * Asks every widget under `root` (clones included) to settle; resolves once all of them are settled. A
 * widget that cannot get there says so in the console, naming its tag, and does not hold up the others.
 * Each is marked printed first (`data-axon-print`): a handout shows what a widget was set to — the slider's
 * value, the select's choice — not Play buttons, sliders and drop-down arrows
 * (components/shared/views/base-styles.ts).
 */
export async function settleWidgets(root: ParentNode): Promise<void> {
  // Axon's widgets and the deck folder's own (widgets/<tag>.ts): printed alike.
  const widgets = Array.from(root.querySelectorAll(knownWidgetTags.join(',')));
  for (const widget of widgets) widget.setAttribute(PRINTED_ATTRIBUTE, '');
  await Promise.all(
    widgets.filter(isHandoutWidget).map(async (widget) => {
      try {
        await widget.settle();
      } catch (error) {
        console.error(`Axon: <${widget.localName}> could not reach its handout state`, error);
      }
    }),
  );
}
