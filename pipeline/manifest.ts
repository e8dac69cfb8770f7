/** sources/manifest.json: parsed, validated against its schema, defaults applied. */
import path from 'node:path';
import { BuildError } from './errors.ts';
import { LineIndex } from './text/lines.ts';
import { describeErrors, validator } from './schemas.ts';
import type { Format, SourceEntry } from './types.ts';

export type ManifestFormat = Format | ReferenceFormat;
export type ReferenceFormat = 'iana-registry' | 'unofficial-registry' | 'historical-names' | 'glossary' | 'class-names';
export const REFERENCE_FORMATS: readonly string[] = ['iana-registry', 'unofficial-registry', 'historical-names', 'glossary', 'class-names'];
export interface ManifestEntry extends Omit<SourceEntry, 'format'> {
  format: ManifestFormat;
  url?: string;
}

/** Parse JSON; a syntax error becomes a BuildError at the line and column of the offending character. */
export function parseJsonWithPosition(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol) throw new BuildError(`Malformed JSON: ${message}`, file, Number(lineCol[1]), Number(lineCol[2]), 'Fix the JSON syntax and run the build again.');
    if (at) {
      const point = new LineIndex(text).point(Number(at[1]));
      throw new BuildError(`Malformed JSON: ${message}`, file, point.line, point.column, 'Fix the JSON syntax and run the build again.');
    }
    throw new BuildError(`Malformed JSON: ${message}`, file, undefined, undefined, 'Fix the JSON syntax and run the build again.');
  }
}

export function parseManifest(text: string, file: string): ManifestEntry[] {
  const data = parseJsonWithPosition(text, file);
  const validate = validator('manifest');
  if (!validate(data)) {
    throw new BuildError(`Invalid manifest: ${describeErrors(validate.errors)}`, file, undefined, undefined, 'See schema/manifest.schema.json for the expected shape.');
  }
  const raw = (data as { sources: Array<Record<string, unknown>> }).sources;
  const seen = new Map<string, number>();
  return raw.map((entry, i) => {
    const id = entry.id as string;
    if (seen.has(id)) {
      throw new BuildError(`Duplicate source id \`${id}\` (entries ${seen.get(id)! + 1} and ${i + 1})`, file, undefined, undefined, 'Every source needs its own id.');
    }
    seen.set(id, i);
    const rel = entry.file as string;
    const normalized = path.posix.normalize(rel.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../') || /^[a-zA-Z]:/.test(normalized)) {
      throw new BuildError(`Source \`${id}\` has file \`${rel}\` outside the sources folder; refused`, file, undefined, undefined, 'Copy the document into sources/ and give its path relative to that folder.');
    }
    const result: ManifestEntry = {
      id,
      file: normalized,
      format: entry.format as ManifestFormat,
      lang: entry.lang as string,
      title: (entry.title as string | undefined) ?? path.posix.basename(normalized),
      trust: (entry.trust as number | undefined) ?? 1,
      options: { ...((entry.options as object | undefined) ?? {}) },
    };
    if (typeof entry.url === 'string') result.url = entry.url;
    return result;
  });
}
