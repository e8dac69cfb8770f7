/**
 * Status-code tokens. Sources write codes with ASCII, full-width, Persian or Arabic-Indic digits,
 * sometimes with stray punctuation; a token that looks like a code but is not one is reported.
 */

const DIGIT_BLOCKS = [0x30, 0xff10, 0x06f0, 0x0660];

const OTHER_DIGIT = /[\uFF10-\uFF19\u06F0-\u06F9\u0660-\u0669]/g;

/** Replace full-width, Persian and Arabic-Indic digits with ASCII digits (one char for one char). */
export function normalizeDigits(text: string): string {
  return text.replace(OTHER_DIGIT, (ch) => {
    const cp = ch.charCodeAt(0);
    const block = DIGIT_BLOCKS.find((base) => cp >= base && cp <= base + 9)!;
    return String(cp - block);
  });
}

/** Any decimal digit that normalizeDigits understands. */
export const DIGIT = '[0-9\\uFF10-\\uFF19\\u06F0-\\u06F9\\u0660-\\u0669]';

export type CodeToken =
  | { kind: 'code'; code: string; stray: string }
  | { kind: 'invalid'; token: string; reason: string }
  | { kind: 'none' };

const STRAY = /^[.,;:)\]}*#\-–—、。，：]+$/u;

/**
 * Read a token that stands where a code is expected (a table cell, the start of a list entry).
 * `200.` is the code 200 with stray punctuation; `4O4` or `1000` are invalid codes;
 * a word with no digits at all is not a code token.
 */
export function readCodeToken(raw: string): CodeToken {
  const token = normalizeDigits(raw.trim());
  if (token === '') return { kind: 'none' };
  // The leading digits and the rest of the line (`/^([0-9]+)(.*)$/u`), read by a scan: that
  // expression backtracks quadratically over a long token that goes on past a line break.
  let digitEnd = 0;
  while (digitEnd < token.length && token.charCodeAt(digitEnd) >= 0x30 && token.charCodeAt(digitEnd) <= 0x39) digitEnd++;
  if (digitEnd > 0 && !/[\n\r\u2028\u2029]/u.test(token.slice(digitEnd))) {
    const digits = token.slice(0, digitEnd);
    const rest = token.slice(digitEnd);
    if (rest !== '' && !STRAY.test(rest)) {
      return looksCodeLike(token)
        ? { kind: 'invalid', token: raw.trim(), reason: 'letters among the digits' }
        : { kind: 'none' };
    }
    if (digits.length !== 3) {
      return digits.length >= 2 && digits.length <= 4
        ? { kind: 'invalid', token: raw.trim(), reason: `${digits.length} digits, a status code has 3` }
        : { kind: 'none' };
    }
    const value = Number(digits);
    if (value < 100 || value > 599) {
      return { kind: 'invalid', token: raw.trim(), reason: 'outside the range 100-599' };
    }
    return { kind: 'code', code: digits, stray: rest };
  }
  return looksCodeLike(token) ? { kind: 'invalid', token: raw.trim(), reason: 'letters among the digits' } : { kind: 'none' };
}

/** Three characters, mostly digits, such as `4O4`, `5OO` or `40l`: meant as a code, mistyped. */
function looksCodeLike(token: string): boolean {
  // Trailing punctuation is cut by a scan from the end: `/[.,;:)\]]+$/u` would be tried from every
  // position of a long run of punctuation, which is quadratic.
  let end = token.length;
  while (end > 0 && '.,;:)]'.includes(token[end - 1]!)) end--;
  if (end !== 3) return false;
  const core = token.slice(0, 3);
  const digits = [...core].filter((c) => c >= '0' && c <= '9').length;
  return digits >= 2 && /^[0-9A-Za-z]+$/u.test(core) && /^[1-5]/u.test(core) && !/^[1-5]xx$/iu.test(core);
}

/** The class (`4xx`) of a code (`404`). */
export function classOf(code: string): string {
  return `${code[0]}xx`;
}
