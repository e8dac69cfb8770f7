/** Outputs rendered in pieces: the pieces join to exactly the file, and are written and compared without joining. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sameText, writeChunks } from '../pipeline/cli.ts';
import { jsonLinesChunks, toJson, toJsonLines } from '../pipeline/order.ts';
import { build, OutputFiles } from '../pipeline/build.ts';
import { loadPackageFiles, loadSources } from '../pipeline/load.ts';

describe('jsonLinesChunks', () => {
  const value = { sources: [{ id: 'a' }], claims: [{ code: '200', text: 'OK “quoted” 好' }, { code: '404' }], empty: [], meta: { nested: { deep: [1, 2] } } };

  it('joins to JSON that parses back to the value, one list item per line', () => {
    const text = toJsonLines(value, ['claims', 'empty']);
    expect(JSON.parse(text)).toEqual(value);
    expect(text.split('\n').filter((l) => l.startsWith('    {"code"'))).toHaveLength(2);
    expect(text).toContain('  "empty": []');
    expect(text.endsWith('\n}\n')).toBe(true);
  });

  it('gives each list item a piece of its own', () => {
    const pieces = [...jsonLinesChunks(value, ['claims'])];
    expect(pieces.filter((p) => p.includes('"code"'))).toHaveLength(2);
    expect(pieces.join('')).toBe(toJsonLines(value, ['claims']));
  });

  it('renders an empty object as the indented form does', () => {
    expect(JSON.parse(toJsonLines({}, []))).toEqual({});
  });
});

describe('sameText', () => {
  it('compares pieces with a text without joining them', () => {
    expect(sameText('abcdef', ['ab', 'cd', 'ef'])).toBe(true);
    expect(sameText('abcdef', ['ab', 'cd'])).toBe(false);
    expect(sameText('abcd', ['ab', 'cd', 'ef'])).toBe(false);
    expect(sameText('abcdef', ['ab', 'xd', 'ef'])).toBe(false);
    expect(sameText('', [])).toBe(true);
  });
});

describe('writeChunks', () => {
  it('writes many pieces, across batch boundaries and multi-byte characters, byte for byte', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-write-'));
    try {
      // Over 2 MB of pieces mixing ASCII, Persian, Han and an astral character.
      const pieces = Array.from({ length: 40000 }, (_, i) => `${i} ok یک 好 😀 ${'x'.repeat(i % 50)}\n`);
      // A piece larger than the write buffer on its own, among small ones.
      pieces.splice(20000, 0, '好'.repeat(500_000));
      const target = path.join(dir, 'f.txt');
      writeChunks(target, pieces);
      expect(readFileSync(target, 'utf8')).toBe(pieces.join(''));
      writeChunks(target, []);
      expect(readFileSync(target, 'utf8')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OutputFiles', () => {
  it('joins a file rendered in pieces when it is read whole', () => {
    const files = new OutputFiles();
    files.set('a.txt', () => ['x', 'y', 'z']);
    files.set('b.txt', () => 'whole');
    expect(files.get('a.txt')).toBe('xyz');
    expect(files.get('b.txt')).toBe('whole');
    expect(files.get('c.txt')).toBeUndefined();
    expect([...files].map(([name, chunks]) => [name, [...chunks].join('')])).toEqual([
      ['a.txt', 'xyz'],
      ['b.txt', 'whole'],
    ]);
  });

  it('renders every real output so the pieces join to a well-formed file', () => {
    const loaded = loadSources(path.join(import.meta.dirname, '..', 'sources'));
    const pkg = loadPackageFiles();
    const result = build({ ...loaded, packageFiles: pkg.files, packageVersion: pkg.version });
    for (const [name, chunks] of result.files) {
      const text = [...chunks].join('');
      if (name.endsWith('.json')) expect(() => JSON.parse(text), name).not.toThrow();
      if (name === 'conflicts.md') {
        expect(text).not.toMatch(/\n{3}/);
        expect(text.endsWith('\n')).toBe(true);
        expect(text.endsWith('\n\n')).toBe(false);
      }
      if (name === 'locales/index.json') expect(text).toBe(toJson(JSON.parse(text)));
    }
  });
});
