import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { main, writeOut } from '../pipeline/cli.ts';
import { build } from '../pipeline/build.ts';
import { loadSources } from '../pipeline/load.ts';
import { assertValid, validator, type SchemaName } from '../pipeline/schemas.ts';

const ROOT = path.join(import.meta.dirname, '..');
let work: string;
let stderr: string;
let stdout: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'atlas-cli-'));
  stderr = '';
  stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(work, { recursive: true, force: true });
});

function copySources(): string {
  const dir = path.join(work, 'sources');
  cpSync(path.join(ROOT, 'sources'), dir, { recursive: true });
  return dir;
}

describe('build-data command', () => {
  it('committed out/ equals a fresh build of sources/ (--check)', () => {
    const code = main(['--sources', path.join(ROOT, 'sources'), '--out', path.join(ROOT, 'out'), '--check']);
    expect(stderr).toContain('up to date');
    expect(code).toBe(0);
  });

  it('writes out/ elsewhere with --sources and --out, and prints diagnostics like a linter', () => {
    const out = path.join(work, 'out');
    expect(main(['--sources', copySources(), '--out', out])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['claims.json', 'http-status-codes.json']));
    expect(stderr).toMatch(/sources\/001_be3ea27c154908aa\.txt\n(.*\n)*\s*49:117(-49:117)?\s+warning\s+Entry for 423/);
    expect(stderr).toMatch(/\d+ messages? \(⚠ \d+ warnings?\)/);
  });

  it('--check reports what differs and exits 1 when out/ is stale', () => {
    const out = path.join(work, 'out');
    main(['--sources', copySources(), '--out', out]);
    writeFileSync(path.join(out, 'claims.json'), '{}\n');
    writeFileSync(path.join(out, 'stray.txt'), 'x');
    stderr = '';
    expect(main(['--sources', path.join(work, 'sources'), '--out', out, '--check'])).toBe(1);
    expect(stderr).toContain('changed: claims.json');
    expect(stderr).toContain('not produced by the build: stray.txt');
  });

  it('builds are byte-identical', () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    main(['--sources', copySources(), '--out', a]);
    main(['--sources', path.join(work, 'sources'), '--out', b]);
    const files = readdirSync(a, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(a, path.join(e.parentPath, e.name)));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(path.join(b, f), 'utf8')).toBe(readFileSync(path.join(a, f), 'utf8'));
  });

  it('builds the committed out/ byte for byte in another time zone and locale', () => {
    // A separate process, so the time zone, the locale and ICU's default collation really differ.
    const run = spawnSync(process.execPath, [path.join(ROOT, 'pipeline', 'run.mjs'), '--check', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Asia/Kathmandu', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8', LANGUAGE: 'tr' },
    });
    expect(run.stderr).toContain('out/ is up to date');
    expect(run.status).toBe(0);
  }, 60_000);

  it('fails with file and position on a malformed manifest, leaving out/ untouched', () => {
    const sources = copySources();
    const out = path.join(work, 'out');
    main(['--sources', sources, '--out', out]);
    const before = readFileSync(path.join(out, 'claims.json'), 'utf8');
    writeFileSync(path.join(sources, 'manifest.json'), '{\n  "sources": [\n    {"id": "x",}\n  ]\n}\n');
    stderr = '';
    expect(main(['--sources', sources, '--out', out])).toBe(1);
    expect(stderr).toMatch(/^error: sources\/manifest\.json:3:\d+: Malformed JSON/m);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(readFileSync(path.join(out, 'claims.json'), 'utf8')).toBe(before);
  });

  it('--strict fails while error findings are open, and passes once they are decided', () => {
    const sources = copySources();
    const out = path.join(work, 'out');
    // The errors in the real sources: 422's first copy is 421's text; two lists give 507 506's text.
    const expected = ['misattributed-description/422/description/en/ru-table', 'misattributed-description/507/description/en/zh-hant-list', 'misattributed-description/507/description/zh-Hans/zh-hans-list'];
    expect(main(['--sources', sources, '--out', out, '--strict'])).toBe(1);
    expect(stderr).toContain(`--strict: ${expected.length} finding(s) need a decision`);
    for (const id of expected) expect(stderr).toContain(`  ${id} (open error)`);
    expect(existsSync(out)).toBe(false);
    // Decide them, with the fingerprints this build reports.
    const result = build({ sources: loadSources(sources).sources });
    const decisions = result.findings
      .filter((f) => expected.includes(f.id))
      .map((f) => `${f.id}:\n  action: accept\n  note: reviewed\n  fingerprint: "${f.fingerprint}"\n`)
      .join('');
    writeFileSync(path.join(sources, 'decisions.yaml'), `${readFileSync(path.join(sources, 'decisions.yaml'), 'utf8')}\n${decisions}`);
    stderr = '';
    expect(main(['--sources', sources, '--out', out, '--strict'])).toBe(0);
  });

  it('--strict also fails on a stale decision', () => {
    const sources = copySources();
    const yaml = readFileSync(path.join(sources, 'decisions.yaml'), 'utf8').replace(/fingerprint: "[0-9a-f]{12}"/, 'fingerprint: "000000000000"');
    writeFileSync(path.join(sources, 'decisions.yaml'), yaml);
    const result = build({ sources: loadSources(sources).sources, decisions: { path: 'sources/decisions.yaml', text: yaml } });
    const staleIds = result.findings.filter((f) => f.status === 'stale').map((f) => f.id);
    expect(staleIds).toHaveLength(1);
    const ids = result.findings.filter((f) => f.severity === 'error' && f.status === 'open').map((f) => f.id);
    const decided = ids.map((id) => `${id}:\n  action: accept\n  note: ok\n  fingerprint: "${result.findings.find((f) => f.id === id)!.fingerprint}"\n`).join('');
    writeFileSync(path.join(sources, 'decisions.yaml'), `${yaml}\n${decided}`);
    expect(main(['--sources', sources, '--out', path.join(work, 'out'), '--strict'])).toBe(1);
    expect(stderr).toContain(`  ${staleIds[0]} (stale decision)`);
  });

  it('refuses a manifest with two registries of one kind, or none from IANA', () => {
    const sources = copySources();
    const manifest = JSON.parse(readFileSync(path.join(sources, 'manifest.json'), 'utf8'));
    const iana = manifest.sources.find((s: { format: string }) => s.format === 'iana-registry');
    const twice = JSON.stringify({ sources: [...manifest.sources, { ...iana, id: 'iana-copy' }] }, null, 2);
    writeFileSync(path.join(sources, 'manifest.json'), twice);
    // At the second entry's format, in the manifest of the folder given.
    const line = twice.slice(0, twice.lastIndexOf('"format": "iana-registry"')).split('\n').length;
    expect(main(['--sources', sources, '--out', path.join(work, 'out')])).toBe(1);
    expect(stderr).toContain(`error: sources/manifest.json:${line}:17: Sources \`iana\` (entry 1) and \`iana-copy\` (entry ${manifest.sources.length + 1}) are both iana-registry; the build takes one`);
    writeFileSync(path.join(sources, 'manifest.json'), JSON.stringify({ sources: manifest.sources.filter((s: { format: string }) => s.format !== 'iana-registry') }));
    stderr = '';
    expect(main(['--sources', sources, '--out', path.join(work, 'out')])).toBe(1);
    expect(stderr).toContain('error: No source in the manifest has the format iana-registry');
    // build() itself still refuses entries that did not come through the manifest reader.
    const loaded = loadSources(path.join(ROOT, 'sources'));
    const doubled = [...loaded.sources, { ...loaded.sources.find((s) => s.entry.format === 'iana-registry')!, entry: { ...iana, id: 'iana-copy', trust: 1, options: {} } }];
    expect(() => build({ sources: doubled })).toThrow('Sources `iana` and `iana-copy` are both iana-registry');
    expect(() => build({ sources: loaded.sources.filter((s) => s.entry.format !== 'iana-registry') })).toThrow('No source in the manifest has the format iana-registry');
  });

  it('--explain accounts for every line of every source', () => {
    expect(main(['--sources', copySources(), '--out', path.join(work, 'out'), '--explain', '--quiet'])).toBe(0);
    expect(stdout).toMatch(/^sources\/004_32a83da0fcd8d5c3\.txt: \d+ claims covering \d+ lines; 5 skipped blocks$/m);
    expect(stdout).toContain('  150: furniture (link to the previous or next page)');
  });

  it('prints no stack trace unless --debug asks for one', () => {
    const sources = copySources();
    writeFileSync(path.join(sources, 'manifest.json'), '{"sources": 3}');
    expect(main(['--sources', sources, '--out', path.join(work, 'out')])).toBe(1);
    expect(stderr).toMatch(/^error: sources\/manifest\.json:1:13: Invalid manifest: \/sources must be array/m);
    expect(stderr).not.toMatch(/\n\s+at /);
    stderr = '';
    expect(main(['--sources', sources, '--out', path.join(work, 'out'), '--debug'])).toBe(1);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('refuses unknown options with usage', () => {
    expect(main(['--nope'])).toBe(2);
    expect(stderr).toContain('Usage:');
  });
});

