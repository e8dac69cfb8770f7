/**
 * HTML documents, read from the parse5 tree (through cheerio) with source locations: tables
 * (header from `<th>`, category rows spanning columns), definition lists (`<dt>404 Not Found</dt>`
 * then `<dd>` descriptions), lists whose items start with a code, and headings that start with a
 * code followed by paragraphs. Scripts, styles, navigation, footers, templates and the head are
 * page furniture; markup-only lines are recorded as such. A file cut off in the middle is read as
 * far as it goes and reported.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element, ParentNode, Text } from 'domhandler';
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
import { inferColumnRoles, type ColumnRole } from './entries.ts';
import { MAX_HTML_DEPTH, MAX_HTML_ESTIMATE, estimateHtmlNesting, refuseDocument, treeDepth } from './limits.ts';

/** Elements whose content is never read. */
const IGNORED = new Set(['script', 'style', 'nav', 'footer', 'noscript', 'template', 'head']);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'body', 'html',
]);
const HEADING = /^h([1-6])$/u;
const LISTS = new Set(['ul', 'ol', 'menu']);
/** Elements whose missing end tag at the end of the file means the file was cut off. */
const MUST_CLOSE = new Set(['html', 'body', 'table', 'dl', 'ul', 'ol', 'div', 'section', 'article', 'main', 'blockquote', 'pre', 'script', 'style']);
const HTML_SPACES = /[ \t\n\r\f]/gu;
/** Elements that are not read as part of a description, inside it as beside it (see nodeInEntry). */
const NOT_DESCRIPTION = new Set(['pre', 'table']);

function isElement(node: AnyNode | undefined): node is Element {
  return node !== undefined && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
}

/** `/\s/u` for one unit, without a regular expression for ASCII. */
function isSpace(code: number, unit: string): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return /\s/u.test(unit);
}

function isBlank(node: AnyNode): boolean {
  return node.type === 'text' && (node as Text).data.trim() === '';
}

function headingLevel(node: AnyNode | undefined): number {
  if (!isElement(node)) return 0;
  const m = HEADING.exec(node.name);
  return m ? Number(m[1]) : 0;
}

function elementChildren(node: ParentNode, names: ReadonlySet<string>): Element[] {
  return node.children.filter((c): c is Element => isElement(c) && names.has(c.name));
}

interface Cell {
  element: Element | undefined;
  text: MappedText;
}

interface TableInfo {
  captions: Element[];
  header: Element[];
  rows: Element[];
  cells: Cell[][];
  columnCount: number;
  roles: ColumnRole[];
  codeColumn: number;
  firstCode: string | undefined;
}

class HtmlReader {
  private readonly fallbacks: Fallback[] = [];
  private readonly heads = new Map<AnyNode, { text: MappedText; parts: EntryParts | undefined }>();
  private readonly tables = new Map<Element, TableInfo>();
  private readonly ignoredDone = new Set<AnyNode>();
  private readonly holding = new Map<Element, boolean>();
  private readonly texts = new Map<AnyNode, MappedText>();
  /** Lines that hold some text of the document (not only markup). */
  private readonly textLines = new Set<number>();
  /** Heading levels at which some heading starts with a valid code. */
  private readonly entryLevels = new Set<number>();

  constructor(
    private readonly ctx: ParseContext,
    private readonly text: string,
  ) {}

  run(): void {
    // A byte order mark is text to parse5 and would move the whole document into <body>; a space keeps offsets.
    const input = this.text.startsWith('\uFEFF') ? ` ${this.text.slice(1)}` : this.text;
    const estimate = estimateHtmlNesting(input);
    if (estimate.depth > MAX_HTML_ESTIMATE) {
      this.refuse(`about ${estimate.depth}`, estimate.offset);
      return;
    }
    const $ = cheerio.load(input, { sourceCodeLocationInfo: true });
    const root = $.root()[0];
    if (!root) return;
    const { depth, deepest } = treeDepth<AnyNode>(root, (n) => ('children' in n ? (n as ParentNode).children : undefined), MAX_HTML_DEPTH);
    if (depth > MAX_HTML_DEPTH) {
      this.refuse(`more than ${MAX_HTML_DEPTH}`, deepest.sourceCodeLocation?.startOffset ?? 0);
      return;
    }
    this.survey(root, false);
    this.siblings(root.children);
    this.truncation(root);
    finishAccounting(this.ctx, this.fallbacks, (line) => !this.textLines.has(line));
  }

  private refuse(levels: string, offset: number): void {
    const line = this.ctx.index.point(offset).line;
    refuseDocument(
      this.ctx,
      'html/too-deep',
      `Elements are nested ${levels} levels deep (line ${line}); the HTML reader follows at most ${MAX_HTML_DEPTH}, so the document is not read. Close the elements that are left open, or save the page again from a browser.`,
      line,
    );
  }

  // ---- positions and text ------------------------------------------------------------------

