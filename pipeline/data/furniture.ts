/**
 * Page furniture: lines a web page wraps around its content (links to the previous and next page,
 * contributor lists, update stamps, bare URLs). Data, not logic: extend it here or per source with
 * the manifest's `options.furniture`.
 */
export const FURNITURE_PATTERNS: Array<{ pattern: RegExp; label: string }> = [
  { pattern: /^\s*(?:<?https?:\/\/|www\.)\S+>?\s*$/iu, label: 'bare URL' },
  {
    pattern:
      /^\s*(?:上一篇|下一篇|上一页|下一页|上一頁|下一頁|上一則|下一則|上一章|下一章|previous(?: page| article| post)?|next(?: page| article| post)?|prev|قبلی|بعدی|مطلب قبلی|مطلب بعدی|предыдущая(?: статья)?|следующая(?: статья)?|anterior|siguiente|précédent|suivant|zurück|weiter|前へ|次へ)\s*[:：»«›‹]/iu,
    label: 'link to the previous or next page',
  },
  {
    pattern:
      /^\s*(?:此頁面的貢獻者|本页面的贡献者|此页面的贡献者|贡献者|貢獻者|contributors?(?: to this page)?|last (?:updated|modified)|最近更新|最后更新|最後更新|最后修改|最後修改|مشارکت(?:\u200C| )?کنندگان|آخرین به(?:\u200C| )?روزرسانی|авторы|последнее изменение|colaboradores|última actualización|mitwirkende|zuletzt geändert)\s*[:：]/iu,
    label: 'contributor list or update stamp',
  },
  { pattern: /^\s*(?:©|\(c\)\s|copyright\b)/iu, label: 'copyright line' },
];

/** The label of the furniture pattern a line matches, or undefined. */
export function furnitureLabel(line: string, extra: readonly string[] = []): string | undefined {
  for (const { pattern, label } of FURNITURE_PATTERNS) if (pattern.test(line)) return label;
  for (const source of extra) {
    const pattern = extraPattern(source);
    if (pattern && pattern.test(line)) return 'matches the manifest’s furniture pattern';
  }
  return undefined;
}

const compiled = new Map<string, RegExp | undefined>();

/**
 * A manifest pattern, compiled once rather than once per line. The manifest is checked when it is
 * read (an invalid pattern stops the build there); one that slipped through matches nothing here
 * rather than throwing in the middle of a parse.
 */
function extraPattern(source: string): RegExp | undefined {
  if (!compiled.has(source)) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(source, 'u');
    } catch {
      pattern = undefined;
    }
    compiled.set(source, pattern);
  }
  return compiled.get(source);
}
