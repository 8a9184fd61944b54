/**
 * Real Amplify v6 captures (test/fixtures/real/amplify-*.har, `npm run record`): aws-amplify 6.22
 * in the demo app, in Chromium, against cognito-local, through the recording proxy (amplify-srp:
 * answered by our SRP stand-in, as cognito-local has no SRP). What a correct
 * analysis says about them comes from the reference and e2e-notes.md ("Amplify v6"), including
 * Amplify's designed retry after a wrong TOTP code, which re-sends the same Session.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../src/core/analyze';
import { headerValue, type Har } from '../src/core/har';
import type { Analysis } from '../src/core/model';
import { handoffView } from '../src/core/view/handoff-view';
import { tokenClaims } from '../src/core/tokens';

const load = (name: string): { har: Har; analysis: Analysis } => {
  const har = JSON.parse(readFileSync(`test/fixtures/real/${name}.har`, 'utf8')) as Har;
  return { har, analysis: analyzeHar(har) };
};

const chain = (analysis: Analysis) => analysis.flows.map((flow) => ({
  authFlow: flow.authFlow,
  outcome: flow.outcome,
  steps: flow.steps.map((s) => [s.call.operation, s.challengeIn, s.challengeOut, s.handoff, s.call.error?.type ?? null]),
}));

const CAPTURES = ['amplify-password-auth', 'amplify-srp', 'amplify-new-password', 'amplify-totp-retry', 'amplify-refresh-unsupported'] as const;

describe('Amplify v6 captures (Chromium, cognito-local)', () => {
  it.each(CAPTURES)('%s: every Cognito request is Amplify\'s (x-amz-user-agent, cache-control no-store), its CORS preflights are set aside', (name) => {
    const { har, analysis } = load(name);
    expect(analysis.calls.length).toBeGreaterThan(0);
    for (const call of analysis.calls) {
      const entry = har.log.entries[call.entry]!;
      expect(headerValue(entry.request.headers, 'x-amz-user-agent')).toMatch(/^aws-amplify\/6\.\d+\.\d+ /);
      expect(headerValue(entry.request.headers, 'cache-control')).toBe('no-store');
    }
    // One preflight per call: Amplify's extra headers make every POST a non-simple request.
    expect(analysis.ignored.map((i) => i.reason)).toEqual(analysis.calls.map(() => 'preflight'));
  });

  it('signIn with USER_PASSWORD_AUTH: one InitiateAuth answered with tokens, nothing to report', () => {
    const { analysis } = load('amplify-password-auth');
    expect(chain(analysis)).toEqual([{ authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated', steps: [['InitiateAuth', null, null, 'start', null]] }]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('signIn with Amplify\'s default, USER_SRP_AUTH: PASSWORD_VERIFIER handed on by its SECRET_BLOCK (no Session), tokens, nothing to report', () => {
    const { har, analysis } = load('amplify-srp');
    expect(chain(analysis)).toEqual([{
      authFlow: 'USER_SRP_AUTH', outcome: 'authenticated',
      steps: [['InitiateAuth', null, 'PASSWORD_VERIFIER', 'start', null], ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', null, 'ok', null]],
    }]);
    const [flow] = analysis.flows;
    expect(flow!.steps[1]!.handoffVia).toBe('secret-block');
    expect(analysis.diagnostics).toEqual([]);
    // What Amplify sent: SRP_A and no PASSWORD on the start; the proof in Cognito's TIMESTAMP form,
    // under the USER_ID_FOR_SRP it was given (cognito-protocol.md, USER_SRP_AUTH).
    const [start, answer] = flow!.steps.map((s) => JSON.parse(har.log.entries[s.call.entry]!.request.postData?.text ?? '{}') as Record<string, Record<string, string>>);
    expect(Object.keys(start!.AuthParameters!).sort()).toEqual(['SRP_A', 'USERNAME']);
    const challenge = JSON.parse(har.log.entries[flow!.steps[0]!.call.entry]!.response.content.text ?? '{}') as { ChallengeParameters: Record<string, string> };
    expect(answer!.ChallengeResponses).toMatchObject({
      USERNAME: challenge.ChallengeParameters.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.ChallengeParameters.SECRET_BLOCK,
      TIMESTAMP: expect.stringMatching(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/),
    });
    expect(flow!.tokens.access).toMatchObject({ kind: 'jwt', use: 'access' });
    expect(flow!.tokens.access?.kind === 'jwt' && tokenClaims(flow!.tokens.access)).toMatchObject({ token_use: 'access', username: 'ivy-srp' });
  });

  it('confirmSignIn answers NEW_PASSWORD_REQUIRED with the Session InitiateAuth returned, nothing to report', () => {
    const { analysis } = load('amplify-new-password');
    expect(chain(analysis)).toEqual([{
      authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
      steps: [['InitiateAuth', null, 'NEW_PASSWORD_REQUIRED', 'start', null], ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED', null, 'ok', null]],
    }]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('a wrong TOTP code, then Amplify\'s retry with the same Session, accepted: told as a retry, not an error (issue 9, item 4)', () => {
    const { analysis } = load('amplify-totp-retry');
    expect(chain(analysis)).toEqual([{
      authFlow: 'USER_PASSWORD_AUTH', outcome: 'authenticated',
      steps: [
        ['InitiateAuth', null, 'SOFTWARE_TOKEN_MFA', 'start', null],
        ['RespondToAuthChallenge', 'SOFTWARE_TOKEN_MFA', null, 'ok', 'CodeMismatchException'],
        ['RespondToAuthChallenge', 'SOFTWARE_TOKEN_MFA', null, 'reused', null],
      ],
    }]);
    const [flow] = analysis.flows;
    const [, wrong, retry] = flow!.steps;
    const said = analysis.diagnostics.map((d) => [d.entry, d.code, d.severity]);
    expect(said).toEqual([[wrong!.call.entry, 'cognito-error', 'error'], [retry!.call.entry, 'session-reused', 'info']]);
    // The wrong code gets TOTP advice; the retry is drawn as a retry, not as a red reuse.
    expect(analysis.diagnostics[0]?.hint).toMatch(/TOTP code is wrong/);
    expect(handoffView(retry!, flow).kind).toBe('retried');
  });

  it('fetchAuthSession({ forceRefresh: true }): GetTokensFromRefreshToken (no AuthFlow), unsupported by cognito-local, tried three times by Amplify', () => {
    const { har, analysis } = load('amplify-refresh-unsupported');
    expect(chain(analysis)).toEqual([1, 2, 3].map(() => ({
      authFlow: null, outcome: 'failed', steps: [['GetTokensFromRefreshToken', null, null, 'start', 'Unsupported']],
    })));
    // Amplify's own retries, numbered by its amz-sdk-request header.
    expect(analysis.calls.map((c) => headerValue(har.log.entries[c.entry]!.request.headers, 'amz-sdk-request'))).toEqual(['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
    for (const d of analysis.diagnostics) expect([d.code, d.hint]).toEqual(['cognito-error', expect.stringMatching(/emulator does not implement/)]);
  });
});
