/**
 * `axon export` replaces only files it wrote itself. Its default `--out` is the current folder, where an
 * instructor may well keep a `lecture.pdf` of their own (a Quarto render, last year's slides): that file is
 * refused, not overwritten. Axon's own files say so inside: a PDF's Creator, a PNG's `Software` text chunk.
 */
import { closeSync, existsSync, openSync, readSync, readFileSync, statSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { displayPath } from '../../vite/deck-files.ts';
import { CliError } from '../errors.ts';

/** What `axon export` writes into its files to know them again. */
export const AXON_CREATOR = 'Axon (axon export)';

/** True when `file` is a PDF `axon export` wrote (its Creator says so). */
async function isAxonPdf(file: string): Promise<boolean> {
  try {
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false, ignoreEncryption: true });
    return pdf.getCreator() === AXON_CREATOR;
  } catch {
    return false;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True when `file` is a PNG `axon export` wrote (a `Software` tEXt chunk naming Axon, before the pixels). */
function isAxonPng(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    // The chunk sits right after IHDR (see markPng), so the first bytes are enough.
    const head = Buffer.alloc(256);
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, 8).equals(PNG_SIGNATURE) && head.subarray(0, read).includes(`Software\0${AXON_CREATOR}`);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Refuses (CliError) when any of `files` exists and was not written by `axon export`; nothing is written
 * then. Files that do not exist, or that an earlier export made, may be replaced.
 */
export async function checkReplaceable(files: readonly string[]): Promise<void> {
  for (const file of files) {
    if (!existsSync(file)) continue;
    if (statSync(file).isDirectory()) {
      throw new CliError(`${displayPath(file)} is a folder — give --out a file name ending in .pdf or another folder`);
    }
    const ours = file.toLowerCase().endsWith('.png') ? isAxonPng(file) : await isAxonPdf(file);
    if (!ours) {
      throw new CliError(
        `${displayPath(file)} exists and was not made by axon export; nothing was overwritten — move it away or give --out another folder`,
      );
    }
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `png` with a `Software: Axon (axon export)` tEXt chunk after its IHDR chunk (PNG spec §11.3.4.3). */
export function markPng(png: Buffer): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) return png;
  // Signature (8) + IHDR: length (4), type (4), 13 data bytes, CRC (4).
  const afterHeader = 8 + 4 + 4 + png.readUInt32BE(8) + 4;
  const typeAndData = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`Software\0${AXON_CREATOR}`, 'latin1')]);
  const chunk = Buffer.alloc(4 + typeAndData.length + 4);
  chunk.writeUInt32BE(typeAndData.length - 4, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}
