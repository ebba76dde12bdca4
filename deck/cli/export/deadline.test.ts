/**
 * The export's deadline and scratch folders, without a browser: a call that never answers ends at the
 * deck's deadline with a message naming the deck, the step and what to do; printing keeps a share of the
 * time; an export that writes nothing leaves no folder behind, one that wrote a file keeps it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Deadline, DeckAbandoned, printReserve, settleWithin } from './deadline.ts';
import { ExportSession } from './session.ts';

const never = new Promise<never>(() => {});

describe('a deck deadline', () => {
  it('keeps a quarter of --timeout for printing, at most 30 s, and settles widgets until then', () => {
    expect(printReserve(20_000)).toBe(5_000);
    expect(printReserve(120_000)).toBe(30_000);
    expect(printReserve(600_000)).toBe(30_000);
    const deadline = new Deadline(20_000, 'slides/x.md', 1_000);
    expect(deadline.end).toBe(21_000);
    expect(deadline.settleBy).toBe(16_000);
  });

  it('gives back what the page answered in time', async () => {
    const deadline = new Deadline(10_000, 'slides/x.md');
    await expect(deadline.within('printing 3 slide pages', Promise.resolve(42))).resolves.toBe(42);
  });

  it('gives up on a page that never answers at the deadline, naming the deck, the step and what to do', async () => {
    const deadline = new Deadline(30, 'slides/x.md');
    const abandoned = deadline.within('slide 2/9 (Busy): <nn-playground> settling', never);
    await expect(abandoned).rejects.toBeInstanceOf(DeckAbandoned);
    await expect(abandoned).rejects.toThrow(
      'slides/x.md: slide 2/9 (Busy): <nn-playground> settling had not finished when the --timeout of 0.03 s ran out — the deck was abandoned and nothing was written for it; raise --timeout (e.g. --timeout 1)',
    );
  });

  it('swallows the late failure of a call it gave up on (the page closing under it)', async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listen);
    const closedLater = new Promise((_, reject) => setTimeout(() => reject(new Error('Target page, context or browser has been closed')), 60));
    await expect(new Deadline(20, 'slides/x.md').within('printing', closedLater)).rejects.toBeInstanceOf(DeckAbandoned);
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.off('unhandledRejection', listen);
    expect(unhandled).toEqual([]);
  });

  it('closes what may hang within a bound, and never fails', async () => {
    await expect(settleWithin(never, 20)).resolves.toBeUndefined();
    await expect(settleWithin(Promise.reject(new Error('already closed')), 1_000)).resolves.toBeUndefined();
  });
});

describe('an export session', () => {
  const outside = mkdtempSync(join(tmpdir(), 'axon-session-test-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('removes its scratch folder and the output folders it made and left empty', async () => {
    const session = new ExportSession();
    expect(existsSync(session.chromiumTemp)).toBe(true);
    session.makeFolder(join(outside, 'handouts', 'week-1'));
    writeFileSync(join(session.work, 'built.html'), '<p>');
    await session.release();
    session.stop();
    expect(existsSync(session.work)).toBe(false);
    expect(existsSync(join(outside, 'handouts'))).toBe(false);
    expect(existsSync(outside)).toBe(true);
  });

  it('keeps an output folder that holds a file', async () => {
    const session = new ExportSession();
    session.makeFolder(join(outside, 'kept', 'pdf'));
    writeFileSync(join(outside, 'kept', 'pdf', 'x.pdf'), '%PDF');
    await session.release();
    session.stop();
    expect(existsSync(join(outside, 'kept', 'pdf', 'x.pdf'))).toBe(true);
  });
});
