/**
 * Findings about the shape of what sources say: a code given twice by one source, an entry found
 * inside another's text, codes in neither registry, codes a source names without describing, and
 * the parsers' own diagnostics that a reviewer should see with the rest.
 */
import { pushTo } from '../../order.ts';
import type { Registries } from '../../registry.ts';
import type { Claim, Diagnostic } from '../../types.ts';

/** Claims of one field that one source gives more than once for a code (from different entries). */
export function findDuplicateEntries(claims: readonly Claim[]): Claim[][] {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    if (c.field === 'class-name') continue;
    const key = `${c.source}\u0000${c.code}\u0000${c.field}`;
    pushTo(groups, key, c);
  }
  // Two names on one header line (English and localized) are one entry, not a duplicate.
  return [...groups.values()].filter((g) => new Set(g.map((c) => c.line)).size > 1 && (g[0]!.field !== 'name' || new Set(g.map((c) => c.lang)).size < g.length));
}

/** Codes that a source names (or describes) but does not describe (or name), per source. */
export function findMissingDescriptions(claims: readonly Claim[]): Array<{ code: string; source: string; claims: Claim[] }> {
  const bySource = new Map<string, Map<string, Claim[]>>();
  for (const c of claims) {
    if (c.field === 'class-name') continue;
    const codes = bySource.get(c.source) ?? new Map<string, Claim[]>();
    pushTo(codes, c.code, c);
    bySource.set(c.source, codes);
  }
  const out: Array<{ code: string; source: string; claims: Claim[] }> = [];
  for (const [source, codes] of bySource) {
    for (const [code, list] of codes) {
      if (!list.some((c) => c.field === 'description')) out.push({ code, source, claims: list });
    }
  }
  return out;
}

/** Parser diagnostics that are findings: rule id to finding kind and qualifier. */
export const DIAGNOSTIC_FINDINGS: Record<string, { kind: 'invalid-code' | 'embedded-entry' | 'text-defect' | 'parse-problem'; qualifier?: string }> = {
  'code/invalid': { kind: 'invalid-code' },
  'entry/embedded': { kind: 'embedded-entry' },
  'class/range': { kind: 'text-defect', qualifier: 'class-range' },
  'name/unbalanced-parentheses': { kind: 'text-defect', qualifier: 'unbalanced-parentheses' },
  'code/stray-punctuation': { kind: 'text-defect', qualifier: 'stray-punctuation' },
  'entry/no-name': { kind: 'parse-problem', qualifier: 'no-name' },
  'table/row-without-code': { kind: 'parse-problem', qualifier: 'row-without-code' },
  'table/stray-line': { kind: 'parse-problem', qualifier: 'stray-line' },
  'table/unclosed-row': { kind: 'parse-problem', qualifier: 'unclosed-row' },
  'table/extra-cells': { kind: 'parse-problem', qualifier: 'extra-cells' },
  'html/truncated': { kind: 'parse-problem', qualifier: 'truncated-html' },
  'source/unreadable': { kind: 'parse-problem', qualifier: 'unreadable' },
  'source/empty': { kind: 'parse-problem', qualifier: 'empty' },
};

export function diagnosticFinding(d: Diagnostic): (typeof DIAGNOSTIC_FINDINGS)[string] | undefined {
  if (d.ruleId in DIAGNOSTIC_FINDINGS && Object.hasOwn(DIAGNOSTIC_FINDINGS, d.ruleId)) return DIAGNOSTIC_FINDINGS[d.ruleId];
  // Any other warning or error a parser raised is still shown to the reviewer.
  if (d.severity !== 'info' && !d.ruleId.startsWith('text/')) return { kind: 'parse-problem', qualifier: d.ruleId.replace(/[^a-z0-9-]+/g, '-') };
  return undefined;
}
