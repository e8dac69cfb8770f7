import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyName, editDistance, findClassNameGaps, knownNames } from '../../pipeline/reconcile/rules/names.ts';
import { SubjectIndex } from '../../pipeline/reconcile/subjects.ts';
import { parseClassNames, parseGlossary } from '../../pipeline/registry.ts';
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

describe('class names that leave out a subject of the registry name', () => {
  // A glossary with words for the class subjects in two languages, and none for `client` in ru.
  const glossary = parseGlossary('concept,en,zh-Hans,ru\nclient,client,客户端,\nerror,error,错误;出错,ошиб\nsuccess,success,成功,успеш\n', 'glossary.csv');
  const withClasses = () => {
    const reg = registries();
    reg.glossary = glossary;
    reg.classes = parseClassNames('Class,Name,Reference\n2xx,Successful,x\n4xx,Client Error,x\n', 'classes.csv');
    reg.classesSource = 'classes';
    return reg;
  };
  const reg = withClasses();
  const subjects = new SubjectIndex(glossary);
  const gaps = (claims: ReturnType<typeof claim>[]) => findClassNameGaps(claims, reg, subjects).map((g) => `${g.claim.text}: ${g.missing.map((m) => `${m.concept}=${m.terms.join('|')}`).join(' ')}`);

  it('finds the subject a class name leaves out, with the words the glossary has for it', () => {
    expect(gaps([claim('4xx', 'class-name', '客户端响应', { lang: 'zh-Hans' })])).toEqual(['客户端响应: error=错误|出错']);
    expect(gaps([claim('4xx', 'class-name', '响应', { lang: 'zh-Hans' })])).toEqual(['响应: client=客户端 error=错误|出错']);
  });
  it('accepts a class name that says every subject, in any of the glossary’s words, and English by prefix', () => {
    expect(gaps([claim('4xx', 'class-name', '客户端出错', { lang: 'zh-Hans' }), claim('2xx', 'class-name', '成功响应', { lang: 'zh-Hans' }), claim('4xx', 'class-name', 'Client errors', { lang: 'en' })])).toEqual([]);
  });
  it('does not hold a subject against a language the glossary has no word for it in, nor judge a language it lacks', () => {
    expect(gaps([claim('4xx', 'class-name', 'Ошибка', { lang: 'ru' })])).toEqual([]);
    expect(gaps([claim('4xx', 'class-name', 'Erreur client', { lang: 'fr' })])).toEqual([]);
    // Only class names are judged, and only for classes the registry of classes names.
    expect(gaps([claim('400', 'name', '响应', { lang: 'zh-Hans' }), claim('3xx', 'class-name', '响应', { lang: 'zh-Hans' })])).toEqual([]);
  });
  it('reports it once per source and class, ranks the name below sound ones, and keeps it when it is the only one', () => {
    const order = new Map([['a', 0], ['b', 1]]);
    const claims = [
      claim('4xx', 'class-name', '客户端响应', { lang: 'zh-Hans', source: 'a', line: 2 }),
      claim('4xx', 'class-name', '客户端响应', { lang: 'zh-Hans', source: 'a', line: 9 }),
      claim('4xx', 'class-name', '客户端错误', { lang: 'zh-Hans', source: 'b', line: 4 }),
      claim('2xx', 'class-name', '响应', { lang: 'zh-Hans', source: 'b', line: 3 }),
    ];
    const result = reconcile({ claims, diagnostics: [], registries: withClasses(), order, trust: new Map() });
    const found = result.findings.filter((f) => f.kind === 'semantic-conflict');
    expect(found.map((f) => `${f.id} ${f.severity} ${f.sources.map((e) => e.line).join(',')}`)).toEqual([
      'semantic-conflict:class-subject/4xx/class-name/zh-Hans/a warning 2,9',
      'semantic-conflict:class-subject/2xx/class-name/zh-Hans/b warning 3',
    ]);
    expect(found[0]!.message).toBe('The zh-Hans name a gives the class 4xx, “客户端响应”, does not say error (“错误” or “出错”), as the class\'s name “Client Error” does.');
    const names = (cls: string) => result.classes.find((c) => c.class === cls)!.names['zh-Hans']!;
    // Source a comes first in the manifest, but its name leaves out the error.
    expect(names('4xx').text).toBe('客户端错误');
    expect(names('2xx').text).toBe('响应');
  });
});
