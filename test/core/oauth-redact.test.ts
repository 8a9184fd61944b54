/**
 * The managed-login captures from the oidc-provider double, exported through the masking walk
 * (src/core/redact, both profiles): no authorization code, PKCE verifier, token signature, refresh
 * token, password or session cookie survives anywhere in the file, and the masked export still
 * links into the same managed-login chains with the same diagnostics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILES, redactHar } from '../../src/core/redact';
import { analyzeOAuth } from '../../src/core/oauth/analyze';
import type { Har, HarEntry } from '../../src/core/har';
import { har as syntheticHar, managedLoginSignIn } from '../support/oauth-har';
import { OAUTH_SCENARIOS } from '../support/oauth-scenarios';
import { USER } from '../support/oauth-provider';

interface RawEntry {
  request: { url: string; headers: { name: string; value: string }[]; postData?: { text: string } };
  response: { headers: { name: string; value: string }[]; content: { text: string } };
}

const load = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/oauth/${name}.har`, import.meta.url), 'utf8')) as Har & { log: { entries: RawEntry[] } };

/** Every secret value the capture holds, found by reading it the way the reference's §5 lists them. */
function secretsOf(har: { log: { entries: RawEntry[] } }): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const entry of har.log.entries) {
    const url = new URL(entry.request.url);
    const code = url.searchParams.get('code');
    if (code) secrets.set(`code in ${url.pathname}`, code);
    const form = new URLSearchParams(entry.request.postData?.text ?? '');
    for (const key of ['code', 'code_verifier', 'password', '_csrf']) {
      const value = form.get(key);
      // Values of a few characters (the recording client's `_csrf=csrf`) occur in any text as words.
      if (value && value.length >= 8) secrets.set(`${key} in ${url.pathname} body`, value);
    }
    if (url.pathname === '/oauth2/token' && entry.response.content.text.includes('access_token')) {
      const body = JSON.parse(entry.response.content.text) as Record<string, string>;
      for (const key of ['access_token', 'id_token']) secrets.set(`${key} signature`, body[key]!.split('.')[2]!);
      secrets.set('refresh_token', body.refresh_token!);
    }
    for (const header of entry.response.headers) {
      // (oidc-provider's _interaction cookies are left out: their value is the double's own interaction id, which is also in its URLs by design.)
      const cookie = /^(cognito|XSRF-TOKEN|_session)=([^;]+)/.exec(header.name.toLowerCase() === 'set-cookie' ? header.value : '');
      if (cookie && cookie[2]!.length > 8) secrets.set(`${cookie[1]} cookie`, cookie[2]!);
    }
  }
  return secrets;
}

function leaks(name: string, profile: 'share' | 'strict'): string[] {
  const har = load(name);
  const secrets = secretsOf(har);
  expect([...secrets.keys()]).toEqual(expect.arrayContaining(['code_verifier in /oauth2/token body', 'password in /login body', 'cognito cookie', 'code in /callback']));
  if (name === 'good') expect([...secrets.keys()]).toEqual(expect.arrayContaining(['access_token signature', 'id_token signature', 'refresh_token']));
  expect(secrets.get('password in /login body')).toBe(USER.password);
  const text = JSON.stringify(redactHar(har, PROFILES[profile]));
  return [...secrets].filter(([, value]) => text.includes(value)).map(([what]) => what);
}

/** Secrets that the share profile keeps inside HTML response bodies (it masks only JWTs there). */
const IN_HTML = /^(code in |_csrf in )/;

