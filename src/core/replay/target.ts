/**
 * Where a replay goes, and whether to warn before it goes there.
 *
 * A replay is sent to the URL the captured call went to — a URL the inspected (possibly hostile)
 * page chose — and it carries the extension's Origin (in Firefox a per-profile UUID). So before
 * Send the editor names the destination host and warns unless it is an AWS Cognito user-pool
 * endpoint or the page's own origin (a same-origin proxy the app itself uses).
 * Endpoint forms (cognito-protocol.md, "Wire": the regional endpoint, also FIPS): standard
 * `cognito-idp.<region>.amazonaws.com`, FIPS `cognito-idp-fips.<region>.amazonaws.com`, the
 * dual-stack `….api.aws` forms, and the China partition's `….amazonaws.com.cn`; always https.
 */
import type { CognitoCall } from '../model';
import { headerValue } from '../har';

export type ReplayTargetKind = 'aws-cognito' | 'page-origin' | 'other' | 'invalid';

export interface ReplayTarget {
  kind: ReplayTargetKind;
  /** The host (with a non-default port) the replay is sent to; the raw URL's start when unparseable. */
  host: string;
  /** `https://…` origin of the destination, or '' when the URL is not http(s). */
  origin: string;
  /** AWS region when the host is a Cognito endpoint. */
  region: string | null;
  /** Plain words for the warning shown before Send; null when the destination is expected. */
  warning: string | null;
}

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';
/** One row per endpoint family; `host` is matched whole, case-insensitively. */
const COGNITO_ENDPOINTS: readonly { name: string; host: RegExp }[] = [
  { name: 'standard', host: new RegExp(`^cognito-idp\\.(${REGION})\\.amazonaws\\.com$`, 'i') },
  { name: 'FIPS', host: new RegExp(`^cognito-idp-fips\\.(${REGION})\\.amazonaws\\.com$`, 'i') },
  { name: 'dual-stack', host: new RegExp(`^cognito-idp(?:-fips)?\\.(${REGION})\\.api\\.aws$`, 'i') },
  { name: 'China', host: new RegExp(`^cognito-idp\\.(cn-[a-z]+-\\d{1,2})\\.amazonaws\\.com\\.cn$`, 'i') },
];

/** The Cognito region of an endpoint URL (`https://cognito-idp.eu-west-1.amazonaws.com/`), or null for any other URL. */
export function cognitoEndpointRegion(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.port !== '') return null;
  for (const endpoint of COGNITO_ENDPOINTS) {
    const match = endpoint.host.exec(parsed.hostname);
    if (match?.[1]) return match[1].toLowerCase();
  }
  return null;
}

interface ParsedUrl {
  protocol: 'http:' | 'https:';
  hostname: string;
  /** '' for the scheme's default port. */
  port: string;
  /** hostname plus ':port' when not the default. */
  host: string;
  origin: string;
}

/**
 * The scheme and authority of an http(s) URL (src/core has no WHATWG URL type: it must run
 * anywhere). User info is dropped, the host lower-cased, default ports removed, as URL would.
 */
function parseUrl(url: string): ParsedUrl | null {
  const match = /^(https?):\/\/(?:[^@/?#\s]*@)?(\[[0-9a-f:.]+\]|[^:/?#\s]+)(?::(\d{1,5}))?(?:[/?#]|$)/i.exec(url.trim());
  if (!match?.[1] || !match[2]) return null;
  const protocol = match[1].toLowerCase() === 'https' ? 'https:' : 'http:';
  const hostname = match[2].toLowerCase().replace(/\.$/, '');
  const rawPort = match[3] ?? '';
  const port = rawPort === '' || (protocol === 'https:' && rawPort === '443') || (protocol === 'http:' && rawPort === '80') ? '' : String(Number(rawPort));
  const host = port ? `${hostname}:${port}` : hostname;
  return { protocol, hostname, port, host, origin: `${protocol}//${host}` };
}

/**
 * The page's origin as the browser reported it on the captured request: the `Origin` header
 * (set by the browser on every cross-origin POST, not by page script), else the Referer's origin.
 */
export function pageOriginOf(call: CognitoCall): string | null {
  const headers = call.har.request.headers;
  const origin = headerValue(headers, 'Origin');
  if (origin && origin !== 'null') {
    const parsed = parseUrl(origin);
    if (parsed) return parsed.origin;
  }
  const referer = headerValue(headers, 'Referer');
  return referer ? (parseUrl(referer)?.origin ?? null) : null;
}

/** The replay's destination and the warning to show for it; `pageOrigin` overrides what the capture says. */
export function replayTarget(url: string, pageOrigin: string | null): ReplayTarget {
  const parsed = parseUrl(url);
  if (!parsed) {
    return { kind: 'invalid', host: url.slice(0, 80), origin: '', region: null, warning: 'The call\'s URL is not an http(s) address; it cannot be replayed.' };
  }
  const host = parsed.host;
  const region = cognitoEndpointRegion(url);
  if (region !== null) return { kind: 'aws-cognito', host, origin: parsed.origin, region, warning: null };
  if (pageOrigin !== null && parsed.origin === pageOrigin) return { kind: 'page-origin', host, origin: parsed.origin, region: null, warning: null };
  return {
    kind: 'other',
    host,
    origin: parsed.origin,
    region: null,
    warning: `${host} is neither an AWS Cognito endpoint nor the page's own origin`
      + `${pageOrigin ? ` (${pageOrigin})` : ''}. The page chose this address: what you send (passwords, codes, Sessions) goes to whoever runs it,`
      + ' with the extension\'s Origin. Send only if you trust it (an emulator or proxy you run).',
  };
}

/** The target of replaying `call`, with the page origin taken from the capture. */
export function callReplayTarget(call: CognitoCall): ReplayTarget {
  return replayTarget(call.url, pageOriginOf(call));
}
