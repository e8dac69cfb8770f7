import { describe, expect, it } from 'vitest';
import { findNearIdentical, findOtherMeanings, findOtherSubject } from '../../pipeline/reconcile/rules/meaning.ts';
import { findDefects, splitRunTogether } from '../../pipeline/reconcile/rules/defects.ts';
import { findDuplicateEntries, findMissingDescriptions } from '../../pipeline/reconcile/rules/structure.ts';
import { SubjectIndex } from '../../pipeline/reconcile/subjects.ts';
import { nearDuplicates } from '../../pipeline/reconcile/similarity.ts';
import { reconcile } from '../../pipeline/reconcile/index.ts';
import { claim, registries } from './fixtures.ts';

const r = registries();
const subjects = new SubjectIndex(r.glossary);
const filler = (n: number) => Array.from({ length: n }, (_, i) => claim('200', 'description', `The request succeeded and here is filler sentence number ${i} about nothing.`, { source: `f${i}` }));

describe('near-identical descriptions on different codes', () => {
  const copy = 'The number of connections from your address exceeds the maximum the server allows.';
  it('blames the copy in the source that gives the code twice', () => {
    const a = claim('421', 'description', copy, { line: 47 });
    const b = claim('422', 'description', copy, { line: 48 });
    const b2 = claim('422', 'description', 'The request was well formed but had semantic errors.', { line: 49 });
    const found = findNearIdentical([a, b, b2], r, subjects);
    expect(found).toEqual([expect.objectContaining({ claim: b, belongsTo: '421', certain: true })]);
  });
  it('says it cannot tell when neither code is favoured', () => {
    const a = claim('302', 'description', copy, { source: 'x' });
    const b = claim('400', 'description', copy, { source: 'x' });
    const found = findNearIdentical([a, b], r, subjects);
    expect(found.map((m) => [m.claim.code, m.certain])).toEqual([
      ['302', false],
      ['400', false],
    ]);
  });
  it('ignores texts in different languages and unrelated texts', () => {
    const a = claim('302', 'description', copy);
    const b = claim('400', 'description', copy, { lang: 'fr' });
    const c = claim('413', 'description', 'Something else entirely, about payload sizes and limits.');
    expect(findNearIdentical([a, b, c], r, subjects)).toEqual([]);
  });
  it('finds near-duplicates among many texts without comparing every pair', () => {
    const texts = Array.from({ length: 2000 }, (_, i) => `Distinct text ${i} with words ${i * 7} and ${i * 13} more ${i % 17}.`);
    texts.push(texts[5]!.replace('Distinct', 'distinct'));
    const pairs = nearDuplicates(texts, (t) => t, 0.9, () => true);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[texts[5], texts[2000]]]);
  });
});

describe('descriptions about another code’s subject', () => {
  it('flags a text that names only another code’s distinctive subjects', () => {
    const wrong = claim('507', 'description', 'The chosen variant resource is configured to engage in transparent content negotiation itself.');
    const found = findOtherSubject([wrong, ...filler(30)], r, subjects);
    expect(found).toEqual([expect.objectContaining({ claim: wrong, belongsTo: '506' })]);
  });
  it('works in any language the glossary has', () => {
    const wrong = claim('507', 'description', '所选的变体资源被配置为参与透明内容协商本身。', { lang: 'zh-Hans' });
    expect(findOtherSubject([wrong], r, subjects).map((m) => m.belongsTo)).toEqual(['506']);
  });
  it('does not flag a text that also speaks of its own subject, or names the other code', () => {
    const own = claim('507', 'description', 'Not enough storage to store the variant chosen by negotiation.');
    const comparison = claim('507', 'description', 'Unlike 506, this is about a variant and negotiation.');
    expect(findOtherSubject([own, comparison, ...filler(30)], r, subjects)).toEqual([]);
  });
  it('does not count subjects that many texts mention', () => {
    const texts = Array.from({ length: 20 }, (_, i) => claim('200', 'description', `A large header number ${i}.`, { source: `h${i}` }));
    const suspect = claim('507', 'description', 'It sends a large message body after the header.');
    expect(findOtherSubject([suspect, ...texts], r, subjects)).toEqual([]);
  });
});

describe('descriptions with another meaning', () => {
  it('flags an English description of the unofficial meaning of a registered code', () => {
    const c = claim('421', 'description', 'The number of connections from the Internet Protocol Address of the client exceeds the maximum.');
    expect(findOtherMeanings([c], r).map((m) => m.meaning.name)).toEqual(['Too Many Connections From Your Internet Address']);
  });
  it('leaves descriptions of the registered meaning and of unofficial-only codes alone', () => {
    const ok = claim('421', 'description', 'The request was misdirected to a server that cannot answer for this connection address.');
    const vendor = claim('509', 'description', 'The bandwidth limit was exceeded.');
    expect(findOtherMeanings([ok, vendor], r)).toEqual([]);
  });
});

