/**
 * Descriptions that belong elsewhere: a text near-identical to another code's text, a text about
 * another code's subject and not its own, and a text that gives a code its historical or vendor
 * meaning (from the unofficial list) instead of the registered one.
 */
import type { Registries, UnofficialEntry } from '../../registry.ts';
import type { Claim } from '../../types.ts';
import { nearDuplicates } from '../similarity.ts';
import type { SubjectIndex } from '../subjects.ts';
import { canonicalName } from './names.ts';

export const NEAR_IDENTICAL = 0.8;
const MIN_COMPARED_LENGTH = 20;
/** A subject is distinctive in a language when at most this share of its descriptions mention it. */
export const DISTINCTIVE_SHARE = 0.05;
export const DISTINCTIVE_MIN = 3;

export interface Misattribution {
  claim: Claim;
  /** The code the text belongs to, when it can be told. */
  belongsTo?: string;
  /** The other claim with the same text, for near-identical texts. */
  twin?: Claim;
  reason: 'near-identical' | 'other-subject';
  /** False when the rule cannot tell which of two codes the text belongs to. */
  certain: boolean;
  similarity?: number;
}

function mentionsCode(text: string, code: string): boolean {
  return new RegExp(`(?<![0-9])${code}(?![0-9])`, 'u').test(text);
}

/** Does the text speak of `code`'s own subject? undefined when the glossary cannot tell. */
function aboutOwnSubject(claim: Claim, code: string, registries: Registries, subjects: SubjectIndex): boolean | undefined {
  const name = canonicalName(code, registries);
  if (!name) return undefined;
  const own = subjects.conceptsOfName(name);
  const found = subjects.conceptsOf(claim.text, claim.lang);
  if (own.size === 0 || !found) return undefined;
  return [...own].some((c) => found.has(c));
}

/** Near-identical descriptions given to different codes (within one language). */
export function findNearIdentical(descriptions: readonly Claim[], registries: Registries, subjects: SubjectIndex): Misattribution[] {
  // Texts under 20 characters are too short to call near-identical; they get no signature at all.
  const pairs = nearDuplicates(
    descriptions.filter((c) => c.text.length >= MIN_COMPARED_LENGTH),
    (c) => c.text,
    NEAR_IDENTICAL,
    (a, b) => a.code !== b.code && a.lang === b.lang,
    (c) => `${c.lang}\u0000${c.code}`,
  );
  const out: Misattribution[] = [];
  const perSourceCode = new Map<string, number>();
  for (const d of descriptions) perSourceCode.set(`${d.source}\u0000${d.code}`, (perSourceCode.get(`${d.source}\u0000${d.code}`) ?? 0) + 1);
  const sameSourceSameCode = (c: Claim) => (perSourceCode.get(`${c.source}\u0000${c.code}`) ?? 0) > 1;
  for (const { a, b, similarity } of pairs) {
    const aOwn = aboutOwnSubject(a, a.code, registries, subjects);
    const bOwn = aboutOwnSubject(b, b.code, registries, subjects);
    // The text fits one code's subject and not the other's: the other copy is misplaced.
    if (aOwn === true && bOwn === false) out.push({ claim: b, belongsTo: a.code, twin: a, reason: 'near-identical', certain: true, similarity });
    else if (bOwn === true && aOwn === false) out.push({ claim: a, belongsTo: b.code, twin: b, reason: 'near-identical', certain: true, similarity });
    // One source gives a code twice and one copy is another code's text: that copy is misplaced.
    else if (sameSourceSameCode(b) && !sameSourceSameCode(a)) out.push({ claim: b, belongsTo: a.code, twin: a, reason: 'near-identical', certain: true, similarity });
    else if (sameSourceSameCode(a) && !sameSourceSameCode(b)) out.push({ claim: a, belongsTo: b.code, twin: b, reason: 'near-identical', certain: true, similarity });
    else {
      out.push({ claim: a, twin: b, reason: 'near-identical', certain: false, similarity });
      out.push({ claim: b, twin: a, reason: 'near-identical', certain: false, similarity });
    }
  }
  return out;
}

