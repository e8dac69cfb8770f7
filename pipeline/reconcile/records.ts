/**
 * Canonical records: codes from the registry and from every source, the registry's name and
 * status, and per language the chosen name and description (by `chooseCandidate`); every other
 * candidate is kept as an alternate, or as withheld when none could be chosen, with its reason.
 */
import { attestations, compareClaims, groupCandidates, textKey, type Alternate, type Attestation, type Candidate, type LocalizedValue, type SourceOrder } from '../dataset.ts';
import { byCodePoint, pushTo, sortedKeys } from '../order.ts';
import type { Registries } from '../registry.ts';
import type { Claim } from '../types.ts';
import { canonicalName, type AliasKind } from './rules/names.ts';
import { classOf } from '../text/codes.ts';

export type CodeStatus = 'registered' | 'unused' | 'obsoleted' | 'temporary' | 'unofficial' | 'unregistered';

export interface Alias {
  name: string;
  kind: AliasKind;
  /** For a mislabel: the code the name belongs to. */
  belongsTo?: number;
  sources: Attestation[];
}

export interface Withheld extends Alternate {
  field: 'name' | 'description';
  lang: string;
}

export interface UnofficialMeaning {
  name: string;
  origin: string;
  note: string;
}

export interface CodeRecord {
  code: number;
  name: string | null;
  status: CodeStatus;
  class: string;
  reference: string | null;
  aliases: Alias[];
  unofficial: UnofficialMeaning[];
  names: Record<string, LocalizedValue>;
  descriptions: Record<string, LocalizedValue>;
  withheld: Withheld[];
  findings: string[];
  sources: Attestation[];
}

export interface ClassRecord {
  class: string;
  name: string | null;
  reference: string | null;
  names: Record<string, LocalizedValue>;
}

/** A reviewer's decision for one slot: use this text (override) or this candidate (pick). */
export interface Override {
  kind: 'override' | 'pick';
  text: string;
  finding: string;
  /** Line of the decision in decisions.yaml. */
  line: number;
  decisionsSource: string;
}

export interface ChoiceContext {
  order: SourceOrder;
  trust: Map<string, number>;
  /** Claims a rule says must not be chosen, with the reason. */
  rejected: Map<Claim, string>;
  /** Claims with damaged text: chosen only when nothing sound is left. */
  demoted: Map<Claim, string>;
  /** A text the authority gives for this slot (the registry's English name). */
  authority?: { text: string; attestation: Attestation };
  override?: Override;
}

export interface Choice {
  value?: LocalizedValue;
  withheld: Alternate[];
  /** Set when a reviewer's pick names a candidate that no longer exists. */
  missingPick?: Override;
}

/**
 * The written rule, in order: a reviewer's decision; the authority's text (the registry name);
 * then candidates no rule rejected; then sound text before damaged text; then the most trusted
 * source (manifest `trust`); then the most sources; then manifest order and line.
 */
export function chooseCandidate(candidates: Candidate[], ctx: ChoiceContext): Choice {
  const isRejected = (c: Candidate) => c.claims.every((claim) => ctx.rejected.has(claim));
  const isDemoted = (c: Candidate) => c.claims.every((claim) => ctx.demoted.has(claim));
  const trustOf = (c: Candidate) => c.claims.reduce((best, claim) => Math.max(best, ctx.trust.get(claim.source) ?? 1), -Infinity);
  const reasonOf = (c: Candidate, fallback: string) =>
    c.claims.map((claim) => ctx.rejected.get(claim)).find((r) => r !== undefined) ??
    c.claims.map((claim) => ctx.demoted.get(claim)).find((r) => r !== undefined) ??
    fallback;
  // Each candidate's sort keys are worked out once, not once per comparison.
  const keys = new Map(
    candidates.map((c) => [c, { rejected: Number(isRejected(c)), demoted: Number(isDemoted(c)), trust: trustOf(c), sources: new Set(c.claims.map((claim) => claim.source)).size }]),
  );
  const ranked = [...candidates].sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka.rejected - kb.rejected || ka.demoted - kb.demoted || kb.trust - ka.trust || kb.sources - ka.sources || compareClaims(a.claims[0]!, b.claims[0]!, ctx.order);
  });
  const toAlternate = (c: Candidate, fallback: string): Alternate => ({ text: c.text, sources: attestations(c.claims, ctx.order), reason: reasonOf(c, fallback) });

  let winner: Candidate | undefined;
  let value: LocalizedValue | undefined;
  let missingPick: Override | undefined;
  const override = ctx.override;
  if (override?.kind === 'override') {
    value = { text: override.text, sources: [{ source: override.decisionsSource, line: override.line }] };
  } else if (override?.kind === 'pick') {
    winner = candidates.find((c) => textKey(c.text) === textKey(override.text));
    if (winner) value = { text: winner.text, sources: attestations(winner.claims, ctx.order) };
    else missingPick = override;
  }
  if (!value && ctx.authority) {
    const key = textKey(ctx.authority.text);
    winner = candidates.find((c) => textKey(c.text) === key);
    value = { text: ctx.authority.text, sources: [ctx.authority.attestation, ...(winner ? attestations(winner.claims, ctx.order) : [])] };
  }
  if (!value) {
    winner = ranked.find((c) => keys.get(c)!.rejected === 0);
    if (winner) value = { text: winner.text, sources: attestations(winner.claims, ctx.order) };
  }
  const decided = override && value && !missingPick ? ` (reviewer decision ${override.finding})` : '';
  const others = ranked.filter((c) => c !== winner).map((c) => toAlternate(c, ctx.authority ? 'differs from the registry name' : `ranked lower by the choice rule${decided}`));
  if (!value) return { withheld: others, ...(missingPick ? { missingPick } : {}) };
  if (others.length > 0) value.alternates = others;
  return { value, withheld: [], ...(missingPick ? { missingPick } : {}) };
}

