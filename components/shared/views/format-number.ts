/**
 * Numbers as people read them off a slide (issue 17): 3–4 significant figures, a true minus sign, large and
 * small values as "1.63 × 10¹²" rather than "1.6301e+12", a quantity that cannot be negative (a loss) below
 * its floor as "< 10⁻⁶" rather than "2.2737e−13", and no line break inside a number (no-break spaces around
 * ×). Status lines add `font-variant-numeric: tabular-nums` (base-styles.ts) so digits do not jitter.
 *
 * This is the one implementation: a widget whose convention differs (fixed decimals, five figures, a wider
 * plain range) says so through the options, in a one-line wrapper named for that convention.
 */
import { superscript } from './axes.ts';

/** How to write one number. */
export interface NumberFormat {
  /** Significant figures (default 4). */
  digits?: number;
  /** Significant figures of the mantissa when a power of ten is written (default `digits`, at most 3). */
  powerDigits?: number;
  /**
   * Fixed decimals instead of significant figures ("0.500", "−1.25"; a value that rounds to zero is written
   * without a sign), for a column of numbers on one grid. From `plain[1]` up, the power of ten still applies.
   */
  decimals?: number;
  /** The magnitudes written without a power of ten, [from, below) (default [10⁻³, 10⁵)). */
  plain?: readonly [number, number];
  /**
   * Trailing zeros: `drop` them (default: "0.5"), `keep` the figures asked for ("0.5000"), or keep them only
   * where they are `significant` — where the value is not exactly that short (up to float32 noise), so
   * 0.52397 reads "0.5240" but 0.5 (or 0.50000001) reads "0.5".
   */
  zeros?: 'drop' | 'keep' | 'significant';
  /**
   * For a quantity that is never negative (a loss, a probability): values in [0, floor) read "< floor"
   * (a power of ten written as one: "< 10⁻⁶").
   */
  floor?: number;
  /** For a KaTeX formula: "-" as the minus (KaTeX typesets it as one) and "1.2 \times 10^{-5}". */
  tex?: boolean;
}

/** The default plain range: below 10⁻³ (and from 10⁵ up) a number is written with a power of ten. */
const PLAIN: readonly [number, number] = [1e-3, 1e5];
/**
 * Where JavaScript's `String(number)` writes plain decimals: a widget that wrote `String(Number(x.toPrecision(d)))`
 * keeps its output there, and only what used to come out in e-notation changes.
 */
export const JS_PLAIN: readonly [number, number] = [1e-6, 1e21];
const MINUS = '−';
const NBSP = '\u00a0';

/** "12.5", "0.0144", "−1.84 × 10⁻⁶", "1.63 × 10¹²", "< 10⁻⁶", "∞", "NaN". */
export function formatNumber(value: number, format: NumberFormat = {}): string {
  const { digits = 4, decimals, plain: [small, large] = PLAIN, zeros = 'drop', floor, tex = false } = format;
  const minus = tex ? '-' : MINUS;
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${minus}∞`;
  if (floor !== undefined && value >= 0 && value < floor) return `<${NBSP}${powerOfTen(floor) ?? formatNumber(floor, { ...format, floor: undefined })}`;
  if (decimals !== undefined && Math.abs(value) < large) {
    const text = Math.abs(value).toFixed(decimals);
    return value < 0 && Number(text) !== 0 ? minus + text : text;
  }
  const rounded = Number(value.toPrecision(digits));
  const keep = zeros === 'keep' || (zeros === 'significant' && Math.abs(value - rounded) > 1e-6 * Math.abs(value));
  if (rounded === 0) return keep ? (0).toPrecision(digits) : '0';
  const sign = rounded < 0 ? minus : '';
  const magnitude = Math.abs(rounded);
  if (magnitude >= small && magnitude < large) {
    // toPrecision writes e-notation once the integer part outgrows the figures (12350 → "1.235e+4"); such a number has no zeros after a point to keep.
    const text = keep ? magnitude.toPrecision(digits) : '';
    return sign + (text && !text.includes('e') ? text : String(magnitude));
  }
  const [mantissa, exponent] = magnitude.toExponential(Math.max(0, (format.powerDigits ?? Math.min(digits, 3)) - 1)).split('e') as [string, string];
  const short = keep ? mantissa : String(Number(mantissa));
  const power = tex ? `10^{${Number(exponent)}}` : `10${superscript(Number(exponent))}`;
  if (short === '1') return sign + power;
  return `${sign}${short}${tex ? ' \\times ' : `${NBSP}×${NBSP}`}${power}`;
}

/**
 * The number a formatted text stands for ("−1.84 × 10⁻⁶" → −1.84e−6, "< 10⁻⁶" → its bound 1e−6, "∞"), for
 * tests that read numbers back off a widget; NaN when the text is not one number.
 */
export function readNumber(text: string): number {
  const clean = text.replace(/[\s\u00a0]+/g, '').replaceAll('−', '-').replace(/^</, '');
  if (/^-?∞$/.test(clean)) return clean.startsWith('-') ? -Infinity : Infinity;
  const power = /^(-?)(?:([\d.]+)×)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(clean);
  if (!power) return clean === '' ? Number.NaN : Number(clean);
  const exponent = Number([...power[3]!].map((c) => (c === '⁻' ? '-' : String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))).join(''));
  return Number(`${power[1]}${power[2] ?? 1}e${exponent}`);
}

/** "10⁻⁶" for 1e-6, or undefined when the value is not a power of ten. */
function powerOfTen(value: number): string | undefined {
  const exponent = Math.round(Math.log10(value));
  return Math.abs(value - 10 ** exponent) <= 1e-12 * value ? `10${superscript(exponent)}` : undefined;
}
