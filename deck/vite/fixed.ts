/**
 * Dev only: the terminal lines that say a save fixed something. `axon dev` prints a deck's problems each time it
 * compiles; without these lines a fixed warning just stays in the scrollback, and the writer cannot tell from the
 * terminal whether the last save fixed it. Pure: the plugin prints what this returns.
 */
import type { Diagnostic } from '../compile/types.ts';

/** What the previous compile of a deck left: its problems, or `broken` when it did not compile at all. */
export type LastCompile = readonly Diagnostic[] | 'broken';

/** Two diagnostics are the same problem when they say the same thing; the line may move as text is added above. */
function problemKey(d: Diagnostic): string {
  return `${d.kind}\u0000${d.severity}\u0000${d.message}`;
}

function count(n: number): string {
  return `${n} problem${n === 1 ? '' : 's'}`;
}

/**
 * The "fixed" lines for a deck that compiled again: one per problem of the previous compile that this one no longer
 * has, then where that leaves the deck; nothing when nothing was fixed (or on the first compile, `before` undefined).
 */
export function fixedLines(file: string, before: LastCompile | undefined, after: readonly Diagnostic[]): string[] {
  if (before === undefined) return [];
  if (before === 'broken') return [`${file}: fixed — the deck compiles again, ${count(after.length)}${after.length ? ' (listed above)' : ''}`];
  const remaining = new Map<string, number>();
  for (const d of after) remaining.set(problemKey(d), (remaining.get(problemKey(d)) ?? 0) + 1);
  const lines: string[] = [];
  for (const d of before) {
    const key = problemKey(d);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      continue;
    }
    lines.push(`${file}: fixed — ${d.kind} ${d.severity} (was line ${d.line}): ${d.message}`);
  }
  if (lines.length === 0) return [];
  return [...lines, after.length === 0 ? `${file}: fixed — 0 problems` : `${file}: ${count(after.length)} left (listed above)`];
}
