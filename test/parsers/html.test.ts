import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../pipeline/parsers/html.ts';
import type { ParseResult, SourceDocument, SourceOptions } from '../../pipeline/types.ts';
import { claims, diags, gaps, skips, uncovered } from '../helpers.ts';

function htmlDoc(text: string, file = 'x.html', options: SourceOptions = {}): SourceDocument {
  return {
    source: { id: 'fx', file, format: 'html', lang: 'en', title: 'x', trust: 1, options },
    path: `test/fixtures/html/${file}`,
    text,
  };
}

function fixture(file: string): { text: string; r: ParseResult } {
  const text = readFileSync(new URL(`../fixtures/html/${file}`, import.meta.url), 'utf8');
  return { text, r: parseHtml(htmlDoc(text, file)) };
}

/** The raw source text at a claim's line and column. */
function sourceAt(text: string, line: number, column: number, length: number): string {
  return (text.split('\n')[line - 1] ?? '').slice(column - 1, column - 1 + length);
}

describe('html parser: tables', () => {
  const { text, r } = fixture('table.html');

  it('reads the table: colspan category row, multi-line cells, <br>, entities, tags, full-width digits, embedded entries', () => {
    expect(claims(r)).toEqual([
      '4xx class-name 17:25-17 Client errors',
      '404 name 20:11-20 Not Found',
      "404 description 21:11-22 The server can't find the requested resource.\nTry another URL.",
      '409 name 24:25-24 Conflict',
      '409 description 24:42-24 Café & bar conflict. (RFC 9110)',
      '410 name 24:85-24 Gone (in 409)',
      '410 description 24:94-24 The resource is gone for good. (in 409)',
      "418 name 26:26-26 I'm a teapot [Joke]",
      '418 description 26:59-26 The server refuses to brew coffee.',
    ]);
  });

  it('places claims at the real file lines and columns, also after character references', () => {
    expect(sourceAt(text, 20, 11, 9)).toBe('Not Found');
    expect(sourceAt(text, 21, 11, 10)).toBe('The server');
    expect(sourceAt(text, 24, 25, 8)).toBe('Conflict');
    expect(sourceAt(text, 24, 42, 11)).toBe('Caf&eacute;');
    expect(sourceAt(text, 24, 85, 8)).toBe('410 Gone');
    expect(sourceAt(text, 26, 26, 11)).toBe('I&apos;m a ');
  });

  it('reads nothing from head, style, nav, script or footer', () => {
    expect(r.claims.some((c) => /Fake/u.test(c.text) || ['451', '599'].includes(c.code))).toBe(false);
    expect(r.claims.every((c) => c.line >= 17 && c.line <= 26)).toBe(true);
  });

  it('reports a row with nothing but its code (entry/empty), as the plain table parser does', () => {
    const r2 = parseHtml(htmlDoc('<table>\n<tr><th>Code</th><th>Name</th></tr>\n<tr><td>200</td><td>OK</td></tr>\n<tr><td>404</td><td> </td></tr>\n</table>\n'));
    expect(claims(r2).map((c) => c.split(' ')[0])).toEqual(['200']);
    expect(diags(r2)).toEqual(['4:9 warning entry/empty']);
    expect(r2.diagnostics[0]).toMatchObject({ code: '404', message: 'Entry for 404 gives neither a name nor a description' });
    expect(skips(r2)).toContain('4-4 header: the code 404, in a row with no name or description (reported as entry/empty)');
  });

  it('reports the invalid code and the stray punctuation', () => {
    expect(diags(r)).toEqual(['24:85 warning entry/embedded', '25:13 error code/invalid', '26:13 info code/stray-punctuation']);
  });

  it('accounts for every non-blank line: markup, furniture, header, code cells', () => {
    expect(skips(r)).toEqual([
      '1-2 markup: lines holding only markup',
      '3-6 furniture: <head> content (not read)',
      '7-7 markup: lines holding only markup',
      '8-10 furniture: <nav> content (not read)',
      '11-11 heading: heading over entries that carry their own class labels',
      '12-13 markup: lines holding only markup',
      '14-14 header: table header (3 columns)',
      '15-16 markup: lines holding only markup',
      '18-18 markup: lines holding only markup',
      '19-19 header: the code 404, head of the row whose claims follow',
      '23-23 markup: lines holding only markup',
      '25-25 unreadable: row with the invalid code `4O4`',
      '27-28 markup: lines holding only markup',
      '29-31 furniture: <script> content (not read)',
      '32-35 furniture: <footer> content (not read)',
      '36-37 markup: lines holding only markup',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('takes the header from the first row of <th> when there is no <thead>', () => {
    const src = '<table>\n<tr><th>Name</th><th>Code</th></tr>\n<tr><td>Not Found</td><td>404</td></tr>\n</table>';
    const r2 = parseHtml(htmlDoc(src));
    expect(claims(r2)).toEqual(['404 name 3:9-3 Not Found']);
    expect(skips(r2)).toEqual(['1-1 markup: lines holding only markup', '2-2 header: table header (2 columns)', '4-4 markup: lines holding only markup']);
  });
});

describe('html parser: definition lists, lists and headings', () => {
  const { text, r } = fixture('structures.html');

  it('reads <dt>/<dd> (several <dd> joined), list items, and code headings with their paragraphs', () => {
    expect(claims(r)).toEqual([
      '3xx class-name 6:7-6 Redirection messages',
      '301 name 8:19-8 Moved Permanently',
      '301 description 9:9-10 The URL of the requested resource has been changed permanently.\nThe new URL is given in the response.',
      '302 name 11:13-11 Found [Temporary]',
      '302 description 12:12-13 The URI of the requested resource has been changed temporarily.',
      '400 name 16:21-16 Bad Request',
      '400 description 16:43-16 The server cannot or will not process the request.',
      '401 name 17:13-17 Unauthorized',
      '401 description 18:15-18 Authentication is required.',
      '500 name 22:13-22 Internal Server Error',
      '500 description 23:8-25 The server has encountered a situation it does not know how to handle.\nThis is a generic response.',
    ]);
    expect(diags(r)).toEqual([]);
  });

  it('reads nothing from <noscript> or <template>', () => {
    expect(r.claims.some((c) => c.code === '598' || c.code === '599')).toBe(false);
  });

  it('accounts for every non-blank line', () => {
    expect(skips(r)).toEqual([
      '1-4 markup: lines holding only markup',
      '5-5 preamble: <p> outside any entry',
      '7-7 markup: lines holding only markup',
      '14-15 markup: lines holding only markup',
      '19-21 markup: lines holding only markup',
      '26-26 furniture: <noscript> content (not read)',
      '27-27 furniture: <template> content (not read)',
      '28-31 markup: lines holding only markup',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('splits a list item at <br>, and reports an invalid code among entries', () => {
    const src = '<ol>\n  <li><code>404</code> Not Found<br>\n  The server cannot find it.</li>\n  <li>4O4 Typo: not a code</li>\n</ol>';
    const r2 = parseHtml(htmlDoc(src));
    expect(claims(r2)).toEqual(['404 name 2:24-2 Not Found', '404 description 3:3-3 The server cannot find it.']);
    expect(diags(r2)).toEqual(['4:7 error code/invalid']);
    expect(uncovered(src, r2)).toEqual([]);
  });

  it('keeps character references decoded once', () => {
    const r2 = parseHtml(htmlDoc('<ul>\n<li>400 Bad Request: Use &amp;lt; and &lt;b&gt; here</li>\n</ul>'));
    expect(claims(r2)).toEqual(['400 name 2:9-2 Bad Request', '400 description 2:22-2 Use &lt; and <b> here']);
  });

  it('treats a page-furniture paragraph after the last entry as furniture, not description', () => {
    const src = '<h2>404 Not Found</h2>\n<p>Missing.</p>\n<p>Last updated: 2024-05-01</p>';
    const r2 = parseHtml(htmlDoc(src));
    expect(claims(r2)).toEqual(['404 name 1:9-1 Not Found', '404 description 2:4-2 Missing.']);
    expect(skips(r2)).toContain('3-3 furniture: contributor list or update stamp');
  });
});

describe('html parser: damaged input', () => {
  it('reads a file cut off inside a table and warns that it is truncated', () => {
    const { text, r } = fixture('truncated.html');
    expect(claims(r)).toEqual(['200 name 5:21-5 OK', '201 name 6:21-6 Created', '202 name 7:21-7 Acc']);
    expect(diags(r)).toEqual(['7:1 warning html/truncated']);
    expect(r.diagnostics.find((d) => d.ruleId === 'html/truncated')?.message).toContain('<table> (line 3)');
    expect(skips(r)).toEqual(['1-3 markup: lines holding only markup', '4-4 header: table header (2 columns)']);
    expect(uncovered(text, r)).toEqual([]);
  });

  it('warns when the file ends inside a tag or a comment', () => {
    const midTag = parseHtml(htmlDoc('<table>\n<tr><td>202</td><td>Accepted</td></tr>\n<tr><td>203</td><td class="x'));
    expect(claims(midTag)).toEqual(['202 name 2:21-2 Accepted']);
    expect(midTag.diagnostics.find((d) => d.ruleId === 'html/truncated')?.message).toContain('ends inside the tag `<td class="x`');
    const comment = parseHtml(htmlDoc('<dl><dt>200 OK</dt><dd>Fine.</dd></dl>\n<!-- unfinished'));
    expect(diags(comment)).toEqual(['2:1 warning html/truncated']);
  });

  it('does not call a complete document truncated', () => {
    for (const file of ['table.html', 'structures.html']) {
      expect(fixture(file).r.diagnostics.some((d) => d.ruleId === 'html/truncated')).toBe(false);
    }
  });

  it('keeps line numbers with a byte order mark and with CRLF line ends', () => {
    const src = '\uFEFF<!DOCTYPE html>\n<html><body>\n<ul><li>404 Not Found: Gone.</li></ul>\n</body></html>';
    expect(claims(parseHtml(htmlDoc(src)))).toEqual(['404 name 3:13-3 Not Found', '404 description 3:24-3 Gone.']);
    for (const file of ['table.html', 'structures.html']) {
      const { text, r } = fixture(file);
      const crlf = parseHtml(htmlDoc(text.replace(/\n/g, '\r\n'), file));
      expect(claims(crlf)).toEqual(claims(r));
      expect(skips(crlf)).toEqual(skips(r));
    }
  });

  it('never throws, and accounts for every line, on cut-off and odd input', () => {
    const { text } = fixture('table.html');
    const inputs = [
      '',
      '<',
      '<table',
      '</table></dl></ul>',
      '<td>404</td>',
      '<dl><dd>orphan definition</dd></dl>',
      '<ul><li></li><li>404</li></ul>',
      '<h2>404 Not Found</h2>',
      '<table><tr><td colspan="99999">x</td></tr></table>',
      '<svg><text>404 Not Found</text></svg>',
      'plain text 404 Not Found',
      ...Array.from({ length: 60 }, (_, i) => text.slice(0, Math.floor((text.length * i) / 60))),
    ];
    for (const input of inputs) {
      const r = parseHtml(htmlDoc(input));
      expect(uncovered(input, r)).toEqual([]);
    }
  });
});

describe('html parser: blocks and comments nested inside a description', () => {
  const text = [
    '<h2>404 Not Found</h2>', // 1
    '<p>The server cannot find the resource.</p>',
    '<ul><li>Example request:', // 3
    '<pre>GET /secret-example HTTP/1.1</pre>',
    '</li></ul>', // 5
    '<blockquote><table>',
    '<tr><th>Header</th><th>Value</th></tr>', // 7
    '<tr><td>Retry-After</td><td>120 seconds</td></tr>',
    '</table></blockquote>', // 9
    '<div>Note <!-- a remark --> end</div>',
    '<dl><dt>410 Gone</dt><dd>Gone for good.', // 11
    '<pre>GET /old</pre>',
    '<!-- hidden', // 13
    'remark -->',
    '</dd></dl>', // 15
    '<ul><li>451 Unavailable For Legal Reasons: Blocked.', // 16
    '<div><table><tr><td>Law</td><td>Country</td></tr></table></div></li></ul>',
  ].join('\n');
  const r = parseHtml(htmlDoc(text));

  it('keeps preformatted text, tables and comments out of the description', () => {
    expect(claims(r)).toEqual([
      '404 name 1:9-1 Not Found',
      '404 description 2:4-10 The server cannot find the resource.\nExample request:\nNote end',
      '410 name 11:13-11 Gone',
      '410 description 11:26-11 Gone for good.',
      '451 name 16:13-16 Unavailable For Legal Reasons',
      '451 description 16:44-16 Blocked.',
    ]);
  });

  it('records them as skipped, as it does beside a description', () => {
    expect(skips(r)).toEqual([
      '4-4 unreadable: preformatted text inside the entry for 404 (not read as description)',
      '6-9 unreadable: table without status codes inside the entry for 404',
      '10-10 furniture: HTML comment',
      '12-12 unreadable: preformatted text inside the entry for 410 (not read as description)',
      '13-14 furniture: HTML comment',
      '15-15 markup: lines holding only markup',
      '17-17 unreadable: table without status codes inside the entry for 451',
    ]);
    expect(r.diagnostics.filter((d) => d.ruleId === 'skip/unreadable').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'test/fixtures/html/x.html:4:1',
      'test/fixtures/html/x.html:6:1',
      'test/fixtures/html/x.html:12:1',
      'test/fixtures/html/x.html:17:1',
    ]);
    expect(uncovered(text, r)).toEqual([]);
    expect(gaps(r)).toEqual([]);
  });

  it('records a nested block the same way as the same block beside the description', () => {
    const beside = parseHtml(htmlDoc('<h2>404 Not Found</h2>\n<p>Gone.</p>\n<pre>GET /x</pre>\n<!-- c -->'));
    const nested = parseHtml(htmlDoc('<h2>404 Not Found</h2>\n<div><p>Gone.</p>\n<pre>GET /x</pre>\n<!-- c --></div>'));
    expect(skips(nested)).toEqual(skips(beside));
    expect(claims(nested).map((c) => c.replace(/ \d+:\d+-\d+/u, ''))).toEqual(claims(beside).map((c) => c.replace(/ \d+:\d+-\d+/u, '')));
  });

  it('records a comment inside a name or a table cell', () => {
    const src = '<table>\n<tr><th>Code</th><th>Name</th></tr>\n<tr><td>404</td><td>Not <!-- x --> Found</td></tr>\n</table>\n<h2>410 <!--\nold name\n--> Gone</h2>';
    const r2 = parseHtml(htmlDoc(src));
    expect(claims(r2)).toEqual(['404 name 3:21-3 Not Found', '410 name 7:5-7 Gone']);
    expect(skips(r2)).toEqual(expect.arrayContaining(['3-3 furniture: HTML comment', '5-7 furniture: HTML comment']));
  });
});
