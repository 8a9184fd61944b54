/**
 * A browser-shaped HTTP client for the managed-login double: navigations follow redirects one hop
 * at a time (each hop its own HAR entry with `Location` and `redirectURL`, as DevTools records
 * them, managed-login-oauth2.md §6), cookies are kept per host and path, fetches carry
 * `Sec-Fetch-Mode: cors` and `Origin`. It writes the HAR entries a "Save all as HAR" would hold.
 */
import { request as httpRequest } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { HarHeader } from '../../src/core/har';
import type { FullHarEntry } from './full-har';

export interface BrowserEntry extends FullHarEntry {
  _resourceType: string;
}

interface Cookie {
  host: string;
  path: string;
  name: string;
  value: string;
}

interface Exchange {
  status: number;
  headers: HarHeader[];
  body: string;
}

export class OAuthBrowser {
  readonly entries: BrowserEntry[] = [];
  private cookies: Cookie[] = [];

  /** Navigates like an address-bar / location.href change: follows redirects, returns the last page. */
  async navigate(url: string, init: { method?: string; form?: Record<string, string>; origin?: string } = {}): Promise<{ url: string; status: number; body: string }> {
    let current = url;
    let method = init.method ?? 'GET';
    let form = init.form;
    for (let hop = 0; hop < 20; hop++) {
      const headers: HarHeader[] = [
        { name: 'Accept', value: 'text/html,application/xhtml+xml' },
        { name: 'Sec-Fetch-Mode', value: 'navigate' },
        { name: 'Sec-Fetch-Dest', value: 'document' },
      ];
      if (init.origin && method === 'POST') headers.push({ name: 'Origin', value: init.origin });
      const response = await this.exchange(current, method, headers, form, 'document');
      const location = response.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, status: response.status, body: response.body };
      current = new URL(location, current).toString();
      method = 'GET';
      form = undefined;
    }
    throw new Error('too many redirects');
  }

  /** A fetch() from a page at `origin` (CORS mode): the token request of a public client. */
  async fetchForm(url: string, form: Record<string, string>, origin: string): Promise<{ status: number; json: unknown }> {
    const headers: HarHeader[] = [
      { name: 'Accept', value: '*/*' },
      { name: 'Origin', value: origin },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
      { name: 'Sec-Fetch-Dest', value: 'empty' },
    ];
    const response = await this.exchange(url, 'POST', headers, form, 'fetch');
    let json: unknown;
    try {
      json = JSON.parse(response.body) as unknown;
    } catch {
      json = null;
    }
    return { status: response.status, json };
  }

  private cookieHeader(url: URL): string {
    return this.cookies.filter((c) => c.host === url.host && url.pathname.startsWith(c.path)).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  private storeCookies(url: URL, headers: HarHeader[]): void {
    for (const header of headers) {
      if (header.name.toLowerCase() !== 'set-cookie') continue;
      const [pair = '', ...attributes] = header.value.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const path = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      this.cookies = this.cookies.filter((c) => !(c.host === url.host && c.name === name && c.path === path));
      if (!expired) this.cookies.push({ host: url.host, path, name, value });
    }
  }

  private async exchange(target: string, method: string, extra: HarHeader[], form: Record<string, string> | undefined, resourceType: string): Promise<Exchange> {
    const url = new URL(target);
    const body = form ? new URLSearchParams(form).toString() : '';
    const headers: HarHeader[] = [{ name: 'Host', value: url.host }, ...extra, { name: 'User-Agent', value: 'Mozilla/5.0 (cognito-flow-inspector test browser)' }];
    const cookie = this.cookieHeader(url);
    if (cookie) headers.push({ name: 'Cookie', value: cookie });
    if (form) headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { name: 'Content-Length', value: String(Buffer.byteLength(body)) });
    const started = new Date();
    const t0 = performance.now();
    const response = await new Promise<Exchange>((resolve, reject) => {
      const outgoing = httpRequest(url, { method, headers: Object.fromEntries(headers.map((h) => [h.name, h.value])) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => {
          const raw = res.rawHeaders;
          const pairs: HarHeader[] = [];
          for (let i = 0; i + 1 < raw.length; i += 2) pairs.push({ name: raw[i] ?? '', value: raw[i + 1] ?? '' });
          resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.once('error', reject);
      });
      outgoing.once('error', reject);
      outgoing.end(body);
    });
    this.storeCookies(url, response.headers);
    const location = response.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
    const contentType = response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    this.entries.push({
      startedDateTime: started.toISOString(),
      time: Math.round((performance.now() - t0) * 1000) / 1000,
      request: {
        method,
        url: url.toString(),
        httpVersion: 'HTTP/1.1',
        headers,
        cookies: [],
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        headersSize: -1,
        bodySize: Buffer.byteLength(body),
        ...(form ? { postData: { mimeType: 'application/x-www-form-urlencoded', text: body } } : {}),
      },
      response: {
        status: response.status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: response.headers,
        cookies: [],
        content: { size: Buffer.byteLength(response.body), mimeType: contentType, text: response.body },
        redirectURL: location ? new URL(location, url).toString() : '',
        headersSize: -1,
        bodySize: Buffer.byteLength(response.body),
      },
      cache: {},
      _resourceType: resourceType,
    });
    return response;
  }
}

/** A PKCE pair as Amplify v6 makes it: a 128-character [A-Za-z0-9] verifier and its S256 challenge (§2.1). */
export function pkcePair(): { verifier: string; challenge: string } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const verifier = Array.from(randomBytes(128), (b) => alphabet[b % alphabet.length]).join('');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function randomState(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}
