/**
 * The link between the trainer core running in Chromium's GPU page and its
 * host in the main process. The page asks for nothing by path: the host
 * answers with the dataset and writes to the save folder of the start command
 * it sent itself, so a page cannot read or write anything else.
 */
import type { LoadedDataset } from '../../../shared/protocol/datasets.ts';
import type { TrainerCommand, TrainerEvent } from '../../../shared/protocol/trainer.ts';
import type { ModelArtifacts, SavedFiles } from '../artifacts.ts';

/** Where the page finds its bridge: put there by the Electron preload, or by the test harness's init script. */
export const PAGE_BRIDGE_GLOBAL = 'netwrightTrainer';

/** Electron IPC channels of the hidden trainer window (scoped to its webContents). */
export const PAGE_CHANNELS = {
  /** page → main, once: the page listens for commands now. */
  ready: 'netwright-trainer:ready',
  /** main → page: a TrainerCommand. */
  command: 'netwright-trainer:command',
  /** page → main: a TrainerEvent. */
  event: 'netwright-trainer:event',
  /** page → main, answered: a PageRequest. */
  request: 'netwright-trainer:request',
} as const;

export type PageRequest = { readonly type: 'dataset' } | ({ readonly type: 'save' } & ModelArtifacts);

/** What each request answers with. */
export interface PageAnswers {
  readonly dataset: LoadedDataset;
  readonly save: SavedFiles;
}

/** Failures travel as data, so the page can rethrow them with their name (a DatasetError is shown as written). */
export type PageReply<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly name: string; readonly message: string };

export interface PageBridge {
  send(event: TrainerEvent): void;
  /** Registering the handler tells the host that commands can flow. */
  onCommand(handler: (command: TrainerCommand) => void): void;
  request(request: PageRequest): Promise<PageReply>;
}

/** The page's side of a request: the answer, or the host's error rethrown. */
export async function ask<K extends PageRequest['type']>(bridge: PageBridge, request: Extract<PageRequest, { type: K }>): Promise<PageAnswers[K]> {
  const reply = await bridge.request(request);
  if (reply.ok) return reply.value as PageAnswers[K];
  const err = new Error(reply.message);
  err.name = reply.name;
  throw err;
}

/** A request as it arrives in main: checked, since the page is a renderer and the main process trusts no renderer. */
export function parsePageRequest(value: unknown): PageRequest {
  const r = value as { type?: unknown; modelJson?: unknown; weights?: unknown } | null;
  if (r && r.type === 'dataset') return { type: 'dataset' };
  if (r && r.type === 'save') {
    if (typeof r.modelJson !== 'string') throw new Error('save: modelJson must be text');
    if (!(r.weights instanceof Uint8Array)) throw new Error('save: weights must be bytes');
    try {
      JSON.parse(r.modelJson);
    } catch {
      throw new Error('save: modelJson is not JSON');
    }
    return { type: 'save', modelJson: r.modelJson, weights: r.weights };
  }
  throw new Error(`unknown request from the trainer page: ${JSON.stringify(r?.type ?? null)}`);
}

/**
 * The headers that make the trainer page cross-origin isolated, so that it
 * has SharedArrayBuffer and the threaded wasm build: whoever serves the page
 * (the desktop app's trainer protocol, the test server) sends them.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
