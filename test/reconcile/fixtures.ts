/** Small registries and claims written for the reconcile rule tests. */
import { emptyRegistries, parseGlossary, parseHistoricalNames, parseIanaRegistry, parseUnofficialRegistry, type Registries } from '../../pipeline/registry.ts';
import type { Claim } from '../../pipeline/types.ts';

export const IANA = `Value,Description,Reference
200,OK,[RFC9110]
207,Multi-Status,[RFC4918]
208,Already Reported,[RFC5842]
300,Multiple Choices,[RFC9110]
302,Found,[RFC9110]
306,(Unused),[RFC9110]
400,Bad Request,[RFC9110]
413,Content Too Large,[RFC9110]
421,Misdirected Request,[RFC9110]
431,Request Header Fields Too Large,[RFC6585]
506,Variant Also Negotiates,[RFC2295]
507,Insufficient Storage,[RFC4918]
510,Not Extended (OBSOLETED),[RFC2774]
509,Unassigned,
`;

export const UNOFFICIAL = `Value,Name,Origin,Note
421,Too Many Connections From Your Internet Address,Historical usage,Conflicts with the registered 421
509,Bandwidth Limit Exceeded,Apache Web Server / cPanel,Not registered
`;

export const HISTORICAL = `Value,Name,Reference
302,Moved Temporarily,RFC 1945
413,Request Entity Too Large,RFC 2616
`;

export const GLOSSARY = `concept,en,zh-Hans
variant,variant,变体
negotiation,negotiat,协商
storage,storage,存储
header,header,头
large,large,太大
`;

export function registries(): Registries {
  const r = emptyRegistries();
  Object.assign(r, parseIanaRegistry(IANA, 'iana.csv'), { ianaSource: 'iana' });
  r.unofficial = parseUnofficialRegistry(UNOFFICIAL, 'unofficial.csv');
  r.unofficialSource = 'unofficial';
  r.historical = parseHistoricalNames(HISTORICAL, 'historical.csv');
  r.glossary = parseGlossary(GLOSSARY, 'glossary.csv');
  return r;
}

let nextLine = 1;
export function claim(code: string, field: Claim['field'], text: string, extra: Partial<Claim> = {}): Claim {
  const line = extra.line ?? nextLine++;
  return { code, field, text, lang: 'en', source: 'a', line, column: 1, endLine: line, excerpt: text, ...extra };
}