describe('text defects', () => {
  const kinds = (text: string, extra = {}) => findDefects(claim('200', 'description', text, extra)).map((d) => d.kind);
  it.each([
    ['This code is used when the client makes a conditional GET request (e.g.', ['truncated']],
    ['The address is given in the', ['truncated']],
    ['It ends properly.', []],
    ['A sentence without a full stop but complete', []],
    ['Политики, необход***е для получения ресурсов.', ['masked']],
    ['The only methods are GETHEAD and nothing else.', ['run-together']],
    ['Only GET and HEAD are required.', []],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });
  it('finds masking in Chinese text', () => {
    expect(kinds('用户请求非法资源,例如:由*审查的网页。', { lang: 'zh-Hans' })).toEqual(['masked']);
  });
  it('finds an untranslated English fragment inside a Chinese text', () => {
    expect(kinds('POST: 已傳送 message body 內的 resource describing the result of the action。', { lang: 'zh-Hant' })).toEqual(['mixed-language']);
    expect(kinds('請求成功。成功的意義依照 HTTP 方法而定。', { lang: 'zh-Hant' })).toEqual([]);
  });
  it('reports unresolved character references the parser noted', () => {
    expect(kinds('requires a &Contlen; header.', { notes: ['text/unknown-entity'] })).toEqual(['unresolved-entity']);
  });
  it('splits run-together HTTP tokens only when every part is one', () => {
    expect(splitRunTogether('GETHEAD')).toEqual(['GET', 'HEAD']);
    expect(splitRunTogether('GATEWAY')).toBeUndefined();
    expect(splitRunTogether('GET')).toBeUndefined();
  });
});

describe('structure', () => {
  it('finds a code given twice by one source, not two names on one header line', () => {
    const d1 = claim('422', 'description', 'one', { line: 48 });
    const d2 = claim('422', 'description', 'two', { line: 49 });
    const n1 = claim('101', 'name', 'Switching Protocols', { line: 5 });
    const n2 = claim('101', 'name', 'پروتکل', { line: 5, lang: 'fa' });
    expect(findDuplicateEntries([d1, d2, n1, n2])).toEqual([[d1, d2]]);
  });
  it('finds codes a source names without describing', () => {
    const n = claim('400', 'name', 'Bad Request', { source: 'z' });
    expect(findMissingDescriptions([n]).map((m) => `${m.source} ${m.code}`)).toEqual(['z 400']);
  });
});

describe('choosing descriptions', () => {
  const order = new Map([['a', 0], ['b', 1]]);
  it('never shows a description that belongs to another code, and keeps it as withheld', () => {
    const wrong = claim('507', 'description', 'The chosen variant resource is configured to engage in transparent content negotiation itself.', { source: 'a' });
    const result = reconcile({ claims: [wrong, ...filler(30)], diagnostics: [], registries: r, order, trust: new Map() });
    const record = result.codes.find((c) => c.code === 507)!;
    expect(record.descriptions.en).toBeUndefined();
    expect(record.withheld).toEqual([expect.objectContaining({ field: 'description', lang: 'en', reason: expect.stringContaining('belongs to 506') })]);
  });
  it('prefers sound text to truncated text, then trust, then more sources, then manifest order', () => {
    const truncated = claim('400', 'description', 'The server cannot process the', { source: 'a' });
    const sound = claim('400', 'description', 'The server cannot process the request.', { source: 'b' });
    let result = reconcile({ claims: [truncated, sound], diagnostics: [], registries: r, order, trust: new Map() });
    let d = result.codes.find((c) => c.code === 400)!.descriptions.en!;
    expect(d.text).toBe('The server cannot process the request.');
    expect(d.alternates).toEqual([expect.objectContaining({ text: 'The server cannot process the', reason: 'text defect: truncated' })]);

    const x = claim('400', 'description', 'Text from a.', { source: 'a' });
    const y = claim('400', 'description', 'Text from b.', { source: 'b' });
    result = reconcile({ claims: [x, y], diagnostics: [], registries: r, order, trust: new Map() });
    expect(result.codes.find((c) => c.code === 400)!.descriptions.en!.text).toBe('Text from a.');
    result = reconcile({ claims: [x, y], diagnostics: [], registries: r, order, trust: new Map([['b', 5]]) });
    d = result.codes.find((c) => c.code === 400)!.descriptions.en!;
    expect(d.text).toBe('Text from b.');
  });
});

describe('parser diagnostics as findings', () => {
  it('turns an invalid code into an invalid-code finding named by its token, and an embedded entry into its own kind', () => {
    const diagnostics = [
      { source: 'a', file: 'sources/a.txt', line: 7, column: 1, severity: 'error' as const, ruleId: 'code/invalid', message: '`4O4` is not a status code (letters among the digits); the row is not read as an entry', code: '4O4', excerpt: '4O4 | Gone |' },
      { source: 'a', file: 'sources/a.txt', line: 9, column: 40, severity: 'warning' as const, ruleId: 'entry/embedded', message: 'Entry for 423 found inside 422', code: '423', excerpt: '423 Locked ...' },
      { source: 'a', file: 'sources/a.txt', line: 1, column: 1, severity: 'info' as const, ruleId: 'skip/preamble', message: 'Line 1 skipped' },
    ];
    const result = reconcile({ claims: [], diagnostics, registries: r, order: new Map([['a', 0]]), trust: new Map() });
    const fromDiagnostics = result.findings.filter((f) => f.kind !== 'missing-description');
    expect(fromDiagnostics.map((f) => `${f.id} ${f.severity}`)).toEqual(['invalid-code/4O4/-/-/a error', 'embedded-entry/423/-/-/a warning']);
    expect(fromDiagnostics[0]!.sources).toEqual([{ source: 'a', line: 7, column: 1, excerpt: '4O4 | Gone |' }]);
  });
});
