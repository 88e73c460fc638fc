/**
 * Text from a file made safe to print: every control, format or separator
 * character (a newline, a terminal escape, a right-to-left override, a lone
 * surrogate) is written as an escape such as \u001b. A layer name or project
 * title then prints as what it is, on one line, and cannot move a terminal's
 * cursor or hide the text around it.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (char) => {
    const code = char.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
