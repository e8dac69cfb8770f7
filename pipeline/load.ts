/**
 * Reading the sources folder: the manifest, then every listed file decoded to text. A source is
 * never read from outside the folder. Encoding problems in one file are diagnostics for that file;
 * the build goes on with the rest.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { BuildError } from './errors.ts';
import { isReferenceFormat, parseManifestWithPositions } from './manifest.ts';
import type { LoadedSource } from './build.ts';
import type { Diagnostic } from './types.ts';
import { isWithin, PIPELINE_DIR } from './paths.ts';

export type Decoded =
  | { ok: true; text: string; notes: string[] }
  /** `offset` is in bytes; `line` and `column` say where that byte is, as an editor counts. */
  | { ok: false; message: string; offset?: number; line?: number; column?: number };

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

/** Line and column (UTF-16 units, lines ended by LF, CRLF or a lone CR) where `text` ends. */
function endPoint(text: string): { line: number; column: number } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lastBreak = normalized.lastIndexOf('\n');
  let line = 1;
  for (let i = normalized.indexOf('\n'); i >= 0; i = normalized.indexOf('\n', i + 1)) line++;
  return { line, column: normalized.length - lastBreak };
}

/** Index (in code units) of the first unpaired surrogate in UTF-16 bytes, or -1 (the decoder would put U+FFFD there silently). */
function unpairedSurrogate(bytes: Uint8Array, littleEndian: boolean): number {
  const units = Math.floor(bytes.length / 2);
  const unit = (k: number) => (littleEndian ? bytes[2 * k]! | (bytes[2 * k + 1]! << 8) : (bytes[2 * k]! << 8) | bytes[2 * k + 1]!);
  for (let k = 0; k < units; k++) {
    const c = unit(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = k + 1 < units ? unit(k + 1) : -1;
      if (d >= 0xdc00 && d <= 0xdfff) k++;
      else return k;
    } else if (c >= 0xdc00 && c <= 0xdfff) return k;
  }
  return -1;
}

const NOT_TEXT = 'if it is UTF-16 or UTF-32 without a byte-order mark, save it as UTF-8; if it is not a text document, remove it from the manifest';

/**
 * Bytes to text: UTF-8 (BOM stripped) or UTF-16 with a BOM; CRLF and lone CR become LF. A file
 * that is not valid text is refused with the byte offset (and line and column) of the first bad
 * byte and what to do about it; nothing is decoded with replacement characters.
 */
export function decodeSource(bytes: Uint8Array): Decoded {
  const notes: string[] = [];
  let text: string;
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    const name = utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    const body = bytes.subarray(2);
    const whole = body.length - (body.length % 2);
    text = new TextDecoder(utf16).decode(body.subarray(0, whole));
    if (whole !== body.length) {
      return { ok: false, message: `is cut off in the middle of a ${name} character (an odd number of bytes, the last at byte offset ${bytes.length - 1}); save it again`, offset: bytes.length - 1, ...endPoint(text) };
    }
    const lone = unpairedSurrogate(body, utf16 === 'utf-16le');
    if (lone >= 0) {
      const offset = 2 + 2 * lone;
      return { ok: false, message: `is not valid ${name} (half of a surrogate pair at byte offset ${offset}); save it again as UTF-8`, offset, ...endPoint(text.slice(0, lone)) };
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const offset = 2 + 2 * nul;
      return { ok: false, message: `contains a NUL character at byte offset ${offset}: not a text file (${utf16 === 'utf-16le' ? 'if it is UTF-32, save it as UTF-8' : NOT_TEXT})`, offset, ...endPoint(text.slice(0, nul)) };
    }
    notes.push(`decoded as ${name} (byte-order mark)`);
  } else {
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, nul));
      return { ok: false, message: `contains a NUL byte at byte offset ${nul}: not a text file (${NOT_TEXT})`, offset: nul, ...endPoint(before) };
    }
    // Node's native check first; the byte-by-byte scan only to say where a bad file goes wrong.
    const bad = isUtf8(bytes) ? -1 : invalidUtf8Offset(bytes);
    if (bad >= 0) {
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
      return {
        ok: false,
        message: `is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}); it may be Windows-1256, Windows-1252 or Latin-1: convert it to UTF-8 (e.g. \`iconv -f windows-1256 -t utf-8\`)`,
        offset: bad,
        ...endPoint(before),
      };
    }
    // ignoreBOM keeps the mark in the text (the decoder would drop it silently), so it is noted.
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    if (text.startsWith('\uFEFF')) {
      text = text.slice(1);
      notes.push('UTF-8 byte-order mark removed');
    }
  }
  text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text, notes };
}

export interface LoadResult {
  sources: LoadedSource[];
  diagnostics: Diagnostic[];
  /** sources/decisions.yaml, when present. */
  decisions?: { path: string; text: string };
}

