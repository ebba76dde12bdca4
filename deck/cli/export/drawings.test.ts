import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drawingsFile } from '../../client/drawing/format.ts';
import { readDrawingsOption } from './drawings.ts';

const dir = mkdtempSync(join(tmpdir(), 'axon-drawings-option-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('--drawings FILE', () => {
  const strokes = { s: [{ tool: 'pen' as const, color: '#e5383b', size: 6, points: [[1, 2, 0.5] as [number, number, number]] }] };

  it('is nothing when not given', () => {
    expect(readDrawingsOption(undefined, ['sample'])).toBeUndefined();
  });

  it('reads a file of one of the decks exported', () => {
    const path = file('ok.json', JSON.stringify(drawingsFile('sample', strokes)));
    expect(readDrawingsOption(path, ['intro', 'sample'])?.slides).toEqual(strokes);
  });

  it('names the file and says what to do when it is missing, not JSON, not a drawings file or of another deck', () => {
    expect(() => readDrawingsOption(join(dir, 'missing.json'), ['sample'])).toThrow(/--drawings .*missing\.json: cannot read it \(ENOENT\) — give the \.json file/);
    expect(() => readDrawingsOption(file('bad.json', '{'), ['sample'])).toThrow(/--drawings .*bad\.json is not JSON/);
    expect(() => readDrawingsOption(file('other.json', '{"a":1}'), ['sample'])).toThrow(/other\.json is not an Axon drawings file/);
    const lecture = file('lecture.json', JSON.stringify(drawingsFile('lecture-2', strokes)));
    expect(() => readDrawingsOption(lecture, ['sample'])).toThrow(/holds drawings of the deck "lecture-2", not of "sample" — export that deck/);
  });
});
