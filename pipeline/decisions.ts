/**
 * sources/decisions.yaml: reviewers' answers to findings, keyed by finding id. A decision whose
 * finding no longer exists fails the build; one whose finding's candidates changed since it was
 * made (different fingerprint) is shown as stale and needs review again.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { BuildError } from './errors.ts';
import { describeErrors, validator } from './schemas.ts';
import type { Finding } from './reconcile/findings.ts';
import { slotKey, type Override } from './reconcile/records.ts';

export interface Decision {
  id: string;
  action: 'accept' | 'pick' | 'override' | 'dismiss';
  note: string;
  pick?: string;
  value?: string;
  fingerprint?: string;
  line: number;
}

export function parseDecisions(text: string, file: string): Decision[] {
  const lineCounter = new LineCounter();
  // Failsafe schema: every scalar is a string, so a fingerprint of digits stays text.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'failsafe' });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new BuildError(`Malformed YAML: ${error.message.split('\n')[0]}`, file, pos.line, pos.col, 'Fix the YAML syntax; each finding id maps to {action, note}.');
  }
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) throw new BuildError('decisions.yaml must be a mapping from finding id to a decision', file, 1, 1);
  // Built by hand into a null-prototype object: keys such as __proto__ stay plain keys.
  const plain: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const lines = new Map<string, number>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    lines.set(key, lineCounter.linePos(offset).line);
    const value = pair.value as { toJSON?: () => unknown } | null;
    plain[key] = value && typeof value.toJSON === 'function' ? value.toJSON() : value;
  }
  const validate = validator('decisions');
  if (!validate({ ...plain })) {
    const first = validate.errors?.[0];
    // A bad key is reported by propertyNames with the key in params; a bad value by its path.
    const keyError = validate.errors?.find((e) => 'propertyName' in e.params);
    const badKey = keyError ? String(keyError.params.propertyName) : undefined;
    const id = badKey ?? first?.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    const line = id !== undefined ? lines.get(id) : undefined;
    const what = badKey !== undefined ? `\`${badKey}\` is not a finding id (kind[:qualifier]/code/field/locale/source)` : describeErrors(validate.errors, 3);
    throw new BuildError(`Invalid decision: ${what}`, file, line, line === undefined ? undefined : 1, 'Each decision needs `action` (accept, pick, override, dismiss) and `note`; pick needs `pick`, override needs `value`.');
  }
  return Object.keys(plain).map((id) => {
    const d = plain[id] as Omit<Decision, 'id' | 'line'>;
    return { id, ...d, line: lines.get(id) ?? 1 };
  });
}

export interface AppliedDecisions {
  overrides: Map<string, Override>;
}

/**
 * Mark findings decided or stale and turn picks and overrides into slot overrides. Unknown ids
 * are fatal: a decision about nothing is a mistake the reviewer must see.
 */
export function applyDecisions(findings: Finding[], decisions: readonly Decision[], file: string, decisionsSource: string): AppliedDecisions {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const orphans = decisions.filter((d) => !byId.has(d.id));
  if (orphans.length > 0) {
    const first = orphans[0]!;
    throw new BuildError(
      `Decision for unknown finding \`${first.id}\`${orphans.length > 1 ? ` (and ${orphans.length - 1} more: ${orphans.slice(1).map((o) => `\`${o.id}\``).join(', ')})` : ''}`,
      file,
      first.line,
      1,
      'The finding no longer exists (the source changed or the id is mistyped); remove the decision or correct the id.',
    );
  }
  const overrides = new Map<string, Override>();
  const slotLines = new Map<string, Decision>();
  for (const d of decisions) {
    const finding = byId.get(d.id)!;
    finding.decision = { action: d.action, note: d.note, ...(d.value ? { value: d.value } : d.pick ? { value: d.pick } : {}) };
    const stale = d.fingerprint !== undefined && d.fingerprint !== finding.fingerprint;
    finding.status = stale ? 'stale' : 'decided';
    if (stale) finding.decision.stale = `decided on fingerprint ${d.fingerprint}; the candidates now give ${finding.fingerprint}`;
    if (d.action !== 'pick' && d.action !== 'override') continue;
    if (!finding.field || !finding.locale) {
      throw new BuildError(
        `Decision \`${d.id}\` says ${d.action}, but the finding is not about one name, description or class name in one language`,
        file,
        d.line,
        1,
        'Use accept or dismiss for this finding, or decide the finding about that name or description instead.',
      );
    }
    const slot = slotKey(finding.code, finding.field, finding.locale);
    const other = slotLines.get(slot);
    if (other) {
      throw new BuildError(
        `Decisions \`${other.id}\` (line ${other.line}) and \`${d.id}\` both ${other.action}/${d.action} the ${finding.locale} ${finding.field} of ${finding.code}`,
        file,
        d.line,
        1,
        'Keep one of them; the other can accept or dismiss.',
      );
    }
    slotLines.set(slot, d);
    // A stale pick or override still applies (the reviewer's text is not thrown away); the finding
    // stays marked stale until someone confirms it.
    overrides.set(slot, { kind: d.action, text: (d.action === 'pick' ? d.pick : d.value)!, finding: d.id, line: d.line, decisionsSource });
  }
  return { overrides };
}
