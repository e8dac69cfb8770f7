/**
 * npm run bench [-- --sizes 1,10,100 --mixed --concurrent N --no-fail --json]
 *
 * Generates synthetic corpora from the real sources (each copy a distinct source with perturbed
 * text; with --mixed, some copies rendered as Markdown and HTML), builds each in-process in a
 * child process of its own (so peak memory is that size's), and prints bytes, sources, claims,
 * findings, time per stage (writing out/ included), total, process time (every thread) and the
 * cores it amounts to, throughput, peak memory, the growth factor between sizes, and the
 * parse-only floor (the same files through remark-parse and cheerio alone). Checks the targets and
 * exits 1 when one is missed. With --concurrent N, N builds of each size run at the same time
 * (what a build could gain from spreading its work over the cores); targets are not checked then.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
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
const execFileAsync = promisify(execFile);

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

/** The documents of a corpus generateCorpus already wrote (its bytes and files, as generateCorpus returns them). */
function corpusOf(dir: string): { bytes: number; files: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { sources: ManifestEntry[] };
  const files = manifest.sources.filter((s) => !isReferenceFormat(s.format)).map((s) => s.file);
  return { bytes: files.reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0), files };
}

export interface SizeResult {
  factor: number;
  /** Which of the builds run at the same time this was (1 when builds ran one at a time). */
  copy: number;
  /** Process time (user + system, every thread: V8 compiles and collects garbage on threads of its own) over the build, in ms. */
  cpu: number;
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
export function measure(factor: number, dir: string, mixed: boolean, copy = 1): SizeResult {
  const { bytes, files } = existsSync(path.join(dir, 'manifest.json')) ? corpusOf(dir) : generateCorpus(factor, dir, mixed);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const loaded = loadSources(dir);
  const pkg = loadPackageFiles();
  const load = performance.now() - start;
  const result = build({ sources: loaded.sources, diagnostics: loaded.diagnostics, packageFiles: pkg.files, packageVersion: pkg.version });
  // Render and write every output, as npm run build-data does (a staging folder swapped in).
  const outDir = path.join(dir, '..', `out-${path.basename(dir)}`);
  const writeStart = performance.now();
  writeOut(result, outDir);
  const writing = performance.now() - writeStart;
  const total = performance.now() - start;
  const { user, system } = process.cpuUsage(cpuStart);
  const cpu = (user + system) / 1000;
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
    copy,
    cpu,
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
  const header = ['size', 'bytes', 'sources', 'claims', 'findings', 'load ms', ...stages.map((s) => `${s} ms`), 'total ms', 'cpu ms', 'cores', 'MB/s', 'peak MB', 'floor ms', 'x floor', 'growth'];
  const concurrent = results.some((r) => r.copy > 1);
  const rows = results.map((r, i) => {
    // Growth is measured against the previous size's build of the same copy.
    const prev = results.slice(0, i).reverse().find((p) => p.factor !== r.factor && p.copy === r.copy);
    const growth = prev ? `${fmt(r.total / prev.total, 2)}x time for ${fmt(r.bytes / prev.bytes, 1)}x input` : '';
    const size = concurrent ? `${r.factor}x #${r.copy}` : `${r.factor}x`;
    return [size, String(r.bytes), String(r.sources), String(r.claims), String(r.findings), fmt(r.load), ...stages.map((s) => fmt(r.stages[s] ?? 0)), fmt(r.total), fmt(r.cpu), fmt(r.cpu / r.total, 2), fmt(mb(r.bytes) / (r.total / 1000), 2), fmt(r.peakMB), fmt(r.floor), fmt(r.total / r.floor, 2), growth];
  });
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The command's options (--child, --dir and --copy are how run() starts its measuring children). */
const OPTIONS = {
  sizes: { type: 'string', default: '1,10,100' },
  child: { type: 'string' },
  dir: { type: 'string' },
  json: { type: 'boolean', default: false },
  'no-fail': { type: 'boolean', default: false },
  mixed: { type: 'boolean', default: false },
  concurrent: { type: 'string', default: '1' },
  copy: { type: 'string', default: '1' },
} as const;

async function run(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS });
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\nUsage: npm run bench -- [--sizes 1,10,100] [--mixed] [--concurrent N] [--json] [--no-fail]\n`);
    return 2;
  }
  const { values } = parsed;
  if (values.child) {
    process.stdout.write(JSON.stringify(measure(Number(values.child), values.dir!, values.mixed, Number(values.copy))));
    return 0;
  }
  const sizes = values.sizes.split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    process.stderr.write(`bench: --sizes takes whole numbers of copies of the real corpus, such as 1,10,100, not "${values.sizes}"\n`);
    return 2;
  }
  const concurrent = Number(values.concurrent);
  if (!Number.isInteger(concurrent) || concurrent < 1) {
    process.stderr.write(`bench: --concurrent takes a whole number of builds (1 or more), not "${values.concurrent}"\n`);
    return 2;
  }
  const realBytes = loadSources(path.join(ROOT, 'sources')).sources.reduce((sum, s) => sum + Buffer.byteLength(s.text), 0);
  const work = mkdtempSync(path.join(tmpdir(), 'atlas-bench-'));
  const results: SizeResult[] = [];
  try {
    for (const factor of sizes) {
      // Every corpus is written before any build starts, so builds run at once really overlap.
      const dirs = Array.from({ length: concurrent }, (_, k) => path.join(work, `x${factor}-${k + 1}`));
      for (const dir of dirs) generateCorpus(factor, dir, values.mixed);
      // Each child gets the V8 flags npm run build-data gives a corpus of this size (heap.mjs).
      const outs = await Promise.all(
        dirs.map((dir, k) =>
          execFileAsync(process.execPath, [...nodeFlagsFor(realBytes * factor), '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(factor), '--copy', String(k + 1), '--dir', dir, ...(values.mixed ? ['--mixed'] : [])], {
            cwd: ROOT,
            encoding: 'utf8',
            maxBuffer: 1 << 26,
          }),
        ),
      );
      for (const { stdout, stderr } of outs) {
        process.stderr.write(stderr);
        results.push(JSON.parse(stdout) as SizeResult);
      }
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
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
  if (concurrent > 1) {
    // The targets are for one build on the machine; builds at once only show what sharing the cores costs.
    if (!values.json) process.stdout.write(`${concurrent} builds of each size ran at the same time: targets are for one build at a time and are not checked.\n`);
    return 0;
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
