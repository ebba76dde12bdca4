/** Files outside the deck folder are published when a deck names them, under the same privacy rules as inside it. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishedAssets } from './published.ts';

const base = mkdtempSync(join(tmpdir(), 'axon-published-'));
const course = join(base, 'course');
const root = join(course, 'slides');
const outside = join(base, 'private');
mkdirSync(root, { recursive: true });
mkdirSync(join(course, 'images'));
mkdirSync(join(course, '.hidden'));
mkdirSync(outside);
writeFileSync(join(course, 'images/x.png'), 'x');
writeFileSync(join(course, '.hidden/y.png'), 'y');
writeFileSync(join(outside, 'key.png'), 'k');
symlinkSync(join(outside, 'key.png'), join(course, 'images/link.png'));

afterAll(() => rmSync(base, { recursive: true, force: true }));

const asset = (url: string) => ({ url, path: join(root, url), line: 3 });

describe('publishedAssets, outside the deck folder', () => {
  it('publishes ../images/x.png and refuses a hidden path or a link out of the folder it climbs to', () => {
    const { files, refused } = publishedAssets(root, [asset('../images/x.png'), asset('../.hidden/y.png'), asset('../images/link.png')]);
    expect(files.map((f) => f.url)).toEqual(['../images/x.png']);
    expect(refused.map((f) => [f.url, f.reason])).toEqual([
      ['../.hidden/y.png', 'a hidden file (a part of its path starts with ".")'],
      ['../images/link.png', expect.stringMatching(/^a link to .*private\/key\.png, outside .*course$/)],
    ]);
  });
});
