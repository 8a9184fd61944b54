/**
 * Managed-login sign-ins against a real OpenID provider (oidc-provider, dressed as Cognito's user-pool
 * domain: test/support/oauth-provider.ts), recorded live and from the committed captures in
 * test/fixtures/oauth/ (re-record: `npx tsx scripts/record-oauth.ts`). The double decides what
 * succeeds and fails; the expectations are what the reference says the capture proves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeOAuth } from '../../src/core/oauth/analyze';
import type { OAuthAnalysis } from '../../src/core/oauth/model';
import { OAUTH_SCENARIOS, recordOAuthScenario, type OAuthScenarioName } from '../support/oauth-scenarios';
import { tokenClaims } from '../../src/core/tokens';

interface Expected {
  /** Step kinds of each flow, in order. */
  flows: string[][];
  outcomes: string[];
  /** `code@entry keys` of every error and warning. */
  problems: string[];
}

const SIGN_IN = ['authorize', 'login', 'login', 'redirect', 'callback', 'token'];

const EXPECTED: Record<OAuthScenarioName, Expected> = {
  good: { flows: [SIGN_IN], outcomes: ['authenticated'], problems: [] },
  // Cognito answers unauthorized_client for a redirect_uri that differs from the authorize request's (§3 rule 2).
  'trailing-slash': { flows: [SIGN_IN], outcomes: ['failed'], problems: ['redirect-uri-mismatch@5 trailing slash', 'oauth-error@5 unauthorized_client'] },
  // An abandoned first attempt (authorize + sign-in page), then the attempt whose code is exchanged with the first one's verifier.
  'pkce-other-attempt': { flows: [['authorize', 'login'], SIGN_IN], outcomes: ['pending', 'failed'], problems: ['pkce-mismatch@7 ', 'oauth-error@7 invalid_grant'] },
  'code-reused': { flows: [[...SIGN_IN, 'token']], outcomes: ['authenticated'], problems: ['code-reused@6 ', 'oauth-error@6 invalid_grant'] },
};

function summary(analysis: OAuthAnalysis): Expected {
  return {
    flows: analysis.flows.map((f) => f.steps.map((s) => s.entry.kind)),
    outcomes: analysis.flows.map((f) => f.outcome),
    problems: analysis.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code}@${d.entry} ${d.keys.join(',')}`),
  };
}

function fixture(name: OAuthScenarioName): { log: { entries: unknown[] } } {
  return JSON.parse(readFileSync(new URL(`../fixtures/oauth/${name}.har`, import.meta.url), 'utf8')) as { log: { entries: unknown[] } };
}

describe.each(OAUTH_SCENARIOS.map((name) => [name]))('managed login against oidc-provider: %s', (name) => {
  it('live recording: chains and diagnostics', async () => {
    const har = await recordOAuthScenario(name);
    expect(summary(analyzeOAuth(har.log.entries))).toEqual(EXPECTED[name]);
  });
  it('committed capture: the same', () => {
    const analysis = analyzeOAuth(fixture(name).log.entries);
    expect(summary(analysis)).toEqual(EXPECTED[name]);
    expect(analysis.domains).toHaveLength(1);
    expect(analysis.domains[0]!.signals).toContain('x-amz-cognito-request-id response header');
  });
});

describe('the committed captures in detail', () => {
  it('good: tokens decoded, issued by the cognito-idp issuer, ID token fingerprint exported', () => {
    const [flow] = analyzeOAuth(fixture('good').log.entries).flows;
    expect(flow!.user).toBe('alice');
    expect(flow!.tokens.id?.kind === 'jwt' && tokenClaims(flow!.tokens.id).iss).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_/);
    expect(flow!.tokens.access?.kind === 'jwt' && tokenClaims(flow!.tokens.access).scope).toBe('openid email profile');
    expect(flow!.idTokenFingerprints).toHaveLength(1);
    expect(flow!.steps.map((s) => s.link)).toEqual(['start', 'location', 'location', 'location', 'location', 'code']);
  });
  it('trailing slash: the diff is shown character by character', () => {
    const d = analyzeOAuth(fixture('trailing-slash').log.entries).diagnostics.find((x) => x.code === 'redirect-uri-mismatch');
    expect(d?.message).toMatch(/\/callback\[\], the token request sends http:\/\/127\.0\.0\.1:\d+\/callback\[\/\]/);
  });
  it('pkce from another attempt: names the attempt the verifier belongs to', () => {
    const d = analyzeOAuth(fixture('pkce-other-attempt').log.entries).diagnostics.find((x) => x.code === 'pkce-mismatch');
    expect(d?.message).toContain('another sign-in attempt (the authorize request of entry #0)');
  });
});
