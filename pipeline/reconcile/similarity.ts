/**
 * Near-duplicate texts without comparing every pair: character shingles, MinHash signatures and
 * locality-sensitive hashing (bands) propose candidate pairs; only those are compared exactly.
 * Cost grows with the number of texts, not its square.
 */
import { textKey } from '../dataset.ts';

const SHINGLE = 4;
const HASHES = 60;
const BANDS = 12;
const ROWS = HASHES / BANDS;
/** Buckets up to this size are compared pair by pair. */
const SMALL_BUCKET = 32;
const MAX_REPRESENTATIVES = 64;

/** The folded text that shingles are taken from: case, width and punctuation ignored. */
function shingleText(text: string): string {
  return textKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ');
}

/** The 32-bit hashes of a text's character shingles (works for scripts without spaces too). */
function shingleHashes(text: string): Uint32Array {
  const t = shingleText(text);
  if (t.trim() === '') return new Uint32Array(0);
  const count = Math.max(1, t.length - SHINGLE + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    // FNV-1a over the shingle's UTF-16 units.
    let h = 0x811c9dc5;
    const end = Math.min(t.length, i + SHINGLE);
    for (let k = i; k < end; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    out[i] = h >>> 0;
  }
  return out;
}

/** The set of shingle hashes of a text. */
export function shingles(text: string): Set<number> {
  return new Set(shingleHashes(text));
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * One-permutation MinHash: each shingle is hashed once and lands in one of HASHES bins, each bin
 * keeps its minimum; empty bins borrow from the next non-empty bin (rotation densification), so
 * short texts still get a full signature. One hash per shingle instead of HASHES.
 */
function signature(text: string): Uint32Array | undefined {
  const hashes = shingleHashes(text);
  if (hashes.length === 0) return undefined;
  const sig = new Uint32Array(HASHES).fill(EMPTY);
  for (let i = 0; i < hashes.length; i++) {
    const h = mix(hashes[i]!);
    const bin = h % HASHES;
    const value = mix(h ^ 0x9e3779b9);
    if (value < sig[bin]!) sig[bin] = value;
  }
  for (let k = 0; k < HASHES; k++) {
    if (sig[k] !== EMPTY) continue;
    for (let step = 1; step < HASHES; step++) {
      const from = sig[(k + step) % HASHES]!;
      if (from !== EMPTY) {
        sig[k] = (from + Math.imul(step, 0x9e3779b1)) >>> 0;
        break;
      }
    }
  }
  return sig;
}

const EMPTY = 0xffffffff;

export interface SimilarPair<T> {
  a: T;
  b: T;
  similarity: number;
}

/**
 * Pairs of items whose texts are near-identical (Jaccard of shingles >= threshold). `accept`
 * filters pairs before the exact comparison (e.g. same language, different codes).
 */
export function nearDuplicates<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  threshold: number,
  accept: (a: T, b: T) => boolean,
  groupOf: (item: T, index: number) => string = (_, index) => String(index),
): Array<SimilarPair<T>> {
  // Shingle sets are built only for the items that meet in a bucket (most never do).
  const sets = new Map<number, Set<number>>();
  const setOf = (i: number) => {
    let set = sets.get(i);
    if (!set) sets.set(i, (set = shingles(textOf(items[i]!))));
    return set;
  };
  const bandKey = (sig: Uint32Array, band: number) => {
    let h = band * 0x9e3779b1;
    for (let r = band * ROWS; r < band * ROWS + ROWS; r++) h = Math.imul(h ^ sig[r]!, 0x01000193);
    return h >>> 0;
  };
  const buckets = new Map<number, number[]>();
  items.forEach((_, i) => {
    const sig = signature(textOf(items[i]!));
    if (!sig) return;
    for (let band = 0; band < BANDS; band++) {
      // A hash collision between bands only costs one exact comparison more.
      const key = bandKey(sig, band);
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<string>();
  const found: Array<{ i: number; j: number; similarity: number }> = [];
  const compare = (i: number, j: number) => {
    const [lo, hi] = i < j ? [i, j] : [j, i];
    const key = `${lo},${hi}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (!accept(items[lo]!, items[hi]!)) return;
    const similarity = jaccard(setOf(lo), setOf(hi));
    if (similarity >= threshold) found.push({ i: lo, j: hi, similarity });
  };
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    if (list.length <= SMALL_BUCKET) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) compare(list[x]!, list[y]!);
      continue;
    }
    // Many copies of one text (the same description in many sources): compare each with one
    // representative of each other group (at most MAX_REPRESENTATIVES), so the cost stays linear
    // in the bucket's size. Pairs within a group are the caller's to ignore (same code).
    const representatives = new Map<string, number>();
    for (const i of list) {
      const group = groupOf(items[i]!, i);
      if (!representatives.has(group) && representatives.size < MAX_REPRESENTATIVES) representatives.set(group, i);
    }
    for (const i of list) {
      const group = groupOf(items[i]!, i);
      for (const [other, r] of representatives) if (other !== group) compare(i, r);
    }
  }
  // In input order, whatever order the buckets were visited in.
  return found.sort((p, q) => p.i - q.i || p.j - q.j).map(({ i, j, similarity }) => ({ a: items[i]!, b: items[j]!, similarity }));
}
