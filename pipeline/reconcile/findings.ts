/**
 * Findings: one thing a reviewer must know. One builder for all of them, so ids, evidence and
 * resolutions have one shape. An id is derived from kind, code, field, locale and source (never
 * from line numbers or text) so it survives unrelated edits to a source.
 */
import { createHash } from 'node:crypto';
import type { Claim, Severity } from '../types.ts';
import { excerptOf } from '../text/lines.ts';

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

export function findingId(input: Pick<FindingInput, 'kind' | 'qualifier' | 'code' | 'field' | 'locale' | 'source'>): string {
  return [input.kind, input.qualifier, input.code, input.field, input.locale, input.source].filter((p) => p !== undefined && p !== '').join('/');
}

export function evidenceOf(claim: Claim): Evidence {
  const e: Evidence = { source: claim.source, line: claim.line, column: claim.column, excerpt: excerptOf(claim.excerpt) };
  if (claim.text !== claim.excerpt) e.text = excerptOf(claim.text);
  e.lang = claim.lang;
  return e;
}

export function fingerprint(texts: readonly string[]): string {
  const sorted = [...new Set(texts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 12);
}

/** Collects findings; two inputs with the same id become one finding with both pieces of evidence. */
export class Findings {
  private readonly byId = new Map<string, Finding>();

  add(input: FindingInput): Finding {
    const id = findingId(input);
    const evidence = [...(input.evidence ?? []), ...(input.claims ?? []).map(evidenceOf)];
    const candidates = input.candidates ?? (input.claims ?? []).map((c) => c.text);
    const existing = this.byId.get(id);
    if (existing) {
      for (const e of evidence) {
        if (!existing.sources.some((s) => s.source === e.source && s.line === e.line && s.column === e.column)) existing.sources.push(e);
      }
      existing.fingerprint = fingerprint([existing.fingerprint, ...candidates]);
      if (rank(input.severity) > rank(existing.severity)) existing.severity = input.severity;
      return existing;
    }
    const finding: Finding = {
      id,
      kind: input.kind,
      severity: input.severity,
      status: input.severity === 'info' ? 'auto-resolved' : 'open',
      code: input.code,
      sources: evidence,
      message: input.message,
      resolution: input.resolution,
      fingerprint: fingerprint(candidates),
    };
    if (input.field) finding.field = input.field;
    if (input.locale) finding.locale = input.locale;
    this.byId.set(id, finding);
    return finding;
  }

  get(id: string): Finding | undefined {
    return this.byId.get(id);
  }

  all(): Finding[] {
    return [...this.byId.values()];
  }
}

function rank(severity: Severity): number {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}
