/** Deterministic ordering: code-point comparison, never localeCompare. */
export function byCodePoint(a: string, b: string): number {
  // `<` compares UTF-16 units, which orders U+E000..U+FFFF after astral characters; comparing
  // code points fixes that (the same order as UTF-8 bytes).
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** A copy of `record` with its keys in code-point order (for maps keyed by language tag or id). */
export function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(byCodePoint)) out[key] = record[key]!;
  return out;
}

/** JSON text with two-space indentation and a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * JSON for a file whose bulk is a few long lists (claims, findings, code records): those lists get
 * one item per line, everything else two-space indentation. Still plain JSON, a line per record
 * diffs well, and the file is a fraction of the fully indented size. Rendered in pieces: a
 * record's line at a time, each list item through `stringify` (JSON.stringify, or a memo of it).
 */
export function* jsonLinesChunks(
  value: Record<string, unknown>,
  listKeys: readonly string[],
  stringify: (item: never) => string = JSON.stringify,
): Generator<string> {
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    const name = JSON.stringify(key);
    const lead = first ? '{\n' : ',\n';
    first = false;
    if (listKeys.includes(key) && Array.isArray(item)) {
      if (item.length === 0) {
        yield `${lead}  ${name}: []`;
        continue;
      }
      yield `${lead}  ${name}: [`;
      for (let i = 0; i < item.length; i++) yield `${i === 0 ? '\n' : ',\n'}    ${stringify(item[i] as never)}`;
      yield '\n  ]';
      continue;
    }
    yield `${lead}  ${name}: ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`;
  }
  yield first ? '{\n\n}\n' : '\n}\n';
}

/** jsonLinesChunks as one string. */
export function toJsonLines(value: Record<string, unknown>, listKeys: readonly string[]): string {
  return [...jsonLinesChunks(value, listKeys)].join('');
}

/** Append `value` to the list at `key` (in place: linear, where copying the list each time is quadratic). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
