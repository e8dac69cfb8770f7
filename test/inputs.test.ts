/**
 * Bad input on the way in: manifest problems stop the build with a BuildError at the manifest's
 * line and column; a document that cannot be decoded is a diagnostic for that source (with its
 * byte offset, line and column) and the build goes on; every supported encoding and line ending
 * gives exactly the claims the UTF-8, LF version gives.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BuildError } from '../pipeline/errors.ts';
import { build } from '../pipeline/build.ts';
import { decodeSource, invalidUtf8Offset, loadSources, type LoadResult } from '../pipeline/load.ts';
import { isUtf8 } from 'node:buffer';
import { canonicalLangTag, parseJsonWithPosition } from '../pipeline/manifest.ts';
import { PARSERS } from '../pipeline/parsers/index.ts';
import { scanJson } from '../pipeline/text/json.ts';
import type { Claim, Format, SourceEntry } from '../pipeline/types.ts';

const ROOT = path.join(import.meta.dirname, '..');
const REAL = path.join(ROOT, 'sources');
const REAL_MANIFEST = JSON.parse(readFileSync(path.join(REAL, 'manifest.json'), 'utf8')) as { sources: Array<Record<string, unknown>> };
const REFERENCE_ENTRIES = REAL_MANIFEST.sources.filter((s) => String(s.file).startsWith('registry/'));
const DOCUMENTS = REAL_MANIFEST.sources.filter((s) => !String(s.file).startsWith('registry/'));

let work: string;
let dir: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'atlas-inputs-'));
  dir = path.join(work, 'sources');
  mkdirSync(path.join(dir, 'registry'), { recursive: true });
  for (const f of readdirSync(path.join(REAL, 'registry'))) copyFileSync(path.join(REAL, 'registry', f), path.join(dir, 'registry', f));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Write the manifest (an object, written with one entry per line, or raw text) and files. */
