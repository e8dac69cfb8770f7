/**
 * Markdown (CommonMark + GFM) documents, read from the remark syntax tree: GFM tables, lists whose
 * items start with a code (`- 404 Not Found: ...`, `1. \`404\` Not Found` with a nested
 * description), headings that start with a code (`## 404 Not Found`) with their paragraphs, and
 * headings or list items that label the entries right after them (class names). Everything else
 * is recorded as skipped.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent, Table, TableRow } from 'mdast';
import { classOf, readCodeToken } from '../text/codes.ts';
import type { ParseResult, Parser, SkippedLines, SourceDocument } from '../types.ts';
import {
  EMPTY_TEXT,
  TextBuilder,
  emitClassName,
  emitDescription,
  emitName,
  finishAccounting,
  isFurnitureText,
  joinTexts,
  readClassHead,
  skipBlock,
  spanOfText,
  splitEntry,
  trimText,
  type EntryParts,
  type Fallback,
  type MappedText,
} from './blocks.ts';
import { ParseContext } from './context.ts';
import { parseMarkdownTree } from './gfm.ts';
import {
  MAX_MARKDOWN_CONTAINERS,
  MAX_MARKDOWN_DEPTH,
  MAX_MARKDOWN_MARKERS,
  MAX_MARKDOWN_PARAGRAPH_LINES,
  estimateMarkdownNesting,
  estimateMarkdownParagraphs,
  refuseDocument,
  treeDepth,
} from './limits.ts';
import { inferColumnRoles, type ColumnRole } from './entries.ts';

interface TableInfo {
  header: TableRow | undefined;
  rows: TableRow[];
  cells: MappedText[][];
  columnCount: number;
  roles: ColumnRole[];
  codeColumn: number;
  firstCode: string | undefined;
}

/** A line ending inside a paragraph's text (a soft break) reads as a space. */
const LINE_BREAKS = /[\n\r]/g;

class MarkdownReader {
  private readonly fallbacks: Fallback[] = [];
  private readonly heads = new Map<Nodes, { text: MappedText; parts: EntryParts | undefined }>();
  private readonly tables = new Map<Table, TableInfo>();
  /** Heading depths at which some heading starts with a valid code: there, `4O4` is a mistyped entry. */
  private readonly entryDepths = new Set<number>();

  constructor(
    private readonly ctx: ParseContext,
    private readonly text: string,
  ) {}

  run(): void {
    // micromark takes quadratic time (or overflows the stack) on some shapes no status-code list
    // has; they are measured first (linearly) and such a document is reported instead of read.
    const nesting = estimateMarkdownNesting(this.text);
    if (nesting.depth > MAX_MARKDOWN_CONTAINERS) {
      this.refuse(`Line ${nesting.line} nests ${nesting.depth} quotes and list items; the Markdown reader follows at most ${MAX_MARKDOWN_CONTAINERS}`, nesting.line);
      return;
    }
    const paragraphs = estimateMarkdownParagraphs(this.text);
    if (paragraphs.markers > MAX_MARKDOWN_MARKERS) {
      this.refuse(
        `The paragraph at line ${paragraphs.markersLine} has ${paragraphs.markers} emphasis, link and code markers (\`*\`, \`_\`, \`~\`, \`[\`, \`]\`, backticks); the Markdown reader reads at most ${MAX_MARKDOWN_MARKERS} in one paragraph`,
        paragraphs.markersLine,
      );
      return;
    }
    if (paragraphs.lines > MAX_MARKDOWN_PARAGRAPH_LINES) {
      this.refuse(
        `The paragraph at line ${paragraphs.linesLine} has ${paragraphs.lines} lines with inline markup; the Markdown reader reads at most ${MAX_MARKDOWN_PARAGRAPH_LINES} in one paragraph`,
        paragraphs.linesLine,
      );
      return;
    }
    const tree = parseMarkdownTree(this.text);
    const { depth, deepest } = treeDepth<Nodes>(tree, (n) => ('children' in n ? (n.children as Nodes[]) : undefined), MAX_MARKDOWN_DEPTH);
    if (depth > MAX_MARKDOWN_DEPTH) {
      const line = this.ctx.index.point(deepest.position?.start.offset ?? 0).line;
      this.refuse(`Line ${line} is inside markup nested more than ${MAX_MARKDOWN_DEPTH} levels deep; the Markdown reader follows at most ${MAX_MARKDOWN_DEPTH}`, line);
      return;
    }
    const visit = (node: Nodes) => {
      if (node.type === 'heading') {
        const parts = this.head(node).parts;
        if (parts?.token.kind === 'code') this.entryDepths.add(node.depth);
      }
      if ('children' in node) for (const child of node.children) visit(child);
    };
    visit(tree);
    this.blocks(tree.children);
    finishAccounting(this.ctx, this.fallbacks);
  }

