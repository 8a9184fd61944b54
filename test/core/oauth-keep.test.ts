/**
 * The store's keep filter for managed login (core/oauth/keep.ts) runs on every entry a page makes;
 * it reads a URL's query only when the URL could name `code`, `error` or `state`. That shortcut
 * must keep exactly what reading every query kept: checked against the full reading on URLs built
 * from user-pool paths, callback parameters (plain, percent-encoded, other case), fragments and noise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayBeManagedLogin } from '../../src/core/oauth/keep';
import { pathRule } from '../../src/core/oauth/paths';
import { param, parseUrl } from '../../src/core/oauth/url';

/** The filter as it read every entry before: the whole URL parsed. */
function readingEverything(url: string, status: number, cookie: boolean): boolean {
  if (status >= 300 && status < 400) return true;
  const parsed = parseUrl(url);
  if (!parsed.origin) return false;
  const rule = pathRule(parsed.path);
  if (rule) return rule.kind !== 'login' || cookie;
  return ['code', 'error', 'state'].some((name) => param(parsed.query, name) !== undefined);
}

const entry = (url: string, status: number, cookie: boolean) => ({
  request: { method: 'GET', url, headers: [] },
  response: { status, headers: cookie ? [{ name: 'Set-Cookie', value: 'XSRF-TOKEN=1; Path=/' }] : [] },
});

const part = fc.constantFrom('', 'app', 'oauth2', 'authorize', 'token', 'login', 'callback', 'Login', 'cb', 'a%2Fb', 'x.js', 'api');
const name = fc.constantFrom('code', 'error', 'state', 'CODE', '%63ode', 'st%61te', 'codes', 'error_description', 'q', 'x', 'code ', 'co+de');
const value = fc.constantFrom('', '1', 'abc', '%20', 'code', 'a=b');
const url = fc.record({
  origin: fc.constantFrom('https://app.example.com', 'https://auth.example.com:443', 'http://localhost:3000', '', 'chrome-extension://abc'),
  path: fc.array(part, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  query: fc.array(fc.tuple(name, value), { maxLength: 3 }),
  fragment: fc.option(fc.array(fc.tuple(name, value), { maxLength: 2 })),
  padding: fc.constantFrom('', ' ', '\n', '/', '//'),
}).map(({ origin, path, query, fragment, padding }) => {
  const form = (pairs: [string, string][]) => pairs.map(([n, v]) => `${n}=${v}`).join('&');
  // Padding: a trailing slash, or white space the URL parser trims.
  return `${padding.trim() === '' ? padding : ''}${origin}${path}${padding.trim() !== '' ? padding : ''}${query.length > 0 ? `?${form(query)}` : ''}${fragment ? `#${form(fragment)}` : ''}${padding.trim() === '' ? padding : ''}`;
});

describe('mayBeManagedLogin', () => {
  it('keeps exactly what reading every URL whole kept', () => {
    fc.assert(fc.property(url, fc.constantFrom(200, 302, 404, 0), fc.boolean(), (u, status, cookie) => {
      expect(mayBeManagedLogin(entry(u, status, cookie))).toBe(readingEverything(u, status, cookie));
    }), { numRuns: 3000, seed: 42 });
  });

  it('keeps a callback whose parameter name is percent-encoded, and drops ordinary traffic', () => {
    expect(mayBeManagedLogin(entry('https://app.example.com/cb?%63ode=1', 200, false))).toBe(true);
    expect(mayBeManagedLogin(entry('https://app.example.com/cb?state=s', 200, false))).toBe(true);
    expect(mayBeManagedLogin(entry('https://app.example.com/app.js?v=3', 200, false))).toBe(false);
    expect(mayBeManagedLogin(entry('https://app.example.com/cb#code=1', 200, false))).toBe(false);
  });
});
