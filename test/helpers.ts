import type { Format, ParseResult, SourceDocument } from '../pipeline/types.ts';
import { PARSERS } from '../pipeline/parsers/index.ts';
import { BuildError } from '../pipeline/errors.ts';

export function doc(text: string, format: Format, lang = 'en', options: SourceDocument['source']['options'] = {}): SourceDocument {
  return { source: { id: 'fx', file: `fx.${format}`, format, lang, title: 'fixture', trust: 1, options }, path: `fixtures/fx.${format}`, text };
}

export function parse(text: string, format: Format, lang = 'en', options: SourceDocument['source']['options'] = {}): ParseResult {
  return PARSERS[format](doc(text, format, lang, options));
}

/** Compact view of claims for assertions: `code field lang line: text`. */
export function view(result: ParseResult): string[] {
  return result.claims.map((c) => `${c.code} ${c.field} ${c.lang} ${c.line}: ${c.text}`);
}

export function rules(result: ParseResult): string[] {
  return result.diagnostics.map((d) => `${d.line} ${d.severity} ${d.ruleId}`);
}

/** Lines (1-based) that are non-blank and neither inside a claim nor in a skipped block. */
export function unaccounted(text: string, result: ParseResult): number[] {
  const covered = new Set<number>();
  for (const c of result.claims) for (let l = c.line; l <= c.endLine; l++) covered.add(l);
  for (const s of result.skipped) for (let l = s.line; l <= s.endLine; l++) covered.add(l);
  for (const d of result.diagnostics) {
    if (d.severity === 'error') for (let l = d.line; l <= (d.endLine ?? d.line); l++) covered.add(l);
  }
  return text
    .split('\n')
    .map((line, i) => (line.trim() !== '' && !covered.has(i + 1) ? i + 1 : 0))
    .filter((n) => n > 0);
}

/** `code field line:column-endLine text`, plus tags and host entry when present. */
export function claims(r: ParseResult): string[] {
  return r.claims.map(
    (c) =>
      `${c.code} ${c.field} ${c.line}:${c.column}-${c.endLine} ${c.text}` +
      (c.tags ? ` [${c.tags.join(', ')}]` : '') +
      (c.embeddedIn ? ` (in ${c.embeddedIn})` : ''),
  );
}

/** Diagnostics other than the info notes every skipped block gets. */
export function diags(r: ParseResult): string[] {
  return r.diagnostics.filter((d) => !d.ruleId.startsWith('skip/')).map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
}

export function skips(r: ParseResult): string[] {
  return r.skipped.map((s) => `${s.line}-${s.endLine} ${s.reason}: ${s.detail}`);
}

/** Non-blank lines inside no claim's span and no skipped block (diagnostics do not count). */
export function uncovered(text: string, r: ParseResult): number[] {
  const covered = new Set<number>();
  for (const c of r.claims) for (let l = c.line; l <= c.endLine; l++) covered.add(l);
  for (const s of r.skipped) for (let l = s.line; l <= s.endLine; l++) covered.add(l);
  return text
    .split('\n')
    .map((line, i) => (line.trim() !== '' && !covered.has(i + 1) ? i + 1 : 0))
    .filter((n) => n > 0);
}

/** Lines only the safety net caught: a gap in the parser's rules. */
export function gaps(r: ParseResult): string[] {
  return r.skipped.filter((s) => s.detail === 'text that no rule of this parser reads').map((s) => `${s.line}-${s.endLine}`);
}

/** The formatted message of the BuildError `run` throws (fails the test if it throws none or another error). */
export function buildErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    return error.format();
  }
  throw new Error('expected a BuildError, nothing was thrown');
}