export function statusOf(code: string, registries: Registries): CodeStatus {
  const entry = registries.iana.get(code);
  if (entry) return entry.status;
  if (registries.unofficial.has(code)) return 'unofficial';
  return 'unregistered';
}

export interface RecordContext extends Omit<ChoiceContext, 'authority' | 'override'> {
  aliases: Map<string, Alias[]>;
  findingIds: Map<string, Set<string>>;
  overrides: Map<string, Override>;
}

export function slotKey(code: string, field: string, lang: string): string {
  return `${code}|${field}|${lang}`;
}

export interface BuiltRecords {
  codes: CodeRecord[];
  classes: ClassRecord[];
  /** Reviewer picks whose candidate no longer exists. */
  missingPicks: Override[];
}

export function buildRecords(claims: readonly Claim[], registries: Registries, ctx: RecordContext): BuiltRecords {
  const byCode = new Map<string, Claim[]>();
  for (const claim of claims) {
    if (claim.field === 'class-name') continue;
    pushTo(byCode, claim.code, claim);
  }
  const missingPicks: Override[] = [];
  const choose = (candidates: Map<string, Candidate[]>, code: string, field: 'name' | 'description', authority?: ChoiceContext['authority']) => {
    const values: Record<string, LocalizedValue> = {};
    const withheld: Withheld[] = [];
    const langs = new Set([...candidates.keys()]);
    for (const key of ctx.overrides.keys()) {
      const [c, f, l] = key.split('|');
      if (c === code && f === field && l) langs.add(l);
    }
    if (authority) langs.add('en');
    for (const lang of [...langs].sort(byCodePoint)) {
      const override = ctx.overrides.get(slotKey(code, field, lang));
      const choice = chooseCandidate(candidates.get(lang) ?? [], {
        ...ctx,
        ...(lang === 'en' && authority ? { authority } : {}),
        ...(override ? { override } : {}),
      });
      if (choice.missingPick) missingPicks.push(choice.missingPick);
      if (choice.value) values[lang] = choice.value;
      withheld.push(...choice.withheld.map((w) => ({ field, lang, ...w })));
    }
    return { values: sortedKeys(values), withheld };
  };

  const codes = new Set<string>([...registries.iana.keys(), ...byCode.keys()]);
  const records: CodeRecord[] = [];
  for (const code of [...codes].sort(byCodePoint)) {
    const own = byCode.get(code) ?? [];
    const entry = registries.iana.get(code);
    const unofficial = registries.unofficial.get(code) ?? [];
    const name = canonicalName(code, registries);
    const nameSource = entry ? registries.ianaSource : registries.unofficialSource;
    const authority =
      name !== null && nameSource !== undefined
        ? { text: name, attestation: { source: nameSource, line: (entry ?? unofficial[0])!.line } }
        : undefined;
    const names = choose(groupCandidates(own.filter((c) => c.field === 'name'), ctx.order), code, 'name', authority);
    const descriptions = choose(groupCandidates(own.filter((c) => c.field === 'description'), ctx.order), code, 'description');
    const registryMentions: Attestation[] = [];
    if (entry && registries.ianaSource) registryMentions.push({ source: registries.ianaSource, line: entry.line });
    for (const u of unofficial) if (registries.unofficialSource) registryMentions.push({ source: registries.unofficialSource, line: u.line });
    records.push({
      code: Number(code),
      name,
      status: statusOf(code, registries),
      class: classOf(code),
      reference: entry?.reference ?? null,
      aliases: [...(ctx.aliases.get(code) ?? [])].sort((a, b) => byCodePoint(a.name, b.name)),
      unofficial: unofficial.map((u) => ({ name: u.name, origin: u.origin, note: u.note })),
      names: names.values,
      descriptions: descriptions.values,
      withheld: [...names.withheld, ...descriptions.withheld],
      findings: [...(ctx.findingIds.get(code) ?? [])].sort(byCodePoint),
      sources: [...registryMentions, ...attestations(own, ctx.order)],
    });
  }
  const classClaims = claims.filter((c) => c.field === 'class-name');
  const classes: ClassRecord[] = [];
  for (const cls of ['1xx', '2xx', '3xx', '4xx', '5xx']) {
    const names: Record<string, LocalizedValue> = {};
    const reference = registries.classes.get(cls);
    const authority = reference && registries.classesSource ? { text: reference.name, attestation: { source: registries.classesSource, line: reference.line } } : undefined;
    const candidates = groupCandidates(classClaims.filter((c) => c.code === cls), ctx.order);
    const langs = new Set([...candidates.keys(), ...(authority ? ['en'] : [])]);
    // A reviewer's pick or override of a class name in a language (decisions.yaml).
    for (const key of ctx.overrides.keys()) {
      const [c, f, l] = key.split('|');
      if (c === cls && f === 'class-name' && l) langs.add(l);
    }
    for (const lang of [...langs].sort(byCodePoint)) {
      const override = ctx.overrides.get(slotKey(cls, 'class-name', lang));
      const choice = chooseCandidate(candidates.get(lang) ?? [], { ...ctx, ...(lang === 'en' && authority ? { authority } : {}), ...(override ? { override } : {}) });
      if (choice.missingPick) missingPicks.push(choice.missingPick);
      if (choice.value) names[lang] = choice.value;
    }
    classes.push({ class: cls, name: reference?.name ?? null, reference: reference?.reference || null, names: sortedKeys(names) });
  }
  return { codes: records, classes, missingPicks };
}
