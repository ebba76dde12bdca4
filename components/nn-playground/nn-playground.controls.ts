/**
 * `<nn-playground>`'s control bar, laid out for the room (issue 17): in front, at the slide's 21 px, the
 * transport buttons and what a lecture slide changes live — the learning rate, the activation and
 * `Regenerate`; one click away, behind "More settings", the problem, dataset, noise, train ratio, batch size and
 * regularisation controls and the one-line description of the training. Each control names the settings it
 * changes and hands them to the element, which keeps them in the URL and restarts the run. A plain function of
 * what it shows: the element passes its settings and its callbacks in.
 */
import { html, nothing } from 'lit';
import { pythonNumber } from '../shared/pytorch.ts';
import { transportControls, type TransportState } from '../shared/transport.ts';
import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  DATASETS,
  DATASET_LABELS,
  PLAYGROUND_LIMITS,
  PROBLEMS,
  REGULARIZATIONS,
  REGULARIZATION_LABELS,
  learningRateStops,
  problemOf,
  regularizationRateStops,
  type Hideable,
  type PlaygroundActivation,
  type PlaygroundDataset,
  type PlaygroundSettings,
  type Problem,
  type RegularizationKind,
} from './nn-playground.model.ts';

/** What the bar shows, and where its changes go. */
export interface ControlBarView {
  settings: PlaygroundSettings & { hide: ReadonlySet<Hideable> };
  /** The Play / Pause / Step / Reset buttons' state and actions. */
  transport: TransportState;
  /** A control changed these settings (only what differs from the current ones). */
  onChange(changes: Partial<PlaygroundSettings>): void;
  /** The one-line description of the training, shown at the foot of "More settings". */
  description: string;
}

/**
 * The bar: the transport buttons and the slide's controls in front, the rest behind "More settings" (only
 * controls that `hide` does not name; the disclosure is left out when it would be empty but for the description).
 */
