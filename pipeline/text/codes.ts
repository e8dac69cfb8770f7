/**
 * Status-code tokens. Sources write codes with ASCII, full-width, Persian or Arabic-Indic digits,
 * sometimes with stray punctuation; a token that looks like a code but is not one is reported.
 */

const DIGIT_BLOCKS = [0x30, 0xff10, 0x06f0, 0x0660];

/** Replace full-width, Persian and Arabic-Indic digits with ASCII digits (one char for one char). */
export function normalizeDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const block = DIGIT_BLOCKS.find((base) => cp >= base && cp <= base + 9);
    out += block === undefined ? ch : String(cp - block);
  }
  return out;
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
  const match = /^([0-9]+)(.*)$/u.exec(token);
  if (match) {
    const digits = match[1]!;
    const rest = match[2]!;
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
  const core = token.replace(/[.,;:)\]]+$/u, '');
  if (core.length !== 3) return false;
  const digits = [...core].filter((c) => c >= '0' && c <= '9').length;
  return digits >= 2 && /^[0-9A-Za-z]+$/u.test(core) && /^[1-5]/u.test(core) && !/^[1-5]xx$/iu.test(core);
}

/** The class (`4xx`) of a code (`404`). */
export function classOf(code: string): string {
  return `${code[0]}xx`;
}
