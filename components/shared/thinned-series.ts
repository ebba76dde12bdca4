/**
 * A history that grows with time — a loss curve, an optimizer's path — kept to a fixed number of points
 * however long a widget plays, so that hours of Play cost the same memory and drawing time as a minute.
 *
 * How it thins: after the first point, points fall into stretches of equal length (1, 2, 4, … points; when
 * the stretches outgrow their room, neighbours merge two by two and the length doubles). Each stretch keeps
 * its lowest and its highest point by `value` (a loss curve's loss), so
 * - every point kept is a real point, drawn where it was: a line through them follows the curve's envelope,
 *   the noise of SGD included, and never invents a value;
 * - the lowest and highest points of the whole history are never thinned away;
 * - the first point and the latest are always kept, and optionally the `recent` latest points all are, so
 *   the newest part of a path stays exact.
 * Pushing is O(1) amortised (a merge of all the stretches comes only after as many new ones have filled),
 * and the extremes are tracked as points arrive: nothing walks or spreads the whole history (`Math.min(...xs)`
 * throws a RangeError once `xs` outgrows the call stack).
 */

export interface ThinnedSeriesOptions<Point> {
  /** The number whose extremes every stretch keeps (e.g. the loss). A non-finite value is never an extreme. */
  value: (point: Point) => number;
  /** The most points kept, `recent` included (default 2000; at least `recent` + 6). */
  capacity?: number;
  /** How many of the latest points are kept one by one (default 0). */
  recent?: number;
}

/** A run of neighbouring points, as its lowest and highest (by value); `at` counts points pushed before. */
interface Stretch<Point> {
  low: Point;
  lowAt: number;
  lowValue: number;
  high: Point;
  highAt: number;
  highValue: number;
}

interface Entry<Point> {
  point: Point;
  at: number;
  value: number;
}

export class ThinnedSeries<Point> {
  /** The most points ever kept. */
  readonly capacity: number;
  private readonly value: (point: Point) => number;
  private readonly recent: number;
  private readonly maxStretches: number;
  private pushed = 0;
  private head: Point | undefined;
  private last: Point | undefined;
  private lowest: Entry<Point> | undefined;
  private highest: Entry<Point> | undefined;
  private stretches: Stretch<Point>[] = [];
  /** Points per stretch: a power of two. */
  private width = 1;
  /** Points that have gone into the stretches. */
  private thinned = 0;
  /** The `recent` latest points (from `tailStart` on), before they go into the stretches. */
  private tail: Entry<Point>[] = [];
  private tailStart = 0;
  private kept: Point[] | undefined;

  constructor(options: ThinnedSeriesOptions<Point>) {
    this.value = options.value;
    this.recent = options.recent ?? 0;
    this.capacity = options.capacity ?? 2000;
    if (!(Number.isInteger(this.recent) && this.recent >= 0)) throw new RangeError(`ThinnedSeries: recent must be a whole number ≥ 0, got ${this.recent}`);
    if (!(Number.isInteger(this.capacity) && this.capacity >= this.recent + 6)) {
      throw new RangeError(`ThinnedSeries: capacity must be a whole number ≥ recent + 6 = ${this.recent + 6}, got ${this.capacity}`);
    }
    // Room for the first point, two per stretch, the recent ones, and the latest.
    this.maxStretches = Math.floor((this.capacity - this.recent - 2) / 2);
  }

  /** Adds the newest point. */
  push(point: Point): void {
    const entry: Entry<Point> = { point, at: this.pushed, value: this.value(point) };
    this.pushed += 1;
    this.last = point;
    this.kept = undefined;
    if (Number.isFinite(entry.value)) {
      if (!this.lowest || entry.value < this.lowest.value) this.lowest = entry;
      if (!this.highest || entry.value > this.highest.value) this.highest = entry;
    }
    if (entry.at === 0) {
      this.head = point;
      return;
    }
    if (this.recent === 0) {
      this.thin(entry);
      return;
    }
    this.tail.push(entry);
    if (this.tail.length - this.tailStart > this.recent) {
      this.thin(this.tail[this.tailStart]!);
      this.tailStart += 1;
      // Dropping the consumed front now and then keeps the tail's memory bounded at O(1) per point.
      if (this.tailStart >= this.recent) {
        this.tail = this.tail.slice(this.tailStart);
        this.tailStart = 0;
      }
    }
  }

