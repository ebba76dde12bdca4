/**
 * Text sizes for the room (issue 17): the smallest text a widget shows must be drawn at 20 px or more on a
 * 1280×720 projector. A deck slide is 1280×720 CSS px drawn at 1/1.04 of that (reveal's 4 % margin), so the
 * floor is 21 CSS px on the slide (`--axon-text` in base-styles.ts). SVG text is sized in user units, which the
 * SVG scales by its drawn width over its viewBox width: `svgTextSize` turns the CSS floor into user units.
 */

/** The smallest text, in CSS px on a 1280×720 slide. */
export const TEXT_PX = 21;

/** Larger text: values a student reads from afar, headings inside a widget. */
export const TEXT_LARGE_PX = 24;

/**
 * The width a widget's picture is drawn at, at the least, in its narrow layout (`@container axon-widget (width <
 * 800px)`: a column, half a slide): a 50 % column of a 1280×720 slide is 588 CSS px (e2e/columns.spec.ts), less
 * a little margin. SVG text sized with `svgTextSize(viewBoxWidth, NARROW_DRAWN_PX)` there stays at the floor.
 */
export const NARROW_DRAWN_PX = 560;

/**
 * The font size, in the SVG's user units, that draws at least `px` CSS px when an SVG `viewBoxWidth` units
 * wide is drawn `drawnWidth` CSS px wide (its width on the slide; the smallest width it is laid out at).
 */
export function svgTextSize(viewBoxWidth: number, drawnWidth: number, px: number = TEXT_PX): number {
  if (!(viewBoxWidth > 0) || !(drawnWidth > 0)) return px;
  return Math.ceil(((px * viewBoxWidth) / drawnWidth) * 10) / 10;
}
