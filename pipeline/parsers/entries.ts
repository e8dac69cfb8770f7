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
  const opens = (text.match(/\(/g) ?? []).length;
  const closes = (text.match(/\)/g) ?? []).length;
  const unbalanced = opens !== closes;
  if (text.startsWith('(') && (closesAt(text, 0) === text.length - 1 || (unbalanced && opens > closes))) {
    text = text.slice(1, closesAt(text, 0) === text.length - 1 ? -1 : undefined).trim();
  } else if (unbalanced && closes > opens && text.endsWith(')')) {
    text = text.slice(0, -1).trim();
  }
  const tags: string[] = [];
  for (;;) {
    const m = /\s*\(([^()]*)\)$/u.exec(text);
    if (!m || m.index === 0) break;
    tags.unshift(m[1]!.trim());
    text = text.slice(0, m.index).trim();
  }
  return { name: text, tags: tags.filter((t) => t !== ''), unbalanced };
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

const HEAD = new RegExp(`^(\\s*[*_\`]*\\s*)(${DIGIT}[0-9A-Za-z\\uFF10-\\uFF19\\u06F0-\\u06F9\\u0660-\\u0669]*[.:)]?)[*_\`]*(\\s*(?:[-–—:|]\\s*)?)`, 'u');

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
 * language): the column that is mostly codes holds codes; of the others, the longest is the
 * description, and a short column whose cells do not end like sentences holds names.
 */
export function inferColumnRoles(rows: string[][], columnCount: number): ColumnRole[] {
  let codeColumn = 0;
  let bestCodes = -1;
  for (let c = 0; c < columnCount; c++) {
    const codes = rows.filter((r) => readCodeToken(r[c] ?? '').kind === 'code').length;
    if (codes > bestCodes) {
      bestCodes = codes;
      codeColumn = c;
    }
  }
  const stats = Array.from({ length: columnCount }, (_, c) => {
    const texts = rows.map((r) => (r[c] ?? '').trim()).filter((t) => t !== '');
    const words = texts
      .map((t) => t.split(/\s+/u).length + (t.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0) / 2)
      .sort((a, b) => a - b);
    const median = words.length === 0 ? 0 : words[Math.floor(words.length / 2)]!;
    const sentences = texts.length === 0 ? 0 : texts.filter((t) => /[.!?。！？]$/u.test(t)).length / texts.length;
    return { median, sentences };
  });
  const others = stats.map((_, c) => c).filter((c) => c !== codeColumn);
  const longest = others.reduce((best, c) => (stats[c]!.median > stats[best]!.median ? c : best), others[0] ?? 0);
  return stats.map((s, c) => {
    if (c === codeColumn) return 'code';
    const nameLike = s.median <= 6 && s.sentences < 0.5;
    if (others.length > 1 && c === longest) return 'description';
    return nameLike ? 'name' : 'description';
  });
}
