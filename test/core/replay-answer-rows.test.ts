import { describe, expect, it } from 'vitest';
import { answerField, answerRows, removeAnswerKey, setAnswerValue } from '../../src/core/replay/answer-rows';
import { maskDraft, unmaskDraft, type MaskedDraft } from '../../src/core/replay/draft';
import { bodyObject } from '../../src/core/body';
import { onlyFlow, scenario } from './view-support';

function stepOf(name: string, index: number) {
  const step = onlyFlow(scenario(name)).steps[index]!;
  return { step, draft: maskDraft(bodyObject(step.call.request)) };
}

const rowsOrThrow = (draft: MaskedDraft, name: string, index: number) => {
  const { step } = stepOf(name, index);
  const rows = answerRows(draft, step.expected!.field, step.expected);
  if (!rows.ok) throw new Error(rows.reason);
  return rows;
};

describe('replay editor answer rows', () => {
  it('shows the sent keys and a row to fill for each key the step needs and lacks (SECRET_HASH)', () => {
    const { step, draft } = stepOf('missing-secret-hash', 1);
    expect(answerField(step.call.operation, step.expected)).toBe('ChallengeResponses');
    const rows = rowsOrThrow(draft, 'missing-secret-hash', 1);
    expect(rows.missing).toEqual(['SECRET_HASH']);
    const hash = rows.rows.find((r) => r.key === 'SECRET_HASH');
    expect(hash).toMatchObject({ state: 'missing', text: '', secret: true });
    expect(hash?.why).toMatch(/secret/);
    // The code is a secret held in the vault: the row shows nothing of it but its length.
    const code = rows.rows.find((r) => r.key === 'SMS_MFA_CODE')!;
    expect(code).toMatchObject({ state: 'present', masked: true, secret: true, text: '' });
    expect(code.length).toBeGreaterThan(0);
    expect(rows.rows.find((r) => r.key === 'USERNAME')).toMatchObject({ state: 'present', masked: false, secret: false });
  });

  it('follows the typing: filling the missing key clears it, emptying it brings the check back', () => {
    const { step, draft } = stepOf('missing-secret-hash', 1);
    const filled = setAnswerValue(draft, 'ChallengeResponses', 'SECRET_HASH', 'abc=', true)!;
    expect(rowsOrThrow(filled, 'missing-secret-hash', 1).missing).toEqual([]);
    // Masked: the typed secret is in the vault, not in the draft's text, and goes out on Send.
    expect(filled.text).not.toContain('abc=');
    expect(JSON.parse(unmaskDraft(filled.text, filled.vault)).ChallengeResponses.SECRET_HASH).toBe('abc=');
    // Typing on keeps the row's placeholder: one vault value per key, the latest.
    const typedOn = setAnswerValue(filled, 'ChallengeResponses', 'SECRET_HASH', 'abcd=', true)!;
    expect(Object.keys(typedOn.vault)).toHaveLength(Object.keys(filled.vault).length);
    expect(JSON.parse(unmaskDraft(typedOn.text, typedOn.vault)).ChallengeResponses.SECRET_HASH).toBe('abcd=');
    const emptied = setAnswerValue(filled, 'ChallengeResponses', 'SECRET_HASH', '', true)!;
    const rows = rowsOrThrow(emptied, 'missing-secret-hash', 1);
    expect(rows.missing).toEqual(['SECRET_HASH']);
    expect(rows.rows.find((r) => r.key === 'SECRET_HASH')?.state).toBe('empty');
    // Revealed (no masking), a typed value is plain text in the draft; the other keys are untouched.
    const plain = setAnswerValue(draft, 'ChallengeResponses', 'SECRET_HASH', 'xyz=', false)!;
    expect(JSON.parse(plain.text).ChallengeResponses.SECRET_HASH).toBe('xyz=');
    expect(JSON.parse(unmaskDraft(plain.text, plain.vault))).toMatchObject({ ...bodyObject(step.call.request), ChallengeResponses: { ...(bodyObject(step.call.request).ChallengeResponses as object), SECRET_HASH: 'xyz=' } });
  });

  it('an empty value typed into a missing row adds nothing; a removed key comes back as missing', () => {
    const { draft } = stepOf('missing-secret-hash', 1);
    expect(setAnswerValue(draft, 'ChallengeResponses', 'SECRET_HASH', '', true)).toBe(draft);
    const removed = removeAnswerKey(draft, 'ChallengeResponses', 'USERNAME')!;
    const rows = rowsOrThrow(removed, 'missing-secret-hash', 1);
    expect(rows.missing).toEqual(['USERNAME', 'SECRET_HASH']);
    expect(rows.rows.find((r) => r.key === 'USERNAME')?.state).toBe('missing');
  });

  it('shows a wrong key as an extra row and the right one as missing (SMS_OTP answered with SMS_MFA_CODE)', () => {
    const { draft } = stepOf('sms-otp-wrong-code-key', 1);
    const rows = rowsOrThrow(draft, 'sms-otp-wrong-code-key', 1);
    expect(rows.missing).toEqual(['SMS_OTP_CODE']);
    expect(rows.rows.find((r) => r.key === 'SMS_MFA_CODE')).toMatchObject({ state: 'present', why: null });
  });

  it('creates the answer map when the draft has none, and keeps "__proto__" a key', () => {
    const draft = { text: '{"ChallengeName":"SMS_MFA"}', vault: {} };
    const next = setAnswerValue(draft, 'ChallengeResponses', '__proto__', 'x', true)!;
    const parsed = JSON.parse(next.text) as { ChallengeResponses: object };
    expect(Object.getOwnPropertyDescriptor(parsed.ChallengeResponses, '__proto__')?.value).toBe('x');
    const rows = answerRows(next, 'ChallengeResponses', null);
    expect(rows.ok && rows.rows.map((r) => r.key)).toEqual(['__proto__']);
  });

  it('says why there are no rows when the draft is not a JSON object or the map is not an object', () => {
    expect(answerRows({ text: '{ oops', vault: {} }, 'AuthParameters', null)).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(answerRows({ text: '[1]', vault: {} }, 'AuthParameters', null)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a JSON object/) });
    expect(answerRows({ text: '{"AuthParameters":"x"}', vault: {} }, 'AuthParameters', null)).toMatchObject({ ok: false, reason: expect.stringMatching(/AuthParameters is not a JSON object/) });
    expect(setAnswerValue({ text: '{ oops', vault: {} }, 'AuthParameters', 'USERNAME', 'u', true)).toBeNull();
    expect(answerField('SignUp', null)).toBeNull();
    expect(answerField('InitiateAuth', null)).toBe('AuthParameters');
  });
});
