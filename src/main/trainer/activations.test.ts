/**
 * "Inside a CNN": the activations a run sends for the picked picture are
 * what tfjs itself computes for that picture's intermediate layers with the
 * trained weights, feature maps within one byte step and dense outputs to
 * four decimals; a pick arrives as a command and is answered at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../shared/document/builder.ts';
import type { InlineDataset, LayerActivations, TrainerEvent } from '../../shared/protocol/trainer.ts';
import { pictureBytes } from './activations.ts';
import { trainInProcess } from './testing.ts';

type Activations = Extract<TrainerEvent, { type: 'activations' }>;

const dir = mkdtempSync(join(tmpdir(), 'netwright-activations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ten 8×8 grey pictures of two classes (bright left half or bright top half), varied per picture. */
function pictures(): InlineDataset {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 10; i++) {
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) x.push(((i % 2 ? r < 4 : c < 4) ? 0.8 : 0.1) + ((r * 8 + c + i * 5) % 7) / 50);
    y.push(i % 2);
  }
  const info = { title: 'halves', task: 'classification' as const, inputShape: [8, 8, 1], numClasses: 2, targetSize: 1, trainCount: 10, testCount: 0, isImage: true };
  return { kind: 'inline', info, xTrain: x, yTrain: y, xTest: [], yTest: [] };
}

function cnn() {
  const b = new GraphBuilder('cnn');
  b.sequence(b.add('Input', { shape: [8, 8, 1] }), [
    ['Conv2D', { filters: 4, kernelSize: [3, 3], activation: 'relu' }],
    ['MaxPooling2D'],
    ['Flatten'],
    ['Dense', { units: 5, activation: 'tanh' }],
    ['Dense', { units: 2, activation: 'softmax' }],
  ]);
  return b.withTraining({ loss: 'sparseCategoricalCrossentropy', optimizer: 'adam', learningRate: 0.05, batchSize: 5, epochs: 2, validationSplit: 0 }).build();
}

async function savedModel(saveDir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(await readFile(join(saveDir, 'model.json'), 'utf8'));
  const bin = await readFile(join(saveDir, 'weights.bin'));
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(bin).buffer }));
}

describe('the activations of a small CNN', () => {
  it('equal what tfjs computes for the picked picture with the trained weights', async () => {
    const data = pictures();
    const saveDir = join(dir, 'model');
    const run = trainInProcess(cnn(), { backend: 'cpu' }, { dataset: data, options: { saveDir, snapshotEvery: 1, snapshotMinIntervalMs: 0 } });
    run.channel.send({ type: 'probe', sample: 3 });
    const exit = await run.done;
    expect(exit.reason).toBe('completed');

    const events = run.of('activations') as Activations[];
    // The pick before training is answered at step 0; then every snapshot (4 batches), the final weights, and at the end every candidate, the picked one last.
    expect(events[0]).toMatchObject({ step: 0, sample: 3 });
    expect(events.map((e) => e.step)).toEqual([0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(events.slice(0, 6).every((e) => e.sample === 3)).toBe(true);
    expect(events.slice(6).map((e) => e.sample)).toEqual([0, 1, 2, 4, 5, 6, 7, 3]);
    expect(events[0].candidates).toHaveLength(8);
    expect(events.slice(1).every((e) => e.candidates === undefined)).toBe(true);
    expect(events[0].candidates![3]).toEqual({ width: 8, height: 8, channels: 1, label: 1, pixels: pictureBytes(Float32Array.from(data.xTrain.slice(3 * 64, 4 * 64))) });

    const last = events[events.length - 1];
    // Another candidate's final activations are its own, not the picked one's.
    expect(events[6].layers[2].units).not.toEqual(last.layers[2].units);
    expect(last.layers.map((l) => [l.className, l.shape])).toEqual([
      ['Conv2D', [6, 6, 4]],
      ['MaxPooling2D', [3, 3, 4]],
      ['Dense', [5]],
      ['Dense', [2]],
    ]);
    const model = await savedModel(saveDir);
    const view = tf.model({ inputs: model.inputs, outputs: last.layers.map((l) => model.getLayer(l.name).output as tf.SymbolicTensor) });
    const input = tf.tensor(data.xTrain.slice(3 * 64, 4 * 64), [1, 8, 8, 1]);
    const outs = view.predict(input) as tf.Tensor[];
    const direct = await Promise.all(outs.map((o) => o.data()));
    last.layers.forEach((layer: LayerActivations, i) => {
      const want = direct[i];
      if (layer.maps) {
        const { width, height, min, max, images } = layer.maps;
        const channels = layer.shape[2];
        expect(images).toHaveLength(4);
        const step = (max - min) / 255;
        for (let k = 0; k < images.length; k++) {
          for (let p = 0; p < width * height; p++) {
            const got = min + images[k][p] * step;
            // Height × width × channel in tfjs; one picture per channel in the event.
            expect(Math.abs(got - want[p * channels + k])).toBeLessThanOrEqual(step / 2 + 1e-4);
          }
        }
        expect(max).toBeCloseTo(Math.max(...want), 4);
      } else {
        expect(layer.units).toHaveLength(want.length);
        layer.units!.forEach((u, k) => expect(u).toBeCloseTo(want[k], 4));
      }
    });
    tf.dispose([input, ...outs]);
    model.dispose();
  });

  it('ignores a pick of a picture that is not a candidate', async () => {
    const run = trainInProcess(cnn(), { backend: 'cpu', epochs: 1 }, { dataset: pictures(), options: { snapshotEvery: 1, snapshotMinIntervalMs: 0 } });
    run.channel.send({ type: 'probe', sample: 8 });
    await run.done;
    const events = run.of('activations') as Activations[];
    expect(events.slice(0, 3).map((e) => [e.step, e.sample])).toEqual([
      [1, 0],
      [2, 0],
      [2, 0],
    ]);
    expect(events.slice(3).map((e) => e.sample)).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
  });
});
