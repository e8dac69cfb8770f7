/**
 * The one text normalizer. It never changes meaning: Unicode NFC, the Persian forms of yeh and kaf
 * in Persian text (ZWNJ kept), TeX-style quotes to real quotes, known character references
 * resolved and unknown ones reported, whitespace folded (paragraph breaks kept as one newline).
 */
import { decodeHTMLStrict } from 'entities';

export interface TextDefect {
  ruleId: string;
  message: string;
  /** Offset in the raw text where the problem starts. */
  index: number;
}

export interface NormalizedText {
  text: string;
  defects: TextDefect[];
}

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const PERSIAN_LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh -> Farsi yeh
  '\u0649': '\u06CC', // alef maksura -> Farsi yeh
  '\u0643': '\u06A9', // Arabic kaf -> keheh
};

export function isPersian(lang: string): boolean {
  return lang === 'fa' || lang.startsWith('fa-');
}

export function normalizeText(raw: string, lang: string): NormalizedText {
  const defects: TextDefect[] = [];
  const reported = new Set<string>();
  let text = raw.indexOf('&') < 0 ? raw : raw.replace(ENTITY, (whole, _name: string, index: number) => {
    const decoded = decodeHTMLStrict(whole);
    if (decoded === whole) {
      // A set, not a search of the defects so far: a text of many different unknown references
      // would otherwise cost the square of their number.
      if (reported.has(whole)) return whole;
      reported.add(whole);
      defects.push({
        ruleId: 'text/unknown-entity',
        message: `Unknown character reference \`${whole}\` left as written`,
        index,
      });
      return whole;
    }
    return decoded;
  });
  text = text.normalize('NFC');
  if (isPersian(lang)) text = text.replace(/[\u064A\u0649\u0643]/g, (ch) => PERSIAN_LETTERS[ch]!);
  // TeX writes ``quoted'' for “quoted”.
  if (text.includes('``')) text = text.replace(/``([^`'\n]*?)''/g, '\u201C$1\u201D');
  text = foldWhitespace(text);
  return { text, defects };
}

/** Anything foldWhitespace would change: a line break, a space other than U+0020, two spaces, white space at either end. */
const UNFOLDED = /[\r\n\t\u00A0\u3000\u2000-\u200A\u202F\u205F]| {2}|^\s|\s$/;

/** Collapse runs of spaces and tabs, trim lines, keep one newline between paragraphs. */
export function foldWhitespace(text: string): string {
  // Most texts are one line with single spaces: nothing to fold, and no copy made.
  if (!UNFOLDED.test(text)) return text;
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t\u00A0\u3000\u2000-\u200A\u202F\u205F]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
