/**
 * Reconcile on the real sources. The list below is what a careful reviewer finds reading the five
 * documents side by side (worked out by hand from the documents, not copied from the output).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSources } from '../pipeline/load.ts';
import { build } from '../pipeline/build.ts';
import type { Finding } from '../pipeline/reconcile/findings.ts';

const loaded = loadSources(path.join(import.meta.dirname, '..', 'sources'));
const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics });
const findings = result.findings;
const byId = new Map(findings.map((f) => [f.id, f]));
const dataset = JSON.parse(result.files.get('http-status-codes.json')!);
const record = (code: number) => dataset.codes.find((c: { code: number }) => c.code === code);

describe('what a careful reviewer finds in the real sources', () => {
  it.each([
    // 300: three of five call it "Multiple Choice"; the registry decides, not the majority.
    ['name-variant/300/name/en/fa-prose', 'warning'],
    ['name-variant/300/name/en/zh-hant-list', 'warning'],
    ['name-variant/300/name/en/zh-hans-list', 'warning'],
    // 208: two lists call it by 207's name.
    ['mislabelled-name/208/name/en/zh-hant-list', 'warning'],
    ['mislabelled-name/208/name/en/zh-hans-list', 'warning'],
    // 101: "Switching Protocol" is a letter short.
    ['name-variant/101/name/en/zh-hant-list', 'warning'],
    // Names from earlier RFCs.
    ['name-variant/302/name/en/en-table', 'info'],
    ['name-variant/413/name/en/en-table', 'info'],
    ['name-variant/416/name/en/zh-hans-list', 'info'],
    ['name-variant/422/name/en/fa-prose', 'info'],
    ['name-variant/504/name/en/en-table', 'info'],
    // 422 twice in the Russian-header table; the first copy is 421's text.
    ['duplicate-entry/422/description/en/ru-table', 'warning'],
    ['misattributed-description/422/description/en/ru-table', 'error'],
    // 423 run into the second 422 cell.
    ['embedded-entry/423/-/-/ru-table', 'warning'],
    // Two lists give 507 the description of 506.
    ['misattributed-description/507/description/en/zh-hant-list', 'error'],
    ['misattributed-description/507/description/zh-Hans/zh-hans-list', 'error'],
    // The table gives 421 and 425 meanings that are not the registered ones.
    ['semantic-conflict/421/description/en/ru-table', 'warning'],
    ['semantic-conflict/425/description/en/ru-table', 'warning'],
    // The Simplified Chinese list calls 4xx and 5xx "client response" and "server response": no error.
    ['semantic-conflict:class-subject/4xx/class-name/zh-Hans/zh-hans-list', 'warning'],
    ['semantic-conflict:class-subject/5xx/class-name/zh-Hans/zh-hans-list', 'warning'],
    // Codes in no registry, or only in the unofficial list.
    ['unregistered-code/449/-/-/-', 'info'],
    ['unregistered-code/509/-/-/-', 'info'],
    // Cut off, masked, mangled.
    ['text-defect:truncated/304/description/en/en-table', 'warning'],
    ['text-defect:truncated/406/description/en/en-table', 'warning'],
    ['text-defect:truncated/504/description/en/en-table', 'warning'],
    ['text-defect:masked/510/description/ru/ru-table', 'warning'],
    ['text-defect:masked/451/description/zh-Hans/zh-hans-list', 'warning'],
    ['text-defect:run-together/501/description/zh-Hans/zh-hans-list', 'warning'],
    ['text-defect:unresolved-entity/411/description/en/en-table', 'warning'],
    ['text-defect:mixed-language/200/description/zh-Hant/zh-hant-list', 'info'],
    ['text-defect:class-range/3xx/-/-/fa-prose', 'warning'],
    // The Traditional Chinese list names codes without describing them.
    ['missing-description/400/description/-/zh-hant-list', 'info'],
  ])('%s (%s)', (id, severity) => {
    const f = byId.get(id);
    expect(f, `missing finding ${id}`).toBeDefined();
    expect(f!.severity).toBe(severity);
    expect(f!.sources.length).toBeGreaterThan(0);
    expect(f!.message.length).toBeGreaterThan(20);
  });

  it('questions only the class names that leave out a subject (the Persian ones say all of theirs)', () => {
    expect(findings.filter((f) => f.id.startsWith('semantic-conflict:class-subject/')).map((f) => f.id)).toEqual([
      'semantic-conflict:class-subject/4xx/class-name/zh-Hans/zh-hans-list',
      'semantic-conflict:class-subject/5xx/class-name/zh-Hans/zh-hans-list',
    ]);
  });

  it('raises no misattribution beyond the known ones and the ambiguous 302/307 copy', () => {
    expect(findings.filter((f) => f.kind === 'misattributed-description').map((f) => f.id).sort()).toEqual([
      'misattributed-description/302/description/zh-Hans/zh-hans-list',
      'misattributed-description/307/description/zh-Hans/zh-hans-list',
      'misattributed-description/422/description/en/ru-table',
      'misattributed-description/507/description/en/zh-hant-list',
      'misattributed-description/507/description/zh-Hans/zh-hans-list',
    ]);
  });

  it('keeps canonical names from the registry and aliases with provenance', () => {
    expect(record(300).name).toBe('Multiple Choices');
    expect(record(300).aliases).toEqual([
      { name: 'Multiple Choice', kind: 'typo', sources: [{ source: 'fa-prose', line: 81 }, { source: 'zh-hant-list', line: 36 }, { source: 'zh-hans-list', line: 47 }] },
    ]);
    expect(record(208).aliases[0]).toMatchObject({ name: 'Multi-Status', kind: 'mislabel', belongsTo: 207 });
    expect(record(306)).toMatchObject({ name: null, status: 'unused' });
    expect(record(510)).toMatchObject({ name: 'Not Extended', status: 'obsoleted' });
    expect(record(509)).toMatchObject({ status: 'unofficial', name: 'Bandwidth Limit Exceeded' });
    expect(record(101).names.fa.text).toBe('پروتکل سوئیچینگ');
  });

  it('never shows a description that belongs to another code', () => {
    expect(record(507).descriptions.en).toBeUndefined();
    expect(record(507).descriptions['zh-Hans']).toBeUndefined();
    expect(record(507).withheld.map((w: { lang: string }) => w.lang).sort()).toEqual(['en', 'zh-Hans']);
    expect(record(422).descriptions.en.text).toMatch(/^The request was formatted correctly/);
    expect(record(421).descriptions.en.text).toMatch(/^The request was directed at a server/);
    expect(record(423).names.en.sources).toEqual(expect.arrayContaining([{ source: 'ru-table', line: 49 }]));
  });

  it('prefers complete text to truncated text', () => {
    expect(record(304).descriptions.en.sources[0].source).not.toBe('en-table');
  });

  it('lists every source that mentions a code', () => {
    expect([...new Set(record(404).sources.map((s: { source: string }) => s.source))]).toEqual(['iana', 'fa-prose', 'ru-table', 'zh-hant-list', 'en-table', 'zh-hans-list']);
  });

  it('writes a report with counts first, evidence with file:line, and a decision snippet', () => {
    const md = result.files.get('conflicts.md')!;
    expect(md.indexOf('## Counts by kind')).toBeLessThan(md.indexOf('## Findings by code'));
    expect(md).toContain('sources/001_be3ea27c154908aa.txt:48:7');
    expect(md).toMatch(/```yaml\nmisattributed-description\/507\/description\/en\/zh-hant-list:\n  action: accept/);
  });
});

describe('finding ids', () => {
  it('stay the same when an unrelated line is added to a source', () => {
    const shifted = loaded.sources.map((s) => (s.entry.id === 'ru-table' ? { ...s, text: s.text.replace('\n100 |', '\n\n100 |') } : s.entry.id === 'zh-hans-list' ? { ...s, text: `页面标题\n\n${s.text}` } : s));
    const again = build({ sources: shifted, diagnostics: [] });
    const ids = (list: Finding[]) => list.map((f) => f.id).sort();
    expect(ids(again.findings)).toEqual(ids(findings));
    // The lines moved, the ids did not.
    expect(again.findings.find((f) => f.id === 'duplicate-entry/422/description/en/ru-table')!.sources[0]!.line).toBe(49);
  });
});
