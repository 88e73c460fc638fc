/**
 * One call from an untrusted renderer: check the method name and arguments,
 * run it, and turn every outcome, thrown errors included, into a CallReply.
 * Nothing a page sends can crash the host.
 */
import { isApiMethod, validateCall } from '../../../shared/protocol/api-args.ts';
import { ApiError, type ApiMethods, type CallReply } from '../../../shared/protocol/api.ts';

/**
 * How deep a call's arguments may nest arrays and objects. A real call stays
 * under ten levels (startTraining → doc → nodes → node → params → a shape);
 * the argument checks recurse, so deeper values are refused before they run.
 */
export const MAX_CALL_DEPTH = 64;

export async function dispatch(methods: ApiMethods, method: unknown, args: unknown, log: (message: string) => void = () => {}): Promise<CallReply> {
  // Everything in the try: a check that throws (a stack overflow on a value we did not foresee) is still one reply.
  try {
    if (!isApiMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `no API method ${describe(method)}` } };
    if (nestedDeeperThan(args, MAX_CALL_DEPTH)) {
      return { ok: false, error: { code: 'invalid-arguments', message: `${method}: arguments nested deeper than ${MAX_CALL_DEPTH} levels` } };
    }
    const checked = validateCall(method, args);
    if (!checked.ok) return { ok: false, error: { code: 'invalid-arguments', message: checked.message } };
    const run = methods[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await run(...checked.args);
    return { ok: true, value: value ?? null };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
    // An unexpected failure is a bug: log it in full on the host, give the page one readable line.
    const name = typeof method === 'string' ? method.slice(0, 80) : 'call';
    log(`netwright: ${name} failed: ${(err as Error)?.stack ?? String(err)}`);
    return { ok: false, error: { code: 'failed', message: `${name} failed: ${(err as Error)?.message ?? String(err)}` } };
  }
}

/** A method name for an error message, without stringifying whatever object a page sent instead. */
function describe(method: unknown): string {
  return typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : `of type ${method === null ? 'null' : typeof method}`;
}

/**
 * Whether `value` nests arrays and objects more than `limit` deep, found
 * without recursion. Each object is entered once, so cycles and shared
 * parts (structured clone keeps both) cost no more than their size.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: object; depth: number }[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number) => {
    if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      stack.push({ value: v, depth });
    }
  };
  visit(value, 1);
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.depth > limit) return true;
    if (Array.isArray(top.value)) for (const item of top.value) visit(item, top.depth + 1);
    else for (const item of Object.values(top.value)) visit(item, top.depth + 1);
  }
  return false;
}
