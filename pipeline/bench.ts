/**
 * npm run bench [-- --sizes 1,10,100 --no-fail --json]
 *
 * Generates synthetic corpora from the real sources (each copy a distinct source with perturbed
 * text, and some copies rendered as Markdown and HTML), builds each in-process in a child process
 * of its own (so peak memory is that size's), and prints bytes, sources, claims, findings, time per
 * stage (writing out/ included), total, throughput and peak memory, the growth factor between sizes, and the parse-only
 * floor (the same files through remark-parse and cheerio alone). Checks the targets and exits 1
 * when one is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import * as cheerio from 'cheerio';
import { build, stageTimes } from './build.ts';
import { PROJECT_ROOT } from './paths.ts';
import { folderBytes, nodeFlagsFor } from './heap.mjs';
import { writeOut } from './cli.ts';
import { loadPackageFiles, loadSources } from './load.ts';
import { PARSERS } from './parsers/index.ts';
import { isReferenceFormat, type ManifestEntry } from './manifest.ts';
import type { Claim, Format } from './types.ts';

const ROOT = PROJECT_ROOT;

/** A small deterministic PRNG (mulberry32), so corpora are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Perturb text so copies are not trivially identical: swap letters inside some long words, swap some Han characters. */
export function perturb(text: string, seed: number): string {
  const rand = random(seed);
  return text
    .replace(/\p{L}{6,}/gu, (word) => {
      if (rand() > 0.2) return word;
      const chars = [...word];
      const i = 1 + Math.floor(rand() * (chars.length - 3));
      [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      return chars.join('');
    })
    .replace(/\p{Script=Han}{2}/gu, (pair) => (rand() < 0.1 ? [...pair].reverse().join('') : pair));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Render a document's entries (from its claims) as a Markdown table or an HTML definition list. */
function render(claims: Claim[], format: 'markdown' | 'html'): string {
  const entries = new Map<string, { name?: string; description?: string }>();
  for (const c of claims) {
    if (c.field === 'class-name') continue;
    const e = entries.get(c.code) ?? {};
    if (c.field === 'name' && !e.name) e.name = c.text;
    if (c.field === 'description' && !e.description) e.description = c.text;
    entries.set(c.code, e);
  }
  const list = [...entries].sort(([a], [b]) => Number(a) - Number(b));
  if (format === 'markdown') {
    const cell = (t = '') => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return ['# Status codes', '', '| Code | Name | Description |', '|---|---|---|', ...list.map(([code, e]) => `| ${code} | ${cell(e.name)} | ${cell(e.description)} |`), ''].join('\n');
  }
  return [
    '<!doctype html><html><head><title>Status codes</title><style>dt{font-weight:bold}</style></head><body>',
    '<nav>Home · Docs</nav>',
    '<dl>',
    ...list.map(([code, e]) => `<dt>${code} ${escapeHtml(e.name ?? '')}</dt>\n<dd>${escapeHtml(e.description ?? '')}</dd>`),
    '</dl>',
    '<footer>Last updated: never</footer>',
    '</body></html>',
    '',
  ].join('\n');
}

/** Write a corpus `factor` times the real one into `dir` (a sources folder with its manifest). */
export function generateCorpus(factor: number, dir: string, mixed = false): { bytes: number; files: string[] } {
  const real = loadSources(path.join(ROOT, 'sources'));
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(ROOT, 'sources', 'registry'), path.join(dir, 'registry'), { recursive: true });
  const manifest: ManifestEntry[] = real.sources.filter((s) => isReferenceFormat(s.entry.format)).map((s) => s.entry);
  const documents = real.sources.filter((s) => !isReferenceFormat(s.entry.format));
  const claimsOf = new Map(
    documents.map((s) => [s.entry.id, PARSERS[s.entry.format as Format]({ source: { ...s.entry, format: s.entry.format as Format }, path: s.path, text: s.text }).claims]),
  );
  let bytes = 0;
  const files: string[] = [];
  for (let k = 0; k < factor; k++) {
    documents.forEach((s, d) => {
      // With --mixed, some copies are Markdown and HTML renderings; by default every copy keeps the
      // format of the document it comes from, as the real corpus does.
      const variant = mixed ? (k + d) % 5 : 0;
      const format: Format = variant === 3 ? 'markdown' : variant === 4 ? 'html' : (s.entry.format as Format);
      const base = format === s.entry.format ? s.text : render(claimsOf.get(s.entry.id)!, format as 'markdown' | 'html');
      const text = k === 0 && format === s.entry.format ? s.text : perturb(base, k * 31 + d);
      const ext = format === 'markdown' ? 'md' : format === 'html' ? 'html' : 'txt';
      const file = `copies/${s.entry.id}-${k}.${ext}`;
      mkdirSync(path.join(dir, 'copies'), { recursive: true });
      writeFileSync(path.join(dir, file), text);
      bytes += Buffer.byteLength(text);
      files.push(file);
      manifest.push({ ...s.entry, id: `${s.entry.id}-${k}`, file, format });
    });
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ sources: manifest.map(({ options, ...m }) => (Object.keys(options).length ? { ...m, options } : m)) }, null, 2));
  return { bytes, files };
}

export interface SizeResult {
  factor: number;
  bytes: number;
  outputBytes: number;
  sources: number;
  claims: number;
  findings: number;
  stages: Record<string, number>;
  load: number;
  total: number;
  floor: number;
  peakMB: number;
}

