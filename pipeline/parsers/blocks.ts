/**
 * What the tree-based parsers (Markdown, HTML) share: text taken out of a syntax tree with the
 * source offset of every character, entry heads split into code, name and description, claims
 * made with the same checks table.ts makes, and the line accounting that leaves every non-blank
 * line either inside a claim's span or in a skipped range.
 */
import { decodeHTMLStrict } from 'entities';
import { furnitureLabel } from '../data/furniture.ts';
import { normalizeDigits, type CodeToken } from '../text/codes.ts';
import type { SkippedLines } from '../types.ts';
import type { ParseContext } from './context.ts';
import { findEmbeddedEntries, readEntryHead, splitNameAndTags } from './entries.ts';

/** Text read from a tree, with the source offset of each UTF-16 unit. Never changed in place. */
export interface MappedText {
  text: string;
  /** A typed array: texts of megabytes would otherwise be millions of heap numbers to collect. */
  offsets: Int32Array;
}

export const EMPTY_TEXT: MappedText = { text: '', offsets: new Int32Array(0) };

/** How far ahead in the source a character of the tree's text is looked for (escapes, markers, indentation). */
const ALIGN_WINDOW = 32;

export class TextBuilder {
  // Text is kept as pieces and joined once: appending unit by unit to one string makes a rope the
  // garbage collector has to walk, which for a text of megabytes costs seconds.
  private readonly parts: string[] = [];
  private offsets = new Int32Array(64);
  private size = 0;
  private last = '';

  get length(): number {
    return this.size;
  }

  private reserve(n: number): void {
    if (this.size + n <= this.offsets.length) return;
    const grown = new Int32Array(Math.max(this.offsets.length * 2, this.size + n));
    grown.set(this.offsets.subarray(0, this.size));
    this.offsets = grown;
  }

  /** Append `value`, every unit of it at the source offset `offset`. */
  push(value: string, offset: number): void {
    if (value === '') return;
    this.parts.push(value);
    this.reserve(value.length);
    this.offsets.fill(offset, this.size, this.size + value.length);
    this.size += value.length;
    this.last = value[value.length - 1]!;
  }

  /**
   * Append `value`, a tree's text for the source slice `raw` (which starts at `rawStart`): each
   * unit is matched to the next equal unit of `raw`, so escapes, markers, indentation and
   * character references (which take more source than text) keep later units at their place.
   * Units that `spaces` (a global expression matching single units) matches become spaces.
   */
  pushAligned(value: string, raw: string, rawStart: number, spaces?: RegExp): void {
    if (value === '') return;
    this.reserve(value.length);
    if (raw.startsWith(value)) {
      // The common case (no escapes or references): every unit is where the alignment would find it.
      for (let i = 0; i < value.length; i++) this.offsets[this.size + i] = rawStart + i;
    } else this.align(value, raw, rawStart);
    this.size += value.length;
    const mapped = spaces ? value.replace(spaces, ' ') : value;
    this.parts.push(mapped);
    this.last = mapped[mapped.length - 1]!;
  }

  private align(value: string, raw: string, rawStart: number): void {
    let k = 0;
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      const limit = Math.min(raw.length, k + ALIGN_WINDOW);
      let found = -1;
      for (let p = k; p < limit; p++) {
        if (raw.charCodeAt(p) === unit) {
          found = p;
          break;
        }
      }
      const at = found >= 0 ? found : Math.min(k, Math.max(0, raw.length - 1));
      if (found >= 0) k = found + 1;
      this.offsets[this.size + i] = rawStart + at;
    }
  }

  /** A line break between blocks, unless the text is empty or already ends with one. */
  breakLine(offset: number): void {
    if (this.size > 0 && this.last !== '\n') this.push('\n', offset);
  }

  /** The text and its offsets; the builder is not used afterwards. */
  build(): MappedText {
    return { text: this.parts.join(''), offsets: this.offsets.subarray(0, this.size) };
  }
}

/** Part of a text (the offsets are a view, not a copy). */
export function sliceText(m: MappedText, start: number, end = m.text.length): MappedText {
  // subarray takes its bounds the way slice does.
  return { text: m.text.slice(start, end), offsets: m.offsets.subarray(start, end) };
}

