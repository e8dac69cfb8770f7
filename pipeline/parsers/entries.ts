/**
 * Pieces of entry syntax that several formats share: a name with annotations, an entry head
 * (`404 Not Found`), an entry embedded inside another entry's text, and table column roles.
 */
import { DIGIT, readCodeToken, type CodeToken } from '../text/codes.ts';

export interface NameParts {
  name: string;
  tags: string[];
  /** True when the parentheses in the raw text do not balance. */
  unbalanced: boolean;
}

/**
 * `(Multi-Status (WebDAV))` is the name `Multi-Status` with the tag `WebDAV`: outer parentheses
 * wrap a name, trailing parenthesized groups are annotations, not part of the name.
 */
export function splitNameAndTags(raw: string): NameParts {
  let text = raw.trim();
  let opens = 0;
  let closes = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x28) opens++;
    else if (ch === 0x29) closes++;
  }
  const unbalanced = opens !== closes;
  const wrapped = text.startsWith('(') ? closesAt(text, 0) === text.length - 1 : false;
  if (text.startsWith('(') && (wrapped || (unbalanced && opens > closes))) {
    text = text.slice(1, wrapped ? -1 : undefined).trim();
  } else if (unbalanced && closes > opens && text.endsWith(')')) {
    text = text.slice(0, -1).trim();
  }
  const tags: string[] = [];
  // Trailing `(tag)` groups, last first. A scan back from the closing parenthesis rather than a
  // regular expression ending in `$`, which would be tried from every position (quadratic), and
  // collected back to front then reversed, not unshifted one by one (quadratic too).
  for (;;) {
    const tag = trailingGroup(text);
    if (!tag || tag.start === 0) break;
    tags.push(tag.inner.trim());
    text = text.slice(0, tag.start).trim();
  }
  return { name: text, tags: tags.reverse().filter((t) => t !== ''), unbalanced };
}

/**
 * A `(...)` group without parentheses inside that ends `text`, with the whitespace before it:
 * `start` is where that whitespace starts (what `/\s*\(([^()]*)\)$/u` would match).
 */
function trailingGroup(text: string): { start: number; inner: string } | undefined {
  if (!text.endsWith(')')) return undefined;
  let open = text.length - 2;
  while (open >= 0 && text[open] !== '(' && text[open] !== ')') open--;
  if (open < 0 || text[open] !== '(') return undefined;
  let start = open;
  while (start > 0 && /\s/u.test(text[start - 1]!)) start--;
  return { start, inner: text.slice(open + 1, -1) };
}

