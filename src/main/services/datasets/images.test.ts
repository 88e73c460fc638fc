import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { type ImagesRef, describeImages, loadImages } from './images.ts';
import { resizeInto } from './resize.ts';

type Rgb = readonly [number, number, number];

function png(width: number, height: number, colour: (x: number, y: number) => Rgb): Buffer {
  const img = new pngjs.PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      img.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return pngjs.PNG.sync.write(img);
}

function jpg(width: number, height: number, rgb: Rgb): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return jpeg.encode({ width, height, data }, 100).data;
}

/** A folder with one sub-folder per class, each holding the given files. */
function folder(classes: Record<string, Record<string, Uint8Array | string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'netwright-img-'));
  for (const [cls, files] of Object.entries(classes)) {
    mkdirSync(join(root, cls));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, cls, name), bytes);
  }
  return root;
}

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];

function ref(over: Partial<ImagesRef> = {}): ImagesRef {
  return { kind: 'images', folder: 'unused', width: 4, height: 3, grayscale: false, testRatio: 0, ...over };
}

describe('image folders', () => {
  it('loads RGB pictures of different sizes, resized, with class names from the folders', async () => {
    const root = folder({
      red: { 'a.png': png(4, 3, () => RED), 'b.png': png(9, 5, () => RED), 'notes.txt': 'not a picture' },
      blue: { 'c.jpg': jpg(16, 16, BLUE), '.hidden.png': 'skipped' },
    });
    const d = await loadImages(ref(), { folder: root, seed: 1 });
    expect(d.info).toMatchObject({ task: 'classification', inputShape: [3, 4, 3], numClasses: 2, classNames: ['blue', 'red'], trainCount: 3, testCount: 0, isImage: true });
    expect(d.xTrain.length).toBe(3 * 3 * 4 * 3);
    for (let i = 0; i < 3; i++) {
      const pixels = d.xTrain.subarray(i * 36, (i + 1) * 36);
      const expected = d.yTrain[i] === 1 ? [1, 0, 0] : [0, 0, 1];
      for (let p = 0; p < 12; p++) {
        // JPEG is lossy, so the blue picture is only close to pure blue.
        expected.forEach((v, c) => expect(pixels[p * 3 + c]).toBeCloseTo(v, 1));
      }
    }
    expect(Array.from(d.yTrain).sort()).toEqual([0, 1, 1]);
  });

  it('keeps one channel for grayscale: the luminance', async () => {
    const root = folder({ dark: { 'a.png': png(2, 2, () => [0, 0, 0]) }, light: { 'b.png': png(6, 6, () => [255, 255, 255]), 'c.png': png(3, 3, () => RED) } });
    const d = await loadImages(ref({ width: 2, height: 2, grayscale: true }), { folder: root, seed: 1 });
    expect(d.info.inputShape).toEqual([2, 2, 1]);
    const means = [0, 1, 2].map((i) => d.xTrain.subarray(i * 4, i * 4 + 4).reduce((s, v) => s + v, 0) / 4);
    expect(means.map((m) => Math.round(m * 1000) / 1000).sort()).toEqual([0, 0.299, 1]);
  });

  it('resizes by area average: each input value is the mean of the pixels it covers', () => {
    // A 4×1 ramp halved: each output pixel averages two neighbours.
    const ramp = [0, 100, 200, 250];
    const data = new Uint8Array(ramp.flatMap((v) => [v, v, v, 255]));
    const out = new Float32Array(2);
    resizeInto({ width: 4, height: 1, data }, 2, 1, 1, out, 0);
    expect(Array.from(out, (v) => Math.round(v * 255))).toEqual([50, 225]);
    // Red, blue, green → 2 pixels: each output is one whole pixel and half the middle one, weighted 2 : 1.
    const rgb = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255, 0, 255, 0, 255]);
    const two = new Float32Array(6);
    resizeInto({ width: 3, height: 1, data: rgb }, 2, 1, 3, two, 0);
    expect(Array.from(two, (v) => Math.round(v * 3000) / 1000)).toEqual([2, 0, 1, 0, 2, 1]);
  });

  it('shrinks a 1000 × 1000 photo to 28 × 28 keeping the share of each colour', async () => {
    // Left third red, the rest blue; a thin green line that sampling would miss.
    const big = png(1000, 1000, (x) => (x === 500 ? [0, 255, 0] : x < 333 ? RED : BLUE));
    const root = folder({ a: { 'big.png': big }, b: { 'small.png': png(28, 28, () => RED) } });
    const d = await loadImages(ref({ width: 28, height: 28 }), { folder: root, seed: 1 });
    const i = d.yTrain[0] === 0 ? 0 : 1;
    const pixels = d.xTrain.subarray(i * 28 * 28 * 3, (i + 1) * 28 * 28 * 3);
    const share = (c: number) => Array.from({ length: 784 }, (_, p) => pixels[p * 3 + c]).reduce((a, b) => a + b, 0) / 784;
    expect(share(0)).toBeCloseTo(0.333, 3);
    expect(share(1)).toBeCloseTo(0.001, 3);
    expect(share(2)).toBeCloseTo(0.666, 3);
    // Output column 14 covers x from 500 to 535.7: the green line is 1/35.7 of it.
    expect(pixels[14 * 3 + 1]).toBeCloseTo(1 / (1000 / 28), 5);
  });

  it('splits every class by the test ratio, the same way for the same seed', async () => {
    const many = (rgb: Rgb) => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`${i}.png`, png(2, 2, () => rgb)]));
    const root = folder({ red: many(RED), blue: many(BLUE), one: { 'x.png': png(2, 2, () => RED) } });
    const r = ref({ width: 2, height: 2, testRatio: 0.3 });
    const a = await loadImages(r, { folder: root, seed: 5 });
    const b = await loadImages(r, { folder: root, seed: 5 });
    expect([a.info.trainCount, a.info.testCount]).toEqual([15, 6]);
    const testPerClass = [0, 0, 0];
    for (const y of a.yTest) testPerClass[y]++;
    expect(testPerClass).toEqual([3, 0, 3]); // blue, one, red: the single picture stays in training
    expect(Array.from(a.yTrain)).toEqual(Array.from(b.yTrain));
    expect(await describeImages(r, root)).toMatchObject({ trainCount: 15, testCount: 6, inputShape: [2, 2, 3], classNames: ['blue', 'one', 'red'] });
  });
});