  private refuse(what: string, line: number): void {
    refuseDocument(
      this.ctx,
      'markdown/too-complex',
      `${what}, so the document is not read (the Markdown library would take minutes over it, or fail). Split the paragraph or flatten the nesting: no list of status codes needs more.`,
      line,
    );
  }

  // ---- positions and text ------------------------------------------------------------------

  /**
   * The lines a node spans, from its offsets: micromark also ends lines at a lone carriage return,
   * the line index (like every parser here) only at a line feed.
   */
  private lines(node: Nodes): { line: number; endLine: number } {
    const start = node.position?.start.offset ?? 0;
    const end = Math.max(start, (node.position?.end.offset ?? start) - 1);
    return { line: this.ctx.index.point(start).line, endLine: this.ctx.index.point(end).line };
  }

  private raw(node: Nodes): { raw: string; start: number } {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    return { raw: this.text.slice(start, end), start };
  }

  /** Plain text of inline content: emphasis and links keep their text, inline code its code, hard breaks are newlines. */
  private inline(nodes: readonly PhrasingContent[], b: TextBuilder): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'text': {
          // A line ending inside a paragraph is a soft break: a space.
          const { raw, start } = this.raw(node);
          b.pushAligned(node.value, raw, start, LINE_BREAKS);
          break;
        }
        case 'inlineCode': {
          const { raw, start } = this.raw(node);
          b.pushAligned(node.value, raw, start);
          break;
        }
        case 'break':
          b.push('\n', node.position?.start.offset ?? 0);
          break;
        case 'html':
          if (/^<br\s*\/?>$/iu.test(node.value.trim())) b.push('\n', node.position?.start.offset ?? 0);
          break;
        case 'image':
        case 'imageReference': {
          const { raw, start } = this.raw(node);
          if (node.alt) b.pushAligned(node.alt, raw, start);
          break;
        }
        case 'footnoteReference':
          break;
        default:
          if ('children' in node) this.inline(node.children, b);
      }
    }
  }

  private phrasing(node: { children: PhrasingContent[] }): MappedText {
    const b = new TextBuilder();
    this.inline(node.children, b);
    return b.build();
  }

  /** Text of a block for a description: paragraphs, list items and quotes, one line each. */
  private blockText(node: RootContent): MappedText {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        return this.phrasing(node);
      case 'list':
        return joinTexts(node.children.map((item) => this.blockText(item)));
      case 'listItem':
      case 'blockquote':
        return joinTexts(node.children.map((child) => this.blockText(child)));
      default:
        return EMPTY_TEXT;
    }
  }

  /**
   * The text of a block that is part of the description of `what`, as blockText reads it; the
   * blocks inside it that blockText does not read (code, tables, raw HTML, ...) are recorded the
   * way they are beside the description (blockInEntry), and nested entries are read as entries.
   */
  private descriptionText(node: RootContent, what: string): MappedText {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        return this.phrasing(node);
      case 'list':
      case 'listItem':
      case 'blockquote':
        return joinTexts(node.children.map((child) => this.descriptionText(child, what)));
      default:
        if (this.firstCode(node) !== undefined) this.blocks([node]);
        else this.blockInEntry(node, what);
        return EMPTY_TEXT;
    }
  }

  /**
   * Where the line holding `from` ends: at a hard break, or where the next source line starts (a
   * soft break inside a paragraph).
   */
  private lineEnd = (m: MappedText, from: number): number => {
    const first = m.offsets[from];
    if (first === undefined) return m.text.length;
    const line = this.ctx.index.point(first).line;
    for (let i = from; i < m.text.length; i++) {
      if (m.text[i] === '\n' || this.ctx.index.point(m.offsets[i]!).line !== line) return i;
    }
    return m.text.length;
  };

  /** The entry head of a paragraph or heading (memoized). */
  private head(node: Paragraph | Heading): { text: MappedText; parts: EntryParts | undefined } {
    let h = this.heads.get(node);
    if (!h) {
      const text = this.phrasing(node);
      h = { text, parts: splitEntry(text, this.lineEnd) };
      this.heads.set(node, h);
    }
    return h;
  }

  private itemHead(item: ListItem): { node: Paragraph | Heading; text: MappedText; parts: EntryParts | undefined } | undefined {
    const first = item.children[0];
    if (first?.type !== 'paragraph' && first?.type !== 'heading') return undefined;
    return { node: first, ...this.head(first) };
  }

  // ---- which nodes hold entries ----------------------------------------------------------

  /** The first code of the entries `node` is made of (a code heading, a list or table of entries), if it is. */
  private firstCode(node: RootContent | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === 'heading') {
      const parts = this.head(node).parts;
      return parts?.token.kind === 'code' ? parts.token.code : undefined;
    }
    if (node.type === 'list') {
      for (const item of node.children) {
        const head = this.itemHead(item);
        if (head?.parts?.token.kind === 'code') return head.parts.token.code;
        for (const child of item.children.slice(head ? 1 : 0)) {
          const code = this.firstCode(child);
          if (code) return code;
        }
      }
      return undefined;
    }
    if (node.type === 'table') return this.tableInfo(node).firstCode;
    return undefined;
  }

  /** Every code of the entries in `node` (for class labels). */
  private codesIn(node: RootContent): string[] {
    if (node.type === 'heading') {
      const code = this.firstCode(node);
      return code ? [code] : [];
    }
    if (node.type === 'list') {
      return node.children.flatMap((item) => {
        const head = this.itemHead(item);
        const token = head?.parts?.token;
        return [...(token?.kind === 'code' ? [token.code] : []), ...item.children.slice(head ? 1 : 0).flatMap((c) => this.codesIn(c))];
      });
    }
    if (node.type === 'table') {
      const info = this.tableInfo(node);
      return info.cells.map((r) => readCodeToken(r[info.codeColumn]?.text ?? '')).flatMap((t) => (t.kind === 'code' ? [t.code] : []));
    }
    return [];
  }

  /** The entries in `node` start with their own class label (a category row, a labelled list item). */
  private startsWithLabel(node: RootContent | undefined): boolean {
    if (node?.type === 'table') {
      const info = this.tableInfo(node);
      const first = info.cells[0];
      return first !== undefined && readCodeToken(first[info.codeColumn]?.text ?? '').kind === 'none' && first.filter((c) => c.text.trim() !== '').length === 1;
    }
    if (node?.type === 'list') {
      const item = node.children[0];
      const head = item && this.itemHead(item);
      return item !== undefined && (head?.parts?.token.kind ?? 'none') === 'none' && item.children.slice(head ? 1 : 0).some((c) => this.firstCode(c) !== undefined);
    }
    return false;
  }

  /**
   * The first code of the entries a heading without code labels, or why it labels none: entries
   * must follow right after it, must not start with a label of their own, and must all be of one
   * class (a page title over a table of every class is not a class name).
   */
  private labelled(nodes: readonly RootContent[], i: number): string | { why: string } {
    const depth = (nodes[i] as Heading).depth;
    const next = nodes[i + 1];
    const first = this.firstCode(next);
    if (first === undefined || !next) return { why: 'heading with no entries right after it' };
    if (this.startsWithLabel(next)) return { why: 'heading over entries that carry their own class labels' };
    let codes = this.codesIn(next);
    if (next.type === 'heading') {
      codes = [];
      for (let j = i + 1; j < nodes.length; j++) {
        const n = nodes[j]!;
        if (n.type === 'heading' && n.depth <= depth) break;
        for (const code of this.codesIn(n)) codes.push(code);
      }
    }
    if (new Set(codes.map((c) => classOf(c))).size > 1) return { why: 'heading over entries of several classes' };
    return first;
  }

  /** Entries start at `nodes[i]`: entry nodes, or a heading without code that labels the entries after it. */
  private startsEntries(nodes: readonly RootContent[], i: number): boolean {
    const node = nodes[i];
    if (this.firstCode(node) !== undefined) return true;
    return node?.type === 'heading' && this.head(node).parts?.token.kind !== 'code' && this.firstCode(nodes[i + 1]) !== undefined;
  }

  // ---- blocks ------------------------------------------------------------------------------

  private blocks(nodes: readonly RootContent[]): void {
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i]!;
      if (node.type === 'heading') i = this.heading(nodes, i);
      else {
        this.block(node);
        i++;
      }
    }
  }

  /** A block outside any entry. */
  private block(node: RootContent): void {
    switch (node.type) {
      case 'list':
        this.list(node);
        return;
      case 'table':
        this.table(node);
        return;
      case 'blockquote':
        this.blocks(node.children);
        return;
      case 'paragraph':
        this.skipNode(node, 'preamble', 'paragraph outside any entry');
        return;
      case 'heading':
        this.skipNode(node, 'heading', 'heading');
        return;
      case 'code':
        this.skipNode(node, 'preamble', 'code block outside any entry');
        return;
      default:
        this.skipOther(node);
    }
  }

  /** A block inside an entry that is not part of its description. */
  private blockInEntry(node: RootContent, what: string): void {
    switch (node.type) {
      case 'heading':
        this.skipNode(node, 'heading', `heading inside ${what}`);
        return;
      case 'code':
        this.skipNode(node, 'unreadable', `code block inside ${what} (not read as description)`);
        return;
      case 'table':
        this.skipNode(node, 'unreadable', `table without status codes inside ${what}`);
        return;
      default:
        this.skipOther(node);
    }
  }

  private skipOther(node: RootContent): void {
    switch (node.type) {
      case 'html':
        this.skipNode(node, 'furniture', 'raw HTML (not read)');
        return;
      case 'thematicBreak':
        this.skipNode(node, 'furniture', 'thematic break');
        return;
      case 'definition':
        this.skipNode(node, 'furniture', 'link reference definition');
        return;
      case 'footnoteDefinition':
        this.skipNode(node, 'furniture', 'footnote');
        return;
      case 'table':
        this.skipNode(node, 'preamble', 'table without status codes');
        return;
      default:
        this.skipNode(node, 'unreadable', `${node.type} outside any entry`);
    }
  }

  /** Skip a node's lines; lines whose text is page furniture are recorded as furniture. */
  private skipNode(node: Nodes, reason: SkippedLines['reason'], detail: string): void {
    const { line, endLine } = this.lines(node);
    const text = this.textOf(node);
    skipBlock(this.ctx, line, endLine, reason, detail, text.text.trim() === '' ? undefined : text);
  }

  /** The text of a node for telling furniture from other skipped text. */
  private textOf(node: Nodes): MappedText {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        return this.phrasing(node);
      case 'list':
      case 'listItem':
      case 'blockquote':
        return this.blockText(node);
      case 'table':
      case 'tableRow': {
        const b = new TextBuilder();
        const cells = node.type === 'table' ? node.children.flatMap((r) => r.children) : node.children;
        for (const cell of cells) {
          this.inline(cell.children, b);
          b.push(' ', cell.position?.end.offset ?? 0);
        }
        return b.build();
      }
      default:
        return EMPTY_TEXT;
    }
  }

  // ---- headings ----------------------------------------------------------------------------

  /** A heading at `nodes[i]`: an entry, a class label, or skipped. Returns the index after what it used. */
  private heading(nodes: readonly RootContent[], i: number): number {
    const node = nodes[i] as Heading;
    const { text, parts } = this.head(node);
    if (parts?.token.kind === 'code') return this.headingEntry(nodes, i, parts);
    if (parts?.token.kind === 'invalid' && this.entryDepths.has(node.depth)) {
      const { line, endLine } = this.lines(node);
      const at = this.ctx.index.point(parts.tokenOffset);
      const what = `the entry with the invalid code \`${parts.token.token}\``;
      this.ctx.invalidCode(parts.token, 'the heading is not read as an entry', line, at.column);
      this.ctx.skip(line, endLine, 'unreadable', what);
      const { parts: description, end } = this.section(nodes, i, what);
      for (const n of description) this.skipNode(n, 'unreadable', `description of ${what}`);
      return end;
    }
    const label = this.labelled(nodes, i);
    if (typeof label === 'string') this.classLabel(node, text, label);
    else this.skipNode(node, 'heading', label.why);
    return i + 1;
  }

  /**
   * The section of the heading at `nodes[i]`, up to the next heading of the same or a higher level
   * or the next entries: its paragraphs, lists and quotes describe the entry (until a paragraph of
   * page furniture); other blocks in it are recorded as skipped for `what`.
   */
  private section(nodes: readonly RootContent[], i: number, what: string): { parts: RootContent[]; end: number } {
    const depth = (nodes[i] as Heading).depth;
    const parts: RootContent[] = [];
    let j = i + 1;
    for (; j < nodes.length; j++) {
      const n = nodes[j]!;
      if (n.type === 'heading' && n.depth <= depth) break;
      if (this.startsEntries(nodes, j)) break;
      if (n.type === 'paragraph' || n.type === 'list' || n.type === 'blockquote') {
        if (n.type === 'paragraph' && isFurnitureText(this.ctx, this.blockText(n))) break;
        parts.push(n);
      } else {
        this.blockInEntry(n, what);
      }
    }
    return { parts, end: j };
  }

  private headingEntry(nodes: readonly RootContent[], i: number, parts: EntryParts): number {
    const node = nodes[i] as Heading;
    const code = this.entryCode(parts);
    const { line, endLine } = this.lines(node);
    this.fallbacks.push({ line, endLine, reason: 'header', detail: `the code ${code}, head of the entry whose claims follow` });
    emitName(this.ctx, code, parts.name);
    const { parts: blocks, end } = this.section(nodes, i, `the entry for ${code}`);
    const last = blocks[blocks.length - 1];
    const descriptionEnd = last ? this.lines(last).endLine : (spanOfText(this.ctx, parts.description)?.endLine ?? 0);
    const what = `the entry for ${code}`;
    emitDescription(this.ctx, code, joinTexts([parts.description, ...blocks.map((n) => this.descriptionText(n, what))]), { endLine: descriptionEnd });
    return end;
  }

  /** The code of an entry whose token is a code, reporting stray punctuation other than a `:` separator. */
  private entryCode(parts: EntryParts): string {
    if (parts.token.kind !== 'code') return '';
    const { code, stray } = parts.token;
    if (stray !== '' && stray !== ':') {
      const at = this.ctx.index.point(parts.tokenOffset);
      this.ctx.diag('info', 'code/stray-punctuation', `Code \`${code}${stray}\` has stray punctuation; read as ${code}`, at.line, at.column, { code });
    }
    if (parts.name.text === '') {
      const at = this.ctx.index.point(parts.tokenOffset);
      this.ctx.diag('warning', 'entry/no-name', `Entry for ${code} gives no name`, at.line, at.column, { code });
    }
    return code;
  }

  /** A heading or list item without code that labels the entries right after it: the name of their class. */
  private classLabel(node: Nodes, text: MappedText, code: string): void {
    let cls = classOf(code);
    const stated = readClassHead(trimText(text).text);
    const { line, endLine } = this.lines(node);
    if (stated && stated.cls !== cls) {
      this.ctx.diag('warning', 'class/mismatch', `Label says ${stated.cls} but the entries after it start with ${code}; read as the name of ${stated.cls}`, line, 1, { code: stated.cls });
      cls = stated.cls;
    }
    if (!emitClassName(this.ctx, cls, text)) this.ctx.skip(line, endLine, 'heading', `label of ${cls} with no name in it`);
  }

  // ---- lists -------------------------------------------------------------------------------

  private list(list: List): void {
    const heads = list.children.map((item) => this.itemHead(item));
    const hasCodes = heads.some((h) => h?.parts?.token.kind === 'code');
    list.children.forEach((item, k) => {
      const head = heads[k];
      const token = head?.parts?.token;
      if (head?.parts && token?.kind === 'code') {
        this.listEntry(item, head.parts);
        return;
      }
      const { line, endLine } = this.lines(item);
      if (head?.parts && token?.kind === 'invalid' && hasCodes) {
        const at = this.ctx.index.point(head.parts.tokenOffset);
        this.ctx.invalidCode(token, 'the list item is not read as an entry', at.line, at.column, {
          endLine,
        });
        this.ctx.skip(line, endLine, 'unreadable', `entry with the invalid code \`${token.token}\``);
        return;
      }
      const nested = item.children.slice(head ? 1 : 0).filter((c) => this.firstCode(c) !== undefined);
      if (nested.length > 0) {
        // A label over nested entries (`- Client errors` / `  - 400 ...`), then those entries.
        const classes = new Set(nested.flatMap((c) => this.codesIn(c)).map((c) => classOf(c)));
        if (head) {
          if (classes.size === 1) this.classLabel(head.node, head.text, this.firstCode(nested[0])!);
          else this.skipNode(head.node, 'heading', 'label over entries of several classes');
        }
        this.blocks(head ? item.children.slice(1) : item.children);
        return;
      }
      this.skipNode(item, 'preamble', 'list item outside any entry');
    });
  }

  private listEntry(item: ListItem, parts: EntryParts): void {
    const code = this.entryCode(parts);
    const at = this.ctx.index.point(parts.tokenOffset);
    this.fallbacks.push({ line: at.line, endLine: at.line, reason: 'header', detail: `the code ${code}, head of the entry whose claims follow` });
    emitName(this.ctx, code, parts.name);
    const description: MappedText[] = [parts.description];
    let endLine = spanOfText(this.ctx, parts.description)?.endLine ?? 0;
    for (const child of item.children.slice(1)) {
      if (this.firstCode(child) !== undefined) {
        this.blocks([child]);
      } else if (child.type === 'paragraph' || child.type === 'list' || child.type === 'blockquote' || child.type === 'heading') {
        description.push(this.descriptionText(child, `the entry for ${code}`));
        endLine = this.lines(child).endLine;
      } else {
        this.blockInEntry(child, `the entry for ${code}`);
      }
    }
    emitDescription(this.ctx, code, joinTexts(description), { endLine });
  }

  // ---- tables ------------------------------------------------------------------------------

  private tableInfo(table: Table): TableInfo {
    let info = this.tables.get(table);
    if (info) return info;
    const [header, ...rows] = table.children;
    const cells = rows.map((row) => row.children.map((cell) => this.phrasing(cell)));
    // Not Math.max(...): spreading many rows overflows the call stack.
    const columnCount = header?.children.length ?? cells.reduce((a, r) => Math.max(a, r.length), 0);
    const roles: ColumnRole[] =
      this.ctx.doc.source.options.columns ??
      inferColumnRoles(
        cells.map((r) => r.map((c) => c.text)),
        columnCount,
      );
    const codeColumn = Math.max(0, roles.indexOf('code'));
    let firstCode: string | undefined;
    for (const row of cells) {
      const token = readCodeToken(row[codeColumn]?.text ?? '');
      if (token.kind === 'code') {
        firstCode = token.code;
        break;
      }
    }
    info = { header, rows, cells, columnCount, roles, codeColumn, firstCode };
    this.tables.set(table, info);
    return info;
  }

  private table(table: Table): void {
    const info = this.tableInfo(table);
    if (info.firstCode === undefined) {
      this.skipNode(table, 'preamble', 'table without status codes');
      return;
    }
    const ctx = this.ctx;
    if (info.header) {
      const { line, endLine } = this.lines(info.header);
      ctx.skip(line, endLine, 'header', `table header (${info.columnCount} columns)`);
      // The delimiter row is the line after the header (unless a lone carriage return ended the header).
      const newline = this.text.indexOf('\n', info.header.position?.end.offset ?? 0);
      const delimiter = newline < 0 ? 0 : ctx.index.point(newline + 1).line;
      const firstRow = info.rows[0] ? this.lines(info.rows[0]).line : this.lines(table).endLine + 1;
      if (delimiter > endLine && delimiter < firstRow) ctx.skip(delimiter, delimiter, 'delimiter', 'table delimiter row');
    }
    let pending: Array<{ row: TableRow; text: MappedText }> = [];
    info.rows.forEach((row, r) => {
      const cells = info.cells[r]!;
      const { line } = this.lines(row);
      const excerpt = ctx.rawLines(line);
      const codeText = cells[info.codeColumn]?.text ?? '';
      const token = readCodeToken(codeText);
      const codeAt = spanOfText(ctx, cells[info.codeColumn] ?? EMPTY_TEXT)?.column ?? this.ctx.index.point(row.position?.start.offset ?? 0).column;
      const filled = cells.filter((c) => c.text.trim() !== '');
      if (token.kind === 'none') {
        if (filled.length === 1) pending.push({ row, text: filled[0]! });
        else if (filled.length === 0) ctx.skip(line, line, 'furniture', 'empty table row');
        else {
          ctx.diag('warning', 'table/row-without-code', 'Row has no status code; its text is not read as an entry', line);
          ctx.skip(line, line, 'unreadable', 'table row without a status code');
        }
        return;
      }
      if (token.kind === 'invalid') {
        ctx.invalidCode(token, 'the row is not read as an entry', line, codeAt);
        ctx.skip(line, line, 'unreadable', `row with the invalid code \`${token.token}\``);
        return;
      }
      const code = token.code;
      for (const heading of pending) this.classLabel(heading.row, heading.text, code);
      pending = [];
      if (token.stray !== '') {
        ctx.diag('info', 'code/stray-punctuation', `Code cell \`${codeText.trim()}\` has stray punctuation; read as ${code}`, line, codeAt, { code });
      }
      let used = cells;
      if (cells.length > info.columnCount) {
        ctx.diag('warning', 'table/extra-cells', `Row has ${cells.length} cells, the header ${info.columnCount}; the extra cells are read as part of the last column`, line, 1, { code });
        used = [...cells.slice(0, info.columnCount - 1), joinTexts(cells.slice(info.columnCount - 1), ' | ')];
      } else if (cells.length < info.columnCount) {
        ctx.diag('info', 'table/short-row', `Row has ${cells.length} cells, the header ${info.columnCount}; the missing cells are empty`, line, 1, { code });
      }
      // A row with nothing but its code says only that the code exists: reported, as in every table format.
      const empty = used.every((cell, c) => info.roles[c] === 'code' || info.roles[c] === 'ignore' || cell.text.trim() === '');
      if (empty) ctx.diag('warning', 'entry/empty', `Entry for ${code} gives neither a name nor a description`, line, codeAt, { code });
      this.fallbacks.push(
        empty
          ? { line, endLine: line, reason: 'header', detail: `the code ${code}, in a row with no name or description (reported as entry/empty)` }
          : { line, endLine: line, reason: 'header', detail: `the code ${code}, head of the row whose claims follow` },
      );
      used.forEach((cell, c) => {
        const role = info.roles[c] ?? 'description';
        if (role === 'code' || role === 'ignore') return;
        if (role === 'name') emitName(ctx, code, cell, { excerpt });
        else emitDescription(ctx, code, cell, { excerpt, embedded: true });
      });
    });
    for (const heading of pending) {
      const { line } = this.lines(heading.row);
      ctx.skip(line, line, 'heading', 'category row with no entries after it');
    }
  }
}

export const parseMarkdown: Parser = (doc: SourceDocument): ParseResult => {
  const ctx = new ParseContext(doc);
  new MarkdownReader(ctx, doc.text).run();
  return ctx.result();
};
