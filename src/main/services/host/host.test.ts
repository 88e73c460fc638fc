import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/document/index.ts';
import type { ApiMethods, CallReply } from '../../../shared/protocol/api.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { ProjectService } from '../projects/index.ts';
import { TrainingService } from '../runs/index.ts';
import { createHostMethods, IN_APP_DIALOGS, NO_WINDOW } from './methods.ts';
import { dispatch } from './dispatch.ts';
import { GrantPolicy, RootPolicy, type PathPolicy } from './paths.ts';

let dir: string;
let root: string;
const doc = getTemplate('fashion-mnist-mlp')?.build() ?? getTemplate('xor-mlp')!.build();

function host(paths: PathPolicy): ApiMethods {
  return createHostMethods({
    info: { kind: 'browser', nativeDialogs: false, platform: 'linux', version: 'test', root: paths.root },
    projects: new ProjectService(join(dir, 'config')),
    paths,
    dialogs: IN_APP_DIALOGS,
    window: NO_WINDOW,
    training: new TrainingService({ runsDir: join(dir, 'config', 'runs') }),
  });
}
const call = (methods: ApiMethods, method: unknown, ...args: unknown[]): Promise<CallReply> => dispatch(methods, method, args);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-host-'));
  root = join(dir, 'root');
  await mkdir(join(root, 'models'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dispatch', () => {
  it('runs a valid call and returns plain JSON', async () => {
    const methods = host(new RootPolicy(root));
    const reply = await call(methods, 'listTemplates');
    expect(reply.ok && (reply.value as { id: string }[]).map((t) => t.id)).toContain('xor-mlp');
    expect(JSON.parse(JSON.stringify(reply))).toEqual(reply);
    expect(await call(methods, 'discardRecovery')).toEqual({ ok: true, value: null });
  });

  it('rejects unknown methods, wrong arity and bad payloads with a message that names the field', async () => {
    const methods = host(new RootPolicy(root));
    expect(await call(methods, 'constructor')).toEqual({ ok: false, error: { code: 'unknown-method', message: 'no API method "constructor"' } });
    expect(await dispatch(methods, 'openProject', 'a.json')).toMatchObject({ error: { code: 'invalid-arguments', message: 'openProject: expected a list of arguments, got "a.json"' } });
    expect(await call(methods, 'openProject')).toMatchObject({ error: { message: 'openProject: expected 1 argument (path), got 0' } });
    const bad = { ...doc, nodes: [{ ...doc.nodes[0], id: 7 }] };
    expect(await call(methods, 'saveProject', join(root, 'x.json'), bad)).toMatchObject({
      error: { code: 'invalid-arguments', message: 'saveProject: doc.nodes[0].id: expected a non-empty string, got 7' },
    });
    expect(await call(methods, 'setDirty', true, 'x'.repeat(301))).toMatchObject({ error: { code: 'invalid-arguments' } });
    expect(await call(methods, 'showSaveDialog', '../evil.ts', 'typescript')).toMatchObject({ error: { message: expect.stringContaining('without folders') } });
    expect(await call(methods, 'newFromTemplate', 'nope')).toMatchObject({ error: { code: 'invalid-arguments', message: expect.stringContaining('no template "nope"') } });
  });
});

