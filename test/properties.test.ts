/**
 * Property-based tests (fast-check): every parser survives any text and keeps its positions inside
 * the document, and entries written in each format come back exactly as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../pipeline/parsers/index.ts';
import { parseMarkdownTree, parseMarkdownTreeUngated } from '../pipeline/parsers/gfm.ts';
import { inferColumnRoles, splitNameAndTags } from '../pipeline/parsers/entries.ts';
import { normalizeDigits, readCodeToken, type CodeToken } from '../pipeline/text/codes.ts';
import type { Format, ParseResult, SourceOptions } from '../pipeline/types.ts';
import { parse } from './helpers.ts';

const FORMATS = Object.keys(PARSERS) as Format[];
const RUNS = Number(process.env.FC_RUNS ?? 100);

// ---- every parser, any text --------------------------------------------------------------------

/** Characters that mean something to one parser or another. */
const SYNTAX = [...'0123456789|():\n<>&;#*-_`[]!. \t\r/=\'"'];
const TOKENS = [
  '100', '404', '599', '4O4', '1000', '４０４', '۴۰۴', '4xx', ' ', '\n', '\n\n', '\r\n', '|', ' | ', '|---|---|', ': ', ' (', ')', '(Not Found)',
  'Not Found', 'the server.', '&amp;', '&amp', '&#x41;', '&bogus;', '<table>', '<tr>', '<td>', '</td>', '<th>', '<dl>', '<dt>', '<dd>', '<ul>',
  '<li>', '<h2>', '</h2>', '<p>', '<!--', '-->', '<script>', '</table>', '# ', '## ', '- ', '* ', '1. ', '> ', '```', '**', '`', '[', '](x)',
  'https://example.org/a', 'www.example.org', 'a@b.co', 'Last updated: 2020', '上一篇:', '你好', 'سلام', '\u200C', '\uFEFF', '\u00A0', '\u3000',
];

const structured = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SYNTAX), maxLength: 200, size: 'large' }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 80, size: 'large' }).map((t) => t.join('')),
);

/**
 * Whole lines of the shapes the parsers decide on: table headers of every width down to a lone
 * pipe, delimiter rows, rows and category rows, entry heads, class headings with ranges inside and
 * outside 1xx-5xx, and blocks nested in descriptions. Random text rarely makes a line that is
 * exactly one of these, and a parser's decisions are taken line by line.
 */
const LINES = [
  '|', ' | ', '||', '| |', '|---|', '| --- | --- |', '---|---|', 'Code | Name | Description |', '| Code | Name |', '| 100 | Continue |',
  '100 | Continue | Go on. |', '| 404 |', '404', '100', '4O4 |', '| 600 | Vendor |', 'Client errors | ||', 'Go on. |', 'Second line.', 'text',
  ': 100 (Continue)', '(ادامه) : 101 switching', '1. Informational (100-199):', 'Vendor errors (600-699):', 'Old (000-099)', 'Mixed (450-699)',
  '## 404 Not Found', '# Client errors', '- 404 Not Found: Gone.', '- Example:', '  ```', '  GET /x', '```', '> | a | b |', '> |---|---|', '> text',
  '<dl>', '<dt>404 Not Found</dt>', '<dd>Gone.', '<pre>GET /x</pre>', '<!-- note -->', '<table>', '<tr><td>404</td><td>Not Found</td></tr>',
  '</table>', '<h2>404 Not Found</h2>', '<p>Text.</p>', '', '',
];
const lineShaped = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...LINES) },
        { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'|0123456789 -:x'), maxLength: 12 }) },
      ),
      { maxLength: 30 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([lines, eol]) => lines.join(eol));

/** Manifest column roles, or none: a parser must survive any the manifest may give. */
const columnsOption: fc.Arbitrary<SourceOptions> = fc.option(fc.array(fc.constantFrom('code' as const, 'name' as const, 'description' as const, 'ignore' as const), { maxLength: 4 }), { nil: undefined }).map((columns) => (columns ? { columns } : {}));

