/**
 * What every parser shares: the document's lines, a position mapper, and one way to make claims,
 * diagnostics and skipped-line records, so provenance, normalization and language tagging are the
 * same for every format.
 */
import { LineIndex, excerptOf } from '../text/lines.ts';
import { normalizeText } from '../text/normalize.ts';
import { detectLang } from '../text/lang.ts';
import type { Claim, ClaimField, Diagnostic, ParseResult, Severity, SkippedLines, SourceDocument } from '../types.ts';

export interface ClaimInput {
  code: string;
  field: ClaimField;
  /** The text as the source has it; normalized here. */
  raw: string;
  line: number;
  column: number;
  endLine?: number;
  /** Raw text to quote; defaults to the source lines line..endLine. */
  excerpt?: string;
  tags?: string[];
  /** Language to use instead of detecting it (e.g. a name column declared by the manifest). */
  lang?: string;
  embeddedIn?: string;
}

/** What a claim's code may be: a status code 100-599, or a class 1xx-5xx (schema/claims.schema.json). */
export const CLAIM_CODE = /^[1-5](?:[0-9]{2}|xx)$/u;

export class ParseContext {
  readonly index: LineIndex;
  readonly lines: string[];
  readonly claims: Claim[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly skipped: SkippedLines[] = [];

  constructor(readonly doc: SourceDocument) {
    this.index = new LineIndex(doc.text);
    this.lines = this.index.lines();
  }

  get declaredLang(): string {
    return this.doc.source.lang;
  }

  /** Raw text of lines `from`..`to` (1-based, inclusive). */
  rawLines(from: number, to = from): string {
    return this.lines.slice(from - 1, to).join('\n');
  }

  claim(input: ClaimInput): Claim | undefined {
    if (!CLAIM_CODE.test(input.code)) {
      // Parsers check codes before they claim; should one let another through, the source gets an
      // error here rather than the whole build failing on the claims file.
      const what = input.field === 'class-name' ? 'a class 1xx-5xx' : 'a status code 100-599';
      this.diag('error', 'claim/invalid-code', `\`${input.code}\` is not ${what}; its ${input.field} \`${input.raw}\` is not read`, input.line, input.column, {
        code: input.code,
        ...(input.excerpt !== undefined ? { excerpt: input.excerpt } : {}),
        ...(input.endLine !== undefined ? { endLine: input.endLine } : {}),
      });
      return undefined;
    }
    const lang = input.lang ?? detectLang(input.raw, this.declaredLang);
    const { text, defects } = normalizeText(input.raw, lang);
    const endLine = input.endLine ?? input.line;
    const excerpt = excerptOf(input.excerpt ?? this.rawLines(input.line, endLine));
    for (const defect of defects) {
      this.diag('warning', defect.ruleId, defect.message, input.line, input.column, { code: input.code, excerpt, endLine });
    }
    if (text === '') return undefined;
    const claim: Claim = {
      code: input.code,
      field: input.field,
      text,
      lang,
      source: this.doc.source.id,
      line: input.line,
      column: input.column,
      endLine,
      excerpt,
    };
    if (input.tags && input.tags.length > 0) claim.tags = [...input.tags];
    if (input.embeddedIn !== undefined) claim.embeddedIn = input.embeddedIn;
    if (defects.length > 0) claim.notes = defects.map((d) => d.ruleId);
    this.claims.push(claim);
    return claim;
  }

  diag(
    severity: Severity,
    ruleId: string,
    message: string,
    line: number,
    column = 1,
    extra: { code?: string; excerpt?: string; endLine?: number } = {},
  ): void {
    const d: Diagnostic = {
      source: this.doc.source.id,
      file: this.doc.path,
      line,
      column,
      severity,
      ruleId,
      message,
    };
    if (extra.endLine !== undefined && extra.endLine !== line) d.endLine = extra.endLine;
    if (extra.code !== undefined) d.code = extra.code;
    d.excerpt = excerptOf(extra.excerpt ?? this.rawLines(line));
    this.diagnostics.push(d);
  }

  /** A code-like token that is not a code: an error naming the token, which a reviewer sees as a finding. */
  invalidCode(
    token: { token: string; reason: string },
    consequence: string,
    line: number,
    column = 1,
    extra: { excerpt?: string; endLine?: number } = {},
  ): void {
    this.diag('error', 'code/invalid', `\`${token.token}\` is not a status code (${token.reason}); ${consequence}`, line, column, { ...extra, code: token.token });
  }

  /** Record lines that became no claim; each block is also reported, so nothing is dropped silently. */
  skip(line: number, endLine: number, reason: SkippedLines['reason'], detail: string): void {
    this.skipped.push({ line, endLine, reason, detail });
    // Table scaffolding says nothing; everything else skipped is text a reader may want back.
    if (reason === 'header' || reason === 'delimiter' || reason === 'markup') return;
    const where = endLine > line ? `Lines ${line}-${endLine}` : `Line ${line}`;
    this.diag('info', `skip/${reason}`, `${where} skipped as ${reason}: ${detail}`, line, 1, { endLine });
  }

  result(): ParseResult {
    return { claims: this.claims, diagnostics: this.diagnostics, skipped: this.skipped };
  }
}
