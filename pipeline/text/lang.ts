/**
 * Language of one piece of text, decided from the text itself (script; Traditional versus
 * Simplified Han characters through OpenCC's dictionaries; function words for Latin-script
 * languages), with the document's declared language as the tie-breaker.
 */
import * as OpenCC from 'opencc-js';
import { FUNCTION_WORDS, SCRIPT_DEFAULT_LANG } from './lang-data.ts';

/** Scripts in a fixed order, so a text's counts are an array indexed by script. */
const SCRIPTS = ['Latin', 'Cyrillic', 'Arabic', 'Han', 'Kana', 'Hangul', 'Greek', 'Hebrew', 'Thai', 'Devanagari'] as const;
type Script = (typeof SCRIPTS)[number];
const SCRIPT_INDEX = new Map<Script, number>(SCRIPTS.map((script, i) => [script, i]));
const LATIN = SCRIPT_INDEX.get('Latin')!;
const HAN = SCRIPT_INDEX.get('Han')!;
const KANA = SCRIPT_INDEX.get('Kana')!;

const SCRIPT_TESTS: Array<[Script, RegExp]> = [
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Han', /\p{Script=Han}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Latin', /\p{Script=Latin}/u],
];

/** Primary language subtags and the script they are written in (for the tie-break). */
const LANG_SCRIPT: Record<string, Script> = {
  en: 'Latin', de: 'Latin', es: 'Latin', fr: 'Latin', it: 'Latin', pt: 'Latin', nl: 'Latin', pl: 'Latin',
  tr: 'Latin', vi: 'Latin', id: 'Latin', sv: 'Latin', cs: 'Latin',
  ru: 'Cyrillic', uk: 'Cyrillic', bg: 'Cyrillic', sr: 'Cyrillic',
  fa: 'Arabic', ar: 'Arabic', ur: 'Arabic',
  zh: 'Han', ja: 'Kana', ko: 'Hangul', el: 'Greek', he: 'Hebrew', th: 'Thai', hi: 'Devanagari',
};

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
const hanVariantCache = new Map<number, -1 | 0 | 1>();

/** +1 for a character only Traditional text uses, -1 for one only Simplified uses, 0 for shared. */
function hanVariant(cp: number): -1 | 0 | 1 {
  let v = hanVariantCache.get(cp);
  if (v === undefined) {
    const ch = String.fromCodePoint(cp);
    const traditionalOnly = toSimplified(ch) !== ch;
    const simplifiedOnly = toTraditional(ch) !== ch;
    v = traditionalOnly && !simplifiedOnly ? 1 : simplifiedOnly && !traditionalOnly ? -1 : 0;
    hanVariantCache.set(cp, v);
  }
  return v;
}

export function primarySubtag(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

function scriptOfLang(tag: string): Script | undefined {
  if (/-Hant\b|-(TW|HK|MO)\b/.test(tag)) return 'Han';
  return LANG_SCRIPT[primarySubtag(tag)];
}

/** Script of a letter from its code point, for the common blocks; undefined for anything else. */
function scriptOfCodePoint(cp: number): Script | undefined {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? 'Latin' : undefined;
  if (cp >= 0x4e00 && cp <= 0x9fff) return 'Han';
  if ((cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f)) return 'Arabic';
  if (cp >= 0x0400 && cp <= 0x04ff) return 'Cyrillic';
  if (cp >= 0x00c0 && cp <= 0x024f) return cp === 0xd7 || cp === 0xf7 ? undefined : 'Latin';
  return undefined;
}

/**
 * Letters per script (indexed as SCRIPTS; common blocks by code point, the rest through Unicode
 * properties), and the scripts in the order they first appear.
 */
function scriptCounts(text: string): { counts: Int32Array; seen: number[] } {
  const counts = new Int32Array(SCRIPTS.length);
  const seen: number[] = [];
  // By index, not `for...of`: no one-character string per character for the common blocks.
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    let script = scriptOfCodePoint(cp);
    if (script === undefined) {
      if (cp < 0x80) continue;
      const ch = String.fromCodePoint(cp);
      if (!/\p{L}/u.test(ch)) continue;
      script = SCRIPT_TESTS.find(([, test]) => test.test(ch))?.[0];
      if (script === undefined) continue;
    }
    const k = SCRIPT_INDEX.get(script)!;
    if (counts[k] === 0) seen.push(k);
    counts[k] = counts[k]! + 1;
  }
  return { counts, seen };
}

/**
 * The BCP 47 tag of a text. A text mixing scripts is in its non-Latin language when that script
 * carries a real part of it (Chinese and Persian writers embed English terms, not the reverse).
 */
export function detectLang(text: string, declared: string): string {
  const { counts, seen } = scriptCounts(text);
  if (seen.length === 0) return declared;
  const declaredScript = scriptOfLang(declared);

  // Pick the script: the strongest non-Latin script if it carries enough of the text, else Latin
  // (a tie goes to the script that appears first).
  let best: Script | undefined;
  let bestCount = 0;
  for (const k of seen) {
    const n = counts[k]!;
    if (k === LATIN) continue;
    // Han and Kana characters are roughly words; letters of alphabets are about a fifth of one.
    const weight = k === HAN || k === KANA ? 5 : 1;
    if (n * weight > bestCount) {
      best = SCRIPTS[k];
      bestCount = n * weight;
    }
  }
  const latin = counts[LATIN]!;
  const script: Script = best !== undefined && (bestCount >= latin * 0.25 || bestCount >= 10) ? best : 'Latin';
  if (counts[KANA]! > 0) return 'ja';

  if (script === 'Han') return hanTag(text, declared);
  if (script === declaredScript) {
    if (script === 'Latin') return latinTag(text, declared);
    if (script === 'Arabic' && primarySubtag(declared) !== 'fa' && /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u.test(text)) {
      return 'fa';
    }
    return declared;
  }
  if (script === 'Arabic') return /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u.test(text) ? 'fa' : 'ar';
  return SCRIPT_DEFAULT_LANG[script] ?? declared;
}

function hanTag(text: string, declared: string): string {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0xf900 && cp <= 0xfaff)) {
      score += hanVariant(cp);
    }
  }
  if (score > 0) return 'zh-Hant';
  if (score < 0) return 'zh-Hans';
  if (primarySubtag(declared) === 'zh') return /-Hant\b|-(TW|HK|MO)\b/.test(declared) ? 'zh-Hant' : 'zh-Hans';
  if (primarySubtag(declared) === 'ja') return 'ja';
  return 'zh-Hans';
}

/** Latin text in a document declared in another Latin-script language may still be English. */
function latinTag(text: string, declared: string): string {
  const primary = primarySubtag(declared);
  if (primary === 'en') return declared;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 3) return declared;
  const score = (lang: string) => {
    const list = FUNCTION_WORDS[lang];
    return list ? words.filter((w) => list.has(w)).length : 0;
  };
  return score('en') > score(primary) * 1.5 && score('en') >= 2 ? 'en' : declared;
}
