/**
 * Plain-text pipe tables, as pasted from web pages: the delimiter row may not match the header,
 * cells run over several lines (the row ends at a line that ends with a pipe), category rows carry
 * no code, code cells carry stray punctuation, and a cell may hold a second entry run into it.
 */
import { readCodeToken, classOf } from '../text/codes.ts';
import { excerptOf } from '../text/lines.ts';
import type { ParseResult, Parser, SourceDocument } from '../types.ts';
import { ParseContext } from './context.ts';
import { findEmbeddedEntries, inferColumnRoles, splitNameAndTags, type ColumnRole } from './entries.ts';

interface CellPart {
  text: string;
  /** Offset of `text` in the document. */
  offset: number;
}

interface Cell {
  parts: CellPart[];
}

interface Row {
  cells: Cell[];
  line: number;
  endLine: number;
  /** The last cell has not been closed by a pipe yet. */
  open: boolean;
}

// Every `\s*` follows a character that must be there, so a long line of spaces cannot be split
// between two of them in every possible way (which is quadratic).
const DELIMITER = /^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$/u;
const SENTENCE_END = /^[.!?。！？:;：]$/u;

/** Split a line at unescaped pipes, keeping each piece's offset; `closed` when it ends with a pipe. */
function splitPipes(line: string, lineOffset: number): { pieces: CellPart[]; closed: boolean; hasPipe: boolean } {
  const pieces: CellPart[] = [];
  let start = 0;
  let hasPipe = false;
  for (let i = 0; i <= line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === '|') {
      i++;
      continue;
    }
    if (ch === '|' || i === line.length) {
      if (ch === '|') hasPipe = true;
      pieces.push(trimPart(line.slice(start, i).replace(/\\\|/g, '|'), lineOffset + start));
      start = i + 1;
    }
  }
  const closed = /\|\s*$/u.test(line) && hasPipe;
  if (closed) pieces.pop();
  if (hasPipe && /^\s*\|/u.test(line)) pieces.shift();
  return { pieces, closed, hasPipe };
}

function trimPart(text: string, offset: number): CellPart {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), offset: offset + lead };
}

/** The text of a cell: its parts joined by a space, or by a line break after a sentence end. */
function cellText(cell: Cell | undefined): string {
  return cell ? cellLayout(cell).text : '';
}

interface CellLayout {
  /** How many parts the cell had when this was computed (parts are only ever added). */
  count: number;
  text: string;
  /** Start of each non-empty part in `text`, and that part. */
  starts: number[];
  parts: CellPart[];
}

const layouts = new WeakMap<Cell, CellLayout>();

/**
 * A cell's text with where each part starts in it, computed once per cell (parts can be many: a
 * cell runs on over every line until a pipe closes it).
 */
function cellLayout(cell: Cell): CellLayout {
  let layout = layouts.get(cell);
  if (layout && layout.count === cell.parts.length) return layout;
  const pieces: string[] = [];
  const starts: number[] = [];
  const parts: CellPart[] = [];
  let length = 0;
  let last = '';
  for (const part of cell.parts) {
    if (part.text === '') continue;
    if (length > 0) {
      const separator = SENTENCE_END.test(last) ? '\n' : ' ';
      pieces.push(separator);
      length += 1;
    }
    starts.push(length);
    parts.push(part);
    pieces.push(part.text);
    length += part.text.length;
    last = part.text[part.text.length - 1]!;
  }
  layout = { count: cell.parts.length, text: pieces.join(''), starts, parts };
  layouts.set(cell, layout);
  return layout;
}

/** Offset in the document of index `i` of cellText(cell). */
function cellOffset(cell: Cell, i: number): number {
  const { starts, parts } = cellLayout(cell);
  if (parts.length === 0) return cell.parts[cell.parts.length - 1]?.offset ?? 0;
  // The last part that starts at or before `i` (binary search).
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  const part = parts[lo]!;
  const within = i - starts[lo]!;
  if (within < part.text.length) return part.offset + Math.max(0, within);
  // `i` is the separator after this part: the original points at the next part's start.
  return lo + 1 < parts.length ? parts[lo + 1]!.offset : (cell.parts[cell.parts.length - 1]?.offset ?? 0);
}