/** Inputs that once broke a parser, run before the random ones. */
const KNOWN_BAD = ['|\n100', '|\n| 100 | Continue |', '|\n|\nx', 'Custom vendor errors (600-699):\n: 100 (Continue)\nThe client should continue.\n'];

/** The code of a claim as schema/claims.schema.json requires it. */
const CLAIM_CODE = /^[1-5]([0-9]{2}|xx)$/u;

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** What must hold of any parse of `text`; returns the first violation, or undefined. */
function positionProblem(text: string, r: ParseResult): string | undefined {
  const lines = lineCount(text);
  for (const c of r.claims) {
    if (!CLAIM_CODE.test(c.code)) return `claim ${c.code} ${c.field}: the claims schema refuses this code`;
    if (!(c.line >= 1 && c.line <= c.endLine && c.endLine <= lines && c.column >= 1)) {
      return `claim ${c.code} ${c.field} at ${c.line}:${c.column}-${c.endLine} (document has ${lines} lines)`;
    }
    if (c.text === '') return `claim ${c.code} ${c.field} with empty text`;
  }
  for (const d of r.diagnostics) {
    if (!(d.line >= 1 && d.line <= lines && d.column >= 1 && (d.endLine ?? d.line) >= d.line && (d.endLine ?? d.line) <= lines)) {
      return `diagnostic ${d.ruleId} at ${d.line}:${d.column}-${d.endLine} (document has ${lines} lines)`;
    }
  }
  for (const s of r.skipped) {
    if (!(s.line >= 1 && s.line <= s.endLine && s.endLine <= lines)) return `skipped ${s.line}-${s.endLine} (document has ${lines} lines)`;
  }
  return undefined;
}

describe.each(FORMATS)('%s parser on any text', (format) => {
  it.each([
    ['printable strings', fc.string({ maxLength: 300, size: 'large' })],
    ['any code points', fc.string({ unit: 'binary', maxLength: 300, size: 'large' })],
    ['syntax characters and tokens', structured],
    ['lines shaped like headers, rows, entries and headings', lineShaped],
  ] as const)('never throws, and keeps claims inside the document and the schema (%s)', (_, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, columnsOption, (text, options) => {
        const r = parse(text, format, 'en', options);
        const problem = positionProblem(text, r);
        if (problem) throw new Error(problem);
      }),
      { numRuns: 3 * RUNS, examples: KNOWN_BAD.flatMap((text) => [[text, {}] as [string, SourceOptions], [text, { columns: ['code', 'name'] }] as [string, SourceOptions]]) },
    );
  });

  it.each(KNOWN_BAD)('never throws on %j, whatever the column roles', (text) => {
    for (const columns of [undefined, ['code'], ['code', 'name'], ['name', 'code', 'description'], ['ignore', 'description'], []] as const) {
      const r = parse(text, format, 'en', columns ? { columns: [...columns] } : {});
      expect(positionProblem(text, r)).toBeUndefined();
    }
  });
});

// ---- round trip --------------------------------------------------------------------------------

interface Entry {
  code: number;
  name: string;
  description: string;
}

const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const capitalized = fc.tuple(upper, fc.string({ unit: lower, minLength: 1, maxLength: 9 })).map(([a, b]) => a + b);
// `copyright` opens a copyright line (page furniture) wherever a line starts with it: a description
// starting with it is genuinely ambiguous, so the generator leaves the word out.
const word = fc.string({ unit: lower, minLength: 1, maxLength: 10 }).filter((w) => w !== 'copyright');

/**
 * Names of 1-4 capitalized words, descriptions of 3-12 lowercase words ending with a period. A
 * table says which column is which only through its cells (headers come in any language): the
 * column with longer texts is the description. So that this is decidable, every description has
 * more words than its name (with 3-word descriptions and 4-word names it genuinely is not).
 */
