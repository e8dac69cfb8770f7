/** A small run of the benchmark so it cannot rot; timings are the bench's business, not the tests'. */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCorpus, measure, perturb, table, type SizeResult } from '../pipeline/bench.ts';

const ROOT = path.join(import.meta.dirname, '..');

describe('bench', () => {
  it('perturbs text deterministically without touching codes', () => {
    const text = '404 Not Found\nThe requested resource could not be located anywhere.';
    expect(perturb(text, 7)).toBe(perturb(text, 7));
    expect(perturb(text, 7)).not.toBe(text);
    expect(perturb(text, 7).startsWith('404 ')).toBe(true);
  });

  it('generates distinct sources at a given size, in each format when mixed, and measures a build', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-bench-test-'));
    try {
      const generated = generateCorpus(2, path.join(dir, 'x2'), true);
      const { files } = generated;
      expect(files).toHaveLength(10);
      expect(new Set(files.map((f) => path.extname(f)))).toEqual(new Set(['.txt', '.md', '.html']));
      const manifest = JSON.parse(readFileSync(path.join(dir, 'x2', 'manifest.json'), 'utf8'));
      expect(new Set(manifest.sources.map((s: { id: string }) => s.id)).size).toBe(manifest.sources.length);
      const result = measure(2, path.join(dir, 'm2'), false);
      expect(result.sources).toBe(15);
      expect(result.copy).toBe(1);
      expect(result.cpu).toBeGreaterThan(0);
      expect(result.claims).toBeGreaterThan(900);
      expect(Object.keys(result.stages)).toEqual(expect.arrayContaining(['parse', 'reconcile', 'validate', 'emit', 'write']));
      expect(result.outputBytes).toBeGreaterThan(result.bytes);
      expect(table([result])).toMatch(/^\| size \| bytes \| sources \|/);
      // A corpus already written is measured as it is, not generated again.
      const again = measure(2, path.join(dir, 'x2'), true);
      expect(again.bytes).toBe(generated.bytes);
      expect(again.sources).toBe(15);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels builds run at the same time and measures growth within each copy', () => {
    const row = (factor: number, copy: number, total: number): SizeResult => ({ factor, copy, cpu: total * 1.5, bytes: factor * 1000, outputBytes: 0, sources: 1, claims: 1, findings: 0, stages: {}, load: 0, total, floor: total, peakMB: 1 });
    const lines = table([row(1, 1, 100), row(1, 2, 300), row(10, 1, 500), row(10, 2, 600)]).split('\n');
    expect(lines.slice(2).map((l) => l.split(' | ')[0])).toEqual(['| 1x #1', '| 1x #2', '| 10x #1', '| 10x #2']);
    expect(lines[4]).toContain('5.00x time for 10.0x input');
    expect(lines[5]).toContain('2.00x time for 10.0x input');
    // Process time over wall time: the cores the build kept busy.
    expect(lines[2]).toContain('| 150 | 1.50 |');
    expect(table([row(1, 1, 100)])).toContain('| 1x |');
  });

  it('runs end to end from the command line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'bench.ts'), '--sizes', '1', '--no-fail', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const report = JSON.parse(out);
    expect(report.results[0]).toMatchObject({ factor: 1, sources: 10 });
    expect(report.startupMs).toBeGreaterThan(0);
  }, 60_000);

  it('refuses bad options with a message and exit code 2, not a stack trace', () => {
    for (const args of [['--sizes', '1,x'], ['--sizes', '0'], ['--concurrent', '0'], ['--bogus']]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'bench.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^bench: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('runs builds at the same time with --concurrent, and checks no target then', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'bench.ts'), '--sizes', '1', '--concurrent', '2'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('| 1x #1 |');
    expect(out).toContain('| 1x #2 |');
    expect(out).toContain('targets are for one build at a time');
    expect(out).not.toMatch(/^(PASS|FAIL) /m);
  }, 60_000);
});