describe.each(OAUTH_SCENARIOS.map((name) => [name]))('export of the %s capture', (name) => {
  it('profile strict holds no code, verifier, token signature, refresh token, password or session cookie', () => {
    expect(leaks(name, 'strict')).toEqual([]);
  });

  it('profile share holds no verifier, token signature, refresh token, password or session cookie', () => {
    expect(leaks(name, 'share').filter((what) => !IN_HTML.test(what))).toEqual([]);
  });

  // Share keeps HTML bodies: oidc-provider's 303 body repeats the callback URL with its code
  // ("Redirecting to …?code=…") and the sign-in page holds the _csrf value; both are masked in place.
  it('profile share also masks codes and _csrf inside HTML bodies', () => {
    expect(leaks(name, 'share')).toEqual([]);
  });

  const summary = (input: unknown[], drop: readonly string[] = []) => {
    const analysis = analyzeOAuth(input);
    return {
      flows: analysis.flows.map((f) => f.steps.map((s) => `${s.entry.kind}/${s.link}`)),
      codes: analysis.diagnostics.filter((d) => !drop.includes(d.code)).map((d) => `${d.code}@${d.entry}`),
    };
  };

  it('the share export still links into the same chains with the same diagnostics, PKCE included', () => {
    const har = load(name);
    // The verifier is masked but keeps its S256 (the public code_challenge), so rule 3 runs on the export too.
    expect(summary(redactHar(har, PROFILES.share).log.entries)).toEqual(summary(har.log.entries));
  });

  it('a strict export (token bodies dropped) still joins each token request to its sign-in, by order', () => {
    const flows = analyzeOAuth(redactHar(load(name), PROFILES.strict).log.entries).flows;
    expect(flows.map((f) => f.steps.map((s) => s.entry.kind))).toEqual(analyzeOAuth(load(name).log.entries).flows.map((f) => f.steps.map((s) => s.entry.kind)));
    expect(flows.flatMap((f) => f.steps.filter((s) => s.entry.kind === 'token').map((s) => s.link))[0]).toBe('order');
  });

  // §5: keep only the verifier's S256 so rule 3 still runs on an export (a broken PKCE sign-in still says so).
  if (name === 'pkce-other-attempt') {
    it('the share export of the broken PKCE sign-in still shows pkce-mismatch, naming the other attempt', () => {
      const diagnostics = analyzeOAuth(redactHar(load(name), PROFILES.share).log.entries).diagnostics.filter((d) => d.code === 'pkce-mismatch');
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]!.message).toMatch(/masked in this export, its S256 kept/);
      expect(diagnostics[0]!.message).toMatch(/another sign-in attempt \(the authorize request of entry #0\)/);
    });
  } else {
    it('the share export of a sign-in with a good PKCE pair shows no pkce-mismatch', () => {
      expect(analyzeOAuth(redactHar(load(name), PROFILES.share).log.entries).diagnostics.map((d) => d.code)).not.toContain('pkce-mismatch');
    });
  }
});

/**
 * What a strict export hides (README, "Privacy"): strict replaces the bodies of requests that are not
 * Cognito API calls by their size, the /oauth2/token request and answer included, so the checks that
 * read them cannot run; the checks on URLs and headers still do. Strict's policy is not changed here:
 * this pins what the README tells users.
 */
describe('checks on a strict export of synthetic managed-login sign-ins', () => {
  const codesOf = (entries: unknown[]): string[] => analyzeOAuth(entries).diagnostics.map((d) => d.code);
  const strict = (entries: HarEntry[]) => redactHar(syntheticHar(entries), PROFILES.strict).log.entries;
  const cases: [string, HarEntry[], boolean][] = [
    ['redirect-uri-mismatch', managedLoginSignIn({ tokenRedirectUri: 'http://localhost:3000/callback/', tokenError: 'unauthorized_client' }), false],
    ['pkce-mismatch', managedLoginSignIn({ tokenVerifier: 'x'.repeat(60) }), false],
    ['pkce-verifier-missing', managedLoginSignIn({ tokenVerifier: null }), false],
    ['code-reused', managedLoginSignIn({ exchangeTwice: true }), false],
    ['code-expired', managedLoginSignIn({ exchangeDelayMin: 6 }), false],
    ['client-auth-missing', managedLoginSignIn({ tokenError: 'invalid_client' }), false],
    ['client-mismatch', managedLoginSignIn({ tokenClient: 'other' }), false],
    ['scope-not-granted', managedLoginSignIn({ scope: 'openid email profile', grantedScope: 'openid email' }), false],
    ['nonce-mismatch', managedLoginSignIn({ nonce: 'a', tokenNonce: 'b' }), false],
    ['state-mismatch', managedLoginSignIn({ callbackState: 'x' }), true],
    ['pkce-method', managedLoginSignIn({ method: 'plain' }), true],
    ['redirect-uri-scheme', managedLoginSignIn({ redirectUri: 'http://app.example.com/cb' }), true],
  ];
  it.each(cases)('%s fires on the capture; still on its strict export: %s', (code, entries, kept) => {
    expect(codesOf(entries)).toContain(code);
    expect(codesOf(strict(entries)).includes(code)).toBe(kept);
  });
});
