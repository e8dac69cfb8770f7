// http-status-atlas: HTTP status codes with names and descriptions in many languages.
// This file is copied into the published package as is; it has no dependencies. The build uses
// the same locale chain, so the package and the data files agree on fallback.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const ROOT_LOCALE = 'en';

// Region to script for languages whose script follows the region (CLDR likely subtags).
const SCRIPT_BY_REGION = { zh: { TW: 'Hant', HK: 'Hant', MO: 'Hant', CN: 'Hans', SG: 'Hans', MY: 'Hans' } };
/** The script a language is written in when the tag names none (CLDR likely subtags). */
export const DEFAULT_SCRIPT = { zh: 'Hans' };

/** `ZH-hant-tw` → `zh-Hant-TW`. */
export function canonicalizeTag(tag) {
  return String(tag)
    .trim()
    .replace(/_/g, '-')
    .split('-')
    .filter((p) => p !== '')
    .map((p, i) => {
      if (i === 0) return p.toLowerCase();
      if (p.length === 4 && /^[a-z]+$/i.test(p)) return p[0].toUpperCase() + p.slice(1).toLowerCase();
      if (p.length === 2 || /^\d{3}$/.test(p)) return p.toUpperCase();
      return p.toLowerCase();
    })
    .join('-');
}

/**
 * The parent chain of a locale, most specific first, always ending at English:
 * `zh-TW` → `zh-Hant-TW`, `zh-Hant`, `en`; `fa-IR` → `fa`, `en`. A script other than the
 * language's default never falls back to the bare language: `zh-Hant` never reaches `zh-Hans`.
 */
export function localeChain(tag) {
  const canonical = canonicalizeTag(tag ?? '');
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(canonical)) return [ROOT_LOCALE];
  const [language, ...rest] = canonical.split('-');
  let script = rest.find((p) => p.length === 4);
  const region = rest.find((p) => p.length === 2 || /^\d{3}$/.test(p));
  if (!script && region) script = SCRIPT_BY_REGION[language]?.[region];
  if (!script) script = DEFAULT_SCRIPT[language];
  const chain = [];
  const push = (t) => {
    if (!chain.includes(t)) chain.push(t);
  };
  push(canonical);
  if (script && region) push(`${language}-${script}-${region}`);
  if (script) push(`${language}-${script}`);
  if (!script || script === DEFAULT_SCRIPT[language]) {
    if (region) push(`${language}-${region}`);
    push(language);
  }
  push(ROOT_LOCALE);
  return chain;
}

let manifest;
function available() {
  manifest ??= require('./locales/index.json');
  return manifest.locales;
}

/** The locale file that serves a requested locale: the first of its chain that exists. */
export function negotiateLocale(locale) {
  const have = available();
  return localeChain(locale ?? ROOT_LOCALE).find((t) => have.includes(t)) ?? ROOT_LOCALE;
}

const files = new Map();
function localeFile(tag) {
  let file = files.get(tag);
  if (!file) {
    file = require(`./locales/${tag}.json`);
    files.set(tag, file);
  }
  return file;
}

/** Every locale the package has a file for. */
export function listLocales() {
  return [...available()];
}

/** A status in a locale (negotiated; unknown locales give English), or undefined for an unknown code. */
export function getStatus(code, locale) {
  const tag = negotiateLocale(locale);
  const entry = localeFile(tag).codes.find((c) => c.code === Number(code));
  return entry ? { ...entry, locale: tag } : undefined;
}

/** All statuses in a locale, in code order. */
export function listStatuses(locale) {
  const tag = negotiateLocale(locale);
  return localeFile(tag).codes.map((entry) => ({ ...entry, locale: tag }));
}
