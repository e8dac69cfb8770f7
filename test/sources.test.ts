/**
 * The parsers on the real sources: every non-blank line accounted for, and the awkward places
 * each document has (worked out by reading the documents) come out as claims or diagnostics.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSources } from '../pipeline/load.ts';
import { isReferenceFormat } from '../pipeline/manifest.ts';
import { PARSERS } from '../pipeline/parsers/index.ts';
import type { Format, ParseResult } from '../pipeline/types.ts';
import { unaccounted } from './helpers.ts';

const loaded = loadSources(path.join(import.meta.dirname, '..', 'sources'));
const results = new Map<string, ParseResult>();
for (const s of loaded.sources) {
  if (isReferenceFormat(s.entry.format)) continue;
  results.set(s.entry.id, PARSERS[s.entry.format as Format]({ source: { ...s.entry, format: s.entry.format as Format }, path: s.path, text: s.text }));
}
const get = (id: string) => results.get(id)!;
const find = (id: string, code: string, field: string) => get(id).claims.filter((c) => c.code === code && c.field === field);

describe('real sources', () => {
  it('lists five documents and five reference files in the manifest', () => {
    expect(loaded.sources).toHaveLength(10);
    expect(results.size).toBe(5);
  });

  it.each([...results.keys()])('%s: every non-blank line is part of a claim or skipped with a reason', (id) => {
    const source = loaded.sources.find((s) => s.entry.id === id)!;
    expect(unaccounted(source.text, get(id))).toEqual([]);
  });

  it('ru-table: no names, 61 rows, an embedded 423 entry and a 200 with stray punctuation', () => {
    const r = get('ru-table');
    expect(r.claims.filter((c) => c.field === 'name').map((c) => c.code)).toEqual(['423']);
    expect(find('ru-table', '422', 'description')).toHaveLength(2);
    expect(find('ru-table', '423', 'description')[0]).toMatchObject({ line: 49, embeddedIn: '422', text: 'The current resource is locked. (RFC 4918 WebDAV)' });
    expect(find('ru-table', '200', 'description')[0]!.line).toBe(6);
    expect(r.diagnostics.some((d) => d.ruleId === 'code/stray-punctuation' && d.line === 6)).toBe(true);
    expect(find('ru-table', '507', 'description')[0]!.lang).toBe('ru');
    expect(find('ru-table', '506', 'description')[0]!.lang).toBe('en');
    expect(find('ru-table', '304', 'description')[0]).toMatchObject({ line: 18, endLine: 21 });
  });

  it('en-table: category rows are class names, multi-line cells are joined, TeX quotes fixed, &Contlen; reported', () => {
    const r = get('en-table');
    expect(r.claims.filter((c) => c.field === 'class-name').map((c) => `${c.code} ${c.text}`)).toEqual([
      '1xx Informational',
      '2xx Success',
      '3xx Redirect',
      '4xx Client error',
      '5xx Server error',
    ]);
    expect(find('en-table', '304', 'description')[0]).toMatchObject({ line: 20, endLine: 21, text: 'This code is used when the client makes a conditional GET request (e.g.' });
    expect(find('en-table', '205', 'description')[0]!.text).toContain('\u201Creset the document view,\u201D');
    expect(r.diagnostics.filter((d) => d.ruleId === 'text/unknown-entity').map((d) => d.line)).toEqual([49]);
    expect(find('en-table', '302', 'name')[0]!.text).toBe('Moved Temporarily');
  });

  it('fa-prose: every header shape, localized names in Persian, annotations as tags', () => {
    expect(find('fa-prose', '100', 'name').map((c) => `${c.lang} ${c.text}`)).toEqual(['en continue']);
    expect(find('fa-prose', '101', 'name').map((c) => `${c.lang} ${c.text}`)).toEqual(['en switching protocol', 'fa پروتکل سوئیچینگ']);
    expect(find('fa-prose', '103', 'name').map((c) => `${c.lang} ${c.text}`)).toEqual(['en Early Hints', 'fa اشاره اولیه']);
    expect(find('fa-prose', '226', 'name')[0]).toMatchObject({ text: 'IM Used', tags: ['HTTP Delta encoding'] });
    expect(find('fa-prose', '507', 'name')[0]).toMatchObject({ text: 'Insufficient Storage', tags: ['WebDAV'] });
    expect(find('fa-prose', '200', 'description')[0]).toMatchObject({ line: 33, endLine: 41 });
    expect(get('fa-prose').claims.filter((c) => c.field === 'class-name').map((c) => c.code)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx', '1xx', '2xx', '3xx', '4xx', '5xx']);
    // Arabic yeh in the source becomes Persian yeh.
    expect(find('fa-prose', '3xx', 'class-name')[0]!.text).toBe('تغییر مسیرها');
    expect(get('fa-prose').diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(expect.arrayContaining(['79 class/range', '265 name/unbalanced-parentheses']));
  });

  it('zh-hant-list: English and Traditional Chinese descriptions tagged per text; entries without description', () => {
    expect(find('zh-hant-list', '101', 'description')[0]!.lang).toBe('zh-Hant');
    expect(find('zh-hant-list', '202', 'description')[0]!.lang).toBe('en');
    expect(find('zh-hant-list', '100', 'description')).toEqual([]);
    expect(find('zh-hant-list', '208', 'name')[0]).toMatchObject({ text: 'Multi-Status', tags: ['WebDAV'] });
    expect(get('zh-hant-list').skipped.map((s) => `${s.line} ${s.reason}`)).toEqual(['1 preamble', '133 furniture', '134 furniture']);
  });

  it('zh-hans-list: furniture skipped, a description starting with its code kept, class headings read', () => {
    expect(find('zh-hans-list', '511', 'description')[0]!.text.startsWith('511 状态码')).toBe(true);
    expect(get('zh-hans-list').skipped.map((s) => `${s.line} ${s.reason}`)).toEqual(['1 heading', '3 furniture', '5 preamble', '150 furniture', '153 furniture']);
    expect(get('zh-hans-list').claims.filter((c) => c.field === 'class-name').map((c) => `${c.code} ${c.text}`)).toEqual([
      '1xx 信息响应',
      '2xx 成功响应',
      '3xx 重定向',
      '4xx 客户端响应',
      '5xx 服务端响应',
    ]);
    expect(find('zh-hans-list', '400', 'description')[0]).toMatchObject({ line: 69, endLine: 70 });
    expect(find('zh-hans-list', '200', 'description')[0]).toMatchObject({ line: 20, endLine: 25, lang: 'zh-Hans' });
  });
});