  /** Source offsets of a node, or of what its children cover when the parser made it up (`<tbody>`, `<html>`). */
  private range(node: AnyNode): { start: number; end: number } | undefined {
    const loc = node.sourceCodeLocation;
    if (loc) return { start: loc.startOffset, end: Math.max(loc.startOffset, loc.endOffset) };
    if (!('children' in node)) return undefined;
    let out: { start: number; end: number } | undefined;
    for (const child of (node as ParentNode).children) {
      const r = this.range(child);
      if (r) out = out ? { start: Math.min(out.start, r.start), end: Math.max(out.end, r.end) } : r;
    }
    return out;
  }

  private lines(node: AnyNode): { line: number; endLine: number } | undefined {
    const r = this.range(node);
    if (!r) return undefined;
    const line = this.ctx.index.point(r.start).line;
    return { line, endLine: Math.max(line, this.ctx.index.point(Math.max(r.start, r.end - 1)).line) };
  }

  /** Note which lines hold text, and the heading levels used for entries. */
  private survey(node: AnyNode, ignored: boolean): void {
    if (node.type === 'text' && !ignored) {
      // parse5 stretches a text node's location over tags when it appends later text to it, so
      // the lines come from the text's own characters.
      const m = this.textOf([node]);
      const lineCount = this.ctx.index.lineCount;
      let k = 0;
      while (k < m.text.length) {
        if (isSpace(m.text.charCodeAt(k), m.text[k]!)) {
          k++;
          continue;
        }
        // A line with text: mark it, then go past the rest of its units in one step.
        const line = this.ctx.index.point(m.offsets[k]!).line;
        this.textLines.add(line);
        const start = this.ctx.index.offset(line);
        const end = line < lineCount ? this.ctx.index.offset(line + 1) : Infinity;
        while (k < m.text.length && m.offsets[k]! >= start && m.offsets[k]! < end) k++;
      }
      return;
    }
    if (!ignored && isElement(node) && headingLevel(node) > 0 && this.head(node).parts?.token.kind === 'code') this.entryLevels.add(headingLevel(node));
    if ('children' in node) {
      const inside = ignored || (isElement(node) && IGNORED.has(node.name));
      for (const child of (node as ParentNode).children) this.survey(child, inside);
    }
  }

  /**
   * Text of nodes: whitespace folded to spaces, `<br>` and block boundaries as newlines, ignored
   * elements and comments left out (and recorded). With `unread`, the text is a description's:
   * `<pre>` and `<table>` are left out of it too and collected in `unread` for the caller to record.
   */
  private extract(nodes: readonly AnyNode[], b: TextBuilder, exclude?: ReadonlySet<AnyNode>, pre = false, unread?: AnyNode[]): void {
    for (const node of nodes) {
      if (exclude?.has(node)) continue;
      if (node.type === 'comment') {
        this.skipComment(node);
        continue;
      }
      if (node.type === 'text') {
        const loc = node.sourceCodeLocation;
        const start = loc?.startOffset ?? 0;
        const raw = loc ? this.text.slice(loc.startOffset, loc.endOffset) : '';
        b.pushAligned((node as Text).data, raw, start, pre ? undefined : HTML_SPACES);
        continue;
      }
      if (!isElement(node)) continue;
      if (IGNORED.has(node.name)) {
        this.skipIgnored(node);
        continue;
      }
      if (unread && NOT_DESCRIPTION.has(node.name)) {
        unread.push(node);
        continue;
      }
      const r = this.range(node);
      if (node.name === 'br') {
        b.push('\n', r?.start ?? 0);
        continue;
      }
      const block = BLOCK.has(node.name);
      if (block) b.breakLine(r?.start ?? 0);
      this.extract(node.children, b, exclude, pre || node.name === 'pre', unread);
      if (block) b.breakLine(Math.max(0, (r?.end ?? 1) - 1));
    }
  }

  private textOf(nodes: readonly AnyNode[], exclude?: ReadonlySet<AnyNode>): MappedText {
    // The text of one node is asked for several times (survey, skipping, furniture tests); it is
    // made once. Callers never change a MappedText in place.
    const single = nodes.length === 1 && exclude === undefined ? nodes[0]! : undefined;
    const known = single && this.texts.get(single);
    if (known) return known;
    const b = new TextBuilder();
    this.extract(nodes, b, exclude);
    const text = b.build();
    if (single) this.texts.set(single, text);
    return text;
  }

  /**
   * The text of nodes that describe an entry; the `<pre>` and `<table>` elements inside them are
   * not part of it and are added to `unread`, to be recorded as they are beside a description.
   */
  private descriptionText(nodes: readonly AnyNode[], unread: AnyNode[], exclude?: ReadonlySet<AnyNode>): MappedText {
    const b = new TextBuilder();
    this.extract(nodes, b, exclude, false, unread);
    return b.build();
  }

  /** Where the line holding `from` ends: at a `<br>` or a block boundary (source line breaks are spaces in HTML). */
  private lineEnd = (m: MappedText, from: number): number => {
    const i = m.text.indexOf('\n', from);
    return i < 0 ? m.text.length : i;
  };