export function controlBar(view: ControlBarView) {
  const s = view.settings;
  const show = (name: Hideable) => !s.hide.has(name);
  const stops = learningRateStops(s.learningRate);
  const rates = regularizationRateStops(s.regularizationRate);
  const change = view.onChange;
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
  const onProblem = (event: Event) => {
    const problem = value(event) as Problem;
    if (problem !== s.problem) change({ problem, dataset: DATASETS[problem][0] });
  };
  const onDataset = (event: Event) => {
    const dataset = value(event) as PlaygroundDataset;
    if (dataset !== s.dataset) change({ dataset, problem: problemOf(dataset) });
  };
  const onNoise = (event: Event) => {
    const noise = Number(value(event)) / 100;
    if (noise !== s.noise) change({ noise });
  };
  const onTrainRatio = (event: Event) => {
    const trainRatio = Number(value(event)) / 100;
    if (trainRatio !== s.trainRatio) change({ trainRatio });
  };
  const onBatchSize = (event: Event) => {
    const batchSize = Number(value(event));
    if (batchSize !== s.batchSize) change({ batchSize });
  };
  const onLearningRate = (event: Event) => {
    const learningRate = stops[Number(value(event))]!;
    if (learningRate !== s.learningRate) change({ learningRate });
  };
  const onActivation = (event: Event) => change({ activation: value(event) as PlaygroundActivation });
  const onRegularization = (event: Event) => change({ regularization: value(event) as RegularizationKind });
  const onRegularizationRate = (event: Event) => change({ regularizationRate: Number(value(event)) });
  const onRegenerate = () => change({ seed: s.seed + 1 });
  const onDropout = (event: Event) => {
    const dropout = Number(value(event)) / 100;
    if (dropout !== s.dropout) change({ dropout });
  };
  const onEarlyStopping = (event: Event) => change({ earlyStopping: (event.target as HTMLInputElement).checked });
  const onPatience = (event: Event) => {
    const patience = Number(value(event));
    if (patience !== s.patience) change({ patience });
  };
  const onValidation = (event: Event) => {
    const validation = Number(value(event)) / 100;
    if (validation !== s.validation) change({ validation });
  };
  const percent = (fraction: number) => Math.round(fraction * 100);
  const regenerate = show('regenerate') ? html`<button class="regenerate" @click=${onRegenerate}>Regenerate</button>` : nothing;
  const front = html`
    ${show('learning-rate')
      ? sliderField({ label: 'learning rate', shown: String(s.learningRate), min: 0, max: stops.length - 1, step: 1, value: stops.indexOf(s.learningRate), onChange: onLearningRate })
      : nothing}
    ${show('activation') ? selectField({ label: 'activation', name: 'activation', value: s.activation, options: ACTIVATIONS.map((a) => [a, ACTIVATION_LABELS[a]]), onChange: onActivation }) : nothing}
    ${regenerate}`;
  return html`<div class="bar">
    ${transportControls(view.transport)}
    ${front}
    <details class="more">
      <summary>More settings</summary>
      <div class="more-panel">
        <div class="more-fields">
          ${show('problem') ? selectField({ label: 'problem', name: 'problem type', value: s.problem, options: PROBLEMS.map((p) => [p, p]), onChange: onProblem }) : nothing}
          ${show('dataset') ? selectField({ label: 'dataset', name: 'dataset', value: s.dataset, options: DATASETS[s.problem].map((d) => [d, DATASET_LABELS[d]]), onChange: onDataset }) : nothing}
          ${show('noise') ? sliderField({ label: 'noise', shown: `${percent(s.noise)} %`, min: 0, max: 50, step: 5, value: percent(s.noise), onChange: onNoise }) : nothing}
          ${show('train-ratio') ? sliderField({ label: 'train ratio', shown: `${percent(s.trainRatio)} %`, min: 10, max: 90, step: 10, value: percent(s.trainRatio), onChange: onTrainRatio }) : nothing}
          ${show('batch-size')
            ? sliderField({ label: 'batch size', shown: String(s.batchSize), min: 1, max: Math.max(PLAYGROUND_LIMITS.batchSlider.max, s.batchSize), step: 1, value: s.batchSize, onChange: onBatchSize })
            : nothing}
          ${show('regularization')
            ? selectField({ label: 'regularization', name: 'regularization', value: s.regularization, options: REGULARIZATIONS.map((r) => [r, REGULARIZATION_LABELS[r]]), onChange: onRegularization })
            : nothing}
          ${show('regularization-rate')
            ? selectField({
                label: 'regularization rate',
                name: 'regularization rate',
                value: String(s.regularizationRate),
                options: rates.map((r) => [String(r), String(r)]),
                disabled: s.regularization === 'none',
                onChange: onRegularizationRate,
              })
            : nothing}
          ${show('dropout')
            ? sliderField({ label: 'dropout', shown: pythonNumber(s.dropout), min: 0, max: 90, step: 5, value: percent(s.dropout), onChange: onDropout })
            : nothing}
          ${show('early-stopping')
            ? html`<label class="field"><span>early stopping</span>
                <input type="checkbox" role="switch" aria-label="early stopping" .checked=${s.earlyStopping} @change=${onEarlyStopping} /></label>`
            : nothing}
          ${show('patience')
            ? sliderField({ label: 'patience', shown: `${s.patience}`, min: 1, max: Math.max(PATIENCE_SLIDER_MAX, s.patience), step: 1, value: s.patience, disabled: !s.earlyStopping, onChange: onPatience })
            : nothing}
          ${show('validation')
            ? sliderField({ label: 'validation', shown: `${percent(s.validation)} %`, min: 5, max: 50, step: 5, value: percent(s.validation), disabled: !s.earlyStopping, onChange: onValidation })
            : nothing}
        </div>
        <p class="settings">${view.description}</p>
      </div>
    </details>
  </div>`;
}

/** A labelled select: `label` shown above it, `name` its accessible name, `options` as [value, text]. */
function selectField(field: { label: string; name: string; value: string; options: ReadonlyArray<readonly [string, string]>; disabled?: boolean; onChange(event: Event): void }) {
  return html`<label class="field"><span>${field.label}</span>
    <select aria-label=${field.name} .value=${field.value} ?disabled=${field.disabled ?? false} @change=${field.onChange}>
      ${field.options.map(([value, text]) => html`<option value=${value} ?selected=${value === field.value}>${text}</option>`)}
    </select></label>`;
}

/** The patience slider's end (epochs); an attribute may set more, up to 200. */
const PATIENCE_SLIDER_MAX = 50;

/** A labelled slider named by its label, its value shown (bold) beside the label and read out as `shown`. */
function sliderField(field: { label: string; shown: string; min: number; max: number; step: number; value: number; disabled?: boolean; onChange(event: Event): void }) {
  return html`<label class="field"><span>${field.label} <b>${field.shown}</b></span>
    <input type="range" aria-label=${field.label} aria-valuetext=${field.shown} min=${field.min} max=${field.max} step=${field.step} .value=${String(field.value)} ?disabled=${field.disabled ?? false} @change=${field.onChange} /></label>`;
}
