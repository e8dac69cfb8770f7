/**
 * What the tree-based parsers take on. The HTML and Markdown libraries take time that grows with
 * the square of the nesting depth (parse5 checks the stack of open elements at every block tag;
 * micromark re-walks its container stack on every line) or of the emphasis and link markers in a
 * paragraph, and the readers walk the tree recursively, so a file nested thousands of levels deep
 * (`<div>` 100,000 times is 500 kB) would take minutes or overflow the call stack. No document of
 * status codes looks like that: such a file is measured first, in linear time, and reported as an
 * error and not read, instead of stalling or stopping the build.
 */
import type { ParseContext } from './context.ts';

/** Element nesting the HTML reader follows (browsers stop nesting at 512 too). */
export const MAX_HTML_DEPTH = 512;
/**
 * A cheap count of unclosed tags taken before parsing; above this the file is not handed to
 * parse5 at all. It overcounts sloppy HTML (an unclosed `<b>` in every paragraph), hence the margin.
 */
export const MAX_HTML_ESTIMATE = 5000;
/** Block and inline nesting the Markdown reader follows. */
export const MAX_MARKDOWN_DEPTH = 200;
/** Container markers (`>`, list markers, list indentation) on one line, counted before parsing. */
export const MAX_MARKDOWN_CONTAINERS = 100;
/**
 * Emphasis, link and code markers in one paragraph: micromark matches them in time that grows with
 * the square of their number (`*a` 40,000 times takes six seconds, `]` 40,000 times ten).
 */
export const MAX_MARKDOWN_MARKERS = 4000;
/**
 * Lines with inline syntax in one paragraph: micromark merges the text of each such line with an
 * array splice over the whole paragraph (quadratic: 40,000 lines of `1 & 2` take seven seconds).
 */
export const MAX_MARKDOWN_PARAGRAPH_LINES = 10_000;

/** The depth of a tree (the root is depth 0), walked without recursion. */
export function treeDepth<T>(root: T, children: (node: T) => readonly T[] | undefined, stopAt = Infinity): { depth: number; deepest: T } {
  let best = { depth: 0, deepest: root };
  const stack: Array<[T, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > best.depth) best = { depth, deepest: node };
    if (depth > stopAt) break;
    for (const child of children(node) ?? []) stack.push([child, depth + 1]);
  }
  return best;
}

/** Elements with no end tag, or whose end tag may be left out (the parser closes them by itself). */
const SELF_CLOSING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame',
  'li', 'p', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rt', 'rp', 'rb', 'rtc', 'colgroup', 'caption',
  'html', 'head', 'body',
]);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)|<!--/g;

/**
 * How many elements are open at most, counting start tags minus end tags of elements that must be
 * closed (a linear scan, no parse), and the offset where that maximum is reached.
 */
export function estimateHtmlNesting(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  // The next `>` at or after the scan position, found again only once the scan has passed it
  // (searching from every tag would be quadratic on `<a<a<a...`).
  let close = -2;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    if (m[0] === '<!--') {
      const end = text.indexOf('-->', m.index + 4);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1] === '/') {
      if (!SELF_CLOSING.has(name) && depth > 0) depth--;
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = TAG.lastIndex;
      const end = endTag.exec(text);
      if (!end) break;
      TAG.lastIndex = end.index;
      continue;
    }
    if (SELF_CLOSING.has(name)) continue;
    if (close !== -1 && close < TAG.lastIndex) close = text.indexOf('>', TAG.lastIndex);
    if (close > 0 && text[close - 1] === '/') continue;
    depth++;
    if (depth > max) {
      max = depth;
      at = m.index;
    }
  }
  return { depth: max, offset: at };
}

/**
 * The most container markers at the start of one line (`>`, `-`, `*`, `+`, `1.`, `1)`), plus
 * two columns of indentation per level when the line starts a list item: a bound on how deep
 * micromark's container stack gets there. Returns the count and its 1-based line.
 */
