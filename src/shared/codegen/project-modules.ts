/**
 * The library modules of an exported trained-model project: loading
 * TensorFlow.js, the project's paths, reading the saved model, the network,
 * the data and the tensors. predict.ts and train.ts import them. Each reuses
 * the sections the single-file program generator writes, with `export` added
 * to what the scripts import, so the two exports build the same model and read
 * the same samples.
 */
import type { CompileSpec } from '../compile/spec.ts';
import type { DatasetRef } from '../document/schema.ts';
import { DATASET_TYPES, type DataSnippet, describeDataset } from './data/index.ts';
import { projectImports } from './data/modules.ts';
import { buildModelSource, compileModelSource } from './model-source.ts';
import { LOAD_TFJS, PRINT_SUMMARY } from './program-source.ts';
import { mergeImports, NODE_IMPORTS, type Snippet } from './snippet.ts';
import { tensorsSource } from './training-source.ts';

const TFJS_TYPES = "import type * as tfjs from '@tensorflow/tfjs';";
const TF_TYPE = "import type { Tf } from './tfjs.ts';";

/** Adds `export` to the named top-level declarations of generated source. */
export function exportDeclarations(code: string, names: readonly string[]): string {
  let out = code;
  for (const name of names) {
    const pattern = new RegExp(`^((?:async )?function|interface|const|type) ${name}\\b`, 'm');
    if (!pattern.test(out)) throw new Error(`the generated source has no top-level ${name} to export`);
    out = out.replace(pattern, `export $1 ${name}`);
  }
  return out;
}

function docComment(lines: readonly string[]): string {
  return `/**\n${lines.map((l) => (l ? ` * ${l.replace(/\*\//g, '* /')}` : ' *')).join('\n')}\n */`;
}

function module(doc: readonly string[], imports: readonly string[], body: readonly string[]): string {
  return [docComment(doc), ...(imports.length ? [imports.join('\n')] : []), ...body].join('\n\n') + '\n';
}

export function tfjsModule(): string {
  return module(
    ['Loads TensorFlow.js (the fastest package installed) and prints model summaries.'],
    [TFJS_TYPES],
    ['export type Tf = typeof tfjs;', exportDeclarations(LOAD_TFJS, ['loadTfjs']), exportDeclarations(PRINT_SUMMARY, ['printSummary'])],
  );
}

export const PATHS_MODULE = `/** Where this project keeps things, found from this file so that the scripts run from any working directory. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's folder, the one holding package.json. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The trained model: model.json and weights.bin in TensorFlow.js' layers format. */
export const MODEL_DIR = path.join(PROJECT_ROOT, 'model');
`;

export const LOAD_MODEL_MODULE = `/**
 * Reads model.json and the weight files it lists with plain file reads and hands them to
 * TensorFlow.js. Its file:// handler exists only in tfjs-node; this works with plain @tensorflow/tfjs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './tfjs.ts';

/** The parts of model.json that loading needs (the layers-model format written by model.save()). */
interface ModelJson {
  readonly modelTopology: object;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: tfjs.io.WeightsManifestEntry[] }[];
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly trainingConfig?: tfjs.io.TrainingConfig;
}

export async function loadTrainedModel(tf: Tf, dir: string): Promise<tfjs.LayersModel> {
  const file = path.join(dir, 'model.json');
  if (!fs.existsSync(file)) throw new Error(\`\${file} is missing: put the exported model.json and weights.bin there, or train from scratch with \\\`npm run train -- --fresh\\\`\`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as ModelJson;
  // (unknown): Array.isArray on a readonly array type would make its elements any.
  if (!json.modelTopology || !Array.isArray(json.weightsManifest as unknown)) throw new Error(\`\${file}: not a TensorFlow.js layers model (no modelTopology or weightsManifest)\`);
  // Weight files are concatenated in manifest order, the order of the weight entries.
  const shards = json.weightsManifest.flatMap((group) =>
    group.paths.map((name) => {
      const shard = path.join(dir, name);
      if (!fs.existsSync(shard)) throw new Error(\`\${shard} is missing: \${file} lists it as a weight file\`);
      return fs.readFileSync(shard);
    }),
  );
  const artifacts: tfjs.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: new Uint8Array(Buffer.concat(shards)).buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
    trainingConfig: json.trainingConfig,
  };
  return tf.loadLayersModel({ load: async () => artifacts });
}
`;

export function modelModule(spec: CompileSpec): string {
  return module(
    [
      `${spec.modelName || 'Model'}: the network as designed in Netwright, built with the functional API.`,
      '`npm run train -- --fresh` starts from it; the trained weights in ../model fit exactly this architecture.',
    ],
    [TFJS_TYPES, TF_TYPE],
    [exportDeclarations(buildModelSource(spec), ['buildModel']), exportDeclarations(compileModelSource(spec.training), ['compileModel'])],
  );
}

function readsFiles(dataset: DatasetRef | null): boolean {
  return dataset !== null && (dataset.kind === 'csv' || dataset.kind === 'idx' || dataset.kind === 'images' || dataset.kind === 'cifar10');
}

/**
 * src/data.ts for `data` (dataSource's loader); the app's modules it calls
 * sit beside it in src/netwright/. `note` is added to the module comment,
 * e.g. where a CSV file was when the project was exported.
 */
export function dataModule(dataset: DatasetRef | null, data: DataSnippet, note: string | null): string {
  const files = readsFiles(dataset);
  const options: Snippet = {
    code: `/** What the scripts ask of loadData. */
export interface DataOptions {
  /** Read only the first N training samples (where the format allows). */
  readonly limit: number | null;
  /** Where the dataset files are read from, instead of the default. */
  readonly dataDir: string | null;
}

type Options = DataOptions;`,
  };
  const types = exportDeclarations(DATASET_TYPES.code, ['Split', 'Dataset', 'firstSamples']);
  const loader = files
    ? `${data.code.replace(/^async function loadData\(/m, 'async function readData(')}

/** Relative dataset paths start at this project's folder unless --data-dir names another. */
export function loadData(options: DataOptions): Promise<Dataset> {
  return readData({ ...options, dataDir: options.dataDir ?? PROJECT_ROOT });
}`
    : exportDeclarations(data.code, ['loadData']);
  const imports = [...mergeImports([data, ...(files ? [{ imports: [NODE_IMPORTS.path], code: '' }] : [])])];
  if (files) imports.push("import { PROJECT_ROOT } from './paths.ts';");
  imports.push(...projectImports(data.uses ?? []));
  const doc = [
    `The dataset: ${describeDataset(dataset)}.`,
    `The same samples in the same order as in Netwright${data.uses ? ', read by its own data modules in ./netwright' : ''}.`,
    ...(note ? ['', note] : []),
  ];
  return module(doc, imports, [options.code, types, loader]);
}

export function tensorsModule(loss: CompileSpec['training']['loss']): string {
  return module(
    ['Turns samples into the tensors the model takes and the targets its loss compares with.'],
    [TFJS_TYPES, "import type { Split } from './data.ts';", TF_TYPE],
    [exportDeclarations(tensorsSource(loss), ['toInputs', 'toTargets'])],
  );
}
