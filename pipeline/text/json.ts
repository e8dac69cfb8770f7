/**
 * Positions in JSON text, for messages: where a syntax error is (JSON.parse does not always say,
 * and when it does, only as an offset), and where the value at a JSON pointer starts (so that a
 * schema violation can point at its line and column). One iterative scan, so deeply nested input
 * cannot overflow the stack.
 */

export interface JsonScan {
  /** The first syntax error: its offset and what was expected there. */
  error?: { offset: number; expected: string };
  /** Offset where the value at the pointer asked for starts, when it exists. */
  found?: number;
  /**
   * With `duplicateKeys`, the first property name given twice in one object (JSON.parse keeps the
   * last value and drops the other silently): where its second and first occurrences start.
   */
  duplicate?: { key: string; offset: number; firstOffset: number };
}

export interface ScanOptions {
  /** Report the first property name that appears twice in the same object. */
  duplicateKeys?: boolean;
}

type Frame = { kind: 'object'; key: string | undefined; keys?: Map<string, number> } | { kind: 'array'; index: number };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Scan `text` as JSON; with `pointer` (e.g. `/sources/0/file`), also find where that value starts. */
export function scanJson(text: string, pointer?: string, options: ScanOptions = {}): JsonScan {
  const target = pointer === undefined ? undefined : parsePointer(pointer);
  const duplicateKeys = options.duplicateKeys === true;
  const stack: Frame[] = [];
  let found: number | undefined;
  let duplicate: JsonScan['duplicate'];
  let i = 0;
  const n = text.length;
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (expected: string, offset = i): JsonScan => ({ error: { offset: Math.min(offset, n), expected } });
  /** Scan a string at `i` (which is `"`); returns its decoded text (only when `decode`), or an error. */
  const readString = (decode = false): string | JsonScan => {
    const open = i;
    let out = '';
    i++;
    for (;;) {
      if (i >= n) return fail('a closing `"` for the string opened here', open);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c === 0x0a || c === 0x0d) return fail('a closing `"` for the string that starts here, before the end of its line', open);
      if (c < 0x20) return fail('no control character inside a string (write it as an escape such as \\t)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/u.test(hex)) return fail('four hexadecimal digits after \\u', i + 2);
          if (decode) out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          if (decode) out += ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
          i += 2;
        } else return fail('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u) after the backslash', i + 1);
        continue;
      }
      if (decode) out += text[i];
      i++;
    }
  };
  const atTarget = () => {
    if (!target || found !== undefined || stack.length !== target.length) return;
    for (let k = 0; k < target.length; k++) {
      const frame = stack[k]!;
      const segment = frame.kind === 'object' ? frame.key : String(frame.index);
      if (segment !== target[k]) return;
    }
    found = i;
  };

  // States: a value is expected, or what follows a value in the container on top of the stack.
  let expectValue = true;
  if (target && target.length === 0) {
    skipSpace();
    found = i;
  }
  for (;;) {
    skipSpace();
    if (expectValue) {
      atTarget();
      if (i >= n) return fail('a value (the text ends here)');
      const ch = text[i]!;
      if (ch === '{') {
        i++;
        skipSpace();
        if (text[i] === '}') {
          i++;
          expectValue = false;
          continue;
        }
        const frame: Frame = { kind: 'object', key: undefined, ...(duplicateKeys ? { keys: new Map<string, number>() } : {}) };
        stack.push(frame);
        const key = readKey(frame);
        if (typeof key !== 'string') return key;
        frame.key = key;
        continue;
      }
      if (ch === '[') {
        i++;
        skipSpace();
        if (text[i] === ']') {
          i++;
          expectValue = false;
          continue;
        }
        stack.push({ kind: 'array', index: 0 });
        continue;
      }
      if (ch === '"') {
        const s = readString();
        if (typeof s !== 'string') return s;
        expectValue = false;
        continue;
      }
      NUMBER.lastIndex = i;
      if (NUMBER.test(text)) {
        i = NUMBER.lastIndex;
        expectValue = false;
        continue;
      }
      const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
      if (literal) {
        i += literal.length;
        expectValue = false;
        continue;
      }
      return fail('a value (a string in double quotes, a number, an object, an array, true, false or null)');
    }
    // After a value.
    const top = stack[stack.length - 1];
    if (!top) {
      if (i < n) return fail('the end of the text after the value');
      return { ...(found === undefined ? {} : { found }), ...(duplicate ? { duplicate } : {}) };
    }
    const ch = text[i];
    if (top.kind === 'object') {
      if (ch === ',') {
        i++;
        const key = readKey(top);
        if (typeof key !== 'string') return key;
        top.key = key;
        expectValue = true;
        continue;
      }
      if (ch === '}') {
        i++;
        stack.pop();
        continue;
      }
      return fail(i >= n ? '`,` or `}` (the object is not closed)' : '`,` or `}` after the property value');
    }
    if (ch === ',') {
      i++;
      top.index++;
      skipSpace();
      if (text[i] === ']') return fail('a value after `,` (no comma before `]`)');
      expectValue = true;
      continue;
    }
    if (ch === ']') {
      i++;
      stack.pop();
      continue;
    }
    return fail(i >= n ? '`,` or `]` (the array is not closed)' : '`,` or `]` after the array element');
  }

  /** A property name of the object `frame` and its colon; leaves `i` at the value. */
  function readKey(frame: Frame & { kind: 'object' }): string | JsonScan {
    skipSpace();
    if (text[i] !== '"') return fail(text[i] === '}' ? 'a property name in double quotes (no comma before `}`)' : 'a property name in double quotes');
    const start = i;
    const key = readString(target !== undefined || frame.keys !== undefined);
    if (typeof key !== 'string') return key;
    if (frame.keys) {
      const first = frame.keys.get(key);
      if (first !== undefined) duplicate ??= { key, offset: start, firstOffset: first };
      else frame.keys.set(key, start);
    }
    skipSpace();
    if (text[i] !== ':') return fail('`:` after the property name');
    i++;
    expectValue = true;
    return key;
  }
}

/** `/a/b~1c/0` → `['a', 'b/c', '0']` (RFC 6901). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One segment of a JSON pointer, escaped (RFC 6901): `b/c` → `b~1c`. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
