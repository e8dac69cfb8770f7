import { describe, expect, it } from 'vitest';
import { parse, rules, unaccounted, view } from '../helpers.ts';

describe('bilingual list parser', () => {
  const text = [
    'HTTP 响应代码', // 1
    '',
    'https://example.org/zh-CN/docs/Status', // 3
    '',
    '状态代码由 RFC 定义。', // 5
    '',
    '信息响应', // 7
    '',
    '100 Continue', // 9
    '101 Switching Protocol', // 10
    '该代码是响应客户端的请求。', // 11
    '200 OK', // 12
    '',
    '请求成功。成功的含义取决于方法:', // 14
    '',
    '  • GET:资源已被提取。', // 16
    '400 Bad Request', // 17
    '1、语义有误。', // 18
    '2、请求参数有误。', // 19
    '511 Network Authentication Required', // 20
    '511 状态码指示客户端需要进行身份验证才能获得网络访问权限。', // 21
    '上一篇:【笔记】其他', // 22
    '',
    '此页面的贡献者: a, b', // 24
  ].join('\n');
  const r = parse(text, 'list', 'zh-Hans');

  it('reads entries, descriptions with bullets and numbered items, and class headings', () => {
    expect(view(r)).toEqual([
      '1xx class-name zh-Hans 7: 信息响应',
      '100 name en 9: Continue',
      '101 name en 10: Switching Protocol',
      '101 description zh-Hans 11: 该代码是响应客户端的请求。',
      '200 name en 12: OK',
      '200 description zh-Hans 14: 请求成功。成功的含义取决于方法:\n• GET:资源已被提取。',
      '400 name en 17: Bad Request',
      '400 description zh-Hans 18: 1、语义有误。\n2、请求参数有误。',
      '511 name en 20: Network Authentication Required',
      '511 description zh-Hans 21: 511 状态码指示客户端需要进行身份验证才能获得网络访问权限。',
    ]);
  });

  it('skips page furniture with a reason, and accounts for every line', () => {
    const skipped = r.skipped.map((s) => `${s.line} ${s.reason}`);
    expect(skipped).toEqual(['1 heading', '3 furniture', '5 preamble', '22 furniture', '24 furniture']);
    expect(unaccounted(text, r)).toEqual([]);
  });

  it('reads codes in other digits and reports invalid ones', () => {
    const other = parse(['４０４ Not Found', 'Gone missing.', '4O4 Not Found', 'Broken.'].join('\n'), 'list');
    expect(view(other)).toEqual(['404 name en 1: Not Found', '404 description en 2: Gone missing.']);
    expect(rules(other)).toEqual(expect.arrayContaining(['3 error code/invalid', '3 info skip/unreadable']));
  });

  it('keeps annotations as tags and reports an entry with no name', () => {
    const t = parse(['102 Processing (WebDAV)', '451', 'Legal reasons.'].join('\n'), 'list');
    expect(t.claims[0]).toMatchObject({ text: 'Processing', tags: ['WebDAV'] });
    expect(rules(t)).toContain('2 warning entry/no-name');
  });
});
