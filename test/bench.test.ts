/** A small run of the benchmark so it cannot rot; timings are the bench's business, not the tests'. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCorpus, measure, perturb, table } from '../pipeline/bench.ts';

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
      const { files } = generateCorpus(2, path.join(dir, 'x2'), true);
      expect(files).toHaveLength(10);
      expect(new Set(files.map((f) => path.extname(f)))).toEqual(new Set(['.txt', '.md', '.html']));
      const manifest = JSON.parse(readFileSync(path.join(dir, 'x2', 'manifest.json'), 'utf8'));
      expect(new Set(manifest.sources.map((s: { id: string }) => s.id)).size).toBe(manifest.sources.length);
      const result = measure(2, path.join(dir, 'm2'), false);
      expect(result.sources).toBe(15);
      expect(result.claims).toBeGreaterThan(900);
      expect(Object.keys(result.stages)).toEqual(expect.arrayContaining(['parse', 'reconcile', 'validate', 'emit', 'write']));
      expect(result.outputBytes).toBeGreaterThan(result.bytes);
      expect(table([result])).toMatch(/^\| size \| bytes \| sources \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs end to end from the command line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'bench.ts'), '--sizes', '1', '--no-fail', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const report = JSON.parse(out);
    expect(report.results[0]).toMatchObject({ factor: 1, sources: 10 });
    expect(report.startupMs).toBeGreaterThan(0);
  }, 60_000);
});