  private head(node: Element, nodes: readonly AnyNode[] = node.children): { text: MappedText; parts: EntryParts | undefined } {
    let h = this.heads.get(node);
    if (!h) {
      const text = this.textOf(nodes);
      h = { text, parts: splitEntry(text, this.lineEnd) };
      this.heads.set(node, h);
    }
    return h;
  }

  // ---- skipping ----------------------------------------------------------------------------

  /** An HTML comment, wherever it is: page furniture, recorded once. */
  private skipComment(node: AnyNode): void {
    if (this.ignoredDone.has(node)) return;
    this.ignoredDone.add(node);
    const lines = this.lines(node);
    if (lines) this.ctx.skip(lines.line, lines.endLine, 'furniture', 'HTML comment');
  }

  private skipIgnored(el: Element): void {
    if (this.ignoredDone.has(el)) return;
    this.ignoredDone.add(el);
    const lines = this.lines(el);
    if (lines) this.ctx.skip(lines.line, lines.endLine, 'furniture', `<${el.name}> content (not read)`);
  }

  /** Skip a node's lines; lines whose text is page furniture are recorded as furniture. */
  private skipNode(node: AnyNode, reason: SkippedLines['reason'], detail: string): void {
    const lines = this.lines(node);
    if (!lines) return;
    const text = this.textOf([node]);
    skipBlock(this.ctx, lines.line, lines.endLine, reason, detail, text.text.trim() === '' ? undefined : text);
  }

  // ---- which nodes hold entries ------------------------------------------------------------

  private significant(nodes: readonly AnyNode[], from: number): number {
    let j = from;
    while (j < nodes.length && (isBlank(nodes[j]!) || nodes[j]!.type === 'comment')) j++;
    return j;
  }

  /** The first code of the entries `node` is made of or directly begins with, if it is. */
  private firstCode(node: AnyNode | undefined): string | undefined {
    if (!isElement(node) || IGNORED.has(node.name)) return undefined;
    if (headingLevel(node) > 0) {
      const parts = this.head(node).parts;
      return parts?.token.kind === 'code' ? parts.token.code : undefined;
    }
    if (node.name === 'table') return this.tableInfo(node).firstCode;
    if (node.name === 'dl') {
      for (const dt of this.dlItems(node).filter((e) => e.name === 'dt')) {
        const parts = this.head(dt).parts;
        if (parts?.token.kind === 'code') return parts.token.code;
      }
      return undefined;
    }
    if (LISTS.has(node.name)) {
      for (const li of elementChildren(node, new Set(['li']))) {
        const head = this.itemHead(li);
        if (head.parts?.token.kind === 'code') return head.parts.token.code;
        for (const child of head.rest) {
          const code = this.firstCode(child);
          if (code) return code;
        }
      }
      return undefined;
    }
    if (this.isContainer(node)) return this.firstCode(node.children[this.significant(node.children, 0)]);
    return undefined;
  }

  /** Every code of the entries in `node` (for class labels). */
  private codesIn(node: AnyNode): string[] {
    if (!isElement(node) || IGNORED.has(node.name)) return [];
    if (headingLevel(node) > 0) {
      const parts = this.head(node).parts;
      return parts?.token.kind === 'code' ? [parts.token.code] : [];
    }
    if (node.name === 'table') {
      const info = this.tableInfo(node);
      return info.cells.map((r) => readCodeToken(r[info.codeColumn]?.text.text ?? '')).flatMap((t) => (t.kind === 'code' ? [t.code] : []));
    }
    if (node.name === 'dl') {
      return this.dlItems(node).flatMap((e) => {
        const token = e.name === 'dt' ? this.head(e).parts?.token : undefined;
        return token?.kind === 'code' ? [token.code] : [];
      });
    }
    if (LISTS.has(node.name)) {
      return elementChildren(node, new Set(['li'])).flatMap((li) => {
        const head = this.itemHead(li);
        return [...(head.parts?.token.kind === 'code' ? [head.parts.token.code] : []), ...head.rest.flatMap((c) => this.codesIn(c))];
      });
    }
    return node.children.flatMap((c) => this.codesIn(c));
  }

  /** The entries in `node` start with their own class label (a category row, a labelled list item). */
  private startsWithLabel(node: AnyNode | undefined): boolean {
    if (!isElement(node)) return false;
    if (node.name === 'table') {
      const info = this.tableInfo(node);
      const first = info.cells[0];
      return first !== undefined && readCodeToken(first[info.codeColumn]?.text.text ?? '').kind === 'none' && first.filter((c) => c.text.text.trim() !== '').length === 1;
    }
    if (LISTS.has(node.name)) {
      const li = elementChildren(node, new Set(['li']))[0];
      const head = li && this.itemHead(li);
      return head !== undefined && (head.parts?.token.kind ?? 'none') === 'none' && head.rest.some((c) => this.firstCode(c) !== undefined);
    }
    if (headingLevel(node) === 0 && node.name !== 'dl' && this.isContainer(node)) return this.startsWithLabel(node.children[this.significant(node.children, 0)]);
    return false;
  }

