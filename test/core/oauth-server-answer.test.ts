/**
 * The server's answer outranks the managed-login rules (issue 9's principle, src/core/oauth/server-answer.ts):
 * a token request the endpoint answered 2xx cannot be "refused" by our rules, so an error about that
 * request becomes a warning that says the endpoint accepted it. Rules about what the app must check
 * itself (nonce) keep their severity whatever the server answered.
 */
import { describe, expect, it } from 'vitest';
import { analyzeOAuth } from '../../src/core/oauth/analyze';
import { APP, managedLoginSignIn } from '../support/oauth-har';

const TOKEN_STEP = 4;
const found = (entries: ReturnType<typeof managedLoginSignIn>, code: string) =>
  analyzeOAuth(entries).diagnostics.filter((d) => d.code === code).map((d) => ({ entry: d.entry, severity: d.severity, accepted: d.hint.includes('accepted this request all the same') }));

describe('a token request the endpoint accepted', () => {
  it('redirect_uri differing on an accepted exchange is a warning that says the endpoint accepted it', () => {
    const entries = managedLoginSignIn({ tokenRedirectUri: `${APP}/callback/` });
    expect(found(entries, 'redirect-uri-mismatch')).toEqual([{ entry: TOKEN_STEP, severity: 'warning', accepted: true }]);
  });

  it('near miss: the same request refused (unauthorized_client, as Cognito answers it) stays an error', () => {
    const entries = managedLoginSignIn({ tokenRedirectUri: `${APP}/callback/`, tokenError: 'unauthorized_client' });
    expect(found(entries, 'redirect-uri-mismatch')).toEqual([{ entry: TOKEN_STEP, severity: 'error', accepted: false }]);
  });

  it('a PKCE verifier of another attempt on an accepted exchange is a warning; refused, an error', () => {
    expect(found(managedLoginSignIn({ tokenVerifier: 'another-attempt'.padEnd(64, 'y') }), 'pkce-mismatch')).toEqual([{ entry: TOKEN_STEP, severity: 'warning', accepted: true }]);
    expect(found(managedLoginSignIn({ tokenVerifier: 'another-attempt'.padEnd(64, 'y'), tokenError: 'invalid_grant' }), 'pkce-mismatch')).toEqual([{ entry: TOKEN_STEP, severity: 'error', accepted: false }]);
  });

  it('a nonce mismatch stays an error on an accepted exchange: the app checks the nonce, not the endpoint', () => {
    expect(found(managedLoginSignIn({ nonce: 'n-sent', tokenNonce: 'n-other' }), 'nonce-mismatch')).toEqual([{ entry: TOKEN_STEP, severity: 'error', accepted: false }]);
  });
});
