/**
 * analyze() speed on generated graphs. The canvas re-runs analysis on every
 * edit, so the aim is ≤ 1 ms at 100 layers and ≤ 10 ms at 1,000.
 * Run: npx tsx bench/analysis.ts
 */
import { analyze } from '../src/shared/analysis/index.ts';
import { GraphBuilder } from '../src/shared/document/builder.ts';
import type { GraphDoc } from '../src/shared/document/index.ts';

/** Input → Dense × (n-1), a plain chain. */
export function chain(n: number): GraphDoc {
  const b = new GraphBuilder(`chain-${n}`);
  let last = b.add('Input', { shape: [64] });
  for (let i = 1; i < n; i++) last = b.chain(last, b.add('Dense', { units: 64, activation: 'relu' }));
  return b.build();
}

/** Residual blocks: each block forks into two Dense branches joined by an Add, so about a third of nodes merge. */
export function branching(n: number): GraphDoc {
  const b = new GraphBuilder(`dag-${n}`);
  let last = b.add('Input', { shape: [64] });
  let count = 1;
  while (count + 3 <= n) {
    const left = b.add('Dense', { units: 64, activation: 'relu' });
    const right = b.add('Dense', { units: 64, activation: 'tanh' });
    const join = b.add('Add');
    b.connect(last, left).connect(last, right).connect(left, join).connect(right, join);
    last = join;
    count += 3;
  }
  while (count < n) {
    last = b.chain(last, b.add('Dense', { units: 64 }));
    count++;
  }
  return b.build();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function measure(doc: GraphDoc, budgetMs = 400): { medianMs: number; runs: number; errors: number } {
  const errors = analyze(doc).diagnostics.filter((d) => d.severity === 'error').length;
  for (let i = 0; i < 5; i++) analyze(doc); // warm the JIT
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < budgetMs || times.length < 5) {
    const t = performance.now();
    analyze(doc);
    times.push(performance.now() - t);
  }
  return { medianMs: median(times), runs: times.length, errors };
}

export function runAnalysisBench(print: (line: string) => void = console.log): void {
  print('analyze() median time per call (ms)');
  print('layers   chain    branching DAG   aim');
  for (const n of [100, 1_000, 5_000]) {
    const c = measure(chain(n));
    const d = measure(branching(n));
    if (c.errors || d.errors) throw new Error(`generated graph of ${n} layers has errors`);
    const aim = n === 100 ? '≤ 1 ms' : n === 1_000 ? '≤ 10 ms' : '';
    print(`${String(n).padStart(6)}   ${c.medianMs.toFixed(3).padStart(7)}  ${d.medianMs.toFixed(3).padStart(13)}   ${aim}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runAnalysisBench();
