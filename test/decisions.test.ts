import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSources } from '../pipeline/load.ts';
import { build } from '../pipeline/build.ts';
import { BuildError } from '../pipeline/errors.ts';
import { parseDecisions } from '../pipeline/decisions.ts';
import { buildErrorOf } from './helpers.ts';

const loaded = loadSources(path.join(import.meta.dirname, '..', 'sources'));
const base = build({ sources: loaded.sources, diagnostics: [] });
const fingerprintOf = (id: string) => base.findings.find((f) => f.id === id)!.fingerprint;

function buildWith(yaml: string) {
  return build({ sources: loaded.sources, diagnostics: [], decisions: { path: 'sources/decisions.yaml', text: yaml } });
}
const record = (result: ReturnType<typeof build>, code: number) =>
  JSON.parse(result.files.get('http-status-codes.json')!).codes.find((c: { code: number }) => c.code === code);

describe('reviewer decisions', () => {
  it('applies accept and dismiss: the finding is shown as decided, with the note', () => {
    const id = 'mislabelled-name/208/name/en/zh-hant-list';
    const result = buildWith(`${id}:\n  action: accept\n  note: Multi-Status is 207's name.\n  fingerprint: ${fingerprintOf(id)}\n`);
    const f = result.findings.find((x) => x.id === id)!;
    expect(f.status).toBe('decided');
    expect(f.decision).toEqual({ action: 'accept', note: "Multi-Status is 207's name." });
    expect(result.files.get('conflicts.md')).toContain("Decision: **accept**: Multi-Status is 207's name.");
  });

  it('applies an override: the value replaces the chosen text, attributed to the decisions file', () => {
    const id = 'text-defect:truncated/304/description/en/en-table';
    const result = buildWith(`${id}:\n  action: override\n  value: Sent when a conditional GET finds the resource unchanged.\n  note: Rewritten from RFC 9110.\n`);
    const d = record(result, 304).descriptions.en;
    expect(d.text).toBe('Sent when a conditional GET finds the resource unchanged.');
    expect(d.sources).toEqual([{ source: 'decisions', line: 1 }]);
    expect(d.alternates.length).toBeGreaterThan(0);
  });

  it('applies an override of a class name in one language; a pick of a text no source gives is stale', () => {
    const id = 'semantic-conflict:class-subject/4xx/class-name/zh-Hans/zh-hans-list';
    const before = JSON.parse(base.files.get('http-status-codes.json')!).classes.find((c: { class: string }) => c.class === '4xx').names['zh-Hans'];
    expect(before.text).toBe('客户端响应');
    const result = buildWith(`${id}:\n  action: override\n  value: 客户端错误\n  note: The class is client errors, not responses.\n  fingerprint: ${fingerprintOf(id)}\n`);
    const cls = JSON.parse(result.files.get('http-status-codes.json')!).classes.find((c: { class: string }) => c.class === '4xx');
    expect(cls.names['zh-Hans']).toMatchObject({ text: '客户端错误', sources: [{ source: 'decisions', line: 1 }] });
    expect(cls.names['zh-Hans'].alternates.map((a: { text: string }) => a.text)).toEqual(['客户端响应']);
    expect(result.findings.find((f) => f.id === id)!.status).toBe('decided');
    // A pick of a text no source gives for the class is stale, as for codes.
    const picked = buildWith(`${id}:\n  action: pick\n  pick: 不存在\n  note: x\n`);
    expect(picked.findings.find((f) => f.id === id)!.status).toBe('stale');
  });

  it('applies a pick: another candidate becomes the chosen one', () => {
    const id = 'misattributed-description/302/description/zh-Hans/zh-hans-list';
    const before = record(base, 302).descriptions['zh-Hans'].text;
    const result = buildWith(`${id}:\n  action: pick\n  pick: "${before}"\n  note: The RFC 2616 text of 302.\n`);
    expect(record(result, 302).descriptions['zh-Hans'].text).toBe(before);
    expect(result.findings.find((x) => x.id === id)!.status).toBe('decided');
  });

  it('marks a decision stale when the candidates changed since it was made', () => {
    const id = 'mislabelled-name/208/name/en/zh-hans-list';
    const result = buildWith(`${id}:\n  action: accept\n  note: ok\n  fingerprint: 000000000000\n`);
    const f = result.findings.find((x) => x.id === id)!;
    expect(f.status).toBe('stale');
    expect(f.decision!.stale).toContain(f.fingerprint);
    expect(result.files.get('conflicts.md')).toContain('(stale: decided on fingerprint 000000000000');
  });

  it('marks a pick stale when the picked text is no longer a candidate', () => {
    const id = 'misattributed-description/302/description/zh-Hans/zh-hans-list';
    const result = buildWith(`${id}:\n  action: pick\n  pick: gone text\n  note: x\n`);
    expect(result.findings.find((x) => x.id === id)!.status).toBe('stale');
  });

  const errorOf = buildErrorOf;

  it('fails the build on a decision whose finding does not exist, naming the id and line', () => {
    expect(errorOf(() => buildWith(`# decisions\nname-variant/999/name/en/nowhere:\n  action: accept\n  note: x\n`))).toMatch(
      /^sources\/decisions\.yaml:2:1: Decision for unknown finding `name-variant\/999\/name\/en\/nowhere`/,
    );
  });

  it('reports malformed YAML, bad ids and invalid decisions with their position', () => {
    expect(errorOf(() => parseDecisions('a/b/c/d/e:\n  action: [\n', 'sources/decisions.yaml'))).toMatch(/^sources\/decisions\.yaml:\d+:\d+: Malformed YAML/);
    expect(errorOf(() => parseDecisions('x/100/-/-/-:\n  action: accept\n  note: ok\ny/200/-/-/-:\n  action: maybe\n  note: no\n', 'sources/decisions.yaml'))).toMatch(
      /^sources\/decisions\.yaml:4:1: Invalid decision `y\/200\/-\/-\/-`: `action` is `maybe`, not one of the allowed values \(accept, pick, override, dismiss\)/,
    );
    expect(errorOf(() => parseDecisions('ok/100/-/-/-:\n  action: accept\n  note: ok\nbadkey:\n  action: accept\n  note: x\n', 'd.yaml'))).toMatch(
      /^d\.yaml:4:1: Invalid decision: `badkey` is not a finding id/,
    );
    expect(errorOf(() => parseDecisions('x/100/-/-/-:\n  action: override\n  note: needs a value\n', 'd.yaml'))).toMatch(/^d\.yaml:1:1: Invalid decision `x\/100\/-\/-\/-`: `value` is missing: action override needs it \(the text to use\)$/m);
  });

  it('says what is wrong with a decision first: a missing or misspelt action, an unknown key, a wrong action, at the line of that decision', () => {
    const ok = 'ok/100/-/-/-:\n  action: accept\n  note: fine\n';
    const invalid = (decision: string) => errorOf(() => parseDecisions(`${ok}x/100/-/-/-:\n${decision}`, 'd.yaml'));
    // `acton` for `action`: before the schema's conditionals required `action`, both `then` branches
    // fired and the message spoke of `pick` and `value` only.
    const misspelt = invalid('  acton: dismiss\n  note: checked\n');
    expect(misspelt).toMatch(/^d\.yaml:4:1: Invalid decision `x\/100\/-\/-\/-`: `action` is missing; `acton` is not a key of a decision \(did you mean `action`\?\)$/m);
    const missing = invalid('  note: checked\n');
    expect(missing).toMatch(/^d\.yaml:4:1: Invalid decision `x\/100\/-\/-\/-`: `action` is missing$/m);
    const wrong = invalid('  action: dismis\n  note: checked\n');
    expect(wrong).toMatch(/^d\.yaml:4:1: Invalid decision `x\/100\/-\/-\/-`: `action` is `dismis`, not one of the allowed values \(accept, pick, override, dismiss\)$/m);
    for (const message of [misspelt, missing, wrong]) expect(message).not.toMatch(/then|'pick'|'value'/);
    // An unknown key that is not near any key lists the keys there are; a key a pick needs is named with the action.
    expect(invalid('  action: accept\n  note: checked\n  reason: y\n')).toMatch(/`reason` is not a key of a decision \(a decision has `action`, `note`, `pick`, `value`, `fingerprint`\)$/m);
    expect(invalid('  action: pick\n  pikc: Found\n  note: checked\n')).toMatch(/: `pick` is missing: action pick needs it \(the candidate text to use\); `pikc` is not a key of a decision \(did you mean `pick`\?\)$/m);
    expect(invalid('  action: accept\n  note: checked\n  fingerprint: 12\n')).toMatch(/: `fingerprint` is `12`, not 12 hexadecimal digits/);
    expect(invalid('  accept\n')).toMatch(/^d\.yaml:4:1: Invalid decision `x\/100\/-\/-\/-`: a decision must be a mapping with `action` and `note`, not `accept`$/m);
    // The first decision in the file with a problem is the one reported; the others are counted.
    expect(errorOf(() => parseDecisions(`${ok}b/100/-/-/-:\n  note: x\nc/100/-/-/-:\n  note: x\n`, 'd.yaml'))).toMatch(/^d\.yaml:4:1: Invalid decision `b\/100\/-\/-\/-`: `action` is missing \(and 1 more decision with problems\)$/m);
  });

  it('refuses __proto__ inside a decision without polluting any prototype', () => {
    expect(errorOf(() => parseDecisions('x/100/-/-/-:\n  action: accept\n  note: x\n  __proto__:\n    polluted: yes\n', 'd.yaml'))).toMatch(/Invalid decision `x\/100\/-\/-\/-`: `__proto__` is not a key of a decision/);
    expect(errorOf(() => parseDecisions('__proto__:\n  action: accept\n  note: x\n', 'd.yaml'))).toMatch(/`__proto__` is not a finding id/);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).action).toBeUndefined();
  });

  it('refuses a pick or override on a finding that is not about one text in one language', () => {
    const id = 'missing-description/400/description/-/zh-hant-list';
    expect(errorOf(() => buildWith(`${id}:\n  action: override\n  value: x\n  note: y\n`))).toMatch(/^sources\/decisions\.yaml:1:1: Decision `missing-description\/400\/description\/-\/zh-hant-list` says override, but the finding is not about one name, description or class name in one language/);
  });

  it('refuses two decisions that change the same text', () => {
    const a = 'misattributed-description/422/description/en/ru-table';
    const b = 'duplicate-entry/422/description/en/ru-table';
    const yaml = `${a}:\n  action: override\n  value: one\n  note: x\n${b}:\n  action: override\n  value: two\n  note: y\n`;
    expect(errorOf(() => buildWith(yaml))).toMatch(/^sources\/decisions\.yaml:5:1: Decisions `misattributed-description\/422\/description\/en\/ru-table` \(line 1\) and `duplicate-entry\/422\/description\/en\/ru-table` both override\/override the en description of 422/);
  });

  it('keeps applying a stale override, marks it stale, and carries it into the snippet', () => {
    const id = 'missing-description/507/description/en/-';
    const result = buildWith(`${id}:\n  action: override\n  value: Not enough storage.\n  note: from RFC 4918\n  fingerprint: "000000000000"\n`);
    expect(record(result, 507).descriptions.en.text).toBe('Not enough storage.');
    const f = result.findings.find((x) => x.id === id)!;
    expect(f.status).toBe('stale');
    expect(result.files.get('conflicts.md')).toContain(`${id}:\n  action: override  # accept | pick | override | dismiss\n  value: "Not enough storage."\n  note: "from RFC 4918"\n  fingerprint: "${f.fingerprint}"`);
  });
});
