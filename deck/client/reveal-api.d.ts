// reveal.js 6 has these methods (see its js/reveal.js API list) but its bundled types omit them.
import 'reveal.js';

declare module 'reveal.js' {
  interface RevealApi {
    /** True while reveal shows the deck as one scrolling page (`view: 'scroll'` or `?view=scroll`). */
    isScrollView(): boolean;
    /** True while reveal lays the deck out for printing (`?print-pdf`). */
    isPrintView(): boolean;
  }
}