export const parseTable: Parser = (doc: SourceDocument): ParseResult => {
  const ctx = new ParseContext(doc);
  const lines = ctx.lines;
  let offset = 0;
  const offsets = lines.map((l) => {
    const o = offset;
    offset += l.length + 1;
    return o;
  });

  let i = 0;
  while (i < lines.length && !lines[i]!.includes('|')) i++;
  if (i > 0 && lines.slice(0, i).some((l) => l.trim() !== '')) {
    ctx.skip(1, i, 'preamble', 'text before the table');
  }
  if (i >= lines.length) {
    ctx.diag('error', 'table/no-table', 'No pipe table found: no line contains `|`', 1);
    return ctx.result();
  }
  const header = splitPipes(lines[i]!, offsets[i]!);
  const headerLine = i + 1;
  // A header with no cells (a line holding only a pipe) says nothing about the width: while the
  // rows are gathered every closed line is a row of its own, then the widest row gives the width.
  let columnCount = header.pieces.length;
  ctx.skip(headerLine, headerLine, 'header', `table header (${columnCount} columns)`);
  i++;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i < lines.length && DELIMITER.test(lines[i]!)) {
    const delimiterColumns = lines[i]!.split('|').filter((p) => /-/.test(p)).length;
    ctx.skip(i + 1, i + 1, 'delimiter', 'table delimiter row');
    if (delimiterColumns !== columnCount) {
      ctx.diag(
        'info',
        'table/delimiter-mismatch',
        `Delimiter row has ${delimiterColumns} column(s) but the header has ${columnCount}: not a GFM table, read as a plain pipe table`,
        i + 1,
      );
    }
    i++;
  } else {
    ctx.diag('info', 'table/no-delimiter', 'No delimiter row after the header', i);
  }

  const rows: Row[] = [];
  let current: Row | undefined;
  const isComplete = (row: Row) => !row.open && row.cells.length >= columnCount;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') continue;
    const { pieces, closed, hasPipe } = splitPipes(line, offsets[i]!);
    const startsRow = hasPipe && readCodeToken(pieces[0]?.text ?? '').kind !== 'none';
    if (current && (current.open || (!isComplete(current) && !startsRow))) {
      // Continuation: the first piece goes on in the open cell, or opens the next one.
      const [first, ...rest] = pieces;
      if (first && current.open) current.cells[current.cells.length - 1]!.parts.push(first);
      else if (first) current.cells.push({ parts: [first] });
      for (const p of rest) current.cells.push({ parts: [p] });
      current.open = !closed;
      current.endLine = lineNo;
      continue;
    }
    if (current && !hasPipe) {
      ctx.diag('warning', 'table/stray-line', 'Line without a pipe after a complete row: kept as part of the row’s last cell', lineNo);
      // A row of a lone pipe has no cell yet: the line becomes its first.
      const last = current.cells[current.cells.length - 1];
      if (last) last.parts.push(pieces[0]!);
      else current.cells.push({ parts: [pieces[0]!] });
      current.endLine = lineNo;
      continue;
    }
    current = { cells: pieces.map((p) => ({ parts: [p] })), line: lineNo, endLine: lineNo, open: !closed };
    rows.push(current);
  }
  if (current?.open) {
    ctx.diag('warning', 'table/unclosed-row', 'The last row never closes with a pipe; the file may be truncated', current.endLine);
  }
  if (columnCount === 0) {
    // Not Math.max(...): spreading many rows overflows the call stack.
    columnCount = rows.reduce((widest, row) => Math.max(widest, row.cells.length), 0);
    ctx.diag('warning', 'table/empty-header', `The header line has no cells; the table is read as ${columnCount} column(s), the widest row`, headerLine);
  }

  const roles: ColumnRole[] =
    doc.source.options.columns ?? inferColumnRoles(rows.map((r) => r.cells.map((c) => cellText(c))), columnCount);
  const codeColumn = Math.max(0, roles.indexOf('code'));
  let pendingHeadings: Row[] = [];

  for (const row of rows) {
    const texts = row.cells.map((c) => cellText(c));
    const token = readCodeToken(texts[codeColumn] ?? '');
    const codeCell = row.cells[codeColumn];
    const codeColumnNo = codeCell ? ctx.index.point(codeCell.parts[0]!.offset).column : 1;
    if (token.kind === 'none') {
      const others = texts.filter((_, c) => c !== codeColumn && (texts[c] ?? '') !== '');
      if (others.length === 0 && (texts[codeColumn] ?? '') !== '') {
        pendingHeadings.push(row);
      } else {
        ctx.diag('warning', 'table/row-without-code', 'Row has no status code; its text is kept only in this message', row.line, 1, {
          endLine: row.endLine,
        });
      }
      continue;
    }
    if (token.kind === 'invalid') {
      ctx.invalidCode(token, 'the row is not read as an entry', row.line, codeColumnNo, {
        endLine: row.endLine,
      });
      continue;
    }
    const code = token.code;
    for (const heading of pendingHeadings) {
      const cell = heading.cells[codeColumn]!;
      const at = ctx.index.point(cell.parts[0]!.offset);
      ctx.claim({ code: classOf(code), field: 'class-name', raw: cellText(cell), line: heading.line, column: at.column });
    }
    pendingHeadings = [];
    if (token.stray !== '') {
      ctx.diag('info', 'code/stray-punctuation', `Code cell \`${texts[codeColumn]}\` has stray punctuation; read as ${code}`, row.line, codeColumnNo, { code });
    }
    if (columnCount > 0 && row.cells.length > columnCount) {
      ctx.diag('warning', 'table/extra-cells', `Row has ${row.cells.length} cells, the header ${columnCount}; the extra cells are read as part of the last column`, row.line, 1, { code, endLine: row.endLine });
      const last = row.cells[columnCount - 1]!;
      for (const extra of row.cells.splice(columnCount)) for (const part of extra.parts) last.parts.push(part);
    }
    // A row with nothing but its code says only that the code exists: reported, not dropped.
    if (row.cells.every((cell, c) => c === codeColumn || roles[c] === 'ignore' || cellText(cell) === '')) {
      ctx.diag('warning', 'entry/empty', `Entry for ${code} gives neither a name nor a description`, row.line, codeColumnNo, { code, endLine: row.endLine });
      ctx.skip(row.line, row.endLine, 'unreadable', `row for ${code} with no name or description`);
      continue;
    }
    // One excerpt for the row's claims: joining a long row's lines once per cell is quadratic.
    let rowText: string | undefined;
    const rowExcerpt = () => (rowText ??= excerptOf(ctx.rawLines(row.line, row.endLine)));
    row.cells.forEach((cell, c) => {
      const role = roles[c] ?? 'description';
      if (role === 'code' || role === 'ignore') return;
      const text = cellText(cell);
      if (text === '') return;
      const start = ctx.index.point(cell.parts.find((p) => p.text !== '')!.offset);
      const end = c === row.cells.length - 1 ? row.endLine : ctx.index.point(cell.parts[cell.parts.length - 1]!.offset).line;
      if (role === 'name') {
        const { name, tags, unbalanced } = splitNameAndTags(text);
        if (unbalanced) ctx.diag('warning', 'name/unbalanced-parentheses', `Unbalanced parentheses in name \`${text}\``, start.line, start.column, { code });
        ctx.claim({ code, field: 'name', raw: name, line: start.line, column: start.column, endLine: end, tags, excerpt: rowExcerpt() });
        return;
      }
      const embedded = findEmbeddedEntries(text, code);
      const own = embedded.length > 0 ? text.slice(0, embedded[0]!.index).trim() : text;
      ctx.claim({ code, field: 'description', raw: own, line: start.line, column: start.column, endLine: end, excerpt: rowExcerpt() });
      for (const entry of embedded) {
        const at = ctx.index.point(cellOffset(cell, entry.index));
        const descAt = ctx.index.point(cellOffset(cell, entry.descriptionIndex));
        const excerpt = text.slice(entry.index, entry.descriptionIndex + entry.description.length);
        ctx.diag('warning', 'entry/embedded', `Entry for ${entry.code} (\`${entry.name}\`) found inside the text of ${code}; split out as its own entry`, at.line, at.column, {
          code: entry.code,
          excerpt,
        });
        ctx.claim({ code: entry.code, field: 'name', raw: entry.name, line: at.line, column: at.column, excerpt, embeddedIn: code });
        ctx.claim({ code: entry.code, field: 'description', raw: entry.description, line: descAt.line, column: descAt.column, excerpt, embeddedIn: code });
      }
    });
  }
  for (const heading of pendingHeadings) {
    ctx.skip(heading.line, heading.endLine, 'heading', 'category row with no entries after it');
  }
  return ctx.result();
};
