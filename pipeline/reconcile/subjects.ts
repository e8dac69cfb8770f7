/**
 * Subjects of status names across languages, from the glossary: `Insufficient Storage` is about
 * `storage`, and so is a Chinese text with 存储 or a Persian one with ذخیره. Lets a rule see that a
 * description talks about another code's subject, in any language the glossary has a column for.
 */
import type { GlossaryConcept } from '../registry.ts';
import { primarySubtag } from '../text/lang.ts';

interface CompiledTerm {
  concept: string;
  test: (lowerText: string) => boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class SubjectIndex {
  private readonly byLang = new Map<string, CompiledTerm[]>();

  constructor(glossary: readonly GlossaryConcept[]) {
    for (const concept of glossary) {
      for (const [lang, terms] of concept.terms) {
        const list = this.byLang.get(lang) ?? [];
        for (const term of terms) {
          // Latin-script terms are word prefixes (`negotiat` matches `negotiation`); others are substrings.
          const test = /^[\p{Script=Latin}\s'-]+$/u.test(term)
            ? ((re: RegExp) => (t: string) => re.test(t))(new RegExp(`(?<![\\p{L}])${escapeRegExp(term)}`, 'u'))
            : (t: string) => t.includes(term);
          list.push({ concept: concept.concept, test });
        }
        this.byLang.set(lang, list);
      }
    }
  }

  private termsFor(lang: string): CompiledTerm[] | undefined {
    return this.byLang.get(lang) ?? this.byLang.get(primarySubtag(lang));
  }

  hasLanguage(lang: string): boolean {
    return this.termsFor(lang) !== undefined;
  }

  /** Concepts a text mentions, or undefined when the glossary has no terms in its language. */
  conceptsOf(text: string, lang: string): Set<string> | undefined {
    const terms = this.termsFor(lang);
    if (!terms) return undefined;
    const lower = text.toLowerCase();
    const out = new Set<string>();
    for (const term of terms) if (!out.has(term.concept) && term.test(lower)) out.add(term.concept);
    return out;
  }

  /** Concepts an English status name is about. */
  conceptsOfName(name: string): Set<string> {
    return this.conceptsOf(name, 'en') ?? new Set();
  }
}
