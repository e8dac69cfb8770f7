// The heap a build of a given corpus gets. V8 lets garbage pile up to its default limit before it
// collects in earnest, so a build whose live data is ~150 MB could reach 700 MB resident; a limit
// sized to the corpus keeps the peak near what the build really holds. Measured: the 100x
// corpus (7.7 MB of sources) holds under 200 MB live.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bytes of every file under a folder. */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

/** Old-space limit in MB for a corpus of `bytes`: at least 256, growing 16 MB per MB of sources. */
export function heapLimitFor(bytes) {
  return Math.max(256, Math.ceil(128 + (16 * bytes) / (1024 * 1024)));
}

/**
 * V8 flags for a build of a corpus of `bytes`: the old-space limit above, and a young generation
 * of 32 MB semi-spaces, so the many short-lived strings of parsing and rendering die young
 * instead of being copied out of a small nursery (measured: about 5% of a 100x build's time).
 */
export function nodeFlagsFor(bytes) {
  return [`--max-old-space-size=${heapLimitFor(bytes)}`, '--max-semi-space-size=32'];
}

/** Below this size the default heap is small enough and a second process would only cost startup. */
export const RESPAWN_ABOVE_BYTES = 2 * 1024 * 1024;