  /**
   * The first code of the entries a heading without code labels, or why it labels none: entries
   * must follow right after it, must not start with a label of their own, and must all be of one
   * class (a page title over a table of every class is not a class name).
   */
  private labelled(nodes: readonly AnyNode[], i: number): string | { why: string } {
    const level = headingLevel(nodes[i]);
    const at = this.significant(nodes, i + 1);
    const next = nodes[at];
    const first = this.firstCode(next);
    if (first === undefined) return { why: 'heading with no entries right after it' };
    if (this.startsWithLabel(next)) return { why: 'heading over entries that carry their own class labels' };
    let codes = next ? this.codesIn(next) : [];
    if (headingLevel(next) > 0) {
      codes = [];
      for (let j = at; j < nodes.length; j++) {
        const n = nodes[j]!;
        if (headingLevel(n) > 0 && headingLevel(n) <= level) break;
        for (const code of this.codesIn(n)) codes.push(code);
      }
    }
    if (new Set(codes.map((c) => classOf(c))).size > 1) return { why: 'heading over entries of several classes' };
    return first;
  }

  /** Whether entries are anywhere inside `node`. */
  private holdsEntries(node: AnyNode): boolean {
    if (!isElement(node) || IGNORED.has(node.name)) return false;
    let holds = this.holding.get(node);
    if (holds === undefined) {
      holds = this.firstCode(node) !== undefined || node.children.some((c) => this.holdsEntries(c));
      this.holding.set(node, holds);
    }
    return holds;
  }

  /** Entries start at `nodes[i]`: entry elements, or a heading without code labelling the entries after it. */
  private startsEntries(nodes: readonly AnyNode[], i: number): boolean {
    const node = nodes[i];
    if (node && this.holdsEntries(node)) return true;
    return isElement(node) && headingLevel(node) > 0 && this.head(node).parts?.token.kind !== 'code' && this.firstCode(nodes[this.significant(nodes, i + 1)]) !== undefined;
  }

  /** An element whose children include blocks: its children are read one by one. */
  private isContainer(el: Element): boolean {
    return el.children.some((c) => isElement(c) && BLOCK.has(c.name) && !IGNORED.has(c.name));
  }

  // ---- blocks ------------------------------------------------------------------------------