describe('schemas', () => {
  it.each(['manifest', 'claims', 'dataset'] as SchemaName[])('%s rejects an empty object', (name) => {
    expect(validator(name)({})).toBe(false);
  });

  it('a schema violation names the output file, the JSON path and the problem', () => {
    const dataset = JSON.parse(readFileSync(path.join(ROOT, 'out', 'http-status-codes.json'), 'utf8'));
    dataset.codes[0].code = 'one hundred';
    expect(() => assertValid('dataset', dataset, 'out/http-status-codes.json')).toThrow(/out\/http-status-codes\.json|\/codes\/0\/code must be integer/);
    try {
      assertValid('dataset', dataset, 'out/http-status-codes.json');
    } catch (error) {
      expect((error as Error & { format(): string }).format()).toMatch(/^out\/http-status-codes\.json: .*\/codes\/0\/code must be integer/);
    }
  });
});

describe('the --out folder', () => {
  const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

  it.each([
    ['the sources folder itself', (src: string) => src, /is the sources folder/],
    ['a folder that holds the sources', (src: string) => path.dirname(src), /holds the sources folder/],
    ['the current folder', () => '.', /is the current folder/],
    ['the project', () => ROOT, /is the project/],
  ])('refuses %s and leaves everything as it was', (what, outOf, message) => {
    const src = copySources();
    // Run from elsewhere, so that the project is refused as the project, not as the current folder.
    if (what === 'the project') vi.spyOn(process, 'cwd').mockReturnValue(work);
    const before = listing(src);
    const out = outOf(src);
    expect(main(['--sources', src, '--out', out])).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^error: --out .* the build replaces its --out folder whole, so it refuses this one\n {2}Give --out a folder of its own/);
    expect(listing(src)).toEqual(before);
    expect(readdirSync(path.dirname(src)).filter((f) => f.includes('.staging') || f.includes('.previous'))).toEqual([]);
  });

  it('refuses a file, and a path under a file, with what is wrong', () => {
    const src = copySources();
    const file = path.join(work, 'afile');
    writeFileSync(file, 'x');
    expect(main(['--sources', src, '--out', file])).toBe(1);
    expect(stderr).toContain(`error: --out ${file} is a file, not a folder`);
    stderr = '';
    expect(main(['--sources', src, '--out', path.join(file, 'out'), '--check'])).toBe(1);
    expect(stderr).toContain(`cannot be made: ${file} is a file, not a folder`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('reports a file-system failure as an error that names the path, not an internal error', () => {
    const src = copySources();
    // A folder name the file system cannot hold once the build adds its staging suffix.
    const out = path.join(work, 'o'.repeat(250));
    expect(main(['--sources', src, '--out', out])).toBe(1);
    expect(stderr).toMatch(/^error: .*\.staging: cannot \w+: ENAMETOOLONG: name too long\n {2}Check that the folder exists/m);
    expect(stderr).not.toContain('internal error');
    expect(readdirSync(work).sort()).toEqual(['sources']);
  });

  it('leaves out/ as it was and no staging folder when a file cannot be written', () => {
    const loaded = loadSources(path.join(ROOT, 'sources'));
    const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics });
    result.files.set('n'.repeat(300), () => 'unwritable name');
    const out = path.join(work, 'out');
    cpSync(path.join(ROOT, 'out'), out, { recursive: true });
    const before = listing(out);
    expect(() => writeOut(result, out)).toThrow(/ENAMETOOLONG/);
    expect(listing(out)).toEqual(before);
    expect(readdirSync(work)).toEqual(['out']);
  });
});

