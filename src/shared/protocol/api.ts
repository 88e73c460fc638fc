/**
 * The one API the renderer talks to. The desktop app carries it over Electron
 * IPC (preload → ipcMain), browser mode over a WebSocket (`netwright serve`);
 * src/renderer/src/lib/api.ts picks the transport and nothing else in the
 * renderer knows which. Every argument and result is plain JSON, and every call
 * is validated on the host (api-args.ts) before a service sees it.
 *
 * Expected failures (a malformed file, a full disk) come back as
 * `{ ok: false, message }` so the UI can show them; a rejected promise means a
 * broken call (bad arguments, lost connection) and carries an `ApiError`.
 */
import type { GraphDoc } from '../document/schema.ts';
import type { MenuCommand } from './commands.ts';
import type { SearchApiMethods, SearchHostEvent } from './search-api.ts';
import type { TrainingApiMethods, TrainingHostEvent } from './training-api.ts';

/** File name suffix of project files; dialogs suggest it and filter on `.json`. */
export const PROJECT_EXTENSION = '.nwproj.json';

export interface HostInfo {
  /** Which transport carries this API. */
  readonly kind: 'electron' | 'browser';
  /** True when showOpenDialog/showSaveDialog open native dialogs; false means the UI shows its own (see DialogOutcome). */
  readonly nativeDialogs: boolean;
  /** The host's `process.platform`, e.g. "linux", "darwin", "win32" (menus say Cmd or Ctrl). */
  readonly platform: string;
  /** Netwright's version, from package.json. */
  readonly version: string;
  /** Browser mode: the folder the in-app file dialog is confined to (absolute). Null in Electron. */
  readonly root: string | null;
  /** The machine's memory in bytes (os.totalmem), for the training-memory check; 0 when unknown. */
  readonly memory: number;
}

export interface TemplateInfo {
  /** Stable id for newFromTemplate, e.g. "fashion-mlp". */
  readonly id: string;
  readonly title: string;
  /** One line for the new-project gallery. */
  readonly description: string;
}

