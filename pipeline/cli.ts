/**
 * npm run build-data [-- --sources DIR --out DIR --check --strict --explain --debug --quiet]
 * Reads the sources folder, builds, prints problems the way linters do, and replaces out/ only
 * when everything validated.
 */
import { parseArgs } from 'node:util';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { build, type BuildResult, type Chunks } from './build.ts';
import { BuildError } from './errors.ts';
import { loadPackageFiles, loadSources } from './load.ts';
import type { Diagnostic } from './types.ts';
import { isWithin, PROJECT_ROOT } from './paths.ts';

const USAGE = `Usage: npm run build-data -- [options]

  --sources DIR   folder with manifest.json and the documents (default: sources)
  --out DIR       folder to write (default: out)
  --check         build in memory and compare with --out; exit 1 when it is stale
  --strict        fail when open error-severity findings remain
  --explain       print, per source, how every line was accounted for
  --quiet         print only warnings and errors
  --debug         print stack traces for unexpected errors
  --help          show this help`;

export interface CliOptions {
  sources: string;
  out: string;
  check: boolean;
  strict: boolean;
  explain: boolean;
  quiet: boolean;
  debug: boolean;
}

function parseCli(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      sources: { type: 'string', default: 'sources' },
      out: { type: 'string', default: 'out' },
      check: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  return values as CliOptions;
}

/** Diagnostics as vfile messages, so vfile-reporter prints file:line:column severity message rule. */
export function report(diagnostics: Diagnostic[], quiet: boolean): string {
  const files = new Map<string, VFile>();
  for (const d of diagnostics) {
    if (quiet && d.severity === 'info') continue;
    let file = files.get(d.file);
    if (!file) files.set(d.file, (file = new VFile({ path: d.file })));
    const message = file.message(d.message, {
      place: { start: { line: d.line, column: d.column }, end: { line: d.endLine ?? d.line, column: d.column } },
      ruleId: d.ruleId,
      source: 'atlas',
    });
    message.fatal = d.severity === 'error' ? true : d.severity === 'warning' ? false : undefined;
  }
  return files.size === 0 ? '' : reporter([...files.values()], { quiet, verbose: false });
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Compare the build with what is in `outDir`; returns the differences, empty when up to date. */
export function compareWithOut(result: BuildResult, outDir: string): string[] {
  const differences: string[] = [];
  const existing = new Set(listFiles(outDir));
  for (const [file, content] of result.files) {
    if (!existing.has(file)) differences.push(`missing: ${file}`);
    else if (!sameText(readFileSync(path.join(outDir, file), 'utf8'), content)) differences.push(`changed: ${file}`);
    existing.delete(file);
  }
  for (const file of existing) differences.push(`not produced by the build: ${file}`);
  return differences;
}

/** Is `text` exactly the pieces joined? (Compared piece by piece, never joined.) */
export function sameText(text: string, chunks: Chunks): boolean {
  let offset = 0;
  for (const chunk of chunks) {
    if (!text.startsWith(chunk, offset)) return false;
    offset += chunk.length;
  }
  return offset === text.length;
}

/** Pieces are encoded into a buffer of this many bytes, written with one system call when full. */
const WRITE_BUFFER = 1 << 20;

/** writeSync may write less than it is given: go on until `length` bytes are written. */
function writeAll(fd: number, bytes: Buffer, length: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done);
}

