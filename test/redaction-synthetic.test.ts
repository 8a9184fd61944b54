/**
 * Redaction over realistic traffic (the bench's synthetic generator: SRP, MFA, devices, custom
 * auth, sign-up, failures, with ordinary page traffic around them). Exports and copies will go
 * through redactHar, so it must (1) leak no secret and (2) keep the capture just as debuggable.
 * The list of secret keys below is written from the protocol reference, not imported from the code.
 */
import { describe, expect, it } from 'vitest';
import { generateSyntheticHar } from '../scripts/lib/synthetic-har';
import { analyzeHar } from '../src/core/analyze';
import { toReport } from '../src/core/report';
import { PROFILES, redactHar } from '../src/core/redact';

/** Keys whose values are secrets (passwords, codes, Sessions, SRP proofs, client secrets, refresh tokens). */
const SECRET_KEYS = new Set([
  'PASSWORD', 'NEW_PASSWORD', 'Password', 'PreviousPassword', 'ProposedPassword', 'ClientSecret', 'SecretCode',
  'SMS_MFA_CODE', 'SMS_OTP_CODE', 'EMAIL_OTP_CODE', 'SOFTWARE_TOKEN_MFA_CODE', 'UserCode', 'ConfirmationCode',
  'Session', 'SECRET_HASH', 'SECRET_BLOCK', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE',
  'REFRESH_TOKEN', 'RefreshToken', 'DEVICE_SECRET', 'CREDENTIAL',
]);
/** Keys holding JWTs: their signatures are secret, their claims are what one debugs. */
const JWT_KEYS = new Set(['IdToken', 'AccessToken']);

function collectSecrets(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((v) => collectSecrets(v, into));
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && SECRET_KEYS.has(key) && item.length >= 6) into.add(item);
    else if (typeof item === 'string' && JWT_KEYS.has(key)) into.add(item.split('.')[2] ?? item);
    else collectSecrets(item, into);
  }
}

function parse(text: string | undefined): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const { har, flows, cognitoEntries } = generateSyntheticHar({ seed: 11, flows: 80, ordinary: 300, bodies: 'small' });

function secretsOf(): Set<string> {
  const secrets = new Set<string>();
  for (const index of cognitoEntries) {
    const entry = har.log.entries[index]!;
    collectSecrets(parse(entry.request.postData?.text), secrets);
    collectSecrets(parse(entry.response.content.text), secrets);
  }
  return secrets;
}

function chains(report: ReturnType<typeof toReport>) {
  return report.flows.map((f) => ({ user: f.user !== null, outcome: f.outcome, steps: f.steps.map((s) => [s.entry, s.operation, s.challengeIn, s.challengeOut, s.handoff]) }));
}

describe('redaction of realistic traffic', () => {
  const secrets = secretsOf();

  it('has secrets to hide in the first place', () => {
    expect(secrets.size).toBeGreaterThan(200);
  });

  it.each([PROFILES.share, PROFILES.strict])('leaks none of them ($name profile)', (profile) => {
    const text = JSON.stringify(redactHar(har, profile));
    // A 6-digit code also occurs by chance inside long hex values, so a short secret counts as leaked
    // when it appears as a whole JSON string value (its quotes escaped: bodies are strings in a HAR);
    // a long one, anywhere.
    const leaked = [...secrets].filter((secret) => (secret.length < 12 ? text.includes(`\\"${secret}\\"`) : text.includes(secret)));
    expect(leaked).toEqual([]);
  });

  it.each([PROFILES.share, PROFILES.strict])('keeps every chain, outcome and diagnostic ($name profile)', (profile) => {
    const plain = toReport(analyzeHar(har));
    const redacted = toReport(analyzeHar(redactHar(har, profile)));
    expect(chains(redacted)).toEqual(chains(plain));
    // identity-format judges a value's shape (this traffic's Logins values are not JWTs); an export
    // that masks such a value whole leaves no shape to judge, and the analyzer says nothing about it.
    const judged = (r: typeof plain) => r.diagnostics.filter((d) => d.code !== 'identity-format').map((d) => [d.entry, d.code]);
    expect(judged(redacted)).toEqual(judged(plain));
  });

  it('strict also hides who signed in', () => {
    const text = JSON.stringify(redactHar(har, PROFILES.strict));
    const users = [...new Set(flows.map((f) => f.user))];
    expect(users.length).toBeGreaterThan(10);
    expect(users.filter((user) => text.includes(user))).toEqual([]);
  });
});
