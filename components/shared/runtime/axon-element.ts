/**
 * The element every widget extends: what each one used to write by hand around its settings table and its
 * handout latch, written once.
 *
 * ```ts
 * export class GdParabola extends axonElement(gdParabolaSettings) {          // or (…, { firstRender: true })
 *   static override styles = gdParabolaStyles;
 *   protected override settingsChanged({ values }: ResolvedSettings<Settings>) { this.run.start(new Run(values)); }
 *   override render() { return html`${this.renderWarnings()} …`; }
 * }
 * ```
 *
 * It gives the subclass:
 * - the table's Lit properties (one string property per attribute and alias; a subclass's own
 *   `static properties` are added to them — Lit merges declarations along the class chain);
 * - `settingsChanged(resolved)`, called before the first render and whenever an attribute of the table
 *   changes, with the settings read as defaults < attributes < the page address, and `warnings` already set
 *   to the table's warnings (a subclass may add its own);
 * - `handout`, the widget's handout latch (components/shared/runtime/handout-latch.ts), with `settled` and a
 *   `settle()` that a widget with something to run overrides;
 * - `renderWarnings()`, the inline warning line every widget shows above its content;
 * - `renderAlert(message)`, the same line for a failure the room must see (no training engine, a lost run);
 * - `reconnected()`, what happens when the widget is put back on the page (by default: it keeps what the
 *   student set, and settles again if `settle()` was asked).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { HandoutWidget } from '../handout.ts';
import { HandoutLatch, type HandoutLatchOptions } from './handout-latch.ts';
import type { PropertyDeclarations } from 'lit';
import type { ResolvedSettings, SettingValues, Settings, SettingsTable } from './settings.ts';

/**
 * Lit declarations for a widget's internal state (re-rendered when set, never an attribute):
 * `static override properties = stateProperties('selected', 'z')`, each then declared as
 * `declare private selected: ActivationName;` (no decorators: the build lowers none).
 */
export function stateProperties(...names: string[]): PropertyDeclarations {
  return Object.fromEntries(names.map((name) => [name, { state: true }]));
}

/** The base class for a widget whose settings `settings` describes; `latch` says how it reaches its handout state. */
// NOTE - a function returning a class (a mixin without a base): the settings table types the hook's values.
export function axonElement<Table extends SettingsTable>(settings: Settings<Table>, latch: HandoutLatchOptions = {}) {
  abstract class AxonElement extends LitElement implements HandoutWidget {
    static override properties = settings.properties;

    /** What the widget says about its attributes (the table's warnings and the widget's own), shown inline. */
    protected warnings: string[] = [];
    /** Keeps the handout contract (components/shared/handout.ts). */
    protected readonly handout = new HandoutLatch(this, latch);

    /** Resolves once the widget shows its handout state and it is drawn. */
    get settled(): Promise<void> {
      return this.handout.settled;
    }

    /** Goes to the handout state; a widget with nothing to run is there after its first render. */
    settle(): Promise<void> {
      return this.handout.settle();
    }

    override connectedCallback(): void {
      super.connectedCallback();
      if (this.hasUpdated) this.reconnected();
    }

    /**
     * Put back on the page after being removed (reveal's print view moves every slide). By default what the
     * student set stays, and a widget that was asked to `settle()` goes to its handout state again (its run
     * controller stopped its clock when it left). A widget whose run was freed when it left rebuilds it here.
     */
    protected reconnected(): void {
      if (this.handout.asked) void this.settle();
    }

    protected override willUpdate(changed: PropertyValues<this>): void {
      super.willUpdate(changed);
      if (!this.hasUpdated || settings.touches(changed)) this.readSettings();
    }

    /** Reads the settings (defaults < attributes < the page address) and hands them to `settingsChanged`. */
    protected readSettings(): void {
      const resolved = settings.resolve(this);
      this.warnings = [...resolved.warnings];
      this.settingsChanged(resolved);
    }

    /** The settings were read (before the first render, and after an attribute of the table changed). */
    protected abstract settingsChanged(resolved: ResolvedSettings<SettingValues<Table>>): void;

    /** Puts `values` in the page address and fires `axon-change`: call it after a change a student makes. */
    protected keepSettings(values: SettingValues<Table>): void {
      settings.keep(this, values);
    }

    /** The warning line: `<tag> what was wrong; …`, or nothing. */
    protected renderWarnings(): TemplateResult | typeof nothing {
      return this.renderAlert(this.warnings.join('; '));
    }

    /** `<tag> message` as an alert (a failure the room must see), or nothing for no message. */
    protected renderAlert(message: string | undefined | null): TemplateResult | typeof nothing {
      if (!message) return nothing;
      return html`<p class="warning" role="alert">&lt;${this.localName}&gt; ${message}</p>`;
    }
  }
  return AxonElement;
}
