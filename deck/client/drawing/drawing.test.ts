import { describe, expect, it } from 'vitest';
import { DRAWINGS_VERSION, DrawingsFormatError, drawingsFile, parseDrawings, parseDrawingsText, roundPoint, type Stroke } from './format.ts';
import { distanceToSegment, strokePath, strokesTouched, touchesStroke } from './geometry.ts';
import { DrawingStore, storageKey, type KeyValueStorage } from './store.ts';

const line = (x0: number, y0: number, x1: number, y1: number, size = 6): Stroke => ({
  tool: 'pen',
  color: '#e5383b',
  size,
  points: [
    [x0, y0, 0.5],
    [(x0 + x1) / 2, (y0 + y1) / 2, 0.5],
    [x1, y1, 0.5],
  ],
});

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

describe('the drawings file', () => {
  it('round-trips through JSON text, with its format, version and deck', () => {
    const file = drawingsFile('sample', { 'gradient-descent': [line(0, 0, 100, 50)], empty: [] });
    const back = parseDrawingsText(JSON.stringify(file));
    expect(back).toEqual(file);
    expect(back.version).toBe(DRAWINGS_VERSION);
    expect(Object.keys(back.slides)).toEqual(['gradient-descent']); // slides without strokes are left out
  });

  it('names the first wrong field and says what to give', () => {
    const good = drawingsFile('sample', { s: [line(0, 0, 10, 10)] });
    expect(() => parseDrawings({ hello: 1 }, 'x.json')).toThrow(/x\.json is not an Axon drawings file/);
    expect(() => parseDrawingsText('{oops', 'x.json')).toThrow(/x\.json is not JSON/);
    expect(() => parseDrawings({ ...good, version: 99 }, 'x.json')).toThrow(/version 99, newer than this Axon reads/);
    const badPoint = structuredClone(good) as unknown as { slides: { s: Array<{ points: unknown[] }> } };
    badPoint.slides.s[0]!.points[1] = [1, 2];
    expect(() => parseDrawings(badPoint, 'x.json')).toThrow('x.json: slides["s"][0].points[1] is [1,2] — each point is [x, y, pressure 0–1]');
    const badColor = structuredClone(good) as unknown as { slides: { s: Array<{ color: string }> } };
    badColor.slides.s[0]!.color = 'red';
    expect(() => parseDrawings(badColor)).toThrow(DrawingsFormatError);
  });

  it('rounds points to a tenth of a pixel and a hundredth of pressure', () => {
    expect(roundPoint([10.04, 20.06, 0.123])).toEqual([10, 20.1, 0.12]);
  });
});

describe('stroke geometry', () => {
  it('measures the distance to a segment like the textbook formula', () => {
    expect(distanceToSegment([5, 3], [0, 0], [10, 0])).toBeCloseTo(3);
    expect(distanceToSegment([-4, 3], [0, 0], [10, 0])).toBeCloseTo(5); // beyond the end: to the end point
    expect(distanceToSegment([2, 2], [0, 0], [0, 0])).toBeCloseTo(Math.SQRT2 * 2);
  });

  it('erases a stroke the eraser touches, counting the stroke width, and no other', () => {
    const horizontal = line(100, 100, 300, 100, 10); // half-width 5
    expect(touchesStroke(horizontal, [200, 116], 12)).toBe(true); // 16 ≤ 12 + 5
    expect(touchesStroke(horizontal, [200, 118], 12)).toBe(false); // 18 > 17
    expect(touchesStroke(horizontal, [320, 100], 12)).toBe(false); // 20 past its end
  });

  it('catches a stroke crossed by a quick rub between two pointer positions', () => {
    const strokes = [line(100, 0, 100, 400), line(500, 0, 500, 400)];
    // The rub jumps from x=50 to x=150 in one move: no sample lands within 12 px of x=100 unless the path is walked.
    expect(strokesTouched(strokes, [50, 200], [150, 200], 12)).toEqual([0]);
    expect(strokesTouched(strokes, [50, 200], [60, 200], 12)).toEqual([]);
  });

  it('outlines a stroke as a closed SVG path around its points', () => {
    const d = strokePath(line(100, 100, 300, 100, 10));
    expect(d).toMatch(/^M[\d.]+,[\d.]+ Q.*Z$/);
    const ys = [...d.matchAll(/[\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    // A pen of width 10 at even pressure: the outline stays within its half-width of the line.
    expect(Math.min(...ys)).toBeGreaterThan(94);
    expect(Math.max(...ys)).toBeLessThan(106);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(4);
  });
});

describe('the stored strokes of a deck', () => {
  it('keeps strokes per slide and per deck, and reads them back after a reload', () => {
    const storage = new MapStorage();
    const store = new DrawingStore('sample', storage);
    store.add('intro', line(0, 0, 10, 10));
    store.add('2.0', line(5, 5, 50, 50));
    expect(new DrawingStore('sample', storage).strokes('intro')).toHaveLength(1);
    expect(new DrawingStore('sample', storage).strokes('2.0')).toHaveLength(1);
    expect(new DrawingStore('other', storage).slideKeys()).toEqual([]);
    expect(JSON.parse(storage.getItem(storageKey('sample'))!).version).toBe(DRAWINGS_VERSION);
  });

  it('undoes adds, erases, clears and imports, in reverse order', () => {
    const store = new DrawingStore('sample', new MapStorage());
    store.add('a', line(0, 0, 10, 0));
    store.add('a', line(0, 50, 10, 50));
    expect(store.erase('a', [0])).toBe(true);
    expect(store.strokes('a').map((s) => s.points[0]![1])).toEqual([50]);
    store.clear('a');
    store.replaceAll(drawingsFile('sample', { b: [line(1, 1, 2, 2)] }));
    expect(store.slideKeys()).toEqual(['b']);
    expect(store.undo()).toEqual(['b']); // 'a' had no strokes left to bring back
    expect(store.slideKeys()).toEqual([]); // back to the cleared slide
    store.undo();
    expect(store.strokes('a')).toHaveLength(1);
    store.undo();
    expect(store.strokes('a')).toHaveLength(2);
    store.undo();
    store.undo();
    expect(store.strokes('a')).toHaveLength(0);
    expect(store.canUndo).toBe(false);
  });

  it('removes the saved entry once a deck has no strokes, and keeps a damaged one until a stroke is drawn', () => {
    const storage = new MapStorage();
    const store = new DrawingStore('sample', storage);
    store.add('a', line(0, 0, 1, 1));
    store.clear('a');
    expect(storage.getItem(storageKey('sample'))).toBeNull();
    storage.setItem(storageKey('broken'), '{not json');
    const broken = new DrawingStore('broken', storage);
    expect(broken.problem).toMatch(/not JSON/);
    expect(storage.getItem(storageKey('broken'))).toBe('{not json');
  });

  it('says so when the browser refuses to save, and keeps the stroke in memory', () => {
    const full = new MapStorage();
    full.setItem = () => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    const store = new DrawingStore('sample', full);
    store.add('a', line(0, 0, 1, 1));
    expect(store.strokes('a')).toHaveLength(1);
    expect(store.problem).toMatch(/QuotaExceededError.*Export/);
  });
});
