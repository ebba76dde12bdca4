/**
 * The engine's one source of randomness: a seeded generator passed explicitly to every initialiser,
 * data generator and shuffle. Same seed → same numbers, on every machine. `Math.random` is never used
 * (and never patched).
 */
import seedrandom from 'seedrandom';

export interface Random {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A uniform number in [low, high). */
  between(low: number, high: number): number;
  /** A standard normal sample, N(0, 1) (Box–Muller). */
  normal(): number;
  /** A uniform integer in [0, n). */
  integer(n: number): number;
  /** Shuffles the array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** An independent generator derived from this one, e.g. one per layer or per dataset. */
  fork(): Random;
}

/** A generator seeded by `seed` (Alea, from the seedrandom package: fast, well tested, 32-bit safe). */
export function createRandom(seed: number | string): Random {
  const next = seedrandom.alea(String(seed));
  let spareNormal: number | undefined;
  const random: Random = {
    uniform: () => next(),
    between: (low, high) => low + (high - low) * next(),
    normal() {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      // Box–Muller: two uniforms give two independent normals; keep the second for the next call.
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    integer: (n) => Math.floor(next() * n),
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    fork: () => createRandom(Math.floor(next() * 2 ** 32)),
  };
  return random;
}
