/**
 * out/report.html in a real browser (headless Chromium through playwright-core): built in-process
 * from the real sources plus one planted line of markup, opened from file://, then filtered,
 * reloaded, copied from, tabbed through and photographed (test/.artifacts/).
 *
 * Needs a Chromium: `apt-get install -y chromium` (or CHROMIUM_PATH). Without one the tests are
 * skipped locally and fail under CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadSources } from '../pipeline/load.ts';
import { build } from '../pipeline/build.ts';
import { decisionSnippet } from '../pipeline/report.ts';
import { findingLangs, findingSources } from '../pipeline/review-page.ts';
import type { Finding } from '../pipeline/reconcile/findings.ts';

const ROOT = path.join(import.meta.dirname, '..');
const ARTIFACTS = path.join(import.meta.dirname, '.artifacts');
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const PLANTED_IMG = '<img src=x onerror="window.__pwned=1">';
const PLANTED_SCRIPT = '<script>window.__pwned=2</script>';

function findChromium(): string | undefined {
  const candidates: string[] = [];
  if (process.env.CHROMIUM_PATH) candidates.push(process.env.CHROMIUM_PATH);
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) candidates.push(found);
    } catch {
      // not on PATH
    }
  }
  candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser');
  return candidates.find((c) => existsSync(c));
}

const executablePath = findChromium();
const browserRequired = process.env.CI === 'true' || process.env.CI === '1';
if (!executablePath && !browserRequired) {
  console.warn('test/browser.test.ts: SKIPPED, no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH). Under CI=true this fails.');
}

/** Every string value in a finding: what the page's text search looks through. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function matchesText(f: Finding, q: string): boolean {
  const hay = strings(f).join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((t) => hay.includes(t));
}

/** WCAG contrast ratio of two `rgb()`/`rgba()` colours (alpha ignored: backgrounds here are opaque). */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(!executablePath && !browserRequired)('out/report.html in Chromium', () => {
  let tmp: string;
  let fileUrl: string;
  let findings: Finding[];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const failed: string[] = [];
  const problems: string[] = [];

  const ready = async (p: Page = page) => {
    await p.waitForSelector('html[data-ready="true"]');
  };
  const visible = async () => {
    const shown = Number(await page.getAttribute('#result-count', 'data-visible'));
    const listed = await page.locator('#findings-list > .finding:not([hidden])').count();
    expect(listed).toBe(shown);
    return shown;
  };
  const watch = (p: Page) => {
    p.on('request', (r) => requests.push(r.url()));
    p.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
  };

  beforeAll(async () => {
    if (!executablePath) throw new Error('CI=true but no Chromium was found: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
    // The real sources, plus one table row whose cells are markup.
    tmp = mkdtempSync(path.join(tmpdir(), 'atlas-browser-'));
    const sourcesDir = path.join(tmp, 'sources');
    cpSync(path.join(ROOT, 'sources'), sourcesDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(sourcesDir, 'manifest.json'), 'utf8')) as { sources: Array<{ id: string; file: string }> };
    const table = manifest.sources.find((s) => s.id === 'en-table')!;
    appendFileSync(path.join(sourcesDir, table.file), `\n599 | ${PLANTED_IMG} | ${PLANTED_SCRIPT} Planted markup. |\n`);
    const loaded = loadSources(sourcesDir);
    const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics, ...(loaded.decisions ? { decisions: loaded.decisions } : {}) });
    findings = result.findings;
    expect(findings.some((f) => f.sources.some((e) => e.excerpt.includes(PLANTED_IMG) && e.excerpt.includes(PLANTED_SCRIPT))), 'the planted row reaches a finding').toBe(true);
    const file = path.join(tmp, 'report.html');
    writeFileSync(file, result.files.get('report.html')!);
    fileUrl = pathToFileURL(file).href;
    mkdirSync(ARTIFACTS, { recursive: true });

    browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    watch(page);
    await page.goto(fileUrl);
    await ready();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('shows every finding, and the planted markup as text that never runs', async () => {
    const ids = await page.$$eval('#findings-list > .finding', (els) => els.map((e) => (e as HTMLElement).dataset.id));
    expect(ids).toEqual(findings.map((f) => f.id));
    expect(await visible()).toBe(findings.length);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    const planted = page.locator('.excerpt', { hasText: 'Planted markup.' }).first();
    expect(await planted.textContent()).toContain(`${PLANTED_IMG} | ${PLANTED_SCRIPT}`);
    await page.locator('#findings-list > .finding', { has: planted }).first().screenshot({ path: path.join(ARTIFACTS, 'report-planted.png') });
    expect(problems).toEqual([]);
  });

  it('filters by severity, kind, status and text; the count follows the data', async () => {
    await page.selectOption('#filter-severity', 'warning');
    expect(await visible()).toBe(findings.filter((f) => f.severity === 'warning').length);
    await page.selectOption('#filter-kind', 'name-variant');
    expect(await visible()).toBe(findings.filter((f) => f.severity === 'warning' && f.kind === 'name-variant').length);
    await page.click('#clear');
    expect(await visible()).toBe(findings.length);

    await page.selectOption('#filter-status', 'open');
    expect(await visible()).toBe(findings.filter((f) => f.status === 'open').length);
    await page.click('#clear');

    await page.fill('#filter-q', 'Multiple Choice');
    const expected = findings.filter((f) => matchesText(f, 'Multiple Choice')).length;
    expect(expected).toBeGreaterThan(0);
    expect(await visible()).toBe(expected);
    await page.click('#clear');

    // The summary's counts are filters too, and their numbers are what a click shows.
    const facet = page.locator('button.facet[data-facet="kind"][data-value="text-defect"]');
    const count = findings.filter((f) => f.kind === 'text-defect').length;
    expect(await facet.locator('.n').textContent()).toBe(String(count));
    await facet.click();
    expect(await facet.getAttribute('aria-pressed')).toBe('true');
    expect(await page.inputValue('#filter-kind')).toBe('text-defect');
    expect(await visible()).toBe(count);
    const lang = page.locator('button.facet[data-facet="lang"][data-value="fa"]');
    const both = findings.filter((f) => f.kind === 'text-defect' && findingLangs(f).includes('fa')).length;
    expect(await lang.locator('.n').textContent()).toBe(String(both));
    await facet.click();
    expect(await facet.getAttribute('aria-pressed')).toBe('false');
    expect(await visible()).toBe(findings.length);

    await page.selectOption('#filter-source', 'fa-prose');
    expect(await visible()).toBe(findings.filter((f) => findingSources(f).includes('fa-prose')).length);
    await page.selectOption('#filter-code', '507');
    expect(await visible()).toBe(findings.filter((f) => f.code === '507' && findingSources(f).includes('fa-prose')).length);
    await page.click('#clear');
  });

  it('keeps the filters in the address; reloading or opening the link restores them', async () => {
    await page.selectOption('#filter-severity', 'warning');
    await page.selectOption('#filter-kind', 'name-variant');
    await page.fill('#filter-q', 'registry');
    const expected = findings.filter((f) => f.severity === 'warning' && f.kind === 'name-variant' && matchesText(f, 'registry')).length;
    expect(await visible()).toBe(expected);
    const url = page.url();
    expect(new URL(url).hash).toBe('#kind=name-variant&severity=warning&q=registry');

    await page.reload();
    await ready();
    expect(await page.inputValue('#filter-severity')).toBe('warning');
    expect(await page.inputValue('#filter-kind')).toBe('name-variant');
    expect(await page.inputValue('#filter-q')).toBe('registry');
    expect(await visible()).toBe(expected);

    const other = await context.newPage();
    watch(other);
    await other.goto(`${fileUrl}#view=codes&code=300`);
    await ready(other);
    const cards = other.locator('#codes-list > .code-card:not([hidden])');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getAttribute('data-code')).toBe('300');
    const chosen = cards.first().locator('[data-chosen="true"] .text');
    expect(await chosen.first().textContent()).toBe('Multiple Choices');
    expect(await cards.first().textContent()).toContain('Multiple Choice (typo)');
    expect(await other.getAttribute('#view-codes', 'aria-pressed')).toBe('true');
    // A finding's code links to that code's view; the code's findings link back.
    await other.click('#codes-list .code-card[data-code="300"] a[href="#code=300"] >> nth=0');
    expect(new URL(other.url()).hash).toBe('#code=300');
    expect(Number(await other.getAttribute('#result-count', 'data-visible'))).toBe(findings.filter((f) => f.code === '300').length);
    await other.close();
    await page.click('#clear');
  });

  it('copies the decisions.yaml snippet for a finding', async () => {
    const target = findings.find((f) => f.status === 'open' && (f.resolution.rejected ?? []).length > 0)!;
    const card = page.locator(`#findings-list > .finding[data-id="${target.id}"]`);
    await card.locator('button.copy').click();
    await expect.poll(() => card.locator('.copy-status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(decisionSnippet(target));

    // Without the Clipboard API the hidden-textarea fallback copies the same text.
    const second = findings.find((f) => f.status === 'decided')!;
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
    });
    const card2 = page.locator(`#findings-list > .finding[data-id="${second.id}"]`);
    await card2.locator('button.copy').click();
    await expect.poll(() => card2.locator('.copy-status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(decisionSnippet(second));
    expect(await page.locator('textarea').count()).toBe(0);
  });

  it('is usable from the keyboard, with a visible focus', async () => {
    await page.reload();
    await ready();
    const reached = new Set<string>();
    let copyOutline = '';
    for (let i = 0; i < 150 && !(reached.has('copy') && reached.size >= 9); i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        if (!a) return { key: '', outline: '' };
        const key = a.id || (a.classList.contains('facet') ? 'facet' : a.classList.contains('copy') ? 'copy' : a.tagName.toLowerCase());
        return { key, outline: getComputedStyle(a).outlineStyle };
      });
      reached.add(info.key);
      if (info.key === 'copy') copyOutline = info.outline;
    }
    for (const key of ['skip', 'view-findings', 'view-codes', 'facet', 'filter-kind', 'filter-severity', 'filter-status', 'filter-q', 'clear', 'copy']) {
      expect(reached, `Tab never reached ${key}`).toContain(key);
    }
    expect(copyOutline).toBe('solid');
    // Space on a focused summary count applies it.
    await page.focus('button.facet[data-facet="severity"][data-value="error"]');
    await page.keyboard.press('Space');
    expect(await visible()).toBe(findings.filter((f) => f.severity === 'error').length);
    await page.click('#clear');
  });

  it('shows Persian right to left', async () => {
    const persian = await page.$$eval('.excerpt[lang="fa"]', (els) => els.map((e) => ({ dir: e.getAttribute('dir'), direction: getComputedStyle(e).direction })));
    expect(persian.length).toBe(findings.flatMap((f) => f.sources).filter((e) => e.lang === 'fa').length);
    expect(persian.length).toBeGreaterThan(0);
    for (const p of persian) expect(p).toEqual({ dir: 'rtl', direction: 'rtl' });
    const fromPersianSource = await page.$$eval('.ev[data-source="fa-prose"] .excerpt', (els) => els.map((e) => e.getAttribute('dir')));
    expect(fromPersianSource.length).toBeGreaterThan(0);
    for (const dir of fromPersianSource) expect(['rtl', 'auto']).toContain(dir);
    const names = await page.$$eval('.code-card .text[lang="fa"]', (els) => els.map((e) => getComputedStyle(e).direction));
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['rtl']));
  });

  it('has readable contrast', async () => {
    const pairs = await page.evaluate(() => {
      const bg = (e: Element | null): string => {
        for (; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
        }
        return 'rgb(255, 255, 255)';
      };
      const selectors = ['body', 'h1', '.lede', '.hint', '.facet', '.facet .n', '.facet.zero', '.field label', '.message', '.finding-id', '.badge', '.badge.sev-error', '.badge.sev-warning', '.badge.sev-info', '.badge.st-decided', '.excerpt', '.read-as', '.ev figcaption', '.facts dt', '.reason', '.decision', '.snippet summary', '.atts', 'a'];
      return selectors.flatMap((s) => {
        const e = document.querySelector(s);
        return e ? [{ s, fg: getComputedStyle(e).color, bg: bg(e) }] : [];
      });
    });
    expect(pairs.length).toBeGreaterThan(15);
    for (const p of pairs) expect(contrast(p.fg, p.bg), `${p.s}: ${p.fg} on ${p.bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('fits a laptop and a phone screen (screenshots in test/.artifacts/)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png') });
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    watch(phone);
    await phone.goto(`${fileUrl}#code=507`);
    await ready(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const columns = await phone.$eval('.evidence-grid', (e) => getComputedStyle(e).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(1);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'report-phone.png') });
    await phone.locator('#findings-list > .finding:not([hidden])').nth(2).screenshot({ path: path.join(ARTIFACTS, 'report-phone-finding.png') });
    await phoneContext.close();
    expect(existsSync(path.join(ARTIFACTS, 'report.png'))).toBe(true);
  });

  it('sends no request beyond the file itself', () => {
    const own = new URL(fileUrl);
    own.hash = '';
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.map((u) => u.replace(/#.*$/, '')).filter((u) => u !== own.href)).toEqual([]);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
  });
});
