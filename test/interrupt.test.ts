/**
 * out/ is never damaged: a build killed at any point leaves either the previous out/ or the
 * complete new one (after the next start's recovery), never a mix.
 */
import { describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recoverOut } from '../pipeline/cli.ts';

const ROOT = path.join(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'pipeline', 'cli.ts')];

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const file = path.join(e.parentPath, e.name);
      out.set(path.relative(dir, file), readFileSync(file, 'utf8'));
    }
  }
  return out;
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

function runKilledAfter(ms: number, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** A copy of sources/ in a fresh folder, built once into out/ there. */
function builtCopy(prefix: string): { work: string; sources: string; out: string } {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  const sources = path.join(work, 'sources');
  const out = path.join(work, 'out');
  cpSync(path.join(ROOT, 'sources'), sources, { recursive: true });
  execFileSync(process.execPath, [...CLI, '--sources', sources, '--out', out, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
  return { work, sources, out };
}

describe('an interrupted build', () => {
  it('leaves out/ as it was, or complete: never half-written', async () => {
    const { work, sources, out } = builtCopy('atlas-kill-');
    try {
      const old = snapshot(out);
      const oldDir = path.join(work, 'old');
      cpSync(out, oldDir, { recursive: true });
      appendFileSync(path.join(sources, '002_b142a69a1a37552f.txt'), '\n599 Network Connect Timeout Error\nA proxy gave up connecting.\n');
      const fresh = path.join(work, 'fresh');
      const started = performance.now();
      execFileSync(process.execPath, [...CLI, '--sources', sources, '--out', fresh, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
      // Kill points spread over a whole build as long as this machine takes for one.
      const duration = performance.now() - started;
      const next = snapshot(fresh);
      expect(same(old, next)).toBe(false);

      const outcomes: string[] = [];
      for (const ms of [0, 0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.95, 3].map((f) => Math.round(f * duration))) {
        // Start each run from the old out/.
        rmSync(out, { recursive: true, force: true });
        cpSync(oldDir, out, { recursive: true });
        await runKilledAfter(ms, ['--sources', sources, '--out', out, '--quiet']);
        recoverOut(out);
        const now = snapshot(out);
        const outcome = same(now, old) ? 'old' : same(now, next) ? 'new' : 'damaged';
        outcomes.push(outcome);
        expect(outcome, `killed after ${ms} ms`).not.toBe('damaged');
      }
      expect(outcomes).toContain('old');
      expect(outcomes).toContain('new');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('a failed build (bad input) leaves out/ untouched', () => {
    const { work, sources, out } = builtCopy('atlas-fail-');
    try {
      const before = snapshot(out);
      appendFileSync(path.join(sources, 'decisions.yaml'), '\nno-such-kind/100/-/-/-:\n  action: accept\n  note: x\n');
      let status = 0;
      try {
        execFileSync(process.execPath, [...CLI, '--sources', sources, '--out', out], { cwd: ROOT, stdio: 'pipe' });
      } catch (error) {
        status = (error as { status: number }).status;
        expect(String((error as { stderr: Buffer }).stderr)).toMatch(/decisions\.yaml:\d+:1: Decision for unknown finding `no-such-kind\/100\/-\/-\/-`/);
      }
      expect(status).toBe(1);
      expect(same(snapshot(out), before)).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
