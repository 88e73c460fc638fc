/**
 * Words and numbers for the run panel, the progress line and the runs list.
 */
import type { BackendName } from '../../../../shared/protocol/trainer.ts';
import type { RunPhase } from '../../../../shared/run/index.ts';

/** "Run 14:05:09": short enough for a chart legend, distinct within a session. */
export function runLabel(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `Run ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** 75 → "1:15", 3725 → "1:02:05"; null (unknown pace) → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** 12345.6 → "12,346/s", 87.25 → "87.3/s". */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  return perSecond >= 1000 ? `${Math.round(perSecond).toLocaleString('en-US')}/s` : `${perSecond.toFixed(1)}/s`;
}

/** A loss or metric for a table cell: 4 significant digits, shares as percentages. */
export function formatFigure(value: number | undefined, metric?: string): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (metric === 'accuracy' || metric === 'acc') return `${(value * 100).toFixed(1)} %`;
  return Math.abs(value) >= 1000 ? value.toExponential(2) : value.toPrecision(4);
}

const PHASE_WORDS: Readonly<Record<RunPhase, string>> = {
  starting: 'Starting…',
  loading: 'Loading data…',
  running: 'Training',
  paused: 'Paused',
  stopping: 'Stopping after this batch…',
  evaluating: 'Evaluating on the test set…',
  saving: 'Saving the model…',
  completed: 'Completed',
  stopped: 'Stopped',
  'early-stopped': 'Stopped early',
  failed: 'Failed',
  crashed: 'Crashed',
};

export function phaseLabel(phase: RunPhase): string {
  return PHASE_WORDS[phase];
}

const BACKEND_WORDS: Readonly<Record<BackendName, string>> = {
  'tensorflow-gpu': 'TensorFlow CUDA',
  webgpu: 'WebGPU',
  tensorflow: 'TensorFlow CPU',
  wasm: 'WebAssembly',
  cpu: 'plain JS',
};

export function backendLabel(backend: BackendName | 'auto'): string {
  return backend === 'auto' ? 'Auto (fastest available)' : BACKEND_WORDS[backend];
}

/** "2026-11-23T13:05:00Z" → "23 Nov 13:05". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const month = d.toLocaleString('en-GB', { month: 'short' });
  return `${d.getDate()} ${month} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
