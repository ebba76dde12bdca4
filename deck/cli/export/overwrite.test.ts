/** axon export replaces its own files only: a PDF or PNG someone else made is refused, not overwritten. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { AXON_CREATOR, checkReplaceable, markPng } from './overwrite.ts';

const ROOT = join(import.meta.dirname, '../../..');
const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'axon-overwrite-'));
  folders.push(dir);
  return dir;
}

async function pdf(creator?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([100, 100]);
  if (creator) doc.setCreator(creator);
  return doc.save();
}

function png(): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe('checkReplaceable', () => {
  it('lets an export replace its own PDF and PNG, and a missing file', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'ours.pdf'), await pdf(AXON_CREATOR));
    writeFileSync(join(dir, 'ours-01.png'), markPng(png()));
    await expect(checkReplaceable([join(dir, 'ours.pdf'), join(dir, 'ours-01.png'), join(dir, 'new.pdf')])).resolves.toBeUndefined();
  });

  it.each([
    ['a PDF made by another tool', 'lecture.pdf', async () => pdf('Quarto')],
    ['a PDF with no creator', 'lecture.pdf', async () => pdf()],
    ['a file that is no PDF at all', 'lecture.pdf', async () => Buffer.from('my notes')],
    ['a PNG made by another tool', 'lecture-01.png', async () => png()],
  ])('refuses %s', async (_name, file, bytes) => {
    const dir = folder();
    writeFileSync(join(dir, file), await bytes());
    await expect(checkReplaceable([join(dir, file)])).rejects.toThrow(/exists and was not made by axon export; nothing was overwritten/);
  });
});

describe('markPng', () => {
  it('adds a valid text chunk: the picture decodes to the same pixels', () => {
    const original = png();
    const marked = markPng(original);
    expect(marked.length).toBeGreaterThan(original.length);
    // pngjs checks every chunk's CRC while decoding.
    expect(PNG.sync.read(marked).data.equals(PNG.sync.read(original).data)).toBe(true);
    expect(marked.includes(`Software\0${AXON_CREATOR}`)).toBe(true);
  });
});

describe('axon export into a folder holding the user’s own PDF', () => {
  it('stops before printing, exit 1, the file untouched', () => {
    const dir = folder();
    const mine = Buffer.from('%PDF-1.4 my own handout, made by hand');
    writeFileSync(join(dir, 'lecture.pdf'), mine);
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/axon.js'), 'export', join(ROOT, 'deck/cli/fixtures/good/lecture.md'), '--out', dir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/lecture\.pdf exists and was not made by axon export; nothing was overwritten — move it away or give --out another folder/);
    expect(readFileSync(join(dir, 'lecture.pdf')).equals(mine)).toBe(true);
  });
});
