/** sources/manifest.json: parsed, validated against its schema, defaults applied. */
import path from 'node:path';
import { BuildError } from './errors.ts';
import { LineIndex } from './text/lines.ts';
import { validator } from './schemas.ts';
import { escapePointerSegment, parsePointer, scanJson } from './text/json.ts';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Format, SourceEntry } from './types.ts';

export type ManifestFormat = Format | ReferenceFormat;
export type ReferenceFormat = 'iana-registry' | 'unofficial-registry' | 'historical-names' | 'glossary' | 'class-names';
export const REFERENCE_FORMATS: readonly string[] = ['iana-registry', 'unofficial-registry', 'historical-names', 'glossary', 'class-names'];

export function isReferenceFormat(format: ManifestFormat): format is ReferenceFormat {
  return REFERENCE_FORMATS.includes(format);
}
export interface ManifestEntry extends Omit<SourceEntry, 'format'> {
  format: ManifestFormat;
  url?: string;
}

/**
 * Parse JSON; a syntax error becomes a BuildError at the line and column of the offending
 * character, and so does a property name given twice in one object (JSON.parse would keep the
 * last value and drop the other without a word).
 */
export function parseJsonWithPosition(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse gives an offset only for some errors (and none for `[1,]` or a text that ends too
    // early), and may quote the whole text: the scan says where and what was expected instead.
    const scan = scanJson(text).error;
    const offset = scan?.offset ?? Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? text.length);
    const point = new LineIndex(text).point(Math.min(offset, text.length));
    const what = scan ? `expected ${scan.expected}` : (error as Error).message.slice(0, 200);
    throw new BuildError(`Malformed JSON: ${what}`, file, point.line, point.column, 'Fix the JSON syntax at that place and run the build again.');
  }
  const duplicate = scanJson(text, undefined, { duplicateKeys: true }).duplicate;
  if (duplicate) {
    const lines = new LineIndex(text);
    const point = lines.point(duplicate.offset);
    throw new BuildError(
      `Property \`${duplicate.key}\` is given twice in one object (first at line ${lines.point(duplicate.firstOffset).line}); only one of the two values could be used`,
      file,
      point.line,
      point.column,
      'Keep the value you mean and remove the other.',
    );
  }
  return data;
}

/** The manifest's entries with a way back to where things are written in it (for messages). */
export interface ParsedManifest {
  entries: ManifestEntry[];
  /** Line and column of the value at `/sources/<index>/<field...>` (or of the entry), when found. */
  locate(index: number, ...field: string[]): { line?: number; column?: number };
}

export function parseManifest(text: string, file: string): ManifestEntry[] {
  return parseManifestWithPositions(text, file).entries;
}

/** Parse, validate and complete the manifest; every problem is a BuildError at its line and column. */
export function parseManifestWithPositions(text: string, file: string): ParsedManifest {
  const data = parseJsonWithPosition(text, file);
  const lines = new LineIndex(text);
  const at = (pointer: string): { line?: number; column?: number } => {
    const found = scanJson(text, pointer).found;
    return found === undefined ? {} : lines.point(found);
  };
  const locate = (index: number, ...field: string[]) => {
    const entry = `/sources/${index}`;
    const exact = at([entry, ...field.map(escapePointerSegment)].join('/'));
    return exact.line === undefined ? at(entry) : exact;
  };
  const fail = (message: string, where: { line?: number; column?: number }, hint: string): never => {
    throw new BuildError(message, file, where.line, where.line === undefined ? undefined : where.column, hint);
  };

  const validate = validator('manifest');
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    const first = errors[0];
    const pointer = first ? `${first.instancePath}${first.keyword === 'additionalProperties' ? `/${escapePointerSegment(String((first.params as { additionalProperty?: unknown }).additionalProperty))}` : ''}` : '';
    fail(`Invalid manifest: ${describeManifestErrors(errors, data)}`, at(pointer), 'See schema/manifest.schema.json for the expected shape.');
  }
  const raw = (data as { sources: Array<Record<string, unknown>> }).sources;
  const seen = new Map<string, number>();
  const entries = raw.map((entry, i) => {
    const id = entry.id as string;
    if (seen.has(id)) {
      fail(`Duplicate source id \`${id}\` (entries ${seen.get(id)! + 1} and ${i + 1})`, locate(i, 'id'), 'Every source needs its own id: rename one of them.');
    }
    seen.set(id, i);
    const rel = entry.file as string;
    const normalized = path.posix.normalize(rel.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../') || /^[a-zA-Z]:/.test(normalized)) {
      fail(
        `Source \`${id}\` has file \`${rel}\`, which is outside the sources folder; refused`,
        locate(i, 'file'),
        'Copy the document into the sources folder and give its path relative to that folder.',
      );
    }
    if (rel.includes('\u0000')) fail(`Source \`${id}\` has a file name with a NUL character`, locate(i, 'file'), 'Give the file name as it is on disk.');
    const furniture = ((entry.options as { furniture?: string[] } | undefined)?.furniture ?? []);
    furniture.forEach((pattern, k) => {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        fail(
          `Source \`${id}\` has a furniture pattern that is not a regular expression: ${(error as Error).message}`,
          locate(i, 'options', 'furniture', String(k)),
          'Write it as a JavaScript regular expression (with the u flag), backslashes doubled inside JSON.',
        );
      }
    });
    const result: ManifestEntry = {
      id,
      file: normalized,
      format: entry.format as ManifestFormat,
      lang: canonicalLangTag(entry.lang as string),
      title: (entry.title as string | undefined) ?? path.posix.basename(normalized),
      trust: (entry.trust as number | undefined) ?? 1,
      options: { ...((entry.options as object | undefined) ?? {}) },
    };
    if (typeof entry.url === 'string') result.url = entry.url;
    return result;
  });
  // The authorities are one each: a second copy would silently replace the first.
  const reference = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (!isReferenceFormat(entry.format)) return;
    const first = reference.get(entry.format);
    if (first !== undefined) {
      fail(
        `Sources \`${entries[first]!.id}\` (entry ${first + 1}) and \`${entry.id}\` (entry ${i + 1}) are both ${entry.format}; the build takes one`,
        locate(i, 'format'),
        'Remove one of the entries, or merge the files.',
      );
    }
    reference.set(entry.format, i);
  });
  return { entries, locate };
}

