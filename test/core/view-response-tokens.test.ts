import { describe, expect, it } from 'vitest';
import { jsonInString, responseView } from '../../src/core/view/response-view';
import { allClaims, keyClaims, tokenSummary } from '../../src/core/view/token-view';
import { handoffView } from '../../src/core/view/handoff-view';
import { errorContext } from '../../src/core/diagnostics/error-context';
import { onlyFlow, realCapture, scenario } from './view-support';
import { tokenClaims } from '../../src/core/tokens';

describe('Response tab', () => {
  it('decodes the JSON lists inside NEW_PASSWORD_REQUIRED parameters (real capture)', () => {
    const flow = onlyFlow(realCapture('new-password-required.har'));
    const view = responseView(flow.steps[0]!.call);
    expect(view.challengeName).toBe('NEW_PASSWORD_REQUIRED');
    const attributes = view.parameters.find((p) => p.key === 'userAttributes');
    expect(attributes?.json).toBeTypeOf('object');
    expect(attributes?.secret).toBe(false);
  });

  it('explains the error for the step it answered, as the diagnostics do (device proof, not the password)', () => {
    const analysis = scenario('device-password-verifier-device-proof-failed');
    const flow = onlyFlow(analysis);
    const failed = flow.steps.at(-1)!;
    const view = responseView(failed.call, errorContext(flow, failed));
    expect(view.error?.cause).toMatch(/device proof failed, not the password/);
    const diagnostic = analysis.diagnostics.find((d) => d.entry === failed.call.entry && d.code === 'cognito-error');
    expect(diagnostic?.hint).toContain(view.error?.cause);
    // Without its step the row that fits any step is used, never another challenge's advice.
    expect(responseView(failed.call).error?.cause).not.toMatch(/TIMESTAMP|device/);
  });

  it('keeps scalar strings as strings: a code is not a number', () => {
    expect(jsonInString('123456')).toBeUndefined();
    expect(jsonInString('["SMS_MFA","SOFTWARE_TOKEN_MFA"]')).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    expect(jsonInString('[not json')).toBeUndefined();
  });

  it('explains an error from the reference table', () => {
    const flow = onlyFlow(scenario('session-expired'));
    const view = responseView(flow.steps[1]!.call);
    expect(view.error?.type).toBe('NotAuthorizedException');
    expect(view.error?.cause).toMatch(/AuthSessionValidity/);
    expect(view.error?.fix).toBeTruthy();
  });

  it('says tokens were issued without listing them as other fields', () => {
    const flow = onlyFlow(realCapture('user-password-auth.har'));
    const view = responseView(flow.steps.find((step) => step.tokens !== null)!.call);
    expect(view.hasTokens).toBe(true);
    expect(view.other.map((p) => p.key)).not.toContain('AuthenticationResult');
  });
});

describe('Tokens tab', () => {
  it('puts the key claims first: user, client, issued, expiry relative to the capture, auth_time', () => {
    const flow = onlyFlow(realCapture('user-password-auth.har'));
    const id = flow.tokens.id!;
    const rows = keyClaims(id);
    expect(rows[0]).toEqual({ label: 'user', value: flow.user });
    const labels = rows.map((r) => r.label);
    for (const label of ['client', 'issued', 'expires', 'auth_time']) expect(labels).toContain(label);
    expect(rows.find((r) => r.label === 'expires')?.value).toMatch(/^in /);
    expect(allClaims(id.kind === 'jwt' ? tokenClaims(id) : {}).length).toBeGreaterThan(rows.length - 3);
  });

  it('says a malformed token cannot be read and why, and a refresh JWE is encrypted', () => {
    const malformed = onlyFlow(scenario('malformed-id-token')).tokens.id!;
    expect(malformed.kind).toBe('malformed');
    expect(keyClaims(malformed)).toEqual([]);
    expect(tokenSummary(malformed)).toBe(malformed.kind === 'malformed' ? malformed.reason : '');
    const refresh = onlyFlow(scenario('select-mfa-type')).tokens.refresh!;
    expect(refresh.kind).toBe('encrypted');
    expect(tokenSummary(refresh)).toMatch(/encrypted \(JWE/);
    expect(tokenSummary(null)).toBe('not issued');
  });
});

describe('Session handoff link', () => {
  it('shows a reused Session as reused, with its fingerprint, never its value', () => {
    const flow = onlyFlow(scenario('session-reused-double-submit'));
    const view = handoffView(flow.steps[2]!);
    expect(view.kind).toBe('reused');
    expect(view.label).toBe('Session sent again (single-use)');
    expect(view.fingerprint).toMatch(/^#[0-9a-f]{8}$/);
  });

  it('shows an ok but too old Session as expired, with its age', () => {
    const view = handoffView(onlyFlow(scenario('session-expired')).steps[1]!);
    expect(view.kind).toBe('expired');
    expect(view.age).toMatch(/^age \d+ min/);
  });

  it('shows the SECRET_BLOCK handoff of PASSWORD_VERIFIER (real SRP capture)', () => {
    const view = handoffView(onlyFlow(realCapture('srp-sign-in.har')).steps[1]!);
    expect(view).toMatchObject({ kind: 'ok', via: 'SECRET_BLOCK' });
  });
});