  private siblings(nodes: readonly AnyNode[]): void {
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i]!;
      if (headingLevel(node) > 0) i = this.heading(nodes, i);
      else {
        this.node(node);
        i++;
      }
    }
  }

  /** A node outside any entry. */
  private node(node: AnyNode): void {
    if (node.type === 'text') {
      if (!isBlank(node)) this.skipNode(node, 'preamble', 'text outside any entry');
      return;
    }
    if (node.type === 'comment') {
      this.skipComment(node);
      return;
    }
    if (node.type === 'root') {
      this.siblings((node as ParentNode).children);
      return;
    }
    if (!isElement(node)) return;
    if (IGNORED.has(node.name)) this.skipIgnored(node);
    else if (node.name === 'table') this.table(node);
    else if (node.name === 'dl') this.dl(node);
    else if (LISTS.has(node.name)) this.list(node);
    else if (headingLevel(node) > 0) this.skipNode(node, 'heading', 'heading');
    else if (this.isContainer(node)) this.siblings(node.children);
    else if (this.textOf([node]).text.trim() !== '') this.skipNode(node, 'preamble', `<${node.name}> outside any entry`);
  }

  /** A node inside an entry that is not part of its description. */
  private nodeInEntry(node: AnyNode, what: string): void {
    if (!isElement(node) || IGNORED.has(node.name) || node.type !== 'tag' || this.holdsEntries(node)) {
      this.siblings([node]);
      return;
    }
    if (headingLevel(node) > 0) this.skipNode(node, 'heading', `heading inside ${what}`);
    else if (node.name === 'pre') this.skipNode(node, 'unreadable', `preformatted text inside ${what} (not read as description)`);
    else if (node.name === 'table') this.skipNode(node, 'unreadable', `table without status codes inside ${what}`);
    else this.node(node);
  }

  /** Can `node` be part of an entry's description? (Text, paragraphs, quotes, lists and boxes without entries.) */
  private describes(node: AnyNode): boolean {
    if (node.type === 'text') return true;
    if (!isElement(node) || IGNORED.has(node.name)) return false;
    if (headingLevel(node) > 0 || node.name === 'pre' || node.name === 'table' || node.name === 'hr') return false;
    return !this.holdsEntries(node);
  }

  // ---- headings ----------------------------------------------------------------------------

  private heading(nodes: readonly AnyNode[], i: number): number {
    const node = nodes[i] as Element;
    const level = headingLevel(node);
    const { text, parts } = this.head(node);
    const lines = this.lines(node) ?? { line: 1, endLine: 1 };
    if (parts?.token.kind === 'code') return this.headingEntry(nodes, i, parts);
    if (parts?.token.kind === 'invalid' && this.entryLevels.has(level)) {
      const at = this.ctx.index.point(parts.tokenOffset);
      const what = `the entry with the invalid code \`${parts.token.token}\``;
      this.ctx.invalidCode(parts.token, 'the heading is not read as an entry', at.line, at.column);
      this.skipNode(node, 'unreadable', what);
      const { parts: description, end } = this.section(nodes, i, what);
      for (const n of description) this.skipNode(n, 'unreadable', `description of ${what}`);
      return end;
    }
    const label = this.labelled(nodes, i);
    if (typeof label === 'string') this.classLabel(lines, text, label);
    else this.skipNode(node, 'heading', label.why);
    return i + 1;
  }

  /**
   * The section of the heading at `nodes[i]`, up to the next heading of the same or a higher level
   * or the next entries: text, paragraphs, quotes and lists without entries describe the entry
   * (until a paragraph of page furniture); other nodes in it are recorded as skipped for `what`.
   */
  private section(nodes: readonly AnyNode[], i: number, what: string): { parts: AnyNode[]; end: number } {
    const level = headingLevel(nodes[i]);
    const parts: AnyNode[] = [];
    let j = i + 1;
    for (; j < nodes.length; j++) {
      const n = nodes[j]!;
      if (isBlank(n)) continue;
      if (headingLevel(n) > 0 && headingLevel(n) <= level) break;
      if (this.startsEntries(nodes, j)) break;
      if (this.describes(n)) {
        if (isFurnitureText(this.ctx, this.textOf([n]))) break;
        parts.push(n);
      } else {
        this.nodeInEntry(n, what);
      }
    }
    return { parts, end: j };
  }

  private headingEntry(nodes: readonly AnyNode[], i: number, parts: EntryParts): number {
    const code = this.entryCode(parts, nodes[i]);
    emitName(this.ctx, code, parts.name);
    const what = `the entry for ${code}`;
    const { parts: blocks, end } = this.section(nodes, i, what);
    const unread: AnyNode[] = [];
    emitDescription(this.ctx, code, joinTexts([parts.description, ...blocks.map((n) => this.descriptionText([n], unread))]));
    for (const n of unread) this.nodeInEntry(n, what);
    return end;
  }

  /** The code of an entry; stray punctuation other than a `:` separator is reported; the head's lines are its key. */
  private entryCode(parts: EntryParts, head?: AnyNode): string {
    if (parts.token.kind !== 'code') return '';
    const { code, stray } = parts.token;
    const at = this.ctx.index.point(parts.tokenOffset);
    if (stray !== '' && stray !== ':') {
      this.ctx.diag('info', 'code/stray-punctuation', `Code \`${code}${stray}\` has stray punctuation; read as ${code}`, at.line, at.column, { code });
    }
    if (parts.name.text === '') this.ctx.diag('warning', 'entry/no-name', `Entry for ${code} gives no name`, at.line, at.column, { code });
    const lines = (head && this.lines(head)) ?? { line: at.line, endLine: at.line };
    this.fallbacks.push({ ...lines, reason: 'header', detail: `the code ${code}, head of the entry whose claims follow` });
    return code;
  }

  /** A heading, list item or category row without code that labels the entries after it. */
  private classLabel(lines: { line: number; endLine: number }, text: MappedText, code: string): void {
    let cls = classOf(code);
    const stated = readClassHead(trimText(text).text);
    if (stated && stated.cls !== cls) {
      this.ctx.diag('warning', 'class/mismatch', `Label says ${stated.cls} but the entries after it start with ${code}; read as the name of ${stated.cls}`, lines.line, 1, { code: stated.cls });
      cls = stated.cls;
    }
    if (!emitClassName(this.ctx, cls, text)) this.ctx.skip(lines.line, lines.endLine, 'heading', `label of ${cls} with no name in it`);
  }

  // ---- lists -------------------------------------------------------------------------------

  /**
   * The head of a list item: its leading inline content, or its first paragraph when it starts with
   * one; the rest are the item's other children.
   */
  private itemHead(li: Element): { text: MappedText; parts: EntryParts | undefined; nodes: AnyNode[]; rest: AnyNode[] } {
    const children = li.children;
    let k = 0;
    while (k < children.length && !(isElement(children[k]) && BLOCK.has((children[k] as Element).name))) k++;
    let nodes = children.slice(0, k);
    if (this.textOf(nodes).text.trim() === '') {
      const first = children[k];
      if (isElement(first) && (first.name === 'p' || headingLevel(first) > 0 || (first.name === 'div' && !this.isContainer(first)))) {
        nodes = children.slice(0, k + 1);
        k++;
      }
    }
    const { text, parts } = this.head(li, nodes);
    return { text, parts, nodes, rest: children.slice(k) };
  }

  private list(list: Element): void {
    type Item = { node: AnyNode; li?: Element; head?: ReturnType<HtmlReader['itemHead']> };
    const items = list.children.map((child): Item => (isElement(child) && child.name === 'li' ? { node: child, li: child, head: this.itemHead(child) } : { node: child }));
    const hasCodes = items.some((it) => it.head?.parts?.token.kind === 'code');
    for (const item of items) {
      const { li, head } = item;
      if (!li || !head) {
        this.node(item.node);
        continue;
      }
      const token = head.parts?.token;
      if (head.parts && token?.kind === 'code') {
        this.listEntry(head.parts, head.rest);
        continue;
      }
      if (head.parts && token?.kind === 'invalid' && hasCodes) {
        const at = this.ctx.index.point(head.parts.tokenOffset);
        this.ctx.invalidCode(token, 'the list item is not read as an entry', at.line, at.column);
        this.skipNode(li, 'unreadable', `entry with the invalid code \`${token.token}\``);
        continue;
      }
      const nested = head.rest.find((c) => this.firstCode(c) !== undefined);
      if (nested) {
        // A label over a nested list of entries (`<li>Client errors<ul><li>400 ...`).
        const headLines = this.linesOf(head.nodes);
        const classes = new Set(head.rest.flatMap((c) => this.codesIn(c)).map((c) => classOf(c)));
        if (headLines && head.text.text.trim() !== '') {
          if (classes.size === 1) this.classLabel(headLines, head.text, this.firstCode(nested)!);
          else skipBlock(this.ctx, headLines.line, headLines.endLine, 'heading', 'label over entries of several classes', head.text);
        }
        this.siblings(head.rest);
        continue;
      }
      this.skipNode(li, 'preamble', 'list item outside any entry');
    }
  }

  private linesOf(nodes: readonly AnyNode[]): { line: number; endLine: number } | undefined {
    let out: { line: number; endLine: number } | undefined;
    for (const n of nodes) {
      const l = this.lines(n);
      if (l) out = out ? { line: Math.min(out.line, l.line), endLine: Math.max(out.endLine, l.endLine) } : l;
    }
    return out;
  }

  private listEntry(parts: EntryParts, rest: readonly AnyNode[]): void {
    const code = this.entryCode(parts);
    emitName(this.ctx, code, parts.name);
    const what = `the entry for ${code}`;
    const description: MappedText[] = [parts.description];
    const unread: AnyNode[] = [];
    for (const child of rest) {
      if (isBlank(child)) continue;
      if (this.describes(child)) description.push(this.descriptionText([child], unread));
      else this.nodeInEntry(child, what);
    }
    emitDescription(this.ctx, code, joinTexts(description));
    for (const n of unread) this.nodeInEntry(n, what);
  }

  // ---- definition lists --------------------------------------------------------------------

  /** The `<dt>` and `<dd>` of a list, also inside the `<div>` wrappers HTML allows. */
  private dlItems(dl: Element): Element[] {
    const out: Element[] = [];
    for (const child of dl.children) {
      if (!isElement(child)) continue;
      if (child.name === 'dt' || child.name === 'dd') out.push(child);
      else if (child.name === 'div') for (const item of this.dlItems(child)) out.push(item);
    }
    return out;
  }

  private dl(dl: Element): void {
    const items = this.dlItems(dl);
    const itemSet = new Set<AnyNode>(items);
    // What is neither a term nor a definition (text, scripts) is read as outside any entry.
    const others = (node: ParentNode) => {
      for (const child of node.children) {
        if (itemSet.has(child)) continue;
        if (isElement(child) && child.name === 'div' && child.children.some((c) => itemSet.has(c))) others(child);
        else this.node(child);
      }
    };
    others(dl);
    if (this.firstCode(dl) === undefined) {
      for (const item of items) this.skipNode(item, 'preamble', 'definition list without status codes');
      return;
    }
    const terms = items.filter((e) => e.name === 'dt').map((dt) => this.head(dt).parts);
    const hasCodes = terms.some((p) => p?.token.kind === 'code');
    let k = 0;
    while (k < items.length) {
      const dts: Element[] = [];
      const dds: Element[] = [];
      while (k < items.length && items[k]!.name === 'dt') dts.push(items[k++]!);
      while (k < items.length && items[k]!.name === 'dd') dds.push(items[k++]!);
      const parts: MappedText[] = [];
      const unread: AnyNode[] = [];
      for (const dd of dds) {
        const nested = new Set<AnyNode>(dd.children.filter((c) => this.holdsEntries(c)));
        parts.push(this.descriptionText(dd.children, unread, nested));
        this.siblings([...nested]);
      }
      const claimedBefore = this.ctx.claims.length;
      let described: string | undefined;
      for (const dt of dts) {
        const head = this.head(dt).parts;
        if (head?.token.kind === 'code') {
          const code = this.entryCode(head, dt);
          described ??= code;
          emitName(this.ctx, code, head.name);
          emitDescription(this.ctx, code, joinTexts([head.description, ...parts]));
        } else if (head?.token.kind === 'invalid' && hasCodes) {
          const at = this.ctx.index.point(head.tokenOffset);
          this.ctx.invalidCode(head.token, 'the term is not read as an entry', at.line, at.column);
          this.skipNode(dt, 'unreadable', `entry with the invalid code \`${head.token.token}\``);
        } else {
          this.skipNode(dt, 'preamble', 'definition term without a status code');
        }
      }
      if (this.ctx.claims.length === claimedBefore || described === undefined) {
        for (const dd of dds) this.skipNode(dd, dts.length === 0 ? 'unreadable' : 'preamble', 'definition that belongs to no entry');
      } else {
        for (const n of unread) this.nodeInEntry(n, `the entry for ${described}`);
      }
    }
  }

  // ---- tables ------------------------------------------------------------------------------

  private tableInfo(table: Element): TableInfo {
    let info = this.tables.get(table);
    if (info) return info;
    const captions = elementChildren(table, new Set(['caption']));
    const sections = table.children.filter((c): c is Element => isElement(c) && (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot' || c.name === 'tr'));
    const header: Element[] = [];
    const rows: Element[] = [];
    for (const section of sections) {
      const trs = section.name === 'tr' ? [section] : elementChildren(section, new Set(['tr']));
      const into = section.name === 'thead' ? header : rows;
      for (const tr of trs) into.push(tr);
    }
    const cellsOf = (tr: Element): Cell[] => {
      const out: Cell[] = [];
      for (const cell of elementChildren(tr, new Set(['td', 'th']))) {
        const span = Math.min(Math.max(Number.parseInt(cell.attribs['colspan'] ?? '1', 10) || 1, 1), 64);
        out.push({ element: cell, text: this.textOf(cell.children) });
        for (let s = 1; s < span; s++) out.push({ element: undefined, text: EMPTY_TEXT });
      }
      return out;
    };
    const firstRow = rows[0];
    if (header.length === 0 && firstRow) {
      const cells = elementChildren(firstRow, new Set(['td', 'th']));
      if (cells.length > 0 && cells.every((c) => c.name === 'th')) header.push(rows.shift()!);
    }
    const cells = rows.map(cellsOf);
    // Not Math.max(...): spreading many rows overflows the call stack.
    const columnCount = (header.length > 0 ? header.map((h) => cellsOf(h).length) : cells.map((r) => r.length)).reduce((a, b) => Math.max(a, b), 0);
    const roles: ColumnRole[] =
      this.ctx.doc.source.options.columns ??
      inferColumnRoles(
        cells.map((r) => r.map((c) => c.text.text)),
        columnCount,
      );
    const codeColumn = Math.max(0, roles.indexOf('code'));
    let firstCode: string | undefined;
    for (const row of cells) {
      const token = readCodeToken(row[codeColumn]?.text.text ?? '');
      if (token.kind === 'code') {
        firstCode = token.code;
        break;
      }
    }
    info = { captions, header, rows, cells, columnCount, roles, codeColumn, firstCode };
    this.tables.set(table, info);
    return info;
  }

  private table(table: Element): void {
    const info = this.tableInfo(table);
    const ctx = this.ctx;
    const known = new Set<AnyNode>([...info.captions, ...info.header, ...info.rows]);
    // Anything else inside the table (scripts, stray text the parser kept here).
    const others = (node: ParentNode) => {
      for (const child of node.children) {
        if (known.has(child)) continue;
        if (isElement(child) && ['thead', 'tbody', 'tfoot'].includes(child.name)) others(child);
        else if (!(isElement(child) && child.name === 'colgroup')) this.node(child);
      }
    };
    others(table);
    if (info.firstCode === undefined) {
      for (const n of [...info.captions, ...info.header, ...info.rows]) this.skipNode(n, 'preamble', 'table without status codes');
      return;
    }
    for (const caption of info.captions) this.skipNode(caption, 'heading', 'table caption');
    for (const tr of info.header) {
      const lines = this.lines(tr);
      if (lines) ctx.skip(lines.line, lines.endLine, 'header', `table header (${info.columnCount} columns)`);
    }
    let pending: Array<{ lines: { line: number; endLine: number }; text: MappedText }> = [];
    info.rows.forEach((tr, r) => {
      const cells = info.cells[r]!;
      const lines = this.lines(tr) ?? { line: 1, endLine: 1 };
      const excerpt = ctx.rawLines(lines.line, lines.endLine);
      const codeCell = cells[info.codeColumn];
      const codeText = codeCell?.text.text ?? '';
      const token = readCodeToken(codeText);
      const codeAt = spanOfText(ctx, codeCell?.text ?? EMPTY_TEXT) ?? { line: lines.line, column: 1, endLine: lines.line };
      const filled = cells.filter((c) => c.text.text.trim() !== '');
      if (token.kind === 'none') {
        if (filled.length === 1) pending.push({ lines, text: filled[0]!.text });
        else if (filled.length === 0) ctx.skip(lines.line, lines.endLine, 'furniture', 'empty table row');
        else {
          ctx.diag('warning', 'table/row-without-code', 'Row has no status code; its text is not read as an entry', lines.line, 1, { endLine: lines.endLine });
          this.skipNode(tr, 'unreadable', 'table row without a status code');
        }
        return;
      }
      if (token.kind === 'invalid') {
        ctx.invalidCode(token, 'the row is not read as an entry', codeAt.line, codeAt.column, {
          endLine: lines.endLine,
        });
        this.skipNode(tr, 'unreadable', `row with the invalid code \`${token.token}\``);
        return;
      }
      const code = token.code;
      for (const heading of pending) this.classLabel(heading.lines, heading.text, code);
      pending = [];
      if (token.stray !== '') {
        ctx.diag('info', 'code/stray-punctuation', `Code cell \`${codeText.trim()}\` has stray punctuation; read as ${code}`, codeAt.line, codeAt.column, { code });
      }
      let used = cells;
      if (cells.length > info.columnCount && info.columnCount > 0) {
        ctx.diag('warning', 'table/extra-cells', `Row has ${cells.length} cells, the header ${info.columnCount}; the extra cells are read as part of the last column`, lines.line, 1, { code });
        used = [...cells.slice(0, info.columnCount - 1), { element: undefined, text: joinTexts(cells.slice(info.columnCount - 1).map((c) => c.text), ' ') }];
      }
      // A row with nothing but its code says only that the code exists: reported, as in every table format.
      const empty = used.every((cell, c) => info.roles[c] === 'code' || info.roles[c] === 'ignore' || cell.text.text.trim() === '');
      if (empty) ctx.diag('warning', 'entry/empty', `Entry for ${code} gives neither a name nor a description`, codeAt.line, codeAt.column, { code });
      const cellLines = codeCell?.element && this.lines(codeCell.element);
      if (cellLines) {
        this.fallbacks.push(
          empty
            ? { ...cellLines, reason: 'header', detail: `the code ${code}, in a row with no name or description (reported as entry/empty)` }
            : { ...cellLines, reason: 'header', detail: `the code ${code}, head of the row whose claims follow` },
        );
      }
      used.forEach((cell, c) => {
        const role = info.roles[c] ?? 'description';
        if (role === 'code') return;
        if (role === 'ignore') {
          const l = cell.element && this.lines(cell.element);
          if (l) this.fallbacks.push({ ...l, reason: 'furniture', detail: `cell of column ${c + 1}, which the manifest says to ignore` });
          return;
        }
        if (role === 'name') emitName(ctx, code, cell.text, { excerpt });
        else emitDescription(ctx, code, cell.text, { excerpt, embedded: true });
      });
    });
    for (const heading of pending) ctx.skip(heading.lines.line, heading.lines.endLine, 'heading', 'category row with no entries after it');
  }

  // ---- truncation --------------------------------------------------------------------------

  /** A file that ends inside a tag, a comment or an element that must be closed was probably cut off. */
  private truncation(root: ParentNode): void {
    const end = this.text.trimEnd().length;
    const reasons: string[] = [];
    const lastOpen = this.text.lastIndexOf('<', end - 1);
    if (lastOpen >= 0 && lastOpen > this.text.lastIndexOf('>', end - 1) && /^<[!/?A-Za-z]/u.test(this.text.slice(lastOpen, lastOpen + 2)) && !this.text.startsWith('<!--', lastOpen)) {
      reasons.push(`it ends inside the tag \`${this.text.slice(lastOpen, Math.min(end, lastOpen + 40))}\``);
    }
    const open: string[] = [];
    const visit = (node: AnyNode) => {
      const loc = node.sourceCodeLocation;
      if (node.type === 'comment' && loc && !this.text.slice(loc.startOffset, loc.endOffset).endsWith('>')) {
        reasons.push(`it ends inside a comment opened at line ${loc.startLine}`);
      }
      if (isElement(node)) {
        const l = node.sourceCodeLocation;
        if (l?.startTag && !l.endTag && MUST_CLOSE.has(node.name) && l.endOffset >= end) open.push(`<${node.name}> (line ${this.ctx.index.point(l.startOffset).line})`);
      }
      if ('children' in node) for (const child of (node as ParentNode).children) visit(child);
    };
    visit(root);
    if (open.length > 0) reasons.push(`${open.join(', ')} never closed`);
    if (reasons.length === 0) return;
    const lastLine = this.ctx.index.point(Math.max(0, end - 1)).line;
    this.ctx.diag('warning', 'html/truncated', `The document looks cut off: ${reasons.join('; ')}; read as far as it goes`, lastLine);
  }
}

export const parseHtml: Parser = (doc: SourceDocument): ParseResult => {
  const ctx = new ParseContext(doc);
  new HtmlReader(ctx, doc.text).run();
  return ctx.result();
};
