/**
 * No input makes a parser slow: lines of megabytes and tens of thousands of short lines parse in
 * time proportional to their size. The bound is generous (machines differ); each case takes well
 * under it. `SHOW_TIMINGS=1` prints the time of every case. Before the fixes that came with this
 * file (3 MB inputs, a 2-core machine): the table parser never finished a table header followed
 * by a line of spaces, nor a header of a million columns over many rows; splitNameAndTags took
 * 208 s on a run of `(a)` groups; readCodeToken and normalizeText did not finish on a code
 * followed by punctuation or on many different unknown references; Markdown took 3-6 s on a
 * line of `|` or `1 (` or on 50,000 short lines; HTML 2-3 s on most lines. All now take well
 * under a second, except where micromark or parse5 alone take about that long.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PARSERS } from '../pipeline/parsers/index.ts';
import { findEmbeddedEntries, splitNameAndTags } from '../pipeline/parsers/entries.ts';
import { normalizeText } from '../pipeline/text/normalize.ts';
import { detectLang } from '../pipeline/text/lang.ts';
import { readCodeToken } from '../pipeline/text/codes.ts';
import type { Format, ParseResult } from '../pipeline/types.ts';
import { doc } from './helpers.ts';

const BOUND_MS = 10_000;
const SIZE = 3_000_000;

const repeat = (unit: string, size = SIZE): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** One line of several megabytes, for every parser. */
const LONG_LINES: Record<string, () => string> = {
  'a': () => repeat('a'),
  'digits': () => repeat('0123456789'),
  '(': () => repeat('('),
  '|': () => repeat('|'),
  '1 (': () => repeat('1 ('),
  ': 100 (': () => repeat(': 100 ('),
  '&amp without semicolons': () => repeat('&amp'),
  'Persian without spaces': () => repeat('کدوضعیتپاسخسرور'),
  'Chinese without spaces': () => repeat('状态码请求成功服务器'),
};

/**
 * Shapes that were quadratic in the line-based parsers and the text helpers (a run of spaces
 * split between two `\s*`, a trailing group matched from every position, punctuation after a
 * code, a search of the defects so far for each reference, tags unshifted one by one).
 */
const ADVERSARIAL: Record<string, () => string> = {
  'spaces then a letter': () => `${repeat(' ', SIZE - 1)}x`,
  'a pipe, spaces, a letter': () => `|${repeat(' ', SIZE - 2)}x`,
  'a table header, then spaces and a letter': () => `Code | Name |\n${repeat(' ', SIZE - 15)}x`,
  'a header of a million columns over many short rows': () => `${repeat('|', SIZE / 3)}\n${repeat('100|\n', SIZE / 3)}`,
  'a code, then punctuation': () => `1${repeat('.', SIZE - 2)}x`,
  'parenthesized groups': () => `x${repeat('(a) ')}`,
  ')': () => repeat(')'),
  'different unknown references': () => Array.from({ length: SIZE / 10 }, (_, i) => `&a${i.toString(36)};`).join(''),
  'entries run together': () => repeat('. 404 Not Found Here the text. '),
};

/** 50,000 short lines of digits and pipes. */
const MANY_LINES = (): string =>
  Array.from({ length: 50_000 }, (_, i) => {
    switch (i % 4) {
      case 0:
        return String(100 + (i % 500));
      case 1:
        return `| ${i} |`;
      case 2:
        return '|||';
      default:
        return `${i % 1000} | ${i}`;
    }
  }).join('\n');

const timings: string[] = [];

function timed<T>(label: string, fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  timings.push(`${label}: ${Math.round(ms)} ms`);
  return { result, ms };
}

function checkPositions(text: string, r: ParseResult): void {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  for (const c of r.claims) {
    expect(c.line).toBeGreaterThanOrEqual(1);
    expect(c.endLine).toBeGreaterThanOrEqual(c.line);
    expect(c.endLine).toBeLessThanOrEqual(lines);
    expect(c.column).toBeGreaterThanOrEqual(1);
  }
}

const FORMATS = Object.keys(PARSERS) as Format[];

describe.each(FORMATS)('%s parser', (format) => {
  const inputs: Record<string, () => string> = {
    ...LONG_LINES,
    '50,000 short lines of digits and pipes': MANY_LINES,
    // micromark and parse5 take up to a second for each input of this size on their own (which
    // keeps this file's time in check); the line-based parsers, where the quadratic steps were,
    // get the extra shapes too.
    ...(format === 'markdown' || format === 'html' ? {} : ADVERSARIAL),
  };
  it.each(Object.keys(inputs))('%s', (name) => {
    const text = inputs[name]!();
    const { result, ms } = timed(`${format} / ${name}`, () => PARSERS[format](doc(text, format)));
    expect(ms).toBeLessThan(BOUND_MS);
    checkPositions(text, result);
  });
});

describe('text helpers', () => {
  const inputs = { ...LONG_LINES, ...ADVERSARIAL, '50,000 short lines of digits and pipes': MANY_LINES };
  const helpers: Record<string, (text: string) => unknown> = {
    normalizeText: (t) => normalizeText(t, 'fa'),
    detectLang: (t) => detectLang(t, 'en'),
    readCodeToken: (t) => readCodeToken(t),
    findEmbeddedEntries: (t) => findEmbeddedEntries(t, '100'),
    splitNameAndTags: (t) => splitNameAndTags(t),
  };
  it.each(Object.keys(inputs))('%s', (name) => {
    const text = inputs[name as keyof typeof inputs]!();
    for (const [helper, run] of Object.entries(helpers)) {
      const { ms } = timed(`${helper} / ${name}`, () => run(text));
      expect(ms, helper).toBeLessThan(BOUND_MS);
    }
  });
});

describe('documents nested or marked up too heavily for the tree parsers', () => {
  it.each([
    ['html', '<div>'.repeat(100_000)],
    ['html', '<ul><li>100 Continue'.repeat(20_000)],
    ['html', '<b>'.repeat(100_000)],
    ['markdown', `${'>'.repeat(100_000)} 100 Continue`],
    ['markdown', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i)}- 100 Continue`).join('\n')],
    ['markdown', `${'*'.repeat(50_000)}x${'*'.repeat(50_000)}`],
    ['markdown', `${'['.repeat(50_000)}x${']'.repeat(50_000)}`],
    ['markdown', repeat('*a', 200_000)],
    ['markdown', Array.from({ length: 40_000 }, () => '1 & 2').join('\n')],
  ] as Array<[Format, string]>)('%s: refused with an error, quickly, not a stack overflow (%#)', (format, text) => {
    const { result, ms } = timed(`${format} / nested ${text.slice(0, 12)}`, () => PARSERS[format](doc(text, format)));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(result.claims).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual([format === 'html' ? 'html/too-deep' : 'markdown/too-complex']);
    checkPositions(text, result);
  });

  it('nesting a real document could have is read', () => {
    const html = `${'<div>'.repeat(400)}<dl><dt>404 Not Found</dt><dd>Gone.</dd></dl>${'</div>'.repeat(400)}`;
    expect(PARSERS.html(doc(html, 'html')).claims.map((c) => `${c.code} ${c.field} ${c.text}`)).toEqual(['404 name Not Found', '404 description Gone.']);
    const md = `${'> '.repeat(50)}- 404 Not Found: Gone.`;
    expect(PARSERS.markdown(doc(md, 'markdown')).claims.map((c) => `${c.code} ${c.field} ${c.text}`)).toEqual(['404 name Not Found', '404 description Gone.']);
  });
});

afterAll(() => {
  if (process.env.SHOW_TIMINGS) process.stdout.write(`${timings.join('\n')}\n`);
});
