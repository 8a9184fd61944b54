/**
 * Where two redirect_uri values differ, in words and as a character diff: Cognito compares them
 * byte for byte (managed-login-oauth2.md §3 rule 2), so a trailing slash, the scheme, the port or
 * the case is enough to fail.
 */
import { parseUrl } from './url';

export interface UriDiff {
  /** Named differences: "trailing slash", "scheme", "port", "host case", "path case", "host", "path", "query". */
  kinds: string[];
  /** The two values with the differing middle bracketed: `http://localhost:3000/cb[/]` vs `…/cb[]`. */
  marked: { first: string; second: string };
}

export function diffUris(first: string, second: string): UriDiff {
  const a = parseUrl(first);
  const b = parseUrl(second);
  const kinds: string[] = [];
  if (a.scheme !== b.scheme) kinds.push('scheme');
  // parseUrl lower-cases hosts, so compare the raw authority for case.
  const rawHost = (url: string) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1]?.replace(/:\d*$/, '') ?? '';
  if (a.host !== b.host) kinds.push('host');
  else if (rawHost(first) !== rawHost(second)) kinds.push('host case');
  if (a.port !== b.port) kinds.push('port');
  if (a.path !== b.path) {
    const trim = (p: string) => p.replace(/\/+$/, '');
    if (trim(a.path) === trim(b.path)) kinds.push('trailing slash');
    else if (a.path.toLowerCase() === b.path.toLowerCase()) kinds.push('path case');
    else kinds.push('path');
  }
  const queryOf = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?')) : '');
  if (queryOf(first) !== queryOf(second)) kinds.push('query');
  if (kinds.length === 0 && first !== second) kinds.push('encoding');
  let start = 0;
  while (start < first.length && start < second.length && first[start] === second[start]) start++;
  let end = 0;
  while (end < first.length - start && end < second.length - start && first[first.length - 1 - end] === second[second.length - 1 - end]) end++;
  const mark = (s: string) => `${s.slice(0, start)}[${s.slice(start, s.length - end)}]${s.slice(s.length - end)}`;
  return { kinds, marked: { first: mark(first), second: mark(second) } };
}
