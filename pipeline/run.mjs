// npm run build-data: runs pipeline/cli.ts from a bundle of the pipeline and its libraries, so
// the build starts without a TypeScript loader and without resolving hundreds of modules (a
// fraction of the startup time). The bundle lives in node_modules/.cache and is rebuilt, with
// esbuild, whenever a pipeline source or the lockfile is newer than it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { folderBytes, nodeFlagsFor, RESPAWN_ABOVE_BYTES } from './heap.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'node_modules', '.cache', 'http-status-atlas', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|js|mjs|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(bundle) ||
  statSync(bundle).mtimeMs < Math.max(newestSource(path.join(root, 'pipeline')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (stale) {
  const { build } = await import('esbuild');
  // Written beside the bundle and renamed over it, so a concurrent run never loads half a file.
  const partial = `${bundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, 'pipeline', 'cli.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // CommonJS libraries inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __atlasRequire } from 'node:module'; const require = __atlasRequire(import.meta.url);" },
  });
  renameSync(partial, bundle);
}
// A large corpus runs in a process whose heap limit fits it (see heap.mjs).
const args = process.argv.slice(2);
const sourcesArg = args.findIndex((a) => a === '--sources' || a.startsWith('--sources='));
const sourcesValue = sourcesArg < 0 ? 'sources' : args[sourcesArg].startsWith('--sources=') ? args[sourcesArg].slice('--sources='.length) : (args[sourcesArg + 1] ?? 'sources');
const sourcesDir = path.resolve(sourcesValue);
const limited = process.execArgv.some((a) => a.startsWith('--max-old-space-size'));
if (!limited && existsSync(sourcesDir)) {
  const bytes = folderBytes(sourcesDir);
  if (bytes > RESPAWN_ABOVE_BYTES) {
    const child = spawnSync(process.execPath, [...nodeFlagsFor(bytes), fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
    process.exit(child.status ?? 1);
  }
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = main(args);
if (process.env.ATLAS_REPORT_CPU) {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`process time: ${Math.round((user + system) / 1000)} ms\n`);
}
