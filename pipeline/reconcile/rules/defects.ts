/**
 * Damaged text: cut off mid-sentence, masked or censored with asterisks, an unresolved character
 * reference, words run together where markup was lost, or a long run of another language inside
 * a text. Damaged candidates are ranked below sound ones; they are never dropped.
 */
import { DANGLING_WORDS, HTTP_TOKENS } from '../../data/text-defects.ts';
import { primarySubtag } from '../../text/lang.ts';
import type { Claim } from '../../types.ts';

export type DefectKind = 'truncated' | 'masked' | 'unresolved-entity' | 'run-together' | 'mixed-language';

export interface Defect {
  kind: DefectKind;
  detail: string;
  /** Whether the text should lose against a sound candidate. */
  demote: boolean;
}

const TOKEN_SET = new Set(HTTP_TOKENS.map((t) => t.toUpperCase()));

/** `GETHEAD` is GET + HEAD; returns the parts when a token is two or more HTTP tokens run together. */
export function splitRunTogether(token: string): string[] | undefined {
  const upper = token.toUpperCase();
  if (TOKEN_SET.has(upper)) return undefined;
  const memo = new Map<number, string[] | null>();
  const solve = (start: number): string[] | null => {
    if (start === upper.length) return [];
    if (memo.has(start)) return memo.get(start)!;
    let found: string[] | null = null;
    for (const t of TOKEN_SET) {
      if (upper.startsWith(t, start)) {
        const rest = solve(start + t.length);
        if (rest) {
          found = [token.slice(start, start + t.length), ...rest];
          break;
        }
      }
    }
    memo.set(start, found);
    return found;
  };
  const parts = solve(0);
  return parts && parts.length >= 2 ? parts : undefined;
}

const LETTER = /^\p{L}$/u;

/** Is the code point a letter or a dot? (ASCII without a regular expression.) */
function isWordPoint(cp: number): boolean {
  if (cp < 0x80) return cp === 0x2e || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  return LETTER.test(String.fromCodePoint(cp));
}

/** The last run of letters (and dots, for `e.g.`) in a text, lowercased, trailing dot dropped. */
export function lastWordOf(text: string): string | undefined {
  // Backwards by code point: past what is not a word, then over the word.
  const before = (i: number) => {
    // The low half of a surrogate pair: the code point starts one unit earlier.
    const low = text.charCodeAt(i - 1);
    const paired = i >= 2 && low >= 0xdc00 && low <= 0xdfff && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
    const at = paired ? i - 2 : i - 1;
    return { cp: text.codePointAt(at)!, at };
  };
  let end = text.length;
  while (end > 0) {
    const { cp, at } = before(end);
    if (isWordPoint(cp)) break;
    end = at;
  }
  let start = end;
  while (start > 0) {
    const { cp, at } = before(start);
    if (!isWordPoint(cp)) break;
    start = at;
  }
  return start === end ? undefined : text.slice(start, end).toLowerCase().replace(/\.$/, '');
}

/** A text with no token that could be HTTP tokens run together (all capitals, or camel case). */
const MAY_RUN_TOGETHER = /[A-Z][A-Z-]{5}|[A-Z][a-z]+[A-Z]/;

export function findDefects(claim: Claim): Defect[] {
  const defects: Defect[] = [];
  const text = claim.text;
  if (claim.notes?.includes('text/unknown-entity')) {
    const entity = /&[A-Za-z][A-Za-z0-9]*;/.exec(text)?.[0] ?? 'a character reference';
    defects.push({ kind: 'unresolved-entity', detail: `contains the unresolved reference \`${entity}\``, demote: true });
  }
  if (text.includes('*') && /\p{L}\*+\p{L}|\*{3,}|[\p{Script=Han}]\*|\*[\p{Script=Han}]/u.test(text)) {
    const masked = /\S*\*+\S*/u.exec(text)?.[0] ?? '*';
    defects.push({ kind: 'masked', detail: `has masked characters (\`${masked}\`)`, demote: true });
  }
  if (claim.field === 'description') {
    const trimmed = text.trim();
    // Only the end of the text matters; looking at its tail keeps this linear.
    const tail = trimmed.slice(-80);
    const lastWord = lastWordOf(tail);
    const dangling = DANGLING_WORDS[primarySubtag(claim.lang)];
    const endsOpen = /[(\[,;–—-]$|\p{L}[:：]$|\be\.g\.$|\bi\.e\.$/u.test(tail);
    if (endsOpen || (dangling && lastWord !== undefined && dangling.has(lastWord) && !/[.!?。！？)"”]$/u.test(trimmed))) {
      defects.push({ kind: 'truncated', detail: `ends mid-sentence (\`…${trimmed.slice(-30)}\`)`, demote: true });
    }
  }
  for (const token of MAY_RUN_TOGETHER.test(text) ? (text.match(/[A-Z][A-Za-z-]{5,}/g) ?? []) : []) {
    if (token !== token.toUpperCase() && !/^[A-Z][a-z]+[A-Z]/.test(token)) continue;
    const parts = splitRunTogether(token);
    if (parts) {
      defects.push({ kind: 'run-together', detail: `has \`${token}\`, which reads as ${parts.map((p) => `\`${p}\``).join(' + ')} run together (lost markup)`, demote: true });
      break;
    }
  }
  if (claim.lang !== 'en' && /[^\p{Script=Latin}\s\p{P}\p{N}\p{S}]/u.test(text)) {
    // A run of 4+ lowercase-led English words inside non-Latin text is an untranslated fragment.
    const run = /(?:\b[A-Za-z][a-z]*\b[ ,]+){3,}\b[a-z][a-z]*\b/.exec(text);
    if (run && /\b[a-z]{2,}\b.*\b[a-z]{2,}\b/.test(run[0]) && run[0].split(/\s+/).filter((w) => /^[a-z]/.test(w)).length >= 3) {
      defects.push({ kind: 'mixed-language', detail: `has an untranslated English fragment (\`${run[0].trim()}\`)`, demote: false });
    }
  }
  return defects;
}
