import { describe, expect, it } from 'vitest';
import { Findings, findingId } from '../../pipeline/reconcile/findings.ts';
import { reconcile } from '../../pipeline/reconcile/index.ts';
import { parseIanaRegistry, parseUnofficialRegistry } from '../../pipeline/registry.ts';
import { buildErrorOf } from '../helpers.ts';
import { claim, registries } from './fixtures.ts';

const r = registries();

describe('finding ids', () => {
  it('keep every slot in place, so findings of different shapes cannot collide', () => {
    expect(findingId({ kind: 'missing-description', code: '400', field: 'description', source: 'en' })).toBe('missing-description/400/description/-/en');
    expect(findingId({ kind: 'missing-description', code: '400', field: 'description', locale: 'en' })).toBe('missing-description/400/description/en/-');
    expect(findingId({ kind: 'text-defect', qualifier: 'truncated', code: '304', field: 'description', locale: 'en', source: 's' })).toBe('text-defect:truncated/304/description/en/s');
  });
  it('do not collide when a source is named like a language', () => {
    const result = reconcile({ claims: [claim('400', 'name', 'Bad Request', { source: 'en' })], diagnostics: [], registries: r, order: new Map([['en', 0]]), trust: new Map() });
    const ids = result.findings.filter((f) => f.code === '400').map((f) => `${f.id} ${f.severity}`);
    expect(ids).toEqual(['missing-description/400/description/-/en info', 'missing-description/400/description/en/- warning']);
  });
});

describe('merging findings with one id', () => {
  const base = { kind: 'name-variant' as const, code: '302', field: 'name' as const, locale: 'en', source: 'x' };
  it('takes the higher severity and the status it calls for, and keeps both messages and rejections', () => {
    const findings = new Findings();
    findings.add({ ...base, severity: 'info', message: 'first', resolution: { rule: 'r', action: 'a', rejected: [{ text: 'Moved Temporarily', source: 'x', line: 1, reason: 'historical' }] }, candidates: ['Moved Temporarily'] });
    findings.add({ ...base, severity: 'warning', message: 'second', resolution: { rule: 'r', action: 'a', rejected: [{ text: 'Fuond', source: 'x', line: 2, reason: 'typo' }] }, candidates: ['Fuond'] });
    const [f] = findings.all();
    expect(f).toMatchObject({ severity: 'warning', status: 'open', message: 'first\nsecond' });
    expect(f!.resolution.rejected!.map((x) => x.text)).toEqual(['Moved Temporarily', 'Fuond']);
  });
  it('gives the same fingerprint whatever order the inputs came in', () => {
    const one = (texts: string[]) => {
      const findings = new Findings();
      for (const t of texts) findings.add({ ...base, severity: 'info', message: t, resolution: { rule: 'r', action: 'a' }, candidates: [t] });
      return findings.all()[0]!.fingerprint;
    };
    expect(one(['A', 'B'])).toBe(one(['B', 'A']));
    expect(one(['A', 'B'])).not.toBe(one(['A', 'C']));
  });
});

describe('registry input', () => {
  const csv = (rows: string) => `Value,Description,Reference\n${rows}`;
  const errorOf = buildErrorOf;
  it('refuses a value that is not a status code, naming the line', () => {
    expect(errorOf(() => parseIanaRegistry(csv('200,OK,\n600,Too Far,\n'), 'iana.csv'))).toMatch(/^iana\.csv:3: `600` is not a status code/);
    expect(errorOf(() => parseUnofficialRegistry('Value,Name,Origin,Note\nabc,X,Y,Z\n', 'u.csv'))).toMatch(/^u\.csv:2: `abc` is not a status code/);
  });
  it('refuses a code listed twice, naming both lines', () => {
    expect(errorOf(() => parseIanaRegistry(csv('404,Not Found,\n404,Not Found Twice,\n'), 'iana.csv'))).toMatch(/Code 404 is listed twice \(lines 2 and 3\)/);
  });
  it('refuses a registry with no rows or without its columns', () => {
    expect(errorOf(() => parseIanaRegistry('Value,Description,Reference\n', 'iana.csv'))).toMatch(/CSV has no data rows/);
    expect(errorOf(() => parseIanaRegistry('Code,Text\n200,OK\n', 'iana.csv'))).toMatch(/CSV has no `Value` column/);
  });
});
