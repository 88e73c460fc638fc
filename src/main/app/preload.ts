/**
 * Runs in the sandboxed renderer before the page. It exposes one small object,
 * `window.netwright` (a NetwrightBridge): a call function that accepts only
 * ApiMethods names and the host-event feed. The page never sees ipcRenderer,
 * so it cannot reach any other channel. Built as CommonJS: sandboxed preloads
 * cannot be ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isApiMethod } from '../../shared/protocol/api-args.ts';
import { IPC_CALL, IPC_EVENT, type CallReply, type HostEvent, type NetwrightBridge } from '../../shared/protocol/api.ts';

const bridge: NetwrightBridge = {
  kind: 'electron',
  call(method, args) {
    if (!isApiMethod(method)) {
      return Promise.resolve<CallReply>({ ok: false, error: { code: 'unknown-method', message: `no API method ${JSON.stringify(method)}` } });
    }
    return ipcRenderer.invoke(IPC_CALL, method, args) as Promise<CallReply>;
  },
  onEvent(listener) {
    // Wrapped so the page's function never receives the IpcRendererEvent (which carries `sender`).
    const handler = (_event: IpcRendererEvent, payload: HostEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('netwright', bridge);