const entry = (code: number): fc.Arbitrary<Entry> =>
  fc
    .integer({ min: 1, max: 4 })
    .chain((nameWords) =>
      fc.record({
        name: fc.array(capitalized, { minLength: nameWords, maxLength: nameWords }).map((w) => w.join(' ')),
        description: fc.array(word, { minLength: Math.max(3, nameWords + 1), maxLength: 12 }).map((w) => `${w.join(' ')}.`),
      }),
    )
    .map((e) => ({ code, ...e }));

const entries: fc.Arbitrary<Entry[]> = fc
  .uniqueArray(fc.integer({ min: 100, max: 599 }), { minLength: 1, maxLength: 8 })
  .chain((codes) => fc.tuple(...codes.map((c) => entry(c))));

/** Noise the formats allow: blank lines (as many as given), a title line. */
const noise = fc.record({
  blanks: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 10 }),
  title: fc.option(fc.array(capitalized, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), { nil: undefined }),
  variant: fc.integer({ min: 0, max: 2 }),
  leadingPipe: fc.boolean(),
  wrap: fc.boolean(),
});
type Noise = typeof noise extends fc.Arbitrary<infer T> ? T : never;

const gap = (n: Noise, i: number) => '\n'.repeat(n.blanks[i % n.blanks.length]!);

/** A description cut in two lines (a table cell runs on until a line ends with a pipe). */
function wrapped(description: string): [string, string] {
  const words = description.split(' ');
  const half = Math.ceil(words.length / 2);
  return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
}

const RENDER: Record<Format, (es: Entry[], n: Noise) => string> = {
  table: (es, n) => {
    const p = n.leadingPipe ? '| ' : '';
    const rows = es.map((e, i) => {
      const [first, rest] = wrapped(e.description);
      const cells = n.wrap && rest !== '' ? `${first}\n   ${rest} |` : `${e.description} |`;
      return `${p}${e.code} | ${e.name} | ${cells}\n${gap(n, i)}`;
    });
    return `${n.title ? `${n.title}\n${gap(n, 9)}` : ''}${p}Code | Name | Description |\n${p}--- | --- | --- |\n${rows.join('')}`;
  },
  prose: (es, n) => {
    const parts = es.map((e, i) => `: ${e.code} (${e.name})\n\n${e.description}\n${gap(n, i)}`);
    return `${n.title ? `${n.title}\n\n` : ''}${parts.join('\n')}`;
  },
  list: (es, n) => {
    const parts = es.map((e, i) => `${n.leadingPipe ? '- ' : ''}${e.code} ${e.name}\n${e.description}\n${gap(n, i)}`);
    return `${n.title ? `${n.title}\n\n` : ''}${parts.join('')}\nLast updated: 2020\n`;
  },
  markdown: (es, n) => {
    const title = n.title ? `# ${n.title}\n\n` : '';
    if (n.variant === 0) {
      // A GFM table: no blank line may interrupt it.
      const rows = es.map((e) => `| ${e.code} | ${e.name} | ${e.description} |`).join('\n');
      return `${title}| Code | Name | Description |\n| --- | --- | --- |\n${rows}\n`;
    }
    if (n.variant === 1) {
      return `${title}${es.map((e) => `## ${e.code} ${e.name}\n\n${n.wrap ? wrapped(e.description).join('\n') : e.description}\n\n`).join('')}`;
    }
    const code = (c: number) => (n.wrap ? `**${c}**` : `\`${c}\``);
    return `${title}${es.map((e, i) => `${n.leadingPipe ? '- ' : `${i + 1}. `}${code(e.code)} ${e.name}: ${e.description}\n${gap(n, i)}`).join('')}`;
  },
  html: (es, n) => {
    const title = n.title ? `<h1>${n.title}</h1>\n${gap(n, 9)}` : '';
    if (n.variant === 0) {
      const rows = es.map((e, i) => `<tr><td>${e.code}</td><td>${e.name}</td>\n<td>${e.description}</td></tr>\n${gap(n, i)}`).join('');
      return `<html><body>\n${title}<table>\n<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n${rows}</table>\n</body></html>\n`;
    }
    if (n.variant === 1) {
      const sections = es.map((e, i) => `<h2>${e.code} ${e.name}</h2>\n${gap(n, i)}<p>${n.wrap ? wrapped(e.description).join('\n') : e.description}</p>\n`).join('');
      return `${title}${sections}`;
    }
    if (n.wrap) return `${title}<ul>\n${es.map((e) => `  <li><b>${e.code}</b> ${e.name}: ${e.description}</li>\n`).join('')}</ul>\n`;
    const items = es.map((e, i) => `  <dt>${e.code} ${e.name}</dt>\n${gap(n, i)}  <dd>${e.description}</dd>\n`).join('');
    return `${title}<dl>\n${items}</dl>\n`;
  },
};

