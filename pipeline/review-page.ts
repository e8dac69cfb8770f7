/**
 * out/report.html: one self-contained page for reviewing the findings and every code. The data is
 * embedded as JSON (escaped so no source text can close the script element) and rendered in the
 * browser by pipeline/review/app.js with textContent only; the style and script are inlined and
 * allowed by their hashes in a Content-Security-Policy that forbids every network request.
 *
 * Deterministic: the same input gives the same bytes (no dates, no random ids; the input's own
 * order, which the build makes stable).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decisionSnippet } from './report.ts';
import { PIPELINE_DIR } from './paths.ts';
import type { Finding } from './reconcile/findings.ts';
import type { ListedSource } from './types.ts';
import type { ClassRecord, CodeRecord } from './reconcile/records.ts';

export interface ReviewPageInput {
  findings: readonly Finding[];
  codes: readonly CodeRecord[];
  classes: readonly ClassRecord[];
  sources: readonly ListedSource[];
}

/** One finding as the page receives it: the finding itself plus what the page filters on. */
export interface ReviewFinding {
  finding: Finding;
  /** decisionSnippet(finding): what the copy button puts on the clipboard. */
  snippet: string;
  /** Sources the finding quotes or rejects, in the order they appear. */
  sources: string[];
  /** The finding's locale and the language of each piece of evidence. */
  langs: string[];
}

export interface ReviewData {
  sources: ListedSource[];
  classes: ClassRecord[];
  codes: CodeRecord[];
  findings: ReviewFinding[];
}

const ASSET_DIR = path.join(PIPELINE_DIR, 'review');
let assets: { script: string; style: string } | undefined;

/** The page's script and style sheet (part of the program, read once; line endings normalized). */
function loadAssets(): { script: string; style: string } {
  if (!assets) {
    const read = (name: string) => readFileSync(path.join(ASSET_DIR, name), 'utf8').replace(/\r\n?/g, '\n');
    const script = read('app.js');
    const style = read('style.css');
    if (/<\/script|<!--/i.test(script)) throw new Error('pipeline/review/app.js must not contain "</script" or "<!--"');
    if (/<\/style/i.test(style)) throw new Error('pipeline/review/style.css must not contain "</style"');
    assets = { script, style };
  }
  return assets;
}

/** Languages of a finding: its locale, then each evidence's language, without repeats. */
export function findingLangs(f: Finding): string[] {
  return [...new Set([f.locale, ...f.sources.map((e) => e.lang)].filter((l): l is string => typeof l === 'string' && l !== ''))];
}

