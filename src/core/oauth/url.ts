/**
 * URL and form parsing without the platform's URL class (src/core has no DOM or Node types).
 * Total: odd input gives empty parts, never an exception. Percent-decoding follows
 * application/x-www-form-urlencoded (`+` is a space), as OAuth query strings and bodies use it.
 */

export interface Param {
  name: string;
  /** Decoded value (form decoding, once). */
  value: string;
  /** The value exactly as it appeared, still encoded. */
  raw: string;
}

export interface ParsedUrl {
  /** Lower-cased scheme without ':' ('https'), '' when relative. */
  scheme: string;
  /** Lower-cased host, '' when relative. */
  host: string;
  /** Explicit port or '' (default port). */
  port: string;
  /** `scheme://host[:port]`, '' when relative. */
  origin: string;
  /** Path as written, '/' when empty. */
  path: string;
  query: Param[];
  /** Fragment parameters (implicit grant), empty when none. */
  fragment: Param[];
  hasFragment: boolean;
}

/** Form-decodes once; a malformed escape is kept as written. */
export function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** `a=1&b=2` → params, in order; repeated names are kept. */
export function parseForm(text: string): Param[] {
  const params: Param[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    params.push({ name: formDecode(rawName), value: formDecode(raw), raw });
  }
  return params;
}

/** First value of a parameter, or undefined. */
export function param(params: readonly Param[], name: string): string | undefined {
  return params.find((p) => p.name === name)?.value;
}

export function rawParam(params: readonly Param[], name: string): string | undefined {
  return params.find((p) => p.name === name)?.raw;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

export type Address = Pick<ParsedUrl, 'scheme' | 'host' | 'port' | 'origin' | 'path'>;

/** Scheme, host, port, origin and path only: cheap enough for every entry of a large capture. */
export function parseAddress(url: string): Address {
  const text = typeof url === 'string' ? url.trim() : '';
  const cut = text.search(/[?#]/);
  return addressOf(cut < 0 ? text : text.slice(0, cut));
}

function addressOf(base: string): Address {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(.*)$/.exec(base);
  let scheme = '';
  let host = '';
  let port = '';
  let path = base;
  if (match) {
    scheme = (match[1] ?? '').toLowerCase();
    const authority = (match[2] ?? '').replace(/^.*@/, '');
    const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority);
    host = (portMatch?.[1] ?? authority).toLowerCase();
    port = portMatch?.[2] ?? '';
    if (port === DEFAULT_PORTS[scheme]) port = '';
    path = match[3] ?? '';
  }
  if (path === '') path = '/';
  const origin = scheme ? `${scheme}://${host}${port ? `:${port}` : ''}` : '';
  return { scheme, host, port, origin, path };
}

export function parseUrl(url: string): ParsedUrl {
  const text = typeof url === 'string' ? url.trim() : '';
  const hashAt = text.indexOf('#');
  const beforeHash = hashAt < 0 ? text : text.slice(0, hashAt);
  const fragmentText = hashAt < 0 ? '' : text.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const queryText = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1);
  return { ...addressOf(base), query: parseForm(queryText), fragment: parseForm(fragmentText), hasFragment: hashAt >= 0 };
}

/** Resolves a `Location` value against the URL that answered it (absolute, origin-relative or path-relative). */
export function resolveLocation(location: string, base: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) return location;
  const b = parseAddress(base);
  if (!b.origin) return location;
  if (location.startsWith('//')) return `${b.scheme}:${location}`;
  if (location.startsWith('/')) return b.origin + location;
  const dir = b.path.slice(0, b.path.lastIndexOf('/') + 1);
  return b.origin + dir + location;
}

/** The URL without its fragment: what a browser records as the next request's URL. */
export function withoutFragment(url: string): string {
  const hashAt = url.indexOf('#');
  return hashAt < 0 ? url : url.slice(0, hashAt);
}

/** `origin + path`, the part of a URL a redirect_uri is compared on for linking. */
export function originPath(url: string): string {
  const parsed = parseAddress(url);
  return parsed.origin + parsed.path;
}
