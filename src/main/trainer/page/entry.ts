/**
 * Entry of the trainer page: the hidden window in which the desktop app
 * trains with Chromium's own WebGPU (Dawn's Node addon does not load inside
 * Electron's processes). It serves one run over the bridge its host put in
 * place, like child.ts does over Node's IPC channel.
 */
import type { TrainerCommand } from '../../../shared/protocol/trainer.ts';
import { serveTrainer } from '../trainer.ts';
import { PAGE_BRIDGE_GLOBAL, type PageBridge } from './bridge.ts';
import { pageEnvironment } from './environment.ts';

function say(text: string): void {
  document.getElementById('state')!.textContent = text;
}

/** Only a hang can be made in a page: its heartbeats stop, and the host ends it as frozen (services/training/liveness.ts). */
function crash(bridge: PageBridge, mode: Extract<TrainerCommand, { type: 'crash' }>['mode']): void {
  if (mode !== 'hang') {
    bridge.send({ type: 'log', level: 'warn', message: `crash mode "${mode}" needs a process of its own; the GPU page can only hang` });
    return;
  }
  const until = Number.POSITIVE_INFINITY;
  while (performance.now() < until) {
    // Blocks the page like a GPU call that never returns.
  }
}

async function main(): Promise<void> {
  const bridge = (globalThis as Record<string, unknown>)[PAGE_BRIDGE_GLOBAL] as PageBridge | undefined;
  if (!bridge) {
    say('No host bridge: this page only works inside Netwright.');
    throw new Error('the trainer page was opened without its host bridge');
  }
  say('Waiting for a run.');
  const port = { send: bridge.send.bind(bridge), onCommand: bridge.onCommand.bind(bridge) };
  const exit = await serveTrainer(port, { env: pageEnvironment(bridge), crash: (mode) => crash(bridge, mode) });
  say(`Run ended: ${exit.reason}.`);
}

void main();
