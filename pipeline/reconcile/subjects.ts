/**
 * Subjects of status names across languages, from the glossary: `Insufficient Storage` is about
 * `storage`, and so is a Chinese text with 存储 or a Persian one with ذخیره. Lets a rule see that a
 * description talks about another code's subject, in any language the glossary has a column for.
 */
import type { GlossaryConcept } from '../registry.ts';
import { primarySubtag } from '../text/lang.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface LanguageMatcher {
  /** One pass over the text finds every term: an alternation, longest terms first. */
  pattern: RegExp;
  conceptOf: Map<string, string>;
}

export class SubjectIndex {
  private readonly byLang = new Map<string, LanguageMatcher>();

  constructor(glossary: readonly GlossaryConcept[]) {
    const termsByLang = new Map<string, Map<string, string>>();
    for (const concept of glossary) {
      for (const [lang, terms] of concept.terms) {
        const map = termsByLang.get(lang) ?? new Map<string, string>();
        for (const term of terms) if (!map.has(term)) map.set(term, concept.concept);
        termsByLang.set(lang, map);
      }
    }
    for (const [lang, conceptOf] of termsByLang) {
      const alternatives = [...conceptOf.keys()]
        .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
        // Latin-script terms are word prefixes (`negotiat` matches `negotiation`); others are substrings.
        .map((term) => (/^[\p{Script=Latin}\s'-]+$/u.test(term) ? `(?<![\\p{L}])${escapeRegExp(term)}` : escapeRegExp(term)));
      this.byLang.set(lang, { pattern: new RegExp(alternatives.join('|'), 'gu'), conceptOf });
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
    const out = new Set<string>();
    for (const m of text.toLowerCase().matchAll(matcher.pattern)) {
      const concept = matcher.conceptOf.get(m[0]);
      if (concept !== undefined) out.add(concept);
    }
    return out;
  }

  /** Concepts an English status name is about. */
  conceptsOfName(name: string): Set<string> {
    return this.conceptsOf(name, 'en') ?? new Set();
  }
}