function setup(manifest: object | string, files: Record<string, string | Uint8Array> = {}): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const text =
    typeof manifest === 'string'
      ? manifest
      : `{\n  "sources": [\n${((manifest as { sources: object[] }).sources ?? []).map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
  writeFileSync(path.join(dir, 'manifest.json'), text);
}

const doc = (id: string, file: string, extra: object = {}) => ({ id, file, format: 'table', lang: 'en', ...extra });

/** The BuildError `run` throws; fails the test when it returns or throws anything else. */
function thrownBy(run: () => unknown): BuildError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildError);
    return error as BuildError;
  }
  throw new Error('expected a BuildError, but nothing was thrown');
}

/** The BuildError loadSources throws. */
function buildError(): BuildError {
  return thrownBy(() => loadSources(dir));
}

function claimsOf(loaded: LoadResult): Claim[] {
  return loaded.sources
    .filter((s) => s.entry.format in PARSERS)
    .flatMap((s) => PARSERS[s.entry.format as Format]({ source: s.entry as SourceEntry, path: s.path, text: s.text }).claims);
}

const TABLE = 'Code | Name | Description |\n---|---|---|\n100 | Continue | Go on. |\n404 | Not Found | Nothing here. |\n';

// ---- the manifest ------------------------------------------------------------------------------

describe('manifest', () => {
  it('missing: names the manifest and says what to write', () => {
    const e = buildError();
    expect(e.file).toBe('sources/manifest.json');
    expect(e.message).toMatch(/No manifest/);
    expect(e.hint).toMatch(/"sources"/);
  });

  it('a sources folder that does not exist is named', () => {
    dir = path.join(work, 'nowhere');
    expect(buildError().message).toMatch(/`.*nowhere` does not exist/);
  });

  it.each([
    ['a comma before `}`', '{\n  "sources": [\n    {"id": "x",}\n  ]\n}\n', 3, 16, /property name/],
    ['a comma before `]`', '{\n  "sources": [\n    {"id": "x"},\n  ]\n}\n', 4, 3, /no comma before `]`/],
    ['a missing colon', '{\n  "sources" []\n}', 2, 13, /`:`/],
    ['a text that stops early', '{\n  "sources": [\n', 3, 1, /a value/],
    ['an empty file', '', 1, 1, /a value/],
    ['an unclosed string', '{\n  "sources": [{"id": "x\n}', 2, 22, /closing `"` for the string that starts here/],
    ['text after the object', '{"sources": []}\n}', 2, 1, /end of the text/],
  ])('malformed JSON (%s): BuildError at its line and column', (_, text, line, column, what) => {
    setup(text);
    const e = buildError();
    expect([e.file, e.line, e.column]).toEqual(['sources/manifest.json', line, column]);
    expect(e.message).toMatch(/^Malformed JSON: expected /);
    expect(e.message).toMatch(what);
    expect(e.format()).toMatch(new RegExp(`^sources/manifest\\.json:${line}:${column}: Malformed JSON`));
  });

  it('any text that is not JSON gets a line and column, where JSON.parse says only sometimes', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"', '1', '-', 'true', 'nul', ' ', '\n', '\r\n', '"\\u00e9"', '"\\x"', '\u0001', '01');
    const texts = fc.oneof(fc.array(pieces, { maxLength: 30, size: 'large' }).map((t) => t.join('')), fc.json(), fc.string());
    fc.assert(
      fc.property(texts, (text) => {
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        expect(scanJson(text).error === undefined).toBe(parsed);
        if (parsed) return;
        // Outside a catch, so that a text parseJsonWithPosition let through fails the test.
        expect(() => parseJsonWithPosition(text, 'm.json')).toThrow(BuildError);
        const error = thrownBy(() => parseJsonWithPosition(text, 'm.json'));
        expect(error.file).toBe('m.json');
        expect(error.message).toMatch(/^Malformed JSON: /);
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
        expect(error.line).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 500 },
    );
  });

  it('an unknown format: names the source and lists the formats there are, at the line of the format', () => {
    setup({ sources: [...REFERENCE_ENTRIES, doc('mine', 'a.txt', { format: 'pdf' })] }, { 'a.txt': TABLE });
    const e = buildError();
    expect(e.message).toMatch(/source `mine` \(entry \d+\), `format`: `pdf` is not one of the allowed values \(table, prose, list, markdown, html, /);
    expect(e.line).toBe(REFERENCE_ENTRIES.length + 3);
    expect(e.column).toBeGreaterThan(1);
  });

  it('an id that is not a source id says what an id looks like, at its line', () => {
    setup({ sources: [doc('Bad Id!', 'a.txt')] }, { 'a.txt': TABLE });
    const e = buildError();
    expect(e.message).toBe('Invalid manifest: source `Bad Id!` (entry 1), `id`: `Bad Id!` is not a source id; an id is lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit (it appears in finding ids): `en-mdn`, `fa-prose`');
    expect(e.line).toBe(3);
  });

  it('an unknown key is named', () => {
    setup({ sources: [doc('mine', 'a.txt', { fromat: 'table' })] }, { 'a.txt': TABLE });
    expect(buildError().message).toMatch(/source `mine` \(entry 1\): unknown key `fromat`/);
  });

  it('duplicate source ids: both entries named, at the second one', () => {
    setup({ sources: [doc('mine', 'a.txt'), doc('mine', 'b.txt')] }, { 'a.txt': TABLE, 'b.txt': TABLE });
    const e = buildError();
    expect(e.message).toBe('Duplicate source id `mine` (entries 1 and 2)');
    expect(e.line).toBe(4);
    expect(e.hint).toMatch(/rename/);
  });

  it('a key given twice in one entry is refused at the second, naming the first (JSON.parse would keep the last silently)', () => {
    const entry = JSON.stringify(doc('mine', 'a.txt')).replace('"file":"a.txt"', '"file":"a.txt",\n     "file":"b.txt"');
    setup(`{\n  "sources": [\n    ${entry}\n  ]\n}\n`, { 'a.txt': TABLE, 'b.txt': TABLE });
    const e = buildError();
    expect(e.message).toBe('Property `file` is given twice in one object (first at line 3); only one of the two values could be used');
    expect([e.file, e.line, e.column]).toEqual(['sources/manifest.json', 4, 6]);
    expect(e.hint).toMatch(/remove the other/);
  });

  it('finds keys given twice only within one object, and compares them decoded', () => {
    expect(scanJson('{"a":{"a":1},"b":{"a":2}}', undefined, { duplicateKeys: true }).duplicate).toBeUndefined();
    expect(scanJson('[{"a":1},{"a":2}]', undefined, { duplicateKeys: true }).duplicate).toBeUndefined();
    expect(scanJson('{"a":{"b":1},"a":2}', undefined, { duplicateKeys: true }).duplicate).toEqual({ key: 'a', offset: 13, firstOffset: 1 });
    expect(scanJson('{"x":[{"k":1,"\\u006b":2}]}', undefined, { duplicateKeys: true }).duplicate).toMatchObject({ key: 'k', firstOffset: 7 });
    // Off unless asked for: the scan for positions does not pay for it.
    expect(scanJson('{"a":1,"a":2}').duplicate).toBeUndefined();
    // Any JSON an object serializes to has no duplicate; adding one back is always found.
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (object) => {
        const text = JSON.stringify(object);
        expect(scanJson(text, undefined, { duplicateKeys: true }).duplicate).toBeUndefined();
        const [key] = Object.keys(object);
        const doubled = `${text.slice(0, -1)},${JSON.stringify(key)}:0}`;
        expect(scanJson(doubled, undefined, { duplicateKeys: true }).duplicate?.key).toBe(key);
      }),
      { numRuns: 300 },
    );
  });

  describe('language tags', () => {
    it('are read in any case and written in the case the outputs write them (`EN` → `en`, `zh-hant-tw` → `zh-Hant-TW`)', () => {
      // Before, `EN-gb` passed the manifest and the build failed on out/claims.json, not on the manifest.
      const langs = { upper: 'EN', region: 'EN-gb', mixed: 'zh-hant-tw' };
      setup(
        { sources: [...REFERENCE_ENTRIES, ...Object.entries(langs).map(([id, lang]) => doc(id, `${id}.txt`, { lang }))] },
        Object.fromEntries(Object.keys(langs).map((id) => [`${id}.txt`, TABLE])),
      );
      const loaded = loadSources(dir);
      const declared = (id: string) => loaded.sources.find((s) => s.entry.id === id)!.entry.lang;
      expect(Object.keys(langs).map(declared)).toEqual(['en', 'en-GB', 'zh-Hant-TW']);
      // The build validates every output (claims, dataset, locale files) against its schema.
      const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics });
      // Descriptions keep the document's tag (a name the registry knows is English wherever it is).
      const langsOf = (source: string) => [...new Set(result.claims.filter((c) => c.source === source && c.field === 'description').map((c) => c.lang))];
      expect(langsOf('region')).toEqual(['en-GB']);
      expect(langsOf('upper')).toEqual(['en']);
      expect(JSON.parse(result.files.get('locales/en-GB.json')!)).toMatchObject({ locale: 'en-GB', chain: ['en-GB', 'en'] });
    });

    it('canonical case: language lowercase, script title case, region uppercase, variants lowercase', () => {
      expect(['EN', 'ZH-HANS-cn', 'zh-hant', 'es-419', 'SL-Rozaj', 'de-CH-1996', 'ZH-YUE-hk', 'en-gb'].map(canonicalLangTag)).toEqual([
        'en', 'zh-Hans-CN', 'zh-Hant', 'es-419', 'sl-rozaj', 'de-CH-1996', 'zh-yue-HK', 'en-GB',
      ]);
    });

    it('every tag the manifest accepts, in canonical case, is a tag the claims and the dataset accept', () => {
      const schema = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'schema', `${name}.schema.json`), 'utf8'));
      const manifest = new RegExp(schema('manifest').$defs.source.properties.lang.pattern, 'u');
      const outputs = [schema('claims').$defs.claim.properties.lang.pattern, schema('dataset').$defs.localizedMap.propertyNames.pattern].map((p: string) => new RegExp(p, 'u'));
      fc.assert(
        fc.property(fc.stringMatching(manifest), (tag) => {
          const canonical = canonicalLangTag(tag);
          for (const pattern of outputs) expect(canonical).toMatch(pattern);
          expect(canonicalLangTag(canonical)).toBe(canonical);
          expect(canonical.toLowerCase()).toBe(tag.toLowerCase());
        }),
        { numRuns: 500 },
      );
    });

    it.each(['en_US', 'english', 'e', 'en-', 'en-US-US', 'zh-x-private', '中文'])('`%s` is refused at its line and column in the manifest, saying what a tag looks like', (lang) => {
      const entry = doc('mine', 'a.txt', { lang });
      setup({ sources: [...REFERENCE_ENTRIES, entry] }, { 'a.txt': TABLE });
      const e = buildError();
      expect(e.file).toBe('sources/manifest.json');
      expect(e.message).toBe(
        `Invalid manifest: source \`mine\` (entry ${REFERENCE_ENTRIES.length + 1}), \`lang\`: \`${lang}\` is not a BCP 47 language tag; write a language, then optionally a script and a region, joined by hyphens: \`en\`, \`fa\`, \`zh-Hans\`, \`pt-BR\``,
      );
      // The line of the entry, the column of its lang value.
      expect([e.line, e.column]).toEqual([REFERENCE_ENTRIES.length + 3, 5 + JSON.stringify(entry).indexOf(JSON.stringify(lang))]);
    });
  });

  it('a furniture pattern that is not a regular expression is refused where it is written', () => {
    setup({ sources: [doc('mine', 'a.txt', { options: { furniture: ['^ok$', '(unclosed'] } })] }, { 'a.txt': TABLE });
    const e = buildError();
    expect(e.message).toMatch(/Source `mine` has a furniture pattern that is not a regular expression: .*Unterminated group/);
    expect(e.line).toBe(3);
  });

  describe('files that leave the folder are refused', () => {
    it.each([
      ['a path up', '../outside.txt'],
      ['a path up, hidden in the middle', 'sub/../../outside.txt'],
      ['a path up with backslashes', '..\\outside.txt'],
      ['an absolute path', '/etc/hostname'],
      ['a drive letter', 'C:\\outside.txt'],
    ])('%s', (_, file) => {
      writeFileSync(path.join(work, 'outside.txt'), TABLE);
      setup({ sources: [doc('mine', file)] });
      const e = buildError();
      expect(e.message).toMatch(/^Source `mine` has file `.*`, which is outside the sources folder; refused$/);
      expect([e.file, e.line]).toEqual(['sources/manifest.json', 3]);
    });

    it('a link inside the folder to a file outside', () => {
      writeFileSync(path.join(work, 'outside.txt'), TABLE);
      setup({ sources: [doc('mine', 'link.txt')] });
      symlinkSync(path.join(work, 'outside.txt'), path.join(dir, 'link.txt'));
      const e = buildError();
      expect(e.message).toMatch(/^Source `mine` lists `link.txt`, which is a link to `.*outside\.txt`, outside the sources folder; refused$/);
      expect([e.file, e.line]).toEqual(['sources/manifest.json', 3]);
    });

    it('a link inside the folder to a folder outside', () => {
      mkdirSync(path.join(work, 'elsewhere'));
      writeFileSync(path.join(work, 'elsewhere', 'doc.txt'), TABLE);
      setup({ sources: [doc('mine', 'linked/doc.txt')] });
      symlinkSync(path.join(work, 'elsewhere'), path.join(dir, 'linked'));
      expect(buildError().message).toMatch(/outside the sources folder; refused/);
    });

    it('a link that stays inside the folder is followed', () => {
      setup({ sources: [doc('mine', 'link.txt')] }, { 'real.txt': TABLE });
      symlinkSync(path.join(dir, 'real.txt'), path.join(dir, 'link.txt'));
      expect(loadSources(dir).sources.map((s) => s.text)).toEqual([TABLE]);
    });
  });

  it('a file name with a NUL character is refused', () => {
    setup({ sources: [doc('mine', 'a\u0000.txt')] });
    expect(buildError().message).toMatch(/NUL character/);
  });

  it('a listed file that does not exist: BuildError at the entry, saying what to do', () => {
    setup({ sources: [doc('mine', 'a.txt'), doc('gone', 'missing.txt')] }, { 'a.txt': TABLE });
    const e = buildError();
    expect(e.message).toBe('Source `gone` lists `missing.txt`, which does not exist');
    expect([e.file, e.line]).toEqual(['sources/manifest.json', 4]);
    expect(e.hint).toMatch(/Add the file .* or remove the entry/);
  });

  it('a link to nothing, and a folder, are named as such', () => {
    setup({ sources: [doc('mine', 'dangling.txt')] });
    symlinkSync(path.join(dir, 'no-such-file.txt'), path.join(dir, 'dangling.txt'));
    expect(buildError().message).toMatch(/a link to nothing/);
    setup({ sources: [doc('mine', 'registry')] });
    expect(buildError().message).toMatch(/which is not a file/);
  });

  it('a decisions file that is a folder stops the build with a message, not an internal error', () => {
    setup({ sources: [doc('mine', 'a.txt')] }, { 'a.txt': TABLE });
    mkdirSync(path.join(dir, 'decisions.yaml'));
    const e = buildError();
    expect([e.file, e.message]).toEqual(['sources/decisions.yaml', 'The decisions file is a folder, not a file']);
  });

  describe('__proto__, constructor and prototype keys', () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    it.each([
      ['at the top', '{"__proto__": {"polluted": true}, "sources": [{"id": "a", "file": "a.txt", "format": "table", "lang": "en"}]}'],
      ['in an entry', '{"sources": [{"id": "a", "file": "a.txt", "format": "table", "lang": "en", "__proto__": {"polluted": true}}]}'],
      ['constructor.prototype in an entry', '{"sources": [{"id": "a", "file": "a.txt", "format": "table", "lang": "en", "constructor": {"prototype": {"polluted": true}}}]}'],
      ['in the options', '{"sources": [{"id": "a", "file": "a.txt", "format": "table", "lang": "en", "options": {"__proto__": {"polluted": true}}}]}'],
      ['prototype in the options', '{"sources": [{"id": "a", "file": "a.txt", "format": "table", "lang": "en", "options": {"prototype": {"polluted": true}}}]}'],
    ])('%s: rejected by the schema, nothing polluted', (_, manifest) => {
      setup(manifest, { 'a.txt': TABLE });
      expect(buildError().message).toMatch(/unknown key `(__proto__|constructor|prototype)`/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    });

    it('a source whose id is `constructor` or `prototype` builds like any other', () => {
      setup({ sources: [...REFERENCE_ENTRIES, doc('constructor', 'a.txt'), doc('prototype', 'b.txt')] }, { 'a.txt': TABLE, 'b.txt': TABLE });
      const loaded = loadSources(dir);
      expect(loaded.sources.map((s) => s.entry.id)).toContain('constructor');
      const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics });
      expect(result.claims.filter((c) => c.source === 'constructor').length).toBeGreaterThan(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    });
  });
});

