/**
 * Preload of the hidden trainer window (gpu-page.ts): exposes the trainer
 * bridge (src/main/trainer/page/bridge.ts) and nothing else. Built as
 * CommonJS, like the editor's preload, since sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PAGE_BRIDGE_GLOBAL, PAGE_CHANNELS, type PageBridge, type PageReply } from '../trainer/page/bridge.ts';

const bridge: PageBridge = {
  send: (event) => ipcRenderer.send(PAGE_CHANNELS.event, event),
  onCommand(handler) {
    ipcRenderer.on(PAGE_CHANNELS.command, (_e, command) => handler(command));
    ipcRenderer.send(PAGE_CHANNELS.ready);
  },
  request: (request) => ipcRenderer.invoke(PAGE_CHANNELS.request, request) as Promise<PageReply>,
};

contextBridge.exposeInMainWorld(PAGE_BRIDGE_GLOBAL, bridge);
