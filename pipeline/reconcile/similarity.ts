/**
 * Near-duplicate texts without comparing every pair: character shingles, MinHash signatures and
 * locality-sensitive hashing (bands) propose candidate pairs; only those are compared exactly.
 * Cost grows with the number of texts, not its square.
 */
import { textKey } from '../dataset.ts';

const SHINGLE = 4;
const HASHES = 48;
const BANDS = 16;
const ROWS = HASHES / BANDS;
/** Buckets up to this size are compared pair by pair. */
const SMALL_BUCKET = 32;

/** Character shingles of the folded text (works for scripts without spaces too). */
export function shingles(text: string): Set<string> {
  const t = textKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ');
  const out = new Set<string>();
  if (t.length <= SHINGLE) {
    if (t.trim() !== '') out.add(t);
    return out;
  }
  for (let i = 0; i + SHINGLE <= t.length; i++) out.add(t.slice(i, i + SHINGLE));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

/** FNV-1a, 32 bits: fast, stable across machines. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche so different seeds give independent-looking values.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

function signature(set: Set<string>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of set) {
    for (let k = 0; k < HASHES; k++) {
      const h = hash32(s, k * 0x9e3779b1);
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

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
  groupOf: (item: T) => string = () => '',
): Array<SimilarPair<T>> {
  const sets = items.map((item) => shingles(textOf(item)));
  const buckets = new Map<string, number[]>();
  items.forEach((_, i) => {
    if (sets[i]!.size === 0) return;
    const sig = signature(sets[i]!);
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${Array.from(sig.subarray(band * ROWS, band * ROWS + ROWS)).join(',')}`;
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
    const similarity = jaccard(sets[lo]!, sets[hi]!);
    if (similarity >= threshold) found.push({ i: lo, j: hi, similarity });
  };
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    if (list.length <= SMALL_BUCKET) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) compare(list[x]!, list[y]!);
      continue;
    }
    // Many copies of one text (the same description in many sources): compare each with one
    // representative of every other group, so the cost stays linear in the bucket's size.
    const representatives = new Map<string, number>();
    for (const i of list) if (!representatives.has(groupOf(items[i]!))) representatives.set(groupOf(items[i]!), i);
    for (const i of list) {
      const group = groupOf(items[i]!);
      for (const [other, r] of representatives) if (other !== group) compare(i, r);
    }
  }
  // In input order, whatever order the buckets were visited in.
  return found.sort((p, q) => p.i - q.i || p.j - q.j).map(({ i, j, similarity }) => ({ a: items[i]!, b: items[j]!, similarity }));
}
