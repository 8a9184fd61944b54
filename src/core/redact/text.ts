/**
 * Maskers for the text forms secrets travel in besides JSON: URLs (query and fragment: OAuth codes,
 * implicit-grant tokens, presigned SigV4 parameters), form bodies, cookies, auth headers, STS XML,
 * and JWTs sitting in any text. Pure string work (src/core has no URL class).
 */
import { fingerprint } from '../fingerprint';
import { isMasked, maskValue } from './mask';
import { paramKind, type HeaderKind, type RedactionProfile } from './rules';

/** base64url header and payload of a JWT (both start with `{"` → `eyJ`), then a signature. */
const JWT_IN_TEXT = /\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/** JWTs anywhere in text lose their signature (an HTML page or a log line holding a token). */
export function scrubJwts(text: string, profile: RedactionProfile): string {
  if (!profile.scrubJwtsInText || !text.includes('eyJ')) return text;
  return text.replace(JWT_IN_TEXT, (token) => maskValue(token, 'jwt', profile));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A mask written into a URL or form: still readable, but its spaces and `#` cannot break the URL. */
function urlSafe(mask: string): string {
  return mask.replace(/%/g, '%25').replace(/ /g, '+').replace(/#/g, '%23').replace(/&/g, '%26');
}

/** Masks the secret values of `a=1&b=2` (a query, a fragment or a form body); names stay. */
export function maskParams(text: string, profile: RedactionProfile): string {
  if (text === '') return text;
  return text.split('&').map((pair) => {
    const at = pair.indexOf('=');
    if (at < 0) return pair;
    const name = decode(pair.slice(0, at));
    const kind = paramKind(name, profile);
    if (!kind) return pair;
    return `${pair.slice(0, at)}=${urlSafe(maskValue(decode(pair.slice(at + 1)), kind, profile))}`;
  }).join('&');
}

/** Path segments that name someone: an e-mail, a UUID (a `sub`), an identity id, a long number. */
const IDENTIFIER_SEGMENT = /@|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|^\d{6,}$/i;

function maskPath(path: string, profile: RedactionProfile): string {
  if (!profile.maskPathIdentifiers) return path;
  return path.split('/').map((segment) => {
    const decoded = decode(segment);
    return IDENTIFIER_SEGMENT.test(decoded) ? urlSafe(`‹redacted ${decoded.length} chars #${fingerprint(decoded)}›`) : segment;
  }).join('/');
}

/** A URL with its secret query and fragment parameters masked (and, in strict, identifiers in its path). */
export function maskUrl(url: string, profile: RedactionProfile): string {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  const base = question < 0 ? beforeHash : beforeHash.slice(0, question);
  const query = question < 0 ? undefined : beforeHash.slice(question + 1);
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(base)?.[0] ?? '';
  let out = origin + maskPath(base.slice(origin.length), profile);
  if (query !== undefined) out += `?${maskParams(query, profile)}`;
  if (fragment !== undefined) out += `#${maskParams(fragment, profile)}`;
  return scrubJwts(out, profile);
}

/** Amplify's cookie storage: `CognitoIdentityServiceProvider.<clientId>.<username>.<what>` (a user name may hold dots). */
const AMPLIFY_COOKIE = /^(\s*CognitoIdentityServiceProvider\.[^.]+\.)(.+)(\.(?:idToken|accessToken|refreshToken|clockDrift|userData|deviceKey|deviceGroupKey|randomPasswordKey|signInDetails))$/;

/** A cookie's name, with the user name it may carry masked when the profile hides who the user is. */
export function maskCookieName(name: string, profile: RedactionProfile): string {
  if (!profile.maskUserInCookieNames) return name;
  const match = AMPLIFY_COOKIE.exec(name);
  return match && !isMasked(match[2]!) ? `${match[1]}${maskValue(match[2]!, 'fingerprint', profile)}${match[3]}` : name;
}

/** `Cookie: a=1; b=2`: every cookie's value masked, names kept (but for a user name inside them). */
function maskCookieHeader(value: string, profile: RedactionProfile): string {
  return value.split(';').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? part : `${maskCookieName(part.slice(0, at), profile)}=${maskValue(part.slice(at + 1), 'opaque', profile)}`;
  }).join(';');
}

/** `Set-Cookie: name=value; Path=/; …`: the value masked, the attributes kept. */
function maskSetCookie(value: string, profile: RedactionProfile): string {
  return value.split('\n').map((line) => {
    const end = line.indexOf(';');
    const first = end < 0 ? line : line.slice(0, end);
    const at = first.indexOf('=');
    const masked = at < 0 ? maskValue(first, 'opaque', profile) : `${maskCookieName(first.slice(0, at), profile)}=${maskValue(first.slice(at + 1), 'opaque', profile)}`;
    return masked + (end < 0 ? '' : line.slice(end));
  }).join('\n');
}

