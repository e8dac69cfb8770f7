/**
 * The authorities: the IANA status code registry (its own CSV shape, `Value,Description,Reference`,
 * as published) and the list of unofficial and historical codes (`Value,Name,Origin,Note`).
 * Lifecycle words in the registry's description, `(Unused)` or `(OBSOLETED)`, become a status.
 */
import { pushTo } from './order.ts';
import { parse } from 'csv-parse/sync';
import { BuildError } from './errors.ts';
import type { ReferenceFormat } from './manifest.ts';

export type RegistryStatus = 'registered' | 'unused' | 'obsoleted' | 'temporary';

export interface RegistryEntry {
  code: string;
  /** Canonical English name, lifecycle words removed; null when nothing but a lifecycle word remains. */
  name: string | null;
  status: RegistryStatus;
  reference: string | null;
  line: number;
}

export interface UnofficialEntry {
  code: string;
  name: string;
  origin: string;
  note: string;
  line: number;
}

export interface HistoricalName {
  code: string;
  name: string;
  reference: string;
  line: number;
}

/** One subject (`storage`) and the words that name it in each language. */
export interface GlossaryConcept {
  concept: string;
  terms: Map<string, string[]>;
  line: number;
}

export interface Registries {
  iana: Map<string, RegistryEntry>;
  /** Unassigned ranges, inclusive. */
  unassigned: Array<[number, number]>;
  unofficial: Map<string, UnofficialEntry[]>;
  historical: Map<string, HistoricalName[]>;
  glossary: GlossaryConcept[];
  /** English class names (`4xx` to `Client Error`), with where they come from. */
  classes: Map<string, { name: string; reference: string; line: number }>;
  classesSource?: string;
  ianaSource?: string;
  unofficialSource?: string;
  historicalSource?: string;
}

export function emptyRegistries(): Registries {
  return { iana: new Map(), unassigned: [], unofficial: new Map(), historical: new Map(), glossary: [], classes: new Map() };
}

const LIFECYCLE: Array<[RegExp, RegistryStatus]> = [
  [/\((?:unused)\)/i, 'unused'],
  [/\((?:obsoleted|obsolete|deprecated)\)/i, 'obsoleted'],
  [/\((?:temporary.*?)\)/i, 'temporary'],
];

function readCsv(text: string, file: string, columns: string[]): Array<{ record: Record<string, string>; line: number }> {
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true }) as typeof rows;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new BuildError(`Malformed CSV: ${e.message}`, file, e.lines);
  }
  if (rows.length === 0) throw new BuildError('CSV has no data rows', file, 1, undefined, `Expected a header (${columns.join(', ')}, ...) and one row per entry.`);
  const header = Object.keys(rows[0]!.record);
  for (const column of columns) {
    if (!header.includes(column)) {
      throw new BuildError(`CSV has no \`${column}\` column (found: ${header.join(', ')})`, file, 1);
    }
  }
  return rows.map((r) => ({ record: r.record, line: r.info.lines }));
}

/** A status code as the registries write it: three digits, 100 to 599. */
function readRegistryCode(value: string, file: string, line: number): string {
  if (!/^[1-5]\d\d$/.test(value)) throw new BuildError(`\`${value}\` is not a status code (three digits, 100-599)`, file, line);
  return value;
}

export function parseIanaRegistry(text: string, file: string): Pick<Registries, 'iana' | 'unassigned'> {
  const iana = new Map<string, RegistryEntry>();
  const unassigned: Array<[number, number]> = [];
  for (const { record, line } of readCsv(text, file, ['Value', 'Description'])) {
    const value = record.Value ?? '';
    const description = (record.Description ?? '').trim();
    const range = /^(\d{3})-(\d{3})$/.exec(value);
    if (range) {
      if (/^unassigned$/i.test(description)) unassigned.push([Number(range[1]), Number(range[2])]);
      continue;
    }
    readRegistryCode(value, file, line);
    const earlier = iana.get(value);
    if (earlier) throw new BuildError(`Code ${value} is listed twice (lines ${earlier.line} and ${line})`, file, line, undefined, 'Keep one row per code.');
    if (/^unassigned$/i.test(description)) {
      unassigned.push([Number(value), Number(value)]);
      continue;
    }
    let status: RegistryStatus = 'registered';
    let name = description;
    for (const [pattern, lifecycle] of LIFECYCLE) {
      if (pattern.test(name)) {
        status = lifecycle;
        name = name.replace(pattern, ' ').replace(/\s+/g, ' ').trim();
      }
    }
    iana.set(value, { code: value, name: name === '' ? null : name, status, reference: (record.Reference ?? '').trim() || null, line });
  }
  return { iana, unassigned };
}

export function parseUnofficialRegistry(text: string, file: string): Map<string, UnofficialEntry[]> {
  const out = new Map<string, UnofficialEntry[]>();
  for (const { record, line } of readCsv(text, file, ['Value', 'Name'])) {
    const code = readRegistryCode(record.Value ?? '', file, line);
    const entry: UnofficialEntry = { code, name: record.Name ?? '', origin: record.Origin ?? '', note: record.Note ?? '', line };
    pushTo(out, code, entry);
  }
  return out;
}

export function parseHistoricalNames(text: string, file: string): Map<string, HistoricalName[]> {
  const out = new Map<string, HistoricalName[]>();
  for (const { record, line } of readCsv(text, file, ['Value', 'Name'])) {
    const code = readRegistryCode(record.Value ?? '', file, line);
    pushTo(out, code, { code, name: record.Name ?? '', reference: record.Reference ?? '', line });
  }
  return out;
}

/** `concept,en,fa,...`: each language column lists terms separated by `;`. */
export function parseGlossary(text: string, file: string): GlossaryConcept[] {
  const out: GlossaryConcept[] = [];
  for (const { record, line } of readCsv(text, file, ['concept', 'en'])) {
    const terms = new Map<string, string[]>();
    for (const [lang, cell] of Object.entries(record)) {
      if (lang === 'concept') continue;
      const list = (cell ?? '').split(';').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
      if (list.length > 0) terms.set(lang, list);
    }
    out.push({ concept: record.concept ?? '', terms, line });
  }
  return out;
}

export function parseClassNames(text: string, file: string): Registries['classes'] {
  const out: Registries['classes'] = new Map();
  for (const { record, line } of readCsv(text, file, ['Class', 'Name'])) {
    const cls = record.Class ?? '';
    if (!/^[1-5]xx$/.test(cls)) throw new BuildError(`Class \`${cls}\` is not one of 1xx to 5xx`, file, line);
    out.set(cls, { name: record.Name ?? '', reference: record.Reference ?? '', line });
  }
  return out;
}

/**
 * How each reference format is read into the registries: one entry per format, so a new kind of
 * reference file is one parser and one line here.
 */
export const REFERENCE_READERS: Record<ReferenceFormat, (registries: Registries, text: string, file: string, id: string) => void> = {
  'iana-registry': (r, text, file, id) => {
    Object.assign(r, parseIanaRegistry(text, file));
    r.ianaSource = id;
  },
  'unofficial-registry': (r, text, file, id) => {
    r.unofficial = parseUnofficialRegistry(text, file);
    r.unofficialSource = id;
  },
  'historical-names': (r, text, file, id) => {
    r.historical = parseHistoricalNames(text, file);
    r.historicalSource = id;
  },
  'class-names': (r, text, file, id) => {
    r.classes = parseClassNames(text, file);
    r.classesSource = id;
  },
  glossary: (r, text, file) => {
    r.glossary = parseGlossary(text, file);
  },
};
