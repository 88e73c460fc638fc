/**
 * One call from an untrusted renderer: check the method name and arguments,
 * run it, and turn every outcome, thrown errors included, into a CallReply.
 * Nothing a page sends can crash the host.
 */
import { isApiMethod, validateCall } from '../../../shared/protocol/api-args.ts';
import { ApiError, type ApiMethods, type CallReply } from '../../../shared/protocol/api.ts';

export async function dispatch(methods: ApiMethods, method: unknown, args: unknown, log: (message: string) => void = () => {}): Promise<CallReply> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `no API method ${JSON.stringify(method)?.slice(0, 80) ?? String(method)}` } };
  }
  const checked = validateCall(method, args);
  if (!checked.ok) return { ok: false, error: { code: 'invalid-arguments', message: checked.message } };
  try {
    const run = methods[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await run(...checked.args);
    return { ok: true, value: value ?? null };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
    // An unexpected failure is a bug: log it in full on the host, give the page one readable line.
    log(`netwright: ${method} failed: ${(err as Error).stack ?? String(err)}`);
    return { ok: false, error: { code: 'failed', message: `${method} failed: ${(err as Error).message ?? String(err)}` } };
  }
}
