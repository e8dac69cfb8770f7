import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyName, editDistance, knownNames } from '../../pipeline/reconcile/rules/names.ts';
import { reconcile } from '../../pipeline/reconcile/index.ts';
import { claim, registries } from './fixtures.ts';

const r = registries();
const index = knownNames(r);
const classify = (name: string, code: string) => classifyName(name, code, r, index);

describe('classifyName', () => {
  it('accepts the registry name as canonical', () => {
    expect(classify('Multiple Choices', '300').kind).toBe('canonical');
  });
  it('calls another letter case a spelling variant', () => {
    expect(classify('multiple choices', '300')).toMatchObject({ kind: 'spelling-variant', origin: 'letter case' });
  });
  it('recognizes an earlier RFC name as historical', () => {
    expect(classify('Moved Temporarily', '302')).toMatchObject({ kind: 'historical', origin: 'RFC 1945' });
  });
  it('recognizes the unofficial meaning of a code as historical', () => {
    expect(classify('Too Many Connections From Your Internet Address', '421').kind).toBe('historical');
  });
  it('recognizes another code’s name as a mislabel, naming that code', () => {
    expect(classify('Multi-Status', '208')).toMatchObject({ kind: 'mislabel', belongsTo: '207' });
  });
  it('calls punctuation and spacing differences spelling variants', () => {
    expect(classify('Multiple-Choices', '300').kind).toBe('spelling-variant');
  });
  it('calls a name a letter away a typo', () => {
    expect(classify('Multiple Choice', '300')).toMatchObject({ kind: 'typo', origin: 'Multiple Choices' });
  });
  it('matches the lifecycle word of a code the registry names only by status', () => {
    expect(classify('unused', '306')).toMatchObject({ kind: 'spelling-variant', origin: '(Unused)' });
  });
  it('calls anything else unknown', () => {
    expect(classify('Totally Different', '300').kind).toBe('unknown');
  });
  it('bounds the edit distance', () => {
    expect(editDistance('abcd', 'abdc', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  });
  it('agrees with the textbook optimal-string-alignment distance, capped at max + 1', () => {
    // The full table, no bound, no reuse: the definition the bounded version must match.
    const osa = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      return d[a.length]![b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(osa(a, b), max + 1));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('names in reconcile', () => {
  const order = new Map([['a', 0], ['b', 1], ['c', 2]]);
  const trust = new Map<string, number>();
  it('keeps the registry name even when most sources agree on another', () => {
    const claims = ['a', 'b', 'c'].map((source, i) => claim('300', 'name', 'Multiple Choice', { source, line: 10 + i }));
    const result = reconcile({ claims, diagnostics: [], registries: r, order, trust });
    const record = result.codes.find((c) => c.code === 300)!;
    expect(record.name).toBe('Multiple Choices');
    expect(record.names.en!.text).toBe('Multiple Choices');
    expect(record.aliases).toEqual([{ name: 'Multiple Choice', kind: 'typo', sources: [{ source: 'a', line: 10 }, { source: 'b', line: 11 }, { source: 'c', line: 12 }] }]);
    expect(result.findings.filter((f) => f.kind === 'name-variant').map((f) => f.id)).toEqual(['name-variant/300/name/en/a', 'name-variant/300/name/en/b', 'name-variant/300/name/en/c']);
  });
  it('reports a mislabel as its own kind, with a message that explains it', () => {
    const result = reconcile({ claims: [claim('208', 'name', 'Multi-Status', { line: 3 })], diagnostics: [], registries: r, order, trust });
    const f = result.findings.find((x) => x.kind === 'mislabelled-name')!;
    expect(f.id).toBe('mislabelled-name/208/name/en/a');
    expect(f.message).toContain('is the name of 207');
    expect(f.resolution).toMatchObject({ chosen: 'Already Reported', rule: 'names/registry-authority' });
    expect(result.codes.find((c) => c.code === 208)!.aliases[0]).toMatchObject({ kind: 'mislabel', belongsTo: 207 });
  });
  it('keeps a name in another language as a localized name, not a conflict', () => {
    const result = reconcile({ claims: [claim('400', 'name', 'درخواست بد', { lang: 'fa' })], diagnostics: [], registries: r, order, trust });
    expect(result.findings.filter((f) => f.field === 'name')).toEqual([]);
    expect(result.codes.find((c) => c.code === 400)!.names.fa!.text).toBe('درخواست بد');
  });
  it('retags an English registry name that a Latin-script document tagged as its own language', () => {
    const result = reconcile({ claims: [claim('400', 'name', 'Bad Request', { lang: 'es' })], diagnostics: [], registries: r, order, trust });
    expect(result.claims[0]!.lang).toBe('en');
  });
  it('turns registry lifecycle words into status, not name', () => {
    const result = reconcile({ claims: [], diagnostics: [], registries: r, order, trust });
    expect(result.codes.find((c) => c.code === 510)).toMatchObject({ name: 'Not Extended', status: 'obsoleted' });
    expect(result.codes.find((c) => c.code === 306)).toMatchObject({ name: null, status: 'unused' });
  });
});