/** Write a file's pieces through one reused buffer: neither one call per piece nor the whole file in memory. */
export function writeChunks(target: string, chunks: Chunks): void {
  const fd = openSync(target, 'w');
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
    let used = 0;
    const flush = () => {
      writeAll(fd, buffer, used);
      used = 0;
    };
    for (const chunk of chunks) {
      // A UTF-16 unit takes at most 3 bytes in UTF-8.
      if (used + chunk.length * 3 > WRITE_BUFFER) {
        flush();
        if (chunk.length * 3 > WRITE_BUFFER) {
          const bytes = Buffer.from(chunk, 'utf8');
          writeAll(fd, bytes, bytes.length);
          continue;
        }
      }
      used += buffer.write(chunk, used, 'utf8');
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

/**
 * Write every file into a fresh folder beside outDir, then swap it in with two renames: out/ is
 * never half-written. If a build is killed between the renames, out/ is briefly absent and the
 * previous copy waits beside it; `recoverOut` (run at every start) puts it back.
 */
export function writeOut(result: BuildResult, outDir: string): void {
  const { staging, previous } = siblings(outDir);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [file, content] of result.files) {
      const target = path.join(staging, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeChunks(target, content);
    }
    mkdirSync(staging, { recursive: true });
  } catch (error) {
    // A write that failed (a full disk, no permission) leaves nothing behind; out/ is untouched.
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const hadOut = existsSync(outDir);
  if (hadOut) {
    rmSync(previous, { recursive: true, force: true });
    renameSync(outDir, previous);
  }
  renameSync(staging, outDir);
  if (hadOut) rmSync(previous, { recursive: true, force: true });
}

/** Where a path really is: its nearest existing folder resolved through symbolic links, the rest appended. */
function realLocation(p: string): { location: string; existing: string } {
  let existing = path.resolve(p);
  const rest: string[] = [];
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const real = realpathSync(existing);
  return { location: path.join(real, ...rest), existing: real };
}

/**
 * The --out folder is replaced whole (staged beside it, then swapped in), so it must be a folder of
 * its own: never the sources folder, the current folder or the project, nor a folder holding one
 * of them, and it must be a place a folder can be made.
 */
export function checkOutFolder(outDir: string, sourcesDir: string): void {
  const { location, existing } = realLocation(outDir);
  const guarded: Array<[string, string]> = [
    [sourcesDir, 'the sources folder'],
    [process.cwd(), 'the current folder'],
    [PROJECT_ROOT, 'the project'],
  ];
  for (const [dir, what] of guarded) {
    if (!existsSync(dir)) continue;
    const real = realpathSync(dir);
    if (isWithin(location, real)) {
      throw new BuildError(
        `--out ${outDir} ${location === real ? 'is' : 'holds'} ${what} (${real}); the build replaces its --out folder whole, so it refuses this one`,
        undefined,
        undefined,
        undefined,
        'Give --out a folder of its own, such as out.',
      );
    }
  }
  if (!statSync(existing).isDirectory()) {
    throw new BuildError(
      existing === location ? `--out ${outDir} is a file, not a folder` : `--out ${outDir} cannot be made: ${existing} is a file, not a folder`,
      undefined,
      undefined,
      undefined,
      'Give --out a folder, or a path where one can be made.',
    );
  }
}

/** A file-system error (no permission, a full disk) as a BuildError that names the path. */
function fileSystemError(error: unknown): BuildError | undefined {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  const where = e.path ?? (error as { dest?: string }).dest;
  // `EACCES: permission denied, open '/x'`: the path is said once, where a file name goes.
  const reason = e.message.split(', ')[0] ?? e.code;
  return new BuildError(`cannot ${e.syscall}: ${reason}`, where, undefined, undefined, 'Check that the folder exists, is writable and has room; the --out folder was left as it was.');
}

function siblings(outDir: string): { staging: string; previous: string } {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  return { staging: path.join(parent, `.${base}.staging`), previous: path.join(parent, `.${base}.previous`) };
}

/** Undo what an interrupted build left: restore out/ if it went missing, drop a stale staging folder. */
export function recoverOut(outDir: string): string | undefined {
  const { staging, previous } = siblings(outDir);
  let note: string | undefined;
  if (!existsSync(outDir) && existsSync(previous)) {
    renameSync(previous, outDir);
    note = `restored ${outDir}/ from an interrupted build`;
  }
  rmSync(staging, { recursive: true, force: true });
  if (existsSync(outDir)) rmSync(previous, { recursive: true, force: true });
  return note;
}

export function main(argv: string[]): number {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    checkOutFolder(options.out, options.sources);
    const recovered = recoverOut(options.out);
    if (recovered) process.stderr.write(`${recovered}\n`);
    const loaded = loadSources(options.sources);
    const pkg = loadPackageFiles();
    const result = build({
      packageFiles: pkg.files,
      packageVersion: pkg.version,
      sources: loaded.sources,
      diagnostics: loaded.diagnostics,
      ...(loaded.decisions ? { decisions: loaded.decisions } : {}),
    });
    const printed = report(result.diagnostics, options.quiet);
    if (printed !== '') process.stderr.write(`${printed}\n`);
    if (options.explain) process.stdout.write(explain(result));
    if (options.check) {
      const differences = compareWithOut(result, options.out);
      if (differences.length > 0) {
        process.stderr.write(`${options.out}/ is stale; run \`npm run build-data\`:\n${differences.map((d) => `  ${d}`).join('\n')}\n`);
        return 1;
      }
      process.stderr.write(`${options.out}/ is up to date (${result.files.size} files)\n`);
      return 0;
    }
    const open = result.findings.filter((f) => f.status === 'open' || f.status === 'stale');
    const blocking = open.filter((f) => f.severity === 'error' || f.status === 'stale');
    const summary = `${result.findings.length} findings (${open.length} open or stale; ${blocking.length} open errors or stale decisions); see ${options.out}/conflicts.md`;
    if (options.strict && blocking.length > 0) {
      process.stderr.write(
        `${summary}\n--strict: ${blocking.length} finding(s) need a decision, or a stale decision reviewed again, in ${options.sources}/decisions.yaml:\n${blocking.map((f) => `  ${f.id} (${f.status === 'stale' ? 'stale decision' : 'open error'})`).join('\n')}\n`,
      );
      return 1;
    }
    writeOut(result, options.out);
    process.stderr.write(`wrote ${result.files.size} files to ${options.out}/ (${result.claims.length} claims); ${summary}\n`);
    return 0;
  } catch (caught) {
    const error = fileSystemError(caught) ?? caught;
    if (error instanceof BuildError) {
      process.stderr.write(`error: ${error.format()}\n`);
      if (options.debug) process.stderr.write(`${(caught as Error).stack}\n`);
      return 1;
    }
    process.stderr.write(`internal error: ${(error as Error).message}\n${options.debug ? (error as Error).stack : 'run with --debug for a stack trace'}\n`);
    return 70;
  }
}

/** Per source: how many lines became claims, and which were skipped and why. */
export function explain(result: BuildResult): string {
  const out: string[] = [];
  for (const a of result.accounting) {
    const claimed = new Set<number>();
    for (const c of a.claims) for (let l = c.line; l <= c.endLine; l++) claimed.add(l);
    out.push(`${a.path}: ${a.claims.length} claims covering ${claimed.size} lines; ${a.skipped.length} skipped blocks`);
    for (const s of a.skipped) out.push(`  ${s.line === s.endLine ? s.line : `${s.line}-${s.endLine}`}: ${s.reason} (${s.detail})`);
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
