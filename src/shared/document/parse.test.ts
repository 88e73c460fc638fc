import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder.ts';
import { formatIssues, parseDocument, serializeDocument, validateDocument } from './parse.ts';
import { SCHEMA_VERSION, type GraphDoc } from './schema.ts';

function sampleDoc(): GraphDoc {
  const b = new GraphBuilder('Sample', 'Four layers and a merge');
  const x = b.add('Input', { shape: [28, 28, 1] });
  const c = b.add('Conv2D', { filters: 8, kernelSize: [3, 3], padding: 'same' }, { name: 'features' });
  const y = b.add('Flatten');
  b.chain(x, c, y, b.add('Dense', { units: 10, activation: 'softmax' }));
  return b
    .withDataset({ kind: 'generated', name: 'spiral', samples: 500, noise: 0.1, trainRatio: 0.7, features: ['x1sq', 'sinx2'], seed: 9 })
    .withTraining({ optimizer: 'momentum', momentum: 0.9, earlyStopping: { monitor: 'val_loss', patience: 3, restoreBestWeights: true }, schedule: { kind: 'step', everyEpochs: 5, factor: 0.5 } })
    .build();
}

/** A valid file as plain JSON, to be broken in one place by each test (hence untyped). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(): Record<string, any> {
  return JSON.parse(serializeDocument(sampleDoc()));
}

function problems(value: unknown): string[] {
  const r = typeof value === 'string' ? parseDocument(value) : validateDocument(value);
  if (r.ok) throw new Error('expected the document to be refused');
  return formatIssues(r.issues, 100).split('\n');
}

describe('parseDocument', () => {
  it('round-trips: serialize → parse gives the same document', () => {
    const doc = sampleDoc();
    const text = serializeDocument(doc);
    const back = parseDocument(text);
    expect(back).toEqual({ ok: true, doc, migrated: [] });
    expect(serializeDocument(back.ok ? back.doc : doc)).toBe(text);
  });

  it('writes readable JSON: short lists and positions on one line, trailing newline', () => {
    const text = serializeDocument(sampleDoc());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"params": { "shape": [28, 28, 1] }');
    expect(text).toContain('"position": { "x": 220, "y": 0 }');
    expect(text).toContain('"features": ["x1sq", "sinx2"]');
  });

  it('names the field, the expectation and the bad value', () => {
    const doc = json();
    doc.nodes[3].position.x = 'a';
    expect(problems(doc)).toEqual(['nodes[3].position.x: expected a number, got "a"']);
  });

  it('reports every problem in one pass: wrong types, missing and unknown fields, dangling edges', () => {
    const doc = json();
    doc.nodes[1].position.x = 'a';
    doc.nodes[0].parms = doc.nodes[0].params;
    delete doc.nodes[0].params;
    delete doc.training.batchSize;
    doc.training.optimizer = 'adamw';
    doc.dataset.noise = 2;
    doc.edges[2].target = 'dense_9';
    expect(problems(doc)).toEqual([
      'nodes[0].params: is missing',
      'nodes[0].parms: is not a known field: did you mean "params"? (known: id, kind, name, params, position)',
      'nodes[1].position.x: expected a number, got "a"',
      'dataset.noise: expected a number from 0 to 1, got 2',
      'training.optimizer: expected one of "sgd", "momentum", "adam", "rmsprop", "adagrad", "adadelta", "adamax", got "adamw"',
      'training.batchSize: is missing',
      'edges[2].target: no node has id "dense_9": connect an existing node or delete the edge',
    ]);
  });

  it('refuses duplicate node and edge ids', () => {
    const doc = json();
    doc.nodes[2].id = doc.nodes[1].id;
    doc.edges[1].id = doc.edges[0].id;
    const lines = problems(doc);
    expect(lines).toContain('nodes[2].id: duplicate id "conv2d_1": another node already has it, give this one a new id');
    expect(lines).toContain(`edges[1].id: duplicate id "${doc.edges[0].id}": another edge already has it, give this one a new id`);
  });

  it('reports an edge to a missing node at its source or target', () => {
    const doc = json();
    doc.edges[0].source = 'ghost';
    expect(problems(doc)).toEqual(['edges[0].source: no node has id "ghost": connect an existing node or delete the edge']);
  });

  it('checks the dataset variant chosen by kind', () => {
    const doc = json();
    doc.dataset = { kind: 'builtin', name: 'cifar10' };
    expect(problems(doc)).toEqual(['dataset.name: expected one of "mnist", "fashion-mnist", got "cifar10"']);
    doc.dataset = { kind: 'kaggle' };
    expect(problems(doc)).toEqual(['dataset.kind: expected one of "builtin", "generated", "csv", "idx", "images", "cifar10", got "kaggle"']);
    doc.dataset = null;
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('explains malformed JSON', () => {
    const [line] = problems('{"format": "netwright-project", ');
    expect(line).toMatch(/^not valid JSON \(.+\)$/);
    expect(problems('')[0]).toMatch(/^not valid JSON/);
  });

  it('says when the file is not a project at all', () => {
    expect(problems('[1, 2]')).toEqual(['expected a Netwright project (a JSON object), got [1,2]']);
    expect(problems('{"name": "package"}')).toEqual(['format: expected "netwright-project", got nothing: this is not a Netwright project file']);
    expect(problems({ format: 'tldraw' })).toEqual(['format: expected "netwright-project", got "tldraw": this is not a Netwright project file']);
  });

  it('refuses a file from a newer Netwright and says to update', () => {
    const doc = json();
    doc.schemaVersion = SCHEMA_VERSION + 1;
    const [line] = problems(doc);
    expect(line).toBe(
      `schemaVersion: this file was written by a newer Netwright (format version ${SCHEMA_VERSION + 1}); this build reads up to version ${SCHEMA_VERSION}. Update Netwright to open it.`,
    );
  });

  it('refuses a missing or nonsensical schema version', () => {
    const doc = json();
    delete doc.schemaVersion;
    expect(problems(doc)).toEqual(['schemaVersion: expected a whole number ≥ 1, got nothing']);
    doc.schemaVersion = '2';
    expect(problems(doc)).toEqual(['schemaVersion: expected a whole number ≥ 1, got "2"']);
  });

  it('caps long issue lists', () => {
    const doc = json();
    doc.nodes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, kind: 'Dense', params: {}, position: { x: 'a', y: 0 } }));
    doc.edges = [];
    const result = validateDocument(doc);
    const text = formatIssues(result.ok ? [] : result.issues, 20);
    expect(text.split('\n')).toHaveLength(21);
    expect(text.split('\n')[20]).toBe('…and 10 more');
  });
});
