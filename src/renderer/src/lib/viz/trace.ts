/**
 * Everything the live views draw for one run, gathered from trainer events
 * into bounded buffers. Feed it every event of a run; after a call that
 * returns true, take fresh plain views (`curves()`, `gradients()`, …) for the
 * components. Memory stays flat however long the run: series are capped
 * SeriesBuffers, histogram histories thin themselves, alerts keep the latest.
 *
 * @example
 *   const trace = new RunTrace({ label: 'Run 3' });
 *   let curves = $state.raw(trace.curves());
 *   host.onEvent((e) => { if (trace.apply(e)) curves = trace.curves(); });
 */
import type { DatasetInfo } from '../../../../shared/protocol/datasets.ts';
import type { AlertKind, BatchPoint, EpochRecord, ExitEvent, Histogram, LayerSnapshot, TrainerEvent, TrainerState } from '../../../../shared/protocol/trainer.ts';
import { ThinningHistory } from './history.ts';
import { EMPTY_SERIES, SeriesBuffer, type SeriesView } from './series.ts';

export type WeightPart = 'kernel' | 'bias';

export interface HistogramFrame {
  readonly step: number;
  readonly epoch: number;
  readonly histogram: Histogram;
  readonly mean: number;
  readonly std: number;
}

/** Loss and one metric, per batch (x = step) and per epoch (x = epoch number). */
export interface CurveData {
  readonly label: string;
  /** 0 until known. */
  readonly batchesPerEpoch: number;
  /** "accuracy" when the run measures it, else its first metric ("mae"), else null. */
  readonly metric: string | null;
  readonly batchLoss: SeriesView;
  readonly batchMetric: SeriesView;
  readonly epochLoss: SeriesView;
  readonly valLoss: SeriesView;
  readonly epochMetric: SeriesView;
  readonly valMetric: SeriesView;
}

/** One layer's gradient norm over steps: the L2 norm over its kernel and bias gradients together. */
export interface GradientSeries {
  readonly layer: string;
  readonly series: SeriesView;
}

export interface AlertMark {
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly kind: AlertKind;
  readonly layer?: string;
  readonly message: string;
  readonly fatal: boolean;
}

export type EvaluationEvent = Extract<TrainerEvent, { type: 'evaluation' }>;
export type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;
export type ProgressEvent = Extract<TrainerEvent, { type: 'progress' }>;

export interface TraceOptions {
  readonly label?: string;
  /** Points kept per series (default 2000). */
  readonly capacity?: number;
  /** Histograms kept per weight (default 48). */
  readonly histograms?: number;
  /** Alerts kept, newest (default 100). */
  readonly alerts?: number;
}

export class RunTrace {
  readonly label: string;
  info: DatasetInfo | null = null;
  state: TrainerState | null = null;
  progress: ProgressEvent | null = null;
  evaluation: EvaluationEvent | null = null;
  /** The newest decision-boundary grid (two-input classifiers only). */
  boundary: BoundaryEvent | null = null;
  exit: ExitEvent | null = null;
  /** The newest weight snapshot: matrices, first-layer images, dead-unit shares. */
  latest: readonly LayerSnapshot[] = [];
  latestStep = 0;
  /** Bumped by every event that changed something. */
  revision = 0;

  readonly #capacity: number;
  readonly #histogramCap: number;
  readonly #alertCap: number;
  #batchesPerEpoch = 0;
  #inferredBpe = 0;
  #lastStep = 0;
  #metric: string | null = null;
  readonly #series = new Map<string, SeriesBuffer>();
  readonly #histograms = new Map<string, ThinningHistory<HistogramFrame>>();
  readonly #gradients = new Map<string, SeriesBuffer>();
  #alerts: AlertMark[] = [];

  constructor(options: TraceOptions = {}) {
    this.label = options.label ?? 'Run';
    this.#capacity = options.capacity ?? 2000;
    this.#histogramCap = options.histograms ?? 48;
    this.#alertCap = options.alerts ?? 100;
  }

  /** Takes one trainer event; true when a view changed. */
  apply(event: TrainerEvent): boolean {
    switch (event.type) {
      case 'ready':
        this.info = event.dataset;
        this.#batchesPerEpoch = event.batchesPerEpoch;
        break;
      case 'status':
        this.state = event.state;
        break;
      case 'progress':
        this.progress = event;
        if (event.batchesPerEpoch > 0) this.#batchesPerEpoch = event.batchesPerEpoch;
        break;
      case 'batchMetrics':
        this.addBatches(event.points);
        return true;
      case 'epochMetrics':
        this.addEpochs(event.epochs);
        return true;
      case 'snapshot':
        this.#addSnapshot(event.step, event.epoch, event.layers);
        break;
      case 'evaluation':
        this.evaluation = event;
        break;
      case 'boundary':
        this.boundary = event;
        break;
      case 'alert':
        this.#addAlert(event);
        break;
      case 'exit':
        this.exit = event;
        break;
      case 'log':
      case 'error':
      case 'savedModel':
        return false;
      default:
        throw new Error(`RunTrace: unknown trainer event ${JSON.stringify(event satisfies never)}`);
    }
    this.revision++;
    return true;
  }

