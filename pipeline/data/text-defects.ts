/** Data for the text-defect rules: words a complete sentence does not end with, and HTTP tokens. */

/** Words that cannot end a complete English sentence: a text ending with one was cut off. */
export const DANGLING_WORDS: Record<string, Set<string>> = {
  en: new Set(
    'a an the of to in on at by for from with as and or but nor if than that which who whose whom is are was were be been being has have had do does did not no its their his her our your my this these those such e.g i.e via per into onto over under about between named called given'.split(' '),
  ),
  fa: new Set('و به از در که را با برای تا یا اما این آن'.split(' ')),
  ru: new Set('и в во на с со к ко по из от до для о об что как а но или не'.split(' ')),
};

/** Tokens of HTTP that appear in descriptions; two run together (`GETHEAD`) mean lost markup. */
export const HTTP_TOKENS: readonly string[] = [
  'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH',
  'Location', 'Content-Length', 'Content-Type', 'Content-Range', 'Retry-After', 'Upgrade', 'Allow',
  'ETag', 'Expires', 'Vary', 'Range', 'If-Range', 'Expect', 'Authorization', 'WWW-Authenticate',
  'Proxy-Authenticate', 'Proxy-Authorization', 'Cache-Control', 'Last-Modified', 'If-Modified-Since',
  'If-None-Match', 'If-Match', 'Date', 'Host', 'HTTP', 'HTTPS', 'URI', 'URL',
];
