/**
 * Editing the document's training settings from the run panel: each change
 * yields a whole new TrainingSettings, checked by the same validator that
 * checks project files, so the panel refuses exactly what a file would. A
 * few choices bring their own defaults (momentum for the momentum optimizer,
 * the parameters of a schedule, the early-stopping block).
 */
import { trainingSettings, type TrainingSettings } from '../../../../shared/document/index.ts';
import type { Issue } from '../../../../shared/document/index.ts';

export type ScheduleKind = TrainingSettings['schedule']['kind'];
export type EarlyStopping = NonNullable<TrainingSettings['earlyStopping']>;

/** Field path below `training` ("learningRate", "schedule.factor") → what is wrong with it. */
export type SettingsProblems = ReadonlyMap<string, string>;

export function checkSettings(settings: TrainingSettings): SettingsProblems {
  const issues: Issue[] = [];
  trainingSettings.check(settings, 'training', issues);
  const out = new Map<string, string>();
  for (const issue of issues) out.set(issue.path.replace(/^training\.?/, ''), issue.message);
  const es = settings.earlyStopping;
  if (es && es.monitor.startsWith('val_') && settings.validationSplit === 0 && !out.has('earlyStopping.monitor')) {
    out.set('earlyStopping.monitor', `${es.monitor} needs a validation split above 0; monitor "loss" or set a split`);
  }
  if (es && es.monitor.endsWith('acc') && !settings.metrics.includes('accuracy') && !out.has('earlyStopping.monitor')) {
    out.set('earlyStopping.monitor', `${es.monitor} needs the accuracy metric; tick it or monitor a loss`);
  }
  return out;
}

/**
 * Reads a number typed into a field: "1e-3", " 0.05 ", "1,000" (thousands).
 * Returns NaN for anything else, which the validator then reports.
 */
export function parseNumber(text: string): number {
  const t = text.trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
  return t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number.NaN : Number(t);
}

/** Limits of a number field outside the training settings (a search's trials, seed, folds, a range's ends). */
export interface NumberLimits {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The lower limit itself is refused (a log range starts above 0). */
  readonly aboveMin?: boolean;
}

/** A check for NumberSetting built from limits: why `n` is refused, or null. */
export function limitCheck({ integer = false, min, max, aboveMin = false }: NumberLimits): (n: number) => string | null {
  return (n) => {
    if (integer && !Number.isInteger(n)) return 'A whole number';
    if (min !== undefined && (aboveMin ? n <= min : n < min)) return aboveMin ? `Above ${min}` : `At least ${min}`;
    if (max !== undefined && n > max) return `At most ${max.toLocaleString('en-US')}`;
    return null;
  };
}

export function withOptimizer(s: TrainingSettings, optimizer: TrainingSettings['optimizer']): TrainingSettings {
  const { momentum, ...rest } = s;
  if (optimizer === 'momentum') return { ...rest, optimizer, momentum: momentum ?? 0.9 };
  return { ...rest, optimizer };
}

export function withSchedule(s: TrainingSettings, kind: ScheduleKind): TrainingSettings {
  if (kind === s.schedule.kind) return s;
  switch (kind) {
    case 'constant':
      return { ...s, schedule: { kind } };
    case 'step':
      return { ...s, schedule: { kind, everyEpochs: 10, factor: 0.5 } };
    case 'exponential':
      return { ...s, schedule: { kind, decayPerEpoch: 0.95 } };
    default:
      throw new Error(`unknown schedule ${String(kind satisfies never)}`);
  }
}

export function withEarlyStopping(s: TrainingSettings, on: boolean): TrainingSettings {
  if (!on) return { ...s, earlyStopping: null };
  if (s.earlyStopping) return s;
  return { ...s, earlyStopping: { monitor: s.validationSplit > 0 ? 'val_loss' : 'loss', patience: 5, restoreBestWeights: true } };
}

export function withMetric(s: TrainingSettings, metric: TrainingSettings['metrics'][number], on: boolean): TrainingSettings {
  const has = s.metrics.includes(metric);
  if (has === on) return s;
  return { ...s, metrics: on ? [...s.metrics, metric] : s.metrics.filter((m) => m !== metric) };
}

/** What the undo menu says for a change of this field. */
export function editLabel(field: string): string {
  const words: Record<string, string> = {
    optimizer: 'optimizer',
    learningRate: 'learning rate',
    momentum: 'momentum',
    batchSize: 'batch size',
    epochs: 'epochs',
    loss: 'loss',
    metrics: 'metrics',
    validationSplit: 'validation split',
    earlyStopping: 'early stopping',
    schedule: 'schedule',
    seed: 'seed',
    backend: 'backend',
  };
  return `Set ${words[field.split('.')[0]] ?? field}`;
}

/** The settings with one number replaced; `field` is a path below `training` ("epochs", "schedule.factor"). */
export function withNumber(s: TrainingSettings, field: string, n: number): TrainingSettings {
  const [head, tail] = field.split('.');
  if (!tail) return { ...s, [head]: n } as TrainingSettings;
  const inner = s[head as 'schedule' | 'earlyStopping'];
  if (!inner) return s;
  return { ...s, [head]: { ...inner, [tail]: n } } as TrainingSettings;
}
