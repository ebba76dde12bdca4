/**
 * Numbers as people read them off a slide (issue 17): 3–4 significant figures, a true minus sign, large and
 * small values as "1.63 × 10¹²" rather than "1.6301e+12", a quantity that cannot be negative (a loss) below
 * its floor as "< 10⁻⁶" rather than "2.2737e−13", and no line break inside a number (no-break spaces around
 * ×). Status lines add `font-variant-numeric: tabular-nums` (base-styles.ts) so digits do not jitter.
 */
import { superscript } from './axes.ts';

/** How to write one number. */
export interface NumberFormat {
  /** Significant figures (default 4; 3 in the mantissa of a power of ten). */
  digits?: number;
  /**
   * For a quantity that is never negative (a loss, a probability): values in [0, floor) read "< floor"
   * (a power of ten written as one: "< 10⁻⁶").
   */
  floor?: number;
}

/** Below this magnitude (and from `LARGE` up) a number is written with a power of ten. */
const SMALL = 1e-3;
const LARGE = 1e5;
const MINUS = '−';
const NBSP = '\u00a0';

/** "12.5", "0.0144", "−1.84 × 10⁻⁶", "1.63 × 10¹²", "< 10⁻⁶", "∞", "NaN". */
export function formatNumber(value: number, { digits = 4, floor }: NumberFormat = {}): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  if (floor !== undefined && value >= 0 && value < floor) return `<${NBSP}${powerOfTen(floor) ?? formatNumber(floor, { digits })}`;
  const rounded = Number(value.toPrecision(digits));
  if (rounded === 0) return '0';
  const sign = rounded < 0 ? MINUS : '';
  const magnitude = Math.abs(rounded);
  if (magnitude >= SMALL && magnitude < LARGE) return sign + String(Number(magnitude.toPrecision(digits)));
  const [mantissa, exponent] = magnitude.toExponential(Math.max(0, Math.min(digits, 3) - 1)).split('e') as [string, string];
  const short = String(Number(mantissa));
  const power = `10${superscript(Number(exponent))}`;
  return short === '1' ? `${sign}${power}` : `${sign}${short}${NBSP}×${NBSP}${power}`;
}

/** "10⁻⁶" for 1e-6, or undefined when the value is not a power of ten. */
function powerOfTen(value: number): string | undefined {
  const exponent = Math.round(Math.log10(value));
  return Math.abs(value - 10 ** exponent) <= 1e-12 * value ? `10${superscript(exponent)}` : undefined;
}