describe('training arguments', () => {
  it('refuses run ids that could name another folder, and unbounded predict inputs', async () => {
    const methods = host(new RootPolicy(root));
    for (const id of ['../config', '..', 'a/b', 'a\\b', '.hidden', '', 'x'.repeat(65)]) {
      expect(await call(methods, 'getRun', id)).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/^getRun: runId: expected/) } });
      expect(await call(methods, 'deleteRun', id)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
    expect(await call(methods, 'getRun', '20260101-000000-abcdef')).toEqual({ ok: true, value: null });
    expect(await call(methods, 'pauseTraining', '20260101-000000-abcdef')).toMatchObject({ error: { code: 'invalid-arguments', message: expect.stringContaining('no run') } });
    const rows = (n: number, width: number) => Array.from({ length: n }, () => Array.from({ length: width }, () => 0.5));
    expect(await call(methods, 'predict', 'r1', rows(257, 2))).toMatchObject({ error: { message: 'predict: inputs: expected 1 to 256 rows, got 257' } });
    expect(await call(methods, 'predict', 'r1', [])).toMatchObject({ error: { code: 'invalid-arguments' } });
    expect(await call(methods, 'predict', 'r1', rows(256, 20_000))).toMatchObject({ error: { message: expect.stringContaining('values in all') } });
    expect(await call(methods, 'predict', 'r1', [[1, '2']])).toMatchObject({ error: { message: 'predict: inputs[0][1]: expected a finite number, got "2"' } });
    expect(await call(methods, 'predict', 'r1', [[1, 2]])).toMatchObject({ ok: true, value: { ok: false, message: expect.stringContaining('no run r1') } });
    expect(await call(methods, 'startTraining', { doc, projectPath: null, epochs: 0 })).toMatchObject({ error: { message: expect.stringContaining('request.epochs') } });
    expect(await call(methods, 'startTraining', { doc, projectPath: null, extra: 1 })).toMatchObject({ error: { message: expect.stringContaining('request.extra: is not a known field') } });
    expect(await call(methods, 'listRuns')).toEqual({ ok: true, value: [] });
  });

  it('checks the pace, Step and live rates before any run hears of them', async () => {
    const methods = host(new RootPolicy(root));
    const id = '20260101-000000-abcdef';
    expect(await call(methods, 'setTrainingSpeed', id, 5000)).toMatchObject({ error: { code: 'invalid-arguments', message: expect.stringMatching(/^setTrainingSpeed: stepsPerSecond: .*1000/) } });
    expect(await call(methods, 'setTrainingSpeed', id, 0)).toMatchObject({ error: { code: 'invalid-arguments' } });
    expect(await call(methods, 'tuneTraining', id, { learningRate: 0 })).toMatchObject({ error: { code: 'invalid-arguments', message: expect.stringContaining('tuning.learningRate') } });
    expect(await call(methods, 'tuneTraining', id, { l2: -0.1 })).toMatchObject({ error: { code: 'invalid-arguments', message: expect.stringContaining('tuning.l2') } });
    expect(await call(methods, 'tuneTraining', id, { momentum: 0.5 })).toMatchObject({ error: { message: expect.stringContaining('tuning.momentum: is not a known field') } });
    expect(await call(methods, 'startTraining', { doc, projectPath: null, stepsPerSecond: -1 })).toMatchObject({ error: { message: expect.stringContaining('request.stepsPerSecond') } });
    // Well-formed calls reach the service, which knows no such run.
    for (const [method, ...args] of [['setTrainingSpeed', id, null], ['setTrainingSpeed', id, 10], ['stepTraining', id], ['tuneTraining', id, { learningRate: 0.1, l1: 0, l2: 0.001 }]] as const) {
      expect(await call(methods, method, ...args)).toMatchObject({ error: { code: 'invalid-arguments', message: expect.stringContaining('no run') } });
    }
  });

  it('refuses datasets outside the shared folder and previews a broken CSV with its line', async () => {
    const methods = host(new RootPolicy(root));
    await writeFile(join(dir, 'outside.csv'), 'a,b\n1,2\n');
    const outside = await call(methods, 'previewDataset', { kind: 'csv', path: '../outside.csv', target: 'b', scaling: 'none', task: 'regression', testRatio: 0.2 }, join(root, 'p.nwproj.json'));
    expect(outside).toMatchObject({ ok: true, value: { ok: false, message: expect.stringContaining('outside the folder this server shares') } });
    const csvDoc = { ...doc, dataset: { kind: 'csv', path: '/etc/passwd', target: 'b', scaling: 'none', task: 'regression', testRatio: 0.2 } };
    expect(await call(methods, 'startTraining', { doc: csvDoc, projectPath: null })).toMatchObject({ ok: true, value: { ok: false, message: expect.stringContaining('outside the folder') } });
    await writeFile(join(root, 'bad.csv'), 'a,b\n1,2\n3,4\n5,6\n7,8\nseven,9\n');
    const bad = await call(methods, 'previewDataset', { kind: 'csv', path: 'bad.csv', target: 'b', scaling: 'none', task: 'regression', testRatio: 0.2 }, join(root, 'p.nwproj.json'));
    expect(bad).toMatchObject({ ok: true, value: { ok: true, preview: { kind: 'table', info: null, problem: expect.stringMatching(/bad\.csv.*line 6/) } } });
  });
});