  /** Per-batch points, e.g. from a stored run. */
  addBatches(points: readonly BatchPoint[]): void {
    for (const p of points) {
      this.#lastStep = Math.max(this.#lastStep, p.step);
      this.#inferredBpe = p.epoch > 1 ? (p.step - p.batch) / (p.epoch - 1) : Math.max(this.#inferredBpe, p.batch);
      this.#buffer('batch:loss').push(p.step, p.loss);
      this.#noteMetric(p.metrics);
      for (const [name, v] of Object.entries(p.metrics)) this.#buffer(`batch:${name}`).push(p.step, v);
    }
    this.revision++;
  }

  /** Per-epoch records, e.g. from a stored run. */
  addEpochs(records: readonly EpochRecord[]): void {
    for (const r of records) {
      this.#buffer('epoch:loss').push(r.epoch, r.loss);
      if (r.valLoss !== undefined) this.#buffer('val:loss').push(r.epoch, r.valLoss);
      this.#noteMetric(r.metrics);
      for (const [name, v] of Object.entries(r.metrics)) this.#buffer(`epoch:${name}`).push(r.epoch, v);
      for (const [name, v] of Object.entries(r.valMetrics ?? {})) this.#buffer(`val:${name}`).push(r.epoch, v);
    }
    this.revision++;
  }

  get batchesPerEpoch(): number {
    return this.#batchesPerEpoch || this.#inferredBpe;
  }

  curves(): CurveData {
    const m = this.#metric;
    const view = (key: string) => this.#series.get(key)?.view() ?? EMPTY_SERIES;
    return {
      label: this.label,
      batchesPerEpoch: this.batchesPerEpoch,
      metric: m,
      batchLoss: view('batch:loss'),
      batchMetric: m ? view(`batch:${m}`) : EMPTY_SERIES,
      epochLoss: view('epoch:loss'),
      valLoss: view('val:loss'),
      epochMetric: m ? view(`epoch:${m}`) : EMPTY_SERIES,
      valMetric: m ? view(`val:${m}`) : EMPTY_SERIES,
    };
  }

  gradients(): GradientSeries[] {
    return [...this.#gradients].map(([layer, buffer]) => ({ layer, series: buffer.view() }));
  }

  /** Weights that have a histogram history, in model order. */
  weights(): { layer: string; part: WeightPart }[] {
    return [...this.#histograms.keys()].map((key) => {
      const cut = key.lastIndexOf(':');
      return { layer: key.slice(0, cut), part: key.slice(cut + 1) as WeightPart };
    });
  }

  histogramFrames(layer: string, part: WeightPart): HistogramFrame[] {
    return this.#histograms.get(`${layer}:${part}`)?.items() ?? [];
  }

  alerts(): readonly AlertMark[] {
    return this.#alerts;
  }

  #buffer(key: string): SeriesBuffer {
    let b = this.#series.get(key);
    if (!b) this.#series.set(key, (b = new SeriesBuffer(this.#capacity)));
    return b;
  }

  #noteMetric(metrics: Readonly<Record<string, number>>): void {
    if (this.#metric === 'accuracy') return;
    if ('accuracy' in metrics) this.#metric = 'accuracy';
    else this.#metric ??= Object.keys(metrics)[0] ?? null;
  }

  #addSnapshot(step: number, epoch: number, layers: readonly LayerSnapshot[]): void {
    this.latest = layers;
    this.latestStep = step;
    this.#lastStep = Math.max(this.#lastStep, step);
    for (const layer of layers) {
      let sq = 0;
      let any = false;
      for (const part of ['kernel', 'bias'] as const) {
        const w = layer[part];
        if (!w) continue;
        const key = `${layer.name}:${part}`;
        let h = this.#histograms.get(key);
        if (!h) this.#histograms.set(key, (h = new ThinningHistory(this.#histogramCap)));
        h.push({ step, epoch, histogram: w.histogram, mean: w.mean, std: w.std });
        if (w.gradNorm !== undefined) {
          sq += w.gradNorm * w.gradNorm;
          any = true;
        }
      }
      if (!any) continue;
      let g = this.#gradients.get(layer.name);
      if (!g) this.#gradients.set(layer.name, (g = new SeriesBuffer(this.#capacity)));
      g.push(step, Math.sqrt(sq));
    }
  }

  #addAlert(event: Extract<TrainerEvent, { type: 'alert' }>): void {
    const bpe = this.batchesPerEpoch;
    const step = bpe > 0 ? (event.epoch - 1) * bpe + event.batch : this.#lastStep;
    const { kind, layer, epoch, batch, message, fatal } = event;
    this.#alerts = [...this.#alerts.slice(-(this.#alertCap - 1)), { step, epoch, batch, kind, message, fatal, ...(layer !== undefined ? { layer } : {}) }];
  }
}
