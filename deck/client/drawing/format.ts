/**
 * The drawings file: every stroke drawn on a deck, by slide, as the toolbar exports it and `axon export
 * --drawings FILE` reads it. Pure (no DOM, no fs), so the deck page, the exporter and the tests share it.
 *
 * ```json
 * { "format": "axon-drawings", "version": 1, "deck": "sample",
 *   "slides": { "gradient-descent": [ { "tool": "pen", "color": "#d62828", "size": 6,
 *                                       "points": [[412.5, 300, 0.5], …] } ] } }
 * ```
 * Points are in slide coordinates (1280×720 for Axon's default slide size) with the pen's pressure
 * (0–1), so a stroke sits on the same spot of its slide at any window size, on a projector and on paper.
 */

/** The `format` field of a drawings file. */
export const DRAWINGS_FORMAT = 'axon-drawings';
/** The schema version this code writes; files of a later version are refused with a clear message. */
export const DRAWINGS_VERSION = 1;

/** What drew a stroke: a pen line, or a wide translucent highlighter band. */
export type StrokeTool = 'pen' | 'highlighter';

/** A point of a stroke: x and y in slide pixels, and the pressure (0–1; 0.5 when the device gives none). */
export type StrokePoint = [x: number, y: number, pressure: number];

/** One stroke, as drawn. */
export interface Stroke {
  tool: StrokeTool;
  /** A CSS colour in #rrggbb. */
  color: string;
  /** The line's width in slide pixels. */
  size: number;
  points: StrokePoint[];
}

/** Strokes by slide key (see slideKey in layer.ts: the slide's id, else "h.v"). */
export type SlideStrokes = Record<string, Stroke[]>;

/** The whole file. */
export interface DrawingsFile {
  format: typeof DRAWINGS_FORMAT;
  version: number;
  /** The deck's name (its Markdown file's name without .md). */
  deck: string;
  slides: SlideStrokes;
}

/** Thrown for a file that is not a drawings file; the message says what is wrong and what to do. */
export class DrawingsFormatError extends Error {
  override name = 'DrawingsFormatError';
}

const COLOR = /^#[0-9a-f]{6}$/i;
/** Points beyond this are not from a slide (a slide is a few thousand pixels at most): a damaged file. */
const MAX_COORDINATE = 100_000;

/** Rounds to 0.1 px and 0.01 pressure: a stroke's file stays small, and nobody sees a tenth of a pixel. */
export function roundPoint([x, y, pressure]: StrokePoint): StrokePoint {
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10, Math.round(pressure * 100) / 100];
}

/** A drawings file for `deck` holding `slides` (slides without strokes left out). */
export function drawingsFile(deck: string, slides: SlideStrokes): DrawingsFile {
  const kept: SlideStrokes = {};
  for (const [key, strokes] of Object.entries(slides)) if (strokes.length > 0) kept[key] = strokes;
  return { format: DRAWINGS_FORMAT, version: DRAWINGS_VERSION, deck, slides: kept };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStroke(value: unknown, where: string): Stroke {
  if (!isObject(value)) throw new DrawingsFormatError(`${where} is not a stroke object`);
  const { tool, color, size, points } = value;
  if (tool !== 'pen' && tool !== 'highlighter') throw new DrawingsFormatError(`${where}.tool is ${JSON.stringify(tool)} — give "pen" or "highlighter"`);
  if (typeof color !== 'string' || !COLOR.test(color)) throw new DrawingsFormatError(`${where}.color is ${JSON.stringify(color)} — give a colour like "#d62828"`);
  if (typeof size !== 'number' || !(size > 0 && size <= 200)) throw new DrawingsFormatError(`${where}.size is ${JSON.stringify(size)} — give a width in pixels from 0 to 200`);
  if (!Array.isArray(points) || points.length === 0) throw new DrawingsFormatError(`${where}.points is not a list of points`);
  const parsed = points.map((point, i): StrokePoint => {
    const ok =
      Array.isArray(point) &&
      point.length === 3 &&
      point.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
      Math.abs(point[0] as number) <= MAX_COORDINATE &&
      Math.abs(point[1] as number) <= MAX_COORDINATE &&
      (point[2] as number) >= 0 &&
      (point[2] as number) <= 1;
    if (!ok) throw new DrawingsFormatError(`${where}.points[${i}] is ${JSON.stringify(point)} — each point is [x, y, pressure 0–1]`);
    return [point[0], point[1], point[2]] as StrokePoint;
  });
  return { tool, color, size, points: parsed };
}

/**
 * Reads a drawings file's JSON (already parsed); throws DrawingsFormatError naming the first wrong field.
 * `source` names the file in the message.
 */
export function parseDrawings(value: unknown, source = 'the drawings file'): DrawingsFile {
  if (!isObject(value) || value.format !== DRAWINGS_FORMAT) {
    throw new DrawingsFormatError(`${source} is not an Axon drawings file (no "format": "${DRAWINGS_FORMAT}") — export one with the drawing toolbar's Export button`);
  }
  const { version, deck, slides } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DrawingsFormatError(`${source}: "version" is ${JSON.stringify(version)} — a drawings file has "version": ${DRAWINGS_VERSION}`);
  }
  if (version > DRAWINGS_VERSION) {
    throw new DrawingsFormatError(`${source} is version ${version}, newer than this Axon reads (${DRAWINGS_VERSION}) — update Axon`);
  }
  if (typeof deck !== 'string' || deck === '') throw new DrawingsFormatError(`${source}: "deck" is missing — it names the deck the strokes belong to`);
  if (!isObject(slides)) throw new DrawingsFormatError(`${source}: "slides" is not an object of slide → strokes`);
  const parsed: SlideStrokes = {};
  for (const [key, strokes] of Object.entries(slides)) {
    if (!Array.isArray(strokes)) throw new DrawingsFormatError(`${source}: slides["${key}"] is not a list of strokes`);
    parsed[key] = strokes.map((stroke, i) => parseStroke(stroke, `${source}: slides["${key}"][${i}]`));
  }
  return { format: DRAWINGS_FORMAT, version, deck, slides: parsed };
}

/** Reads a drawings file's text; bad JSON is a DrawingsFormatError too. */
export function parseDrawingsText(text: string, source = 'the drawings file'): DrawingsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DrawingsFormatError(`${source} is not JSON (${error instanceof Error ? error.message : String(error)}) — export one with the drawing toolbar's Export button`);
  }
  return parseDrawings(value, source);
}
