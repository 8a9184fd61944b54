import { describe, expect, it } from 'vitest';
import { replayDiff } from '../../src/core/replay/diff';
import { buildReplay, replayEntry } from '../../src/core/replay';
import { classifyEntry } from '../../src/core/calls';
import type { CognitoCall } from '../../src/core/model';
import { onlyFlow, scenario } from './view-support';

/** The replay of `call` with `body`, answered with `answer` (status + JSON), as the panel records it. */
function replayOf(call: CognitoCall, body: unknown, status: number, answer: unknown): CognitoCall {
  const built = buildReplay(call, JSON.stringify(body));
  if (!built.ok) throw new Error(built.reason);
  const headers = [{ name: 'Content-Type', value: 'application/x-amz-json-1.1' }];
  const entry = replayEntry(built.request, { status, statusText: '', headers, text: JSON.stringify(answer), startedAt: 0, time: 1 });
  const classified = classifyEntry(entry, 99);
  if (classified.kind !== 'cognito') throw new Error('not a Cognito call');
  return classified.call;
}

describe('replay diff', () => {
  const call = onlyFlow(scenario('sms-otp-wrong-code-key')).steps[1]!.call;
  const sent = call.request.state === 'json' ? call.request.value : {};

  it('lists keys added, removed and changed, secrets masked, and the outcome on both sides', () => {
    const responses = sent.ChallengeResponses as Record<string, string>;
    const edited = {
      ...sent,
      Session: 'another-session-value-0123456789',
      ChallengeResponses: { USERNAME: responses.USERNAME, SMS_OTP_CODE: '654321' },
    };
    const diff = replayDiff(call, replayOf(call, edited, 200, { AuthenticationResult: { AccessToken: 'a' } }));
    const byKey = new Map(diff.keys.map((k) => [k.key, k]));
    expect(byKey.get('ChallengeResponses.SMS_MFA_CODE')).toMatchObject({ change: 'removed', after: null, secret: true });
    expect(byKey.get('ChallengeResponses.SMS_OTP_CODE')).toMatchObject({ change: 'added', before: null, secret: true });
    expect(byKey.get('Session')).toMatchObject({ change: 'changed', secret: true });
    expect(byKey.has('ChallengeResponses.USERNAME')).toBe(false);
    expect(byKey.has('ClientId')).toBe(false);
    // No secret value, old or new, appears in the diff.
    const text = JSON.stringify(diff);
    expect(text).not.toContain('654321');
    expect(text).not.toContain('another-session-value');
    expect(text).not.toContain(String(sent.Session));
    expect(text).not.toContain(responses.SMS_MFA_CODE);
    expect(diff.before).toMatchObject({ error: call.error?.type, tokens: false });
    expect(diff.after).toEqual({ status: 200, error: null, challenge: null, tokens: true });
    expect(diff.outcomeChanged).toEqual(['status', 'error', 'tokens']);
  });

  it('shows non-secret values as they are, and nothing when the replay is the same call with the same answer', () => {
    const renamed = replayDiff(call, replayOf(call, { ...sent, ChallengeName: 'SMS_MFA' }, call.status, call.response.state === 'json' ? call.response.value : {}));
    expect(renamed.keys).toEqual([{ key: 'ChallengeName', change: 'changed', before: 'SMS_OTP', after: 'SMS_MFA', secret: false }]);
    const same = replayDiff(call, replayOf(call, sent, call.status, call.response.state === 'json' ? call.response.value : {}));
    expect(same.keys).toEqual([]);
  });

  it('records a new challenge issued by the replay', () => {
    const diff = replayDiff(call, replayOf(call, sent, 200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' }));
    expect(diff.after.challenge).toBe('SOFTWARE_TOKEN_MFA');
    expect(diff.outcomeChanged).toContain('challenge');
  });
});