// ---- the documents -----------------------------------------------------------------------------

/** Latin-1 and Windows-1256 bytes for the few characters used below. */
const LEGACY: Record<string, number> = { é: 0xe9, ü: 0xfc, 'ک': 0xdf, 'د': 0xcf, 'و': 0xe6, 'ض': 0xd6, 'ع': 0xda, 'ی': 0xed, 'ت': 0xca, ' ': 0x20 };
const legacyBytes = (text: string) => Uint8Array.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : LEGACY[ch]!)));

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (order === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

describe('documents that cannot be read are diagnostics; the build goes on', () => {
  const good = doc('good', 'good.txt');

  function diagnosticFor(bytes: Uint8Array) {
    setup({ sources: [...REFERENCE_ENTRIES, good, doc('bad', 'bad.txt')] }, { 'good.txt': TABLE, 'bad.txt': bytes });
    const loaded = loadSources(dir);
    expect(loaded.sources.map((s) => s.entry.id)).toContain('good');
    expect(loaded.sources.map((s) => s.entry.id)).not.toContain('bad');
    const d = loaded.diagnostics.filter((x) => x.source === 'bad');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: 'sources/bad.txt', severity: 'error' });
    return d[0]!;
  }

  it('an empty file: source/empty', () => {
    expect(diagnosticFor(new Uint8Array(0))).toMatchObject({ ruleId: 'source/empty', line: 1, column: 1, message: expect.stringMatching(/is empty.*remove the entry/) });
    expect(diagnosticFor(Buffer.from(' \n\t\n'))).toMatchObject({ ruleId: 'source/empty', message: expect.stringMatching(/only whitespace/) });
  });

  it('NUL bytes: the byte offset, line and column of the first, and a hint', () => {
    const d = diagnosticFor(Buffer.from('100 | Continue |\n404 | Not\u0000Found |\n'));
    expect(d).toMatchObject({ ruleId: 'source/unreadable', line: 2, column: 10 });
    expect(d.message).toMatch(/NUL byte at byte offset 26: not a text file \(if it is UTF-16 or UTF-32 without a byte-order mark, save it as UTF-8/);
  });

  it('the byte scan that finds the first bad byte agrees with the native UTF-8 check and with a strict decoder', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const valid = (bytes: Uint8Array) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    // Bytes near the edges of UTF-8's ranges (overlong forms, surrogates, past U+10FFFF, cut sequences).
    const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90);
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.array(edgy, { maxLength: 12 }).map((a) => Uint8Array.from(a)), fc.string({ unit: 'grapheme' }).map((t) => new TextEncoder().encode(t)));
    fc.assert(
      fc.property(bytes, (b) => {
        const offset = invalidUtf8Offset(b);
        expect(offset < 0).toBe(valid(b));
        expect(offset < 0).toBe(isUtf8(b));
        // Everything before the reported byte is valid.
        if (offset >= 0) expect(valid(b.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('Windows-1256 (Persian): not UTF-8, at the byte offset, line and column of the first bad byte', () => {
    const d = diagnosticFor(legacyBytes('Code | Name |\n200 | OK | کد وضعیت |\n'));
    expect(d).toMatchObject({ ruleId: 'source/unreadable', line: 2, column: 12 });
    expect(d.message).toMatch(/is not valid UTF-8 \(byte 0xdf at byte offset 25\); it may be Windows-1256, Windows-1252 or Latin-1: convert it to UTF-8/);
  });

  it('Latin-1: the same, after valid multi-byte UTF-8 text (columns count characters)', () => {
    const prefix = Buffer.from('Код | Name |\n');
    const d = diagnosticFor(Buffer.concat([prefix, legacyBytes('200 | Café |\n')]));
    expect(d).toMatchObject({ line: 2, column: 10 });
    expect(d.message).toMatch(new RegExp(`byte 0xe9 at byte offset ${prefix.length + 9}\\)`));
  });

  it('UTF-16 that is cut off or has half a surrogate pair', () => {
    const cut = utf16(TABLE, 'le');
    expect(diagnosticFor(cut.subarray(0, cut.length - 1)).message).toMatch(/cut off in the middle of a UTF-16LE character/);
    const lone = Buffer.concat([utf16('200 | OK |\n', 'be'), Buffer.from([0xd8, 0x3d, 0x00, 0x41])]);
    expect(diagnosticFor(lone)).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/half of a surrogate pair at byte offset 24/) });
  });

  it('a reference file that cannot be decoded stops the build, naming it', () => {
    setup({ sources: REFERENCE_ENTRIES }, { 'registry/glossary.csv': legacyBytes('term,meaning\ncafé,x\n') });
    const e = buildError();
    expect(e.file).toBe('sources/registry/glossary.csv');
    expect([e.line, e.column]).toEqual([2, 4]);
    expect(e.message).toMatch(/^Reference file is not valid UTF-8/);
  });
});

describe('encodings and line endings give the same claims as UTF-8 with LF', () => {
  const variants: Array<[string, (text: string) => Uint8Array, string | undefined]> = [
    ['UTF-16LE with a byte-order mark', (t) => utf16(t, 'le'), 'File decoded as UTF-16LE (byte-order mark)'],
    ['UTF-16BE with a byte-order mark', (t) => utf16(t, 'be'), 'File decoded as UTF-16BE (byte-order mark)'],
    ['UTF-8 with a byte-order mark', (t) => Buffer.from(`\uFEFF${t}`), 'File UTF-8 byte-order mark removed'],
    ['CRLF line endings', (t) => Buffer.from(t.replace(/\n/g, '\r\n')), undefined],
    ['lone CR line endings', (t) => Buffer.from(t.replace(/\n/g, '\r')), undefined],
    ['UTF-16LE with CRLF', (t) => utf16(t.replace(/\n/g, '\r\n'), 'le'), 'File decoded as UTF-16LE (byte-order mark)'],
  ];

  function load(encode: (text: string) => Uint8Array | string): LoadResult {
    const files: Record<string, string | Uint8Array> = {};
    for (const s of DOCUMENTS) files[String(s.file)] = encode(readFileSync(path.join(REAL, String(s.file)), 'utf8'));
    setup({ sources: DOCUMENTS }, files);
    return loadSources(dir);
  }

  const reference = (() => {
    let claims: Claim[] | undefined;
    return () => (claims ??= claimsOf(load((t) => t)));
  })();

  it.each(variants)('%s', (_, encode, note) => {
    const expected = reference();
    expect(expected.length).toBeGreaterThan(100);
    const loaded = load(encode);
    expect(loaded.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    if (note) expect(loaded.diagnostics.map((d) => d.message)).toEqual(DOCUMENTS.map(() => note));
    expect(claimsOf(loaded)).toEqual(expected);
  });

  it('decodeSource keeps a lone CR a line break and never leaves a CR', () => {
    const decoded = decodeSource(Buffer.from('a\r\nb\rc\n\r\nd'));
    expect(decoded).toEqual({ ok: true, text: 'a\nb\nc\n\nd', notes: [] });
  });
});
