import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decisionSnippet, escapeMarkdown, renderConflictsMarkdown } from '../pipeline/report.ts';
import { parseDecisions } from '../pipeline/decisions.ts';
import type { Finding } from '../pipeline/reconcile/findings.ts';

const planted: Finding = {
  id: 'text-defect:masked/404/description/en/evil',
  kind: 'text-defect',
  severity: 'warning',
  status: 'open',
  code: '404',
  field: 'description',
  locale: 'en',
  sources: [{ source: 'evil', line: 3, column: 1, excerpt: '404 | <script>alert(1)</script> *bold* [link](javascript:x) | "quoted"' }],
  message: 'The text <img src=x onerror=alert(1)> has `code` and | pipes',
  resolution: { rule: 'text/masked', action: 'Kept.', rejected: [{ text: '<b>x</b>\nsecond line', source: 'evil', line: 3, reason: 'a | b' }] },
  fingerprint: '0123456789ab',
};

describe('conflicts.md', () => {
  const md = renderConflictsMarkdown([planted], [{ id: 'evil', file: 'evil|name.txt', format: 'table', lang: 'en', title: 'Evil' }]);
  it('escapes source text for Markdown and HTML (outside code blocks, where nothing is interpreted)', () => {
    const prose = md.replace(/```yaml\n[\s\S]*?\n```/g, '');
    expect(prose).not.toMatch(/<script|<img|<b>/);
    // Inside the YAML block the text is one JSON-quoted line, so it cannot close the fence.
    expect(md).toContain('  # pick: "<b>x</b>\\nsecond line"');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('\\*bold\\*');
    expect(md).toContain('\\[link\\]');
  });
  it('keeps every table row to its four cells', () => {
    const row = md.split('\n').find((l) => l.startsWith('| evil |'))!;
    expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
  });
  it('gives a decision snippet that parses back to the finding id', () => {
    const snippet = decisionSnippet(planted).replace('note: ""', 'note: "checked"');
    expect(parseDecisions(snippet, 'd.yaml')).toEqual([{ id: planted.id, action: 'accept', note: 'checked', fingerprint: '0123456789ab', line: 1 }]);
  });
  it('escapes every Markdown metacharacter it must', () => {
    expect(escapeMarkdown('a|b<c>&d`e*f_g[h]#i~j\\k')).toBe('a\\|b&lt;c&gt;&amp;d\\`e\\*f\\_g\\[h\\]\\#i\\~j\\\\k');
    // One pass gives what the escapes applied one after another give.
    const stepwise = (text: string) =>
      text
        .replace(/\r?\n/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|#~])/g, '\\$1');
    const text = fc.array(fc.constantFrom('a', '&', '<', '>', '\\', '`', '*', '_', '[', ']', '|', '#', '~', '\n', '\r', '\r\n', 'amp;', '好'), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(escapeMarkdown(t)).toBe(stepwise(t));
      }),
      { numRuns: 2000 },
    );
  });
});
