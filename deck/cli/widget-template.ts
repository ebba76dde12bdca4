/**
 * The file `axon new widget <tag>` writes: a deck-local widget on Axon's runtime, short and commented, that
 * works as it is (a slider for z and σ(z) read out) so that an author changes a working widget rather than
 * starting from nothing. e2e/local-widgets.spec.ts builds a deck with it and drives it in a browser.
 */

/** `relu-unit` → `ReluUnit`: the class name for a tag. */
export function className(tag: string): string {
  return tag
    .split(/[-_.]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** The source of `widgets/<tag>.ts`. */
export function widgetTemplate(tag: string): string {
  const name = className(tag);
  return `/**
 * <${tag}>: a widget of the decks in this folder (written by \`axon new widget ${tag}\`; see the README's
 * "Your own widget"). Use it in any deck here:  <${tag} z="2"></${tag}>
 *
 * The file name is the tag. It runs on the runtime of Axon's own widgets, imported as 'axon/widget': a
 * settings table gives the attributes, their warnings and the state kept in the page address; \`settle()\`
 * is what printing and \`axon export\` call. Change the maths and the view; keep that shape.
 */
import { axonElement, baseStyles, css, defineSettings, formatNumber, html, number, roomText, warningStyles } from 'axon/widget';
import type { ResolvedSettings, SettingValues } from 'axon/widget';

// 1. The settings table: one row per attribute, with its parser (and range) and its default. A bad value shows
//    a warning on the widget and the default is used; the order is defaults < attributes < the page address
//    (?${tag}=z%3D1.5), so a copied link reopens what a student set.
const settings = defineSettings({
  z: { attribute: 'z', parse: number({ min: -6, max: 6 }), default: 0 },
});
type Settings = SettingValues<typeof settings.table>;

/** 2. The maths, apart from the view: σ(z) = 1 / (1 + e⁻ᶻ). */
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// 3. The element. \`firstRender: true\`: nothing here runs in time, so settle() (the handout state) is reached
//    by the first render. A widget that animates or trains adds a RunController instead (also in
//    'axon/widget'), which gives Play/Pause/Step and a settle() that runs to the end.
export class ${name} extends axonElement(settings, { firstRender: true }) {
  // baseStyles: the focus ring, the controls, text at the room's 20 px floor (roomText); add only your own.
  static override styles = [baseStyles, roomText(1.4), warningStyles, css\`
    :host { max-width: 640px; margin: 0.5em auto; }
    input { width: 100%; }
  \`];

  private current: Settings = settings.read({ attribute: () => null }).values;

  /** Before the first render and whenever an attribute changes: the settings as read. */
  protected override settingsChanged({ values }: ResolvedSettings<Settings>): void {
    this.current = values;
  }

  /** A student moved the slider: keep it in the page address (and fire axon-change), then redraw. */
  private readonly handleZ = (event: Event): void => {
    this.current = { ...this.current, z: Number((event.target as HTMLInputElement).value) };
    this.keepSettings(this.current);
    this.requestUpdate();
  };

  override render() {
    const { z } = this.current;
    // A native range input: arrow keys work, and the deck leaves them to it while it has focus.
    return html\`
      \${this.renderWarnings()}
      <label>input z = \${formatNumber(z)}
        <input type="range" min="-6" max="6" step="0.1" .value=\${String(z)} @input=\${this.handleZ} />
      </label>
      <p role="status">σ(z) = 1 / (1 + e⁻ᶻ) = \${formatNumber(sigmoid(z), { digits: 3 })}</p>
    \`;
  }
}

customElements.define('${tag}', ${name});
`;
}
