/** The fast paths of the text-defect rule agree with their plain definitions. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findDefects, lastWordOf } from '../../pipeline/reconcile/rules/defects.ts';
import { claim } from './fixtures.ts';

describe('lastWordOf', () => {
  // Character by character from the end, as first written.
  const plain = (text: string) => {
    const isWordChar = (c: string) => /[\p{L}.]/u.test(c);
    const chars = [...text];
    let end = chars.length;
    while (end > 0 && !isWordChar(chars[end - 1]!)) end--;
    let start = end;
    while (start > 0 && isWordChar(chars[start - 1]!)) start--;
    return start === end ? undefined : chars.slice(start, end).join('').toLowerCase().replace(/\.$/, '');
  };

  it('finds the last run of letters and dots', () => {
    expect(lastWordOf('Sent when the request is for the')).toBe('the');
    expect(lastWordOf('for example, e.g.')).toBe('e.g');
    expect(lastWordOf('the end.')).toBe('end');
    expect(lastWordOf('數字 123')).toBe('數字');
    expect(lastWordOf('123 !')).toBeUndefined();
  });

  it('agrees with the character-by-character definition', () => {
    const text = fc.array(fc.constantFrom('a', 'B', '.', ' ', '1', ',', 'ی', '好', '😀', '𝒜', ')', '\ud835'), { maxLength: 14 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(lastWordOf(t)).toBe(plain(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('run-together tokens', () => {
  it('are found in capitals and camel case, and not in ordinary capitalised words', () => {
    const kinds = (text: string) => findDefects(claim('405', 'description', text)).map((d) => d.kind);
    expect(kinds('The methods GETHEAD are allowed.')).toContain('run-together');
    expect(kinds('The methods GetHead are allowed.')).toContain('run-together');
    expect(kinds('The Server understands the Request method.')).not.toContain('run-together');
  });
});
