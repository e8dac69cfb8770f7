import { describe, expect, it } from 'vitest';
import { diags, parse, rules, skips, unaccounted, view } from '../helpers.ts';

describe('table parser', () => {
  it('reads a table whose delimiter row does not match the header, and says so', () => {
    const text = ['Код | Meaning |', '---|', '100 | Go on. |', '101 | Switch. |'].join('\n');
    const r = parse(text, 'table', 'ru');
    expect(view(r)).toEqual(['100 description en 3: Go on.', '101 description en 4: Switch.']);
    expect(rules(r)).toContain('2 info table/delimiter-mismatch');
    expect(unaccounted(text, r)).toEqual([]);
  });

  it('joins cells that run over several lines, until a line ends with a pipe', () => {
    const text = [
      'Code | Name | Meaning |',
      '---|---|---|',
      '304 | Not Modified |',
      'Used when the client makes a conditional',
      'GET request. |',
      '305 | Use Proxy | Through a proxy.',
      'Second paragraph. |',
      '307 | Temporary Redirect |',
      'Similar to 302.',
      '|',
    ].join('\n');
    const r = parse(text, 'table');
    expect(view(r)).toEqual([
      '304 name en 3: Not Modified',
      '304 description en 4: Used when the client makes a conditional GET request.',
      '305 name en 6: Use Proxy',
      '305 description en 6: Through a proxy.\nSecond paragraph.',
      '307 name en 8: Temporary Redirect',
      '307 description en 9: Similar to 302.',
    ]);
    expect(r.claims.find((c) => c.code === '307' && c.field === 'description')?.endLine).toBe(10);
    expect(unaccounted(text, r)).toEqual([]);
  });

  it('turns category rows into class names for the class of the next entry', () => {
    const text = ['Status | Message | Meaning |', '---|---|---|', 'Client error | ||', '404 | Not Found | Not there at all. |'].join('\n');
    const r = parse(text, 'table');
    expect(view(r)).toEqual(['4xx class-name en 3: Client error', '404 name en 4: Not Found', '404 description en 4: Not there at all.']);
  });

  it('reads a code cell with stray punctuation and reports it', () => {
    const r = parse(['C | D |', '---|---|', '200. | It worked fine for you. |'].join('\n'), 'table');
    expect(view(r)).toEqual(['200 description en 3: It worked fine for you.']);
    expect(rules(r)).toContain('3 info code/stray-punctuation');
  });

  it('reports an invalid code and reads nothing from its row', () => {
    const r = parse(['C | D |', '---|---|', '4O4 | Missing thing entirely. |'].join('\n'), 'table');
    expect(r.claims).toEqual([]);
    expect(rules(r)).toContain('3 error code/invalid');
  });

  it('recovers an entry carried inside another cell as its own claims', () => {
    const text = ['C | D |', '---|---|', '422 | Semantic error. (RFC 4918) 423 Locked The resource is locked. (RFC 4918) |'].join('\n');
    const r = parse(text, 'table');
    expect(view(r)).toEqual([
      '422 description en 3: Semantic error. (RFC 4918)',
      '423 name en 3: Locked',
      '423 description en 3: The resource is locked. (RFC 4918)',
    ]);
    const embedded = r.claims.filter((c) => c.code === '423');
    expect(embedded.map((c) => c.embeddedIn)).toEqual(['422', '422']);
    expect(embedded[0]!.column).toBe(text.split('\n')[2]!.indexOf('423') + 1);
    expect(rules(r)).toContain('3 warning entry/embedded');
  });

  it('does not split at a code that is only referred to', () => {
    const r = parse(['C | D |', '---|---|', '304 | Return this code. 304 responses are cacheable. |'].join('\n'), 'table');
    expect(r.claims).toHaveLength(1);
  });

  it('reads a header in one language and cells in another, tagging each cell', () => {
    const r = parse(['Код | Описание |', '---|---|', '507 | Сервер не может сохранить содержимое. |', '508 | The server detected a loop. |'].join('\n'), 'table', 'ru');
    expect(r.claims.map((c) => c.lang)).toEqual(['ru', 'en']);
  });

  it('keeps tags out of names and honours escaped pipes', () => {
    const r = parse(['C | N | D |', '---|---|---|', '207 | Multi-Status (WebDAV) | Several a \\| b statuses at once. |'].join('\n'), 'table');
    expect(r.claims[0]).toMatchObject({ text: 'Multi-Status', tags: ['WebDAV'] });
    expect(r.claims[1]!.text).toBe('Several a | b statuses at once.');
  });

  it('reads a table whose header line has no cells as wide as its widest row, and says so', () => {
    const text = '|\n| 100 | Continue |';
    const r = parse(text, 'table');
    expect(view(r)).toEqual(['100 name en 2: Continue']);
    expect(diags(r)).toContain('1:1 warning table/empty-header');
    expect(r.diagnostics.find((d) => d.ruleId === 'table/empty-header')).toMatchObject({ file: 'fixtures/fx.table', line: 1, column: 1 });
    expect(skips(r)).toEqual(['1-1 header: table header (0 columns)']);
    expect(unaccounted(text, r)).toEqual([]);
  });

  it.each([
    ['no option', undefined],
    ['code, name', ['code', 'name'] as const],
    ['code, description', ['code', 'description'] as const],
    ['name, code', ['name', 'code'] as const],
    ['ignore, description', ['ignore', 'description'] as const],
  ])('never throws on a header with no cells (%s)', (_, columns) => {
    for (const text of ['|\n100', '|\n| 100 | Continue |', ' | \n|---|---|\n| 404 | Not Found | Gone. |', '|\n|\nstray line', '|\n| 304 | Not Modified |\nmore text |']) {
      const r = parse(text, 'table', 'en', columns ? { columns: [...columns] } : {});
      expect(diags(r)).toContain('1:1 warning table/empty-header');
    }
  });

  it('reports a row with nothing but its code, instead of dropping it', () => {
    const text = ['Code | Name | Description |', '---|---|---|', '200 | OK | The request succeeded. |', '404 | | |', '405 |', '406 | Not Acceptable | |'].join('\n');
    const r = parse(text, 'table');
    expect(view(r)).toEqual(['200 name en 3: OK', '200 description en 3: The request succeeded.', '406 name en 6: Not Acceptable']);
    expect(diags(r)).toEqual(expect.arrayContaining(['4:1 warning entry/empty', '5:1 warning entry/empty']));
    expect(r.diagnostics.find((d) => d.line === 5)).toMatchObject({ code: '405', message: 'Entry for 405 gives neither a name nor a description' });
    expect(unaccounted(text, r)).toEqual([]);
  });

  it('tells a short table’s names from its descriptions by how the cells end, not only by length', () => {
    // One row: the name has more words than the description, which ends like a sentence.
    const r = parse(['Code | Name | Description |', '---|---|---|', '406 | Not Acceptable | Refused. |'].join('\n'), 'table');
    expect(view(r)).toEqual(['406 name en 3: Not Acceptable', '406 description en 3: Refused.']);
  });

  it('uses the manifest column roles when given', () => {
    const r = parse(['A | B |', '---|---|', '404 | Nope |'].join('\n'), 'table', 'en', { columns: ['code', 'description'] });
    expect(view(r)).toEqual(['404 description en 3: Nope']);
  });
});