/**
 * Schema errors in the manifest's words: an entry is named by its id (and number), an unknown
 * format lists the formats there are, an unknown key is named.
 */
function describeManifestErrors(errors: ErrorObject[], data: unknown): string {
  const sources = (data as { sources?: unknown } | null)?.sources;
  const described = errors.slice(0, 5).map((e) => {
    const m = /^\/sources\/(\d+)(\/.*)?$/u.exec(e.instancePath);
    let where = e.instancePath === '' ? 'the manifest' : e.instancePath;
    if (m) {
      const index = Number(m[1]);
      const id = Array.isArray(sources) ? (sources[index] as { id?: unknown } | undefined)?.id : undefined;
      const name = typeof id === 'string' ? `source \`${id}\` (entry ${index + 1})` : `entry ${index + 1} of \`sources\``;
      where = m[2] ? `${name}, \`${m[2].slice(1)}\`` : name;
    }
    const params = e.params as { allowedValues?: unknown[]; additionalProperty?: unknown };
    if (e.keyword === 'enum' && params.allowedValues) {
      const value = e.instancePath === '' ? data : valueAt(data, e.instancePath);
      return `${where}: \`${String(value)}\` is not one of the allowed values (${params.allowedValues.join(', ')})`;
    }
    if (e.keyword === 'pattern' && /^\/sources\/\d+\/lang$/u.test(e.instancePath)) {
      return `${where}: \`${String(valueAt(data, e.instancePath))}\` is not a BCP 47 language tag; write a language, then optionally a script and a region, joined by hyphens: \`en\`, \`fa\`, \`zh-Hans\`, \`pt-BR\``;
    }
    if (e.keyword === 'pattern' && /^\/sources\/\d+\/id$/u.test(e.instancePath)) {
      return `${where}: \`${String(valueAt(data, e.instancePath))}\` is not a source id; an id is lowercase letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit (it appears in finding ids): \`en-mdn\`, \`fa-prose\``;
    }
    if (e.keyword === 'additionalProperties') return `${where}: unknown key \`${String(params.additionalProperty)}\` (remove it, or check its spelling)`;
    return `${where} ${e.message ?? 'is invalid'}`;
  });
  return `${described.join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`;
}

/**
 * A BCP 47 tag in the case the outputs write it (tags are case-insensitive, the schemas of the
 * outputs are not): language and extended language lowercase, script title case, region
 * uppercase, variants lowercase (`EN` → `en`, `zh-hant-tw` → `zh-Hant-TW`). Meant for a tag the
 * manifest's schema has accepted, where a four-letter subtag can only be a script and a two-letter
 * one only a region.
 */
export function canonicalLangTag(tag: string): string {
  return tag
    .split('-')
    .map((part, i) => {
      if (i > 0 && /^[a-zA-Z]{4}$/u.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      if (i > 0 && /^[a-zA-Z]{2}$/u.test(part)) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join('-');
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