describe('image folder errors', () => {
  it('names a damaged picture', async () => {
    const root = folder({ cats: { 'ok.png': png(2, 2, () => RED), 'broken.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) }, dogs: { 'd.png': png(2, 2, () => BLUE) } });
    await expect(loadImages(ref(), { folder: root, seed: 1 })).rejects.toThrow(/^cats\/broken\.png: the image is damaged/);
  });

  it('names a file that is not an image despite its name', async () => {
    const root = folder({ cats: { 'a.jpg': 'hello' }, dogs: { 'd.png': png(2, 2, () => BLUE) } });
    await expect(loadImages(ref(), { folder: root, seed: 1 })).rejects.toThrow('cats/a.jpg: its contents are not PNG or JPEG; only PNG and JPEG images can be used.');
  });

  it('needs at least two class folders, each with pictures', async () => {
    const one = folder({ cats: { 'a.png': png(2, 2, () => RED) } });
    await expect(loadImages(ref(), { folder: one, seed: 1 })).rejects.toThrow(`${one} needs one sub-folder of pictures per class, at least two; it has only "cats".`);
    const empty = folder({ cats: { 'a.png': png(2, 2, () => RED) }, dogs: { 'readme.md': '#' } });
    await expect(loadImages(ref(), { folder: empty, seed: 1 })).rejects.toThrow('The class folder "dogs" has no PNG or JPEG pictures: it holds only "readme.md".');
  });

  it('says when the folder does not exist', async () => {
    const missing = join(tmpdir(), 'netwright-no-such-folder');
    await expect(loadImages(ref(), { folder: missing, seed: 1 })).rejects.toThrow(`Cannot read ${missing}: the folder does not exist.`);
  });
});
