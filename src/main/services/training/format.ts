/**
 * Trainer events as terminal text: the CLI's progress bar, epoch lines and
 * final evaluation. Pure functions of the events, so they are easy to test
 * and any text front end can reuse them.
 */
import type { EpochRecord, MetricValues, TrainerEvent } from '../../../shared/protocol/trainer.ts';
import { describeWeights } from '../../../shared/run/views.ts';

type Of<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>;

const figure = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function metricText(prefix: string, loss: number, metrics: MetricValues): string {
  return [`${prefix}loss ${figure(loss)}`, ...Object.entries(metrics).map(([k, v]) => `${prefix}${k} ${figure(v)}`)].join('  ');
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatReady(e: Of<'ready'>): string {
  const lines = [`Training on ${e.backend}: ${e.device}`];
  for (const s of e.skipped) lines.push(`  skipped ${s.backend}: ${s.reason}`);
  lines.push(`Data: ${e.dataset.title}; ${int(e.trainSamples)} training${e.valSamples ? `, ${int(e.valSamples)} validation` : ''} samples, ${e.batchesPerEpoch} batches per epoch`);
  lines.push(`Model: ${int(e.params)} parameters, ${e.epochs} epoch(s)`);
  return lines.join('\n');
}

/** One line, e.g. "Epoch 3/10 [=========>          ] 45%  1,234 samples/s  ETA 12s". */
export function formatProgress(e: Of<'progress'>, width = 24): string {
  const fraction = Math.min(1, e.batch / e.batchesPerEpoch);
  const filled = Math.round(fraction * width);
  const bar = '='.repeat(Math.max(0, filled - 1)) + (filled ? (fraction >= 1 ? '=' : '>') : '') + ' '.repeat(width - filled);
  const eta = e.etaSeconds === null ? '' : `  ETA ${duration(e.etaSeconds)}`;
  return `Epoch ${e.epoch}/${e.epochs} [${bar}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${int(e.samplesPerSec)} samples/s${eta}`;
}

export function formatEpoch(r: EpochRecord, epochs: number): string {
  const val = r.valLoss !== undefined ? `  ${metricText('val_', r.valLoss, r.valMetrics ?? {})}` : '';
  return `Epoch ${r.epoch}/${epochs}  ${metricText('', r.loss, r.metrics)}${val}  (${r.seconds.toFixed(1)}s)`;
}

export function formatEvaluation(e: Of<'evaluation'>): string {
  const lines = [`Test (${int(e.samples)} samples): ${metricText('', e.loss, e.metrics)}`];
  const m = e.confusion;
  if (m && m.length <= 12) {
    const names = e.classNames ?? m.map((_, i) => String(i));
    const label = (s: string) => (s.length > 10 ? s.slice(0, 9) + '…' : s);
    const cell = Math.max(5, ...m.flat().map((v) => int(v).length + 1));
    const rowLabels = names.map((n, i) => `${i} ${label(n)}`);
    const head = Math.max(...rowLabels.map((l) => l.length), 'true \\ predicted'.length);
    lines.push('Confusion matrix (rows: true class, columns: predicted):');
    lines.push(`${'true \\ predicted'.padEnd(head)} ${m.map((_, j) => String(j).padStart(cell)).join('')}  accuracy`);
    m.forEach((row, i) => {
      const acc = e.perClassAccuracy ? `  ${(e.perClassAccuracy[i] * 100).toFixed(1)}%` : '';
      lines.push(`${rowLabels[i].padEnd(head)} ${row.map((v) => int(v).padStart(cell)).join('')}${acc}`);
    });
  }
  return lines.join('\n');
}

export function formatSaved(e: Of<'savedModel'>): string {
  const kb = e.bytes / 1024;
  const weights = e.weights ? `: the weights ${describeWeights(e.weights)}` : '';
  return `Saved the model to ${e.dir} (${e.files.map((f) => f.split(/[\\/]/).pop()).join(', ')}; ${kb < 1024 ? `${kb.toFixed(1)} kB` : `${(kb / 1024).toFixed(1)} MB`})${weights}`;
}
