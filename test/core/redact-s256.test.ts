/**
 * The PKCE verifier's mask keeps BASE64URL(SHA-256(verifier)) — the code_challenge the authorize
 * URL shows in clear — so a shared export of a broken PKCE sign-in still shows pkce-mismatch
 * (managed-login-oauth2.md §5, §3 rule 3). No other secret may gain anything computed from it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROFILES, maskValue, redactEntry, redactHar, type RedactionProfile } from '../../src/core/redact';
import { readS256Mask, s256Mask } from '../../src/core/redact/s256-marker';
import { analyzeOAuth } from '../../src/core/oauth/analyze';
import { SECRETS, hostileHar, leaked } from '../fixtures/hostile';
import { V } from '../fixtures/hostile/secrets';
import { managedLoginSignIn } from '../support/oauth-har';

const RFC7636_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC7636_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const s256 = (value: string) => createHash('sha256').update(value).digest('base64url');

describe('the S256 marker', () => {
  it('carries the RFC 7636 Appendix B challenge for its verifier, and reads back', () => {
    expect(s256Mask(RFC7636_VERIFIER)).toBe(`‹redacted 43 chars; S256=${RFC7636_CHALLENGE}›`);
    expect(readS256Mask(s256Mask(RFC7636_VERIFIER))).toEqual({ length: 43, s256: RFC7636_CHALLENGE });
    expect(readS256Mask('‹redacted 43 chars›')).toBeUndefined();
    expect(readS256Mask('‹redacted 43 chars; S256=short›')).toBeUndefined();
  });

  it('is what both profiles make of code_verifier, in a form body, a URL and a JSON body, and masking it again changes nothing', () => {
    for (const profile of [PROFILES.share, PROFILES.strict]) {
      const marker = maskValue(RFC7636_VERIFIER, 's256', profile);
      expect(maskValue(marker, 's256', profile)).toBe(marker);
      const entry = redactEntry({
        startedDateTime: '2026-03-01T10:00:00.000Z', time: 1,
        request: { method: 'POST', url: `https://auth.example.com/oauth2/token?code_verifier=${RFC7636_VERIFIER}`, headers: [], postData: { mimeType: 'application/x-www-form-urlencoded', text: `grant_type=authorization_code&code_verifier=${RFC7636_VERIFIER}`, params: [{ name: 'code_verifier', value: RFC7636_VERIFIER }] } },
        response: { status: 200, headers: [], content: { size: 0, mimeType: 'application/json', text: JSON.stringify({ code_verifier: RFC7636_VERIFIER }) } },
      }, profile);
      // Strict drops the bodies of requests that are not Cognito API calls (the token request's included); HAR's params stay.
      if (profile.name === 'share') expect(readS256Mask(new URLSearchParams(entry.request.postData!.text!).get('code_verifier')!)?.s256).toBe(RFC7636_CHALLENGE);
      expect(readS256Mask(String(entry.request.postData!.params![0]!.value))?.s256, profile.name).toBe(RFC7636_CHALLENGE);
      expect(readS256Mask(new URL(entry.request.url).searchParams.get('code_verifier')!)?.s256).toBe(RFC7636_CHALLENGE);
      expect(JSON.stringify(entry)).not.toContain(RFC7636_VERIFIER);
    }
  });
});

describe('no other secret gains a reversible or computed marker', () => {
  const tables = ['keys', 'keyPrefixes', 'containers', 'headers'] as const;
  it.each([PROFILES.share, PROFILES.strict])('$name: only code_verifier is masked as s256', (profile: RedactionProfile) => {
    const s256Rules: string[] = [];
    for (const table of tables) for (const [name, kind] of Object.entries(profile[table])) if (kind === 's256') s256Rules.push(`${table}.${name}`);
    for (const [name, rule] of Object.entries(profile.keysExceptInChallenges)) if (rule.kind === 's256') s256Rules.push(`keysExceptInChallenges.${name}`);
    expect(s256Rules).toEqual(['keys.code_verifier']);
  });

  /** Forms a secret could be recovered or confirmed from: hashes and encodings of the whole value. */
  const derived = (value: string) => [
    s256(value),
    createHash('sha256').update(value).digest('hex'),
    createHash('sha256').update(value).digest('base64'),
    Buffer.from(value).toString('base64').replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
  ].filter((form) => form.length >= 12);

  it.each([PROFILES.share, PROFILES.strict])('$name export of the hostile corpus holds no hash or encoding of any secret but the verifier\'s S256', (profile: RedactionProfile) => {
    const text = JSON.stringify(redactHar(hostileHar(), profile));
    expect(leaked(text, SECRETS)).toEqual([]);
    const found = SECRETS.flatMap((secret) => derived(secret.value).filter((form) => text.includes(form)).map((form) => `${secret.what}: ${form}`));
    const verifierS256 = s256(V.codeVerifier);
    expect(found.filter((what) => !what.endsWith(`: ${verifierS256}`))).toEqual([]);
    // Share keeps the token request's body, so the verifier's S256 is there; strict drops that body.
    if (profile.name === 'share') expect(text).toContain(`S256=${verifierS256}`);
  });
});

describe('the PKCE check on a share export (synthetic sign-ins)', () => {
  const pkceCodes = (entries: unknown[]) => analyzeOAuth(entries).diagnostics.filter((d) => d.code.startsWith('pkce-')).map((d) => `${d.code}@${d.entry}`);
  const exported = (entries: unknown[]) => redactHar({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } } as never, PROFILES.share).log.entries;

  it('a good pair stays quiet, a verifier of another attempt fires, as on the raw capture', () => {
    const good = managedLoginSignIn();
    expect(pkceCodes(exported(good))).toEqual([]);
    const broken = managedLoginSignIn({ tokenVerifier: 'verifierOTHER'.padEnd(64, 'x'), tokenError: 'invalid_grant' });
    expect(pkceCodes(broken)).toEqual(['pkce-mismatch@4']);
    expect(pkceCodes(exported(broken))).toEqual(['pkce-mismatch@4']);
  });

  it('judges a masked verifier\'s length only (its characters are gone), and skips a plain challenge it cannot compare', () => {
    expect(pkceCodes(exported(managedLoginSignIn({ tokenVerifier: 'short' })))).toEqual(['pkce-mismatch@4', 'pkce-verifier-format@4']);
    expect(pkceCodes(exported(managedLoginSignIn({ tokenVerifier: `${'v'.repeat(60)}+!` })))).toEqual(['pkce-mismatch@4']);
    expect(pkceCodes(exported(managedLoginSignIn({ method: 'plain' })))).toEqual(['pkce-method@0']);
  });

  it('a verifier masked by length only (an older export) is skipped, not a false mismatch', () => {
    const old = exported(managedLoginSignIn()).map((e) => JSON.parse(JSON.stringify(e).replace(/‹redacted\+64\+chars;\+S256=[\w-]+›/, '‹redacted+64+chars›')) as unknown);
    expect(JSON.stringify(old)).toContain('code_verifier=‹redacted+64+chars›');
    expect(pkceCodes(old)).toEqual([]);
  });
});
