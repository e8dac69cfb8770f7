import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { localeChain, resolveValue } from '../pipeline/locales.ts';
import { generateTypes, TYPES_DIR } from '../pipeline/generate-types.ts';
import { getStatus, listLocales, listStatuses, negotiateLocale } from '../out/index.js';

const ROOT = path.join(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'out');
const dataset = JSON.parse(readFileSync(path.join(OUT, 'http-status-codes.json'), 'utf8'));

describe('locale fallback (CLDR parent chains)', () => {
  it.each([
    ['zh-TW', ['zh-TW', 'zh-Hant-TW', 'zh-Hant', 'en']],
    ['zh-Hant', ['zh-Hant', 'en']],
    ['zh-CN', ['zh-CN', 'zh-Hans-CN', 'zh-Hans', 'zh', 'en']],
    ['fa-IR', ['fa-IR', 'fa', 'en']],
    ['FA_ir', ['fa-IR', 'fa', 'en']],
    ['en', ['en']],
    ['not a tag!', ['en']],
  ])('%s', (tag, chain) => {
    expect(localeChain(tag)).toEqual(chain);
  });
  const value = (text: string) => ({ text, sources: [] });
  it('zh-Hant falls back to English, never to zh-Hans, even when English is missing', () => {
    expect(resolveValue({ 'zh-Hans': value('简'), en: value('E') }, localeChain('zh-Hant'))).toEqual({ text: 'E', lang: 'en' });
    expect(resolveValue({ 'zh-Hans': value('简'), fa: value('ف') }, localeChain('zh-Hant'))).toEqual({ text: 'ف', lang: 'fa' });
  });
});

