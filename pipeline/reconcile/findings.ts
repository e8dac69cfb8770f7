/**
 * Findings: one thing a reviewer must know. One builder for all of them, so ids, evidence and
 * resolutions have one shape. An id is derived from kind, code, field, locale and source (never
 * from line numbers or text) so it survives unrelated edits to a source.
 */
import { createHash } from 'node:crypto';
import type { Claim, Severity } from '../types.ts';
import { excerptOf } from '../text/lines.ts';
import { byCodePoint } from '../order.ts';

export type FindingKind =
  | 'duplicate-entry'
  | 'embedded-entry'
  | 'mislabelled-name'
  | 'name-variant'
  | 'misattributed-description'
  | 'semantic-conflict'
  | 'unregistered-code'
  | 'invalid-code'
  | 'missing-description'
  | 'text-defect'
  | 'parse-problem';

export type FindingStatus = 'open' | 'auto-resolved' | 'decided' | 'stale';

export interface Evidence {
  source: string;
  line: number;
  column: number;
  excerpt: string;
  /** The normalized text the build read there, when it differs from the excerpt. */
  text?: string;
  lang?: string;
}

export interface Rejected {
  text: string;
  source: string;
  line: number;
  reason: string;
}

export interface Resolution {
  /** The rule that decided, e.g. `names/registry-authority`. */
  rule: string;
  /** What the build did, in one sentence. */
  action: string;
  chosen?: string | null;
  rejected?: Rejected[];
}

export interface DecisionRecord {
  action: 'accept' | 'pick' | 'override' | 'dismiss';
  note: string;
  value?: string;
  /** Why the decision no longer applies as made (stale). */
  stale?: string;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  status: FindingStatus;
  code: string;
  field?: 'name' | 'description' | 'class-name';
  locale?: string;
  sources: Evidence[];
  message: string;
  resolution: Resolution;
  /** Fingerprint of the candidates the finding is about; a decision made on others is stale. */
  fingerprint: string;
  decision?: DecisionRecord;
}

export interface FindingInput {
  kind: FindingKind;
  /** A stable qualifier for kinds with sub-kinds (`truncated`), never free text. */
  qualifier?: string;
  severity: Severity;
  code: string;
  field?: Finding['field'];
  locale?: string;
  /** The source the finding is about; omitted for findings about a code across sources. */
  source?: string;
  claims?: readonly Claim[];
  evidence?: Evidence[];
  message: string;
  resolution: Resolution;
  /** Texts whose change makes a decision stale; defaults to the claims' texts. */
  candidates?: string[];
}

/**
 * `kind[:qualifier]/code/field/locale/source`, each slot always present (`-` when it does not
 * apply), so ids of different shapes cannot collide whatever a source is called.
 */
export function findingId(input: Pick<FindingInput, 'kind' | 'qualifier' | 'code' | 'field' | 'locale' | 'source'>): string {
  const slot = (part: string | undefined) => (part === undefined || part === '' ? '-' : part);
  return [`${input.kind}${input.qualifier ? `:${input.qualifier}` : ''}`, slot(input.code), slot(input.field), slot(input.locale), slot(input.source)].join('/');
}

export function evidenceOf(claim: Claim): Evidence {
  const e: Evidence = { source: claim.source, line: claim.line, column: claim.column, excerpt: excerptOf(claim.excerpt) };
  if (claim.text !== claim.excerpt) e.text = excerptOf(claim.text);
  e.lang = claim.lang;
  return e;
}

export function fingerprint(texts: readonly string[]): string {
  const sorted = [...new Set(texts)].sort(byCodePoint);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 12);
}

interface Collected {
  finding: Finding;
  evidence: Set<string>;
  candidates: string[];
  messages: string[];
}

/**
 * Collects findings; two inputs with the same id become one finding with the evidence, candidates,
 * messages and rejected values of both, the higher severity and the status that severity calls
 * for. The fingerprint is computed once, from all candidates, so it does not depend on the order
 * the inputs came in.
 */
export class Findings {
  private readonly byId = new Map<string, Collected>();

  add(input: FindingInput): Finding {
    const id = findingId(input);
    const evidence = [...(input.evidence ?? []), ...(input.claims ?? []).map(evidenceOf)];
    const candidates = input.candidates ?? (input.claims ?? []).map((c) => c.text);
    let entry = this.byId.get(id);
    if (!entry) {
      const finding: Finding = {
        id,
        kind: input.kind,
        severity: input.severity,
        status: statusFor(input.severity),
        code: input.code,
        sources: [],
        message: input.message,
        resolution: { ...input.resolution, ...(input.resolution.rejected ? { rejected: [...input.resolution.rejected] } : {}) },
        fingerprint: '',
      };
      if (input.field) finding.field = input.field;
      if (input.locale) finding.locale = input.locale;
      entry = { finding, evidence: new Set(), candidates: [], messages: [input.message] };
      this.byId.set(id, entry);
    } else {
      const f = entry.finding;
      if (rank(input.severity) > rank(f.severity)) {
        f.severity = input.severity;
        f.status = statusFor(input.severity);
      }
      if (!entry.messages.includes(input.message)) {
        entry.messages.push(input.message);
        f.message = entry.messages.join('\n');
      }
      if (input.resolution.rejected) f.resolution.rejected = [...(f.resolution.rejected ?? []), ...input.resolution.rejected];
    }
    for (const e of evidence) {
      const key = `${e.source}\u0000${e.line}\u0000${e.column}`;
      if (entry.evidence.has(key)) continue;
      entry.evidence.add(key);
      entry.finding.sources.push(e);
    }
    entry.candidates.push(...candidates);
    return entry.finding;
  }

  get(id: string): Finding | undefined {
    return this.byId.get(id)?.finding;
  }

  /** Every finding, with its fingerprint. */
  all(): Finding[] {
    return [...this.byId.values()].map((entry) => {
      entry.finding.fingerprint = fingerprint(entry.candidates);
      return entry.finding;
    });
  }
}

function statusFor(severity: Severity): FindingStatus {
  return severity === 'info' ? 'auto-resolved' : 'open';
}

function rank(severity: Severity): number {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}
