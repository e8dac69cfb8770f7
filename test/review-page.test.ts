/**
 * out/report.html without a browser: deterministic, complete, self-contained, and source text can
 * never become markup. (test/browser.test.ts opens the page in Chromium.)
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadSources } from '../pipeline/load.ts';
import { build } from '../pipeline/build.ts';
import { decisionSnippet } from '../pipeline/report.ts';
import { jsonForScript, renderReviewPage, type ReviewData, type ReviewPageInput } from '../pipeline/review-page.ts';
import type { Finding } from '../pipeline/reconcile/findings.ts';

const loaded = loadSources(path.join(import.meta.dirname, '..', 'sources'));
const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics, ...(loaded.decisions ? { decisions: loaded.decisions } : {}) });
const dataset = JSON.parse(result.files.get('http-status-codes.json')!);
const input: ReviewPageInput = { findings: result.findings, codes: dataset.codes, classes: dataset.classes, sources: dataset.sources };

/** The text of every `<script ...>...</script>` element, with its opening tag. */
function scripts(html: string): Array<{ open: string; body: string }> {
  return [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)].map((m) => ({ open: m[1]!, body: m[2]! }));
}

function embedded(html: string): ReviewData {
  const data = scripts(html).find((s) => s.open.includes('id="data"'));
  expect(data, 'no <script id="data">').toBeDefined();
  return JSON.parse(data!.body) as ReviewData;
}

const PLANTED_SCRIPT = '</script><script>alert(1)</script>';
const PLANTED_IMG = '<img src=x onerror=alert(1)>';

function planted(): ReviewPageInput {
  const base = result.findings[0]!;
  const evil: Finding = {
    ...base,
    id: 'parse-problem/999/-/-/planted',
    code: '999',
    message: `A message with ${PLANTED_SCRIPT} and ${PLANTED_IMG} and <!-- a comment and a \u2028 line separator`,
    sources: [{ source: 'en-table', line: 1, column: 1, excerpt: `${PLANTED_IMG} ${PLANTED_SCRIPT}`, text: '<b>bold</b> & <style>*{}</style>', lang: 'en' }],
    resolution: { rule: 'test/planted', action: PLANTED_SCRIPT, chosen: PLANTED_IMG, rejected: [{ text: PLANTED_SCRIPT, source: 'en-table', line: 1, reason: PLANTED_IMG }] },
    decision: { action: 'override', note: PLANTED_SCRIPT, value: PLANTED_IMG },
  };
  return { ...input, findings: [...input.findings, evil] };
}

describe('out/report.html', () => {
  const html = renderReviewPage(input);

  it('is what the build writes', () => {
    expect(result.files.get('report.html')).toBe(html);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(renderReviewPage(input)).toBe(html);
    const again = build({ sources: loaded.sources, diagnostics: loaded.diagnostics, ...(loaded.decisions ? { decisions: loaded.decisions } : {}) });
    expect(again.files.get('report.html')).toBe(html);
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\d/); // no dates
  });

  it('embeds every finding, with the decisions.yaml snippet of report.ts, and every code', () => {
    const data = embedded(html);
    expect(data.findings.map((f) => f.finding.id)).toEqual(result.findings.map((f) => f.id));
    for (const [i, f] of result.findings.entries()) {
      expect(data.findings[i]!.finding).toEqual(JSON.parse(JSON.stringify(f)));
      expect(data.findings[i]!.snippet).toBe(decisionSnippet(f));
    }
    expect(data.codes.map((c) => c.code)).toEqual(dataset.codes.map((c: { code: number }) => c.code));
    expect(data.classes.map((c) => c.class)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
    expect(data.sources.map((s) => s.id)).toEqual(dataset.sources.map((s: { id: string }) => s.id));
  });

  it('lists, per finding, the sources and languages it is filtered by', () => {
    const data = embedded(html);
    const f = data.findings.find((x) => x.finding.id === 'missing-description/507/description/en/-')!;
    expect(f.sources).toEqual(['fa-prose', 'ru-table']);
    expect(f.langs).toEqual(['en', 'fa', 'ru']);
  });

  it('loads nothing: a CSP that forbids requests, the inline script and style allowed by their hashes', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const inline = scripts(html).filter((s) => s.open === '<script>');
    expect(inline).toHaveLength(1);
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`script-src ${sha(inline[0]!.body)}`);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`style-src ${sha(style)}`);
    // Nothing that would fetch: no external scripts, styles, fonts, images or frames (the page
    // itself, without the embedded data, which is text).
    const shell = html.replace(/(<script type="application\/json" id="data">)[\s\S]*?(<\/script>)/, '$1$2');
    expect(shell).not.toMatch(/<(?:link|img|iframe|object|embed)\b/i);
    expect(shell).not.toMatch(/\bsrc\s*=/i);
    expect(shell).not.toMatch(/href\s*=\s*["']?(?:https?:|\/\/)/i);
    expect(style).not.toMatch(/@import|url\(|@font-face/i);
    expect(inline[0]!.body).not.toMatch(/\bfetch\(|XMLHttpRequest|\.innerHTML|insertAdjacentHTML|document\.write|\beval\(/);
  });

  it('never lets source text become markup', () => {
    const page = renderReviewPage(planted());
    expect(page).not.toContain(PLANTED_SCRIPT);
    expect(page).not.toContain(PLANTED_IMG);
    expect(page).not.toContain('<b>bold</b>');
    expect(page).not.toContain('<!-- a comment');
    expect(page).not.toContain('\u2028');
    // Exactly the page's own two script elements, and no other element a source could have added.
    expect(scripts(page).map((s) => s.open)).toEqual(['<script type="application/json" id="data">', '<script>']);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(page.match(/<style/gi)).toHaveLength(1);
    expect(page).not.toMatch(/<img/i);
    // ... and the text survives intact in the data.
    const evil = embedded(page).findings.at(-1)!.finding;
    expect(evil.message).toContain(PLANTED_SCRIPT);
    expect(evil.message).toContain('\u2028');
    expect(evil.sources[0]!.excerpt).toBe(`${PLANTED_IMG} ${PLANTED_SCRIPT}`);
    expect(evil.decision?.note).toBe(PLANTED_SCRIPT);
  });

  it('escapes JSON for a script element', () => {
    const text = '</script><!-- & > \u2028\u2029 "quoted" \\';
    const json = jsonForScript({ text });
    expect(json).toBe('{"text":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028\\u2029 \\"quoted\\" \\\\"}');
    expect(JSON.parse(json)).toEqual({ text });
  });

  it('is one file with a language, a title, a viewport and labelled filters', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    for (const id of ['filter-kind', 'filter-severity', 'filter-status', 'filter-code', 'filter-source', 'filter-lang', 'filter-q']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('@media (max-width: 700px)');
  });
});
