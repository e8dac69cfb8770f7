/**
 * Prose lists: an entry header line around a colon, then paragraphs of description.
 * Header shapes: `: 100(continue)`, `(localized name) : 101 switching protocol`,
 * `103 Early Hints : (localized name)`, `:507 (Insufficient Storage (WebDAV)` (unbalanced).
 * Class headings carry a code range: `1. Informational responses (100-199):`.
 */
import { DIGIT, classOf, normalizeDigits, type CodeToken } from '../text/codes.ts';
import { furnitureLabel } from '../data/furniture.ts';
import type { ParseResult, Parser, SourceDocument } from '../types.ts';
import { CLAIM_CODE, ParseContext } from './context.ts';
import { readEntryHead, splitNameAndTags } from './entries.ts';

const MAX_HEADER_LENGTH = 120;
const RANGE = new RegExp(`\\(\\s*(${DIGIT}{3})\\s*[-–—~]\\s*(${DIGIT}{3})\\s*\\)`, 'u');

export interface ProseHeader {
  token: CodeToken;
  /** Column (0-based) of the code side in the line. */
  codeIndex: number;
  /** The name written next to the code, and where it starts. */
  name: string;
  nameIndex: number;
  /** The parenthesized text on the other side of the colon (a localized name), if any. */
  other: string;
  otherIndex: number;
}

/** Read an entry header, or undefined when the line is not one. */
export function readProseHeader(line: string): ProseHeader | undefined {
  if (line.length > MAX_HEADER_LENGTH) return undefined;
  const colon = line.search(/[:：]/u);
  if (colon < 0) return undefined;
  const sides: Array<[string, number]> = [
    [line.slice(0, colon), 0],
    [line.slice(colon + 1), colon + 1],
  ];
  for (const [which, [codeSide, codeStart]] of sides.entries()) {
    const [otherSide, otherStart] = sides[1 - which]!;
    const head = readEntryHead(codeSide);
    if (!head || head.token.kind === 'none') continue;
    const other = otherSide.trim();
    if (other !== '' && !/^\(.*\)?$/u.test(other)) continue;
    const lead = codeSide.length - codeSide.trimStart().length;
    return {
      token: head.token,
      codeIndex: codeStart + lead,
      name: head.rest.trim(),
      nameIndex: codeStart + head.restOffset + (head.rest.length - head.rest.trimStart().length),
      other,
      otherIndex: otherStart + (otherSide.length - otherSide.trimStart().length),
    };
  }
  return undefined;
}

export interface ClassHeading {
  start: string;
  end: string;
  name: string;
}

/** `- 1. Informational (100–199)` or `خطاهای سرور (500–599)`: a class heading with its range. */
export function readClassHeading(line: string): ClassHeading | undefined {
  if (line.length > MAX_HEADER_LENGTH) return undefined;
  const m = RANGE.exec(line);
  if (!m) return undefined;
  const name = line
    .replace(RANGE, ' ')
    .replace(/^[\s\-*•]*(?:[0-9۰-۹٠-٩]+[.)、]\s*)?(?:[.\s]+)?/u, '')
    .replace(/[\s:：.]+$/u, '')
    .trim();
  if (name === '' || /[.!?。]\s/u.test(name)) return undefined;
  return { start: normalizeDigits(m[1]!), end: normalizeDigits(m[2]!), name };
}

interface Entry {
  code: string;
  line: number;
  paragraphs: Array<{ line: number; endLine: number }>;
}

