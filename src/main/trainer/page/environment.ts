/** The trainer core's environment in the GPU page: data and saving go through the host, backends are Chromium's. */
import { modelArtifacts } from '../artifacts.ts';
import type { TrainerEnvironment } from '../environment.ts';
import { ask, type PageBridge } from './bridge.ts';
import { selectPageBackend } from './rungs.ts';

export function pageEnvironment(bridge: PageBridge): TrainerEnvironment {
  return {
    loader: () => ask(bridge, { type: 'dataset' }),
    selectBackend: selectPageBackend,
    save: async (tf, model) => ask(bridge, { type: 'save', ...(await modelArtifacts(tf, model)) }),
  };
}
