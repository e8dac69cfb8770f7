/**
 * The shapes that flow between the stages of the build.
 * Parsers turn a SourceDocument into Claims and Diagnostics; they never decide which source is right.
 */

export type Format = 'table' | 'prose' | 'list' | 'markdown' | 'html';
export type ClaimField = 'name' | 'description' | 'class-name';
export type Severity = 'error' | 'warning' | 'info';

/** One entry of sources/manifest.json after defaults are applied. */
export interface SourceEntry {
  id: string;
  file: string;
  format: Format;
  lang: string;
  title: string;
  /** Higher wins when candidates are otherwise equal. */
  trust: number;
  /** Parser options that a source may need (e.g. table column roles). */
  options: SourceOptions;
}

export interface SourceOptions {
  /** Table column roles, left to right, when they cannot be inferred. */
  columns?: Array<'code' | 'name' | 'description' | 'ignore'>;
  /** Extra regular expressions (source text) for lines that are page furniture. */
  furniture?: string[];
}

/** A source as the outputs list it (claims, dataset, reports): the manifest entry's public part. */
export interface ListedSource {
  id: string;
  file: string;
  format: string;
  lang: string;
  title: string;
  url?: string;
}

/** A source file ready to parse: decoded text plus its manifest entry. */
export interface SourceDocument {
  source: SourceEntry;
  /** Path used in messages, relative to the project (e.g. `sources/foo.txt`). */
  path: string;
  text: string;
}

/** One thing one source says about one code (or one class, for class-name). */
export interface Claim {
  /** A status code (`404`) or, for class-name claims, a class (`4xx`). */
  code: string;
  field: ClaimField;
  text: string;
  lang: string;
  source: string;
  line: number;
  column: number;
  endLine: number;
  /** The raw source text the claim was read from (trimmed, capped). */
  excerpt: string;
  /** Annotations that are not part of a name, such as `WebDAV`. */
  tags?: string[];
  /** For an entry found inside another entry's text: the code of that host entry. */
  embeddedIn?: string;
  /** Text defects the normalizer noticed (rule ids), for the reconcile stage. */
  notes?: string[];
}

/** A problem a parser or loader found in a source, printed the way linters print them. */
export interface Diagnostic {
  source: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  severity: Severity;
  ruleId: string;
  message: string;
  /** The code the problem concerns, when there is one. */
  code?: string;
  excerpt?: string;
}

/** A line range a parser read but turned into no claim, with the reason. */
export interface SkippedLines {
  line: number;
  endLine: number;
  reason: 'furniture' | 'heading' | 'preamble' | 'delimiter' | 'header' | 'markup' | 'unreadable';
  detail: string;
}

export interface ParseResult {
  claims: Claim[];
  diagnostics: Diagnostic[];
  skipped: SkippedLines[];
}

export type Parser = (doc: SourceDocument) => ParseResult;
