/**
 * The app's data modules (module-files.ts) as an export carries them: copied
 * as files into a project, with their relative imports pointed at each other,
 * or inlined into the single-file program with their imports hoisted. Either
 * way the text is the modules' own, read when exporting, never a copy kept
 * here.
 */
import type { Snippet } from '../snippet.ts';
import { DATA_MODULE_FILES, type DataModuleFile, type DataModuleSources } from './module-files.ts';

/** What generated code takes from one module: names, with `type ` before type-only ones. */
export interface ModuleUse {
  readonly module: DataModuleFile;
  readonly names: readonly string[];
}

/** One whole import statement (it may span lines) and its module specifier. */
const IMPORT = /^import\s[^;]*?\sfrom\s+'([^']+)';[^\S\n]*\n?/gm;
const RE_EXPORT = /^export\s+(?:type\s+)?(?:\*|\{)[^;]*\sfrom\s/m;

/** The folder of an exported project that holds the modules. */
export const PROJECT_MODULE_DIR = 'src/netwright';

function isDataModule(path: string): path is DataModuleFile {
  return (DATA_MODULE_FILES as readonly string[]).includes(path);
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function sourceOf(sources: DataModuleSources, path: DataModuleFile): string {
  const text = sources[path];
  if (text === undefined) throw new Error(`the export needs the source of ${path}, which the host did not provide`);
  if (RE_EXPORT.test(text)) throw new Error(`${path} re-exports from another module; a data module must declare what it exports, so that it can be inlined`);
  return text;
}

/** The repository path a relative specifier in `from` points at. */
function resolveSpecifier(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of specifier.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('.');
}

/** The data modules `path` imports. */
export function moduleImports(sources: DataModuleSources, path: DataModuleFile): DataModuleFile[] {
  return [...sourceOf(sources, path).matchAll(IMPORT)]
    .map((m) => m[1])
    .filter(isRelative)
    .map((specifier) => {
      const target = resolveSpecifier(path, specifier);
      if (!isDataModule(target)) throw new Error(`${path} imports ${specifier}, which is not a data module: add it to module-files.ts or keep it out of the data path`);
      return target;
    });
}

/** Every module the entries need, each after the ones it imports (the list's order). */
export function moduleClosure(sources: DataModuleSources, entries: readonly DataModuleFile[]): DataModuleFile[] {
  const needed = new Set<DataModuleFile>();
  const visit = (path: DataModuleFile): void => {
    if (needed.has(path)) return;
    needed.add(path);
    moduleImports(sources, path).forEach(visit);
  };
  entries.forEach(visit);
  return DATA_MODULE_FILES.filter((f) => needed.has(f));
}

function provenance(path: DataModuleFile): string {
  return `// Netwright's ${path}, as it was when this program was exported: the app runs this same code.`;
}

/** `import { … } from './netwright/x.ts';` lines for code beside the project's module folder (src/). */
export function projectImports(uses: readonly ModuleUse[]): string[] {
  return uses.map((u) => {
    const typesOnly = u.names.every((n) => n.startsWith('type '));
    const names = typesOnly ? u.names.map((n) => n.slice('type '.length)) : u.names;
    return `import ${typesOnly ? 'type ' : ''}{ ${names.join(', ')} } from './netwright/${fileName(u.module)}';`;
  });
}

/** The modules `uses` need, as files of an exported project under src/netwright/. */
export function projectModuleFiles(sources: DataModuleSources, uses: readonly ModuleUse[]): { path: string; text: string }[] {
  return moduleClosure(sources, uses.map((u) => u.module)).map((path) => {
    const text = sourceOf(sources, path).replace(IMPORT, (line: string, specifier: string) =>
      isRelative(specifier) ? line.replace(`'${specifier}'`, `'./${fileName(resolveSpecifier(path, specifier))}'`) : line,
    );
    return { path: `${PROJECT_MODULE_DIR}/${fileName(path)}`, text: `${provenance(path)}\n${text}` };
  });
}

/**
 * The modules `uses` need as one piece of a single-file program: their own
 * imports of each other dropped (everything is in one scope), other imports
 * (Node built-ins, image decoders) hoisted into the snippet's imports.
 */
export function inlineModules(sources: DataModuleSources, uses: readonly ModuleUse[]): Snippet {
  const imports: string[] = [];
  const code = moduleClosure(sources, uses.map((u) => u.module)).map((path) => {
    const body = sourceOf(sources, path).replace(IMPORT, (line: string, specifier: string) => {
      if (!isRelative(specifier)) imports.push(line.trim());
      return '';
    });
    return `${provenance(path)}\n${body.trim()}`;
  });
  return { imports, code: code.join('\n\n') };
}
