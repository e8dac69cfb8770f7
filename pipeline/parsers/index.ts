/** One parser per document format; adding a format is one module and one line here. */
import type { Format, Parser } from '../types.ts';
import { parseTable } from './table.ts';
import { parseProse } from './prose.ts';
import { parseBilingualList } from './list.ts';
import { parseMarkdown } from './markdown.ts';
import { parseHtml } from './html.ts';

export const PARSERS: Record<Format, Parser> = {
  table: parseTable,
  prose: parseProse,
  list: parseBilingualList,
  markdown: parseMarkdown,
  html: parseHtml,
};
