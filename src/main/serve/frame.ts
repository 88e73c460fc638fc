/**
 * One text frame from a page, read into a call or refused with the close code
 * and reason the page will see. The nesting is measured on the text itself,
 * before JSON.parse: a frame of a few megabytes of "[" would otherwise become
 * millions of nested arrays, and the argument checks recurse.
 */
import { MAX_CALL_DEPTH } from '../services/host/dispatch.ts';

export type FrameRead =
  | { readonly ok: true; readonly id: number; readonly method: unknown; readonly args: unknown }
  | { readonly ok: false; readonly code: number; readonly reason: string };

/** A frame nests one level more than the arguments it carries. */
export const MAX_FRAME_DEPTH = MAX_CALL_DEPTH + 1;

const NOT_A_CALL: FrameRead = { ok: false, code: 1003, reason: 'expected a JSON call frame {type:"call", id, method, args}' };

export function readCallFrame(text: string): FrameRead {
  if (textNestsDeeperThan(text, MAX_FRAME_DEPTH)) return { ok: false, code: 1008, reason: `call nested deeper than ${MAX_CALL_DEPTH} levels` };
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return NOT_A_CALL;
  }
  if (typeof frame !== 'object' || frame === null) return NOT_A_CALL;
  const { type, id, method, args } = frame as Record<string, unknown>;
  if (type !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id)) return NOT_A_CALL;
  return { ok: true, id, method, args };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** Whether JSON text opens arrays and objects more than `limit` deep; brackets inside strings do not count. One pass, no recursion. */
export function textNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return false;
}
