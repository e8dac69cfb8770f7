/**
 * Per-locale views of the dataset, fully resolved the way CLDR resolves locales: each tag has a
 * parent chain (`zh-TW` → `zh-Hant` → English, `fa-IR` → `fa` → English), `zh-Hant` never falls
 * back to `zh-Hans`, and every chain ends at English. Every code gets a name and a description,
 * each marked with the language it actually came from.
 */
import { stringify } from 'csv-stringify/sync';
import type { LocalizedValue } from './dataset.ts';
import { byCodePoint } from './order.ts';
import type { ClassRecord, CodeRecord } from './reconcile/records.ts';
import { DEFAULT_SCRIPT, localeChain, ROOT_LOCALE } from './package/index.js';
import type { LocaleFile } from './package/types/locale.js';

export { localeChain, ROOT_LOCALE };
export type { LocaleFile };

/** Languages this chain must never fall back to: the same language in another script. */
function excludedFor(chain: string[]): (tag: string) => boolean {
  const first = chain[0]!;
  const [language] = first.split('-');
  const script = chain.map((t) => t.split('-').find((p) => p.length === 4)).find((s) => s !== undefined) ?? DEFAULT_SCRIPT[language!];
  return (tag) => {
    const [l, ...rest] = tag.split('-');
    if (l !== language) return false;
    const s = rest.find((p) => p.length === 4) ?? DEFAULT_SCRIPT[l!];
    return s !== undefined && script !== undefined && s !== script;
  };
}

export interface Resolved {
  text: string;
  lang: string;
}

/**
 * The value for a locale: along the chain first; when English has none either, the first other
 * language in code-point order that is not the same language in another script.
 */
export function resolveValue(values: Record<string, LocalizedValue>, chain: string[]): Resolved | undefined {
  for (const tag of chain) {
    const value = values[tag];
    if (value) return { text: value.text, lang: tag };
  }
  const excluded = excludedFor(chain);
  for (const tag of Object.keys(values).sort(byCodePoint)) {
    if (!excluded(tag)) return { text: values[tag]!.text, lang: tag };
  }
  return undefined;
}

/** Every language tag the dataset has a name or description in. */
export function dataLocales(codes: CodeRecord[], classes: ClassRecord[]): string[] {
  const tags = new Set<string>([ROOT_LOCALE]);
  for (const c of codes) for (const t of [...Object.keys(c.names), ...Object.keys(c.descriptions)]) tags.add(t);
  for (const c of classes) for (const t of Object.keys(c.names)) tags.add(t);
  return [...tags].sort(byCodePoint);
}

export function buildLocaleFile(locale: string, codes: CodeRecord[], classes: ClassRecord[]): LocaleFile {
  const chain = localeChain(locale);
  const classNames = classes.map((c) => {
    const r = resolveValue(c.names, chain) ?? { text: c.name ?? c.class, lang: ROOT_LOCALE };
    return { class: c.class, name: r.text, nameLang: r.lang };
  });
  const byClass = new Map(classNames.map((c) => [c.class, c]));
  return {
    locale,
    chain: chain as LocaleFile['chain'],
    classes: classNames,
    codes: codes.map((c) => {
      const name = resolveValue(c.names, chain) ?? (c.name ? { text: c.name, lang: ROOT_LOCALE } : { text: String(c.code), lang: ROOT_LOCALE });
      const description = resolveValue(c.descriptions, chain);
      const cls = byClass.get(c.class)!;
      return {
        code: c.code,
        name: name.text,
        nameLang: name.lang,
        description: description?.text ?? null,
        descriptionLang: description?.lang ?? null,
        status: c.status,
        class: c.class,
        className: cls.name,
        classNameLang: cls.nameLang,
        reference: c.reference,
      };
    }),
  };
}

/** A cell a spreadsheet would run as a formula (`=`, `+`, `@`) gets a leading apostrophe, as OWASP advises. */
function guardFormula(cell: string): string {
  return /^[=+@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const CSV_COLUMNS = ['code', 'name', 'name_lang', 'description', 'description_lang', 'status', 'class', 'class_name', 'reference'] as const;

/** A spreadsheet view of a locale file, for people who review translations (UTF-8 with a BOM so spreadsheets detect it). */
export function localeCsv(file: LocaleFile): string {
  const rows = file.codes.map((c) => [String(c.code), c.name, c.nameLang, c.description ?? '', c.descriptionLang ?? '', c.status, c.class, c.className, c.reference ?? '']);
  return `\uFEFF${stringify([[...CSV_COLUMNS], ...rows.map((row) => row.map(guardFormula))], { record_delimiter: 'unix', quoted_match: /\r/ })}`;
}
