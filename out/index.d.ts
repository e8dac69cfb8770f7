// Types of the http-status-atlas helper. The data shapes are generated from the JSON Schemas
// (types/locale.d.ts and types/dataset.d.ts).
import type { LocaleEntry } from './types/locale.js';

export type { LocaleFile, LocaleEntry, LocaleClass } from './types/locale.js';
export type { HttpStatusCodes, CodeRecord } from './types/dataset.js';

/** A status as getStatus returns it: the locale file's entry plus the locale that served it. */
export type Status = LocaleEntry & { locale: string };

export declare const ROOT_LOCALE: 'en';
/** The script a language is written in when the tag names none. */
export declare const DEFAULT_SCRIPT: Readonly<Record<string, string>>;
/** `ZH-hant-tw` → `zh-Hant-TW`. */
export declare function canonicalizeTag(tag: string): string;
/** The parent chain of a locale, most specific first, ending at English. */
export declare function localeChain(tag: string): string[];
/** The locale file that serves a requested locale. */
export declare function negotiateLocale(locale?: string): string;
/** Every locale the package has a file for. */
export declare function listLocales(): string[];
/** A status in a locale (unknown locales give English), or undefined for an unknown code. */
export declare function getStatus(code: number | string, locale?: string): Status | undefined;
/** All statuses in a locale, in code order. */
export declare function listStatuses(locale?: string): Status[];