  /** The points kept, oldest first: at most `capacity`. The array is shared until the next push: do not change it. */
  points(): readonly Point[] {
    this.kept ??= this.collect();
    return this.kept;
  }

  /** How many points are kept. */
  get length(): number {
    return this.points().length;
  }

  /** How many points were pushed in all. */
  get count(): number {
    return this.pushed;
  }

  get first(): Point | undefined {
    return this.head;
  }

  get latest(): Point | undefined {
    return this.last;
  }

  /** The point of least value of all pushed (the earliest, on a tie); undefined while no value was finite. */
  get min(): Point | undefined {
    return this.lowest?.point;
  }

  /** The point of greatest value of all pushed (the earliest, on a tie). */
  get max(): Point | undefined {
    return this.highest?.point;
  }

  /** [least, greatest] finite value of all pushed, or undefined while there is none. */
  get extent(): [number, number] | undefined {
    return this.lowest && this.highest ? [this.lowest.value, this.highest.value] : undefined;
  }

  private thin(entry: Entry<Point>): void {
    let index = Math.floor(this.thinned / this.width);
    // Stretches of one point take one place each, so twice as many fit: a short history is kept whole.
    const room = this.width === 1 ? 2 * this.maxStretches : this.maxStretches;
    if (index === this.stretches.length && index >= room) {
      this.mergeNeighbours();
      index = Math.floor(this.thinned / this.width);
    }
    this.thinned += 1;
    const stretch = this.stretches[index];
    if (stretch) {
      if (lower(entry.value, stretch.lowValue)) Object.assign(stretch, { low: entry.point, lowAt: entry.at, lowValue: entry.value });
      if (higher(entry.value, stretch.highValue)) Object.assign(stretch, { high: entry.point, highAt: entry.at, highValue: entry.value });
    } else {
      const { point, at, value } = entry;
      this.stretches.push({ low: point, lowAt: at, lowValue: value, high: point, highAt: at, highValue: value });
    }
  }

  /** Halves the stretches: each pair of neighbours becomes one, keeping the lower low and the higher high. */
  private mergeNeighbours(): void {
    const merged: Stretch<Point>[] = [];
    for (let i = 0; i < this.stretches.length; i += 2) {
      const a = this.stretches[i]!;
      const b = this.stretches[i + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      const low = lower(b.lowValue, a.lowValue) ? b : a;
      const high = higher(b.highValue, a.highValue) ? b : a;
      merged.push({ low: low.low, lowAt: low.lowAt, lowValue: low.lowValue, high: high.high, highAt: high.highAt, highValue: high.highValue });
    }
    this.stretches = merged;
    this.width *= 2;
  }

  private collect(): Point[] {
    if (this.pushed === 0) return [];
    const points: Point[] = [this.head!];
    let lastAt = 0;
    const add = (point: Point, at: number) => {
      if (at <= lastAt) return; // a stretch whose low and high are one point
      points.push(point);
      lastAt = at;
    };
    for (const s of this.stretches) {
      if (s.lowAt <= s.highAt) {
        add(s.low, s.lowAt);
        add(s.high, s.highAt);
      } else {
        add(s.high, s.highAt);
        add(s.low, s.lowAt);
      }
    }
    for (let i = this.tailStart; i < this.tail.length; i += 1) add(this.tail[i]!.point, this.tail[i]!.at);
    add(this.last!, this.pushed - 1);
    return points;
  }
}

/** True when `value` should replace `current` as a stretch's low: finite, and lower (or `current` is not finite). */
function lower(value: number, current: number): boolean {
  return Number.isFinite(value) && (!Number.isFinite(current) || value < current);
}

function higher(value: number, current: number): boolean {
  return Number.isFinite(value) && (!Number.isFinite(current) || value > current);
}
