/**
 * Decodes PNG and JPEG files to 8-bit RGBA, choosing the decoder by the file's
 * first bytes rather than its name. The size a picture declares in its header
 * is checked against MAX_IMAGE_PIXELS before decoding: a few hundred bytes of
 * PNG can declare 30,000 × 30,000 pixels, which the decoder would allocate.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it decodes bytes and reads no files itself.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { DatasetError, count } from './dataset-error.ts';
import { MAX_IMAGE_PIXELS } from './dataset-limits.ts';

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row by row. */
  readonly data: Uint8Array;
}

export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg'];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

interface PictureSize {
  readonly width: number;
  readonly height: number;
}

function bigEndian32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function bigEndian16(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1];
}

/** A PNG's size from its first chunk, IHDR (8 bytes of signature, then length, type, width, height). */
function pngSize(bytes: Uint8Array): PictureSize | undefined {
  const ihdr = bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
  return bytes.length >= 24 && ihdr ? { width: bigEndian32(bytes, 16), height: bigEndian32(bytes, 20) } : undefined;
}

/**
 * A JPEG's size from its start-of-frame segment, found by walking the
 * segments before it (each marker is followed by its length).
 */
function jpegSize(bytes: Uint8Array): PictureSize | undefined {
  let at = 2;
  while (at + 9 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers that stand alone, without a length: TEM, RST0–RST7, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    // Start of scan or end of image before any frame: the decoder will say what is wrong.
    if (marker === 0xda || marker === 0xd9) return undefined;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bigEndian16(bytes, at + 5), width: bigEndian16(bytes, at + 7) };
    }
    at += 2 + bigEndian16(bytes, at + 2);
  }
  return undefined;
}

function checkPictureSize(size: PictureSize | undefined, label: string): void {
  if (!size) return;
  const pixels = size.width * size.height;
  if (pixels <= MAX_IMAGE_PIXELS) return;
  throw new DatasetError(
    `${label}: the picture is ${count(size.width)} × ${count(size.height)} = ${count(pixels)} pixels, more than the ${count(MAX_IMAGE_PIXELS)} a picture may have; scale it down or leave it out.`,
    { file: label },
  );
}

/** `label` names the file in messages, e.g. "cats/tabby 3.png". */
export function decodeImage(bytes: Uint8Array, label: string): Rgba {
  if (startsWith(bytes, PNG_SIGNATURE)) checkPictureSize(pngSize(bytes), label);
  else if (startsWith(bytes, JPEG_SIGNATURE)) checkPictureSize(jpegSize(bytes), label);
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: png.data };
    }
    if (startsWith(bytes, JPEG_SIGNATURE)) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6 });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw new DatasetError(`${label}: the image is damaged or uses a form the decoder cannot read (${(e as Error).message}).`, { file: label }, { cause: e });
  }
  const what = bytes.length === 0 ? 'the file is empty' : 'its contents are not PNG or JPEG';
  throw new DatasetError(`${label}: ${what}; only PNG and JPEG images can be used.`, { file: label });
}
