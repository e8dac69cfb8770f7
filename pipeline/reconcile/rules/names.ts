/**
 * Names against the registry: every English name a source gives that differs from the canonical
 * one is kept as an alias and classified. The registry decides; a majority of sources never does.
 */
import { textKey } from '../../dataset.ts';
import { byCodePoint } from '../../order.ts';
import type { Registries } from '../../registry.ts';
import type { Claim } from '../../types.ts';
import type { SubjectIndex } from '../subjects.ts';

export type AliasKind = 'historical' | 'spelling-variant' | 'typo' | 'mislabel' | 'unknown';

export interface NameClass {
  kind: 'canonical' | AliasKind;
  /** For a mislabel: the code whose name it is. For historical names: where the name comes from. */
  belongsTo?: string;
  origin?: string;
}

interface KnownName {
  code: string;
  origin: string;
}

/** Every English name the authorities know, folded, to the codes (and documents) that use it. */
export function knownNames(registries: Registries): Map<string, KnownName[]> {
  const index = new Map<string, KnownName[]>();
  const add = (name: string | null, code: string, origin: string) => {
    if (!name) return;
    const key = textKey(name);
    const list = index.get(key) ?? [];
    if (!list.some((k) => k.code === code)) list.push({ code, origin });
    index.set(key, list);
  };
  for (const e of registries.iana.values()) add(e.name, e.code, 'IANA registry');
  for (const list of registries.historical.values()) for (const h of list) add(h.name, h.code, h.reference);
  for (const list of registries.unofficial.values()) for (const u of list) add(u.name, u.code, u.origin);
  return index;
}

function alnumFold(text: string): string {
  return textKey(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Damerau-Levenshtein distance (optimal string alignment), bounded: returns max+1 when above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows (the transposition looks two rows back), reused from call to call.
  const width = b.length + 1;
  if (rowScratch.length < width * 3) rowScratch = new Int32Array(width * 6);
  let older = rowScratch.subarray(0, width);
  let prev = rowScratch.subarray(width, width * 2);
  let row = rowScratch.subarray(width * 2, width * 3);
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, older[j - 2]! + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [older, prev, row] = [prev, row, older];
  }
  return Math.min(prev[width - 1]!, max + 1);
}

let rowScratch = new Int32Array(256);

/**
 * Classify a name given for `code`: the canonical name; a historical name (an earlier RFC's, or the
 * code's unofficial meaning); a mislabel (another code's name); a spelling variant (differs only
 * in case, spacing or punctuation); a typo (a letter or two away); or unknown.
 */
export function classifyName(name: string, code: string, registries: Registries, index: Map<string, KnownName[]>): NameClass {
  const entry = registries.iana.get(code);
  const canonical = canonicalName(code, registries);
  const key = textKey(name);
  const exactHistorical = (registries.historical.get(code) ?? []).find((h) => h.name === name && h.name !== canonical);
  if (exactHistorical) return { kind: 'historical', origin: exactHistorical.reference };
  if (canonical !== null && key === textKey(canonical)) return name === canonical ? { kind: 'canonical' } : { kind: 'spelling-variant', origin: 'letter case' };
  const known = index.get(key) ?? [];
  const own = known.find((k) => k.code === code);
  if (own) return { kind: 'historical', origin: own.origin };
  const other = known.find((k) => k.code !== code);
  if (other) return { kind: 'mislabel', belongsTo: other.code, origin: other.origin };
  const references = [canonical, ...(registries.historical.get(code) ?? []).map((h) => h.name)].filter((n): n is string => n !== null);
  // A registry that gives only a lifecycle word ("(Unused)") is matched by that word.
  if (entry && entry.name === null) references.push(entry.status);
  for (const ref of references) {
    if (alnumFold(ref) === alnumFold(name)) return { kind: 'spelling-variant', origin: ref === entry?.status ? `(${ref[0]!.toUpperCase()}${ref.slice(1)})` : ref };
  }
  for (const ref of references) {
    const a = textKey(ref);
    const max = Math.max(1, Math.floor(a.length * 0.15));
    if (editDistance(a, key, max) <= max) return { kind: 'typo', origin: ref };
  }
  return { kind: 'unknown' };
}

/** The registry's name; for a code only the unofficial list knows, that list's name; else null. */
export function canonicalName(code: string, registries: Registries): string | null {
  const entry = registries.iana.get(code);
  if (entry) return entry.name;
  return registries.unofficial.get(code)?.[0]?.name ?? null;
}

/** A name a source tagged with another Latin-script language that is really a known English name. */
export function isKnownEnglishName(claim: Claim, index: Map<string, KnownName[]>): boolean {
  return claim.field === 'name' && claim.lang !== 'en' && /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u.test(claim.text) && index.has(textKey(claim.text));
}

export interface ClassNameGap {
  claim: Claim;
  /** The class's name in the registry of classes. */
  registryName: string;
  /** Subjects of the registry name the class name leaves out, with the glossary's words for them. */
  missing: Array<{ concept: string; terms: readonly string[] }>;
}

/**
 * Class names that leave out a subject of the class's registry name, in a language the glossary
 * has words for that subject in: a name for `Client Error` that speaks of the client and a
 * response but no error says something else. A subject the glossary has no word for in the
 * language is not held against it.
 */
export function findClassNameGaps(claims: readonly Claim[], registries: Registries, subjects: SubjectIndex): ClassNameGap[] {
  const out: ClassNameGap[] = [];
  for (const claim of claims) {
    if (claim.field !== 'class-name') continue;
    const registryName = registries.classes.get(claim.code)?.name;
    if (!registryName) continue;
    const found = subjects.conceptsOf(claim.text, claim.lang);
    if (!found) continue;
    const missing: ClassNameGap['missing'] = [];
    for (const concept of [...subjects.conceptsOfName(registryName)].sort(byCodePoint)) {
      const terms = subjects.termsOf(concept, claim.lang);
      if (terms && !found.has(concept)) missing.push({ concept, terms });
    }
    if (missing.length > 0) out.push({ claim, registryName, missing });
  }
  return out;
}
