/**
 * The data modules an export carries: that they can be carried (no file
 * access, imports that stay inside the list, names that do not clash when
 * inlined) and that copying and inlining keep their text.
 */
import { describe, expect, it } from 'vitest';
import { dataModuleSources } from '../../../main/services/export/data-modules.ts';
import { DATA_MODULE_FILES, type DataModuleFile } from './module-files.ts';
import { inlineModules, moduleClosure, moduleImports, projectImports, projectModuleFiles } from './modules.ts';

const sources = dataModuleSources();
const IMPORTS = /^import\s[^;]*?\sfrom\s+'([^']+)';/gm;

function specifiers(path: DataModuleFile): string[] {
  return [...sources[path].matchAll(IMPORTS)].map((m) => m[1]);
}

/** Top-level declarations: what would clash when the modules share one file. */
function topLevelNames(text: string): string[] {
  return [...text.matchAll(/^(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
}

describe('the data modules', () => {
  it('import only each other, Node built-ins other than the file system, and the image decoders', () => {
    const outside = DATA_MODULE_FILES.flatMap((path) => specifiers(path).filter((s) => !s.startsWith('.')).map((s) => `${path}: ${s}`));
    expect(outside.filter((line) => !/: (node:zlib|pngjs|jpeg-js)$/.test(line))).toEqual([]);
    for (const path of DATA_MODULE_FILES) expect(() => moduleImports(sources, path)).not.toThrow();
    expect(DATA_MODULE_FILES.filter((path) => /\bnode:fs\b|\belectron\b|\bimport\(/.test(sources[path]))).toEqual([]);
  });

  it('come after the modules they import, so that the list is an order to inline them in', () => {
    for (const [i, path] of DATA_MODULE_FILES.entries()) {
      for (const dependency of moduleImports(sources, path)) expect({ path, dependency, before: DATA_MODULE_FILES.indexOf(dependency) < i }).toMatchObject({ before: true });
    }
  });

  it('have distinct file names and top-level names, and import names as they are declared', () => {
    const files = DATA_MODULE_FILES.map((p) => p.slice(p.lastIndexOf('/') + 1));
    expect(new Set(files).size).toBe(files.length);
    const names = DATA_MODULE_FILES.flatMap((path) => topLevelNames(sources[path]).map((name) => ({ name, path })));
    const clashes = names.filter((n, i) => names.findIndex((m) => m.name === n.name) !== i);
    expect(clashes).toEqual([]);
    const aliased = DATA_MODULE_FILES.filter((path) => [...sources[path].matchAll(/^import\s([^;]*?)\sfrom\s+'\./gm)].some((m) => /\sas\s/.test(m[1])));
    expect(aliased).toEqual([]);
  });
});

describe('moduleClosure', () => {
  it("lists what the CSV reader needs, each module after its imports, and nothing of the image path", () => {
    expect(moduleClosure(sources, ['src/main/services/datasets/csv-encode.ts'])).toEqual([
      'src/shared/protocol/datasets.ts',
      'src/shared/datasets/random.ts',
      'src/main/services/datasets/dataset-error.ts',
      'src/main/services/datasets/dataset-limits.ts',
      'src/main/services/datasets/progress.ts',
      'src/main/services/datasets/running-stats.ts',
      'src/main/services/datasets/csv-parse.ts',
      'src/main/services/datasets/csv-table.ts',
      'src/main/services/datasets/csv-encode.ts',
    ]);
  });

  it('says which module is missing when the host did not provide it', () => {
    const { ['src/main/services/datasets/csv-table.ts']: _, ...partial } = sources;
    expect(() => moduleClosure(partial, ['src/main/services/datasets/csv-encode.ts'])).toThrow(
      'the export needs the source of src/main/services/datasets/csv-table.ts, which the host did not provide',
    );
  });
});

describe('copies for a project', () => {
  const uses = [{ module: 'src/main/services/datasets/image-folder.ts', names: ['loadImageFolder', 'type PictureFolder'] }] as const;
  const files = projectModuleFiles(sources, uses);

  it('put every module under src/netwright/ with its imports pointing beside it', () => {
    const resize = files.find((f) => f.path === 'src/netwright/resize.ts')!;
    expect(resize.text).toContain("import { resizeArea } from './resize-area.ts';");
    expect(resize.text).toContain("import type { Rgba } from './image-decode.ts';");
    expect(files.map((f) => f.path)).toContain('src/netwright/random.ts');
    for (const f of files) expect([...f.text.matchAll(IMPORTS)].map((m) => m[1]).filter((s) => s.startsWith('.') && !/^\.\/[\w-]+\.ts$/.test(s))).toEqual([]);
  });

  it('keep the text otherwise as it is in the app, under a line saying where it comes from', () => {
    const copy = files.find((f) => f.path === 'src/netwright/image-folder.ts')!;
    const [first, ...rest] = copy.text.split('\n');
    expect(first).toBe("// Netwright's src/main/services/datasets/image-folder.ts, as it was when this program was exported: the app runs this same code.");
    const strip = (t: string) => t.replace(IMPORTS, '');
    expect(strip(rest.join('\n'))).toBe(strip(sources['src/main/services/datasets/image-folder.ts']));
    expect(projectImports(uses)).toEqual(["import { loadImageFolder, type PictureFolder } from './netwright/image-folder.ts';"]);
  });
});

describe('inlined into one program', () => {
  it('drops the imports between modules and hoists the others', () => {
    const snippet = inlineModules(sources, [{ module: 'src/main/services/datasets/image-folder.ts', names: ['loadImageFolder'] }]);
    expect(snippet.imports).toEqual(["import jpeg from 'jpeg-js';", "import pngjs from 'pngjs';"]);
    expect(snippet.code).not.toMatch(/^import\s/m);
    expect(snippet.code).toContain('export function resizeArea(');
    expect(snippet.code.indexOf('export function resizeArea(')).toBeLessThan(snippet.code.indexOf('export async function loadImageFolder('));
  });
});
