import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../pipeline/parsers/markdown.ts';
import type { ParseResult, SourceDocument, SourceOptions } from '../../pipeline/types.ts';
import { claims, diags, gaps, skips, uncovered } from '../helpers.ts';

function mdDoc(text: string, file = 'x.md', options: SourceOptions = {}): SourceDocument {
  return {
    source: { id: 'fx', file, format: 'markdown', lang: 'en', title: 'x', trust: 1, options },
    path: `test/fixtures/markdown/${file}`,
    text,
  };
}

function fixture(file: string): { text: string; r: ParseResult } {
  const text = readFileSync(new URL(`../fixtures/markdown/${file}`, import.meta.url), 'utf8');
  return { text, r: parseMarkdown(mdDoc(text, file)) };
}

describe('markdown parser: GFM tables', () => {
  const { text, r } = fixture('table.md');

  it('reads rows with escaped pipes, ragged rows, tags, full-width digits and embedded entries', () => {
    expect(claims(r)).toEqual([
      '1xx class-name 7:5-7 Informational',
      '100 name 8:9-8 Continue',
      '100 description 8:20-8 The server has received the request headers.',
      '200 name 9:10-9 OK',
      '200 description 9:15-9 Standard response for successful requests; a | b stays one cell.',
      '404 name 10:9-10 Not | Found',
      '404 description 10:24-10 The requested resource could not be found. (RFC 9110)',
      '410 name 10:78-10 Gone (in 404)',
      '410 description 10:87-10 The resource is gone for good. (in 404)',
      '405 name 11:9-11 Method Not Allowed',
      '406 name 12:9-12 Not Acceptable',
      '406 description 12:26-12 The server cannot produce a matching response. | RFC 9110',
      '422 name 14:9-14 Unprocessable Content [WebDAV]',
      '422 description 14:42-14 The request was well-formed but had semantic errors.',
      '409 name 15:9-15 Conflict',
      '409 description 15:20-15 The request conflicts with the current state.',
    ]);
  });

  it('reports stray punctuation, embedded entries, ragged rows and the invalid code', () => {
    expect(diags(r)).toEqual([
      '9:3 info code/stray-punctuation',
      '10:78 warning entry/embedded',
      '11:1 info table/short-row',
      '12:1 warning table/extra-cells',
      '13:3 error code/invalid',
    ]);
    expect(r.claims.some((c) => c.line === 13)).toBe(false);
  });

  it('reports a row with nothing but its code (entry/empty), as the plain table parser does', () => {
    const r2 = parseMarkdown(mdDoc('| Code | Name | Description |\n|---|---|---|\n| 200 | OK | Fine. |\n| 404 | | |\n'));
    expect(claims(r2).map((c) => c.split(' ')[0])).toEqual(['200', '200']);
    expect(diags(r2)).toEqual(['4:3 warning entry/empty']);
    expect(r2.diagnostics[0]).toMatchObject({ code: '404', message: 'Entry for 404 gives neither a name nor a description' });
    expect(skips(r2)).toContain('4-4 header: the code 404, in a row with no name or description (reported as entry/empty)');
  });

  it('accounts for every non-blank line', () => {
    expect(skips(r)).toEqual([
      '1-1 heading: heading with no entries right after it',
      '3-3 furniture: link to the previous or next page',
      '5-5 header: table header (3 columns)',
      '6-6 delimiter: table delimiter row',
      '13-13 unreadable: row with the invalid code `4O4`',
      '17-17 furniture: bare URL',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('quotes the source row as the excerpt and tags the language', () => {
    const name = r.claims.find((c) => c.code === '404' && c.field === 'name')!;
    expect(name.excerpt).toBe('| 404 | Not \\| Found | The requested resource could not be found. (RFC 9110) 410 Gone The resource is gone for good. |');
    expect(name.lang).toBe('en');
    expect(name.source).toBe('fx');
  });

  it('takes column roles from the manifest when given', () => {
    const r2 = parseMarkdown(mdDoc('| a | b | c |\n|---|---|---|\n| Not Found | 404 | RFC 9110 |', 'cols.md', { columns: ['name', 'code', 'ignore'] }));
    expect(claims(r2)).toEqual(['404 name 3:3-3 Not Found']);
  });
});

describe('markdown parser: lists', () => {
  const { text, r } = fixture('list.md');

  it('reads `code name: description`, bold heads with a dash, inline-code heads and nested descriptions', () => {
    expect(claims(r)).toEqual([
      '4xx class-name 3:4-3 Client errors',
      '400 name 5:7-5 Bad Request',
      '400 description 5:20-6 The server cannot process the request because of a client error.',
      '401 name 7:9-7 Unauthorized',
      '401 description 7:26-8 Authentication is required and has failed.',
      '403 name 9:9-9 Forbidden',
      '404 name 12:10-12 Not Found',
      '404 description 14:4-16 The server cannot find the requested resource.\nIt may be available again later.',
      '405 name 17:10-17 Method Not Allowed',
      '405 description 18:6-19 The method is known but not supported.\nThe Allow header lists the supported ones.',
      '5xx class-name 21:3-21 Server errors',
      '500 name 22:9-22 Internal Server Error',
      '500 description 22:33-22 A generic error message.',
      '503 name 23:9-23 Service Unavailable [Temporary]',
      '503 description 23:42-23 The server is overloaded.',
    ]);
  });

  it('reports the invalid code in an entry list and reads nothing from its item', () => {
    expect(diags(r)).toEqual(['10:3 error code/invalid']);
    expect(r.claims.some((c) => c.line === 10)).toBe(false);
  });

  it('accounts for every non-blank line', () => {
    expect(skips(r)).toEqual([
      '1-1 preamble: paragraph outside any entry',
      '10-10 unreadable: entry with the invalid code `4O4`',
      '25-25 preamble: list item outside any entry',
      '26-26 furniture: link to the previous or next page',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('records a line that holds only the code as the head of its entry', () => {
    const src = '- `404`\n\n  The server cannot find it.';
    const r2 = parseMarkdown(mdDoc(src));
    expect(claims(r2)).toEqual(['404 description 3:3-3 The server cannot find it.']);
    expect(diags(r2)).toEqual(['1:4 warning entry/no-name']);
    expect(skips(r2)).toEqual(['1-1 header: the code 404, head of the entry whose claims follow']);
    expect(uncovered(src, r2)).toEqual([]);
  });

  it('does not report number-like words in lists that hold no entries', () => {
    const r2 = parseMarkdown(mdDoc('- 2024 edition\n- 12 chapters'));
    expect(r2.claims).toEqual([]);
    expect(diags(r2)).toEqual([]);
  });
});

describe('markdown parser: headings', () => {
  const { text, r } = fixture('headings.md');

  it('reads code headings with their paragraphs, and class labels right before entries', () => {
    expect(claims(r)).toEqual([
      '4xx class-name 5:8-5 Client error responses',
      '404 name 7:9-7 Not Found',
      '404 description 9:1-12 The server cannot find the requested resource. In the browser, this means the URL is not recognized.\nIt is one of the best known codes.',
      '410 name 18:9-18 Gone [Obsolete]',
      '410 description 20:1-20 The requested content has been permanently deleted.',
      '5xx class-name 24:4-24 Server error responses',
      '503 name 26:9-26 Service Unavailable',
      '503 description 28:1-28 The server is not ready to handle the request.',
    ]);
  });

  it('never reads entries from comments, raw HTML or scripts', () => {
    expect(r.claims.some((c) => c.code === '418' || c.code === '599')).toBe(false);
  });

  it('reports a mistyped code heading and skips its section', () => {
    expect(diags(r)).toEqual(['30:5 error code/invalid']);
  });

  it('accounts for every non-blank line', () => {
    expect(skips(r)).toEqual([
      '1-1 heading: heading with no entries right after it',
      '3-3 preamble: paragraph outside any entry',
      '14-16 unreadable: code block inside the entry for 404 (not read as description)',
      '22-22 furniture: thematic break',
      '30-30 unreadable: the entry with the invalid code `5O3`',
      '32-32 unreadable: description of the entry with the invalid code `5O3`',
      '34-34 furniture: raw HTML (not read)',
      '36-38 furniture: raw HTML (not read)',
      '40-40 heading: heading with no entries right after it',
      '42-42 preamble: list item outside any entry',
      '44-44 furniture: contributor list or update stamp',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('does not take a page title over entries of several classes for a class name', () => {
    const src = '# Status codes\n\n## 200 OK\n\nFine.\n\n## 404 Not Found\n\nMissing.';
    const r2 = parseMarkdown(mdDoc(src));
    expect(claims(r2)).toEqual(['200 name 3:8-3 OK', '200 description 5:1-5 Fine.', '404 name 7:8-7 Not Found', '404 description 9:1-9 Missing.']);
    expect(skips(r2)).toContain('1-1 heading: heading over entries of several classes');
  });

  it('keeps the class a label states, and says when its entries disagree', () => {
    const r2 = parseMarkdown(mdDoc('## 5xx Server errors\n\n- 400 Bad Request: Oops.'));
    expect(claims(r2)).toEqual(['5xx class-name 1:8-1 Server errors', '400 name 3:7-3 Bad Request', '400 description 3:20-3 Oops.']);
    expect(diags(r2)).toEqual(['1:1 warning class/mismatch']);
  });
});

describe('markdown parser: blocks nested inside a description', () => {
  const text = [
    '## 404 Not Found', // 1
    '',
    'The server cannot find the resource.', // 3
    '',
    '- Example request:', // 5
    '',
    '  ```http', // 7
    '  GET /secret-example HTTP/1.1',
    '  ```', // 9
    '',
    '> | Header | Value |', // 11
    '> |---|---|',
    '> | Retry-After | 120 seconds |', // 13
    '',
    '- 410 Gone: The resource is gone.', // 15
    '',
    '  > <div>moved to /new</div>', // 17
    '  >',
    '  > ---', // 19
  ].join('\n');
  const r = parseMarkdown(mdDoc(text));

  it('keeps code, tables and raw HTML out of the description', () => {
    expect(claims(r)).toEqual([
      '404 name 1:8-1 Not Found',
      '404 description 3:1-13 The server cannot find the resource.\nExample request:',
      '410 name 15:7-15 Gone',
      '410 description 15:13-19 The resource is gone.',
    ]);
  });

  it('records them as skipped, as it does beside a description', () => {
    expect(skips(r)).toEqual([
      '7-9 unreadable: code block inside the entry for 404 (not read as description)',
      '11-13 unreadable: table without status codes inside the entry for 404',
      '17-17 furniture: raw HTML (not read)',
      '19-19 furniture: thematic break',
    ]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'skip/unreadable').map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}`)).toEqual([
      'test/fixtures/markdown/x.md:7:1-9',
      'test/fixtures/markdown/x.md:11:1-13',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('records a nested block the same way as the same block beside the description', () => {
    const beside = parseMarkdown(mdDoc('## 404 Not Found\n\nGone.\n\n```\nGET /x\n```\n'));
    const nested = parseMarkdown(mdDoc('## 404 Not Found\n\nGone.\n\n> ```\n> GET /x\n> ```\n'));
    expect(skips(nested)).toEqual(skips(beside));
    expect(claims(nested).slice(0, 1)).toEqual(claims(beside).slice(0, 1));
  });

  it('reads entries in a table nested inside a description as entries', () => {
    const r2 = parseMarkdown(mdDoc('## 404 Not Found\n\nGone.\n\n> | Code | Name |\n> |---|---|\n> | 410 | Gone |\n'));
    expect(claims(r2)).toEqual(['404 name 1:8-1 Not Found', '410 name 7:11-7 Gone', '404 description 3:1-7 Gone.']);
    expect(skips(r2)).toEqual(['5-5 header: table header (2 columns)', '6-6 delimiter: table delimiter row']);
  });
});

describe('markdown parser: text and robustness', () => {
  it('keeps character references decoded once and inline code as written', () => {
    const r = parseMarkdown(mdDoc('- 400 Bad Request: Use `&amp;` and &amp;lt; here'));
    expect(claims(r)).toEqual(['400 name 1:7-1 Bad Request', '400 description 1:20-1 Use &amp; and &lt; here']);
  });

  it('reads CRLF files like LF files', () => {
    for (const file of ['table.md', 'list.md', 'headings.md']) {
      const { text, r } = fixture(file);
      const crlf = parseMarkdown(mdDoc(text.replace(/\n/g, '\r\n'), file));
      expect(claims(crlf)).toEqual(claims(r));
      expect(skips(crlf)).toEqual(skips(r));
    }
  });

  it('never throws, and accounts for every line, on cut-off and odd input', () => {
    const { text } = fixture('headings.md');
    const inputs = [
      '',
      '\n\n',
      '|',
      '| 404 |\n|---|',
      '- ',
      '1.',
      '#',
      '```\n404 Not Found',
      '<div>\n| 404 | x |',
      '\uFEFF## ４０４ Not Found\r\rlone carriage returns',
      ...Array.from({ length: 40 }, (_, i) => text.slice(0, Math.floor((text.length * i) / 40))),
    ];
    for (const input of inputs) {
      const r = parseMarkdown(mdDoc(input));
      expect(uncovered(input, r)).toEqual([]);
    }
  });
});
