/**
 * Reconcile: all claims and the authorities in, canonical records and findings out. Each rule
 * lives in rules/ and is general; this module runs them in order and turns what they found into
 * findings, aliases, and the rejections and demotions the choice rule honours.
 */
import { pushTo } from '../order.ts';
import { textKey, type SourceOrder } from '../dataset.ts';
import type { Registries } from '../registry.ts';
import type { Claim, Diagnostic } from '../types.ts';
import { Findings, evidenceOf, type Finding, type Rejected } from './findings.ts';
import { buildRecords, type Alias, type ClassRecord, type CodeRecord } from './records.ts';
import { applyDecisions, type Decision } from '../decisions.ts';
import { canonicalName, classifyName, findClassNameGaps, isKnownEnglishName, knownNames, type AliasKind } from './rules/names.ts';
import { findDefects } from './rules/defects.ts';
import { findNearIdentical, findOtherMeanings, findOtherSubject } from './rules/meaning.ts';
import { diagnosticFinding, findDuplicateEntries, findMissingDescriptions } from './rules/structure.ts';
import { SubjectIndex } from './subjects.ts';

export interface ReconcileInput {
  claims: Claim[];
  diagnostics: Diagnostic[];
  registries: Registries;
  order: SourceOrder;
  trust: Map<string, number>;
  /** Reviewer decisions (sources/decisions.yaml), applied after the rules ran. */
  decisions?: { list: readonly Decision[]; file: string; source: string };
}

export interface ReconcileResult {
  claims: Claim[];
  codes: CodeRecord[];
  classes: ClassRecord[];
  findings: Finding[];
}

const ALIAS_SEVERITY: Record<AliasKind, 'info' | 'warning'> = {
  historical: 'info',
  'spelling-variant': 'info',
  typo: 'warning',
  mislabel: 'warning',
  unknown: 'warning',
};

