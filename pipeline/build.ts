/**
 * The build as one pure function: manifest and document texts in, output files and diagnostics
 * out. Only cli.ts touches the file system.
 */
import { PARSERS } from './parsers/index.ts';
import { emptyRegistries, REFERENCE_READERS, type Registries } from './registry.ts';
import { compareClaims, sourceOrder } from './dataset.ts';
import { reconcile } from './reconcile/index.ts';
import { parseDecisions } from './decisions.ts';
import { conflictsMarkdownChunks, sortFindings } from './report.ts';
import { reviewPageChunks } from './review-page.ts';
import type { Finding } from './reconcile/findings.ts';
import { buildLocaleFile, dataLocales, localeCsv } from './locales.ts';
import { assertValid } from './schemas.ts';
import { BuildError } from './errors.ts';
import { isReferenceFormat } from './manifest.ts';
import { byCodePoint, jsonLinesChunks, toJson } from './order.ts';
import type { ManifestEntry } from './manifest.ts';
import type { Claim, Diagnostic, ListedSource, SkippedLines, SourceDocument } from './types.ts';

export interface LoadedSource {
  entry: ManifestEntry;
  /** Path for messages, e.g. `sources/foo.txt`. */
  path: string;
  text: string;
}

export interface BuildInput {
  sources: LoadedSource[];
  /** The consumer package's own files (helper, types, README), copied into out/ as they are. */
  packageFiles?: Map<string, string>;
  /** Version written into out/package.json. */
  packageVersion?: string;
  /** sources/decisions.yaml, when there is one. */
  decisions?: { path: string; text: string };
  /** Diagnostics from loading (unreadable files and the like). */
  diagnostics?: Diagnostic[];
}

export interface SourceAccounting {
  source: string;
  path: string;
  skipped: SkippedLines[];
  claims: Claim[];
}

/** A file's text as the pieces it is rendered in (joined, they are the file). */
export type Chunks = Iterable<string>;

/**
 * Output files, relative to out/. Each is rendered when it is read, in pieces (a record or a few
 * lines at a time), so a writer never holds a whole file's text: the outputs of a large corpus are
 * many times its size, and one string per file would cost its size again in memory and garbage
 * collection. Everything they are rendered from was validated before the build returned.
 */
export class OutputFiles implements Iterable<[string, Chunks]> {
  private readonly renderers = new Map<string, () => string | Chunks>();

  set(name: string, render: () => string | Chunks): void {
    this.renderers.set(name, render);
  }

  /** The whole text of one file. */
  get(name: string): string | undefined {
    const render = this.renderers.get(name);
    if (!render) return undefined;
    const content = render();
    return typeof content === 'string' ? content : [...content].join('');
  }

  has(name: string): boolean {
    return this.renderers.has(name);
  }

  keys(): IterableIterator<string> {
    return this.renderers.keys();
  }

  get size(): number {
    return this.renderers.size;
  }

  /** Each file with its pieces; the time spent rendering them counts as the emit stage. */
  *[Symbol.iterator](): Iterator<[string, Chunks]> {
    for (const [name, render] of this.renderers) yield [name, timedChunks(render)];
  }
}

function* timedChunks(render: () => string | Chunks): Generator<string> {
  const content = timed('emit', render);
  if (typeof content === 'string') {
    yield content;
    return;
  }
  const iterator = content[Symbol.iterator]();
  for (;;) {
    const start = performance.now();
    const next = iterator.next();
    STAGE_TIMES.emit = (STAGE_TIMES.emit ?? 0) + performance.now() - start;
    if (next.done) return;
    yield next.value;
  }
}

export interface BuildResult {
  files: OutputFiles;
  claims: Claim[];
  diagnostics: Diagnostic[];
  accounting: SourceAccounting[];
  findings: Finding[];
}

const STAGE_TIMES: Record<string, number> = {};
export function stageTimes(): Record<string, number> {
  return { ...STAGE_TIMES };
}
function timed<T>(stage: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    STAGE_TIMES[stage] = (STAGE_TIMES[stage] ?? 0) + performance.now() - start;
  }
}

