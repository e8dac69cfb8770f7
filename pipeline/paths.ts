/**
 * Where the project's own files are, whether the pipeline runs from its TypeScript sources or
 * from the bundle pipeline/run.mjs builds: the first folder upwards that holds schema/ and pipeline/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'schema', 'manifest.schema.json')) && existsSync(path.join(dir, 'pipeline'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const PIPELINE_DIR = path.join(PROJECT_ROOT, 'pipeline');
export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

/** Is `inner` the folder `outer` or somewhere below it? (Both absolute, resolved.) */
export function isWithin(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
