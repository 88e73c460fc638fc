/**
 * Bundles the trainer page (entry.ts and the trainer core with tfjs' WebGPU,
 * wasm and cpu backends) into one classic script beside index.html. The wasm
 * binaries go into the bundle because a file:// page cannot fetch files.
 * electron-vite runs this after the main build (out/trainer-page); the tests
 * build into a temporary folder.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

function wasmBinaries(): Plugin {
  return {
    name: 'netwright-wasm-binaries',
    setup(build) {
      build.onResolve({ filter: /^netwright:wasm-binaries$/ }, (args) => ({ path: args.path, namespace: 'netwright' }));
      build.onLoad({ filter: /.*/, namespace: 'netwright' }, async () => {
        const dist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
        const b64 = async (file: string) => JSON.stringify((await readFile(join(dist, file))).toString('base64'));
        const parts = [['plain', 'tfjs-backend-wasm.wasm'], ['simd', 'tfjs-backend-wasm-simd.wasm'], ['threaded', 'tfjs-backend-wasm-threaded-simd.wasm']];
        const lines = await Promise.all(parts.map(async ([name, file]) => `export const ${name} = ${await b64(file)};`));
        return { contents: lines.join('\n') + '\n', loader: 'js' };
      });
    },
  };
}

/** Writes index.html and trainer.js into `outDir`; returns the page's path. */
export async function buildTrainerPage(outDir: string, options: { readonly minify?: boolean } = {}): Promise<string> {
  const { build } = await import('esbuild');
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'entry.ts')],
    outfile: join(outDir, 'trainer.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: options.minify ?? true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [wasmBinaries()],
  });
  const page = join(outDir, 'index.html');
  await copyFile(join(here, 'index.html'), page);
  return page;
}
