/**
 * Near-duplicate texts without comparing every pair: character shingles, MinHash signatures and
 * locality-sensitive hashing (bands) propose candidate pairs; only those are compared exactly.
 * Cost grows with the number of texts, not its square.
 */

const SHINGLE = 4;
const HASHES = 60;
const BANDS = 12;
const ROWS = HASHES / BANDS;
/** Buckets up to this size are compared pair by pair. */
const SMALL_BUCKET = 32;
const MAX_REPRESENTATIVES = 64;

/** Characters that separate words: ASCII non-alphanumerics and the common punctuation blocks. */
function isSeparator(c: number): boolean {
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a));
  return (
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    c === 0x060c ||
    c === 0x061b ||
    c === 0x061f ||
    c === 0x06d4 ||
    c === 0x200c
  );
}

/** Scratch space for the folded text, reused from text to text (grown when a text is longer). */
let scratch = new Uint16Array(1024);

/**
 * Fold a text into `scratch` in one pass: lowercase ASCII, every run of separators one space
 * (works for scripts without spaces too), no space at either end. Returns the folded length.
 */
function fold(text: string): number {
  if (scratch.length < text.length) scratch = new Uint16Array(Math.max(text.length, scratch.length * 2));
  const folded = scratch;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isSeparator(c)) {
      if (n > 0 && folded[n - 1] !== 0x20) folded[n++] = 0x20;
      continue;
    }
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    folded[n++] = c;
  }
  if (n > 0 && folded[n - 1] === 0x20) n--;
  return n;
}

/** FNV-1a over the folded text's shingle starting at `i` (shorter at the end of a short text). */
function shingleHash(folded: Uint16Array, n: number, i: number): number {
  let h = 0x811c9dc5 | 0;
  const end = Math.min(n, i + SHINGLE);
  for (let k = i; k < end; k++) h = Math.imul(h ^ folded[k]!, 0x01000193);
  return h;
}

/** How many shingles a folded text of length n has (one for a text shorter than a shingle). */
function shingleCount(n: number): number {
  return n === 0 ? 0 : Math.max(1, n - SHINGLE + 1);
}

/** The set of a text's shingle hashes, as a sorted array without repeats. */
export function shingles(text: string): Int32Array {
  const n = fold(text);
  const count = shingleCount(n);
  const all = new Int32Array(count);
  for (let i = 0; i < count; i++) all[i] = shingleHash(scratch, n, i);
  all.sort();
  let unique = 0;
  for (let i = 0; i < count; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i]!;
  return all.subarray(0, unique);
}

/** Jaccard similarity of two shingle sets (sorted arrays): one merge, no hashing. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let inter = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/** A 32-bit finalizer (as signed 32-bit integers throughout, so the engine never leaves integers). */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b | 0);
  return h ^ (h >>> 16);
}

/**
 * One-permutation MinHash: each shingle is hashed once and lands in one of HASHES bins, each bin
 * keeps its minimum; empty bins borrow from the next non-empty bin (rotation densification), so
 * short texts still get a full signature. One hash per shingle instead of HASHES.
 */
export function signature(text: string): Int32Array | undefined {
  const n = fold(text);
  const count = shingleCount(n);
  if (count === 0) return undefined;
  const sig = new Int32Array(HASHES).fill(EMPTY);
  const filled = new Uint8Array(HASHES);
  for (let i = 0; i < count; i++) {
    const h = mix(shingleHash(scratch, n, i));
    // The bin from the hash's top bits (multiply-shift), the value from a second mix.
    const bin = ((h >>> 16) * HASHES) >>> 16;
    const value = mix(h ^ 0x9e3779b9);
    if (filled[bin] === 0 || value < sig[bin]!) {
      sig[bin] = value;
      filled[bin] = 1;
    }
  }
  for (let k = 0; k < HASHES; k++) {
    if (filled[k] === 1) continue;
    for (let step = 1; step < HASHES; step++) {
      const from = (k + step) % HASHES;
      if (filled[from] === 1) {
        sig[k] = (sig[from]! + Math.imul(step, 0x9e3779b1 | 0)) | 0;
        break;
      }
    }
  }
  return sig;
}

const EMPTY = 0x7fffffff;

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
  const sets = new Map<number, Int32Array>();
  const setOf = (i: number) => {
    let set = sets.get(i);
    if (!set) sets.set(i, (set = shingles(textOf(items[i]!))));
    return set;
  };
  // 30 bits, so keys stay small integers (the engine's fastest map keys).
  const bandKey = (sig: Int32Array, band: number) => {
    let h = Math.imul(band + 1, 0x9e3779b1 | 0);
    for (let r = band * ROWS; r < band * ROWS + ROWS; r++) h = Math.imul(h ^ sig[r]!, 0x01000193);
    return h >>> 2;
  };
  // Groups as small integers: compared for every candidate pair.
  const groupIds = new Map<string, number>();
  const groups = items.map((item, i) => {
    const name = groupOf(item, i);
    let id = groupIds.get(name);
    if (id === undefined) groupIds.set(name, (id = groupIds.size));
    return id;
  });
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
  const seen = new Set<number>();
  const found: Array<{ i: number; j: number; similarity: number }> = [];
  const compare = (i: number, j: number) => {
    // Pairs within a group are the caller's to ignore (the same code).
    if (groups[i] === groups[j]) return;
    const lo = i < j ? i : j;
    const hi = i < j ? j : i;
    const key = lo * items.length + hi;
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
    // in the bucket's size.
    const representatives = new Map<number, number>();
    for (const i of list) {
      if (!representatives.has(groups[i]!) && representatives.size < MAX_REPRESENTATIVES) representatives.set(groups[i]!, i);
    }
    if (representatives.size < 2) continue;
    for (const i of list) for (const r of representatives.values()) compare(i, r);
  }
  // In input order, whatever order the buckets were visited in.
  return found.sort((p, q) => p.i - q.i || p.j - q.j).map(({ i, j, similarity }) => ({ a: items[i]!, b: items[j]!, similarity }));
}
