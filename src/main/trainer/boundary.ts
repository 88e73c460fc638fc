/**
 * The decision-boundary event: the model evaluated on a grid over the plane of
 * a two-input classification set, with each hidden Dense unit's own output on
 * a coarser grid, as TensorFlow Playground draws them. The grid lives on the
 * device for the whole run; each picture is one forward pass of a model that
 * shares the trained layers, and one read.
 */
import type * as TF from '@tensorflow/tfjs';
import type { TrainerEvent } from '../../shared/protocol/trainer.ts';
import type { Tf } from './backends/types.ts';
import { BOUNDARY_SIZE, coarseCells, gridInputs, UNIT_SIZE, type BoundaryPlan } from './boundary-grid.ts';
import type { TargetEncoding } from './objective.ts';
import { round4 } from './weight-stats.ts';

export type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;

const MAX_LAYERS = 4;
const MAX_UNITS = 8;

interface HiddenLayer {
  readonly name: string;
  readonly nodeId: string;
  /** Units pictured: the first MAX_UNITS. */
  readonly units: number;
}

/** Probabilities to three decimals: finer than a colour scale shows, and short JSON. */
const prob = (v: number) => Math.round(v * 1000) / 1000;

export class BoundaryProbe {
  private readonly grid: TF.Tensor;
  private readonly coarse: TF.Tensor1D;
  private readonly probe: TF.LayersModel;
  private readonly hidden: HiddenLayer[];
  private readonly cells = BOUNDARY_SIZE * BOUNDARY_SIZE;

  constructor(
    private readonly tf: Tf,
    model: TF.LayersModel,
    private readonly plan: BoundaryPlan,
    private readonly encoding: TargetEncoding,
    /** The graph node of each layer, by layer name (the spec's). */
    nodeOf: (layerName: string) => string = (name) => name,
  ) {
    const output = model.outputs[0];
    const dense = model.layers.filter((l) => {
      if (l.getClassName() !== 'Dense' || l.inboundNodes.length !== 1) return false;
      return l !== output.sourceLayer && (l.output as TF.SymbolicTensor).shape.length === 2;
    });
    const picked = dense.slice(0, MAX_LAYERS);
    this.hidden = picked.map((l) => ({ name: l.name, nodeId: nodeOf(l.name), units: Math.min(MAX_UNITS, (l.output as TF.SymbolicTensor).shape[1] ?? 0) }));
    // A view over the trained layers, never disposed: disposing it would release the layers' weights the training model still uses.
    this.probe = tf.model({ inputs: model.inputs, outputs: [output, ...picked.map((l) => l.output as TF.SymbolicTensor)] });
    const sampleShape = model.inputs[0].shape.slice(1) as number[];
    const grid = gridInputs(plan);
    this.grid = tf.tensor(grid, [this.cells, ...sampleShape], 'float32');
    this.coarse = tf.tensor1d(coarseCells(), 'int32');
  }

  /** One picture of the model as it is now: a single forward pass and a single read. */
  async take(step: number, epoch: number): Promise<BoundaryEvent> {
    const tf = this.tf;
    const classes = this.plan.numClasses;
    const multi = classes > 2;
    const flat = tf.tidy(() => {
      // apply, not predict: predict cuts the grid into batches of 32 and costs several times more.
      const outs = this.probe.apply(this.grid, { training: false }) as TF.Tensor | TF.Tensor[];
      const [out, ...hidden] = Array.isArray(outs) ? outs : [outs];
      const probs = this.probabilities(tf.reshape(out, [this.cells, -1]) as TF.Tensor2D);
      const parts: TF.Tensor[] = [];
      if (multi) parts.push(tf.max(probs, 1), tf.cast(tf.argMax(probs, 1), 'float32'));
      else parts.push(probs.shape[1] === 1 ? tf.reshape(probs, [-1]) : tf.reshape(tf.slice(probs, [0, 1], [-1, 1]), [-1]));
      hidden.forEach((h, i) => {
        const units = tf.slice(tf.gather(h as TF.Tensor2D, this.coarse), [0, 0], [-1, this.hidden[i].units]);
        parts.push(tf.reshape(tf.transpose(units), [-1]));
      });
      return tf.concat(parts);
    });
    const values = (await flat.data()) as Float32Array;
    flat.dispose();
    let at = 0;
    const next = (n: number) => values.subarray(at, (at += n));
    const output = Array.from(next(this.cells), prob);
    const predicted = multi ? Array.from(next(this.cells)) : undefined;
    const unitCells = UNIT_SIZE * UNIT_SIZE;
    const units = this.hidden.flatMap((layer) =>
      Array.from({ length: layer.units }, (_, unit) => {
        const v = next(unitCells);
        let min = Infinity;
        let max = -Infinity;
        for (const x of v) {
          if (x < min) min = x;
          if (x > max) max = x;
        }
        return { layer: layer.name, nodeId: layer.nodeId, unit, min: round4(min), max: round4(max), values: Array.from(v, round4) };
      }),
    );
    const { xMin, xMax, yMin, yMax } = this.plan;
    return {
      type: 'boundary',
      step,
      epoch,
      xMin,
      xMax,
      yMin,
      yMax,
      size: BOUNDARY_SIZE,
      numClasses: classes,
      output,
      ...(predicted ? { predicted } : {}),
      unitSize: UNIT_SIZE,
      units,
    };
  }

  /**
   * Class probabilities per cell as the loss reads the outputs: one unit is
   * P(class 1) (hinge's ±1 score mapped onto 0…1); several units are
   * normalised to sum to 1 (a softmax output is unchanged), hinge scores go
   * through a softmax.
   */
  private probabilities(p: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    switch (this.encoding) {
      case 'index':
        return tf.clipByValue(p, 0, 1);
      case 'signed':
        return tf.clipByValue(tf.div(tf.add(p, 1), 2), 0, 1) as TF.Tensor2D;
      case 'onehot': {
        const positive = tf.relu(p);
        const total = tf.sum(positive, 1, true);
        // A row of zeros (all outputs ≤ 0) reads as no preference rather than as 0/0.
        const even = tf.fill(p.shape, 1 / p.shape[1], 'float32');
        return tf.where(tf.greater(tf.tile(total, [1, p.shape[1]]), 0), tf.div(positive, tf.maximum(total, 1e-12)), even) as TF.Tensor2D;
      }
      case 'signedOnehot':
        return tf.softmax(p);
      case 'raw':
        throw new Error('a decision boundary needs class outputs');
      default:
        throw new Error(`unknown encoding ${String(this.encoding satisfies never)}`);
    }
  }

  dispose(): void {
    this.tf.dispose([this.grid, this.coarse]);
  }
}