export function trimText(m: MappedText): MappedText {
  const lead = m.text.length - m.text.trimStart().length;
  return sliceText(m, lead, lead + m.text.trim().length);
}

/** Join texts (each trimmed, empty ones left out) with `separator`. */
export function joinTexts(parts: readonly MappedText[], separator = '\n'): MappedText {
  const kept = parts.map(trimText).filter((t) => t.text !== '');
  const text = kept.map((t) => t.text).join(separator);
  const offsets = new Int32Array(text.length);
  let at = 0;
  for (const t of kept) {
    if (at > 0) {
      // The separator sits where the text before it ends.
      offsets.fill(offsets[at - 1]!, at, at + separator.length);
      at += separator.length;
    }
    offsets.set(t.offsets, at);
    at += t.offsets.length;
  }
  return { text, offsets };
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
}

/** Where the non-blank part of a text starts and on which line it ends. */
export function spanOfText(ctx: ParseContext, m: MappedText): Span | undefined {
  const t = trimText(m);
  if (t.text === '') return undefined;
  const start = ctx.index.point(t.offsets[0]!);
  const end = ctx.index.point(t.offsets[t.offsets.length - 1]!);
  return { line: start.line, column: start.column, endLine: Math.max(start.line, end.line) };
}

/** The text of `m` that sits on each source line. */
export function textByLine(ctx: ParseContext, m: MappedText): Map<number, string> {
  const out = new Map<number, string>();
  const lineCount = ctx.index.lineCount;
  let i = 0;
  // Runs of units on one line are sliced at once rather than appended unit by unit.
  while (i < m.text.length) {
    const line = ctx.index.point(m.offsets[i]!).line;
    const start = ctx.index.offset(line);
    const end = line < lineCount ? ctx.index.offset(line + 1) : Infinity;
    let j = i + 1;
    while (j < m.text.length && m.offsets[j]! >= start && m.offsets[j]! < end) j++;
    out.set(line, (out.get(line) ?? '') + m.text.slice(i, j));
    i = j;
  }
  return out;
}

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * The trees have already decoded character references; ctx.claim decodes them again. A text that
 * still reads like a known reference (`&amp;lt;` in the source, `&lt;` in the tree) is escaped so
 * the second decoding gives back the tree's text. Unknown references stay as they are, so the
 * normalizer still reports them.
 */
export function protectDecoded(text: string): string {
  return text.replace(ENTITY, (whole) => (decodeHTMLStrict(whole) === whole ? whole : `&amp;${whole.slice(1)}`));
}

/** Where a name ends and its description starts: `:`, ` - `, ` – `, ` — ` or `—`, outside parentheses. */
export function findSeparator(text: string): { index: number; end: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '（' || ch === '[') depth++;
    else if ((ch === ')' || ch === '）' || ch === ']') && depth > 0) depth--;
    if (depth > 0) continue;
    const next = text[i + 1];
    if (ch === '：' || (ch === ':' && (next === undefined || /\s/u.test(next)))) return { index: i, end: i + 1 };
    if (ch === '—') return { index: i, end: i + 1 };
    if (/\s/u.test(ch) && (next === '-' || next === '–') && /\s/u.test(text[i + 2] ?? '')) return { index: i, end: i + 2 };
  }
  return undefined;
}

export interface EntryParts {
  token: CodeToken;
  /** Source offset of the code token. */
  tokenOffset: number;
  /** The name: text after the code up to a separator or the end of its line. */
  name: MappedText;
  /** Everything after the name. */
  description: MappedText;
}

/**
 * Read `404 Not Found: The server ...` into code, name and description. `lineEnd(m, from)` is the
 * index where the line holding `from` ends (a format decides what a line is).
 */
export function splitEntry(m: MappedText, lineEnd: (m: MappedText, from: number) => number): EntryParts | undefined {
  const t = trimText(m);
  const head = readEntryHead(t.text);
  if (!head) return undefined;
  const digit = t.text.search(/\p{Nd}/u);
  const tokenOffset = t.offsets[Math.max(0, digit)] ?? 0;
  const rest = sliceText(t, head.restOffset);
  const lead = rest.text.length - rest.text.trimStart().length;
  const end = Math.max(lead, lineEnd(rest, lead));
  const separator = findSeparator(rest.text.slice(0, end));
  const name = trimText(sliceText(rest, 0, separator ? separator.index : end));
  const description = trimText(sliceText(rest, separator ? separator.end : end));
  return { token: head.token, tokenOffset, name, description };
}

