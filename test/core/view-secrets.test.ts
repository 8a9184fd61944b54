import { describe, expect, it } from 'vitest';
import { isSecretHeader, isSecretKey, maskBodyText, maskJson, maskedText } from '../../src/core/view/secrets';
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
    const last = flow.steps.at(-1)!;
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
});