/** Build one corpus in this process and measure it (run in a child so peak memory is its own). */
export function measure(factor: number, dir: string, mixed: boolean): SizeResult {
  const { bytes, files } = generateCorpus(factor, dir, mixed);
  const start = performance.now();
  const loaded = loadSources(dir);
  const pkg = loadPackageFiles();
  const load = performance.now() - start;
  const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics, packageFiles: pkg.files, packageVersion: pkg.version });
  // Render and write every output, as npm run build-data does (a staging folder swapped in).
  const outDir = path.join(dir, '..', `out-${factor}`);
  const writeStart = performance.now();
  writeOut(result, outDir);
  const writing = performance.now() - writeStart;
  const total = performance.now() - start;
  const outputBytes = folderBytes(outDir);
  rmSync(outDir, { recursive: true, force: true });
  const stages = stageTimes();
  // Writing is what the swap took beyond rendering the files.
  stages.write = writing - (stages.emit ?? 0);
  // Peak memory of the build, read before the floor's parsers allocate their own trees.
  const peakMB = process.resourceUsage().maxRSS / 1024;

  // The floor: read and parse the same files with remark-parse and cheerio alone.
  const floorStart = performance.now();
  const processor = unified().use(remarkParse).use(remarkGfm);
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (file.endsWith('.html')) cheerio.load(text);
    else processor.parse(text);
  }
  const floor = performance.now() - floorStart;
  return {
    factor,
    bytes,
    outputBytes,
    sources: loaded.sources.length,
    claims: result.claims.length,
    findings: result.findings.length,
    stages,
    load,
    total,
    floor,
    peakMB,
  };
}

/** Process time (user + system) of `npm run build-data -- --check` on the real corpus, startup included. */
function startupProcessTime(): number {
  const run = () =>
    spawnSync(process.execPath, [path.join(ROOT, 'pipeline', 'run.mjs'), '--check', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ATLAS_REPORT_CPU: '1' },
    });
  run(); // The first run may (re)build the bundle; measure the next ones.
  const times = [run(), run(), run()].map((r) => Number(/process time: (\d+) ms/.exec(r.stderr)?.[1] ?? NaN));
  return Math.min(...times);
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const mb = (bytes: number) => bytes / 1024 / 1024;

export function table(results: SizeResult[]): string {
  const stages = [...new Set(results.flatMap((r) => Object.keys(r.stages)))];
  const header = ['size', 'bytes', 'sources', 'claims', 'findings', 'load ms', ...stages.map((s) => `${s} ms`), 'total ms', 'MB/s', 'peak MB', 'floor ms', 'x floor', 'growth'];
  const rows = results.map((r, i) => {
    const prev = results[i - 1];
    const growth = prev ? `${fmt(r.total / prev.total, 2)}x time for ${fmt(r.bytes / prev.bytes, 1)}x input` : '';
    return [`${r.factor}x`, String(r.bytes), String(r.sources), String(r.claims), String(r.findings), fmt(r.load), ...stages.map((s) => fmt(r.stages[s] ?? 0)), fmt(r.total), fmt(mb(r.bytes) / (r.total / 1000), 2), fmt(r.peakMB), fmt(r.floor), fmt(r.total / r.floor, 2), growth];
  });
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

async function run(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1,10,100' },
      child: { type: 'string' },
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-fail': { type: 'boolean', default: false },
      mixed: { type: 'boolean', default: false },
    },
  });
  if (values.child) {
    process.stdout.write(JSON.stringify(measure(Number(values.child), values.dir!, values.mixed)));
    return 0;
  }
  const sizes = values.sizes.split(',').map(Number);
  const realBytes = loadSources(path.join(ROOT, 'sources')).sources.reduce((sum, s) => sum + Buffer.byteLength(s.text), 0);
  const work = mkdtempSync(path.join(tmpdir(), 'atlas-bench-'));
  const results: SizeResult[] = [];
  try {
    for (const factor of sizes) {
      // The child gets the V8 flags npm run build-data gives a corpus of this size (heap.mjs).
      const out = execFileSync(process.execPath, [...nodeFlagsFor(realBytes * factor), '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(factor), '--dir', path.join(work, `x${factor}`), ...(values.mixed ? ['--mixed'] : [])], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      results.push(JSON.parse(out) as SizeResult);
      rmSync(path.join(work, `x${factor}`), { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const startup = startupProcessTime();
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ results, startupMs: startup }, null, 2)}\n`);
  } else {
    process.stdout.write(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n\n${table(results)}\n\n`);
    process.stdout.write(`Real corpus, whole process (startup included): ${fmt(startup)} ms of process time\n`);
  }
  const largest = results[results.length - 1]!;
  const checks: Array<[string, boolean]> = [
    [`throughput at ${largest.factor}x >= 5 MB/s`, mb(largest.bytes) / (largest.total / 1000) >= 5],
    [`peak memory < 512 MB at every size`, results.every((r) => r.peakMB < 512)],
    [`at most 2x the parse-only floor at ${largest.factor}x`, largest.total / largest.floor <= 2],
    [`real corpus under 1 s of process time`, startup < 1000],
  ];
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1]!;
    const b = results[i]!;
    const inputGrowth = b.bytes / a.bytes;
    // "10x more input costs at most 11x more time", scaled to the actual ratio of sizes.
    if (inputGrowth >= 5) checks.push([`${a.factor}x→${b.factor}x: time grows at most 1.1x the input`, b.total / a.total <= inputGrowth * 1.1]);
  }
  let failed = 0;
  for (const [name, ok] of checks) {
    if (!values.json) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}\n`);
    if (!ok) failed++;
  }
  return failed > 0 && !values['no-fail'] ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await run();
}