describe('browser-mode host confined to its root', () => {
  it('saves, lists and reopens a project inside the root', async () => {
    const methods = host(new RootPolicy(root));
    const file = join(root, 'models', 'mlp.nwproj.json');
    expect(await call(methods, 'saveProject', file, doc)).toEqual({ ok: true, value: { ok: true, path: file } });
    const listing = await call(methods, 'listDirectory', null);
    expect(listing).toMatchObject({ ok: true, value: { ok: true, dir: root, parent: null, entries: [{ name: 'models', type: 'directory' }] } });
    const inner = await call(methods, 'listDirectory', join(root, 'models'));
    expect(inner).toMatchObject({ value: { parent: root, entries: [{ name: 'mlp.nwproj.json', type: 'file', path: file }] } });
    const opened = await call(methods, 'openProject', file);
    expect(opened.ok && (opened.value as { doc: unknown }).doc).toMatchObject({ nodes: doc.nodes, edges: doc.edges });
  });

  it('refuses paths that leave the root, through .. or a symlink', async () => {
    const methods = host(new RootPolicy(root));
    await writeFile(join(dir, 'secret.json'), serializeDocument(doc));
    await symlink(dir, join(root, 'escape'));
    for (const path of [join(root, '..', 'secret.json'), join(dir, 'secret.json'), join(root, 'escape', 'secret.json'), '/etc/passwd']) {
      const reply = await call(methods, 'openProject', path);
      expect(reply).toMatchObject({ ok: true, value: { ok: false, message: expect.stringContaining('outside the folder this server shares') } });
    }
    expect(await call(methods, 'listDirectory', dir)).toMatchObject({ value: { ok: false } });
    expect(await call(methods, 'saveProject', join(root, 'escape', 'planted.json'), doc)).toMatchObject({ value: { ok: false } });
    await expect(readFile(join(dir, 'planted.json'))).rejects.toThrow();
  });

  it('answers dialogs with in-app', async () => {
    const methods = host(new RootPolicy(root));
    expect(await call(methods, 'showOpenDialog')).toEqual({ ok: true, value: { type: 'in-app' } });
  });
});

describe('export', () => {
  it('previews and writes the generated TypeScript, or says why it cannot', async () => {
    const methods = host(new RootPolicy(root));
    const preview = await call(methods, 'generateTypeScript', doc);
    const code = preview.ok && (preview.value as { ok: boolean; code: string }).code;
    expect(code).toContain('tf.layers.dense(');
    const file = join(root, 'model.ts');
    expect(await call(methods, 'exportTypeScript', doc, file)).toEqual({ ok: true, value: { ok: true, path: file } });
    expect(await readFile(file, 'utf8')).toContain('npx tsx model.ts');
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.kind === 'Dense' ? { ...n, params: { ...n.params, units: 0 } } : n)) };
    const refused = await call(methods, 'generateTypeScript', broken);
    expect(refused).toMatchObject({ ok: true, value: { ok: false, message: expect.stringMatching(/^The network has \d+ errors? to fix before it can be exported:/) } });
  });
});

describe('desktop host', () => {
  it('only touches files the user chose in a dialog or the recent list', async () => {
    const paths = new GrantPolicy();
    const methods = host(paths);
    const file = join(dir, 'chosen.nwproj.json');
    expect(await call(methods, 'saveProject', file, doc)).toMatchObject({ value: { ok: false, message: expect.stringContaining('not chosen in a file dialog') } });
    paths.grant(file);
    expect(await call(methods, 'saveProject', file, doc)).toMatchObject({ value: { ok: true } });
    expect(await call(methods, 'listDirectory', null)).toMatchObject({ value: { ok: false } });
    // Recovery keeps only a path the page could already write, since a later session trusts it.
    await call(methods, 'writeRecovery', doc, '/etc/cron.d/planted');
    expect(await call(methods, 'takeRecovery')).toMatchObject({ value: { path: null } });
    await call(methods, 'writeRecovery', doc, file);
    expect(await call(methods, 'takeRecovery')).toMatchObject({ value: { path: file } });
    // A later session finds it in the recent list and may open it again.
    const later = new GrantPolicy();
    const again = host(later);
    await call(again, 'recentProjects');
    expect(await call(again, 'openProject', file)).toMatchObject({ value: { ok: true, path: file } });
  });
});