const CLASS_HEAD = /^\s*([1-5])[xX]{2}(?![0-9A-Za-z])[\s:：\-–—|.]*/u;

/** A leading class token (`4xx`, `４XX:`), its class and its length, if the text starts with one. */
export function readClassHead(text: string): { cls: string; length: number } | undefined {
  const m = CLASS_HEAD.exec(normalizeDigits(text));
  return m ? { cls: `${m[1]}xx`, length: m[0].length } : undefined;
}

/** A name claim: tags split off, unbalanced parentheses reported. False when nothing was claimed. */
export function emitName(ctx: ParseContext, code: string, m: MappedText, extra: { excerpt?: string; endLine?: number } = {}): boolean {
  const span = spanOfText(ctx, m);
  if (!span) return false;
  const text = trimText(m).text;
  const { name, tags, unbalanced } = splitNameAndTags(text);
  if (unbalanced) {
    ctx.diag('warning', 'name/unbalanced-parentheses', `Unbalanced parentheses in name \`${text}\``, span.line, span.column, { code });
  }
  const claim = ctx.claim({
    code,
    field: 'name',
    raw: protectDecoded(name),
    line: span.line,
    column: span.column,
    endLine: Math.max(span.endLine, extra.endLine ?? 0),
    tags,
    ...(extra.excerpt !== undefined ? { excerpt: extra.excerpt } : {}),
  });
  return claim !== undefined;
}

/**
 * A description claim. With `embedded`, entries run into the text (`... 423 Locked The ...`) are
 * split out as their own claims, as table.ts does, with an `entry/embedded` warning.
 */
export function emitDescription(
  ctx: ParseContext,
  code: string,
  m: MappedText,
  extra: { excerpt?: string; endLine?: number; embedded?: boolean } = {},
): boolean {
  const t = trimText(m);
  if (t.text === '') return false;
  const embedded = extra.embedded ? findEmbeddedEntries(t.text, code) : [];
  const own = embedded.length > 0 ? trimText(sliceText(t, 0, embedded[0]!.index)) : t;
  const span = spanOfText(ctx, own);
  let claimed = false;
  if (span) {
    claimed =
      ctx.claim({
        code,
        field: 'description',
        raw: protectDecoded(own.text),
        line: span.line,
        column: span.column,
        endLine: embedded.length > 0 ? span.endLine : Math.max(span.endLine, extra.endLine ?? 0),
        ...(extra.excerpt !== undefined ? { excerpt: extra.excerpt } : {}),
      }) !== undefined;
  }
  embedded.forEach((entry, k) => {
    const at = ctx.index.point(t.offsets[entry.index] ?? 0);
    const descAt = ctx.index.point(t.offsets[entry.descriptionIndex] ?? 0);
    const descEnd = ctx.index.point(t.offsets[entry.descriptionIndex + Math.max(0, entry.description.length - 1)] ?? 0);
    const last = k === embedded.length - 1;
    const excerpt = t.text.slice(entry.index, entry.descriptionIndex + entry.description.length);
    ctx.diag('warning', 'entry/embedded', `Entry for ${entry.code} (\`${entry.name}\`) found inside the text of ${code}; split out as its own entry`, at.line, at.column, {
      code: entry.code,
      excerpt,
    });
    const named = ctx.claim({ code: entry.code, field: 'name', raw: protectDecoded(entry.name), line: at.line, column: at.column, excerpt, embeddedIn: code });
    const described = ctx.claim({
      code: entry.code,
      field: 'description',
      raw: protectDecoded(entry.description),
      line: descAt.line,
      column: descAt.column,
      endLine: Math.max(descEnd.line, last ? (extra.endLine ?? 0) : 0),
      excerpt,
      embeddedIn: code,
    });
    claimed ||= named !== undefined || described !== undefined;
  });
  return claimed;
}

