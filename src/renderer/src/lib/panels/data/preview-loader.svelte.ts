/**
 * Fetches dataset previews from the host as the settings change: requests
 * wait a moment (typing "500" should not load 5 and 50 first), and an answer
 * that arrives after a newer request is dropped, so the panel never shows the
 * preview of settings the user has already left. The last good preview stays
 * on screen, dimmed, while the next one loads.
 */
import type { DatasetRef } from '../../../../../shared/document/index.ts';
import type { DatasetPreview, NetwrightApi } from '../../../../../shared/protocol/index.ts';

export type PreviewState =
  | { readonly type: 'idle' }
  | { readonly type: 'loading'; readonly key: string; readonly since: number }
  | { readonly type: 'ready'; readonly key: string; readonly preview: DatasetPreview }
  | { readonly type: 'error'; readonly key: string; readonly message: string };

/** The request's identity: the same settings and project give the same preview. */
export function previewKey(ref: DatasetRef, projectPath: string | null): string {
  return JSON.stringify([ref, projectPath]);
}


export class PreviewLoader {
  state = $state.raw<PreviewState>({ type: 'idle' });
  /** The newest preview that loaded, kept visible while the next loads. */
  last = $state.raw<{ readonly key: string; readonly preview: DatasetPreview } | null>(null);
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: NetwrightApi,
    private readonly delayMs = 250,
  ) {}

  get loading(): boolean {
    return this.state.type === 'loading';
  }

  /** Asks for the preview of `ref` unless it is the one shown or on its way. */
  request(ref: DatasetRef | null, projectPath: string | null): void {
    if (!ref) {
      this.cancel();
      this.state = { type: 'idle' };
      return;
    }
    const key = previewKey(ref, projectPath);
    if (this.state.type !== 'idle' && this.state.key === key) return;
    this.#fetch(ref, projectPath, key);
  }

  /** Loads again even when the settings are the same (the file may have changed on disk). */
  reload(ref: DatasetRef | null, projectPath: string | null): void {
    if (ref) this.#fetch(ref, projectPath, previewKey(ref, projectPath));
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#seq++;
  }

  #fetch(ref: DatasetRef, projectPath: string | null, key: string): void {
    this.cancel();
    const seq = this.#seq;
    this.state = { type: 'loading', key, since: Date.now() };
    this.#timer = setTimeout(async () => {
      let next: PreviewState;
      try {
        const result = await this.api.previewDataset(ref, projectPath);
        next = result.ok ? { type: 'ready', key, preview: result.preview } : { type: 'error', key, message: result.message };
      } catch (e) {
        next = { type: 'error', key, message: `The host could not make a preview: ${(e as Error).message}` };
      }
      if (seq !== this.#seq) return;
      this.state = next;
      if (next.type === 'ready') this.last = { key, preview: next.preview };
    }, this.delayMs);
  }
}
