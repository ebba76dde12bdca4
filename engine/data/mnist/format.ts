/**
 * The packed MNIST asset's format, and the two web-standard steps that open it (base64, gzip). Pure: the
 * build step (Node) writes with it, the engine reads with it in the page, a Worker or Node alike.
 *
 * Layout (little-endian), "AXM1":
 *   0   4 bytes   magic 'AXM1'
 *   4   u32       count, the number of digits
 *   8   u16, u16  rows, cols (28, 28)
 *   12  u8[count]            labels, 0–9
 *   …   u16[count]           source index: the digit's position in the npm package's file for its class
 *   …   u8[count·rows·cols]  pixels, row-major, 0 = background … 255 = ink
 *
 * 8-bit pixels lose nothing: the package writes each pixel as p/255 rounded to 3 decimals, and
 * round(v·255) recovers p exactly (the error, ≤ 0.0005·255, is under ½). The digits are interleaved by class
 * (0, 1, …, 9, 0, 1, …) so any prefix of the asset is itself class-balanced.
 */

/** What the asset holds, unpacked. */
export interface PackedDigits {
  /** Number of digits. */
  count: number;
  /** Image height in pixels. */
  rows: number;
  /** Image width in pixels. */
  cols: number;
  /** The digit each image shows, 0–9. */
  labels: Uint8Array;
  /** Where each image sits in the `mnist` package: `mnist[label].get(sourceIndex)`. */
  sourceIndex: Uint16Array;
  /** Pixels, 0–255, image after image, row-major. */
  pixels: Uint8Array;
}

const MAGIC = 'AXM1';
const HEADER_BYTES = 12;

/** The digits of one class as the package ships them: `rows·cols` floats in [0, 1] per digit, concatenated. */
export type SourceClass = ArrayLike<number>;

/**
 * The fixed subset: the first `perClass` digits of each class, in the package's order, interleaved by class.
 * Throws when a class has fewer digits than that.
 */
export function selectBalanced(source: readonly SourceClass[], perClass: number, rows = 28, cols = 28): PackedDigits {
  const size = rows * cols;
  const classes = source.length;
  const count = perClass * classes;
  const labels = new Uint8Array(count);
  const sourceIndex = new Uint16Array(count);
  const pixels = new Uint8Array(count * size);
  source.forEach((digits, label) => {
    if (digits.length < perClass * size) throw new RangeError(`class ${label} has ${Math.floor(digits.length / size)} digits, fewer than ${perClass}`);
  });
  for (let i = 0; i < perClass; i += 1) {
    for (let label = 0; label < classes; label += 1) {
      const slot = i * classes + label;
      const digits = source[label]!;
      labels[slot] = label;
      sourceIndex[slot] = i;
      for (let p = 0; p < size; p += 1) pixels[slot * size + p] = Math.round(digits[i * size + p]! * 255);
    }
  }
  return { count, rows, cols, labels, sourceIndex, pixels };
}

/** The asset's bytes (before gzip) for a set of digits. */
export function encodePacked(digits: PackedDigits): Uint8Array {
  const { count, rows, cols } = digits;
  const bytes = new Uint8Array(HEADER_BYTES + count * 3 + count * rows * cols);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i += 1) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, count, true);
  view.setUint16(8, rows, true);
  view.setUint16(10, cols, true);
  bytes.set(digits.labels, HEADER_BYTES);
  for (let i = 0; i < count; i += 1) view.setUint16(HEADER_BYTES + count + 2 * i, digits.sourceIndex[i]!, true);
  bytes.set(digits.pixels, HEADER_BYTES + count * 3);
  return bytes;
}

/** Reads the asset's bytes (after gunzip); throws when they are not an AXM1 asset of the stated size. */
export function decodePacked(bytes: Uint8Array): PackedDigits {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < HEADER_BYTES || magic !== MAGIC) throw new Error(`the MNIST asset does not start with '${MAGIC}' (run \`npm run build:data\`)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const rows = view.getUint16(8, true);
  const cols = view.getUint16(10, true);
  const expected = HEADER_BYTES + count * 3 + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`the MNIST asset has ${bytes.length} bytes, its header says ${expected} (run \`npm run build:data\`)`);
  const sourceIndex = new Uint16Array(count);
  for (let i = 0; i < count; i += 1) sourceIndex[i] = view.getUint16(HEADER_BYTES + count + 2 * i, true);
  return {
    count,
    rows,
    cols,
    labels: bytes.slice(HEADER_BYTES, HEADER_BYTES + count),
    sourceIndex,
    pixels: bytes.subarray(HEADER_BYTES + count * 3),
  };
}

/** Base64 text to bytes with `atob`, which the page, Workers and Node (≥ 16) all have. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Gunzips with `DecompressionStream`, which browsers, Workers and Node (≥ 18) all have: no zlib import. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
