/**
 * Bilingual lists: an entry line `code Name`, then description lines until the next entry.
 * Description lines may begin with a number or a code (`511 状态码…`, `1、…`), bullets and numbered
 * sub-items belong to the description, and page furniture (titles, URLs, intros, section headings,
 * contributor lists, previous/next links) belongs to no entry.
 */
import { classOf } from '../text/codes.ts';
import { furnitureLabel } from '../data/furniture.ts';
import type { ParseResult, Parser, SourceDocument } from '../types.ts';
import { ParseContext } from './context.ts';
import { readEntryHead, splitNameAndTags, type EntryHead } from './entries.ts';

const MAX_NAME_LENGTH = 60;
const MAX_NAME_WORDS = 8;
const MAX_HEADING_LENGTH = 40;
const BULLET = /^\s*(?:[-*•·‣◦▪]\s+)?/u;

/** An entry line: a code, then at most a short name with no sentence punctuation. */
export function readListEntry(line: string): EntryHead | undefined {
  const bullet = BULLET.exec(line)![0];
  const head = readEntryHead(line.slice(bullet.length));
  if (!head || head.token.kind === 'none') return undefined;
  const name = head.rest.trim();
  if (name.length > MAX_NAME_LENGTH || name.split(/\s+/u).length > MAX_NAME_WORDS) return undefined;
  if (/[.!?。！？:：;；,，、]$/u.test(name)) return undefined;
  // `511 状态码指示…`: a sentence that starts with a code has no space between words of a name.
  if (/[\p{Script=Han}]{6,}/u.test(name) && /[\p{Script=Han}][\p{P}]/u.test(name)) return undefined;
  return { ...head, restOffset: head.restOffset + bullet.length };
}

/** A section heading: a short line standing alone, with no sentence punctuation and no code. */
function isHeadingLine(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (line === '' || line.length > MAX_HEADING_LENGTH) return false;
  if (/[.!?。！？:：;；,，、]$/u.test(line)) return false;
  const before = i === 0 || lines[i - 1]!.trim() === '';
  const after = i + 1 >= lines.length || lines[i + 1]!.trim() === '';
  return before && after;
}

interface Entry {
  code: string;
  lines: number[];
}

export const parseBilingualList: Parser = (doc: SourceDocument): ParseResult => {
  const ctx = new ParseContext(doc);
  const lines = ctx.lines;
  const extraFurniture = doc.source.options.furniture ?? [];
  const nextNonBlank = (i: number) => {
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    return j;
  };

  let entry: Entry | undefined;
  let seenEntry = false;
  let invalid: { line: number; endLine: number; token: string } | undefined;
  let loose: { line: number; endLine: number } | undefined;

  const flushEntry = () => {
    if (entry && entry.lines.length > 0) {
      const first = entry.lines[0]!;
      const last = entry.lines[entry.lines.length - 1]!;
      const raw = entry.lines.map((n) => lines[n - 1]!).join('\n');
      const column = lines[first - 1]!.length - lines[first - 1]!.trimStart().length + 1;
      ctx.claim({ code: entry.code, field: 'description', raw, line: first, column, endLine: last, excerpt: raw });
    }
    entry = undefined;
  };
  const flushLoose = () => {
    if (loose) ctx.skip(loose.line, loose.endLine, 'preamble', seenEntry ? 'text outside any entry' : 'text before the first entry');
    loose = undefined;
  };
  const flushInvalid = () => {
    if (invalid) ctx.skip(invalid.line, invalid.endLine, 'unreadable', `entry whose code \`${invalid.token}\` is invalid`);
    invalid = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') continue;

    const furniture = furnitureLabel(line, extraFurniture);
    if (furniture) {
      flushEntry();
      flushLoose();
      flushInvalid();
      ctx.skip(lineNo, lineNo, 'furniture', furniture);
      continue;
    }

    const head = readListEntry(line);
    if (head) {
      flushEntry();
      flushLoose();
      flushInvalid();
      const column = line.length - line.trimStart().length + 1;
      if (head.token.kind === 'invalid') {
        ctx.invalidCode(head.token, 'its entry is not read', lineNo, column);
        invalid = { line: lineNo, endLine: lineNo, token: head.token.token };
        continue;
      }
      if (head.token.kind !== 'code') continue;
      const code = head.token.code;
      seenEntry = true;
      if (head.token.stray !== '') {
        ctx.diag('info', 'code/stray-punctuation', `Code \`${code}${head.token.stray}\` has stray punctuation; read as ${code}`, lineNo, column, { code });
      }
      const parts = splitNameAndTags(head.rest);
      if (parts.unbalanced) ctx.diag('warning', 'name/unbalanced-parentheses', `Unbalanced parentheses in \`${head.rest.trim()}\``, lineNo, column, { code });
      const nameColumn = head.restOffset + (head.rest.length - head.rest.trimStart().length) + 1;
      if (parts.name !== '') ctx.claim({ code, field: 'name', raw: parts.name, line: lineNo, column: nameColumn, tags: parts.tags });
      else ctx.diag('warning', 'entry/no-name', `Entry for ${code} gives no name`, lineNo, column, { code });
      entry = { code, lines: [] };
      continue;
    }

    // A short line standing alone, followed by an entry, heads a class of entries.
    if (isHeadingLine(lines, i)) {
      const next = nextNonBlank(i);
      const nextHead = next < lines.length ? readListEntry(lines[next]!) : undefined;
      if (nextHead?.token.kind === 'code') {
        flushEntry();
        flushLoose();
        flushInvalid();
        ctx.claim({ code: classOf(nextHead.token.code), field: 'class-name', raw: line, line: lineNo, column: line.indexOf(line.trim()) + 1 });
        continue;
      }
      if (!entry) {
        flushLoose();
        flushInvalid();
        ctx.skip(lineNo, lineNo, 'heading', 'short line standing alone');
        continue;
      }
    }

    if (entry) entry.lines.push(lineNo);
    else if (invalid) invalid.endLine = lineNo;
    else if (loose) loose.endLine = lineNo;
    else loose = { line: lineNo, endLine: lineNo };
  }
  flushEntry();
  flushLoose();
  flushInvalid();
  if (!seenEntry) ctx.diag('error', 'list/no-entries', 'No entry line (`code Name`) found in this list source', 1);
  return ctx.result();
};
