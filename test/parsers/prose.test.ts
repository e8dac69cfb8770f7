import { describe, expect, it } from 'vitest';
import { diags, parse, rules, skips, unaccounted, view } from '../helpers.ts';
import { readProseHeader } from '../../pipeline/parsers/prose.ts';

describe('prose header shapes', () => {
  it.each([
    [': 100(continue)', '100', '(continue)', ''],
    ['(پروتکل) : 101 switching protocol', '101', 'switching protocol', '(پروتکل)'],
    ['103 Early Hints : (اشاره)', '103', 'Early Hints', '(اشاره)'],
    [':201 (Created)', '201', '(Created)', ''],
    [': ۴۰۴ (Not Found)', '404', '(Not Found)', ''],
  ])('%s', (line, code, name, other) => {
    const h = readProseHeader(line)!;
    expect(h.token).toMatchObject({ kind: 'code', code });
    expect(h.name).toBe(name);
    expect(h.other).toBe(other);
  });
  it('is not fooled by a description line with a colon', () => {
    expect(readProseHeader('GET: the resource is in the body')).toBeUndefined();
    expect(readProseHeader('Location: 301 is permanent, and more words follow here')).toBeUndefined();
  });
});

describe('prose parser', () => {
  const text = [
    'Status codes (an introduction)', // 1
    '',
    '1. Informational (100-199):', // 3
    '',
    '(ادامه) : 100 continue', // 5
    '',
    'First paragraph.', // 7
    '',
    'GET: second paragraph.', // 9
    '',
    ': 207 (Multi-Status (WebDAV))', // 11
    '',
    'About several resources.', // 13
    '',
    '3. Redirects (300-999)', // 15
    '',
    ':507 (Insufficient Storage (WebDAV)', // 17
    'Storage is full.', // 18
  ].join('\n');
  const r = parse(text, 'prose', 'fa');

  it('reads names in both languages, tags and multi-paragraph descriptions', () => {
    expect(view(r)).toEqual([
      '1xx class-name en 3: Informational',
      '100 name en 5: continue',
      '100 name fa 5: ادامه',
      '100 description en 7: First paragraph.\nGET: second paragraph.',
      '207 name en 11: Multi-Status',
      '207 description en 13: About several resources.',
      '3xx class-name en 15: Redirects',
      '507 name en 17: Insufficient Storage',
      '507 description en 18: Storage is full.',
    ]);
    expect(r.claims.find((c) => c.code === '207')?.tags).toEqual(['WebDAV']);
    expect(r.claims.find((c) => c.code === '100' && c.field === 'description')?.endLine).toBe(9);
  });

  it('reports unbalanced parentheses, a bad class range, and the preamble', () => {
    expect(rules(r)).toEqual(expect.arrayContaining(['1 info skip/preamble', '15 warning class/range', '17 warning name/unbalanced-parentheses']));
    expect(unaccounted(text, r)).toEqual([]);
  });

  it('reports an invalid code and keeps its description out of other entries', () => {
    const bad = parse([': 4O4 (Not Found)', 'Text of a broken entry.', ': 405 (Method Not Allowed)', 'Real text.'].join('\n'), 'prose');
    expect(view(bad)).toEqual(['405 name en 3: Method Not Allowed', '405 description en 4: Real text.']);
    expect(rules(bad)).toEqual(expect.arrayContaining(['1 error code/invalid', '1 info skip/unreadable']));
  });

  it('reports a class heading whose range is in no class 1xx-5xx, and reads no class name from it', () => {
    const text = 'Custom vendor errors (600-699):\n: 100 (Continue)\nThe client should continue.\n\nOlder codes (۰۰۰-۰۹۹)\n: 101 (Switching Protocols)\nSwitching.\n';
    const r = parse(text, 'prose');
    expect(view(r)).toEqual([
      '100 name en 2: Continue',
      '100 description en 3: The client should continue.',
      '101 name en 6: Switching Protocols',
      '101 description en 7: Switching.',
    ]);
    expect(diags(r)).toEqual(['1:1 warning class/invalid', '5:1 warning class/invalid']);
    expect(r.diagnostics.find((d) => d.ruleId === 'class/invalid')).toMatchObject({ file: 'fixtures/fx.prose', line: 1, column: 1, code: '600-699' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'class/invalid').map((d) => d.code)).toEqual(['600-699', '000-099']);
    expect(skips(r)).toEqual([
      '1-1 heading: class heading for the range 600-699, outside the classes 1xx-5xx',
      '5-5 heading: class heading for the range 000-099, outside the classes 1xx-5xx',
    ]);
    expect(unaccounted(text, r)).toEqual([]);
  });

  it('still reads a class heading whose range only ends outside its class', () => {
    const r = parse('  Server errors (500-699):\n: 503 (Service Unavailable)\nLater.', 'prose');
    expect(view(r)[0]).toBe('5xx class-name en 1: Server errors');
    expect(diags(r)).toEqual(['1:3 warning class/range']);
  });
});