/**
 * A description that names none of its own code's subject but all of another code's (two or more
 * subjects, so a passing word is not enough), and does not mention that code by number
 * (which would make it a comparison, not a mix-up).
 */
export function findOtherSubject(descriptions: readonly Claim[], registries: Registries, subjects: SubjectIndex): Misattribution[] {
  // A subject many descriptions of a language mention (headers, sizes) says nothing about which
  // code a text is for; only subjects few texts mention count.
  const documentFrequency = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const conceptsByClaim = new Map<Claim, Set<string>>();
  for (const claim of descriptions) {
    const found = subjects.conceptsOf(claim.text, claim.lang);
    if (!found) continue;
    conceptsByClaim.set(claim, found);
    totals.set(claim.lang, (totals.get(claim.lang) ?? 0) + 1);
    const df = documentFrequency.get(claim.lang) ?? new Map<string, number>();
    for (const c of found) df.set(c, (df.get(c) ?? 0) + 1);
    documentFrequency.set(claim.lang, df);
  }
  const distinctive = (lang: string, concept: string) =>
    (documentFrequency.get(lang)?.get(concept) ?? 0) <= Math.max(DISTINCTIVE_MIN, (totals.get(lang) ?? 0) * DISTINCTIVE_SHARE);
  const named = [...registries.iana.values()]
    .filter((e) => e.name !== null)
    .map((e) => ({ code: e.code, concepts: [...subjects.conceptsOfName(e.name!)] }))
    .filter((e) => e.concepts.length >= 2);
  const out: Misattribution[] = [];
  for (const claim of descriptions) {
    if (aboutOwnSubject(claim, claim.code, registries, subjects) !== false) continue;
    const found = conceptsByClaim.get(claim)!;
    const matches = named.filter(
      (n) => n.code !== claim.code && n.concepts.every((c) => found.has(c) && distinctive(claim.lang, c)) && !mentionsCode(claim.text, n.code),
    );
    if (matches.length === 0) continue;
    const best = Math.max(...matches.map((m) => m.concepts.length));
    const top = matches.filter((m) => m.concepts.length === best);
    if (top.length !== 1) continue;
    out.push({ claim, belongsTo: top[0]!.code, reason: 'other-subject', certain: true });
  }
  return out;
}

const STOP = new Set('a an the of to in on at by for from with and or is are be your you too many some used usage also'.split(' '));

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w)).map((w) => w.slice(0, 6));
}

export interface MeaningConflict {
  claim: Claim;
  meaning: UnofficialEntry;
  score: number;
}

/**
 * English descriptions of a registered code that speak of its unofficial meaning (the unofficial
 * list's name, and the origin that names it) rather than its registered name.
 */
export function findOtherMeanings(descriptions: readonly Claim[], registries: Registries): MeaningConflict[] {
  const out: MeaningConflict[] = [];
  for (const claim of descriptions) {
    if (claim.lang !== 'en') continue;
    const entry = registries.iana.get(claim.code);
    const meanings = registries.unofficial.get(claim.code);
    // A code the registry keeps only as unused has no registered meaning for another to conflict with.
    if (!entry || entry.name === null || !meanings) continue;
    const words = new Set(contentWords(claim.text));
    const overlap = (text: string) => {
      const ws = [...new Set(contentWords(text))];
      return ws.length === 0 ? 0 : ws.filter((w) => words.has(w)).length / ws.length;
    };
    const registered = entry.name ? overlap(entry.name) : 0;
    for (const meaning of meanings) {
      const nameScore = overlap(meaning.name);
      const withOrigin = overlap(`${meaning.name} ${meaning.origin}`);
      const score = Math.max(nameScore, withOrigin);
      const hits = [...new Set(contentWords(`${meaning.name} ${meaning.origin}`))].filter((w) => words.has(w)).length;
      if (score >= 0.5 && hits >= 1 && registered === 0) out.push({ claim, meaning, score });
    }
  }
  return out;
}