describe('per-locale files', () => {
  const index = JSON.parse(readFileSync(path.join(OUT, 'locales', 'index.json'), 'utf8'));
  it('exist for every language that has data', () => {
    expect(index.locales).toEqual(['en', 'fa', 'ru', 'zh-Hans', 'zh-Hant']);
  });
  it.each(['en', 'fa', 'ru', 'zh-Hans', 'zh-Hant'])('%s: every code has a name and a description, marked with its language', (tag) => {
    const file = JSON.parse(readFileSync(path.join(OUT, 'locales', `${tag}.json`), 'utf8'));
    expect(file.codes).toHaveLength(dataset.codes.length);
    for (const c of file.codes) {
      expect(c.name, `${tag} ${c.code}`).toBeTruthy();
      expect(c.description, `${tag} ${c.code}`).toBeTruthy();
      const record = dataset.codes.find((r: { code: number }) => r.code === c.code);
      expect(record.descriptions[c.descriptionLang].text).toBe(c.description);
      if (tag === 'zh-Hant') expect(c.descriptionLang).not.toBe('zh-Hans');
    }
    expect(file.classes.map((c: { class: string }) => c.class)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
  });
  it('gives class names in the languages the sources give them in', () => {
    const names = (tag: string) => JSON.parse(readFileSync(path.join(OUT, 'locales', `${tag}.json`), 'utf8')).classes.map((c: { name: string; nameLang: string }) => `${c.nameLang}:${c.name}`);
    expect(names('en')[3]).toBe('en:Client Error');
    expect(names('fa')[4]).toBe('fa:خطاهای سرور');
    expect(names('zh-Hans')[2]).toBe('zh-Hans:重定向');
    expect(names('zh-Hant')[0]).toBe('en:Informational');
  });
  it('has a CSV per locale with one row per code', () => {
    const text = readFileSync(path.join(OUT, 'locales', 'fa.csv'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(dataset.codes.length);
    expect(rows.find((r) => r.code === '101')).toMatchObject({ name: 'پروتکل سوئیچینگ', name_lang: 'fa' });
  });
});

describe('helper', () => {
  it('returns a status in the negotiated locale', () => {
    expect(getStatus(404, 'fa-IR')).toMatchObject({ code: 404, locale: 'fa', name: 'Not Found', descriptionLang: 'fa', status: 'registered', class: '4xx' });
    expect(getStatus('101', 'fa')!.name).toBe('پروتکل سوئیچینگ');
    expect(getStatus(404, 'zh-TW')!.locale).toBe('zh-Hant');
    expect(getStatus(404, 'xx-YY')!.locale).toBe('en');
    expect(getStatus(404)!.locale).toBe('en');
    expect(getStatus(999)).toBeUndefined();
  });
  it('lists statuses and locales', () => {
    expect(listStatuses('de').length).toBe(dataset.codes.length);
    expect(listLocales()).toContain('zh-Hant');
    expect(negotiateLocale('zh-HK')).toBe('zh-Hant');
  });
});

describe('types', () => {
  it('are generated from the schemas without drift', async () => {
    for (const [file, ts] of await generateTypes()) {
      expect(readFileSync(path.join(TYPES_DIR, file), 'utf8'), `pipeline/package/types/${file} is stale: run npm run types`).toBe(ts);
      expect(readFileSync(path.join(OUT, 'types', file), 'utf8')).toBe(ts);
    }
  });
});

describe('the published package', () => {
  it('packs, installs into a fresh project, and works from JavaScript and TypeScript', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'atlas-pack-'));
    try {
      const packed = JSON.parse(execFileSync('npm', ['pack', OUT, '--pack-destination', work, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
      const files = packed.files.map((f: { path: string }) => f.path).sort();
      expect(files).toContain('locales/fa.json');
      expect(files).toContain('types/locale.d.ts');
      expect(files).not.toContain('claims.json');
      expect(files).not.toContain('conflicts.md');
      const project = path.join(work, 'consumer');
      execFileSync('mkdir', ['-p', project]);
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], { cwd: project, stdio: 'ignore' });
      expect(JSON.parse(readFileSync(path.join(project, 'node_modules', 'http-status-atlas', 'package.json'), 'utf8')).dependencies).toBeUndefined();
      writeFileSync(
        path.join(project, 'use.mjs'),
        [
          "import { getStatus } from 'http-status-atlas';",
          "import { createRequire } from 'node:module';",
          'const require = createRequire(import.meta.url);',
          "const fa = require('http-status-atlas/locales/fa.json');",
          "const all = require('http-status-atlas/http-status-codes.json');",
          "console.log(JSON.stringify([getStatus(404, 'fa-IR').locale, fa.locale, all.codes.length]));",
        ].join('\n'),
      );
      const output = execFileSync('node', ['use.mjs'], { cwd: project, encoding: 'utf8' });
      expect(JSON.parse(output)).toEqual(['fa', 'fa', dataset.codes.length]);
      writeFileSync(
        path.join(project, 'use.ts'),
        [
          "import { getStatus, type Status } from 'http-status-atlas';",
          "const s: Status | undefined = getStatus(404, 'fa');",
          'const name: string = s?.name ?? "";',
          '// @ts-expect-error the code is a number',
          'const wrong: string = s!.code;',
          'export { name, wrong };',
        ].join('\n'),
      );
      writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: false }, files: ['use.ts'] }));
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('reproducible builds', () => {
  it('give byte-identical out/ whatever the time zone and locale, with no absolute paths', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'atlas-repro-'));
    try {
      const run = (dir: string, env: Record<string, string>) =>
        execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'cli.ts'), '--out', path.join(work, dir), '--quiet'], {
          cwd: ROOT,
          env: { ...process.env, ...env },
          stdio: 'ignore',
        });
      run('a', { TZ: 'Asia/Tehran', LANG: 'fa_IR.UTF-8', LC_ALL: 'fa_IR.UTF-8' });
      run('b', { TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C' });
      const list = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name])).sort();
      const a = list(path.join(work, 'a'));
      expect(a).toEqual(list(path.join(work, 'b')));
      for (const f of a) {
        const content = readFileSync(path.join(work, 'a', f), 'utf8');
        expect(readFileSync(path.join(work, 'b', f), 'utf8'), f).toBe(content);
        expect(content.includes(ROOT) || content.includes(work) || /\b20\d\d-\d\d-\d\dT/.test(content), f).toBe(false);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
