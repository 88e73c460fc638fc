/**
 * Where JSON text first breaks the grammar, worded for a person with an
 * editor: line, column and what was expected. JSON.parse's own messages
 * quote the text around the fault raw, newlines and terminal escapes
 * included, and most give no line; this runs only after JSON.parse has
 * failed, in one pass and without recursion, so any input is cheap.
 */
import { printable } from './printable.ts';

export interface JsonSyntaxError {
  /** From 1. */
  readonly line: number;
  /** From 1, in characters of the line. */
  readonly column: number;
  readonly problem: string;
}

type Want = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ('{' | '[')[] = [];
  let want: Want = 'value';
  let i = 0;
  const fail = (at: number, problem: string): JsonSyntaxError => ({ ...lineAndColumn(text, at), problem });
  const afterValue = (): Want => (stack.length ? 'comma-or-close' : 'end');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
    if (i >= text.length) return want === 'end' ? undefined : fail(i, text.trim() ? 'the text ends in the middle of the data' : 'there is no data, only blank space');
    const ch = text[i];
    switch (want) {
      case 'end':
        return fail(i, `unexpected ${shown(text, i)} after the end of the data`);
      case 'colon':
        if (ch !== ':') return fail(i, `expected ":" after a field name, found ${shown(text, i)}`);
        i++;
        want = 'value';
        continue;
      case 'comma-or-close': {
        const close = stack[stack.length - 1] === '{' ? '}' : ']';
        if (ch === ',') want = close === '}' ? 'key' : 'value';
        else if (ch === close) {
          stack.pop();
          want = afterValue();
        } else return fail(i, `expected "," or "${close}", found ${shown(text, i)}`);
        i++;
        continue;
      }
      case 'key':
      case 'key-or-close': {
        if (ch === '}' && want === 'key-or-close') {
          stack.pop();
          want = afterValue();
          i++;
          continue;
        }
        if (ch !== '"') return fail(i, `expected a field name in double quotes, found ${shown(text, i)}`);
        const end = stringEnd(text, i);
        if (typeof end !== 'number') return fail(end.at, end.problem);
        i = end;
        want = 'colon';
        continue;
      }
      case 'value':
      case 'value-or-close': {
        if (ch === ']' && want === 'value-or-close') {
          stack.pop();
          want = afterValue();
          i++;
          continue;
        }
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          want = ch === '{' ? 'key-or-close' : 'value-or-close';
          i++;
          continue;
        }
        if (ch === '"') {
          const end = stringEnd(text, i);
          if (typeof end !== 'number') return fail(end.at, end.problem);
          i = end;
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return fail(i, `expected a number, found ${shown(text, i)}`);
          i = NUMBER.lastIndex;
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!word) return fail(i, `expected a value, found ${shown(text, i)}`);
          i += word.length;
        }
        want = afterValue();
        continue;
      }
    }
  }
}

/** The index just past the string that starts at `start`, or where and why it is broken. */
function stringEnd(text: string, start: number): number | { at: number; problem: string } {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return i + 1;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if (next !== undefined && ESCAPES.has(next)) i++;
      else return { at: i, problem: `a bad escape ${shown(text, i, 2)} in a string` };
    } else if (ch < ' ') {
      return { at: i, problem: `${shown(text, i)} inside a string: write it as an escape such as \\n` };
    }
  }
  return { at: start, problem: 'a string that never ends' };
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** A few characters of the text, quoted, with invisible and control characters escaped (printable). */
function shown(text: string, at: number, length = 1): string {
  const chars = [...text.slice(at, at + length + 1)].slice(0, length).join('');
  return `"${printable(chars.replace(/["\\]/g, '\\$&'))}"`;
}
