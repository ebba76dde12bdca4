/**
 * `<nn-playground>`'s layout for the room (issue 17): the width each column is drawn at on a 1280×720 slide
 * (the widget is 1180 px wide there) and, from it, the font size of each picture's SVG text in its own user
 * units, so that every label draws at least `TEXT_PX` (21 CSS px, 20 px on the projector).
 */
import { TEXT_PX, svgTextSize } from '../shared/views/type-scale.ts';

/** The widget's width on a slide, and the gap between its three columns. */
export const WIDGET_PX = 1180;
export const COLUMN_GAP_PX = 16;

/** The three columns' shares of the width: the network, the output view, the loss (and Pred vs True). */
export const COLUMN_SHARES = [44, 36, 34] as const;

/** The width a column is drawn at on a slide (CSS px). */
export function columnPx(column: 0 | 1 | 2): number {
  const total = COLUMN_SHARES.reduce((sum, share) => sum + share, 0);
  return Math.floor(((WIDGET_PX - 2 * COLUMN_GAP_PX) * COLUMN_SHARES[column]) / total);
}

/** SVG text size (user units) for a picture `viewBoxWidth` wide that fills column `column`. */
export function columnTextSize(column: 0 | 1 | 2, viewBoxWidth: number, px: number = TEXT_PX): number {
  return svgTextSize(viewBoxWidth, columnPx(column), px);
}