export const parseProse: Parser = (doc: SourceDocument): ParseResult => {
  const ctx = new ParseContext(doc);
  const lines = ctx.lines;
  const extraFurniture = doc.source.options.furniture ?? [];
  let entry: Entry | undefined;
  let orphan: { line: number; endLine: number; why: string } | undefined;
  let preamble: { line: number; endLine: number } | undefined;

  const flushEntry = () => {
    if (!entry) return;
    const paras = entry.paragraphs;
    if (paras.length > 0) {
      const first = paras[0]!;
      const last = paras[paras.length - 1]!;
      const raw = paras.map((p) => ctx.rawLines(p.line, p.endLine)).join('\n');
      const column = lines[first.line - 1]!.length - lines[first.line - 1]!.trimStart().length + 1;
      ctx.claim({ code: entry.code, field: 'description', raw, line: first.line, column, endLine: last.endLine });
    }
    entry = undefined;
  };
  const flushOrphan = () => {
    if (orphan) ctx.skip(orphan.line, orphan.endLine, 'unreadable', orphan.why);
    orphan = undefined;
  };
  const flushPreamble = () => {
    if (preamble) ctx.skip(preamble.line, preamble.endLine, 'preamble', 'text before the first entry');
    preamble = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') continue;
    const header = readProseHeader(line);
    if (header) {
      flushEntry();
      flushOrphan();
      flushPreamble();
      const column = header.codeIndex + 1;
      if (header.token.kind === 'invalid') {
        ctx.invalidCode(header.token, 'its entry is not read', lineNo, column);
        orphan = { line: lineNo, endLine: lineNo, why: `entry whose code \`${header.token.token}\` is invalid` };
        continue;
      }
      if (header.token.kind !== 'code') continue;
      const code = header.token.code;
      if (header.token.stray !== '' && header.token.stray !== ')') {
        ctx.diag('info', 'code/stray-punctuation', `Code \`${header.token.code}${header.token.stray}\` has stray punctuation; read as ${code}`, lineNo, column, { code });
      }
      const name = header.token.stray === ')' ? `(${header.name}` : header.name;
      let named = false;
      for (const [raw, index] of [
        [name, header.nameIndex],
        [header.other, header.otherIndex],
      ] as const) {
        if (raw === '') continue;
        const parts = splitNameAndTags(raw);
        if (parts.unbalanced) {
          ctx.diag('warning', 'name/unbalanced-parentheses', `Unbalanced parentheses in \`${raw}\`; read as the name \`${parts.name}\``, lineNo, index + 1, { code });
        }
        if (ctx.claim({ code, field: 'name', raw: parts.name, line: lineNo, column: index + 1, tags: parts.tags })) named = true;
      }
      if (!named) ctx.diag('warning', 'entry/no-name', `Entry header for ${code} gives no name`, lineNo, column, { code });
      entry = { code, line: lineNo, paragraphs: [] };
      continue;
    }
    const heading = readClassHeading(line);
    if (heading) {
      flushEntry();
      flushOrphan();
      flushPreamble();
      const cls = classOf(heading.start);
      const column = line.indexOf(line.trim()) + 1;
      if (!CLAIM_CODE.test(cls)) {
        // `Vendor errors (600-699)`: a heading, but of no class a status code can be in.
        const range = `${heading.start}-${heading.end}`;
        ctx.diag('warning', 'class/invalid', `Class heading gives the range ${range}, which is in none of the classes 1xx-5xx; \`${heading.name}\` is not read as a class name`, lineNo, column, {
          code: range,
        });
        ctx.skip(lineNo, lineNo, 'heading', `class heading for the range ${range}, outside the classes 1xx-5xx`);
        continue;
      }
      if (classOf(heading.end) !== cls || !heading.end.endsWith('99') || !heading.start.endsWith('00')) {
        ctx.diag('warning', 'class/range', `Class heading gives the range ${heading.start}-${heading.end}; the class ${cls} spans ${cls[0]}00-${cls[0]}99`, lineNo, column, {
          code: cls,
        });
      }
      ctx.claim({ code: cls, field: 'class-name', raw: heading.name, line: lineNo, column });
      continue;
    }
    const furniture = furnitureLabel(line, extraFurniture);
    if (furniture) {
      flushEntry();
      flushPreamble();
      ctx.skip(lineNo, lineNo, 'furniture', furniture);
      continue;
    }
    if (entry) {
      const last = entry.paragraphs[entry.paragraphs.length - 1];
      if (last && last.endLine === lineNo - 1) last.endLine = lineNo;
      else entry.paragraphs.push({ line: lineNo, endLine: lineNo });
    } else if (orphan) {
      orphan.endLine = lineNo;
    } else if (preamble) {
      preamble.endLine = lineNo;
    } else {
      preamble = { line: lineNo, endLine: lineNo };
    }
  }
  flushEntry();
  flushOrphan();
  flushPreamble();
  if (!ctx.claims.some((c) => c.field !== 'class-name')) {
    ctx.diag('error', 'prose/no-entries', 'No entry header (`code (name)` around a colon) found in this prose source', 1);
  }
  return ctx.result();
};
