/**
 * The loss-per-epoch curves of a widget that trains for up to 100,000 epochs (nn-playground's train and
 * test loss, ua-fitter's MSE), on a log axis of whole decades. One point per picture drawn; each curve is a
 * ThinnedSeries, so however long a run plays a curve keeps at most `capacity` points and its path has at
 * most that many, and the axis comes from the tracked extremes, never from spreading the history into
 * `Math.min` (which threw a RangeError once a run passed about 64,000 pictures).
 */
import { ThinnedSeries } from './thinned-series.ts';

/** One point of a curve. */
export interface EpochLoss {
  epoch: number;
  loss: number;
}

/** Points per curve: a few per pixel column of a slide-wide plot. */
export const LOSS_CURVE_POINTS = 1000;

export class LossCurves<Name extends string> {
  private readonly curves = new Map<Name, ThinnedSeries<EpochLoss>>();
  private lastEpoch = Number.NEGATIVE_INFINITY;

  constructor(names: readonly Name[], capacity = LOSS_CURVE_POINTS) {
    for (const name of names) this.curves.set(name, new ThinnedSeries<EpochLoss>({ value: (p) => p.loss, capacity }));
  }

  /**
   * Records one picture's losses at `epoch`, unless a picture of this epoch or a later one was recorded. A
   * loss that is not a positive finite number (a diverged run, a perfect fit) is left out: a log axis
   * cannot show it.
   */
  record(epoch: number, losses: Readonly<Record<Name, number>>): void {
    if (!(epoch > this.lastEpoch)) return;
    this.lastEpoch = epoch;
    for (const [name, curve] of this.curves) {
      const loss = losses[name];
      if (loss > 0 && Number.isFinite(loss)) curve.push({ epoch, loss });
    }
  }

  /** One curve's kept points, oldest first. */
  points(name: Name): readonly EpochLoss[] {
    return this.curve(name).points();
  }

  /** The latest point of a curve. */
  latest(name: Name): EpochLoss | undefined {
    return this.curve(name).latest;
  }

  /**
   * The whole decades the axis spans, as exponents [low, high]: every recorded loss fits, and the span is
   * at least one decade. `fallback` before any loss.
   */
  decades(fallback: readonly [number, number]): [number, number] {
    let least = Number.POSITIVE_INFINITY;
    let greatest = Number.NEGATIVE_INFINITY;
    for (const curve of this.curves.values()) {
      const extent = curve.extent;
      if (!extent) continue;
      least = Math.min(least, extent[0]);
      greatest = Math.max(greatest, extent[1]);
    }
    if (!(least <= greatest)) return [fallback[0], fallback[1]];
    const low = Math.floor(Math.log10(least));
    // + 0 turns −0 (the ceiling of a loss between 0.1 and 1) into 0, for the tick labels' sake.
    return [low + 0, Math.max(Math.ceil(Math.log10(greatest)), low + 1) + 0];
  }

  /** The SVG path of one curve: `x` maps an epoch, `y` a loss's log10, to the plot. */
  path(name: Name, x: (epoch: number) => number, y: (log10Loss: number) => number): string {
    let d = '';
    for (const p of this.points(name)) d += `${d ? 'L' : 'M'}${x(p.epoch).toFixed(1)},${y(Math.log10(p.loss)).toFixed(1)}`;
    return d;
  }

  private curve(name: Name): ThinnedSeries<EpochLoss> {
    const curve = this.curves.get(name);
    if (!curve) throw new Error(`no loss curve named "${name}"`);
    return curve;
  }
}
