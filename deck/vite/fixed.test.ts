/** The "fixed" lines axon dev prints when a save fixes a problem it reported before. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../compile/types.ts';
import { fixedLines } from './fixed.ts';

const d = (line: number, message: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({
  file: 'deck.md',
  line,
  severity,
  kind: 'unknown widget',
  message,
  hint: 'do something',
});

describe('fixedLines', () => {
  it('says nothing on the first compile or when nothing was fixed', () => {
    expect(fixedLines('deck.md', undefined, [d(3, 'a')])).toEqual([]);
    expect(fixedLines('deck.md', [d(3, 'a')], [d(3, 'a')])).toEqual([]);
    expect(fixedLines('deck.md', [], [])).toEqual([]);
  });

  it('names each fixed problem and ends with 0 problems when none is left', () => {
    expect(fixedLines('deck.md', [d(3, 'unknown tag <x-y>'), d(9, 'b')], [])).toEqual([
      'deck.md: fixed — unknown widget warning (was line 3): unknown tag <x-y>',
      'deck.md: fixed — unknown widget warning (was line 9): b',
      'deck.md: fixed — 0 problems',
    ]);
  });

  it('counts what is left, and does not call a problem fixed because its line moved', () => {
    expect(fixedLines('deck.md', [d(3, 'a'), d(9, 'b')], [d(5, 'a')])).toEqual([
      'deck.md: fixed — unknown widget warning (was line 9): b',
      'deck.md: 1 problem left (listed above)',
    ]);
  });

  it('counts repeated problems one by one', () => {
    expect(fixedLines('deck.md', [d(3, 'a'), d(4, 'a')], [d(3, 'a')])).toHaveLength(2);
  });

  it('says when a deck that did not compile compiles again', () => {
    expect(fixedLines('deck.md', 'broken', [])).toEqual(['deck.md: fixed — the deck compiles again, 0 problems']);
    expect(fixedLines('deck.md', 'broken', [d(1, 'x')])).toEqual(['deck.md: fixed — the deck compiles again, 1 problem (listed above)']);
  });
});
