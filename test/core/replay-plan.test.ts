/**
 * The re-run planner over the scenario catalogue: for the last step of each flow, which answers
 * are reused, which values are asked for, and which flows cannot be re-run (with why).
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/analyze';
import { planRerun, sessionStatus, type RerunInput } from '../../src/core/replay/plan';
import { scenarios } from '../fixtures/scenarios';

type Row = [scenario: string, flow: number, path: string, asks: RerunInput[] | RegExp];

/** Expected plan for the last step of `flow` (index in the analysis) of each scenario. */
const TABLE: Row[] = [
  ['password-email-otp-mfa', 0, 'InitiateAuth>EMAIL_OTP', ['code']],
  ['select-mfa-type', 0, 'InitiateAuth>SELECT_MFA_TYPE>SOFTWARE_TOKEN_MFA', ['code']],
  ['srp-sms-mfa', 0, 'InitiateAuth>PASSWORD_VERIFIER>SMS_MFA', ['password', 'user-pool-id', 'code']],
  ['srp-totp-alias-with-secret', 0, 'InitiateAuth>PASSWORD_VERIFIER>SOFTWARE_TOKEN_MFA', ['password', 'client-secret', 'user-pool-id', 'code']],
  ['new-password-required', 0, 'InitiateAuth>NEW_PASSWORD_REQUIRED', []],
  ['custom-auth', 0, 'InitiateAuth>CUSTOM_CHALLENGE', []],
  ['user-auth-select-password-srp', 0, 'InitiateAuth>SELECT_CHALLENGE>PASSWORD_VERIFIER', ['password', 'user-pool-id']],
  ['user-auth-sms-otp', 0, 'InitiateAuth>SMS_OTP', ['code']],
  ['missing-secret-hash', 0, 'InitiateAuth>SMS_MFA', ['client-secret', 'code']],
  ['secret-hash-errors', 1, 'InitiateAuth', ['client-secret']],
  ['srp-timestamp-zero-padded-day', 0, 'InitiateAuth>PASSWORD_VERIFIER', ['password', 'user-pool-id']],
  ['session-reused-retry-after-wrong-code', 0, 'InitiateAuth>SOFTWARE_TOKEN_MFA', ['code']],
  // A double submit: the path stops at the first accepted answer's challenge.
  ['session-reused-double-submit', 0, 'InitiateAuth>SMS_MFA', ['code']],
  ['mfa-setup-totp', 0, '', /MFA_SETUP registers a new authenticator/],
  ['device-srp', 0, '', /device's own secret/],
  ['user-auth-web-authn', 0, '', /passkey/],
  ['admin-sign-ins', 0, '', /SigV4/],
  ['refresh-token-auth', 0, '', /REFRESH_TOKEN_AUTH/],
  ['sign-up-confirm-auto-sign-in', 0, '', /starts with SignUp/],
  ['totp-setup-after-sign-in', 0, '', /VerifySoftwareToken is not a sign-in challenge answer/],
  ['challenge-name-mismatch', 0, '', /lead to SOFTWARE_TOKEN_MFA, not to SMS_MFA/],
];

describe('re-run planner', () => {
  it.each(TABLE)('%s (flow %i): %s', (name, flowIndex, path, asks) => {
    const scenario = scenarios.find((s) => s.name === name);
    expect(scenario, name).toBeDefined();
    const analysis = analyzeHar(scenario!.har);
    const flow = analysis.flows[flowIndex]!;
    const plan = planRerun(flow, flow.steps.at(-1)!.call.entry, analysis.flows);
    if (asks instanceof RegExp) {
      expect(plan).toMatchObject({ ok: false, reason: expect.stringMatching(asks) });
      return;
    }
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.steps.map((s) => s.challenge ?? s.operation).join('>')).toBe(path);
    expect(plan.asks).toEqual(asks);
    expect(plan.steps.at(-1)!.target).toBe(true);
    expect(plan.steps.filter((s) => s.target)).toHaveLength(1);
  });

  it('reuses what can be sent again and computes the rest (SRP with MFA)', () => {
    const analysis = analyzeHar(scenarios.find((s) => s.name === 'srp-sms-mfa')!.har);
    const flow = analysis.flows[0]!;
    const plan = planRerun(flow, flow.steps.at(-1)!.call.entry);
    if (!plan.ok) throw new Error(plan.reason);
    const [initiate, verifier, sms] = plan.steps;
    expect(initiate!.reused).toContain('USERNAME');
    expect(initiate!.computed.map((c) => c.key)).toEqual(['SRP_A']);
    expect(verifier!.computed.map((c) => c.key)).toEqual(expect.arrayContaining(['PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'PASSWORD_CLAIM_SECRET_BLOCK', 'Session']));
    expect(sms!.asks).toEqual(['code']);
    expect(sms!.reused).toEqual(['USERNAME']);
  });

  it('never throws and always answers ok with a target, or a reason, for every step of every scenario', () => {
    for (const scenario of scenarios) {
      const analysis = analyzeHar(scenario.har);
      for (const flow of analysis.flows) {
        for (const step of flow.steps) {
          const plan = planRerun(flow, step.call.entry, analysis.flows);
          if (plan.ok) expect(plan.steps.at(-1)!.entry).toBe(step.call.entry);
          else expect(plan.reason.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it('says when a step\'s Session is spent, maybe spent after a rejection (unverified), expired, or fresh', () => {
    const retry = analyzeHar(scenarios.find((s) => s.name === 'session-reused-retry-after-wrong-code')!.har).flows[0]!;
    const [, wrong, right] = retry.steps;
    const at = right!.call.startedAt;
    expect(sessionStatus(retry, right!, at, 180_000).state).toBe('spent');
    const beforeRight = { ...retry, steps: retry.steps.slice(0, 2) };
    expect(sessionStatus(beforeRight, wrong!, at, 180_000).state).toBe('maybe-spent');
    expect(sessionStatus(beforeRight, wrong!, at + 10 * 60_000, 180_000).state).toBe('expired');
    const initiate = retry.steps[0]!;
    expect(sessionStatus(retry, initiate, at, 180_000).state).toBe('not-needed');
    const srp = analyzeHar(scenarios.find((s) => s.name === 'srp-timestamp-zero-padded-day')!.har).flows[0]!;
    expect(sessionStatus(srp, srp.steps[1]!, Date.now(), 180_000).message).toMatch(/bound to its TIMESTAMP and SECRET_BLOCK/);
  });
});
