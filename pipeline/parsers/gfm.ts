/**
 * The Markdown syntax tree (remark + GFM), with one change that leaves the tree as it is but keeps
 * the parse linear: GFM's autolink-literal constructs are only tried where one could match.
 *
 * micromark tries those constructs at the start of every word (emails may start with any letter
 * or digit), and every failed try splits the paragraph's text into another `data` event; merging
 * them back costs one array splice per line of the paragraph. A paragraph of 50,000 short lines
 * then took many seconds, and 40,000 lines of `100 A` seven. An email literal needs an `@` right
 * after its run of letters, a `www.` literal needs `www.`, and an `http://` literal needs
 * `http://` or `https://`: where the text cannot start one, the construct is not tried (it would
 * fail anyway), so the text is one `data` event and nothing needs merging. GFM tables get the same
 * treatment (see tableCouldStart). The tree is unchanged; test/properties.test.ts compares it with
 * plain remark-gfm's.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** The document being parsed (offsets in micromark's points are offsets in it). */
let current: string | undefined;

function isAtext(c: number): boolean {
  return c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Whether the construct named by the key could match at `at` of `text` (a necessary condition only). */
const GATES: Record<string, (text: string, at: number) => boolean> = {
  emailAutolink: (text, at) => {
    let i = at;
    while (i < text.length && isAtext(text.charCodeAt(i))) i++;
    return text.charCodeAt(i) === 0x40;
  },
  wwwAutolink: (text, at) => /^www\./iu.test(text.slice(at, at + 4)),
  protocolAutolink: (text, at) => /^https?:\/\//iu.test(text.slice(at, at + 8)),
};

interface TokenizeContext {
  now(): { offset: number };
  events: Array<[string, { type: string }]>;
}

/**
 * GFM tables: the head row is tokenized cell by cell before the delimiter row under it is looked
 * at, which for a line of megabytes is seconds of work (and garbage) for nothing. A table can
 * only start where the next line could be a delimiter row: only `|`, `-`, `:`, blanks and quote
 * markers, with a `-`. Rows after a table's head are always tried.
 */
function tableCouldStart(context: TokenizeContext, text: string, offset: number): boolean {
  const events = context.events;
  let i = events.length - 1;
  while (i > -1 && (events[i]![1].type === 'lineEnding' || events[i]![1].type === 'linePrefix')) i--;
  const tail = i > -1 ? events[i]![1].type : undefined;
  if (tail === 'tableHead' || tail === 'tableRow') return true;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (end >= text.length) return false;
  const start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  let stop = start;
  while (stop < text.length && text[stop] !== '\n' && text[stop] !== '\r') stop++;
  const next = text.slice(start, stop);
  return next.includes('-') && /^[ \t>|:-]*$/u.test(next);
}

/** Flow constructs tried only where they could match (same idea, tested at the start of the try). */
const TOKENIZE_GATES: Record<string, (context: TokenizeContext, text: string, offset: number) => boolean> = {
  table: tableCouldStart,
};

type Tokenizer = (this: TokenizeContext, effects: unknown, ok: unknown, nok: (code: number | null) => unknown) => unknown;

interface GateableConstruct {
  name?: string;
  previous?: (this: { now(): { offset: number } }, code: number | null) => boolean;
  tokenize?: Tokenizer;
}

function gateConstruct<T>(construct: T): T {
  const c = construct as T & GateableConstruct;
  const tokenizeGate = typeof c?.name === 'string' ? TOKENIZE_GATES[c.name] : undefined;
  const tokenize = c?.tokenize;
  if (tokenizeGate && typeof tokenize === 'function') {
    return {
      ...c,
      tokenize(this: TokenizeContext, effects: unknown, ok: unknown, nok: (code: number | null) => unknown): unknown {
        const text = current;
        const offset = typeof this.now === 'function' ? this.now().offset : undefined;
        // Returning `nok` as the first state fails the try at once, as the construct would.
        if (text !== undefined && typeof offset === 'number' && Array.isArray(this.events) && !tokenizeGate(this, text, offset)) return nok;
        return tokenize.call(this, effects, ok, nok);
      },
    };
  }
  const gate = typeof c?.name === 'string' ? GATES[c.name] : undefined;
  const previous = c?.previous;
  if (!gate || typeof previous !== 'function') return construct;
  return {
    ...c,
    previous(this: { now(): { offset: number } }, code: number | null): boolean {
      // The construct's own test first: it passes only at the start of a run, so each run is
      // scanned once by the gate.
      if (!previous.call(this, code)) return false;
      const text = current;
      const offset = typeof this.now === 'function' ? this.now().offset : undefined;
      if (text === undefined || typeof offset !== 'number') return true;
      return gate(text, offset);
    },
  };
}

function gateExtension<T>(extension: T): T {
  const out: Record<string, unknown> = { ...(extension as Record<string, unknown>) };
  for (const field of ['text', 'flow'] as const) {
    const map = out[field];
    if (!map || typeof map !== 'object') continue;
    const gated: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(map)) gated[code] = Array.isArray(value) ? value.map(gateConstruct) : gateConstruct(value);
    out[field] = gated;
  }
  return out as T;
}

/** Runs after remark-gfm has registered its extensions: replaces them by gated copies. */
function gateAutolinkLiterals(this: { data(): { micromarkExtensions?: unknown[] } }): void {
  const data = this.data();
  if (Array.isArray(data.micromarkExtensions)) data.micromarkExtensions = data.micromarkExtensions.map(gateExtension);
}

const gated = unified().use(remarkParse).use(remarkGfm).use(gateAutolinkLiterals).freeze();
const plain = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * The mdast tree of `text`. A leading byte-order mark is parsed as a space: micromark drops it
 * without counting it, which would put every offset one unit early.
 */
export function parseMarkdownTree(text: string): Root {
  const input = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const previous = current;
  current = input;
  try {
    return gated.parse(input);
  } finally {
    current = previous;
  }
}

/** The tree plain remark-gfm gives (no gating): for tests that check the gating changes nothing. */
export function parseMarkdownTreeUngated(text: string): Root {
  const input = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  return plain.parse(input);
}
