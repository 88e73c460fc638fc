/**
 * Watches training for the failures people hit most and says what to try:
 * a loss that turns NaN/Infinity or explodes (fatal: the run stops), a layer
 * whose gradients vanish or whose ReLUs all die (a warning, once per layer).
 */
import type { LayerSnapshot, TrainerEvent } from '../../shared/protocol/trainer.ts';
import type { StepValues } from './window.ts';

export type Alert = Extract<TrainerEvent, { type: 'alert' }>;

/** Loss growth over its best that counts as exploding. */
const EXPLODE_FACTOR = 1e3;
/** Gradient norm below which a layer counts as not learning, and for how many snapshots in a row. */
const VANISH_NORM = 1e-7;
const VANISH_SNAPSHOTS = 3;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(4)).toString());

export class HealthMonitor {
  private best = Infinity;
  private first: number | null = null;
  private readonly lowGrad = new Map<string, number>();
  private readonly reported = new Set<string>();

  constructor(private readonly learningRate: () => number) {}

  private lowerRate(): string {
    const lr = this.learningRate();
    return `lower the learning rate (now ${fmt(lr)}; try ${fmt(lr / 10)})`;
  }

  /** Checks a window of step values in order; returns the fatal alert, if any. */
  checkLosses(rows: readonly StepValues[]): Alert | null {
    if (!rows.length) return null;
    const bad = rows.find((r) => !Number.isFinite(r.loss));
    if (bad) {
      const what = Number.isNaN(bad.loss) ? 'NaN (not a number)' : 'infinite';
      return {
        type: 'alert',
        kind: 'nan',
        epoch: bad.epoch,
        batch: bad.batch,
        fatal: true,
        message: `The loss became ${what} at epoch ${bad.epoch}, batch ${bad.batch}, so training stopped: the weights diverged. ${capitalise(this.lowerRate())}, and check that the inputs are scaled (e.g. pixels to 0–1).`,
      };
    }
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      sum += r.loss * r.n;
      n += r.n;
    }
    const mean = sum / n;
    const last = rows[rows.length - 1];
    if (this.first === null) this.first = mean;
    // "Over its best" alone would fire when a loss near 0 wobbles; it must also pass where it started.
    if (mean > EXPLODE_FACTOR * this.best && mean > this.first) {
      return {
        type: 'alert',
        kind: 'exploding',
        epoch: last.epoch,
        batch: last.batch,
        fatal: true,
        message: `The loss exploded at epoch ${last.epoch}, batch ${last.batch}: ${fmt(mean)} is over ${EXPLODE_FACTOR.toLocaleString('en-US')} times its best (${fmt(this.best)}), so training stopped. ${capitalise(this.lowerRate())}, or clip the inputs' range.`,
      };
    }
    this.best = Math.min(this.best, mean);
    return null;
  }

  /** Non-fatal alerts from a snapshot; each layer is named at most once per kind. */
  checkSnapshot(layers: readonly LayerSnapshot[], at: { epoch: number; batch: number }, currentLoss: number): Alert[] {
    const alerts: Alert[] = [];
    const stillLearning = this.first === null || currentLoss > 0.01 * this.first;
    for (const layer of layers) {
      const norm = layer.kernel?.gradNorm;
      if (norm !== undefined && stillLearning) {
        const runs = norm < VANISH_NORM ? (this.lowGrad.get(layer.name) ?? 0) + 1 : 0;
        this.lowGrad.set(layer.name, runs);
        if (runs >= VANISH_SNAPSHOTS && this.once('vanishing', layer.name)) {
          alerts.push({
            type: 'alert',
            kind: 'vanishing',
            layer: layer.name,
            nodeId: layer.nodeId,
            ...at,
            fatal: false,
            message: `Gradients vanished in ${layer.name}: its weight gradients have stayed below ${VANISH_NORM} for ${VANISH_SNAPSHOTS} snapshots, so it has stopped learning. In deep stacks try relu instead of sigmoid or tanh, He initialization, or BatchNormalization between layers.`,
          });
        }
      }
      if (layer.deadFraction === 1 && this.once('dead-relu', layer.name)) {
        alerts.push({
          type: 'alert',
          kind: 'dead-relu',
          layer: layer.name,
          nodeId: layer.nodeId,
          ...at,
          fatal: false,
          message: `Every ReLU unit of ${layer.name} outputs 0 for all samples of a probe batch: the layer passes nothing on and gets no gradient. ${capitalise(this.lowerRate())}, use He initialization, or try LeakyReLU or ELU.`,
        });
      }
    }
    return alerts;
  }

  private once(kind: string, layer: string): boolean {
    const key = `${kind}:${layer}`;
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
