/**
 * The host side of NetwrightApi: one implementation shared by the Electron
 * shell and `netwright serve`. What differs between them (dialogs, the window,
 * which paths are allowed) comes in through HostContext; dispatch.ts validates
 * the arguments before any of these run.
 */
import type { GraphDoc } from '../../../shared/document/index.ts';
import { ApiError, type ApiMethods, type DialogOutcome, type HostInfo, type SaveKind } from '../../../shared/protocol/api.ts';
import { getTemplate, TEMPLATES } from '../../../shared/templates/index.ts';
import { exportTypeScript, generateTypeScriptFor } from '../export/index.ts';
import { listDirectory, type ProjectService } from '../projects/index.ts';
import { PathRefused, type PathPolicy } from './paths.ts';

export interface DialogPort {
  open(): Promise<DialogOutcome>;
  save(suggestedName: string, kind: SaveKind): Promise<DialogOutcome>;
}

export interface WindowPort {
  setDirty(dirty: boolean, title: string): void;
  close(): void;
}

export interface HostContext {
  readonly info: HostInfo;
  readonly projects: ProjectService;
  readonly paths: PathPolicy;
  readonly dialogs: DialogPort;
  readonly window: WindowPort;
}

/** Browser mode: the UI draws its own dialogs and owns its tab. */
export const IN_APP_DIALOGS: DialogPort = {
  open: async () => ({ type: 'in-app' }),
  save: async () => ({ type: 'in-app' }),
};
export const NO_WINDOW: WindowPort = { setDirty() {}, close() {} };

export function createHostMethods(ctx: HostContext): ApiMethods {
  const { projects, paths } = ctx;
  /** Runs `use` on a checked path; a refused path becomes the `{ ok: false }` the UI shows. */
  async function withPath<R>(path: string, use: 'read' | 'write' | 'list', run: (checked: string) => Promise<R>): Promise<R | { ok: false; message: string }> {
    let checked: string;
    try {
      checked = await paths.check(path, use);
    } catch (err) {
      if (err instanceof PathRefused) return { ok: false, message: err.message };
      throw err;
    }
    return run(checked);
  }
  const granted = async (outcome: DialogOutcome): Promise<DialogOutcome> => {
    if (outcome.type === 'chosen') paths.grant(outcome.path);
    return outcome;
  };

  return {
    hostInfo: async () => ctx.info,
    listTemplates: async () => TEMPLATES.map(({ id, title, description }) => ({ id, title, description })),
    async newFromTemplate(id) {
      const template = getTemplate(id);
      if (!template) throw new ApiError('invalid-arguments', `newFromTemplate: no template ${JSON.stringify(id)}; known: ${TEMPLATES.map((t) => t.id).join(', ')}`);
      return template.build();
    },
    openProject: (path) => withPath(path, 'read', (p) => projects.open(p)),
    parseProjectText: async (name, text) => projects.parseText(name, text),
    saveProject: (path, doc: GraphDoc) => withPath(path, 'write', (p) => projects.save(p, doc)),
    async recentProjects() {
      const recent = await projects.listRecent();
      for (const r of recent) paths.grant(r.path);
      return recent;
    },
    async writeRecovery(doc, path) {
      // The stored path is trusted again after a restart (takeRecovery grants it), so only a path the page may already write is kept.
      const allowed = path === null ? null : await paths.check(path, 'write').catch(() => null);
      await projects.recovery.write(doc, allowed);
    },
    async takeRecovery() {
      const recovery = await projects.recovery.read();
      if (recovery?.path) paths.grant(recovery.path);
      return recovery;
    },
    discardRecovery: () => projects.recovery.discard(),
    showOpenDialog: async () => granted(await ctx.dialogs.open()),
    showSaveDialog: async (suggestedName, kind) => granted(await ctx.dialogs.save(suggestedName, kind)),
    async listDirectory(dir) {
      const start = dir ?? paths.root;
      if (start === null) return { ok: false, message: 'The desktop app uses the system file dialogs; folder listings are for browser mode.' };
      return withPath(start, 'list', (p) => listDirectory(p, paths.root));
    },
    generateTypeScript: async (doc) => generateTypeScriptFor(doc),
    exportTypeScript: (doc, path) => withPath(path, 'write', (p) => exportTypeScript(doc, p)),
    async setDirty(dirty, title) {
      ctx.window.setDirty(dirty, title);
    },
    async closeWindow() {
      ctx.window.close();
    },
  };
}
