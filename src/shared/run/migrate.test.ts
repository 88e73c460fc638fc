import { describe, expect, it } from 'vitest';
import { xorMlp } from '../templates/xor-mlp.ts';
import { compile } from '../compile/index.ts';
import { fromRecordV1, isRecordV1, type RecordV1 } from './migrate.ts';
import { denseSnapshot, XOR_DATASET } from './testing.ts';
import { mergeBatches, newestFrame } from './merge.ts';
import { thinItems } from './thin.ts';
import { alertsByNode } from './views.ts';
import { summaryOf } from './summary.ts';

const doc = xorMlp.build();
const compiled = compile(doc);
if (!compiled.ok) throw new Error('the XOR template does not compile');
const hidden = compiled.spec.layers.find((l) => l.className === 'Dense')!;

/** A run.json as hosts before format 2 wrote it: layers by name, no node ids. */
function oldRecord(status: RecordV1['status']): RecordV1 {
  const { nodeId: _drop, ...snapshotLayer } = denseSnapshot('x', hidden.name, 1, 0.5);
  return {
    id: '20261123-130000-abcdef', title: 'XOR MLP', projectPath: null, startedAt: '2026-11-23T13:00:00.000Z', endedAt: '2026-11-23T13:00:05.000Z',
    status, epochsCompleted: 2, epochs: 60, backend: 'wasm', device: 'WebAssembly, SIMD', message: 'Stopped early at epoch 2.', hasWeights: true,
    doc, settings: doc.training, datasetInfo: XOR_DATASET, dataset: doc.dataset, skipped: [{ backend: 'tensorflow', reason: 'not installed' }],
    epochRecords: [
      { epoch: 1, loss: 0.6, metrics: { accuracy: 0.6 }, learningRate: 0.05, seconds: 1 },
      { epoch: 2, loss: 0.4, metrics: { accuracy: 0.8 }, learningRate: 0.05, seconds: 1 },
    ],
    batches: [
      { step: 5, epoch: 1, batch: 5, loss: 0.65, metrics: { accuracy: 0.6 } },
      { step: 15, epoch: 2, batch: 5, loss: 0.45, metrics: { accuracy: 0.8 } },
    ],
    lastSnapshot: { type: 'snapshot', step: 20, epoch: 2, batch: 10, layers: [snapshotLayer] },
    lastBoundary: null,
    evaluation: null,
    alerts: [{ type: 'alert', kind: 'vanishing', layer: hidden.name, epoch: 2, batch: 3, message: 'tiny gradients', fatal: false }],
  };
}

describe('records written before format 2', () => {
  it('become a run state with every figure they kept, layers found by node', () => {
    const old = JSON.parse(JSON.stringify(oldRecord('early-stopped'))) as unknown;
    expect(isRecordV1(old)).toBe(true);
    const record = fromRecordV1(old as RecordV1);
    expect(record).toMatchObject({ format: 2, id: '20261123-130000-abcdef', title: 'XOR MLP', endedAt: '2026-11-23T13:00:05.000Z' });
    const s = record.run;
    expect(s.phase).toBe('early-stopped');
    expect(s.exit).toMatchObject({ reason: 'early-stopped', message: 'Stopped early at epoch 2.', epochsCompleted: 2 });
    expect(s.ready).toMatchObject({ backend: 'wasm', device: 'WebAssembly, SIMD', batchesPerEpoch: 10, skipped: [{ backend: 'tensorflow', reason: 'not installed' }] });
    expect(thinItems(s.batches, mergeBatches).map((b) => b.loss)).toEqual([0.65, 0.45]);
    expect(s.epochsCompleted).toBe(2);
    expect(s.snapshot?.layers[0].nodeId).toBe(hidden.nodeId);
    expect(thinItems(s.histograms[`${hidden.nodeId}:kernel`], newestFrame)).toHaveLength(1);
    expect(alertsByNode(s.alerts).get(hidden.nodeId)?.[0]).toMatchObject({ kind: 'vanishing', step: 13 });
    expect(s.hasWeights).toBe(true);
    expect(summaryOf(record)).toMatchObject({ status: 'early-stopped', epochsCompleted: 2, epochs: 60, backend: 'wasm', hasWeights: true, last: { epoch: 2 } });
  });

  it('keep a run that was still going as going (the store decides whether it is an orphan)', () => {
    const record = fromRecordV1(oldRecord('running'));
    expect(record.run.phase).toBe('running');
    expect(record.run.exit).toBeNull();
    expect(isRecordV1(record)).toBe(false);
  });
});
