/**
 * Canonical records: codes from the registries and from every source, the registry's name and
 * status, and per language the chosen name and description (by `chooseCandidate`), every other
 * candidate kept as an alternate with its reason.
 */
import { attestations, compareClaims, groupCandidates, textKey, type Alternate, type Attestation, type Candidate, type LocalizedValue, type SourceOrder } from '../dataset.ts';
import { byCodePoint, sortedKeys } from '../order.ts';
import type { Registries } from '../registry.ts';
import type { Claim } from '../types.ts';

export type CodeStatus = 'registered' | 'unused' | 'obsoleted' | 'temporary' | 'unofficial' | 'unregistered';

export interface CodeRecord {
  code: number;
  name: string | null;
  status: CodeStatus;
  class: string;
  reference: string | null;
  names: Record<string, LocalizedValue>;
  descriptions: Record<string, LocalizedValue>;
  sources: Attestation[];
}

export interface ClassRecord {
  class: string;
  names: Record<string, LocalizedValue>;
}

/** Why a candidate must not be chosen, keyed by claim; filled by the reconcile rules. */
export type Rejections = Map<Claim, string>;

export interface ChoiceContext {
  order: SourceOrder;
  trust: Map<string, number>;
  rejected: Rejections;
  /** A text the authority gives for this slot (the registry's English name). */
  authority?: { text: string; attestation: Attestation };
}

/**
 * The written rule, in order: a candidate the authority confirms; then candidates none of whose
 * claims was rejected by a rule; then the most trusted source (manifest `trust`); then the most
 * sources; then manifest order and line (a stable tie-break).
 */
export function chooseCandidate(candidates: Candidate[], ctx: ChoiceContext): LocalizedValue | undefined {
  const authorityKey = ctx.authority ? textKey(ctx.authority.text) : undefined;
  const isRejected = (c: Candidate) => c.claims.every((claim) => ctx.rejected.has(claim));
  const trustOf = (c: Candidate) => Math.max(...c.claims.map((claim) => ctx.trust.get(claim.source) ?? 1));
  const ranked = [...candidates].sort(
    (a, b) =>
      Number(textKey(b.text) === authorityKey) - Number(textKey(a.text) === authorityKey) ||
      Number(isRejected(a)) - Number(isRejected(b)) ||
      trustOf(b) - trustOf(a) ||
      new Set(b.claims.map((c) => c.source)).size - new Set(a.claims.map((c) => c.source)).size ||
      compareClaims(a.claims[0]!, b.claims[0]!, ctx.order),
  );
  const winner = ranked[0];
  if (ctx.authority && (!winner || textKey(winner.text) !== authorityKey)) {
    // The registry's name stands even when no source writes it that way.
    return {
      text: ctx.authority.text,
      sources: [ctx.authority.attestation],
      ...alternatesOf(candidates, ctx, 'differs from the registry name'),
    };
  }
  if (!winner || isRejected(winner)) {
    return undefined;
  }
  const value: LocalizedValue = {
    text: ctx.authority?.text ?? winner.text,
    sources: [...(ctx.authority ? [ctx.authority.attestation] : []), ...attestations(winner.claims, ctx.order)],
  };
  const rest = ranked.slice(1);
  return { ...value, ...alternatesOf(rest, ctx, 'ranked lower by the choice rule') };
}

function alternatesOf(candidates: Candidate[], ctx: ChoiceContext, defaultReason: string): { alternates?: Alternate[] } {
  if (candidates.length === 0) return {};
  return {
    alternates: candidates.map((c) => ({
      text: c.text,
      sources: attestations(c.claims, ctx.order),
      reason: c.claims.map((claim) => ctx.rejected.get(claim)).find((r) => r !== undefined) ?? defaultReason,
    })),
  };
}

export function statusOf(code: string, registries: Registries): CodeStatus {
  const entry = registries.iana.get(code);
  if (entry) return entry.status;
  if (registries.unofficial.has(code)) return 'unofficial';
  return 'unregistered';
}

export function buildRecords(claims: readonly Claim[], registries: Registries, ctx: Omit<ChoiceContext, 'authority'>): { codes: CodeRecord[]; classes: ClassRecord[] } {
  const byCode = new Map<string, Claim[]>();
  for (const claim of claims) {
    if (claim.field === 'class-name') continue;
    byCode.set(claim.code, [...(byCode.get(claim.code) ?? []), claim]);
  }
  const codes = new Set<string>([...registries.iana.keys(), ...byCode.keys()]);
  const records: CodeRecord[] = [];
  for (const code of [...codes].sort(byCodePoint)) {
    const own = byCode.get(code) ?? [];
    const entry = registries.iana.get(code);
    const unofficial = registries.unofficial.get(code)?.[0];
    const name = entry ? entry.name : unofficial ? unofficial.name : null;
    const nameSource = entry ? registries.ianaSource : registries.unofficialSource;
    const authority =
      name !== null && nameSource !== undefined
        ? { text: name, attestation: { source: nameSource, line: (entry ?? unofficial)!.line } }
        : undefined;
    const names: Record<string, LocalizedValue> = {};
    for (const [lang, candidates] of groupCandidates(own.filter((c) => c.field === 'name'), ctx.order)) {
      const chosen = chooseCandidate(candidates, { ...ctx, ...(lang === 'en' && authority ? { authority } : {}) });
      if (chosen) names[lang] = chosen;
    }
    if (authority && !names.en) names.en = { text: authority.text, sources: [authority.attestation] };
    const descriptions: Record<string, LocalizedValue> = {};
    for (const [lang, candidates] of groupCandidates(own.filter((c) => c.field === 'description'), ctx.order)) {
      const chosen = chooseCandidate(candidates, ctx);
      if (chosen) descriptions[lang] = chosen;
    }
    const registryMentions: Attestation[] = [];
    if (entry && registries.ianaSource) registryMentions.push({ source: registries.ianaSource, line: entry.line });
    for (const u of registries.unofficial.get(code) ?? []) {
      if (registries.unofficialSource) registryMentions.push({ source: registries.unofficialSource, line: u.line });
    }
    records.push({
      code: Number(code),
      name,
      status: statusOf(code, registries),
      class: `${code[0]}xx`,
      reference: entry?.reference ?? null,
      names: sortedKeys(names),
      descriptions: sortedKeys(descriptions),
      sources: [...registryMentions, ...attestations(own, ctx.order)],
    });
  }
  const classClaims = claims.filter((c) => c.field === 'class-name');
  const classes: ClassRecord[] = [];
  for (const cls of ['1xx', '2xx', '3xx', '4xx', '5xx']) {
    const names: Record<string, LocalizedValue> = {};
    for (const [lang, candidates] of groupCandidates(classClaims.filter((c) => c.code === cls), ctx.order)) {
      const chosen = chooseCandidate(candidates, ctx);
      if (chosen) names[lang] = chosen;
    }
    classes.push({ class: cls, names: sortedKeys(names) });
  }
  return { codes: records, classes };
}