function expected(es: Entry[]): string[] {
  return es.flatMap((e) => [`${e.code}|name|${e.name}`, `${e.code}|description|${e.description}`]).sort();
}

function actual(r: ParseResult): string[] {
  // A title over entries of one class is read as that class's name, which is right; the round trip
  // is about the entries, so class names are left out here.
  return r.claims.filter((c) => c.field !== 'class-name').map((c) => `${c.code}|${c.field}|${c.text}`).sort();
}

describe.each(FORMATS)('%s round trip', (format) => {
  it('gives back exactly the entries written, whatever the noise around them', () => {
    fc.assert(
      fc.property(entries, noise, (es, n) => {
        const text = RENDER[format](es, n);
        const r = parse(text, format);
        expect(actual(r), text).toEqual(expected(es));
        expect(r.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
        expect(positionProblem(text, r)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- text nested inside a description -----------------------------------------------------------

/**
 * Blocks nested in an entry's description (code, tables, raw HTML, comments), each holding a marker
 * word: every line holding the marker must end up in a claim's text or in a skipped block that is
 * reported, never only inside the span of a description that left it out.
 */
const MARKER = 'zqmarker';
const NESTED: Record<'markdown' | 'html', string[]> = {
  markdown: [
    `- Example request:\n\n  \`\`\`http\n  GET /${MARKER} HTTP/1.1\n  \`\`\``,
    `> | Header | Value |\n> |---|---|\n> | ${MARKER} | 120 |`,
    `> \`\`\`\n> ${MARKER}\n> \`\`\``,
    `- Note:\n\n  <div>${MARKER}</div>`,
    `>     indented ${MARKER}`,
    `- See also:\n\n  | A | B |\n  |---|---|\n  | ${MARKER} | x |`,
    `> More text ${MARKER}.`,
  ],
  html: [
    `<div>Example request:\n<pre>GET /${MARKER} HTTP/1.1</pre></div>`,
    `<blockquote><table>\n<tr><td>${MARKER}</td><td>120</td></tr>\n</table></blockquote>`,
    `<div>Note <!-- ${MARKER} --> end</div>`,
    `<blockquote><!--\n${MARKER}\n--></blockquote>`,
    `<div><p>More text ${MARKER}.</p></div>`,
  ],
};
const ENTRY: Record<'markdown' | 'html', Array<(code: number, nested: string) => string>> = {
  markdown: [
    (code, nested) => `## ${code} Some Name\n\nThe description.\n\n${nested}\n`,
    (code, nested) => `- ${code} Some Name: The description.\n\n${nested.replace(/^/gmu, '  ')}\n`,
  ],
  html: [
    (code, nested) => `<h2>${code} Some Name</h2>\n<p>The description.</p>\n${nested}\n`,
    (code, nested) => `<ul><li>${code} Some Name: The description.\n${nested}</li></ul>\n`,
    (code, nested) => `<dl><dt>${code} Some Name</dt><dd>The description.\n${nested}</dd></dl>\n`,
  ],
};

describe.each(['markdown', 'html'] as const)('%s: text nested in a description', (format) => {
  it('is part of a claim or a reported skip, line by line', () => {
    const doc = fc.array(
      fc.tuple(fc.integer({ min: 100, max: 599 }), fc.nat(ENTRY[format].length - 1), fc.array(fc.constantFrom(...NESTED[format]), { minLength: 1, maxLength: 3 })),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(doc, (entries) => {
        const text = entries.map(([code, shape, nested]) => ENTRY[format][shape]!(code, nested.join('\n\n'))).join('\n');
        const r = parse(text, format);
        const reported = new Set<number>();
        for (const s of r.skipped) {
          if (s.reason === 'header' || s.reason === 'delimiter' || s.reason === 'markup') continue;
          for (let l = s.line; l <= s.endLine; l++) reported.add(l);
        }
        const inClaims = r.claims.filter((c) => c.text.includes(MARKER)).flatMap((c) => Array.from({ length: c.endLine - c.line + 1 }, (_, k) => c.line + k));
        text.split('\n').forEach((line, i) => {
          if (line.includes(MARKER)) expect(reported.has(i + 1) || inClaims.includes(i + 1), `line ${i + 1} of\n${text}`).toBe(true);
        });
        expect(positionProblem(text, r)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- the gated Markdown parse -----------------------------------------------------------------

describe('Markdown tree with gated autolink literals and tables', () => {
  const pieces = [
    ...['a', 'b1', 'www.x.org', 'http://a.b/c', 'https://x.y', 'mail@ex.com', 'a.b@c.d', ' ', '\n', '\r\n', '\r', '_', '*', '(', ')', '[', ']', '@', '.'],
    ...['-', '+', '| x |', 'a | b', '|', '|---|', '| --- | :-: |', '---', ':', '> ', '- ', '1. ', '    ', '\t', '\uFEFF', '&amp;', '`'],
  ];
  const markdownish = fc.oneof(structured, fc.array(fc.constantFrom(...pieces), { maxLength: 60, size: 'large' }).map((t) => t.join('')));
  it('is the tree plain remark-gfm gives, positions included', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(parseMarkdownTree(text)).toEqual(parseMarkdownTreeUngated(text));
      }),
      { numRuns: 3 * RUNS },
    );
  });
});

// ---- fast rewrites agree with the definitions they replaced ----------------------------------
// Several helpers were rewritten to run in linear time (see test/pathological.test.ts). These are
// the earlier, regular-expression definitions, kept here as the specification.

const reference = {
  normalizeDigits(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const block = [0x30, 0xff10, 0x06f0, 0x0660].find((base) => cp >= base && cp <= base + 9);
      out += block === undefined ? ch : String(cp - block);
    }
    return out;
  },
  readCodeToken(raw: string): CodeToken {
    const STRAY = /^[.,;:)\]}*#\-–—、。，：]+$/u;
    const looksCodeLike = (token: string): boolean => {
      const core = token.replace(/[.,;:)\]]+$/u, '');
      if (core.length !== 3) return false;
      const digits = [...core].filter((c) => c >= '0' && c <= '9').length;
      return digits >= 2 && /^[0-9A-Za-z]+$/u.test(core) && /^[1-5]/u.test(core) && !/^[1-5]xx$/iu.test(core);
    };
    const token = reference.normalizeDigits(raw.trim());
    if (token === '') return { kind: 'none' };
    const match = /^([0-9]+)(.*)$/u.exec(token);
    if (match) {
      const digits = match[1]!;
      const rest = match[2]!;
      if (rest !== '' && !STRAY.test(rest)) return looksCodeLike(token) ? { kind: 'invalid', token: raw.trim(), reason: 'letters among the digits' } : { kind: 'none' };
      if (digits.length !== 3) {
        return digits.length >= 2 && digits.length <= 4 ? { kind: 'invalid', token: raw.trim(), reason: `${digits.length} digits, a status code has 3` } : { kind: 'none' };
      }
      const value = Number(digits);
      if (value < 100 || value > 599) return { kind: 'invalid', token: raw.trim(), reason: 'outside the range 100-599' };
      return { kind: 'code', code: digits, stray: rest };
    }
    return looksCodeLike(token) ? { kind: 'invalid', token: raw.trim(), reason: 'letters among the digits' } : { kind: 'none' };
  },
  splitNameAndTags(raw: string): { name: string; tags: string[]; unbalanced: boolean } {
    const closesAt = (text: string, open: number): number => {
      let depth = 0;
      for (let i = open; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) return i;
      }
      return -1;
    };
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
  },
  inferColumnRoles(rows: string[][], columnCount: number): string[] {
    let codeColumn = 0;
    let bestCodes = -1;
    for (let c = 0; c < columnCount; c++) {
      const codes = rows.filter((r) => reference.readCodeToken(r[c] ?? '').kind === 'code').length;
      if (codes > bestCodes) {
        bestCodes = codes;
        codeColumn = c;
      }
    }
    const stats = Array.from({ length: columnCount }, (_, c) => {
      const texts = rows.map((r) => (r[c] ?? '').trim()).filter((t) => t !== '');
      const words = texts.map((t) => t.split(/\s+/u).length + (t.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0) / 2).sort((a, b) => a - b);
      const median = words.length === 0 ? 0 : words[Math.floor(words.length / 2)]!;
      const sentences = texts.length === 0 ? 0 : texts.filter((t) => /[.!?。！？]$/u.test(t)).length / texts.length;
      return { median, sentences };
    });
    const others = stats.map((_, c) => c).filter((c) => c !== codeColumn);
    // Sentence-like columns first, then the longest; the first of equals.
    const rank = (c: number) => [stats[c]!.sentences >= 0.5 ? 1 : 0, stats[c]!.median] as const;
    const longest = others.reduce((best, c) => {
      const [a, b] = [rank(c), rank(best)];
      return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]) ? c : best;
    }, others[0] ?? 0);
    return stats.map((s, c) => {
      if (c === codeColumn) return 'code';
      if (others.length > 1 && c === longest) return 'description';
      return s.median <= 6 && s.sentences < 0.5 ? 'name' : 'description';
    });
  },
};

describe('linear rewrites agree with the original definitions', () => {
  const codeish = fc.string({ unit: fc.constantFrom(...'0123456789４０۴٤.,;:)]}*#-–、xX O\n\r\u2028 ab'), maxLength: 12, size: 'large' });
  const nameish = fc.string({ unit: fc.constantFrom(...'()ab \t\u00A0\u3000xW'), maxLength: 24, size: 'large' });
  const cell = fc.oneof(codeish, fc.string({ unit: fc.constantFrom(...'ab .!?。你 \t'), maxLength: 20 }), fc.constantFrom('', ' ', '404', 'Not Found', 'The server.'));

  it('normalizeDigits', () => {
    fc.assert(fc.property(fc.oneof(codeish, fc.string({ unit: 'binary' })), (t) => {
          expect(normalizeDigits(t)).toBe(reference.normalizeDigits(t));
        }), { numRuns: 3 * RUNS });
  });
  it('readCodeToken', () => {
    fc.assert(fc.property(codeish, (t) => {
          expect(readCodeToken(t)).toEqual(reference.readCodeToken(t));
        }), { numRuns: 5 * RUNS });
  });
  it('splitNameAndTags', () => {
    fc.assert(fc.property(nameish, (t) => {
          expect(splitNameAndTags(t)).toEqual(reference.splitNameAndTags(t));
        }), { numRuns: 5 * RUNS });
  });
  it('inferColumnRoles', () => {
    const table = fc.tuple(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }), fc.integer({ min: 0, max: 7 }));
    fc.assert(fc.property(table, ([rows, columns]) => {
          expect(inferColumnRoles(rows, columns)).toEqual(reference.inferColumnRoles(rows, columns));
        }), { numRuns: 5 * RUNS });
  });
});
