/**
 * The canonical dataset: one record per code, the registry's name and status, and per language
 * the chosen name and description with every source that gave it; other candidates are kept as
 * alternates with the reason they lost. Which candidate wins is decided by `rankCandidates`.
 */
import { byCodePoint, sortedKeys } from './order.ts';
import type { Registries } from './registry.ts';
import type { Claim } from './types.ts';
import type { ManifestEntry } from './manifest.ts';

export interface Attestation {
  source: string;
  line: number;
}

export interface Alternate {
  text: string;
  sources: Attestation[];
  reason: string;
}

export interface LocalizedValue {
  text: string;
  sources: Attestation[];
  alternates?: Alternate[];
}

/** Claims that say the same thing (same text once case and spacing are folded). */
export interface Candidate {
  text: string;
  lang: string;
  claims: Claim[];
}

const textKeys = new Map<string, string>();

/** A text folded for comparison (compatibility forms, case, spacing); memoized, texts repeat a lot. */
export function textKey(text: string): string {
  let key = textKeys.get(text);
  if (key === undefined) {
    // Only runs of white space other than a single U+0020 are replaced, so most texts are not copied again.
    key = text.normalize('NFKC').toLowerCase().replace(/[^\S ]\s*| \s+/gu, ' ').trim();
    if (textKeys.size > 200_000) textKeys.clear();
    textKeys.set(text, key);
  }
  return key;
}

export function attestations(claims: readonly Claim[], order: SourceOrder): Attestation[] {
  const seen = new Set<string>();
  const out: Attestation[] = [];
  for (const c of [...claims].sort((a, b) => compareClaims(a, b, order))) {
    const key = `${c.source}\u0000${c.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ source: c.source, line: c.line });
  }
  return out;
}

/** Source position in the manifest, for a stable order that follows the maintainer's list. */
export type SourceOrder = Map<string, number>;

export function sourceOrder(manifest: readonly ManifestEntry[]): SourceOrder {
  return new Map(manifest.map((m, i) => [m.id, i]));
}

export function compareClaims(a: Claim, b: Claim, order: SourceOrder): number {
  return (
    (order.get(a.source) ?? 1e9) - (order.get(b.source) ?? 1e9) ||
    a.line - b.line ||
    a.column - b.column ||
    byCodePoint(a.field, b.field) ||
    byCodePoint(a.code, b.code)
  );
}

/** Group claims of one field into candidates per language, identical texts merged. */
export function groupCandidates(claims: readonly Claim[], order: SourceOrder): Map<string, Candidate[]> {
  const byLang = new Map<string, Map<string, Candidate>>();
  for (const claim of [...claims].sort((a, b) => compareClaims(a, b, order))) {
    let groups = byLang.get(claim.lang);
    if (!groups) byLang.set(claim.lang, (groups = new Map()));
    const key = textKey(claim.text);
    const existing = groups.get(key);
    if (existing) existing.claims.push(claim);
    else groups.set(key, { text: claim.text, lang: claim.lang, claims: [claim] });
  }
  return new Map([...byLang].map(([lang, groups]) => [lang, [...groups.values()]]));
}
