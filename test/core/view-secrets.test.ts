import { describe, expect, it } from 'vitest';
import { isSecretHeader, isSecretKey, maskBodyText, maskJson, maskedDisplay, maskedText } from '../../src/core/view/secrets';
import { topLevelRows } from '../../src/core/view/request-keys';
import { parameterRows } from '../../src/core/view/response-view';
import { onlyFlow, realCapture } from './view-support';

describe('secrets the panel masks', () => {
  it('are the redaction module’s keys: passwords, codes, Session, SECRET_HASH, tokens', () => {
    for (const key of ['PASSWORD', 'SMS_MFA_CODE', 'Session', 'SECRET_HASH', 'IdToken', 'AccessToken', 'RefreshToken', 'PASSWORD_CLAIM_SIGNATURE']) {
      expect(isSecretKey(key, 'x'), key).toBe(true);
    }
    for (const key of ['USERNAME', 'ClientId', 'AuthFlow', 'ChallengeName', 'TIMESTAMP']) expect(isSecretKey(key, 'x'), key).toBe(false);
  });

  it('treat ANSWER as a secret unless it names a challenge', () => {
    expect(isSecretKey('ANSWER', 'SOFTWARE_TOKEN_MFA')).toBe(false);
    expect(isSecretKey('ANSWER', 'my custom answer 42')).toBe(true);
  });

  it('mask auth headers whatever their case', () => {
    expect(isSecretHeader('Authorization')).toBe(true);
    expect(isSecretHeader('x-amz-security-token')).toBe(true);
    expect(isSecretHeader('X-Amz-Target')).toBe(false);
  });

  it('show only the length of a masked value', () => {
    expect(maskedText('123456')).toBe('••••••• (6 chars)');
  });

  it('mask every secret of a real response body and nothing else', () => {
    const flow = onlyFlow(realCapture('user-password-auth.har'));
    const last = flow.steps.find((step) => step.tokens !== null)!;
    const text = last.call.har.response.content.text!;
    const masked = maskBodyText(text);
    const result = (JSON.parse(text) as { AuthenticationResult: Record<string, unknown> }).AuthenticationResult;
    for (const key of ['IdToken', 'AccessToken', 'RefreshToken']) {
      expect(masked).not.toContain(result[key] as string);
    }
    expect(masked).toContain('"ChallengeParameters": {}');
  });

  it('keep a "__proto__" key as data', () => {
    const masked = maskJson(JSON.parse('{"__proto__":{"PASSWORD":"hunter2"}}')) as Record<string, unknown>;
    expect(Object.hasOwn(masked, '__proto__')).toBe(true);
    expect(JSON.stringify(masked)).not.toContain('hunter2');
  });

  it('mask secrets inside objects with the same walk as Raw (issue 7, item 3)', () => {
    const auth = { USERNAME: 'alice', PASSWORD: 'hunter2', nested: [{ Session: 'S'.repeat(20) }] };
    const shown = maskedDisplay('AuthParameters', auth)!;
    expect(shown).toContain('"USERNAME":"alice"');
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('S'.repeat(20));
    expect(maskedDisplay('ClientMetadata', { plain: 'text' })).toBeNull();
    expect(maskedDisplay('PASSWORD', 123456)).toBe('••••••• (6 chars)');
    expect(maskedDisplay('USERNAME', 'alice')).toBeNull();
    // The rows the tables render: one row per top-level field, its secrets masked inside.
    const [row] = topLevelRows({ AuthParameters: auth }, null);
    expect(row).toMatchObject({ key: 'AuthParameters', secret: true, masked: shown });
    const [decoded] = parameterRows({ attributes: JSON.stringify({ SECRET_HASH: 'h'.repeat(30) }) });
    expect(decoded).toMatchObject({ secret: true });
    expect(decoded!.masked).not.toContain('h'.repeat(30));
  });

  it('mask a body that is not JSON whole (an unquoted password), keeping its length (issue 7, item 5)', () => {
    const text = '{"PASSWORD": hunter2}';
    expect(maskBodyText(text)).toBe(`••••••• (${text.length} chars): not JSON, masked whole until revealed`);
    expect(maskBodyText('')).toBe('');
  });
});

describe('secrets the panel masks in bodies (the export walk)', () => {
  it('mask codes sent as numbers, every Logins token, identity-pool credentials and a CUSTOM_CHALLENGE ANSWER in capitals', () => {
    const masked = JSON.stringify(maskJson({
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeResponses: { SOFTWARE_TOKEN_MFA_CODE: 987654, ANSWER: 'BLUEWHALE' },
      Logins: { 'graph.facebook.com': 'EAAGopaqueFacebookToken' },
      Credentials: { SecretKey: 'wJalrXUtnFEMI/K7MDENG', SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE' },
    }));
    for (const secret of ['987654', 'BLUEWHALE', 'EAAGopaque', 'wJalrXUtn', 'IQoJb3JpZ2']) expect(masked).not.toContain(secret);
    expect(masked).toContain('••••••• (6 chars)');
  });

  it('keep ANSWER of SELECT_MFA_TYPE readable', () => {
    expect(maskJson({ ChallengeName: 'SELECT_MFA_TYPE', ChallengeResponses: { ANSWER: 'SOFTWARE_TOKEN_MFA' } })).toEqual({ ChallengeName: 'SELECT_MFA_TYPE', ChallengeResponses: { ANSWER: 'SOFTWARE_TOKEN_MFA' } });
  });

  it('tables mask with the whole body as context, like Raw: a CUSTOM_CHALLENGE ANSWER in capitals, an array or object under a secret key', () => {
    const request = { ChallengeName: 'CUSTOM_CHALLENGE', ChallengeResponses: { USERNAME: 'alice', ANSWER: 'BLUEWHALE', NEW_PASSWORD: ['Array-Held-1'], SMS_MFA_CODE: { digits: '192837' } } };
    const rows = topLevelRows(request, null);
    const shown = rows.find((r) => r.key === 'ChallengeResponses')!;
    expect(shown.secret).toBe(true);
    for (const secret of ['BLUEWHALE', 'Array-Held-1', '192837']) expect(shown.masked).not.toContain(secret);
    expect(maskedDisplay('NEW_PASSWORD', ['Array-Held-1'])).not.toContain('Array-Held-1');
    expect(maskedDisplay('SMS_MFA_CODE', { digits: '192837' })).not.toContain('192837');
  });
});
