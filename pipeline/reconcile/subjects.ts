/**
 * Subjects of status names across languages, from the glossary: `Insufficient Storage` is about
 * `storage`, and so is a Chinese text with 存储 or a Persian one with ذخیره. Lets a rule see that a
 * description talks about another code's subject, in any language the glossary has a column for.
 */
import type { GlossaryConcept } from '../registry.ts';
import { pushTo } from '../order.ts';
import { primarySubtag } from '../text/lang.ts';

/**
 * A trie over lowercase letters: walking a word through it meets every term the word starts with.
 * ASCII letters index an array (the common case, and the fastest step); other letters a map.
 */
interface TrieNode {
  ascii: Array<TrieNode | undefined>;
  other: Map<number, TrieNode>;
  concept?: string;
}

function trieNode(): TrieNode {
  return { ascii: new Array<TrieNode | undefined>(26).fill(undefined), other: new Map() };
}

function child(node: TrieNode, c: number): TrieNode | undefined {
  return c >= 0x61 && c <= 0x7a ? node.ascii[c - 0x61] : node.other.get(c);
}

interface LanguageMatcher {
  /** Single-word Latin terms are word prefixes: `negotiat` matches `negotiation`. */
  prefixes: TrieNode;
  hasPrefixes: boolean;
  /** Other terms (phrases, scripts without spaces) are found as substrings, by their first character. */
  substrings: Map<number, Array<[string, string]>>;
  /** 1 for each UTF-16 unit some substring term starts with: most positions need no map lookup. */
  starts: Uint8Array;
  /** The same terms as a list, searched one by one when there are few of them. */
  terms: Array<[string, string]>;
}

/** Up to this many substring terms, a search per term is faster than a pass over the text. */
const FEW_TERMS = 12;

export class SubjectIndex {
  private readonly byLang = new Map<string, LanguageMatcher>();
  private readonly memo = new Map<string, Map<string, Set<string>>>();
  private readonly termsByConcept = new Map<string, ReadonlyMap<string, string[]>>();

  constructor(glossary: readonly GlossaryConcept[]) {
    for (const concept of glossary) {
      this.termsByConcept.set(concept.concept, concept.terms);
      for (const [lang, terms] of concept.terms) {
        let matcher = this.byLang.get(lang);
        if (!matcher) this.byLang.set(lang, (matcher = { prefixes: trieNode(), hasPrefixes: false, substrings: new Map(), starts: new Uint8Array(0x10000), terms: [] }));
        for (const term of terms) {
          if (/^\p{Script=Latin}+$/u.test(term)) {
            let node = matcher.prefixes;
            for (let i = 0; i < term.length; i++) {
              const c = term.charCodeAt(i);
              let next = child(node, c);
              if (!next) {
                next = trieNode();
                if (c >= 0x61 && c <= 0x7a) node.ascii[c - 0x61] = next;
                else node.other.set(c, next);
              }
              node = next;
            }
            node.concept ??= concept.concept;
            matcher.hasPrefixes = true;
          } else if (term !== '') {
            pushTo(matcher.substrings, term.charCodeAt(0), [term, concept.concept]);
            matcher.starts[term.charCodeAt(0)] = 1;
            matcher.terms.push([term, concept.concept]);
          }
        }
      }
    }
  }

  /** The glossary column a language reads: its own tag's, else its primary subtag's. */
  private columnFor(lang: string): string {
    return this.byLang.has(lang) ? lang : primarySubtag(lang);
  }

  private matcherFor(lang: string): LanguageMatcher | undefined {
    return this.byLang.get(this.columnFor(lang));
  }

  /** The glossary's words for a concept in a language, or undefined when it has none there. */
  termsOf(concept: string, lang: string): readonly string[] | undefined {
    const terms = this.termsByConcept.get(concept)?.get(this.columnFor(lang))?.filter((t) => t !== '');
    return terms && terms.length > 0 ? terms : undefined;
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
          node = child(node, c);
          if (node?.concept !== undefined) out.add(node.concept);
        }
      }
    }
    // Each position is tried against the terms that start with its character: one pass over the
    // text, not one search per term.
    if (matcher.terms.length <= FEW_TERMS) {
      for (const [term, concept] of matcher.terms) if (!out.has(concept) && lower.includes(term)) out.add(concept);
    } else {
      const starts = matcher.starts;
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        if (starts[c] === 0) continue;
        const terms = matcher.substrings.get(c)!;
        for (const [term, concept] of terms) if (!out.has(concept) && lower.startsWith(term, i)) out.add(concept);
      }
    }
    if (memo.size > 100_000) memo.clear();
    memo.set(text, out);
    return out;
  }

  /** Concepts an English status name is about. */
  conceptsOfName(name: string): Set<string> {
    return this.conceptsOf(name, 'en') ?? new Set();
  }
}
