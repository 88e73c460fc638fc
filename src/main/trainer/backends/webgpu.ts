/**
 * WebGPU in Node through Dawn's addon (the `webgpu` package). Two things
 * matter (see ../shared/gpu/README.md): tfjs-backend-webgpu registers itself
 * only if navigator.gpu exists when its module is evaluated, so the GPU object
 * is created first and the backend imported afterwards; and without a Vulkan
 * driver requestAdapter() resolves to null, which is a reason to skip, not a
 * failure. Inside Electron's processes the addon cannot work: it hands mapped
 * GPU memory to JavaScript with napi_create_external_arraybuffer (in its
 * symbol table), which Electron refuses since it enabled V8's memory cage. A
 * load error or a failed trial step skips the rung there; the desktop app
 * takes WebGPU from Chromium instead (../page/).
 */
import { BackendUnavailable, firstLine, type LoadedBackend } from './types.ts';
import { startWebgpuBackend } from './webgpu-start.ts';

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

interface Adapter {
  info?: AdapterInfo;
  requestAdapterInfo?: () => Promise<AdapterInfo>;
}

interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<Adapter | null>;
}

export async function loadWebgpu(): Promise<LoadedBackend> {
  let gpu: Gpu;
  try {
    const dawn = (await import('webgpu')) as unknown as { create(flags: string[]): Gpu; globals: object };
    Object.assign(globalThis, dawn.globals);
    gpu = dawn.create([]);
  } catch (err) {
    throw new BackendUnavailable(`Dawn's WebGPU addon (npm package webgpu) did not load: ${firstLine(err)}`);
  }
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  // defineProperty, not assignment: newer Node versions define navigator as a getter-only accessor.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) {
    if (previous) Object.defineProperty(globalThis, 'navigator', previous);
    else Reflect.deleteProperty(globalThis, 'navigator');
    throw new BackendUnavailable('no WebGPU adapter: Dawn found no GPU it can drive (it needs a Vulkan driver, libvulkan.so.1, on Linux)');
  }
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
  const tf = await startWebgpuBackend();
  return { name: 'webgpu', tf, device: describeAdapter(info) };
}

function describeAdapter(info: AdapterInfo): string {
  const name = info.description || [info.vendor, info.device].filter(Boolean).join(' ') || 'unknown GPU';
  return `${name} (WebGPU via Dawn${info.architecture ? `, ${info.architecture}` : ''})`;
}
