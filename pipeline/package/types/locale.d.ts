/* Generated from schema/locale.schema.json by `npm run types`; do not edit. */

/**
 * out/locales/<tag>.json: the dataset resolved for one locale. Every code has a name and a description, each marked with the language it came from (the locale itself, or a fallback along its chain).
 */
export interface LocaleFile {
  /**
   * BCP 47 tag of this file.
   */
  locale: string;
  /**
   * Fallback chain, most specific first, ending at en.
   *
   * @minItems 1
   */
  chain: [string, ...string[]];
  classes: LocaleClass[];
  codes: LocaleEntry[];
}
/**
 * This interface was referenced by `LocaleFile`'s JSON-Schema
 * via the `definition` "localeClass".
 */
export interface LocaleClass {
  class: string;
  name: string;
  /**
   * Language the name came from.
   */
  nameLang: string;
}
/**
 * This interface was referenced by `LocaleFile`'s JSON-Schema
 * via the `definition` "localeEntry".
 */
export interface LocaleEntry {
  code: number;
  name: string;
  /**
   * Language the name came from; differs from the file's locale when it fell back.
   */
  nameLang: string;
  /**
   * Null only when no source in any usable language describes the code.
   */
  description: string | null;
  descriptionLang: string | null;
  status: 'registered' | 'unused' | 'obsoleted' | 'temporary' | 'unofficial' | 'unregistered';
  class: string;
  className: string;
  classNameLang: string;
  /**
   * The registry's specification reference.
   */
  reference: string | null;
}