function quote(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ');
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

function firstPerSource(claims: readonly Claim[]): Claim[] {
  const seen = new Set<string>();
  return claims.filter((c) => !seen.has(c.source) && seen.add(c.source) !== undefined);
}

function where(c: Claim): string {
  return `${c.source}:${c.line}`;
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const { registries, order, trust } = input;
  const names = knownNames(registries);
  const subjects = new SubjectIndex(registries.glossary);
  const findings = new Findings();
  const rejected = new Map<Claim, string>();
  const demoted = new Map<Claim, string>();
  const aliases = new Map<string, Alias[]>();
  const aliasByKey = new Map<string, Alias>();
  const findingIds = new Map<string, Set<string>>();
  const link = (code: string, f: Finding) => findingIds.set(code, (findingIds.get(code) ?? new Set()).add(f.id));

  // A Latin-script name that is a known English name is English, whatever the document's language.
  const claims = input.claims.map((c) => (isKnownEnglishName(c, names) ? { ...c, lang: 'en' } : c));

  // Names: the registry decides; every other English name is an alias with a classification.
  for (const claim of claims) {
    if (claim.field !== 'name' || claim.lang !== 'en') continue;
    const cls = classifyName(claim.text, claim.code, registries, names);
    if (cls.kind === 'canonical') continue;
    const aliasKey = `${claim.code}\u0000${claim.text}`;
    const existing = aliasByKey.get(aliasKey);
    if (existing) existing.sources.push({ source: claim.source, line: claim.line });
    else {
      const alias: Alias = { name: claim.text, kind: cls.kind, ...(cls.belongsTo ? { belongsTo: Number(cls.belongsTo) } : {}), sources: [{ source: claim.source, line: claim.line }] };
      aliasByKey.set(aliasKey, alias);
      pushTo(aliases, claim.code, alias);
    }
    const canonical = canonicalName(claim.code, registries);
    const explanation =
      cls.kind === 'mislabel'
        ? `${quote(claim.text)} is the name of ${cls.belongsTo} (${cls.origin}), not of ${claim.code}`
        : cls.kind === 'historical'
          ? `${quote(claim.text)} is an earlier or unofficial name of ${claim.code} (${cls.origin})`
          : cls.kind === 'spelling-variant'
            ? `${quote(claim.text)} differs from ${cls.origin === 'letter case' ? `the registry name only in letter case` : `${quote(cls.origin ?? '')} only in spelling, spacing or punctuation`}`
            : cls.kind === 'typo'
              ? `${quote(claim.text)} is a letter or two away from ${quote(cls.origin ?? '')}`
              : `${quote(claim.text)} matches no name the registries know for ${claim.code}`;
    const f = findings.add({
      kind: cls.kind === 'mislabel' ? 'mislabelled-name' : 'name-variant',
      severity: ALIAS_SEVERITY[cls.kind],
      code: claim.code,
      field: 'name',
      locale: 'en',
      source: claim.source,
      claims: [claim],
      message: `${claim.source} names ${claim.code} ${quote(claim.text)}; the registry name is ${canonical === null ? `absent (the code is ${registries.iana.get(claim.code)?.status ?? 'unregistered'})` : quote(canonical)}. ${explanation}.`,
      resolution: {
        rule: 'names/registry-authority',
        action: `Kept the registry name; recorded ${quote(claim.text)} as a ${cls.kind} alias.`,
        chosen: canonical,
        rejected: [{ text: claim.text, source: claim.source, line: claim.line, reason: cls.kind }],
      },
      candidates: [claim.text, canonical ?? ''],
    });
    link(claim.code, f);
  }

  // Class names that leave out a subject of the registry's class name say something else.
  for (const { claim: c, registryName, missing } of findClassNameGaps(claims, registries, subjects)) {
    const left = missing.map((m) => `${m.concept} (${m.terms.map((t) => quote(t)).join(' or ')})`).join(', ');
    if (!demoted.has(c)) demoted.set(c, `class name without ${missing.map((m) => m.concept).join(', ')}`);
    findings.add({
      kind: 'semantic-conflict',
      qualifier: 'class-subject',
      severity: 'warning',
      code: c.code,
      field: 'class-name',
      locale: c.lang,
      source: c.source,
      claims: [c],
      message: `The ${c.lang} name ${c.source} gives the class ${c.code}, ${quote(c.text)}, does not say ${left}, as the class's name ${quote(registryName)} does.`,
      resolution: {
        rule: 'names/class-subject',
        action: `Kept, ranked below ${c.lang} class names that say every subject of ${quote(registryName)}; a reviewer can override it.`,
      },
    });
  }

  const descriptions = claims.filter((c) => c.field === 'description');

  // Descriptions that belong to another code are never chosen for this one.
  for (const m of [...findNearIdentical(descriptions, registries, subjects), ...findOtherSubject(descriptions, registries, subjects)]) {
    const c = m.claim;
    const why =
      m.reason === 'near-identical'
        ? `is near-identical (${Math.round((m.similarity ?? 1) * 100)}% similar) to the description ${m.twin!.source} gives ${m.twin!.code} at line ${m.twin!.line}`
        : `speaks of the subject of ${m.belongsTo} (${registries.iana.get(m.belongsTo!)?.name}) and not of ${c.code} (${registries.iana.get(c.code)?.name ?? 'unnamed'})`;
    if (m.certain) rejected.set(c, `belongs to ${m.belongsTo}: ${why}`);
    const f = findings.add({
      kind: 'misattributed-description',
      severity: m.certain ? 'error' : 'warning',
      code: c.code,
      field: 'description',
      locale: c.lang,
      source: c.source,
      claims: m.twin ? [c, m.twin] : [c],
      message: m.certain
        ? `The ${c.lang} description ${c.source} gives ${c.code} ${why}; it belongs to ${m.belongsTo}.`
        : `The ${c.lang} description ${c.source} gives ${c.code} ${why}; at most one of the two codes can be right, and the rules cannot tell which.`,
      resolution: m.certain
        ? { rule: `descriptions/${m.reason}`, action: `Not used for ${c.code}; kept as a rejected alternate.`, rejected: [{ text: c.text, source: c.source, line: c.line, reason: `belongs to ${m.belongsTo}` }] }
        : { rule: 'descriptions/near-identical', action: 'Kept for both codes; needs a reviewer.' },
      candidates: [c.text],
    });
    link(c.code, f);
  }

  // Descriptions giving a registered code its historical or vendor meaning.
  for (const { claim: c, meaning } of findOtherMeanings(descriptions, registries)) {
    const entry = registries.iana.get(c.code)!;
    rejected.set(c, `describes the unofficial meaning ${quote(meaning.name)} (${meaning.origin})`);
    const f = findings.add({
      kind: 'semantic-conflict',
      severity: 'warning',
      code: c.code,
      field: 'description',
      locale: c.lang,
      source: c.source,
      claims: [c],
      message: `${c.source} describes ${c.code} as ${quote(meaning.name)} (${meaning.origin}${meaning.note ? `; ${meaning.note}` : ''}), not as the registered ${entry.name ? quote(entry.name) : `(${entry.status}) code`}.`,
      resolution: {
        rule: 'descriptions/registered-meaning',
        action: `Not used as the description of ${c.code}; kept as an alternate that records the other meaning.`,
        rejected: [{ text: c.text, source: c.source, line: c.line, reason: `unofficial meaning ${meaning.name}` }],
      },
    });
    link(c.code, f);
  }

  // A code given twice by one source: keep the copy no rule rejected, else the first.
  for (const group of findDuplicateEntries(claims)) {
    const kept = group.find((c) => !rejected.has(c)) ?? group[0]!;
    const dropped = group.filter((c) => c !== kept);
    for (const c of dropped) if (!rejected.has(c)) rejected.set(c, `duplicate entry; ${where(kept)} is kept`);
    const first = group[0]!;
    const f = findings.add({
      kind: 'duplicate-entry',
      severity: 'warning',
      code: first.code,
      field: first.field === 'name' ? 'name' : 'description',
      locale: first.lang,
      source: first.source,
      claims: group,
      message: `${first.source} gives ${first.code} ${group.length} ${first.field}s (lines ${group.map((c) => c.line).join(', ')}). The copy at line ${kept.line} is kept${rejected.has(kept) ? '' : dropped.some((c) => rejected.get(c)?.startsWith('belongs')) ? ' because the other copy is another code’s text' : ' because it is the first'}.`,
      resolution: {
        rule: 'structure/duplicate-entry',
        action: `Kept the copy at line ${kept.line}.`,
        chosen: kept.text,
        rejected: dropped.map((c): Rejected => ({ text: c.text, source: c.source, line: c.line, reason: rejected.get(c) ?? 'duplicate' })),
      },
    });
    link(first.code, f);
  }

  // Damaged text is kept but ranked below sound text.
  for (const c of claims) {
    for (const d of findDefects(c)) {
      if (d.demote && !demoted.has(c)) demoted.set(c, `text defect: ${d.kind}`);
      const f = findings.add({
        kind: 'text-defect',
        qualifier: d.kind,
        severity: d.demote ? 'warning' : 'info',
        code: c.code,
        field: c.field,
        locale: c.lang,
        source: c.source,
        claims: [c],
        message: `The ${c.lang} ${c.field} ${c.source} gives ${c.code} ${d.detail}.`,
        resolution: d.demote
          ? { rule: `text/${d.kind}`, action: 'Kept, ranked below sound candidates in the same language.' }
          : { rule: `text/${d.kind}`, action: 'Kept as written; noted for translators.' },
      });
      link(c.code, f);
    }
  }

  // Codes in neither registry, and unofficial codes, are kept and reported.
  const mentioned = new Map<string, Claim[]>();
  for (const c of claims) if (c.field !== 'class-name') pushTo(mentioned, c.code, c);
  for (const [code, list] of mentioned) {
    if (registries.iana.has(code)) continue;
    const unofficial = registries.unofficial.get(code);
    const unassigned = registries.unassigned.some(([lo, hi]) => Number(code) >= lo && Number(code) <= hi);
    const f = findings.add({
      kind: 'unregistered-code',
      severity: unofficial ? 'info' : 'warning',
      code,
      // One piece of evidence per source is enough to show where the code appears.
      claims: firstPerSource(list),
      message: unofficial
        ? `${code} is not in the IANA registry${unassigned ? ' (the range is unassigned)' : ''}; it is known as ${unofficial.map((u) => `${quote(u.name)} (${u.origin})`).join(', ')}.`
        : `${code} is in neither the IANA registry${unassigned ? ' (the range is unassigned)' : ''} nor the unofficial list; ${[...new Set(list.map((c) => c.source))].join(', ')} mention${list.length === 1 ? 's' : ''} it.`,
      resolution: { rule: 'codes/unregistered', action: `Kept with status ${unofficial ? 'unofficial' : 'unregistered'}.` },
    });
    link(code, f);
  }

  for (const m of findMissingDescriptions(claims)) {
    const f = findings.add({
      kind: 'missing-description',
      severity: 'info',
      code: m.code,
      field: 'description',
      source: m.source,
      claims: m.claims,
      message: `${m.source} lists ${m.code} (${quote(m.claims[0]!.text, 40)}) without a description.`,
      resolution: { rule: 'coverage/missing-description', action: 'Other sources’ descriptions are used.' },
    });
    link(m.code, f);
  }

  // English ends every locale's fallback chain: a code with no usable English description is
  // reported so a reviewer can supply one (override) instead of consumers seeing another language.
  const usable = new Map<string, Claim[]>();
  for (const c of descriptions) if (!rejected.has(c)) pushTo(usable, c.code, c);
  for (const code of new Set([...registries.iana.keys(), ...mentioned.keys()])) {
    const others = usable.get(code) ?? [];
    if (others.some((c) => c.lang === 'en')) continue;
    const f = findings.add({
      kind: 'missing-description',
      severity: 'warning',
      code,
      field: 'description',
      locale: 'en',
      claims: others,
      message: `No source gives ${code} a usable English description${others.length > 0 ? `; there are descriptions in ${[...new Set(others.map((c) => c.lang))].join(', ')}` : ''}. English ends every locale's fallback chain.`,
      resolution: {
        rule: 'coverage/english-fallback',
        action: others.length > 0 ? 'Locale files fall back past English to another language, marked with its tag.' : 'Locale files have no description for this code.',
      },
      candidates: others.map((c) => c.text),
    });
    link(code, f);
  }

  for (const d of input.diagnostics) {
    const mapped = diagnosticFinding(d);
    if (!mapped) continue;
    const code = d.code ?? '';
    const f = findings.add({
      kind: mapped.kind,
      ...(mapped.qualifier ? { qualifier: mapped.qualifier } : {}),
      severity: d.severity,
      code,
      source: d.source,
      evidence: [{ source: d.source, line: d.line, column: d.column, excerpt: d.excerpt ?? '' }],
      message: `${d.file}:${d.line}:${d.column}: ${d.message}`,
      resolution: {
        rule: d.ruleId,
        action:
          mapped.kind === 'embedded-entry'
            ? 'Split out as its own entry, with its own line and column.'
            : mapped.kind === 'invalid-code'
              ? 'Not read as an entry; the text stays in this finding.'
              : 'Read as described in the message.',
      },
      candidates: [d.excerpt ?? d.message],
    });
    if (code !== '') link(code, f);
  }

  const all = findings.all();
  const { overrides } = input.decisions
    ? applyDecisions(all, input.decisions.list, input.decisions.file, input.decisions.source)
    : { overrides: new Map() };
  const { codes, classes, missingPicks } = buildRecords(claims, registries, { order, trust, rejected, demoted, aliases, findingIds, overrides });
  for (const pick of missingPicks) {
    const f = findings.get(pick.finding)!;
    f.status = 'stale';
    f.decision!.stale = `the picked text ${quote(pick.text)} is no longer a candidate`;
  }
  return { claims, codes, classes, findings: all };
}

export { textKey };