export function estimateMarkdownNesting(text: string): { depth: number; line: number } {
  let max = 0;
  let maxLine = 1;
  let line = 1;
  let i = 0;
  while (i <= text.length) {
    let depth = 0;
    let indent = 0;
    let listItem = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20) {
        indent++;
        i++;
      } else if (c === 0x09) {
        indent += 4;
        i++;
      } else if (c === 0x3e) {
        depth++;
        i++;
      } else if ((c === 0x2d || c === 0x2a || c === 0x2b) && isMarkerEnd(text.charCodeAt(i + 1))) {
        depth++;
        listItem = true;
        i++;
      } else if (c >= 0x30 && c <= 0x39) {
        let j = i;
        while (j < text.length && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
        const d = text.charCodeAt(j);
        if ((d === 0x2e || d === 0x29) && isMarkerEnd(text.charCodeAt(j + 1))) {
          depth++;
          listItem = true;
          i = j + 1;
        } else break;
      } else break;
    }
    if (listItem) depth += Math.floor(indent / 2);
    if (depth > max) {
      max = depth;
      maxLine = line;
    }
    const next = text.indexOf('\n', i);
    if (next < 0) break;
    i = next + 1;
    line++;
  }
  return { depth: max, line: maxLine };
}

function isMarkerEnd(c: number): boolean {
  return Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Report that a document is not read, and account for its lines as unreadable. */
export function refuseDocument(ctx: ParseContext, ruleId: string, message: string, line: number): void {
  ctx.diag('error', ruleId, message, Math.max(1, Math.min(line, ctx.lines.length)));
  const last = ctx.lines.length;
  let first = 0;
  let end = 0;
  for (let l = 1; l <= last; l++) {
    if ((ctx.lines[l - 1] ?? '').trim() === '') continue;
    if (first === 0) first = l;
    end = l;
  }
  if (first > 0) ctx.skip(first, end, 'unreadable', `the document is not read (see the error at line ${Math.max(1, Math.min(line, ctx.lines.length))})`);
  ctx.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The paragraph (a run of lines that no blank line, heading, quote, list item or pipe row starts)
 * with the most inline markers, and the one with the most lines where micromark tries inline
 * syntax (`&`, `<`, `\`, `!`, `@`, markers, `www.`, `http:`; lines of plain words cost nothing):
 * where its inline parsing would take quadratic time. Returns the worst of each with the line it
 * starts on.
 */
export function estimateMarkdownParagraphs(text: string): { markers: number; markersLine: number; lines: number; linesLine: number } {
  const worst = { markers: 0, markersLine: 1, lines: 0, linesLine: 1 };
  let markers = 0;
  let lines = 0;
  let start = 1;
  let line = 1;
  let i = 0;
  while (i <= text.length) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let j = i;
    while (j < end && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
    const first = text.charCodeAt(j);
    const blank = j >= end || (j === end - 1 && first === 0x0d);
    const startsBlock = blank || first === 0x23 || first === 0x3e || first === 0x7c || ((first === 0x2d || first === 0x2a || first === 0x2b) && isMarkerEnd(text.charCodeAt(j + 1))) || /^[0-9]{1,9}[.)](?:[ \t\r]|$)/u.test(text.slice(j, Math.min(end, j + 12)));
    if (startsBlock) {
      markers = 0;
      lines = 0;
      start = line;
    }
    if (!blank) {
      let inline = false;
      for (let k = j; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c === 0x2a || c === 0x5f || c === 0x7e || c === 0x5b || c === 0x5d || c === 0x60) {
          markers++;
          inline = true;
        } else if (c === 0x26 || c === 0x3c || c === 0x5c || c === 0x21 || c === 0x40) inline = true;
      }
      if (inline || /www\.|https?:/iu.test(text.slice(j, end))) lines++;
      if (markers > worst.markers) {
        worst.markers = markers;
        worst.markersLine = start;
      }
      if (lines > worst.lines) {
        worst.lines = lines;
        worst.linesLine = start;
      }
    }
    i = end + 1;
    line++;
  }
  return worst;
}
