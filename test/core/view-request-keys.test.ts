import { describe, expect, it } from 'vitest';
import { requestKeyTable } from '../../src/core/view/request-keys';
import type { KeyRow } from '../../src/core/view/request-keys';
import { diagnosticsOf, onlyFlow, realCapture, scenario } from './view-support';

function tableOf(name: string, index: number, real = false) {
  const analysis = real ? realCapture(name) : scenario(name);
  const flow = onlyFlow(analysis);
  const step = flow.steps[index]!;
  return requestKeyTable(flow, index, diagnosticsOf(analysis, step.call.entry));
}

const row = (rows: KeyRow[], key: string) => rows.find((r) => r.key === key);

describe('Request tab key table', () => {
  it('shows SECRET_HASH missing on a challenge answer, saying the client has a secret (real capture)', () => {
    const table = tableOf('secret-hash-missing-on-challenge.har', 1, true);
    expect(table.field).toBe('ChallengeResponses');
    const missing = row(table.rows, 'SECRET_HASH');
    expect(missing).toMatchObject({ state: 'missing', value: null });
    expect(missing?.why).toMatch(/app client has a secret/);
    // The keys that were sent are there too, with why they are needed.
    expect(row(table.rows, 'SMS_MFA_CODE')).toMatchObject({ state: 'present', secret: true, why: 'the code Cognito just sent to the user\'s phone by SMS' });
    expect(row(table.rows, 'USERNAME')).toMatchObject({ state: 'present', secret: false, value: 'frank-sms' });
  });

  it('shows DEVICE_KEY missing when a remembered device is in play', () => {
    const table = tableOf('missing-device-key', 1);
    expect(table.rows.filter((r) => r.state === 'missing').map((r) => r.key)).toEqual(['DEVICE_KEY']);
    expect(row(table.rows, 'DEVICE_KEY')?.why).toMatch(/remembered device/);
  });

  it('lists the userAttributes.* keys NEW_PASSWORD_REQUIRED asked for in requiredAttributes', () => {
    const table = tableOf('new-password-missing-required-attribute', 1);
    expect(row(table.rows, 'userAttributes.email')).toMatchObject({ state: 'missing', why: 'the challenge lists it in requiredAttributes' });
    expect(row(table.rows, 'NEW_PASSWORD')).toMatchObject({ state: 'present', secret: true });
  });

  it('shows the ANSWER-dependent key of SELECT_CHALLENGE as missing', () => {
    const table = tableOf('select-challenge-password-without-password', 1);
    expect(row(table.rows, 'PASSWORD')).toMatchObject({ state: 'missing', why: 'ANSWER is PASSWORD, so the same answer carries PASSWORD: the user\'s password, as typed' });
    // A challenge name as ANSWER is what one debugs, not a secret.
    expect(row(table.rows, 'ANSWER')).toMatchObject({ state: 'present', secret: false, value: 'PASSWORD' });
  });

  it('has no missing rows for a clean sign-in (real SRP capture)', () => {
    const analysis = realCapture('srp-sign-in.har');
    const flow = onlyFlow(analysis);
    flow.steps.forEach((step, index) => {
      const table = requestKeyTable(flow, index, diagnosticsOf(analysis, step.call.entry));
      expect(table.rows.filter((r) => r.state === 'missing')).toEqual([]);
      expect(table.rows.length).toBeGreaterThan(0);
    });
  });

  it('shows AuthParameters for InitiateAuth, with the AuthFlow rule as the reason', () => {
    const table = tableOf('user-password-auth.har', 0, true);
    expect(table.field).toBe('AuthParameters');
    expect(row(table.rows, 'PASSWORD')).toMatchObject({ state: 'present', secret: true, why: 'the user\'s password, as typed (USER_PASSWORD_AUTH needs it)' });
  });

  it('reads the keys the analysis expected: the conditional SECRET_HASH only where a secret was already in play', () => {
    const flow = onlyFlow(scenario('missing-secret-hash'));
    expect(flow.steps[0]?.expected?.keys.map((k) => k.key)).not.toContain('SECRET_HASH');
    const answer = flow.steps[1]?.expected;
    expect(answer?.field).toBe('ChallengeResponses');
    expect(answer?.keys.find((k) => k.key === 'SECRET_HASH')?.why).toMatch(/secret/i);
    expect(answer?.keys.map((k) => k.key)).toEqual(expect.arrayContaining(['USERNAME', 'SMS_MFA_CODE', 'SECRET_HASH']));
  });
});
