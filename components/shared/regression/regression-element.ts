/**
 * The element side that `<gd-trajectory>` and `<gd-modes>` share, over the base every widget extends
 * (components/shared/runtime/axon-element.ts): the regression problem trained on (made again only when its
 * settings change), the runs (a `RegressionRunsController` keeping the widget's handout latch), the
 * learning-rate slider, the transport and the "no training engine" line. Each widget says which runs it starts
 * (`restart()`) and what it keeps in the page address (`keepState()`).
 */
import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { axonElement } from '../runtime/axon-element.ts';
import type { NumberRange } from '../runtime/parsers.ts';
import type { Settings, SettingsTable } from '../runtime/settings.ts';
import { transportControls } from '../transport.ts';
import {
  LEARNING_RATE_SLIDER_STEP,
  formatShort,
  learningRateAt,
  problemFromTable,
  regressionProblem,
  sliderPosition,
  type ProblemSettings,
  type RegressionProblem,
} from './regression-problem.ts';
import { RegressionRunsController } from './runs-controller.ts';
import { dataFailure, loadTable, regressionColumns } from '../data/widget-data.ts';

/** The base class of a regression widget whose settings `settings` describes; `initial` is the data it shows before reading them. */
// NOTE - a mixin over axonElement, as axonElement is: the settings table types the subclass's `settingsChanged`.
export function regressionElement<Table extends SettingsTable>(settings: Settings<Table>, initial: ProblemSettings) {
  abstract class RegressionElement extends axonElement(settings) {
    // Typed wide, so that a widget's own declarations (Lit merges them with these) need not repeat this one.
    static override properties: PropertyDeclarations = { learningRate: { state: true } };

    /** η now set (the single run's, or every run's). */
    declare protected learningRate: number;

    /** The data trained on, with its closed forms (β̂, the Hessian's eigenvalues, the loss). */
    protected problem: RegressionProblem = regressionProblem(initial);
    /** What `problem` was made from. */
    private problemSettings: ProblemSettings = initial;
    /** Play when the slide is shown (the `autoplay` attribute). */
    protected autoplayOn = false;
    /** The runs: Play / Pause / Step / Reset, the slide's visibility, `settle()` on the widget's latch. */
    protected readonly training = new RegressionRunsController(this, { autoplay: () => this.autoplayOn, handout: this.handout });

    /** The data the widget trains on (X rows and y rows), for tests and the curious. */
    get trainingData(): { inputs: number[][]; targets: number[][] } {
      return { inputs: this.problem.inputs.map((r) => [...r]), targets: this.problem.targets.map((r) => [...r]) };
    }

    /** With `data`: resolves once the CSV is fetched and in use (or has failed); the handout waits for it. */
    private loading: Promise<void> = Promise.resolve();
    /** With `data`: true until the CSV is in use; why it cannot be, once that is known. */
    protected dataPending = false;
    protected dataError: string | undefined;

    /** Takes the runs to the handout state at once; resolves with `settled`. */
    override async settle(): Promise<void> {
      await this.loading;
      return this.training.settle();
    }

    /**
     * Makes the data for `next` unless it is the data already there; says whether it made new data. A CSV
     * (`data`) is fetched first: this says false, and `dataLoaded()` runs once the table is in use.
     */
    protected useProblem(next: ProblemSettings): boolean {
      if (JSON.stringify(next) === JSON.stringify(this.problemSettings)) return false;
      this.problemSettings = next;
      this.dataError = undefined;
      this.dataPending = Boolean(next.data);
      if (next.data) {
        this.loading = this.loadProblem(next);
        return false;
      }
      this.problem = regressionProblem(next);
      return true;
    }

    /** Fetches the CSV `next` names and makes it the problem; a stale answer (the settings changed since) is dropped. */
    private async loadProblem(next: ProblemSettings): Promise<void> {
      const tag = this.localName;
      const file = next.data!;
      try {
        const names = (next.features ?? '').split(',').filter((name) => name !== '');
        if (names.length !== 2) throw new Error(`<${tag}> features="${next.features ?? ''}": name two numeric columns of ${file}, e.g. features="horsepower,weight"`);
        if (!next.target) throw new Error(`<${tag}> data="${file}" needs y="…": the numeric column to predict`);
        const table = await loadTable(file);
        if (next !== this.problemSettings) return;
        this.problem = problemFromTable(regressionColumns(table, tag, file, { attribute: 'features', names }, { attribute: 'y', name: next.target }));
        this.dataPending = false;
        this.dataLoaded();
      } catch (error) {
        if (next !== this.problemSettings) return;
        this.dataError = dataFailure(tag, file, error);
        this.training.pause();
      }
      this.requestUpdate();
    }

    /** The CSV is the problem now: redraw what depends on the data, and start fresh runs. */
    protected dataLoaded(): void {
      this.restart();
    }

    /** Starts fresh runs from β = (0, 0) for the current settings. */
    protected abstract restart(): void;

    /** Keeps what a student changed in the page address (a shared link opens as it was left). */
    protected abstract keepState(): void;

    /** The learning-rate slider (log scale) moved: a new η, kept, and fresh runs on it. */
    protected handleLearningRate(event: Event): void {
      const learningRate = learningRateAt(Number((event.target as HTMLInputElement).value));
      if (learningRate === this.learningRate) return;
      this.learningRate = learningRate;
      this.keepState();
      this.restart();
    }

    private readonly handlePlay = (): void => this.training.play();
    private readonly handlePause = (): void => this.training.pause();
    private readonly handleStep = (): void => void this.training.step();
    private readonly handleReset = (): void => this.training.reset();

    /** Play / Pause / Step / Reset of the runs. */
    protected renderTransport(): TemplateResult {
      const { running, canContinue } = this.training;
      return transportControls({ running, canContinue, onPlay: this.handlePlay, onPause: this.handlePause, onStep: this.handleStep, onReset: this.handleReset });
    }

    /** The learning-rate slider (log scale over `range`, its accessible name `learning rate`) and η shown beside it. */
    protected renderLearningRate(range: NumberRange): TemplateResult {
      const shown = formatShort(this.learningRate);
      return html`<label for="lr">learning rate η</label>
        <input id="lr" type="range" aria-label="learning rate" aria-valuetext=${shown}
          min=${sliderPosition(range.min)} max=${sliderPosition(range.max)} step=${LEARNING_RATE_SLIDER_STEP}
          .value=${String(sliderPosition(this.learningRate))} @input=${this.handleLearningRate} />
        <span class="value" aria-hidden="true">${shown}</span>`;
    }

    /** The settings' warning line, then why the engine could not train, if it could not. */
    protected renderWarningLines(): TemplateResult {
      const error = this.training.error;
      const loading = this.dataPending && !this.dataError ? html`<p role="status">loading ${this.problemSettings.data}…</p>` : nothing;
      return html`${this.renderWarnings()}${this.renderAlert(this.dataError)}${loading}${this.renderAlert(error && `no training engine: ${error}`)}`;
    }
  }
  return RegressionElement;
}
