/**
 * Reads images out of the `fashion-mnist` package's files. The package ships
 * one JSON file per class, `{"data":[[784 pixel values 0–255], …]}`, about
 * 16 MB each; JSON.parse on all ten takes seconds and a lot of memory, so this
 * scans the bytes instead, jumps over the images before the first one wanted
 * and stops as soon as it has the last. Empty arrays (one file ends with `[]`)
 * are not images and are not counted.
 */
import { DatasetError, fileError, openDataFile, shortName } from './errors.ts';

const CHUNK = 4 << 20;
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * The scan as a resumable state machine fed chunk by chunk. It is kept out of
 * the async reader because V8 optimises a plain method's hot loop far better
 * than one inside an async function.
 */
class ImageScanner {
  /** 0 before the list, 1 in the list of images, 2 inside one image. */
  private depth = 0;
  /** Index of the current (or next) non-empty image. */
  image = 0;
  /** Values read so far in the current image. */
  private values = 0;
  /** The number being read, -1 between numbers. */
  private value = -1;
  /** Whether the current image, when skipped without decoding, had any content. */
  private skippedContent = false;
  /** True once the list of images has closed. */
  ended = false;

  constructor(
    private readonly from: number,
    private readonly end: number,
    private readonly pixels: number,
    private readonly out: Uint8Array,
    private readonly fail: (why: string) => never,
  ) {}

  /** Consumes `buf[0…length)`; returns true when every wanted image has been read. */
  feed(buf: Buffer, length: number): boolean {
    // State lives in locals inside the loop (written back on exit): field access in the hot path costs a third of the time.
    let { depth, image, values, value } = this;
    const { from, end, pixels, out } = this;
    const save = (): void => {
      this.depth = depth;
      this.image = image;
      this.values = values;
      this.value = value;
    };
    let i = 0;
    while (i < length) {
      if (depth === 2 && image < from) {
        // Images before the wanted range are jumped over with a native search for their closing bracket.
        const j = buf.indexOf(CLOSE, i);
        const close = j < 0 || j >= length ? length : j;
        if (close > i) this.skippedContent = true;
        if (close === length) break;
        if (this.skippedContent) image++;
        this.skippedContent = false;
        depth = 1;
        i = close + 1;
        continue;
      }
      const b = buf[i++];
      if (depth !== 2) {
        if (b === OPEN) depth++;
        else if (b === CLOSE && depth === 1) {
          depth = 0;
          this.ended = true;
          break;
        }
        continue;
      }
      if (b >= ZERO && b <= NINE) {
        value = value < 0 ? b - ZERO : value * 10 + (b - ZERO);
        continue;
      }
      if (value >= 0) {
        if (value > 255) this.fail(`image ${image} has the pixel value ${value}; values must be 0–255.`);
        if (values >= pixels) this.fail(`image ${image} has more than ${pixels} values.`);
        out[(image - from) * pixels + values] = value;
        values++;
        value = -1;
      }
      if (b === CLOSE) {
        depth = 1;
        if (values === 0) continue;
        if (values !== pixels) this.fail(`image ${image} has ${values} values instead of ${pixels}.`);
        image++;
        values = 0;
        if (image >= end) {
          save();
          return true;
        }
      } else if (b !== COMMA && !isSpace(b)) {
        this.fail(`unexpected character "${String.fromCharCode(b)}" in image ${image}.`);
      }
    }
    save();
    return false;
  }
}
/**
 * Returns images `from` … `from + count - 1` (0-based) of one class file as
 * bytes, `pixels` per image. Fails naming the file and the image when an
 * image has the wrong length or a value outside 0–255, or when the file holds
 * fewer images than asked for.
 */
export async function readJsonImages(path: string, from: number, count: number, pixels: number): Promise<Uint8Array> {
  const out = new Uint8Array(count * pixels);
  if (count === 0) return out;
  const fail = (why: string): never => {
    throw new DatasetError(`${shortName(path)}: ${why}`, { file: path });
  };
  const file = await openDataFile(path);
  try {
    const scanner = new ImageScanner(from, from + count, pixels, out, fail);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let position = 0; !scanner.ended; ) {
      const { bytesRead } = await file.read(buf, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      if (scanner.feed(buf, bytesRead)) return out;
    }
    return fail(`the file holds ${scanner.image} images but images up to number ${from + count} were needed; is the package installed completely?`);
  } catch (e) {
    throw fileError(path, e);
  } finally {
    await file.close();
  }
}