export function build(input: BuildInput): BuildResult {
  for (const key of Object.keys(STAGE_TIMES)) delete STAGE_TIMES[key];
  const manifest = input.sources.map((s) => s.entry);
  const order = sourceOrder(manifest);
  const trust = new Map(manifest.map((m) => [m.id, m.trust]));
  const diagnostics: Diagnostic[] = [...(input.diagnostics ?? [])];
  const claims: Claim[] = [];
  const accounting: SourceAccounting[] = [];
  const registries: Registries = emptyRegistries();

  // The authorities are one each: a second copy would silently replace the first.
  const referenceSources = new Map<string, string>();
  for (const { entry } of input.sources) {
    if (!isReferenceFormat(entry.format)) continue;
    const earlier = referenceSources.get(entry.format);
    // The manifest reader refuses this at its line; a caller that builds from entries of its own gets it here.
    if (earlier) throw new BuildError(`Sources \`${earlier}\` and \`${entry.id}\` are both ${entry.format}; the build takes one`, undefined, undefined, undefined, 'Remove one of the entries, or merge the files.');
    referenceSources.set(entry.format, entry.id);
  }
  if (!referenceSources.has('iana-registry')) {
    throw new BuildError('No source in the manifest has the format iana-registry: canonical names and statuses come from it', undefined, undefined, undefined, 'Add the IANA registry CSV (registry/iana-http-status-codes.csv) to the manifest.');
  }

  timed('parse', () => {
    for (const source of input.sources) {
      const { entry } = source;
      if (isReferenceFormat(entry.format)) {
        REFERENCE_READERS[entry.format](registries, source.text, source.path, entry.id);
        continue;
      }
      const doc: SourceDocument = { source: { ...entry, format: entry.format }, path: source.path, text: source.text };
      const result = PARSERS[entry.format](doc);
      // One at a time: spreading a very large source's claims into push() overflows the stack.
      for (const claim of result.claims) claims.push(claim);
      for (const diagnostic of result.diagnostics) diagnostics.push(diagnostic);
      accounting.push({ source: entry.id, path: source.path, skipped: result.skipped, claims: result.claims });
    }
  });
  claims.sort((a, b) => compareClaims(a, b, order));
  const decisions = input.decisions ? parseDecisions(input.decisions.text, input.decisions.path) : undefined;

  const reconciled = timed('reconcile', () =>
    reconcile({
      claims,
      diagnostics,
      registries,
      order,
      trust,
      ...(decisions ? { decisions: { list: decisions, file: input.decisions!.path, source: 'decisions' } } : {}),
    }),
  );
  const { codes, classes } = reconciled;
  const findings = sortFindings(reconciled.findings);

  const sourcesList: ListedSource[] = manifest.map((m) => ({
    id: m.id,
    file: m.file,
    format: m.format as string,
    lang: m.lang,
    title: m.title,
    ...(m.url ? { url: m.url } : {}),
  }));
  // Reviewers' overrides are attested by the decisions file, so it is listed like a source.
  if (input.decisions) sourcesList.push({ id: 'decisions', file: 'decisions.yaml', format: 'decisions', lang: 'en', title: 'Reviewer decisions' });
  const claimsFile = { sources: sourcesList, claims: reconciled.claims, diagnostics: sortDiagnostics(diagnostics, order) };
  const dataset = { sources: sourcesList, classes, codes };
  const conflicts = { conflicts: findings };

  const locales = dataLocales(codes, classes);
  const localeFiles = timed('locales', () => locales.map((tag) => buildLocaleFile(tag, codes, classes)));
  const localeIndex = { locales, chains: Object.fromEntries(localeFiles.map((f) => [f.locale, f.chain])) };

  timed('validate', () => {
    for (const file of localeFiles) assertValid('locale', file, `out/locales/${file.locale}.json`);
    assertValid('claims', claimsFile, 'out/claims.json');
    assertValid('dataset', dataset, 'out/http-status-codes.json');
    assertValid('conflicts', conflicts, 'out/conflicts.json');
  });
  // Code records and findings appear in two files each (their JSON file and the review page):
  // each is turned into JSON once.
  const serialized = new WeakMap<object, string>();
  const stringifyOnce = (value: object): string => {
    let json = serialized.get(value);
    if (json === undefined) serialized.set(value, (json = JSON.stringify(value)));
    return json;
  };
  const files = new OutputFiles();
  files.set('claims.json', () => jsonLinesChunks(claimsFile, ['claims', 'diagnostics']));
  files.set('http-status-codes.json', () => jsonLinesChunks(dataset, ['codes'], stringifyOnce));
  files.set('conflicts.json', () => jsonLinesChunks(conflicts, ['conflicts'], stringifyOnce));
  files.set('conflicts.md', () => conflictsMarkdownChunks(findings, sourcesList, new Map(codes.map((c) => [String(c.code), c.name]))));
  files.set('report.html', () => reviewPageChunks({ findings, codes, classes, sources: sourcesList }, stringifyOnce));
  files.set('locales/index.json', () => toJson(localeIndex));
  for (const file of localeFiles) {
    files.set(`locales/${file.locale}.json`, () => toJson(file));
    files.set(`locales/${file.locale}.csv`, () => localeCsv(file));
  }
  for (const [name, content] of [...(input.packageFiles ?? new Map<string, string>())].sort(([a], [b]) => byCodePoint(a, b))) files.set(name, () => content);
  if (input.packageFiles) files.set('package.json', () => toJson(packageManifest(input.packageVersion ?? '0.0.0', [...input.packageFiles!.keys()])));
  return { files, claims: reconciled.claims, diagnostics: claimsFile.diagnostics, accounting, findings };
}

export function sortDiagnostics(diagnostics: Diagnostic[], order: Map<string, number>): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (order.get(a.source) ?? 1e9) - (order.get(b.source) ?? 1e9) ||
      a.line - b.line ||
      a.column - b.column ||
      byCodePoint(a.ruleId, b.ruleId) ||
      byCodePoint(a.message, b.message),
  );
}

/** out/package.json: exactly what a consumer needs, no dependencies. */
export function packageManifest(version: string, packageFiles: string[]): Record<string, unknown> {
  return {
    name: 'http-status-atlas',
    version,
    description: 'HTTP status codes: canonical IANA names, names and descriptions in many languages, each traceable to its source.',
    keywords: ['http', 'status', 'status-codes', 'i18n', 'iana'],
    type: 'module',
    main: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './http-status-codes.json': './http-status-codes.json',
      './locales/*.json': './locales/*.json',
      './locales/*.csv': './locales/*.csv',
      './package.json': './package.json',
    },
    files: [...new Set(['http-status-codes.json', 'locales/', ...packageFiles.map((f) => (f.includes('/') ? `${f.split('/')[0]}/` : f))])].sort(),
    sideEffects: false,
    engines: { node: '>=18' },
  };
}
