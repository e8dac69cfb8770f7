/**
 * Language of one piece of text, decided from the text itself (script; Traditional versus
 * Simplified Han characters through OpenCC's dictionaries; function words for Latin-script
 * languages), with the document's declared language as the tie-breaker.
 */
import * as OpenCC from 'opencc-js';
import { FUNCTION_WORDS, SCRIPT_DEFAULT_LANG } from './lang-data.ts';

type Script = 'Latin' | 'Cyrillic' | 'Arabic' | 'Han' | 'Kana' | 'Hangul' | 'Greek' | 'Hebrew' | 'Thai' | 'Devanagari';

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
const hanVariantCache = new Map<string, -1 | 0 | 1>();

/** +1 for a character only Traditional text uses, -1 for one only Simplified uses, 0 for shared. */
function hanVariant(ch: string): -1 | 0 | 1 {
  let v = hanVariantCache.get(ch);
  if (v === undefined) {
    const traditionalOnly = toSimplified(ch) !== ch;
    const simplifiedOnly = toTraditional(ch) !== ch;
    v = traditionalOnly && !simplifiedOnly ? 1 : simplifiedOnly && !traditionalOnly ? -1 : 0;
    hanVariantCache.set(ch, v);
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

/** Count letters by script. Han characters count as words; other scripts by letters. */
function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    for (const [script, test] of SCRIPT_TESTS) {
      if (test.test(ch)) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  return counts;
}

/**
 * The BCP 47 tag of a text. A text mixing scripts is in its non-Latin language when that script
 * carries a real part of it (Chinese and Persian writers embed English terms, not the reverse).
 */
export function detectLang(text: string, declared: string): string {
  const counts = scriptCounts(text);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return declared;
  const declaredScript = scriptOfLang(declared);

  // Pick the script: the strongest non-Latin script if it carries enough of the text, else Latin.
  let best: Script | undefined;
  let bestCount = 0;
  for (const [script, n] of counts) {
    if (script === 'Latin') continue;
    // Han and Kana characters are roughly words; letters of alphabets are about a fifth of one.
    const weight = script === 'Han' || script === 'Kana' ? 5 : 1;
    if (n * weight > bestCount) {
      best = script;
      bestCount = n * weight;
    }
  }
  const latin = counts.get('Latin') ?? 0;
  const script: Script = best !== undefined && (bestCount >= latin * 0.25 || bestCount >= 10) ? best : 'Latin';
  if (counts.has('Kana')) return 'ja';

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
  for (const ch of text) if (/\p{Script=Han}/u.test(ch)) score += hanVariant(ch);
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
