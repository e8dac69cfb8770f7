/**
 * Subjects of status names across languages, from the glossary: `Insufficient Storage` is about
 * `storage`, and so is a Chinese text with 存储 or a Persian one with ذخیره. Lets a rule see that a
 * description talks about another code's subject, in any language the glossary has a column for.
 */
import type { GlossaryConcept } from '../registry.ts';
import { primarySubtag } from '../text/lang.ts';

/** A trie over lowercase letters: walking a word through it meets every term the word starts with. */
interface TrieNode {
  next: Map<number, TrieNode>;
  concept?: string;
}

interface LanguageMatcher {
  /** Single-word Latin terms are word prefixes: `negotiat` matches `negotiation`. */
  prefixes: TrieNode;
  hasPrefixes: boolean;
  /** Other terms (phrases, scripts without spaces) are found as substrings. */
  substrings: Array<[string, string]>;
}

export class SubjectIndex {
  private readonly byLang = new Map<string, LanguageMatcher>();
  private readonly memo = new Map<string, Map<string, Set<string>>>();

  constructor(glossary: readonly GlossaryConcept[]) {
    for (const concept of glossary) {
      for (const [lang, terms] of concept.terms) {
        let matcher = this.byLang.get(lang);
        if (!matcher) this.byLang.set(lang, (matcher = { prefixes: { next: new Map() }, hasPrefixes: false, substrings: [] }));
        for (const term of terms) {
          if (/^\p{Script=Latin}+$/u.test(term)) {
            let node = matcher.prefixes;
            for (let i = 0; i < term.length; i++) {
              const c = term.charCodeAt(i);
              let child = node.next.get(c);
              if (!child) node.next.set(c, (child = { next: new Map() }));
              node = child;
            }
            node.concept ??= concept.concept;
            matcher.hasPrefixes = true;
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

  /** Concepts a text mentions, or undefined when the glossary has no terms in its language. */
  conceptsOf(text: string, lang: string): Set<string> | undefined {
    const matcher = this.matcherFor(lang);
    if (!matcher) return undefined;
    let memo = this.memo.get(lang);
    if (!memo) this.memo.set(lang, (memo = new Map()));
    const cached = memo.get(text);
    if (cached) return cached;
    const out = new Set<string>();
    const lower = text.toLowerCase();
    if (matcher.hasPrefixes) {
      // Walk each word (a run of letters) down the trie from its first letter.
      let node: TrieNode | undefined;
      let inWord = false;
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        // Only Latin letters can continue a Latin term; anything else ends the word.
        const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
        if (!letter) {
          inWord = false;
          node = undefined;
          continue;
        }
        if (!inWord) {
          inWord = true;
          node = matcher.prefixes;
        }
        if (node) {
          node = node.next.get(c);
          if (node?.concept !== undefined) out.add(node.concept);
        }
      }
    }
    for (const [term, concept] of matcher.substrings) if (!out.has(concept) && lower.includes(term)) out.add(concept);
    if (memo.size > 100_000) memo.clear();
    memo.set(text, out);
    return out;
  }

  /** Concepts an English status name is about. */
  conceptsOfName(name: string): Set<string> {
    return this.conceptsOf(name, 'en') ?? new Set();
  }
}
