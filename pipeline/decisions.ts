/**
 * sources/decisions.yaml: reviewers' answers to findings, keyed by finding id. A decision whose
 * finding no longer exists fails the build; one whose finding's candidates changed since it was
 * made (different fingerprint) is shown as stale and needs review again.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { BuildError } from './errors.ts';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { validator } from './schemas.ts';
import type { Finding } from './reconcile/findings.ts';
import { slotKey, type Override } from './reconcile/records.ts';
import { editDistance } from './reconcile/rules/names.ts';
import { parsePointer } from './text/json.ts';

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
  const positions = new Map<string, { line: number; col: number }>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    positions.set(key, lineCounter.linePos(offset));
    const value = pair.value as { toJSON?: () => unknown } | null;
    plain[key] = value && typeof value.toJSON === 'function' ? value.toJSON() : value;
  }
  const validate = validator('decisions');
  if (!validate({ ...plain })) {
    const problem = firstProblem(validate.errors ?? [], plain, (id) => positions.get(id));
    const where = problem.id === undefined ? undefined : positions.get(problem.id);
    throw new BuildError(
      `Invalid decision${problem.id === undefined || problem.badId ? '' : ` \`${problem.id}\``}: ${problem.message}`,
      file,
      where?.line,
      where?.col,
      'Each decision needs `action` (accept, pick, override, dismiss) and `note`; pick needs `pick`, override needs `value`.',
    );
  }
  return Object.keys(plain).map((id) => {
    const d = plain[id] as Omit<Decision, 'id' | 'line'>;
    return { id, ...d, line: positions.get(id)?.line ?? 1 };
  });
}

interface Problem {
  /** The finding id of the decision at fault (undefined when the file as a whole is). */
  id?: string;
  /** True when the id itself is what is wrong. */
  badId?: boolean;
  message: string;
}

/**
 * The schema's errors in a reviewer's words, for the first decision (in the file's order) that has
 * any: a missing `action` or an unknown key comes first, the `then` branches of the schema's
 * conditionals never (their `required` error says what is missing).
 */
function firstProblem(errors: ErrorObject[], plain: Record<string, unknown>, position: (id: string) => { line: number } | undefined): Problem {
  const byId = new Map<string, ErrorObject[]>();
  const badIds = new Set<string>();
  const loose: ErrorObject[] = [];
  for (const e of errors) {
    const segments = parsePointer(e.instancePath);
    const id = segments[0] ?? ('propertyName' in e.params ? String(e.params.propertyName) : undefined);
    if (id === undefined) {
      loose.push(e);
      continue;
    }
    if (segments.length === 0) badIds.add(id);
    const list = byId.get(id) ?? [];
    list.push(e);
    byId.set(id, list);
  }
  if (byId.size === 0) return { message: loose.map((e) => e.message ?? 'is invalid').join('; ') || 'does not match schema/decisions.schema.json' };
  const ids = [...byId.keys()].sort((a, b) => (position(a)?.line ?? Infinity) - (position(b)?.line ?? Infinity));
  const id = ids[0]!;
  const more = ids.length > 1 ? ` (and ${ids.length - 1} more decision${ids.length > 2 ? 's' : ''} with problems)` : '';
  if (badIds.has(id)) return { id, badId: true, message: `\`${id}\` is not a finding id (kind[:qualifier]/code/field/locale/source)${more}` };
  const decision = plain[id];
  const described = byId
    .get(id)!
    .map((e) => ({ rank: rank(e), text: describeDecisionError(e, decision) }))
    .filter((d): d is { rank: number; text: string } => d.text !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((d) => d.text);
  return { id, message: `${[...new Set(described)].join('; ') || 'does not match schema/decisions.schema.json'}${more}` };
}

/** The real problem first: a decision that is not a mapping, a missing key, an unknown key, a wrong action. */
function rank(e: ErrorObject): number {
  if (e.keyword === 'type' && e.instancePath.split('/').length === 2) return 0;
  if (e.keyword === 'required') return 1;
  if (e.keyword === 'additionalProperties') return 2;
  if (e.keyword === 'enum') return 3;
  return 4;
}

/** The keys a decision may have, as the schema lists them. */
function decisionKeys(): string[] {
  const schema = validator('decisions').schema as { $defs?: { decision?: { properties?: Record<string, unknown> } } };
  return Object.keys(schema.$defs?.decision?.properties ?? {});
}

function show(value: unknown): string {
  return value === '' || value === null ? 'an empty value' : typeof value === 'string' ? `\`${value}\`` : value === undefined ? 'nothing' : JSON.stringify(value);
}

function describeDecisionError(e: ErrorObject, decision: unknown): string | undefined {
  const path = parsePointer(e.instancePath).slice(1);
  const field = path.join('/');
  let value: unknown = decision;
  for (const segment of path) value = value !== null && typeof value === 'object' && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  switch (e.keyword) {
    case 'if':
      return undefined;
    case 'required': {
      const missing = String(e.params.missingProperty);
      if (missing === 'pick') return '`pick` is missing: action pick needs it (the candidate text to use)';
      if (missing === 'value') return '`value` is missing: action override needs it (the text to use)';
      return `\`${missing}\` is missing`;
    }
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const keys = decisionKeys();
      const near = closest(key, keys);
      return `\`${key}\` is not a key of a decision (${near ? `did you mean \`${near}\`?` : `a decision has ${keys.map((k) => `\`${k}\``).join(', ')}`})`;
    }
    case 'enum':
      return `\`${field}\` is ${show(value)}, not one of the allowed values (${(e.params.allowedValues as unknown[]).join(', ')})`;
    case 'type':
      if (field === '') return `a decision must be a mapping with \`action\` and \`note\`, not ${show(value)}`;
      return `\`${field}\` must be ${e.params.type === 'string' ? 'text' : String(e.params.type)}, not ${show(value)}`;
    case 'minLength':
      return `\`${field}\` is empty`;
    case 'pattern':
      if (field === 'fingerprint') return `\`fingerprint\` is ${show(value)}, not 12 hexadecimal digits (copy it from conflicts.md, or leave it out)`;
      return `\`${field}\` is ${show(value)}, which ${e.message ?? 'is invalid'}`;
    default:
      return `${field === '' ? 'the decision' : `\`${field}\``} ${e.message ?? 'is invalid'}`;
  }
}

/** The key a misspelt one most likely meant: case aside, at most two edits away. */
function closest(key: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of keys) {
    const d = k === key.toLowerCase() ? 0 : editDistance(key.toLowerCase(), k, 2);
    if (d < bestDistance && d < Math.max(k.length, key.length)) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
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
