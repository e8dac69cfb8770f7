import { describe, expect, it } from 'vitest';
import { normalizeDigits, readCodeToken } from '../pipeline/text/codes.ts';
import { foldWhitespace, normalizeText } from '../pipeline/text/normalize.ts';
import { textKey } from '../pipeline/dataset.ts';
import fc from 'fast-check';
import { detectLang } from '../pipeline/text/lang.ts';

describe('codes', () => {
  it('reads full-width, Persian and Arabic-Indic digits as ASCII', () => {
    expect(normalizeDigits('４０４ ۴۰۴ ٤٠٤')).toBe('404 404 404');
  });
  it('reads a code with stray punctuation', () => {
    expect(readCodeToken('200.')).toEqual({ kind: 'code', code: '200', stray: '.' });
    expect(readCodeToken('۵۰۳')).toEqual({ kind: 'code', code: '503', stray: '' });
  });
  it('reports code-like tokens that are not codes', () => {
    expect(readCodeToken('4O4').kind).toBe('invalid');
    expect(readCodeToken('1000').kind).toBe('invalid');
    expect(readCodeToken('650').kind).toBe('invalid');
    expect(readCodeToken('099').kind).toBe('invalid');
  });
  it('leaves words and class names alone', () => {
    expect(readCodeToken('Informational').kind).toBe('none');
    expect(readCodeToken('4xx').kind).toBe('none');
    expect(readCodeToken('1st').kind).toBe('none');
    expect(readCodeToken('2.').kind).toBe('none');
  });
});

describe('normalizeText', () => {
  it('uses Persian yeh and kaf in Persian text and keeps ZWNJ', () => {
    const { text } = normalizeText('تغيير مسيرها هاى كد می\u200Cشود', 'fa');
    expect(text).toBe('تغییر مسیرها های کد می\u200Cشود');
  });
  it('does not touch Arabic letters in Arabic text', () => {
    expect(normalizeText('كود', 'ar').text).toBe('كود');
  });
  it('turns TeX quotes into real quotes', () => {
    expect(normalizeText("to ``reset the document view,'' for example", 'en').text).toBe('to \u201Creset the document view,\u201D for example');
  });
  it('resolves known entities and reports unknown ones', () => {
    const result = normalizeText('a &amp; b &eacute; &#x41; &Contlen; &Contlen;', 'en');
    expect(result.text).toBe('a & b é A &Contlen; &Contlen;');
    expect(result.defects.map((d) => d.ruleId)).toEqual(['text/unknown-entity']);
  });
  it('folds whitespace and keeps paragraph breaks, in NFC', () => {
    expect(normalizeText('  a \t b \n\n  c\u3000d ', 'en').text).toBe('a b\nc d');
    expect(normalizeText('e\u0301', 'en').text).toBe('\u00E9');
  });
});

describe('detectLang', () => {
  it.each([
    ['The request has been received but not yet acted upon.', 'zh-Hant', 'en'],
    ['請求成功。成功的意義依照 HTTP 方法而定:', 'zh-Hant', 'zh-Hant'],
    ['POST: 已傳送 message body 內的 resource describing the result of the action。', 'zh-Hant', 'zh-Hant'],
    ['请求成功。成功的含义取决于HTTP方法', 'zh-Hant', 'zh-Hans'],
    ['請求成功', 'zh-Hans', 'zh-Hant'],
    ['The server', 'ru', 'en'],
    ['Сервер не может сохранить содержимое', 'en', 'ru'],
    ['پروتکل سوئیچینگ', 'fa', 'fa'],
    ['switching protocol', 'fa', 'en'],
    ['El servidor no puede procesar la solicitud', 'es', 'es'],
    ['The server cannot process the request', 'es', 'en'],
    ['サーバーがリクエストを処理できません', 'ja', 'ja'],
    ['Nicht gefunden', 'de', 'de'],
  ])('%s (declared %s) is %s', (text, declared, expected) => {
    expect(detectLang(text, declared)).toBe(expected);
  });
  it('breaks a tie between Han variants with the declared language', () => {
    // Characters written the same in both scripts.
    expect(detectLang('中文', 'zh-Hant')).toBe('zh-Hant');
    expect(detectLang('中文', 'zh-Hans')).toBe('zh-Hans');
  });
});

describe('fast paths agree with the plain definitions', () => {
  // The definitions the fast paths must agree with, written the plain way.
  const plainFold = (text: string) =>
    text
      .split(/\r\n|\r|\n/)
      .map((line) => line.replace(/[ \t\u00A0\u3000\u2000-\u200A\u202F\u205F]+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
  const plainKey = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  const pieces = ['a', 'B', ' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u3000', '\u2009', '\uFEFF', '\v', '好', 'ی', '&amp;', '``q\'\''];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(''));

  it('foldWhitespace returns what splitting, collapsing and trimming every line returns', () => {
    fc.assert(fc.property(texts, (text) => {
        expect(foldWhitespace(text)).toBe(plainFold(text));
      }), { numRuns: 2000 });
  });

  it('textKey folds every run of white space to one space, as /\\s+/ does', () => {
    fc.assert(fc.property(texts, (text) => {
        expect(textKey(text)).toBe(plainKey(text));
      }), { numRuns: 2000 });
  });
});
