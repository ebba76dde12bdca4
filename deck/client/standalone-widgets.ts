/**
 * `widgets/axon-widgets.js`, the module `axon build` writes for pages that are not decks: importing it defines
 * every Axon widget the page uses — those on it now (the import resolves once they are defined) and those
 * added later — each fetched only when its tag first appears, and the training engine before the first
 * widget that trains. See deck/client/standalone.ts.
 *
 * ```html
 * <script type="module" src="https://course.example/dl/widgets/axon-widgets.js"></script>
 * <ua-fitter hidden-units="20"></ua-fitter>
 * ```
 */
import { watchPage, widgetTags } from './standalone.ts';

export { defineWidgets, trainingEngine, widgetTags } from './standalone.ts';

await watchPage(widgetTags);