/** Sources a finding quotes (evidence) or rejects (candidates), without repeats. */
export function findingSources(f: Finding): string[] {
  return [...new Set([...f.sources.map((e) => e.source), ...(f.resolution.rejected ?? []).map((r) => r.source)])];
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` (which only occur inside
 * strings in JSON) become \u escapes, so `</script>` or `<!--` in a source cannot end the element,
 * and U+2028/U+2029 are escaped for older JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  return escapeForScript(JSON.stringify(value));
}

function escapeForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The page's data (a ReviewData) as JSON for the script element, in pieces: a code or a finding
 * at a time. `stringify` may hand back JSON it already made for another file.
 */
function* reviewDataChunks(input: ReviewPageInput, stringify: (value: object) => string): Generator<string> {
  yield `{"sources":${jsonForScript(input.sources)},"classes":${jsonForScript(input.classes)},"codes":[`;
  for (let i = 0; i < input.codes.length; i++) yield `${i === 0 ? '' : ','}${escapeForScript(stringify(input.codes[i]!))}`;
  yield '],"findings":[';
  for (let i = 0; i < input.findings.length; i++) {
    const finding = input.findings[i]!;
    // The JSON of a ReviewFinding, key by key.
    const rest = JSON.stringify({ snippet: decisionSnippet(finding), sources: findingSources(finding), langs: findingLangs(finding) });
    yield `${i === 0 ? '' : ','}{"finding":${escapeForScript(stringify(finding))},${escapeForScript(rest.slice(1))}`;
  }
  yield ']}';
}

/** The CSP source expression for an inline element's exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's Content-Security-Policy: nothing may be fetched; only this script and style run. */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderReviewPage(input: ReviewPageInput): string {
  return [...reviewPageChunks(input)].join('');
}

/** The review page in pieces: the page around the data, and the data a record at a time. */
export function* reviewPageChunks(input: ReviewPageInput, stringify: (value: object) => string = JSON.stringify): Generator<string> {
  const { script, style } = loadAssets();
  const csp = contentSecurityPolicy(script, style);
  const select = (key: string, label: string) =>
    `      <div class="field"><label for="filter-${key}">${label}</label><select id="filter-${key}" name="${key}"></select></div>`;
  yield [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="generator" content="http-status-atlas npm run build-data">',
    '<title>HTTP status atlas: conflict review</title>',
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" id="skip" href="#results">Skip to the results</a>',
    '<header class="page-head">',
    '  <div class="wrap">',
    '    <div>',
    '      <h1>HTTP status atlas: conflict review</h1>',
    '      <p class="lede" id="lede">The findings of the last build and every code, from out/conflicts.json and out/http-status-codes.json.</p>',
    '    </div>',
    '    <div class="views" role="group" aria-label="View">',
    '      <button type="button" id="view-findings" aria-pressed="true">Findings</button>',
    '      <button type="button" id="view-codes" aria-pressed="false">Codes</button>',
    '    </div>',
    '  </div>',
    '</header>',
    '<noscript><div class="wrap"><p class="panel">This page needs JavaScript to show the findings. out/conflicts.md has the same findings as text.</p></div></noscript>',
    '<div class="wrap">',
    '  <section class="panel" aria-labelledby="summary-title">',
    '    <div class="panel-head"><h2 id="summary-title">Summary</h2><p class="hint">Each count is a filter: select it to show only those findings, select it again to clear.</p></div>',
    '    <div class="summary-grid" id="summary"></div>',
    '  </section>',
    '  <section class="panel filters-panel" aria-labelledby="filters-title">',
    '    <div class="panel-head"><h2 id="filters-title">Filters</h2><p class="hint">The address keeps the filters: copy it to share this view.</p></div>',
    '    <form class="filters" id="filters" role="search" aria-labelledby="filters-title">',
    select('kind', 'Kind'),
    select('severity', 'Severity'),
    select('status', 'Status'),
    select('code', 'Code'),
    select('source', 'Source'),
    select('lang', 'Language'),
    '      <div class="field search"><label for="filter-q">Search text</label><input type="search" id="filter-q" name="q" autocomplete="off" spellcheck="false" placeholder="Words from a message, excerpt or id"></div>',
    '      <div class="filter-actions"><button type="button" class="button" id="clear">Clear filters</button></div>',
    '    </form>',
    '  </section>',
    '  <div class="result-bar"><p id="result-count" role="status" aria-live="polite"></p></div>',
    '  <main id="results" tabindex="-1">',
    '    <div id="findings-list" class="list"></div>',
    '    <div id="codes-list" class="list" hidden></div>',
    '    <div id="empty" class="empty" hidden><p>Nothing matches these filters.</p><button type="button" class="button" id="empty-clear">Clear filters</button></div>',
    '  </main>',
    '  <section class="panel sources-legend" aria-label="Sources">',
    '    <details><summary>Sources (<span id="sources-count"></span>)</summary>',
    '      <div class="table-wrap"><table><thead><tr><th scope="col">id</th><th scope="col">title</th><th scope="col">file</th><th scope="col">format</th><th scope="col">lang</th></tr></thead><tbody id="sources-body"></tbody></table></div>',
    '    </details>',
    '  </section>',
    '  <footer class="page-foot">Written by <code>npm run build-data</code>. To decide a finding, paste its snippet into <code>sources/decisions.yaml</code>, set <code>action</code> and <code>note</code>, and build again.</footer>',
    '</div>',
    '<script type="application/json" id="data">',
  ].join('\n');
  yield* reviewDataChunks(input, stringify);
  yield ['</script>', `<script>${script}</script>`, '</body>', '</html>', ''].join('\n');
}
