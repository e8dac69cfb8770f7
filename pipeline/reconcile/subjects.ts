/**
 * Subjects of status names across languages, from the glossary: `Insufficient Storage` is about
 * `storage`, and so is a Chinese text with 存储 or a Persian one with ذخیره. Lets a rule see that a
 * description talks about another code's subject, in any language the glossary has a column for.
 */
import type { GlossaryConcept } from '../registry.ts';
import { primarySubtag } from '../text/lang.ts';

interface LanguageMatcher {
  /** Single-word Latin terms are word prefixes: `negotiat` matches `negotiation`. */
  prefixes: Map<string, string>;
  longestPrefix: number;
  /** Other terms (phrases, scripts without spaces) are found as substrings. */
  substrings: Array<[string, string]>;
}

export class SubjectIndex {
  private readonly byLang = new Map<string, LanguageMatcher>();
  private readonly memo = new Map<string, Set<string>>();

  constructor(glossary: readonly GlossaryConcept[]) {
    for (const concept of glossary) {
      for (const [lang, terms] of concept.terms) {
        let matcher = this.byLang.get(lang);
        if (!matcher) this.byLang.set(lang, (matcher = { prefixes: new Map(), longestPrefix: 0, substrings: [] }));
        for (const term of terms) {
          if (/^\p{Script=Latin}+$/u.test(term)) {
            if (!matcher.prefixes.has(term)) matcher.prefixes.set(term, concept.concept);
            matcher.longestPrefix = Math.max(matcher.longestPrefix, term.length);
          } else {
            matcher.substrings.push([term, concept.concept]);
          }
        }
      }
    }
  }

  private matcherFor(lang: string): LanguageMatcher | undefined {
    return this.byLang.get(lang) ?? this.byLang.get(primarySubtag(lang));
  }

  hasLanguage(lang: string): boolean {
    return this.matcherFor(lang) !== undefined;
  }

  /** Concepts a text mentions, or undefined when the glossary has no terms in its language. */
  conceptsOf(text: string, lang: string): Set<string> | undefined {
    const matcher = this.matcherFor(lang);
    if (!matcher) return undefined;
    const key = `${lang}\u0000${text}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const out = new Set<string>();
    const lower = text.toLowerCase();
    if (matcher.prefixes.size > 0) {
      for (const [word] of lower.matchAll(/\p{Script=Latin}+/gu)) {
        for (let n = Math.min(word.length, matcher.longestPrefix); n >= 1; n--) {
          const concept = matcher.prefixes.get(n === word.length ? word : word.slice(0, n));
          if (concept !== undefined) out.add(concept);
        }
      }
    }
    for (const [term, concept] of matcher.substrings) if (!out.has(concept) && lower.includes(term)) out.add(concept);
    if (this.memo.size > 100_000) this.memo.clear();
    this.memo.set(key, out);
    return out;
  }

  /** Concepts an English status name is about. */
  conceptsOfName(name: string): Set<string> {
    return this.conceptsOf(name, 'en') ?? new Set();
  }
}
