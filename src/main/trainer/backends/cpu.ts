/** The last rung: tfjs' plain JavaScript kernels, present everywhere and complete, and the slowest. */
import { BackendUnavailable, type LoadedBackend, type Tf } from './types.ts';

export async function loadCpu(): Promise<LoadedBackend> {
  const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
  // Silences tfjs' console banner urging Node users to install tfjs-node: the ladder has already said why it is not used.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend('cpu'))) throw new BackendUnavailable('setBackend("cpu") returned false');
  return { name: 'cpu', tf, device: 'CPU (plain JavaScript, one thread)' };
}
