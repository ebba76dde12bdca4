/**
 * What a deck-local widget (`widgets/<tag>.ts` beside a deck; README: "Your own widget") imports as
 * `axon/widget`: the runtime every built-in widget runs on, and Lit's templates, in one stable import that works
 * from a deck folder anywhere on disk (the Vite plugin resolves `axon/widget` to this file; deck/vite/plugin.ts).
 *
 * Keep it to what a widget author needs; everything here is a promise to decks written against it.
 */
export { LitElement, css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
export { axonElement, stateProperties } from './axon-element.ts';
export {
  boolean,
  choice,
  defineSettings,
  number,
  numberList,
  seed,
  text,
  wholeNumber,
  type Parser,
  type ResolvedSettings,
  type SettingValues,
  type Settings,
} from './settings.ts';
export { RunController, type Stepper } from './run-controller.ts';
export { CHANGE_EVENT, SETTLED_EVENT, type AxonChangeDetail } from './events.ts';
export { SLIDE_VISIBILITY_EVENT, type SlideVisibilityDetail } from '../visibility.ts';
export { baseStyles, roomText } from '../views/base-styles.ts';
export { warningStyles } from '../warning.ts';
export { transportControls, transportStyles } from '../transport.ts';
export { formatNumber } from '../views/format-number.ts';
export { cssRgb, diverging, sequential } from '../views/colour-maps.ts';
export { TEXT_PX, svgTextSize } from '../views/type-scale.ts';
