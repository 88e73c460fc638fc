/**
 * The one fold of a run: a trainer event in, the run's next state out. The
 * host applies it to keep (and store) the run, the renderer to draw it, and
 * a record read back is already a state, so nothing converts between them.
 * Pure: the state passed in is never changed, and parts an event does not
 * touch are the same objects after it (views compare by reference).
 */
import { PROBE_CANDIDATES, type BatchPoint, type TrainerEvent } from '../protocol/trainer.ts';
import { mergeBatches, mergeEpochs, mergeSpans, newestFrame } from './merge.ts';
import { isEnded } from './phase.ts';
import { ALERTS_KEPT, CHANGES_KEPT, HISTOGRAM_FRAMES, CURVE_POINTS, MESSAGES_KEPT, type BatchSpan, type RunMessage, type RunState, type SnapshotEvent, type WeightPart } from './state.ts';
import { thinned, thinPush } from './thin.ts';
import { batchesPerEpoch } from './views.ts';

const span = (p: BatchPoint): BatchSpan => ({ ...p, low: { loss: p.loss, metrics: p.metrics }, high: { loss: p.loss, metrics: p.metrics } });

const said = (s: RunState, m: RunMessage): RunState => ({ ...s, messages: [...s.messages.slice(-(MESSAGES_KEPT - 1)), m] });

function withSnapshot(s: RunState, e: SnapshotEvent): RunState {
  const layers = [...s.layers];
  const histograms = { ...s.histograms };
  const gradients = { ...s.gradients };
  for (const layer of e.layers) {
    const parts = (['kernel', 'bias'] as const).filter((p) => layer[p]);
    if (!parts.length) continue;
    if (!layers.some((l) => l.nodeId === layer.nodeId)) layers.push({ nodeId: layer.nodeId, name: layer.name, parts });
    let squares = 0;
    let normed = false;
    for (const part of parts as WeightPart[]) {
      const w = layer[part]!;
      const key = `${layer.nodeId}:${part}`;
      histograms[key] = thinPush(histograms[key] ?? thinned(HISTOGRAM_FRAMES), [{ step: e.step, epoch: e.epoch, histogram: w.histogram, mean: w.mean, std: w.std }], newestFrame);
      if (w.gradNorm !== undefined) {
        squares += w.gradNorm * w.gradNorm;
        normed = true;
      }
    }
    if (normed) {
      const norm = Math.sqrt(squares);
      gradients[layer.nodeId] = thinPush(gradients[layer.nodeId] ?? thinned(CURVE_POINTS), [{ x: e.step, y: norm, lo: norm, hi: norm }], mergeSpans);
    }
  }
  return { ...s, snapshot: e, layers, histograms, gradients, lastStep: Math.max(s.lastStep, e.step) };
}

export function applyEvent(s: RunState, e: TrainerEvent): RunState {
  switch (e.type) {
    case 'ready':
      return { ...s, ready: e, phase: s.phase === 'starting' ? 'loading' : s.phase };
    case 'status':
      // After the exit nothing changes the phase again.
      return isEnded(s.phase) ? s : { ...s, phase: e.state };
    case 'heartbeat':
      return s;
    case 'progress':
      return { ...s, progress: e, phase: s.phase === 'starting' || s.phase === 'loading' ? 'running' : s.phase };
    case 'batchMetrics':
      return { ...s, batches: thinPush(s.batches, e.points.map(span), mergeBatches), lastStep: e.points.reduce((m, p) => Math.max(m, p.step), s.lastStep) };
    case 'epochMetrics':
      if (!e.epochs.length) return s;
      return { ...s, epochs: thinPush(s.epochs, e.epochs, mergeEpochs), epochsCompleted: s.epochsCompleted + e.epochs.length, lastEpoch: e.epochs[e.epochs.length - 1] };
    case 'snapshot':
      return withSnapshot(s, e);
    case 'evaluation':
      return { ...s, evaluation: e };
    case 'boundary':
      return { ...s, boundary: e };
    case 'activations': {
      // Only the first event carries the pictures to pick from; later ones keep them.
      const candidates = e.candidates ?? s.activations?.candidates;
      const bySample = [...(s.activationsBySample ?? [])];
      if (!Number.isInteger(e.sample) || e.sample < 0 || e.sample >= PROBE_CANDIDATES) return { ...s, activations: candidates ? { ...e, candidates } : e };
      while (bySample.length <= e.sample) bySample.push(null);
      // The pictures are kept once, in `activations`.
      const { candidates: _pictures, ...alone } = e;
      bySample[e.sample] = alone;
      return { ...s, activations: candidates ? { ...e, candidates } : e, activationsBySample: bySample };
    }
    case 'alert': {
      const bpe = batchesPerEpoch(s);
      const { kind, epoch, batch, message, fatal, layer, nodeId } = e;
      const mark = { step: bpe > 0 ? (epoch - 1) * bpe + batch : s.lastStep, epoch, batch, kind, message, fatal, ...(layer !== undefined ? { layer } : {}), ...(nodeId !== undefined ? { nodeId } : {}) };
      return { ...s, alerts: [...s.alerts.slice(-(ALERTS_KEPT - 1)), mark] };
    }
    case 'tuning':
      return { ...s, tuning: e };
    case 'change': {
      const { step, what, from, to } = e;
      return { ...s, changes: [...(s.changes ?? []).slice(-(CHANGES_KEPT - 1)), { step, what, from, to }] };
    }
    case 'log':
      return said(s, { level: e.level, message: e.message });
    case 'error':
      return said(s, { level: 'error', message: e.message, ...(e.detail ? { detail: e.detail } : {}) });
    case 'savedModel':
      return { ...s, hasWeights: true, ...(e.weights ? { savedWeights: e.weights } : {}) };
    case 'exit':
      return { ...s, exit: e, phase: e.reason, epochsCompleted: Math.max(s.epochsCompleted, e.epochsCompleted) };
    default:
      throw new Error(`applyEvent: unknown trainer event ${JSON.stringify(e satisfies never)}`);
  }
}