/** A class-name claim (`4xx`); a leading class token in the text is not part of the name. */
export function emitClassName(ctx: ParseContext, cls: string, m: MappedText, extra: { excerpt?: string } = {}): boolean {
  let t = trimText(m);
  const head = readClassHead(t.text);
  if (head) t = trimText(sliceText(t, head.length));
  const span = spanOfText(ctx, t);
  if (!span) return false;
  return (
    ctx.claim({
      code: cls,
      field: 'class-name',
      raw: protectDecoded(t.text),
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      ...(extra.excerpt !== undefined ? { excerpt: extra.excerpt } : {}),
    }) !== undefined
  );
}

/**
 * Record lines `from`..`to` as skipped for `reason`, except lines whose text (from `m`, or the raw
 * line when `m` has nothing on it) is page furniture: those are recorded as furniture.
 */
export function skipBlock(ctx: ParseContext, from: number, to: number, reason: SkippedLines['reason'], detail: string, m?: MappedText): void {
  const extra = ctx.doc.source.options.furniture ?? [];
  const byLine = m ? textByLine(ctx, m) : undefined;
  let run: { start: number; end: number; reason: SkippedLines['reason']; detail: string } | undefined;
  const flush = () => {
    if (run) ctx.skip(run.start, run.end, run.reason, run.detail);
    run = undefined;
  };
  for (let line = from; line <= to; line++) {
    const raw = ctx.lines[line - 1] ?? '';
    if (raw.trim() === '') continue;
    const text = byLine ? (byLine.get(line) ?? '') : raw;
    const label = text.trim() === '' ? undefined : furnitureLabel(text, extra);
    const r: SkippedLines['reason'] = label ? 'furniture' : reason;
    const d = label ?? detail;
    if (run && run.reason === r && run.detail === d && run.end === line - 1) run.end = line;
    else {
      flush();
      run = { start: line, end: line, reason: r, detail: d };
    }
  }
  flush();
}

/** True when every line of `m` that has text is page furniture. */
export function isFurnitureText(ctx: ParseContext, m: MappedText): boolean {
  const extra = ctx.doc.source.options.furniture ?? [];
  const lines = [...textByLine(ctx, m).values()].map((t) => t.trim()).filter((t) => t !== '');
  return lines.length > 0 && lines.every((t) => furnitureLabel(t, extra) !== undefined);
}

/** A line range to record with `reason` if, at the end, nothing else covers it. */
export interface Fallback {
  line: number;
  endLine: number;
  reason: SkippedLines['reason'];
  detail: string;
}

/**
 * Make the accounting whole: every non-blank line must be inside a claim's span or skipped. Lines
 * still open are recorded from `fallbacks` (e.g. a line holding only the code of an entry), then as
 * markup when `isMarkupOnly` says so, and what remains as unreadable, so a gap in the parser shows.
 * Skipped ranges and diagnostics end up in line order.
 */
export function finishAccounting(ctx: ParseContext, fallbacks: readonly Fallback[], isMarkupOnly?: (line: number) => boolean): void {
  const count = ctx.lines.length;
  const covered = new Array<boolean>(count + 2).fill(false);
  const mark = (from: number, to: number) => {
    for (let l = Math.max(1, from); l <= Math.min(count, to); l++) covered[l] = true;
  };
  for (const c of ctx.claims) mark(c.line, c.endLine);
  for (const s of ctx.skipped) mark(s.line, s.endLine);
  const open = (line: number) => !covered[line] && (ctx.lines[line - 1] ?? '').trim() !== '';
  const record = (from: number, to: number, test: (line: number) => boolean, reason: SkippedLines['reason'], detail: string) => {
    let start = 0;
    for (let l = from; l <= to + 1; l++) {
      if (l <= to && open(l) && test(l)) {
        if (start === 0) start = l;
        continue;
      }
      if (start !== 0) {
        ctx.skip(start, l - 1, reason, detail);
        mark(start, l - 1);
        start = 0;
      }
    }
  };
  for (const f of fallbacks) record(f.line, Math.min(f.endLine, count), () => true, f.reason, f.detail);
  if (isMarkupOnly) record(1, count, isMarkupOnly, 'markup', 'lines holding only markup');
  record(1, count, () => true, 'unreadable', 'text that no rule of this parser reads');
  ctx.skipped.sort((a, b) => a.line - b.line || a.endLine - b.endLine);
  ctx.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}
