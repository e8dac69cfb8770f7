/**
 * Reading the sources folder: the manifest, then every listed file decoded to text. A source is
 * never read from outside the folder. Encoding problems in one file are diagnostics for that file;
 * the build goes on with the rest.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from './errors.ts';
import { parseManifest, REFERENCE_FORMATS, type ManifestEntry } from './manifest.ts';
import type { LoadedSource } from './build.ts';
import type { Diagnostic } from './types.ts';
import { PIPELINE_DIR } from './paths.ts';

export type Decoded = { ok: true; text: string; notes: string[] } | { ok: false; message: string; offset?: number };

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Bytes to text: UTF-8 (BOM stripped) or UTF-16 with a BOM; CRLF and lone CR become LF. */
export function decodeSource(bytes: Uint8Array): Decoded {
  const notes: string[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    notes.push('decoded as UTF-16LE (byte-order mark)');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    notes.push('decoded as UTF-16BE (byte-order mark)');
  } else {
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { ok: false, message: `contains a NUL byte at byte offset ${nul}: not a text file`, offset: nul };
    const bad = invalidUtf8Offset(bytes);
    if (bad >= 0) {
      return {
        ok: false,
        message: `is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}); convert it to UTF-8 (it may be Windows-1256 or Latin-1)`,
        offset: bad,
      };
    }
    text = new TextDecoder('utf-8').decode(bytes);
    if (text.startsWith('\uFEFF')) {
      text = text.slice(1);
      notes.push('UTF-8 byte-order mark removed');
    }
  }
  if (text.includes('\u0000')) return { ok: false, message: 'contains a NUL character: not a text file' };
  text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text, notes };
}

export interface LoadResult {
  sources: LoadedSource[];
  diagnostics: Diagnostic[];
  /** sources/decisions.yaml, when present. */
  decisions?: { path: string; text: string };
}

/** Read manifest.json and every source it lists. Fatal problems throw BuildError. */
export function loadSources(sourcesDir: string): LoadResult {
  const label = path.basename(path.resolve(sourcesDir));
  const manifestPath = path.join(sourcesDir, 'manifest.json');
  const manifestLabel = `${label}/manifest.json`;
  if (!existsSync(manifestPath)) {
    throw new BuildError('No manifest: the sources folder must contain manifest.json', manifestLabel, undefined, undefined, 'Create it: {"sources": [{"id", "file", "format", "lang"}]}.');
  }
  const manifestBytes = readFileSync(manifestPath);
  const manifestDecoded = decodeSource(manifestBytes);
  if (!manifestDecoded.ok) throw new BuildError(`The manifest ${manifestDecoded.message}`, manifestLabel);
  const entries: ManifestEntry[] = parseManifest(manifestDecoded.text, manifestLabel);
  const root = realpathSync(sourcesDir);
  const sources: LoadedSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const display = `${label}/${entry.file}`;
    const abs = path.join(root, entry.file);
    if (!existsSync(abs)) {
      throw new BuildError(`Source \`${entry.id}\` lists \`${entry.file}\`, which does not exist`, manifestLabel, undefined, undefined, `Add the file to ${label}/ or remove the entry.`);
    }
    const real = realpathSync(abs);
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new BuildError(`Source \`${entry.id}\` resolves outside the sources folder (through a link); refused`, manifestLabel);
    }
    if (!statSync(real).isFile()) throw new BuildError(`Source \`${entry.id}\`: \`${entry.file}\` is not a file`, manifestLabel);
    const decoded = decodeSource(readFileSync(real));
    const registry = REFERENCE_FORMATS.includes(entry.format);
    if (!decoded.ok) {
      if (registry) throw new BuildError(`Registry file ${decoded.message}`, display);
      diagnostics.push({ source: entry.id, file: display, line: 1, column: 1, severity: 'error', ruleId: 'source/unreadable', message: `File ${decoded.message}; the source is skipped` });
      continue;
    }
    if (decoded.text.trim() === '') {
      if (registry) throw new BuildError('Registry file is empty', display);
      diagnostics.push({ source: entry.id, file: display, line: 1, column: 1, severity: 'error', ruleId: 'source/empty', message: 'File is empty; the source gives no claims' });
      continue;
    }
    for (const note of decoded.notes) {
      diagnostics.push({ source: entry.id, file: display, line: 1, column: 1, severity: 'info', ruleId: 'source/encoding', message: `File ${note}` });
    }
    sources.push({ entry, path: display, text: decoded.text });
  }
  const decisionsPath = path.join(root, 'decisions.yaml');
  if (existsSync(decisionsPath)) {
    const decoded = decodeSource(readFileSync(decisionsPath));
    if (!decoded.ok) throw new BuildError(`The decisions file ${decoded.message}`, `${label}/decisions.yaml`);
    return { sources, diagnostics, decisions: { path: `${label}/decisions.yaml`, text: decoded.text } };
  }
  return { sources, diagnostics };
}


/** The consumer package's own files (helper, its types, README), relative to pipeline/package/. */
export function loadPackageFiles(): { files: Map<string, string>; version: string } {
  const base = path.join(PIPELINE_DIR, 'package');
  const files = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else files.set(rel, readFileSync(path.join(dir, entry.name), 'utf8'));
    }
  };
  walk(base, '');
  const root = JSON.parse(readFileSync(path.join(PIPELINE_DIR, '..', 'package.json'), 'utf8')) as { version?: string };
  return { files, version: root.version ?? '0.0.0' };
}