/** Opening a file or parsing dropped text. `message` names the file and the field, ready to show. */
export type OpenResult =
  | {
      readonly ok: true;
      /** Absolute path (openProject) or the dropped file's name (parseProjectText). */
      readonly path: string;
      readonly doc: GraphDoc;
      /** Names of the format upgrades applied on load; empty for a current file. Non-empty means "save to keep the upgrade". */
      readonly migrated: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/** Saving a project or writing exported code; `path` is absolute. */
export type WriteResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

export type GenerateResult = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

export interface RecentProject {
  /** Absolute path, the key of the list (no duplicates). */
  readonly path: string;
  /** Project title at the time it was last opened or saved. */
  readonly name: string;
  /** ISO 8601. The list is newest first. */
  readonly openedAt: string;
}

/** Unsaved work left behind by a session that ended without saving (a crash, a killed process). */
export interface Recovery {
  readonly doc: GraphDoc;
  /** The file the work belonged to, or null for a never-saved project. */
  readonly path: string | null;
  /** ISO 8601 time of the last autosave. */
  readonly savedAt: string;
}

/**
 * What a file dialog came back with. `in-app` means the host has no native
 * dialogs (browser mode): the UI shows its own dialog built on listDirectory,
 * confined to HostInfo.root, and then calls openProject/saveProject itself.
 */
export type DialogOutcome =
  | { readonly type: 'chosen'; readonly path: string }
  | { readonly type: 'cancelled' }
  | { readonly type: 'in-app' };

/** `trained-model`: a folder name for exportTrainedModel (the export creates the folder). */
export type SaveKind = 'project' | 'typescript' | 'trained-model';

export interface DirectoryEntry {
  readonly name: string;
  /** Absolute path, to pass back to listDirectory, openProject or saveProject. */
  readonly path: string;
  readonly type: 'file' | 'directory';
  /** Bytes; 0 for directories. */
  readonly size: number;
  /** ISO 8601 modification time. */
  readonly modified: string;
}

export type DirectoryListing =
  | {
      readonly ok: true;
      /** The absolute folder listed. */
      readonly dir: string;
      /** The folder above, or null at the root the host allows. */
      readonly parent: string | null;
      /** Folders first, then files, each sorted by name; hidden (dot) entries left out. */
      readonly entries: readonly DirectoryEntry[];
    }
  | { readonly ok: false; readonly message: string };

// The command table (ids, labels, keys, menus) is part of the protocol: the host sends its ids.
export * from './commands.ts';

/** Host → renderer notifications. */
export type HostEvent =
  | { readonly type: 'menu'; readonly command: MenuCommand }
  /** File › Open Recent › <file>: the renderer opens it the way it opens any path (asking about unsaved work first). */
  | { readonly type: 'open-path'; readonly path: string }
  /** Every trainer event of every run, to every window (see training-api.ts). */
  | TrainingHostEvent
  /** A search's record whenever a fold starts or ends (see search-api.ts). */
  | SearchHostEvent;

/**
 * The request/response half of the API: what the transports carry and the host
 * validates. Adding a method means one entry here, its argument validators in
 * api-args.ts and its implementation in src/main/services/host.
 */
export interface ApiMethods extends TrainingApiMethods, SearchApiMethods {
  hostInfo(): Promise<HostInfo>;

  // Templates (src/shared/templates).
  listTemplates(): Promise<readonly TemplateInfo[]>;
  /** A fresh document from a template; rejects for an unknown id. */
  newFromTemplate(id: string): Promise<GraphDoc>;

  // Project files. Paths are absolute; browser mode confines them to HostInfo.root.
  /** Reads and validates a project file; on success it joins the recent list. Never changes the current work. */
  openProject(path: string): Promise<OpenResult>;
  /** Validates text the user dropped or uploaded; `name` is only used in messages. */
  parseProjectText(name: string, text: string): Promise<OpenResult>;
  /** Atomic: a temp file beside the target, fsync, rename; a failure leaves any old file intact. Joins the recent list. */
  saveProject(path: string, doc: GraphDoc): Promise<WriteResult>;
  recentProjects(): Promise<readonly RecentProject[]>;

  // Recovery of unsaved work (autosave every few seconds while dirty).
  /** Overwrites the single recovery file with the current unsaved work. */
  writeRecovery(doc: GraphDoc, path: string | null): Promise<void>;
  /** The recovery left by an earlier session, or null. Read it at start-up before the first writeRecovery; it stays until discardRecovery or the next writeRecovery. */
  takeRecovery(): Promise<Recovery | null>;
  /** Deletes the recovery file: after a save, after the user declines the recovered work, or on a clean close. */
  discardRecovery(): Promise<void>;

  // Dialogs.
  showOpenDialog(): Promise<DialogOutcome>;
  /** `suggestedName` is a file name without folder, e.g. "Fashion MLP.nwproj.json" or "model.ts". */
  showSaveDialog(suggestedName: string, kind: SaveKind): Promise<DialogOutcome>;
  /** For the in-app dialog: null lists the root (browser mode) or the home folder. */
  listDirectory(dir: string | null): Promise<DirectoryListing>;

  // Export.
  /** TypeScript source for the preview; `ok: false` when the document does not compile (the message says why). */
  generateTypeScript(doc: GraphDoc): Promise<GenerateResult>;
  /** Generates and writes the code atomically to `path`. */
  exportTypeScript(doc: GraphDoc, path: string): Promise<WriteResult>;

  // Window.
  /** Keeps the host in step with the editor: the title becomes "<title> •" while dirty, and closing asks first. */
  setDirty(dirty: boolean, title: string): Promise<void>;
  /** Closes the window without asking again (after app.save-and-close). A no-op in browser mode. */
  closeWindow(): Promise<void>;

  // Training: the methods of TrainingApiMethods (training-api.ts), with `training` HostEvents.
  // Searches: the methods of SearchApiMethods (search-api.ts), with `search` HostEvents.
}

export type ApiMethodName = keyof ApiMethods;

/** Connection to the host. Electron is always `open`; a WebSocket may drop and come back. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the renderer imports from lib/api.ts. */
export interface NetwrightApi extends ApiMethods {
  /** Known without a round trip; HostInfo has the rest. */
  readonly kind: HostInfo['kind'];
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
  /** Convenience over onEvent for `menu` events. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Called at once with the current state and on every change, so the UI can show "reconnecting…". */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** Why a call was rejected; `code` lets the UI tell a bad call from a lost host. */
export interface ApiErrorInfo {
  readonly code: 'invalid-arguments' | 'unknown-method' | 'failed' | 'disconnected';
  readonly message: string;
}

export class ApiError extends Error implements ApiErrorInfo {
  constructor(
    readonly code: ApiErrorInfo['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** WebSocket frames (browser mode). Electron IPC carries the same `method` + `args` over invoke. */
export type ClientFrame = { readonly type: 'call'; readonly id: number; readonly method: string; readonly args: readonly unknown[] };
export type ServerFrame =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: ApiErrorInfo }
  | { readonly type: 'event'; readonly event: HostEvent };

/** The answer to one call, as both transports carry it (ApiError does not survive IPC or JSON as a class). */
export type CallReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ApiErrorInfo };

/**
 * What the Electron preload exposes as `window.netwright` through contextBridge:
 * one call function that accepts only ApiMethods names, and the event feed.
 * lib/api.ts turns it into a NetwrightApi; the renderer never sees ipcRenderer.
 */
export interface NetwrightBridge {
  readonly kind: 'electron';
  call(method: ApiMethodName, args: readonly unknown[]): Promise<CallReply>;
  onEvent(listener: (event: HostEvent) => void): () => void;
}

/** Electron IPC channel names; the preload allows these and nothing else. */
export const IPC_CALL = 'netwright:call';
export const IPC_EVENT = 'netwright:event';
