/**
 * The dev server's compile worker: a deck compiles there as it would in place, its errors come back as the
 * same classes, and a compile past the time limit is stopped with a message naming the deck, after which
 * the next compile works again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeckError } from '../compile/types.ts';
import { DeckCompiler, type CompilerLimits } from './deck-compiler.ts';
import type { DeckEntry } from './deck-files.ts';

const folder = mkdtempSync(join(tmpdir(), 'axon-compiler-'));
const limits: CompilerLimits = { timeoutMs: 60_000, memoryMb: 512 };
const compiler = new DeckCompiler(['mp-neuron'], limits);

function deckFile(name: string, text: string): DeckEntry {
  const file = join(folder, `${name}.md`);
  writeFileSync(file, text);
  return { name, file, displayFile: `${name}.md` };
}

afterAll(async () => {
  await compiler.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('DeckCompiler', () => {
  it('compiles a deck in the worker, with its diagnostics', async () => {
    const entry = deckFile('good', '---\ntitle: Good\n---\n\n## One\n\n<mp-neuron></mp-neuron>\n\n## Two\n\n![x](missing.png)\n');
    const loaded = await compiler.compile(entry);
    expect(loaded.deck.meta.title).toBe('Good');
    expect(loaded.deck.slides.map((slide) => slide.title)).toEqual(['Good', 'One', 'Two']);
    expect(loaded.deck.widgets).toEqual(['mp-neuron']);
    expect(loaded.diagnostics).toContainEqual(expect.objectContaining({ line: 11, message: 'missing.png not found' }));
  }, 60_000);

  it('rejects with a DeckError naming file:line, as compiling in place would', async () => {
    const entry = deckFile('broken', '---\ntitle: [unclosed\n---\n\n## One\n');
    const error = await compiler.compile(entry).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/^broken\.md:\d+: /);
  }, 60_000);

  it('stops a compile past the time limit, names the deck, and compiles the next save', async () => {
    // Thousands of formulas: far longer than 100 ms on any machine.
    const slow = deckFile('slow', `---\ntitle: Slow\n---\n\n## Many\n\n${Array.from({ length: 20_000 }, (_, i) => `$x_{${i}}^2 + \\frac{${i}}{2}$`).join('\n\n')}\n`);
    limits.timeoutMs = 100;
    const error = await compiler.compile(slow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/^slow\.md:1: compiling took longer than 0\.1 s and was stopped — undo the last change/);
    limits.timeoutMs = 60_000;
    const next = await compiler.compile(deckFile('next', '---\ntitle: Next\n---\n\n## Fine\n'));
    expect(next.deck.meta.title).toBe('Next');
  }, 120_000);
});