/** Read a file; an error of the system (permissions, a folder in its place) is returned as text. */
function readBytes(file: string): Uint8Array | { error: string } {
  try {
    return readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EISDIR') return { error: 'is a folder, not a file' };
    return { error: e.code === 'EACCES' || e.code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${e.code ?? e.message})` };
  }
}

/**
 * Read manifest.json and every source it lists. Problems with the manifest or with where a source
 * is (missing, outside the folder, not a file) throw BuildError at the manifest's line and column;
 * a document that cannot be read or decoded is a diagnostic for that source, and the build goes on
 * (a reference file, which the build cannot do without, is a BuildError).
 */
export function loadSources(sourcesDir: string): LoadResult {
  const label = path.basename(path.resolve(sourcesDir));
  const manifestPath = path.join(sourcesDir, 'manifest.json');
  const manifestLabel = `${label}/manifest.json`;
  if (!existsSync(manifestPath)) {
    throw new BuildError(
      `No manifest: ${existsSync(sourcesDir) ? 'the sources folder must contain manifest.json' : `the sources folder \`${sourcesDir}\` does not exist`}`,
      manifestLabel,
      undefined,
      undefined,
      'Create it, listing every document: {"sources": [{"id": "...", "file": "...", "format": "table", "lang": "en"}]}.',
    );
  }
  const manifestBytes = readBytes(manifestPath);
  if ('error' in manifestBytes) throw new BuildError(`The manifest ${manifestBytes.error}`, manifestLabel, undefined, undefined, 'Check the file and its permissions.');
  const manifestDecoded = decodeSource(manifestBytes);
  if (!manifestDecoded.ok) throw new BuildError(`The manifest ${manifestDecoded.message}`, manifestLabel, manifestDecoded.line, manifestDecoded.column);
  const manifest = parseManifestWithPositions(manifestDecoded.text, manifestLabel);
  const root = realpathSync(sourcesDir);
  const sources: LoadedSource[] = [];
  const diagnostics: Diagnostic[] = [];
  manifest.entries.forEach((entry, index) => {
    const display = `${label}/${entry.file}`;
    // Located only on failure: finding a place rescans the manifest, which for every entry would be quadratic.
    const fail = (message: string, hint: string): never => {
      const where = manifest.locate(index, 'file');
      throw new BuildError(message, manifestLabel, where.line, where.column, hint);
    };
    const abs = path.join(root, entry.file);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      const link = (() => {
        try {
          return lstatSync(abs).isSymbolicLink();
        } catch {
          return false;
        }
      })();
      return fail(
        link ? `Source \`${entry.id}\` lists \`${entry.file}\`, a link to nothing` : `Source \`${entry.id}\` lists \`${entry.file}\`, which does not exist`,
        `Add the file to ${label}/ or remove the entry.`,
      );
    }
    if (!isWithin(root, real)) {
      fail(
        `Source \`${entry.id}\` lists \`${entry.file}\`, which is a link to \`${real}\`, outside the sources folder; refused`,
        `Copy the document itself into ${label}/ instead of linking to it.`,
      );
    }
    if (!statSync(real).isFile()) fail(`Source \`${entry.id}\` lists \`${entry.file}\`, which is not a file`, 'Give the path of the document itself.');
    const registry = isReferenceFormat(entry.format);
    const problem = (ruleId: string, message: string, line = 1, column = 1): void => {
      if (registry) throw new BuildError(`Reference file ${message}`, display, line, column, 'The build cannot go on without it.');
      diagnostics.push({ source: entry.id, file: display, line, column, severity: 'error', ruleId, message: `File ${message}; the source is skipped` });
    };
    const bytes = readBytes(real);
    if ('error' in bytes) return problem('source/unreadable', bytes.error);
    const decoded = decodeSource(bytes);
    if (!decoded.ok) return problem('source/unreadable', decoded.message, decoded.line, decoded.column);
    if (decoded.text.trim() === '') {
      return problem('source/empty', `is empty${bytes.length > 0 ? ' (only whitespace)' : ''}: it gives no claims (add the document's text, or remove the entry from the manifest)`);
    }
    for (const note of decoded.notes) {
      diagnostics.push({ source: entry.id, file: display, line: 1, column: 1, severity: 'info', ruleId: 'source/encoding', message: `File ${note}` });
    }
    sources.push({ entry, path: display, text: decoded.text });
  });
  const decisionsPath = path.join(root, 'decisions.yaml');
  if (existsSync(decisionsPath)) {
    const bytes = readBytes(decisionsPath);
    if ('error' in bytes) throw new BuildError(`The decisions file ${bytes.error}`, `${label}/decisions.yaml`, undefined, undefined, 'Check the file and its permissions, or remove it.');
    const decoded = decodeSource(bytes);
    if (!decoded.ok) throw new BuildError(`The decisions file ${decoded.message}`, `${label}/decisions.yaml`, decoded.line, decoded.column);
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
