/**
 * The ladder's rungs inside Chromium's GPU page: WebGPU through Chromium's
 * own Dawn (what the page exists for), then wasm and cpu. Native TensorFlow
 * cannot load in a renderer; the desktop app sends a run here only when
 * neither tfjs-node package is installed (services/training/route.ts).
 */
import type { TrainingSettings } from '../../../shared/document/schema.ts';
import type { BackendName } from '../../../shared/protocol/trainer.ts';
import { loadCpu } from '../backends/cpu.ts';
import { selectBackend, type BackendSelector } from '../backends/ladder.ts';
import { BackendUnavailable, firstLine, type LoadedBackend, type Tf, type Workload } from '../backends/types.ts';
import { startWebgpuBackend } from '../backends/webgpu-start.ts';
import { startWasmBackend, wasmThreadsInUse } from '../backends/wasm-threaded.ts';
import { installWasmTrainingKernels } from '../backends/wasm-training/index.ts';
import { pageThreadedBuild, threadsUnavailable } from './wasm-threaded.ts';

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: AdapterInfo; isFallbackAdapter?: boolean } | null>;
}

function adapterName(info: AdapterInfo): string {
  return info.description || [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown GPU';
}

/** `acceptSoftware`: a forced WebGPU run takes a software adapter (SwiftShader); on the automatic ladder the CPU rungs beat it. */
async function loadWebgpu(acceptSoftware: boolean): Promise<LoadedBackend> {
  const gpu = (navigator as Navigator & { gpu?: Gpu }).gpu;
  if (!gpu) throw new BackendUnavailable('this Chromium offers no WebGPU (navigator.gpu is missing); on Linux it needs the enable-unsafe-webgpu switch');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) throw new BackendUnavailable("Chromium's WebGPU found no GPU adapter (no Vulkan, D3D12 or Metal driver, or the GPU is blocklisted)");
  const info = adapter.info ?? {};
  const software = !!(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader/i.test(`${info.architecture} ${info.description}`);
  if (software && !acceptSoftware) throw new BackendUnavailable(`only a software adapter (${adapterName(info)}), slower than the CPU backends`);
  const tf = await startWebgpuBackend();
  return { name: 'webgpu', tf, device: `${adapterName(info)} (WebGPU via Chromium${software ? ', software' : ''})` };
}

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function blobUrl(base64: string): string {
  return URL.createObjectURL(new Blob([bytes(base64)], { type: 'application/wasm' }));
}

/** Every core for a convolutional model, where the page can run threads; one thread otherwise (wasm.ts says why). */
async function loadWasm(workload: Workload): Promise<LoadedBackend> {
  let tf: Tf;
  let threads = 1;
  let why = workload.convolutional ? threadsUnavailable() : 'threads only speed up convolutions';
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    if (!tf.findBackend('wasm')) {
      const binaries = await import('netwright:wasm-binaries');
      // tfjs' own loader, for when threads are off: it never picks its threaded build here (wasm-threaded.ts starts that one).
      const simd = blobUrl(binaries.simd);
      wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': blobUrl(binaries.plain), 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': simd });
      const threaded = why ? null : { build: pageThreadedBuild(bytes(binaries.threaded)), threads: navigator.hardwareConcurrency };
      why = (await startWasmBackend(tf, wasm, threaded)) ?? why;
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend("wasm") returned false');
    await tf.ready();
    await installWasmTrainingKernels(tf);
    threads = wasmThreadsInUse(tf);
  } catch (err) {
    throw new BackendUnavailable(`the wasm backend did not start: ${firstLine(err)}`);
  }
  const how = threads > 1 ? `${threads} threads` : `one thread${why ? `: ${why}` : ''}`;
  return { name: 'wasm', tf, device: `CPU (WebAssembly${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? ' SIMD' : ''}, ${how}, in the GPU page)` };
}

function loadRung(name: BackendName, want: TrainingSettings['backend'], workload: Workload): Promise<LoadedBackend> {
  switch (name) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      return Promise.reject(
        new BackendUnavailable('not installed (the app checked before sending this run to the GPU page; native TensorFlow runs in a trainer process of its own)'),
      );
    case 'webgpu':
      return loadWebgpu(want === 'webgpu');
    case 'wasm':
      return loadWasm(workload);
    case 'cpu':
      return loadCpu();
    default:
      throw new Error(`unknown backend ${String(name satisfies never)}`);
  }
}

export const selectPageBackend: BackendSelector = (want, probe, workload) => selectBackend((name, w) => loadRung(name, want, w), want, probe, workload);
