/**
 * The conflict report for people: counts first, then every finding grouped by code, with the
 * quoted evidence and file:line of each source and the decisions.yaml snippet that decides it.
 * Source text is escaped for Markdown and HTML, since sources may contain markup.
 */
import { byCodePoint } from './order.ts';
import type { Finding, FindingKind } from './reconcile/findings.ts';
import type { ListedSource } from './types.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const STATUS_ORDER = { open: 0, stale: 1, decided: 2, 'auto-resolved': 3 } as const;

/** By code, then what needs a reviewer first (open, stale), then severity, kind and id. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      codeOrder(a.code) - codeOrder(b.code) ||
      byCodePoint(a.code, b.code) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      byCodePoint(a.kind, b.kind) ||
      byCodePoint(a.id, b.id),
  );
}

function codeOrder(code: string): number {
  return /^\d{3}$/.test(code) ? Number(code) : /^[1-5]xx$/.test(code) ? Number(code[0]) * 100 - 1 : 1000;
}

const MARKDOWN_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\n': ' ', '\r\n': ' ' };
const MARKDOWN_SPECIAL = /\r?\n|[&<>\\`*_[\]|#~]/g;

/** Escape text for inline Markdown (and the HTML a Markdown renderer would pass through), in one pass. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ESCAPES[c] ?? `\\${c}`);
}

/** A code span safe inside a GFM table cell. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}

/** A YAML double-quoted scalar. */
export function yamlString(text: string): string {
  return JSON.stringify(text);
}

/**
 * The decisions.yaml entry for a finding. An existing decision (say, a stale one) is carried over
 * with its action, value and note, so following the loop never throws a reviewer's text away.
 */
export function decisionSnippet(f: Finding): string {
  const d = f.decision;
  const lines = [`${f.id}:`, `  action: ${d?.action ?? 'accept'}  # accept | pick | override | dismiss`];
  if (d?.action === 'pick' && d.value !== undefined) lines.push(`  pick: ${yamlString(d.value)}`);
  else if (d?.action === 'override' && d.value !== undefined) lines.push(`  value: ${yamlString(d.value)}`);
  else {
    const alternative = f.resolution.rejected?.[0];
    if (alternative) lines.push(`  # pick: ${yamlString(alternative.text)}`);
  }
  lines.push(`  note: ${yamlString(d?.note ?? '')}`, `  fingerprint: "${f.fingerprint}"`);
  return lines.join('\n');
}

const ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

export function renderConflictsMarkdown(
  findings: Finding[],
  sources: readonly ListedSource[],
  codeNames: Map<string, string | null> = new Map(),
): string {
  return [...conflictsMarkdownChunks(findings, sources, codeNames)].join('');
}

/** The conflict report in pieces: the head, then a finding at a time. */
export function* conflictsMarkdownChunks(
  findings: Finding[],
  sources: readonly ListedSource[],
  codeNames: Map<string, string | null> = new Map(),
): Generator<string> {
  const files = new Map(sources.map((s) => [s.id, s.file]));
  const head: string[] = ['# Conflict report', ''];
  const count = (pred: (f: Finding) => boolean) => findings.filter(pred).length;
  head.push(
    `${findings.length} findings: ${count((f) => f.severity === 'error')} errors, ${count((f) => f.severity === 'warning')} warnings, ${count((f) => f.severity === 'info')} info.`,
    `Status: ${count((f) => f.status === 'open')} open, ${count((f) => f.status === 'stale')} stale, ${count((f) => f.status === 'decided')} decided, ${count((f) => f.status === 'auto-resolved')} auto-resolved.`,
    '',
    'To decide a finding, paste its snippet into `sources/decisions.yaml`, set `action` and `note`, and run `npm run build-data` again.',
    '',
    '## Counts by kind',
    '',
    '| kind | error | warning | info | open | total |',
    '|---|---:|---:|---:|---:|---:|',
  );
  const kinds = [...new Set(findings.map((f) => f.kind))].sort(byCodePoint) as FindingKind[];
  for (const kind of kinds) {
    const of = findings.filter((f) => f.kind === kind);
    const c = (pred: (f: Finding) => boolean) => of.filter(pred).length;
    head.push(`| ${kind} | ${c((f) => f.severity === 'error')} | ${c((f) => f.severity === 'warning')} | ${c((f) => f.severity === 'info')} | ${c((f) => f.status === 'open')} | ${of.length} |`);
  }
  head.push('', '## Findings by code');
  yield head.join('\n');
  let current: string | undefined;
  for (const f of findings) {
    // Every block starts with its blank line and ends without one: blocks never leave more than
    // one blank line between them.
    const out: string[] = [''];
    if (f.code !== current) {
      current = f.code;
      const name = codeNames.get(f.code);
      out.push(`### ${f.code === '' ? '(no code)' : escapeMarkdown(f.code)}${name ? ` ${escapeMarkdown(name)}` : ''}`, '');
    }
    out.push(`#### ${ICON[f.severity]} ${f.kind} · ${f.severity} · ${f.status}`, '', `\`${f.id}\``, '', escapeMarkdown(f.message), '');
    if (f.sources.length > 0) {
      out.push('| source | where | lang | excerpt |', '|---|---|---|---|');
      for (const e of f.sources) {
        const file = files.get(e.source);
        out.push(`| ${escapeMarkdown(e.source)} | ${codeSpan(file ? `sources/${file}:${e.line}:${e.column}` : `${e.line}:${e.column}`)} | ${escapeMarkdown(e.lang ?? '')} | ${escapeMarkdown(e.excerpt)} |`);
      }
      out.push('');
    }
    const r = f.resolution;
    out.push(`- Resolution (rule \`${r.rule}\`): ${escapeMarkdown(r.action)}`);
    if (r.chosen !== undefined) out.push(`- Chosen: ${r.chosen === null ? '(none)' : `“${escapeMarkdown(r.chosen)}”`}`);
    for (const rej of r.rejected ?? []) out.push(`- Rejected: “${escapeMarkdown(rej.text.slice(0, 200))}” (${escapeMarkdown(rej.source)}:${rej.line}, ${escapeMarkdown(rej.reason)})`);
    if (f.decision) {
      out.push(`- Decision: **${f.decision.action}**${f.decision.value ? ` “${escapeMarkdown(f.decision.value)}”` : ''}: ${escapeMarkdown(f.decision.note)}${f.decision.stale ? ` (stale: ${escapeMarkdown(f.decision.stale)})` : ''}`);
    }
    if (f.status !== 'decided') out.push('', '```yaml', decisionSnippet(f), '```');
    yield `\n${out.join('\n')}`;
  }
  yield '\n';
}
