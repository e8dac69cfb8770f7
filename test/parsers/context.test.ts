import { describe, expect, it } from 'vitest';
import { ParseContext } from '../../pipeline/parsers/context.ts';
import { doc } from '../helpers.ts';

describe('ParseContext.claim', () => {
  it('reports, instead of claiming, a code the claims schema would refuse', () => {
    const ctx = new ParseContext(doc('Vendor errors\n: 600 (Vendor)', 'prose'));
    expect(ctx.claim({ code: '6xx', field: 'class-name', raw: 'Vendor errors', line: 1, column: 1 })).toBeUndefined();
    expect(ctx.claim({ code: '600', field: 'name', raw: 'Vendor', line: 2, column: 8 })).toBeUndefined();
    expect(ctx.claim({ code: '4xx', field: 'class-name', raw: 'Client errors', line: 1, column: 1 })).toBeDefined();
    expect(ctx.claims.map((c) => c.code)).toEqual(['4xx']);
    expect(ctx.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.code}`)).toEqual([
      'fixtures/fx.prose:1:1 error claim/invalid-code 6xx',
      'fixtures/fx.prose:2:8 error claim/invalid-code 600',
    ]);
  });
});