/** A Basic header's client id, when its credentials decode to `client_id:secret` (managed-login-oauth2.md §5). */
function basicClientId(credentials: string): string | undefined {
  try {
    const decoded = (globalThis as { atob: (s: string) => string }).atob(credentials);
    const at = decoded.indexOf(':');
    return at > 0 && /^[\w.-]{1,128}$/.test(decoded.slice(0, at)) ? decoded.slice(0, at) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `Authorization` by scheme: Basic masked whole (its tail is the client secret's), showing only the
 * client id; Bearer as a token; SigV4 keeps the access key id partly and loses its signature
 * (identity-pools.md, "Masking"); anything else opaque.
 */
function maskAuthorization(value: string, profile: RedactionProfile): string {
  const [scheme = '', ...rest] = value.split(' ');
  const credentials = rest.join(' ');
  if (isMasked(credentials) || isMasked(value)) return value;
  switch (scheme.toLowerCase()) {
    case 'basic': {
      const clientId = basicClientId(credentials.trim());
      return `${scheme} ‹redacted ${credentials.length} chars${clientId ? `, client id ${clientId}` : ''}›`;
    }
    case 'bearer':
      return `${scheme} ${maskValue(credentials, 'jwt', profile)}`;
    case 'aws4-hmac-sha256':
      return `${scheme} ${credentials
        .replace(/(Credential=)([^/,\s]+)/, (_, name: string, key: string) => name + maskValue(key, 'accessKeyId', profile))
        .replace(/(Signature=)([^,\s]+)/, (_, name: string, signature: string) => name + maskValue(signature, 'length', profile))}`;
    default:
      return maskValue(value, 'opaque', profile);
  }
}

/** `Sec-WebSocket-Protocol: graphql-ws, header-<base64url signed headers>`: the header- part masked. */
function maskSubprotocol(value: string, profile: RedactionProfile): string {
  return value.split(',').map((part) => {
    const item = part.trim();
    return item.startsWith('header-') ? ` header-${maskValue(item.slice('header-'.length), 'length', profile)}` : part;
  }).join(',').trim();
}

/** Masks one header value by its kind. */
export function maskHeader(value: string, kind: HeaderKind, profile: RedactionProfile): string {
  switch (kind) {
    case 'authorization': return maskAuthorization(value, profile);
    case 'cookie': return maskCookieHeader(value, profile);
    case 'set-cookie': return maskSetCookie(value, profile);
    case 'url': return maskUrl(value, profile);
    case 'subprotocol': return maskSubprotocol(value, profile);
    default: return maskValue(value, kind, profile);
  }
}

/** STS answers in XML: elements named by a secret key have their text masked (`<SecretAccessKey>`). */
export function maskXml(text: string, profile: RedactionProfile): string {
  return text.replace(/<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>/g, (whole, name: string, inner: string) => {
    const kind = paramKind(name, profile);
    return kind ? `<${name}>${maskValue(inner, kind, profile)}</${name}>` : whole;
  });
}

/** `?name=value` / `&name=value` (also `&amp;` in markup) inside any text: a link, a redirect page, a script. */
const PARAM_IN_TEXT = /([?&#]|&amp;)([A-Za-z_][\w.-]*)=([^&#"'\s<>]*)/g;
/** An HTML form field: `<input … name="_csrf" … value="…">` (either attribute first). */
const INPUT_TAG = /<input\b[^>]*>/gi;

/**
 * Markup and other free text (an HTML redirect page repeating the callback URL with its `code`, a
 * sign-in page's hidden `_csrf`): secret URL parameters and form fields are masked wherever they
 * sit, then JWTs lose their signature.
 */
export function maskText(text: string, profile: RedactionProfile): string {
  let out = text.replace(PARAM_IN_TEXT, (whole, sep: string, name: string, value: string) => {
    const kind = value === '' ? undefined : paramKind(decode(name), profile);
    return kind ? `${sep}${name}=${urlSafe(maskValue(decode(value), kind, profile))}` : whole;
  });
  if (out.includes('<')) {
    out = out.replace(INPUT_TAG, (tag) => {
      const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
      const kind = name === undefined ? undefined : paramKind(name, profile);
      if (!kind) return tag;
      return tag.replace(/(\bvalue\s*=\s*)(["'])([^"']*)\2/i, (_, lead: string, quote: string, value: string) =>
        value === '' ? `${lead}${quote}${quote}` : `${lead}${quote}${maskValue(value, kind, profile).replace(/["'<>]/g, '')}${quote}`);
    });
  }
  return scrubJwts(out, profile);
}
