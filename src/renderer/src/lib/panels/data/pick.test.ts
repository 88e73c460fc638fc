import { describe, expect, it } from 'vitest';
import type { DatasetPreviewResult, NetwrightApi } from '../../../../../shared/protocol/index.ts';
import { guessTarget, startFolder } from './pick.ts';

/** A host whose preview answers with `result`, whatever the ref. */
function answering(result: DatasetPreviewResult): NetwrightApi {
  return { previewDataset: async () => result } as Partial<NetwrightApi> as NetwrightApi;
}

describe('picking data files', () => {
  it("takes a new CSV's last column as the target", async () => {
    const table: DatasetPreviewResult = {
      ok: true,
      preview: { kind: 'table', info: null, problem: 'iris.csv has no column "?"', name: 'iris.csv', headers: ['sepal length', 'petal', 'species'], rows: [], rowCount: 3, columns: [] },
    };
    expect(await guessTarget(answering(table), 'iris.csv', '/p/p.nwproj.json')).toBe('species');
  });

  it('falls back to "label" when the file cannot be read as a table', async () => {
    expect(await guessTarget(answering({ ok: false, message: 'ragged.csv, line 3: expected 3 fields' }), 'ragged.csv', null)).toBe('label');
  });

  it('opens the dialog where the current file is, else in the project folder', () => {
    expect(startFolder('/data/mnist/train-images', '/home/a/p.nwproj.json')).toBe('/data/mnist');
    expect(startFolder('data/iris.csv', '/home/a/p.nwproj.json')).toBe('/home/a/data');
    expect(startFolder(undefined, '/home/a/p.nwproj.json')).toBe('/home/a');
    expect(startFolder('iris.csv', null)).toBe('');
  });
});