/** Index of the parenthesis that closes the one at `open`, or -1. */
function closesAt(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

export interface EntryHead {
  token: CodeToken;
  /** Raw text after the code: a name, possibly with annotations. */
  rest: string;
  /** Offset of `rest` in the input. */
  restOffset: number;
}

const HEAD = new RegExp(`^(\\s*(?:[*_\`]+\\s*)?)(${DIGIT}[0-9A-Za-z\\uFF10-\\uFF19\\u06F0-\\u06F9\\u0660-\\u0669]*[.:)]?)[*_\`]*(\\s*(?:[-–—:|]\\s*)?)`, 'u');

/** Split `404 Not Found`, `**404** - Not Found` or `４０４ Not Found` into its code token and the rest. */
export function readEntryHead(text: string): EntryHead | undefined {
  const m = HEAD.exec(text);
  if (!m) return undefined;
  const restOffset = m[0].length;
  return { token: readCodeToken(m[2]!), rest: text.slice(restOffset), restOffset };
}

export interface EmbeddedEntry {
  /** Offset of the code in the text. */
  index: number;
  code: string;
  name: string;
  /** Offset and text of the description that follows the name. */
  descriptionIndex: number;
  description: string;
}

const EMBEDDED_START = new RegExp(`[.!?。)\\]]\\s+(${DIGIT}{3})\\s+(?=\\p{Lu})`, 'gu');

/**
 * Another entry run into this text: after the end of a sentence, a code, a capitalized name, then a
 * capitalized sentence (`... (RFC 4918) 423 Locked The current resource is locked.`). A code
 * followed by a lowercase word (`304 responses are ...`) is a reference, not an entry.
 */
export function findEmbeddedEntries(text: string, ownCode?: string): EmbeddedEntry[] {
  const found: Array<Omit<EmbeddedEntry, 'description'>> = [];
  for (const m of text.matchAll(EMBEDDED_START)) {
    const token = readCodeToken(m[1]!);
    if (token.kind !== 'code' || token.code === ownCode) continue;
    const after = m.index + m[0].length;
    const index = m.index + m[0].indexOf(m[1]!);
    const words = /^((?:[\p{Lu}0-9][\p{L}0-9'’\-]*\s+){2,8})(\p{Ll})/u.exec(text.slice(after, after + 200));
    if (!words) continue;
    const capitalized = words[1]!.trim().split(/\s+/u);
    const nameWords = capitalized.slice(0, -1);
    const sentenceStart = capitalized[capitalized.length - 1]!;
    const descriptionIndex = after + words[1]!.lastIndexOf(sentenceStart);
    found.push({ index, code: token.code, name: nameWords.join(' '), descriptionIndex });
  }
  return found.map((entry, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.index : text.length;
    return { ...entry, description: text.slice(entry.descriptionIndex, end).trim() };
  });
}

export type ColumnRole = 'code' | 'name' | 'description' | 'ignore';

/**
 * Which column holds what, from the cells themselves rather than the header (headers come in any
 * language): the column that is mostly codes holds codes; of the others, the description is the
 * one whose cells end like sentences, else the longest; a short column whose cells do not end like
 * sentences holds names.
 */
export function inferColumnRoles(rows: string[][], columnCount: number): ColumnRole[] {
  // Work in proportion to the cells there are, not rows times columns: a header of a million pipes
  // over a thousand short rows must not cost a billion steps. Columns with no cell stay absent.
  const columns = new Map<number, { codes: number; words: number[]; sentences: number }>();
  for (const r of rows) {
    const n = Math.min(r.length, columnCount);
    for (let c = 0; c < n; c++) {
      const raw = r[c] ?? '';
      const t = raw.trim();
      if (t === '') continue;
      let column = columns.get(c);
      if (!column) columns.set(c, (column = { codes: 0, words: [], sentences: 0 }));
      if (readCodeToken(raw).kind === 'code') column.codes++;
      let han = 0;
      for (const _ of t.matchAll(WIDE_SCRIPT)) han++;
      column.words.push(t.split(/\s+/u).length + han / 2);
      if (SENTENCE_END.test(t.slice(-1))) column.sentences++;
    }
  }
  let codeColumn = 0;
  let bestCodes = 0;
  for (const [c, column] of columns) {
    if (column.codes > bestCodes || (column.codes === bestCodes && c < codeColumn)) {
      bestCodes = column.codes;
      codeColumn = c;
    }
  }
  const stat = (c: number): { median: number; sentences: number } => {
    const column = columns.get(c);
    if (!column) return { median: 0, sentences: 0 };
    const words = column.words.sort((a, b) => a - b);
    return { median: words[Math.floor(words.length / 2)]!, sentences: column.sentences / words.length };
  };
  const stats = new Map<number, { median: number; sentences: number }>();
  for (const c of columns.keys()) stats.set(c, stat(c));
  const empty = { median: 0, sentences: 0 };
  // The description column: of the columns other than the codes, one whose cells mostly end like
  // sentences before one whose cells do not (a short table can have a long name and a short
  // description), then the longest (the first of equals; an empty column counts 0).
  const rank = (s: { median: number; sentences: number }) => [s.sentences >= 0.5 ? 1 : 0, s.median] as const;
  const before = (a: { median: number; sentences: number }, b: { median: number; sentences: number }) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] !== y[0] ? x[0] > y[0] : x[1] > y[1];
  };
  let longest = codeColumn === 0 ? 1 : 0;
  for (const [c, s] of [...stats].sort((a, b) => a[0] - b[0])) {
    if (c !== codeColumn && before(s, stats.get(longest) ?? empty)) longest = c;
  }
  const others = columnCount - (codeColumn < columnCount ? 1 : 0);
  const roles = new Array<ColumnRole>(columnCount);
  for (let c = 0; c < columnCount; c++) {
    const s = stats.get(c) ?? empty;
    if (c === codeColumn) roles[c] = 'code';
    else if (others > 1 && c === longest) roles[c] = 'description';
    else roles[c] = s.median <= 6 && s.sentences < 0.5 ? 'name' : 'description';
  }
  return roles;
}

const WIDE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const SENTENCE_END = /^[.!?。！？]$/u;
