/**
 * Decodes PNG and JPEG files to 8-bit RGBA, choosing the decoder by the file's
 * first bytes rather than its name.
 * Exported programs carry this file as it is (codegen/data/module-files.ts),
 * so it decodes bytes and reads no files itself.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { DatasetError } from './dataset-error.ts';

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

/** Large photos are refused rather than let one file exhaust memory; 50 megapixels is far beyond training sizes. */
const MAX_MEGAPIXELS = 50;

/** `label` names the file in messages, e.g. "cats/tabby 3.png". */
export function decodeImage(bytes: Uint8Array, label: string): Rgba {
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: png.data };
    }
    if (startsWith(bytes, JPEG_SIGNATURE)) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw new DatasetError(`${label}: the image is damaged or uses a form the decoder cannot read (${(e as Error).message}).`, { file: label }, { cause: e });
  }
  const what = bytes.length === 0 ? 'the file is empty' : 'its contents are not PNG or JPEG';
  throw new DatasetError(`${label}: ${what}; only PNG and JPEG images can be used.`, { file: label });
}
