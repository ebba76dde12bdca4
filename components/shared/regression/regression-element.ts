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
  regressionProblem,
  sliderPosition,
  type ProblemSettings,
  type RegressionProblem,
} from './regression-problem.ts';
import { RegressionRunsController } from './runs-controller.ts';

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

    /** Takes the runs to the handout state at once; resolves with `settled`. */
    override settle(): Promise<void> {
      return this.training.settle();
    }

    /** Makes the data for `next` unless it is the data already there; says whether it made new data. */
    protected useProblem(next: ProblemSettings): boolean {
      if (JSON.stringify(next) === JSON.stringify(this.problemSettings)) return false;
      this.problem = regressionProblem(next);
      this.problemSettings = next;
      return true;
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
      return html`${this.renderWarnings()}${this.renderAlert(error && `no training engine: ${error}`)}`;
    }
  }
  return RegressionElement;
}
